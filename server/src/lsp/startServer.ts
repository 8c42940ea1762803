import { randomUUID } from 'node:crypto';
import {
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  DocumentDiagnosticReportKind,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toLang } from '../core';
import { speak } from '../files/l10n';
import { FixProvider, fixCapabilities } from './codeActions';
import type { ServerContext } from './context';
import {
  clearDiagnostics,
  publishDiagnostics,
  pullDiagnostics,
  refreshAfterFileChanges,
  refreshDiagnostics,
  refreshNeighbours,
} from './diagnostics';
import { Analyses } from './documents';
import { Endpoints } from './endpoints';
import { connectionLogger, guard } from './guard';
import { hover } from './hover';
import { documentLinks, LogAnalyses } from './logs';
import { EndpointsRequest, ProbeRequest } from './protocol';
import { SettingsStore } from './settings';
import { documentSymbols } from './symbols';

/**
 * The NapCat config language server on any connection (stdio, IPC, or in-process streams in
 * tests). Handlers are one-liners over the modules of this folder; each runs inside `guard`.
 */

/** What a client may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** UI language, e.g. `zh-cn` (VS Code: `vscode.env.language`); else `InitializeParams.locale`. */
  readonly locale?: string;
  /**
   * The l10n bundle for that language (VS Code: `vscode.l10n.uri.fsPath`, the extension's
   * `l10n/bundle.l10n.<language>.json`). Without it the server uses the bundle it ships with.
   */
  readonly l10nBundle?: string;
  /** The `napcat` settings section, for clients without `workspace/configuration`. */
  readonly settings?: unknown;
  /** True when the editor shows key descriptions from the contributed JSON Schema (VS Code). */
  readonly schemaHover?: boolean;
}

/**
 * The files the cross-file checks read beside a config (`isSiblingFileName`): the server asks the
 * client to report their changes on disk when it may register file watchers dynamically.
 */
export const SIBLING_WATCHERS = [{ globPattern: '**/{webui.json,onebot11_*.json}' }];

export function startServer(connection: Connection): void {
  const log = connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);
  let ctx: ServerContext | undefined;
  let fixes: FixProvider | undefined;
  let endpoints: Endpoints | undefined;
  let watchFiles = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const caps = params.capabilities;
    const pullConfiguration = caps.workspace?.configuration === true;
    const lang = toLang(typeof options.locale === 'string' ? options.locale : params.locale);
    const l10nProblem = speak(lang, typeof options.l10nBundle === 'string' && options.l10nBundle !== '' ? options.l10nBundle : undefined);
    if (l10nProblem) log.warn(`Messages stay in English: cannot read the l10n bundle (${l10nProblem}).`);
    const settings = new SettingsStore(connection, pullConfiguration, log, options.settings);
    ctx = {
      connection,
      documents,
      settings,
      analyses: new Analyses(settings, log, documents),
      logs: new LogAnalyses(),
      log,
      schemaHover: options.schemaHover === true,
      pullDiagnostics: caps.textDocument?.diagnostic !== undefined,
      canRefreshDiagnostics: caps.workspace?.diagnostics?.refreshSupport === true,
      session: randomUUID(),
    };
    watchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    fixes = new FixProvider(ctx, caps);
    endpoints = new Endpoints(ctx);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        documentSymbolProvider: { label: 'NapCat' },
        documentLinkProvider: { resolveProvider: false },
        ...fixCapabilities(),
        ...(ctx.pullDiagnostics && {
          diagnosticProvider: { identifier: 'napcat', interFileDependencies: false, workspaceDiagnostics: false },
        }),
      },
      serverInfo: { name: 'napcat-config' },
    };
  });

  connection.onInitialized(
    guard(log, 'register file watchers', undefined, async () => {
      if (watchFiles) await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: SIBLING_WATCHERS });
    }),
  );
  // `webui.json` or another account's config changed on disk: re-check the open configs beside it.
  connection.onDidChangeWatchedFiles(
    guard(log, 'workspace/didChangeWatchedFiles', undefined, (params) =>
      ctx ? refreshAfterFileChanges(ctx, params.changes.map((c) => c.uri)) : undefined,
    ),
  );
  documents.onDidChangeContent(
    guard(log, 'publish diagnostics', undefined, ({ document }) => {
      if (ctx && !ctx.pullDiagnostics) return publishDiagnostics(ctx, document);
    }),
  );
  documents.onDidChangeContent(
    guard(log, 'refresh neighbours', undefined, ({ document }) => (ctx ? refreshNeighbours(ctx, document) : undefined)),
  );
  documents.onDidClose(
    guard(log, 'close', undefined, ({ document }) => {
      if (!ctx) return;
      ctx.analyses.delete(document.uri);
      ctx.logs.delete(document.uri);
      ctx.settings.forget(document.uri);
      if (!ctx.pullDiagnostics) return clearDiagnostics(ctx, document.uri);
    }),
  );
  connection.onDidChangeConfiguration(
    guard(log, 'configuration change', undefined, (params) => {
      if (!ctx) return;
      ctx.settings.changed(params);
      void endpoints?.settingsChanged();
      return refreshDiagnostics(ctx);
    }),
  );

  const noReport: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
  connection.languages.diagnostics.on(
    guard(log, 'textDocument/diagnostic', noReport, (params) => (ctx ? pullDiagnostics(ctx, params) : noReport)),
  );
  connection.onHover(guard(log, 'textDocument/hover', null, (params) => (ctx ? hover(ctx, params) : null)));
  connection.onDocumentLinks(guard(log, 'textDocument/documentLink', [], (params) => (ctx ? documentLinks(ctx, params) : [])));
  connection.onDocumentSymbol(guard(log, 'textDocument/documentSymbol', [], (params) => (ctx ? documentSymbols(ctx, params) : [])));
  connection.onCodeAction(guard(log, 'textDocument/codeAction', [], (params) => fixes?.codeActions(params) ?? []));
  documents.onDidChangeContent(guard(log, 'endpoints change', undefined, ({ document }) => endpoints?.changed(document)));
  documents.onDidClose(guard(log, 'endpoints close', undefined, ({ document }) => endpoints?.closed(document.uri)));
  const noEndpoints: EndpointsRequest.Result = { configs: [] };
  connection.onRequest(
    EndpointsRequest.type,
    guard(log, EndpointsRequest.method, noEndpoints, (params: EndpointsRequest.Params) => endpoints?.list(params) ?? noEndpoints),
  );
  const noProbes: ProbeRequest.Result = { results: [], cancelled: false };
  connection.onRequest(
    ProbeRequest.type,
    guard(log, ProbeRequest.method, noProbes, (params: ProbeRequest.Params, token: CancellationToken) => endpoints?.probe(params, token) ?? noProbes),
  );
  connection.onExecuteCommand(guard(log, 'workspace/executeCommand', null, (params) => fixes?.executeCommand(params) ?? null));

  documents.listen(connection);
  connection.listen();
}
