import * as fs from 'node:fs';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import { analyzeLog, LOG_MESSAGES, resolveConfigPath, type LogAnalysis, type PathLink, type UrlLink } from '../log';
import type { ServerContext } from './context';
import { toRange } from './convert';
import { uriPath } from '../service/selection';
import { localize } from '../wording';

/**
 * NapCat log documents (language `napcat-log`): document links and connection-error diagnostics
 * from `analyzeLog`, one analysis per document version. Log documents are never configs: the
 * config analyses skip them (see `Analyses.get`).
 */

export const LOG_LANGUAGE = 'napcat-log';

export function isLogDocument(doc: TextDocument): boolean {
  return doc.languageId === LOG_LANGUAGE;
}

export class LogAnalyses {
  private readonly cache = new Map<string, { readonly version: number; readonly analysis: LogAnalysis }>();

  /** The analysis of the document's current version. */
  get(doc: TextDocument): LogAnalysis {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.analysis;
    const analysis = analyzeLog(doc.getText());
    this.cache.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }
}

/** `textDocument/documentLink` for a log document (empty for any other document). */
export function documentLinks(ctx: ServerContext, params: DocumentLinkParams): DocumentLink[] {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc || !isLogDocument(doc)) return [];
  const logFile = doc.uri.startsWith('file:') ? uriPath(doc.uri) : undefined;
  const seen = new Map<string, boolean>();
  const exists = (path: string): boolean => {
    let found = seen.get(path);
    if (found === undefined) {
      try {
        found = fs.statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        found = false;
      }
      seen.set(path, found);
    }
    return found;
  };
  const out: DocumentLink[] = [];
  for (const link of ctx.logs.get(doc).links) {
    const made = link.kind === 'url' ? urlLink(doc, link) : pathLink(doc, link, logFile, exists);
    if (made) out.push(made);
  }
  return out;
}

function urlLink(doc: TextDocument, link: UrlLink): DocumentLink {
  const tooltip = localize(link.secret ? LOG_MESSAGES.openUrlMasked : LOG_MESSAGES.openUrl, { url: link.display });
  return { range: toRange(doc, link.range), target: link.url, tooltip };
}

function pathLink(doc: TextDocument, link: PathLink, logFile: string | undefined, exists: (path: string) => boolean): DocumentLink | undefined {
  const resolved = resolveConfigPath(link, logFile, exists);
  if (!resolved) return undefined;
  const tooltip = resolved.mapped
    ? localize(LOG_MESSAGES.openMappedFile, { path: resolved.path, written: link.path })
    : localize(LOG_MESSAGES.openFile, { path: resolved.path });
  return { range: toRange(doc, link.range), target: fileUri(resolved.path), tooltip };
}

/**
 * A `file:` URI for an absolute path with `/` separators: `/app/x.json` → `file:///app/x.json`,
 * `C:/NapCat/x.json` → `file:///C:/NapCat/x.json`, `//server/share/x.json` → `file://server/share/x.json`.
 * Built by hand because Node's `pathToFileURL` reads a path by the rules of the machine the server
 * runs on, and a log may come from another one.
 */
export function fileUri(path: string): string {
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]):\/(.*)$/.exec(path);
  if (drive) return `file:///${drive[1]}:/${encode(drive[2])}`;
  if (path.startsWith('//')) return `file:${encode(path)}`;
  return `file://${encode(path)}`;
}
