import {
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic, toLogDiagnostic } from './convert';
import type { ServerContext } from './context';
import { isLogDocument } from './logs';

/**
 * Diagnostics, pulled (`textDocument/diagnostic`) when the client can, pushed
 * (`textDocument/publishDiagnostics`) otherwise. Both read the shared analysis cache.
 */

export interface VersionedDiagnostics {
  /** The document version the diagnostics belong to. */
  readonly version: number;
  readonly diagnostics: Diagnostic[];
  /** Identifies the analysis they came from (pull result id). */
  readonly resultId: string;
}

/** The diagnostics of the document's current version (empty for documents that are not ours). */
export async function computeDiagnostics(ctx: ServerContext, doc: TextDocument): Promise<VersionedDiagnostics> {
  if (isLogDocument(doc)) {
    const analysis = ctx.logs.get(doc);
    return {
      version: doc.version,
      diagnostics: analysis.findings.map((f) => toLogDiagnostic(doc, f)),
      resultId: `${ctx.session}:${doc.version}:log`,
    };
  }
  const result = await ctx.analyses.get(doc);
  if (!result) return { version: doc.version, diagnostics: [], resultId: `${ctx.session}:${doc.version}:-` };
  return {
    version: result.version,
    diagnostics: result.analysis.findings.map((f) => toDiagnostic(doc, f)),
    resultId: `${ctx.session}:${result.version}:${result.settings.key}:${result.siblingsKey}`,
  };
}

/** `textDocument/diagnostic`. */
export async function pullDiagnostics(ctx: ServerContext, params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const { diagnostics, resultId } = await computeDiagnostics(ctx, doc);
  if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnostics };
}

/**
 * Push mode: publishes the diagnostics of the document `uri` once its edits have settled, for its
 * newest version only (see settle.ts); asking again before that replaces the pending publish.
 */
export function schedulePublish(ctx: ServerContext, uri: string): void {
  ctx.settler.run(publishKey(uri), () => {
    const doc = ctx.documents.get(uri);
    return doc && publishDiagnostics(ctx, doc);
  });
}

function publishKey(uri: string): string {
  return `publish diagnostics of ${uri}`;
}

/** Push mode: publishes the diagnostics of a document unless a newer version arrived meanwhile. */
export async function publishDiagnostics(ctx: ServerContext, doc: TextDocument): Promise<void> {
  const { version, diagnostics } = await computeDiagnostics(ctx, doc);
  if (ctx.documents.get(doc.uri)?.version !== version) return;
  await ctx.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
}

/** Push mode: clears the diagnostics of a closed document (and drops a pending publish). */
export async function clearDiagnostics(ctx: ServerContext, uri: string): Promise<void> {
  ctx.settler.cancel(publishKey(uri));
  await ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
}

/** After a settings change: re-publish every open document, or ask the client to pull again. */
export async function refreshDiagnostics(ctx: ServerContext): Promise<void> {
  if (ctx.pullDiagnostics) {
    if (ctx.canRefreshDiagnostics) await ctx.connection.languages.diagnostics.refresh();
    return;
  }
  for (const doc of ctx.documents.all()) schedulePublish(ctx, doc.uri);
}

/**
 * After an open `webui.json` or `onebot11_<uin>.json` changed: re-check the other open documents
 * of its folder, whose cross-file findings may depend on it.
 */
export async function refreshNeighbours(ctx: ServerContext, doc: TextDocument): Promise<void> {
  const neighbours = ctx.analyses.neighbours(doc.uri);
  if (neighbours.length === 0) return;
  if (ctx.pullDiagnostics) {
    // Once per burst of edits to the side file, not once per keystroke.
    if (ctx.canRefreshDiagnostics) ctx.settler.run('workspace/diagnostic/refresh', () => ctx.connection.languages.diagnostics.refresh());
    return;
  }
  for (const d of neighbours) schedulePublish(ctx, d.uri);
}

/**
 * After side files changed on disk (`workspace/didChangeWatchedFiles`): re-checks the open
 * documents of their folders — the client pulls again (`workspace/diagnostic/refresh`), or the
 * server pushes their diagnostics anew.
 */
export async function refreshAfterFileChanges(ctx: ServerContext, uris: readonly string[]): Promise<void> {
  const affected = ctx.analyses.filesChanged(uris);
  if (affected.length === 0) return;
  if (ctx.pullDiagnostics) {
    if (ctx.canRefreshDiagnostics) await ctx.connection.languages.diagnostics.refresh();
    return;
  }
  for (const d of affected) schedulePublish(ctx, d.uri);
}
