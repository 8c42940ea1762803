import { ID_Continue, ID_Start, Space_Separator } from 'json5/lib/unicode';
import type { Node as JsonNode } from 'jsonc-parser';
import type { WritableNode } from './nodes';

/**
 * The tree of a JSON5 text, read the way NapCat's own reader (the json5 package, 2.x) reads it,
 * or undefined when that reader rejects the text.
 *
 * Why a reader of our own: json5 gives values without positions, and a second library that gives
 * positions disagreed with json5 on several corners, so every keystroke in a JSON5 config cost two
 * full parses and a conversion — four to five times the JSON path on a 100 KiB config. This
 * reader follows json5's grammar state by state (lib/parse.js: the same white space, comments,
 * numbers, escapes and identifier tables — json5's own `lib/unicode` expressions), and builds
 * jsonc-parser's `Node` shape directly, with jsonc-parser's key order so both readers' nodes share
 * their hidden classes. The differential tests (test/unit/parse-json5.test.ts) hold it to json5 on
 * generated texts, mutations and a table of corners. Only acceptance and values are decided here:
 * where a rejected text stops is still asked of json5 itself (parse.ts).
 *
 * Recursive per nesting level, like jsonc-parser: hostile nesting throws RangeError, which the
 * caller turns into its "too deep" failure.
 */
export function readJson5(source: string): JsonNode | undefined {
  const reader = new Reader(source);
  try {
    reader.skip();
    const root = reader.value(undefined);
    reader.skip();
    return reader.i === source.length ? root : undefined;
  } catch (e) {
    if (e === REJECT) return undefined;
    throw e;
  }
}

/**
 * One token of `source` read at `at` as `readJson5` reads it there: a quoted string, a number
 * (sign, `Infinity`, `NaN` and hex included) or an unquoted key. Returns its value and the offset
 * after it, or undefined where the reader would reject the text. For the re-reading of an edited
 * token (reparse.ts).
 */
export function readToken(source: string, at: number, kind: 'string' | 'number' | 'identifier'): { readonly value: string | number; readonly end: number } | undefined {
  const reader = new Reader(source);
  reader.i = at;
  try {
    const value = kind === 'string' ? reader.string() : kind === 'number' ? reader.number() : reader.identifier();
    return { value, end: reader.i };
  } catch (e) {
    if (e === REJECT) return undefined;
    throw e;
  }
}

/** Thrown (never escapes readJson5) where json5 would throw its syntax error. */
const REJECT = new Error('JSON5 text rejected');

const enum C {
  tab = 0x09,
  lf = 0x0a,
  vt = 0x0b,
  ff = 0x0c,
  cr = 0x0d,
  space = 0x20,
  dquote = 0x22,
  dollar = 0x24,
  squote = 0x27,
  plus = 0x2b,
  comma = 0x2c,
  minus = 0x2d,
  dot = 0x2e,
  slash = 0x2f,
  star = 0x2a,
  d0 = 0x30,
  d9 = 0x39,
  colon = 0x3a,
  backslash = 0x5c,
  underscore = 0x5f,
  openBracket = 0x5b,
  closeBracket = 0x5d,
  openBrace = 0x7b,
  closeBrace = 0x7d,
  nbsp = 0xa0,
  zwnj = 0x200c,
  zwj = 0x200d,
  ls = 0x2028,
  ps = 0x2029,
  bom = 0xfeff,
}

/** The escapes of one letter: `\b`, `\f`, `\n`, `\r`, `\t`, `\v`. */
const SINGLE_ESCAPES = new Map([
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['v', '\v'],
]);

