import { parseTree, createScanner, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import { parse as parseJson5Ast, type AnyNode as MomoaNode } from '@humanwhocodes/momoa';
import JSON5 from 'json5';
import type { Message } from '../i18n';

/**
 * The syntax tree used everywhere in the core: jsonc-parser's `Node` (offsets into the original
 * text, `parent` links, property nodes with `[key, value]` children). JSON5 files are converted
 * into the same shape, so rules never care which reader produced a tree.
 */
export type JsonNode = Node;

/** The lightest dialect a text fits: plain JSON, JSON with comments/trailing commas, or JSON5. */
export type Dialect = 'json' | 'jsonc' | 'json5';

export interface SyntaxProblem {
  /** Offset where NapCat's JSON5 reader stops. */
  readonly offset: number;
  readonly length: number;
  /** What the reader found there, e.g. `','` or `end of file`, never localised. */
  readonly found: string;
}

export type ParseFailure =
  | { readonly kind: 'syntax'; readonly problem: SyntaxProblem }
  | { readonly kind: 'too-deep' }
  | { readonly kind: 'empty' };

export interface ParsedText {
  readonly text: string;
  /** The tree; for a broken text, the best tree error recovery could build (may be partial). */
  readonly root: JsonNode | undefined;
  /** Undefined when NapCat (json5.parse) reads the text without error. */
  readonly failure: ParseFailure | undefined;
  /** True when the text starts with a UTF-8 byte order mark (U+FEFF). */
  readonly bom: boolean;
  /** Computed on first use (it costs one extra scan): the lightest dialect that reads the text. */
  dialect(): Dialect;
}

/**
 * Parses a NapCat config the way NapCat's own reader (json5.parse, since v4.4.7) does, simple
 * case first:
 *
 *  1. jsonc-parser builds the tree (with error recovery). Plain JSON and JSON with comments and
 *     trailing commas — nearly every real config — end here.
 *  2. Only when it reports errors does NapCat's own reader (the json5 package) decide: if it
 *     rejects the text, json5's error position is the one reported and jsonc-parser's recovered
 *     tree is kept, so the rest of the file can still be analysed;
 *  3. if it accepts the text, the text needs a JSON5 tree: momoa builds one with offsets.
 *
 * Never throws.
 */
export function parseText(text: string): ParsedText {
  const bom = text.charCodeAt(0) === 0xfeff;
  // Replace the BOM by a space of the same length: offsets stay those of the original text.
  const source = bom ? ' ' + text.slice(1) : text;
  let dialect: Dialect | undefined;
  const make = (root: JsonNode | undefined, failure: ParseFailure | undefined): ParsedText => ({
    text,
    root,
    failure,
    bom,
    dialect: () => (dialect ??= detectDialect(source)),
  });

  if (source.trim() === '') return make(undefined, { kind: 'empty' });
  try {
    const errors: ParseError[] = [];
    const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
    // jsonc-parser ends a // comment only at \r or \n; json5 also at U+2028/U+2029, so a text with
    // those characters is never settled by jsonc-parser alone.
    if (errors.length === 0 && root && !LINE_SEPARATORS.test(source)) return make(root, undefined);

    const problem = json5Problem(text);
    if (problem) return make(root, { kind: 'syntax', problem });
    dialect = 'json5';
    return make(json5Tree(source) ?? root, undefined);
  } catch (e) {
    // The readers recurse per nesting level; hostile input such as 100k '[' overflows the stack.
    if (e instanceof RangeError) return make(undefined, { kind: 'too-deep' });
    throw e;
  }
}

const LINE_SEPARATORS = /[\u2028\u2029]/;

/** Where NapCat's reader (json5.parse) stops, or undefined when it reads the text. */
function json5Problem(text: string): SyntaxProblem | undefined {
  try {
    JSON5.parse(text);
    return undefined;
  } catch (e) {
    if (e instanceof RangeError) throw e;
    const err = e as { lineNumber?: number; columnNumber?: number };
    // json5 counts lines at '\n' only and columns in UTF-16 units, after reading the bad character.
    let lineStart = 0;
    for (let line = 1; line < (err.lineNumber ?? 1); line++) {
      const nl = text.indexOf('\n', lineStart);
      if (nl < 0) break;
      lineStart = nl + 1;
    }
    const offset = Math.min(text.length, Math.max(0, lineStart + (err.columnNumber ?? 1) - 1));
    return { offset, length: offset < text.length ? 1 : 0, found: describeFound(text, offset) };
  }
}

/**
 * The JSON5 tree with offsets, or undefined in the rare case momoa still disagrees with json5.
 * momoa differs from json5 in a few corners: json5 treats U+FEFF as white space and U+2028/U+2029
 * as line breaks (ending a // comment), and reads signed leading-dot numbers such as `-.5`. Such
 * texts are read again after a length-preserving rewrite (so offsets hold), and every scalar whose
 * text the rewrite touched is decoded again from its original text with json5 itself.
 */
function json5Tree(source: string): JsonNode | undefined {
  // momoa reads a // comment up to '\n' even past U+2028 without an error, so texts with those
  // characters always take the rewrite; a signed leading-dot number makes momoa throw.
  const rewritten = source
    .replace(/[\ufeff\u2028\u2029]/g, (c) => (c === '\ufeff' ? ' ' : '\n'))
    .replace(/[+-]\.(?=\d)/g, '0.');
  try {
    const root = convert(parseJson5Ast(rewritten, { mode: 'json5', ranges: true }).body, undefined, rewritten);
    if (rewritten === source) return root;
    const fix = (n: JsonNode): void => {
      if (n.type === 'string' || n.type === 'number') {
        const raw = source.slice(n.offset, n.offset + n.length);
        if (raw !== rewritten.slice(n.offset, n.offset + n.length)) (n as { value: unknown }).value = JSON5.parse(raw);
      }
      n.children?.forEach(fix);
    };
    fix(root);
    return root;
  } catch (e) {
    if (e instanceof RangeError) throw e;
    return undefined;
  }
}

/** `found` at the end of the text; a template, so shells can word it in their language. */
export const END_OF_FILE: Message = 'end of file';

function describeFound(source: string, offset: number): string {
  if (offset >= source.length) return END_OF_FILE;
  const code = source.codePointAt(offset)!;
  // Control and invisible characters by their code point, everything else quoted as written.
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0xfeff || code === 0x2028 || code === 0x2029) {
    return 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
  }
  return `'${String.fromCodePoint(code)}'`;
}

