import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { localize, type Finding, type JsonNode, type Range as CoreRange, type Severity } from '../core';
import { logFindingMessage, type LogFinding } from '../log';

/**
 * The only place where core offsets become LSP positions (and back), and where findings become
 * diagnostics. Everything else in the server speaks offsets or calls these functions.
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
export function toDiagnostic(doc: TextDocument, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(doc, finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: localize(finding.message, finding.args),
  };
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (r): DiagnosticRelatedInformation => ({
        location: { uri: doc.uri, range: toRange(doc, r.range) },
        message: localize(r.message, r.args),
      }),
    );
  }
  if (finding.data !== undefined) diagnostic.data = finding.data;
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** A finding of a log document as an LSP diagnostic: the message with its notes appended. */
export function toLogDiagnostic(doc: TextDocument, finding: LogFinding): Diagnostic {
  return { ...toDiagnostic(doc, finding), message: logFindingMessage(finding) };
}