const isDigit = (c: number) => c >= C.d0 && c <= C.d9;
const isHexDigit = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** The ASCII characters that start a name (json5's `isIdStartChar` below U+0080). */
const isAsciiIdStart = (c: number) => isAsciiLetter(c) || c === C.dollar || c === C.underscore;
/** The ASCII characters that continue a name. */
const isAsciiIdContinue = (c: number) => isAsciiIdStart(c) || isDigit(c);

/** json5's `isIdStartChar`, on a whole code point. */
function isIdStart(cp: string): boolean {
  const c = cp.charCodeAt(0);
  return isAsciiIdStart(c) || (c >= 0x80 && ID_Start.test(cp));
}

/** json5's `isIdContinueChar`, on a whole code point. */
function isIdContinue(cp: string): boolean {
  const c = cp.charCodeAt(0);
  return isAsciiIdContinue(c) || c === C.zwnj || c === C.zwj || (c >= 0x80 && ID_Continue.test(cp));
}

class Reader {
  i = 0;

  constructor(private readonly s: string) {}

  /** The code point at `i` as a string (json5 reads code points, not UTF-16 units). */
  private codePoint(): string {
    return String.fromCodePoint(this.s.codePointAt(this.i)!);
  }

  /** White space and comments, as json5's `default` and comment states read them. */
  skip(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === C.space || c === C.lf || c === C.cr || c === C.tab || c === C.vt || c === C.ff || c === C.nbsp || c === C.bom || c === C.ls || c === C.ps) {
        this.i++;
      } else if (c === C.slash) {
        const next = s.charCodeAt(this.i + 1);
        if (next === C.slash) {
          let j = this.i + 2;
          for (let k = s.charCodeAt(j); j < s.length && k !== C.lf && k !== C.cr && k !== C.ls && k !== C.ps; k = s.charCodeAt(++j));
          this.i = j;
        } else if (next === C.star) {
          const close = s.indexOf('*/', this.i + 2);
          if (close < 0) throw REJECT;
          this.i = close + 2;
        } else {
          throw REJECT;
        }
      } else if (c > 0x7f && Space_Separator.test(s[this.i])) {
        // Every Space_Separator is in the BMP: one UTF-16 unit.
        this.i++;
      } else {
        return;
      }
    }
  }

  /** A value starting at `i` (white space already skipped). */
  value(parent: JsonNode | undefined): JsonNode {
    const s = this.s;
    const start = this.i;
    const c = s.charCodeAt(start);
    switch (c) {
      case C.openBrace:
        return this.object(parent);
      case C.openBracket:
        return this.array(parent);
      case C.dquote:
      case C.squote: {
        const value = this.string();
        return { type: 'string', offset: start, length: this.i - start, parent, value } as JsonNode;
      }
      case 0x6e /* n */:
        this.word('null');
        return { type: 'null', offset: start, length: 4, parent, value: null } as JsonNode;
      case 0x74 /* t */:
        this.word('true');
        return { type: 'boolean', offset: start, length: 4, parent, value: true } as JsonNode;
      case 0x66 /* f */:
        this.word('false');
        return { type: 'boolean', offset: start, length: 5, parent, value: false } as JsonNode;
      default: {
        const value = this.number();
        return { type: 'number', offset: start, length: this.i - start, parent, value } as JsonNode;
      }
    }
  }

  private object(parent: JsonNode | undefined): JsonNode {
    return this.container('object', C.closeBrace, parent, (node) => this.property(node));
  }

  private array(parent: JsonNode | undefined): JsonNode {
    return this.container('array', C.closeBracket, parent, (node) => this.value(node));
  }

  /** An object or an array at `i`: its members, each read by `member`, up to `close`. */
  private container(type: 'object' | 'array', close: number, parent: JsonNode | undefined, member: (node: JsonNode) => JsonNode): JsonNode {
    const node = { type, offset: this.i, length: -1, parent, children: [] } as unknown as WritableNode;
    this.i++;
    this.skip();
    while (this.s.charCodeAt(this.i) !== close) {
      node.children!.push(member(node));
      this.skip();
      this.separator(close);
    }
    this.i++;
    node.length = this.i - node.offset;
    return node;
  }

  /** A member of an object at `i`: its key (quoted or an identifier), the colon, the value. */
  private property(parent: JsonNode): JsonNode {
    const s = this.s;
    const keyStart = this.i;
    // The property's children are set once, as a two-element array: pushing into an empty array
    // would reserve room for 17.
    const prop = { type: 'property', offset: keyStart, length: -1, parent, children: undefined, colonOffset: -1 } as unknown as WritableNode;
    const k = s.charCodeAt(keyStart);
    const name = k === C.dquote || k === C.squote ? this.string() : this.identifier();
    const key = { type: 'string', value: name, offset: keyStart, length: this.i - keyStart, parent: prop } as JsonNode;
    this.skip();
    if (s.charCodeAt(this.i) !== C.colon) throw REJECT;
    prop.colonOffset = this.i;
    this.i++;
    this.skip();
    const value = this.value(prop);
    prop.children = [key, value];
    prop.length = value.offset + value.length - keyStart;
    return prop;
  }

  /** After a member or an element: a comma (and the white space after it), or `close`; anything else rejects. */
  private separator(close: number): void {
    const c = this.s.charCodeAt(this.i);
    if (c === C.comma) {
      this.i++;
      this.skip();
    } else if (c !== close) {
      throw REJECT;
    }
  }

  /** `null`, `true`, `false`, `Infinity`, `NaN`: the exact word. */
  private word(w: string): void {
    if (!this.s.startsWith(w, this.i)) throw REJECT;
    this.i += w.length;
  }

  /** json5's number states, from an optional sign to the end of the number; anything else rejects. */
  number(): number {
    const s = this.s;
    let sign = 1;
    let c = s.charCodeAt(this.i);
    if (c === C.plus || c === C.minus) {
      if (c === C.minus) sign = -1;
      c = s.charCodeAt(++this.i);
    }
    if (c === 0x49 /* I */) {
      this.word('Infinity');
      return sign * Infinity;
    }
    if (c === 0x4e /* N */) {
      this.word('NaN');
      return NaN;
    }
    const start = this.i;
    if (c === C.dot) {
      // A leading point needs a digit.
      if (!isDigit(s.charCodeAt(++this.i))) throw REJECT;
      this.digits();
      this.exponent();
    } else if (c === C.d0) {
      c = s.charCodeAt(++this.i);
      if (c === 0x78 /* x */ || c === 0x58 /* X */) {
        this.i++;
        if (!isHexDigit(s.charCodeAt(this.i))) throw REJECT;
        while (isHexDigit(s.charCodeAt(this.i))) this.i++;
      } else {
        this.fraction();
      }
    } else if (isDigit(c)) {
      this.digits();
      this.fraction();
    } else {
      throw REJECT;
    }
    return sign * Number(s.slice(start, this.i));
  }

  private digits(): void {
    while (isDigit(this.s.charCodeAt(this.i))) this.i++;
  }

  /** After the integer part: an optional `.` with optional digits, then an optional exponent. */
  private fraction(): void {
    if (this.s.charCodeAt(this.i) === C.dot) {
      this.i++;
      this.digits();
    }
    this.exponent();
  }

  /** An optional exponent: `e` or `E`, an optional sign, and at least one digit. */
  private exponent(): void {
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c !== 0x65 /* e */ && c !== 0x45 /* E */) return;
    let d = s.charCodeAt(++this.i);
    if (d === C.plus || d === C.minus) d = s.charCodeAt(++this.i);
    if (!isDigit(d)) throw REJECT;
    this.digits();
  }

  /** A string in single or double quotes, at `i`; returns its value and leaves `i` after the closing quote. */
  string(): string {
    const s = this.s;
    const quote = s.charCodeAt(this.i);
    let from = ++this.i;
    let out = '';
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === quote) {
        out += s.slice(from, this.i);
        this.i++;
        return out;
      }
      if (c === C.backslash) {
        out += s.slice(from, this.i);
        this.i++;
        out += this.escape();
        from = this.i;
      } else if (c === C.lf || c === C.cr || this.i >= s.length) {
        throw REJECT;
      } else {
        this.i++;
      }
    }
  }

  /** json5's `escape`, after the backslash. */
  private escape(): string {
    const s = this.s;
    const single = SINGLE_ESCAPES.get(s[this.i]);
    if (single !== undefined) {
      this.i++;
      return single;
    }
    const c = s.charCodeAt(this.i);
    switch (c) {
      case C.d0:
        this.i++;
        if (isDigit(s.charCodeAt(this.i))) throw REJECT;
        return '\0';
      case 0x78 /* x */:
        this.i++;
        return this.hex(2);
      case 0x75 /* u */:
        this.i++;
        return this.hex(4);
      case C.lf:
      case C.ls:
      case C.ps:
        this.i++;
        return '';
      case C.cr:
        this.i++;
        if (s.charCodeAt(this.i) === C.lf) this.i++;
        return '';
    }
    if (isDigit(c) || this.i >= s.length) throw REJECT;
    // Any other character stands for itself (a whole code point, as json5 reads it).
    const cp = this.codePoint();
    this.i += cp.length;
    return cp;
  }

  /** `n` hex digits at `i`, as the character of that code. */
  private hex(n: number): string {
    const s = this.s;
    for (let k = 0; k < n; k++) if (!isHexDigit(s.charCodeAt(this.i + k))) throw REJECT;
    const code = parseInt(s.slice(this.i, this.i + n), 16);
    this.i += n;
    return String.fromCodePoint(code);
  }

  /** An unquoted key: json5's IdentifierName, `\uXXXX` escapes included. */
  identifier(): string {
    const s = this.s;
    // The usual key, ASCII letters, digits, `$` and `_`, is taken in one slice; anything else
    // (an escape, a non-ASCII letter) goes on character by character from where the run stops.
    const start = this.i;
    let c0 = s.charCodeAt(this.i);
    if (isAsciiIdStart(c0)) {
      do c0 = s.charCodeAt(++this.i);
      while (isAsciiIdContinue(c0));
    }
    let name = s.slice(start, this.i);
    let first = this.i === start;
    // Stopped at the end, or at an ASCII character that cannot continue a name: the key is complete.
    if (!first && c0 !== C.backslash && !(c0 >= 0x80)) return name;
    for (;;) {
      const c = s.charCodeAt(this.i);
      let cp: string;
      if (c === C.backslash) {
        if (s.charCodeAt(this.i + 1) !== 0x75 /* u */) throw REJECT;
        this.i += 2;
        cp = this.hex(4);
        const ok = first ? cp === '$' || cp === '_' || isIdStart(cp) : cp === '$' || cp === '_' || cp === '\u200c' || cp === '\u200d' || isIdContinue(cp);
        if (!ok) throw REJECT;
      } else {
        if (this.i >= s.length) {
          if (first) throw REJECT;
          return name;
        }
        cp = c < 0x80 ? s[this.i] : this.codePoint();
        if (!(first ? isIdStart(cp) : isIdContinue(cp))) {
          if (first) throw REJECT;
          return name;
        }
        this.i += cp.length;
      }
      name += cp;
      first = false;
    }
  }
}