/**
 * Converts a momoa JSON5 node into jsonc-parser's `Node` shape. Every node is written as one
 * object literal with jsonc-parser's key order, so the trees of both readers share their hidden
 * classes (an object spread here made every node a slow dictionary object, for the rules too).
 */
function convert(n: MomoaNode, parent: JsonNode | undefined, source: string): JsonNode {
  const range = (n as { range: [number, number] }).range;
  const offset = range[0];
  const length = range[1] - offset;
  const scalar = (type: JsonNode['type'], value: unknown): JsonNode => ({ type, offset, length, parent, value }) as JsonNode;
  switch (n.type) {
    case 'Object': {
      const node = { type: 'object', offset, length, parent, children: [] } as unknown as JsonNode;
      for (const m of n.members) {
        const ms = m.range![0];
        const me = m.range![1];
        const ks = m.name.range![0];
        const ke = m.name.range![1];
        const colonOffset = findColon(source, ke);
        const prop = { type: 'property', offset: ms, length: me - ms, parent: node, children: [], colonOffset } as unknown as JsonNode;
        const name = m.name.type === 'Identifier' ? m.name.name : m.name.value;
        const key = { type: 'string', offset: ks, length: ke - ks, parent: prop, value: name } as JsonNode;
        prop.children!.push(key, convert(m.value, prop, source));
        node.children!.push(prop);
      }
      return node;
    }
    case 'Array': {
      const node = { type: 'array', offset, length, parent, children: [] } as unknown as JsonNode;
      for (const el of n.elements) node.children!.push(convert(el.value, node, source));
      return node;
    }
    case 'String':
      return scalar('string', n.value);
    case 'Number':
      return scalar('number', n.value);
    case 'Infinity':
      return scalar('number', n.sign === '-' ? -Infinity : Infinity);
    case 'NaN':
      return scalar('number', NaN);
    case 'Boolean':
      return scalar('boolean', n.value);
    default:
      return scalar('null', null);
  }
}

/** Offset of the ':' after a key of a text momoa read, skipping white space and comments. */
function findColon(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x3a /* : */) return i;
    if (c === 0x2f /* / */ && source.charCodeAt(i + 1) === 0x2f) {
      // A line comment ends at a line break, U+2028 and U+2029 included (as json5 reads it).
      while (i < source.length && !/[\n\r\u2028\u2029]/.test(source[i])) i++;
    } else if (c === 0x2f && source.charCodeAt(i + 1) === 0x2a /* * */) {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) return from;
      i = close + 1;
    }
  }
  return from;
}

/** 'jsonc' when the JSON text has comments or trailing commas, else 'json'. */
function detectDialect(source: string): Dialect {
  const scanner = createScanner(source, false);
  let lastSignificant: SyntaxKind | undefined;
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    switch (k) {
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        return 'jsonc';
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        continue;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (lastSignificant === SyntaxKind.CommaToken) return 'jsonc';
    }
    lastSignificant = k;
  }
  return 'json';
}
