import {
  DiagnosticSeverity,
  DiagnosticTag,
  MarkupKind,
  SymbolKind,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type DiagnosticRelatedInformation,
  type Position,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type FindingBase, type JsonNode, type Range as CoreRange, type Severity } from '../core';
import type { TextEdit } from '../core/fixes';
import { logFindingMessage, type LogFinding } from '../log';
import type { HoverContent, OutlineKind, OutlineSymbol } from '../service/languageService';
import { localize, wordMessage } from '../wording';

/**
 * The only place where core and service offsets become LSP positions (and back), and where
 * findings, edits, hovers and symbols become their LSP types. Everything else in the server speaks
 * offsets or calls these functions.
 */

/** Offset of an LSP position in the document (clamped to the text). */
export function offsetAt(doc: TextDocument, position: Position): number {
  return doc.offsetAt(position);
}

/** LSP range of a core range (`offset`, `length`). */
export function toRange(doc: TextDocument, range: CoreRange): Range {
  return { start: doc.positionAt(range.offset), end: doc.positionAt(range.offset + range.length) };
}

/** LSP range covering a syntax node. */
export function nodeRange(doc: TextDocument, node: JsonNode): Range {
  return toRange(doc, node);
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'napcat';

/** One finding as an LSP diagnostic: message and related messages in `lang`, code and data kept. */
export function toDiagnostic(doc: TextDocument, finding: FindingBase): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(doc, finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: wordMessage(finding),
  };
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (r): DiagnosticRelatedInformation => ({
        location: { uri: doc.uri, range: toRange(doc, r.range) },
        message: localize(r.message, r.args),
      }),
    );
  }
  diagnostic.data = diagnosticData(finding);
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/**
 * The member of `Diagnostic.data` that names the finding a diagnostic stands for: its range in
 * the text it was computed for, as `offset:length`. Code actions find the finding by code, this
 * key and an overlapping line range, never by deep equality of the diagnostic, which clients do
 * not keep: Neovim drops `null` members, and a client that counts columns in UTF-8 bytes sends
 * the range back re-encoded on a line with Chinese text.
 */
export const FINDING_KEY = 'finding';

/** The key of a finding (see `FINDING_KEY`). */
export function findingKey(finding: FindingBase): string {
  return `${finding.range.offset}:${finding.range.length}`;
}

/** The key in the `data` a client sent back, if any. */
export function findingKeyOf(data: unknown): string | undefined {
  const key = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[FINDING_KEY] : undefined;
  return typeof key === 'string' ? key : undefined;
}

/** `Diagnostic.data`: the finding's own data with its key added. */
function diagnosticData(finding: FindingBase): unknown {
  const { data } = finding;
  if (data === undefined) return { [FINDING_KEY]: findingKey(finding) };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  return { ...data, [FINDING_KEY]: findingKey(finding) };
}

/** A finding of a log document as an LSP diagnostic: the message with its notes appended. */
export function toLogDiagnostic(doc: TextDocument, finding: LogFinding): Diagnostic {
  // A log has no quick fixes: its diagnostics carry only the finding's own data.
  const { data: _key, ...diagnostic } = toDiagnostic(doc, finding);
  return { ...diagnostic, ...(finding.data !== undefined && { data: finding.data }), message: logFindingMessage(finding) };
}

/** Edits in offsets of the document's text as LSP text edits. */
export function toTextEdits(doc: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toRange(doc, e), newText: e.newText }));
}

/**
 * Edits of the document's current version as a `WorkspaceEdit` bound to that version (a client
 * refuses it once the text has moved on); plain `changes` for clients without `documentChanges`.
 */
export function toWorkspaceEdit(doc: TextDocument, edits: readonly TextEdit[], documentChanges: boolean): WorkspaceEdit {
  const lsp = toTextEdits(doc, edits);
  if (!documentChanges) return { changes: { [doc.uri]: lsp } };
  return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lsp }] };
}

/** A service hover as an LSP hover (Markdown). */
export function toHover(doc: TextDocument, hover: HoverContent): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toRange(doc, hover.range) };
}

const SYMBOL_KIND: Readonly<Record<OutlineKind, SymbolKind>> = {
  module: SymbolKind.Module,
  array: SymbolKind.Array,
  object: SymbolKind.Object,
  server: SymbolKind.Interface,
  client: SymbolKind.Event,
  plugin: SymbolKind.Package,
};

/** The service's outline as LSP document symbols. */
export function toDocumentSymbols(doc: TextDocument, symbols: readonly OutlineSymbol[]): DocumentSymbol[] {
  return symbols.map((s) => ({
    name: s.name,
    ...(s.detail !== undefined ? { detail: s.detail } : {}),
    kind: SYMBOL_KIND[s.kind],
    range: toRange(doc, s.range),
    selectionRange: toRange(doc, s.selectionRange),
    ...(s.children !== undefined ? { children: toDocumentSymbols(doc, s.children) } : {}),
  }));
}
