import { parseTree, createScanner, ScanError, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import parseJson5 from 'json5/lib/parse';
import type { Message } from '../i18n';
import { readJson5 } from './json5';

/**
 * The syntax tree used everywhere in the core: jsonc-parser's `Node` (offsets into the original
 * text, `parent` links, property nodes with `[key, value]` children). JSON5 files are read
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
  /**
   * The lightest dialect that reads the text, for a text NapCat reads: 'json' exactly when
   * `JSON.parse` reads it too (the BOM aside). Computed on first use, with `firstNonJson`, in one
   * scan.
   */
  dialect(): Dialect;
  /**
   * For a text NapCat reads, the first place where `JSON.parse` stops (the BOM aside): a comment,
   * a trailing comma, or a JSON5-only token (single quotes, unquoted keys, hex, Infinity, …);
   * undefined for plain JSON.
   */
  firstNonJson(): { readonly offset: number; readonly length: number } | undefined;
}

/**
 * Parses a NapCat config the way NapCat's own reader (json5.parse, since v4.4.7) does:
 *
 *  1. The JSON5 reader (json5.ts) follows json5's grammar and builds jsonc-parser's tree shape.
 *     Every text NapCat reads — plain JSON, JSON with comments, JSON5 — ends here, in one pass.
 *  2. For a text it rejects, NapCat's own reader (the json5 package) says where it stops, and
 *     jsonc-parser builds the tree with its error recovery, so the rest of the file can still be
 *     analysed.
 *
 * Never throws.
 */
export function parseText(text: string): ParsedText {
  const source = withoutBom(text);
  const make = (root: JsonNode | undefined, failure: ParseFailure | undefined) => parsedFrom(text, root, failure);
  if (source.trim() === '') return make(undefined, { kind: 'empty' });
  try {
    const tree = readJson5(source);
    if (tree) return make(tree, undefined);
    // The JSON5 reader and json5 agree on every text of the differential tests; should json5
    // ever read a text the reader rejects, the file is analysed from the recovered tree.
    const problem = json5Problem(text);
    return make(recoveredTree(source), problem && { kind: 'syntax', problem });
  } catch (e) {
    // The readers recurse per nesting level; hostile input such as 100k '[' overflows the stack.
    if (e instanceof RangeError) return make(undefined, { kind: 'too-deep' });
    throw e;
  }
}

/** The text with its BOM replaced by a space of the same length: offsets stay those of the original text. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

/** The result of reading `text` into `root` (for `parseText`, and for reparse.ts, which edits a tree). */
export function parsedFrom(text: string, root: JsonNode | undefined, failure: ParseFailure | undefined): ParsedText {
  // Asked only for targets older than v4.4.7: whether plain JSON.parse would read the text.
  let departure: Departure | undefined;
  const depart = () => (departure ??= departFromJson(withoutBom(text)));
  return {
    text,
    root,
    failure,
    bom: text.charCodeAt(0) === 0xfeff,
    dialect: () => depart().dialect,
    firstNonJson: () => depart().first,
  };
}

/** jsonc-parser's tree with its error recovery (comments and trailing commas allowed). */
function recoveredTree(source: string): JsonNode | undefined {
  const errors: ParseError[] = [];
  return parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
}

/** Where NapCat's reader (json5.parse) stops, or undefined when it reads the text. */
function json5Problem(text: string): SyntaxProblem | undefined {
  try {
    parseJson5(text);
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
    let offset = Math.min(text.length, Math.max(0, lineStart + (err.columnNumber ?? 1) - 1));
    // A character outside the BMP is two units: the column after it points at its second half.
    if (isLowSurrogate(text.charCodeAt(offset)) && isHighSurrogate(text.charCodeAt(offset - 1))) offset--;
    const length = offset < text.length ? String.fromCodePoint(text.codePointAt(offset)!).length : 0;
    return { offset, length, found: describeFound(text, offset) };
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

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

interface Departure {
  readonly dialect: Dialect;
  readonly first: { readonly offset: number; readonly length: number } | undefined;
}

/**
 * How a text NapCat reads departs from plain JSON, read with jsonc-parser's scanner: a token it
 * cannot scan or reports an error in (single quotes, unquoted keys, hex, Infinity, a JSON5
 * escape, white space JSON does not have, …) makes it JSON5; otherwise a comment or a trailing
 * comma makes it JSONC. `first` is the earliest of these places.
 */
function departFromJson(source: string): Departure {
  const scanner = createScanner(source, false);
  let first: Departure['first'];
  let lastComma: Departure['first'];
  let previous: { readonly kind: SyntaxKind; readonly at: NonNullable<Departure['first']> } | undefined;
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    const here = { offset: scanner.getTokenOffset(), length: Math.max(1, scanner.getTokenLength()) };
    if (scanner.getTokenError() !== ScanError.None || k === SyntaxKind.Unknown) return { dialect: 'json5', first: first ?? here };
    // A key JSON does not have that the scanner still takes as a token: `true`, `false`, `null`.
    if (k === SyntaxKind.ColonToken && previous && previous.kind !== SyntaxKind.StringLiteral) return { dialect: 'json5', first: first ?? previous.at };
    switch (k) {
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        first ??= here;
        continue;
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        continue;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (lastComma) first ??= lastComma;
        break;
    }
    lastComma = k === SyntaxKind.CommaToken ? here : undefined;
    previous = { kind: k, at: here };
  }
  return { dialect: first ? 'jsonc' : 'json', first };
}
