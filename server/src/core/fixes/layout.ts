import type { JsonNode } from '../json/parse';

/**
 * How a config text is laid out, and the small scanning helpers that edits need: comments, line
 * starts, indentation, the comma after a member. Everything here works on texts that NapCat's
 * reader (json5) accepts; offsets are UTF-16 offsets of the original text.
 */

export interface Layout {
  /** Line ending used by the file: the most common of '\r\n', '\r' (classic Mac) and '\n' (ties: CRLF, then LF). */
  readonly eol: string;
  /** One level of indentation: a tab, or N spaces. */
  readonly unit: string;
}

export interface Comment {
  readonly offset: number;
  readonly length: number;
  /** True for a line comment (`// …`), which must be followed by a line break. */
  readonly line: boolean;
}

/**
 * Detects the line ending and the indentation unit of `text`. `fallbackUnit` is used when the
 * file has no indented line to learn from (a one-line file).
 */
export function detectLayout(text: string, fallbackUnit = '  '): Layout {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) cr++;
  const eol = crlf > 0 && crlf >= lf && crlf >= cr ? '\r\n' : cr > lf && cr > crlf ? '\r' : '\n';
  return { eol, unit: detectUnit(text) ?? fallbackUnit };
}

/**
 * The indentation unit: a tab when most indented lines start with one; otherwise the most common
 * increase of indentation between consecutive lines (ties go to the smaller width).
 */
function detectUnit(text: string): string | undefined {
  let tabs = 0;
  let spaces = 0;
  const deltas = new Map<number, number>();
  let prev = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const m = /^[ \t]*/.exec(line)![0];
    if (m.length === line.length) continue; // blank line
    if (m.startsWith('\t')) tabs++;
    else if (m.length > 0) spaces++;
    if (!m.includes('\t')) {
      const d = m.length - prev;
      if (d > 0) deltas.set(d, (deltas.get(d) ?? 0) + 1);
      prev = m.length;
    }
  }
  if (tabs === 0 && spaces === 0) return undefined;
  if (tabs > spaces) return '\t';
  let best = 0;
  let bestCount = 0;
  for (const [d, n] of deltas) {
    if (d > 8) continue;
    if (n > bestCount || (n === bestCount && d < best)) {
      best = d;
      bestCount = n;
    }
  }
  return best > 0 ? ' '.repeat(best) : undefined;
}

/**
 * Every comment of a JSON5 text, in order. Only correct for a text json5 reads (outside strings
 * a '/' can only start a comment there); line comments end at any JSON5 line terminator.
 */
export function scanComments(text: string): Comment[] {
  const out: Comment[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      let j = i + 2;
      while (j < text.length && !isLineTerminator(text.charCodeAt(j))) j++;
      out.push({ offset: i, length: j - i, line: true });
      i = j - 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const j = end < 0 ? text.length : end + 2;
      out.push({ offset: i, length: j - i, line: false });
      i = j - 1;
    }
  }
  return out;
}

/** Comments that lie entirely inside [start, end). `comments` must be sorted. */
export function commentsIn(comments: readonly Comment[], start: number, end: number): Comment[] {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid].offset < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Comment[] = [];
  for (let i = lo; i < comments.length && comments[i].offset + comments[i].length <= end; i++) out.push(comments[i]);
  return out;
}

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** JSON5 white space (what json5 skips between tokens), line breaks included. */
function isSpace(c: number): boolean {
  return c === 9 || c === 10 || c === 11 || c === 12 || c === 13 || c === 32 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || /\s/.test(String.fromCharCode(c));
}

/** Offset of the next token after `pos`, skipping white space and comments. */
export function skipTrivia(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) i++;
    else if (c === 47 /* / */ && text[i + 1] === '/') {
      i += 2;
      while (i < text.length && !isLineTerminator(text.charCodeAt(i))) i++;
    } else if (c === 47 && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else break;
  }
  return i;
}

/** Offset of the ',' that follows a node (after trivia), or -1 when the next token is not a comma. */
export function commaAfter(text: string, node: JsonNode): number {
  const p = skipTrivia(text, node.offset + node.length);
  return text[p] === ',' ? p : -1;
}

/**
 * The end of the "line tail" that starts at `pos`: white space and comments that start on the same
 * line are skipped; if a line break follows, the offset after it is returned (the tail belongs to
 * what precedes `pos`). If a token follows on the same line, `pos` itself is returned.
 */
