import { parseTree, createScanner, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import { parse as parseJson5Ast, type AnyNode as MomoaNode } from '@humanwhocodes/momoa';

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
 * Parses a NapCat config the way NapCat's own reader (json5.parse, since v4.4.7) does.
 *
 * Fast path: jsonc-parser, which reads JSON with comments and trailing commas and recovers from
 * errors. When it reports errors, the text is read again as JSON5 (momoa): if that succeeds the
 * file is valid for NapCat and the JSON5 tree is used; if it fails, the JSON5 reader's error
 * position is the one reported and jsonc-parser's recovered tree is kept, so the rest of the file
 * can still be analysed. Never throws.
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
    if (errors.length === 0 && root) return make(root, undefined);

    const json5 = readJson5(source);
    if (json5.ok) {
      dialect = 'json5';
      return make(json5.root, undefined);
    }
    return make(root, { kind: 'syntax', problem: json5.problem });
  } catch (e) {
    // Both readers recurse per nesting level; hostile input such as 100k '[' overflows the stack.
    if (e instanceof RangeError) return make(undefined, { kind: 'too-deep' });
    throw e;
  }
}

type Json5Result = { ok: true; root: JsonNode } | { ok: false; problem: SyntaxProblem };

function readJson5(source: string): Json5Result {
  try {
    const doc = parseJson5Ast(source, { mode: 'json5', ranges: true });
    return { ok: true, root: convert(doc.body, undefined, source) };
  } catch (e) {
    if (e instanceof RangeError) throw e;
    const err = e as { offset?: number; message?: string };
    const offset = typeof err.offset === 'number' ? Math.min(err.offset, source.length) : 0;
    return {
      ok: false,
      problem: { offset, length: offset < source.length ? 1 : 0, found: describeFound(source, offset) },
    };
  }
}

function describeFound(source: string, offset: number): string {
  if (offset >= source.length) return 'end of file';
  const ch = source[offset];
  return JSON.stringify(ch);
}

/** Converts a momoa JSON5 node into jsonc-parser's `Node` shape. */
function convert(n: MomoaNode, parent: JsonNode | undefined, source: string): JsonNode {
  const [start, end] = (n as { range: [number, number] }).range;
  const base = { offset: start, length: end - start, parent } as JsonNode;
  switch (n.type) {
    case 'Object': {
      const node: JsonNode = { ...base, type: 'object', children: [] };
      for (const m of n.members) {
        const [ms, me] = m.range!;
        const prop: JsonNode = {
          type: 'property',
          offset: ms,
          length: me - ms,
          parent: node,
          children: [],
          colonOffset: findColon(source, m.name.range![1]),
        };
        const keyRange = m.name.range!;
        const key: JsonNode = {
          type: 'string',
          offset: keyRange[0],
          length: keyRange[1] - keyRange[0],
          parent: prop,
          value: m.name.type === 'Identifier' ? m.name.name : m.name.value,
        };
        prop.children!.push(key, convert(m.value, prop, source));
        node.children!.push(prop);
      }
      return node;
    }
    case 'Array': {
      const node: JsonNode = { ...base, type: 'array', children: [] };
      for (const el of n.elements) node.children!.push(convert(el.value, node, source));
      return node;
    }
    case 'String':
      return { ...base, type: 'string', value: n.value };
    case 'Number':
      return { ...base, type: 'number', value: n.value };
    case 'Infinity':
      return { ...base, type: 'number', value: n.sign === '-' ? -Infinity : Infinity };
    case 'NaN':
      return { ...base, type: 'number', value: NaN };
    case 'Boolean':
      return { ...base, type: 'boolean', value: n.value };
    case 'Null':
      return { ...base, type: 'null', value: null };
    default:
      return { ...base, type: 'null', value: null };
  }
}

/** Offset of the ':' after a key, skipping white space and comments. */
function findColon(source: string, from: number): number {
  const scanner = createScanner(source, true);
  scanner.setPosition(from);
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    if (k === SyntaxKind.ColonToken) return scanner.getTokenOffset();
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
