import type { JsonNode } from './parse';

/**
 * A fast reader for the common case: JSON with comments and trailing commas, free of errors.
 *
 * It builds exactly the tree jsonc-parser's `parseTree` builds (same node kinds, offsets, lengths,
 * `colonOffset`, `parent` links, values; the root has no `parent`), about twice as fast, because it
 * reads character codes directly and computes no line/column positions. It gives up — returns
 * undefined — at the first thing outside that common case (any syntax error, JSON5 syntax, a
 * control character in a string, an unterminated comment); the caller then takes the general
 * path, which handles every input. A differential test checks it against `parseTree`.
 *
 * The tree of a large config is most of the memory an analysis holds, and everything in it stays
 * alive while the rules run, so the reader keeps it lean: every `children` array is allocated at
 * its final size, nodes of one kind share one shape, and a key written again (every entry of a
 * list repeats the same keys) reuses the string read the first time.
 *
 * Recursion depth follows the nesting of the text; the caller catches the RangeError of a hostile
 * nesting depth.
 */
export function fastParse(text: string): JsonNode | undefined {
  const r = new Reader(text);
  try {
    r.skip();
    const root = r.value(undefined);
    r.skip();
    if (r.pos !== text.length) return undefined;
    delete (root as { parent?: JsonNode }).parent;
    return root;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

const GIVE_UP = new Error('not plain JSONC');
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Slots of the cache of keys (a power of two); a config has a few dozen distinct keys. */
const KEY_CACHE_SIZE = 256;

class Reader {
  pos = 0;
  /**
   * The children read so far of every container still open, innermost last: a container takes
   * its own as one exact-size slice when it closes (arrays grown by `push` keep spare capacity).
   */
  private readonly pending: JsonNode[] = [];
  /** Keys read before, by a hash of their characters (a direct-mapped cache: a clash replaces). */
  private readonly keys: (string | undefined)[] = new Array<string | undefined>(KEY_CACHE_SIZE).fill(undefined);
  constructor(private readonly text: string) {}

  /** Skips white space (space, tab, CR, LF) and both kinds of comments, as jsonc-parser does. */
  skip(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else if (c === 47 /* / */) {
        const d = t.charCodeAt(p + 1);
        if (d === 47) {
          p += 2;
          while (p < t.length) {
            const e = t.charCodeAt(p);
            if (e === 10 || e === 13) break;
            p++;
          }
        } else if (d === 42 /* * */) {
          const end = t.indexOf('*/', p + 2);
          if (end < 0) throw GIVE_UP;
          p = end + 2;
        } else throw GIVE_UP;
      } else break;
    }
    this.pos = p;
  }

  value(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (c === 123 /* { */) return this.object(parent);
    if (c === 91 /* [ */) return this.array(parent);
    if (c === 34 /* " */) {
      const value = this.string(false);
      return scalar('string', start, this.pos - start, parent, value);
    }
    if (c === 116 /* t */ && t.startsWith('true', start)) return this.literal('boolean', true, 4, parent);
    if (c === 102 /* f */ && t.startsWith('false', start)) return this.literal('boolean', false, 5, parent);
    if (c === 110 /* n */ && t.startsWith('null', start)) return this.literal('null', null, 4, parent);
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) return this.number(parent);
    throw GIVE_UP;
  }

  private literal(type: 'boolean' | 'null', value: boolean | null, length: number, parent: JsonNode | undefined): JsonNode {
    const offset = this.pos;
    this.pos += length;
    if (isIdentPart(this.text.charCodeAt(this.pos))) throw GIVE_UP;
    return scalar(type, offset, length, parent, value);
  }

  private number(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const start = this.pos;
    let p = start;
    const negative = t.charCodeAt(p) === 45;
    if (negative) p++;
    // The integer part is summed up while it is read: exact for up to 15 digits, which covers
    // every port and interval; anything longer, or with a fraction or exponent, goes to Number().
    let integer = 0;
    let c = t.charCodeAt(p);
    if (c === 48) p++;
    else if (c >= 49 && c <= 57) {
      do {
        integer = integer * 10 + (c - 48);
        p++;
      } while ((c = t.charCodeAt(p)) >= 48 && c <= 57);
    } else throw GIVE_UP;
    const digits = p - start - (negative ? 1 : 0);
    let plain = digits <= 15;
    if (t.charCodeAt(p) === 46 /* . */) {
      plain = false;
      p++;
      if (!((c = t.charCodeAt(p)) >= 48 && c <= 57)) throw GIVE_UP;
      do p++;
      while ((c = t.charCodeAt(p)) >= 48 && c <= 57);
    }
    c = t.charCodeAt(p);
    if (c === 101 || c === 69 /* e E */) {
      plain = false;
      p++;
      c = t.charCodeAt(p);
      if (c === 43 || c === 45) p++;
      if (!((c = t.charCodeAt(p)) >= 48 && c <= 57)) throw GIVE_UP;
      do p++;
      while ((c = t.charCodeAt(p)) >= 48 && c <= 57);
    }
    if (isIdentPart(t.charCodeAt(p)) || t.charCodeAt(p) === 46) throw GIVE_UP;
    this.pos = p;
    // `-0` stays -0, as Number('-0') makes it.
    const value = plain ? (negative ? -integer : integer) : Number(t.slice(start, p));
    return scalar('number', start, p - start, parent, value);
  }

  /**
   * Reads a double-quoted string at `pos` and returns its value; gives up on anything unusual.
   * A key without escapes that was read before comes back as the same string.
   */
  string(key: boolean): string {
    const t = this.text;
    const start = this.pos + 1;
    let p = start;
    let out: string | undefined;
    let chunk = start;
    let hash = 0;
    for (;;) {
      if (p >= t.length) throw GIVE_UP;
      const c = t.charCodeAt(p);
      if (c === 34) break;
      if (c < 0x20) throw GIVE_UP;
      if (c === 92 /* \ */) {
        out = (out ?? '') + t.slice(chunk, p);
        const e = t.charCodeAt(p + 1);
        switch (e) {
          case 34: out += '"'; break;
          case 92: out += '\\'; break;
          case 47: out += '/'; break;
          case 98: out += '\b'; break;
          case 102: out += '\f'; break;
          case 110: out += '\n'; break;
          case 114: out += '\r'; break;
          case 116: out += '\t'; break;
          case 117: {
            const hex = t.slice(p + 2, p + 6);
            if (!HEX4.test(hex)) throw GIVE_UP;
            out += String.fromCharCode(parseInt(hex, 16));
            p += 4;
            break;
          }
          default:
            throw GIVE_UP;
        }
        p += 2;
        chunk = p;
        continue;
      }
      hash = (hash * 31 + c) | 0;
      p++;
    }
    this.pos = p + 1;
    if (out !== undefined) return out + t.slice(chunk, p);
    if (!key) return t.slice(start, p);
    const slot = hash & (KEY_CACHE_SIZE - 1);
    const known = this.keys[slot];
    if (known !== undefined && known.length === p - start && t.startsWith(known, start)) return known;
    return (this.keys[slot] = t.slice(start, p));
  }

  private object(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const node = container('object', this.pos, parent);
    const pending = this.pending;
    const first = pending.length;
    this.pos++;
    this.skip();
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 125 /* } */) break;
      if (pending.length > first) {
        if (c !== 44 /* , */) throw GIVE_UP;
        this.pos++;
        this.skip();
        if (t.charCodeAt(this.pos) === 125) break; // trailing comma
      }
      if (t.charCodeAt(this.pos) !== 34) throw GIVE_UP;
      const keyOffset = this.pos;
      const name = this.string(true);
      const keyLength = this.pos - keyOffset;
      this.skip();
      if (t.charCodeAt(this.pos) !== 58 /* : */) throw GIVE_UP;
      const prop = property(keyOffset, node, this.pos);
      const key = scalar('string', keyOffset, keyLength, prop, name);
      this.pos++;
      this.skip();
      const value = this.value(prop);
      setChildren(prop, [key, value], value.offset + value.length);
      pending.push(prop);
      this.skip();
    }
    this.pos++;
    setChildren(node, this.take(first), this.pos);
    return node;
  }

  private array(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const node = container('array', this.pos, parent);
    const pending = this.pending;
    const first = pending.length;
    this.pos++;
    this.skip();
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 93 /* ] */) break;
      if (pending.length > first) {
        if (c !== 44) throw GIVE_UP;
        this.pos++;
        this.skip();
        if (t.charCodeAt(this.pos) === 93) break; // trailing comma
      }
      pending.push(this.value(node));
      this.skip();
    }
    this.pos++;
    setChildren(node, this.take(first), this.pos);
    return node;
  }

  /** The pending children from index `first` on, removed from the pending list. */
  private take(first: number): JsonNode[] {
    const pending = this.pending;
    const children = pending.slice(first);
    pending.length = first;
    return children;
  }
}

// Node constructors: each kind of node is created with the same fields in the same order, so the
// whole tree has three shapes (scalar, property, container), as cheap to read as one class.

function scalar(type: JsonNode['type'], offset: number, length: number, parent: JsonNode | undefined, value: unknown): JsonNode {
  return { type, offset, length, parent, value } as JsonNode;
}

/** A property node; its children and length are set once its value is read. */
function property(offset: number, parent: JsonNode, colonOffset: number): JsonNode {
  return { type: 'property', offset, length: -1, parent, children: undefined, colonOffset } as unknown as JsonNode;
}

/** An object or array node; its children and length are set when it closes. */
function container(type: 'object' | 'array', offset: number, parent: JsonNode | undefined): JsonNode {
  return { type, offset, length: -1, parent, children: undefined } as unknown as JsonNode;
}

/** Completes a property or container node that ends at `end`. */
function setChildren(node: JsonNode, children: JsonNode[], end: number): void {
  const n = node as { children: JsonNode[]; length: number };
  n.children = children;
  n.length = end - node.offset;
}

/** Characters that would continue a literal or number (then it is not plain JSON). */
function isIdentPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127;
}
