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

class Reader {
  pos = 0;
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
      const value = this.string();
      return { type: 'string', offset: start, length: this.pos - start, parent, value } as JsonNode;
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
    return { type, offset, length, parent, value } as JsonNode;
  }

  private number(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (t.charCodeAt(p) === 45) p++;
    let c = t.charCodeAt(p);
    if (c === 48) p++;
    else if (c >= 49 && c <= 57) {
      do p++;
      while ((c = t.charCodeAt(p)) >= 48 && c <= 57);
    } else throw GIVE_UP;
    if (t.charCodeAt(p) === 46 /* . */) {
      p++;
      if (!((c = t.charCodeAt(p)) >= 48 && c <= 57)) throw GIVE_UP;
      do p++;
      while ((c = t.charCodeAt(p)) >= 48 && c <= 57);
    }
    c = t.charCodeAt(p);
    if (c === 101 || c === 69 /* e E */) {
      p++;
      c = t.charCodeAt(p);
      if (c === 43 || c === 45) p++;
      if (!((c = t.charCodeAt(p)) >= 48 && c <= 57)) throw GIVE_UP;
      do p++;
      while ((c = t.charCodeAt(p)) >= 48 && c <= 57);
    }
    if (isIdentPart(t.charCodeAt(p)) || t.charCodeAt(p) === 46) throw GIVE_UP;
    this.pos = p;
    return { type: 'number', offset: start, length: p - start, parent, value: Number(t.slice(start, p)) } as JsonNode;
  }

  /** Reads a double-quoted string at `pos` and returns its value; gives up on anything unusual. */
  string(): string {
    const t = this.text;
    const start = this.pos + 1;
    let p = start;
    let out: string | undefined;
    let chunk = start;
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
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw GIVE_UP;
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
      p++;
    }
    this.pos = p + 1;
    return out === undefined ? t.slice(start, p) : out + t.slice(chunk, p);
  }

  private object(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const node = { type: 'object', offset: this.pos, length: -1, parent, children: [] as JsonNode[] } as JsonNode;
    this.pos++;
    this.skip();
    let first = true;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 125 /* } */) break;
      if (!first) {
        if (c !== 44 /* , */) throw GIVE_UP;
        this.pos++;
        this.skip();
        if (t.charCodeAt(this.pos) === 125) break; // trailing comma
      }
      first = false;
      if (t.charCodeAt(this.pos) !== 34) throw GIVE_UP;
      const keyOffset = this.pos;
      const name = this.string();
      const keyLength = this.pos - keyOffset;
      this.skip();
      if (t.charCodeAt(this.pos) !== 58 /* : */) throw GIVE_UP;
      // Every field is set at creation (length fixed below), so all property nodes share one shape.
      const prop = { type: 'property', offset: keyOffset, length: -1, parent: node, children: [] as JsonNode[], colonOffset: this.pos } as JsonNode;
      prop.children!.push({ type: 'string', value: name, offset: keyOffset, length: keyLength, parent: prop } as JsonNode);
      this.pos++;
      this.skip();
      const value = this.value(prop);
      prop.children!.push(value);
      (prop as { length: number }).length = value.offset + value.length - keyOffset;
      node.children!.push(prop);
      this.skip();
    }
    this.pos++;
    (node as { length: number }).length = this.pos - node.offset;
    return node;
  }

  private array(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const node = { type: 'array', offset: this.pos, length: -1, parent, children: [] as JsonNode[] } as JsonNode;
    this.pos++;
    this.skip();
    let first = true;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 93 /* ] */) break;
      if (!first) {
        if (c !== 44) throw GIVE_UP;
        this.pos++;
        this.skip();
        if (t.charCodeAt(this.pos) === 93) break; // trailing comma
      }
      first = false;
      node.children!.push(this.value(node));
      this.skip();
    }
    this.pos++;
    (node as { length: number }).length = this.pos - node.offset;
    return node;
  }
}

/** Characters that would continue a literal or number (then it is not plain JSON). */
function isIdentPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127;
}