export function lineTailEnd(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    if (c === 10) return i + 1;
    if (isSpace(c)) i++;
    else if (c === 47 && (text[i + 1] === '/' || text[i + 1] === '*')) {
      if (text[i + 1] === '/') {
        i += 2;
        while (i < text.length && !isLineTerminator(text.charCodeAt(i))) i++;
      } else {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? text.length : end + 2;
      }
    } else return pos;
  }
  return i;
}

/** Offset where the line holding `pos` starts. */
export function lineStartOf(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && !isBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The indentation (leading tabs and spaces) of the line holding `pos`. */
export function indentOf(text: string, pos: number): string {
  const start = lineStartOf(text, pos);
  let i = start;
  if (text.charCodeAt(i) === 0xfeff) i++;
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  return text.slice(i, j);
}

/** True when only white space precedes `pos` on its line. */
export function startsLine(text: string, pos: number): boolean {
  for (let i = lineStartOf(text, pos); i < pos; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** True when a line break lies between `a` and `b`. */
export function breakBetween(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (isBreak(text.charCodeAt(i))) return true;
  return false;
}

/** True when the container's opening and closing brackets are on different lines. */
export function isMultiLine(text: string, container: JsonNode): boolean {
  return breakBetween(text, container.offset, container.offset + container.length);
}

/** The offset of a container's closing bracket. */
export function closeOf(container: JsonNode): number {
  return container.offset + container.length - 1;
}

/** The indentation members of a container use (or would use): that of the first member that starts a line. */
export function memberIndent(text: string, container: JsonNode, layout: Layout): string {
  for (const c of container.children ?? []) if (startsLine(text, c.offset)) return indentOf(text, c.offset);
  return indentOf(text, container.offset) + layout.unit;
}

// ---------------------------------------------------------------------------------------------
// Rendering inserted values: plain JSON, laid out like the file.

/** A JSON string literal; U+2028/U+2029 are escaped so every JSON reader takes the text as is. */
export function jsonString(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** How keys and strings are spelled, and whether a multi-line container ends with a comma. */
export interface Spelling {
  key(key: string): string;
  string(value: string): string;
  readonly trailingComma: boolean;
}

/** Plain JSON: what the rebuild writes. The connection edits spell like the file (`core/edit/style.ts`). */
export const JSON_SPELLING: Spelling = { key: jsonString, string: jsonString, trailingComma: false };

/**
 * A value as JSON text. Objects and arrays are spread over lines (`indent` is the indentation of
 * the line the value starts on) unless `compact`. Numbers JSON cannot write (NaN, ±Infinity) are
 * written in JSON5, which NapCat reads, rather than changed.
 */
export function renderValue(value: unknown, indent: string, layout: Layout, compact: boolean, spelling: Spelling = JSON_SPELLING): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return spelling.string(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return renderContainer('[', ']', value.map((v) => renderValue(v, indent + layout.unit, layout, compact, spelling)), indent, layout, compact, spelling.trailingComma);
  }
  return renderObject(Object.entries(value as Record<string, unknown>), indent, layout, compact, spelling);
}

/** An object from ordered entries (see renderValue). */
export function renderObject(
  entries: readonly (readonly [string, unknown])[],
  indent: string,
  layout: Layout,
  compact: boolean,
  spelling: Spelling = JSON_SPELLING,
): string {
  if (entries.length === 0) return '{}';
  const members = entries.map(([k, v]) => `${spelling.key(k)}: ${renderValue(v, indent + layout.unit, layout, compact, spelling)}`);
  return renderContainer('{', '}', members, indent, layout, compact, spelling.trailingComma);
}

/**
 * `open` items `close`: on one line when `compact`, else one item a line one level deeper than
 * `indent` (items rendered for that indentation), with a comma after the last when `trailingComma`.
 */
export function renderContainer(open: string, close: string, items: readonly string[], indent: string, layout: Layout, compact: boolean, trailingComma: boolean): string {
  if (compact) return `${open}${items.join(', ')}${close}`;
  const inner = indent + layout.unit;
  return `${open}${layout.eol}${items.map((s) => inner + s).join(',' + layout.eol)}${trailingComma ? ',' : ''}${layout.eol}${indent}${close}`;
}
