import type { DocumentSymbol, DocumentSymbolParams, Hover, HoverParams } from 'vscode-languageserver';
import { getLanguageService } from '../service/languageService';
import { SCHEMA_FILE } from '../service/hover';
import type { ServerContext } from './context';
import { offsetAt, toDocumentSymbols, toHover } from './convert';
import { configLog, entryId } from './logWatch';

/** Hover and outline: the service's answer for the current analysis, converted. */

const service = getLanguageService();

/** `textDocument/hover`. */
export async function hover(ctx: ServerContext, params: HoverParams): Promise<Hover | null> {
  const doc = ctx.documents.get(params.textDocument.uri);
  const result = doc && (await ctx.analyses.get(doc));
  if (!doc || !result) return null;
  // VS Code shows our JSON Schema's key descriptions itself on the files the schema applies to.
  const withDocs = !(ctx.schemaHover && SCHEMA_FILE.test(params.textDocument.uri));
  const log = await configLog(ctx, doc.uri);
  // An analysis is used in the turn it was taken in (documents.ts): taken again after the wait.
  const current = await ctx.analyses.get(doc);
  if (!current) return null;
  const adapterLogs = log?.adapters(current.analysis);
  const found = service.hover(current.analysis, offsetAt(doc, params.position), withDocs, (adapter) => {
    if (adapter.origin !== 'network') return undefined;
    const facts = adapterLogs?.get(entryId(adapter.kind, adapter.index));
    if (!facts || !log?.info.fileName) return undefined;
    return {
      file: log.info.fileName,
      summary: facts.summary,
      details: facts.details,
      ...(facts.line !== undefined && { link: { target: `${facts.uri}#L${facts.line + 1}`, line: facts.line + 1 } }),
    };
  });
  return found ? toHover(doc, found) : null;
}

/** `textDocument/documentSymbol`. */
export async function documentSymbols(ctx: ServerContext, params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
  const doc = ctx.documents.get(params.textDocument.uri);
  const result = doc && (await ctx.analyses.get(doc));
  if (!doc || !result) return [];
  return toDocumentSymbols(doc, service.symbols(result.analysis));
}
