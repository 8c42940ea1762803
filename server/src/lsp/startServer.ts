import { randomUUID } from 'node:crypto';
import {
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  DocumentDiagnosticReportKind,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { toLang } from '../core';
import { speak } from '../files/l10n';
import { FixProvider, fixCapabilities } from './codeActions';
import { CONNECTION_COMMANDS, ConnectionCommands } from './connections';
import type { ServerContext } from './context';
import {
  clearDiagnostics,
  pullDiagnostics,
  refreshAfterFileChanges,
  refreshDiagnostics,
  refreshNeighbours,
  schedulePublish,
} from './diagnostics';
import { Analyses } from './documents';
import { Endpoints } from './endpoints';
import { connectionLogger, guard } from './guard';
import { documentSymbols, hover } from './features';
import { LINE_DOCUMENTS } from './lineDocument';
import { documentLinks, LogAnalyses } from './logs';
import { LogWatch } from './logWatch';
import { EndpointsRequest, ProbeRequest } from './protocol';
import { SettingsStore } from './settings';
import { Settler } from './settle';

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

/** Where the server is in the LSP lifecycle: before `initialize`, serving, after `shutdown`. */
type Phase = 'starting' | 'running' | 'shut down';

/**
 * The error a request gets outside the running phase (LSP: ServerNotInitialized before
 * `initialize`, InvalidRequest after `shutdown`); undefined while running.
 */
export function lifecycleRefusal(phase: Phase): ResponseError<never> | undefined {
  if (phase === 'starting') return new ResponseError<never>(ErrorCodes.ServerNotInitialized, 'Server not initialized');
  if (phase === 'shut down') return new ResponseError<never>(ErrorCodes.InvalidRequest, 'Server is shut down');
  return undefined;
}

/** What the entry point needs to know of a running server. */
export interface RunningServer {
  /** `shutdown` was answered (LSP: exit with 0 when the client goes away after it, else 1). */
  readonly shutDown: boolean;
}

export function startServer(connection: Connection): RunningServer {
  const log = connectionLogger(connection);
  const documents = new TextDocuments(LINE_DOCUMENTS);
  let ctx: ServerContext | undefined;
  let fixes: FixProvider | undefined;
  let connections: ConnectionCommands | undefined;
  let endpoints: Endpoints | undefined;
  let logWatch: LogWatch | undefined;
  let watchFiles = false;
  let phase: Phase = 'starting';

  /** A request handler: refused outside the running phase, else run inside `guard`. */
  const request =
    <A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>) =>
    (...args: A): Promise<R> | ResponseError<never> =>
      lifecycleRefusal(phase) ?? guard(log, name, fallback, handler)(...args);
  /** A notification handler: ignored outside the running phase, else run inside `guard`. */
  const notification =
    <A extends unknown[]>(name: string, handler: (...args: A) => void | Promise<void>) =>
    (...args: A): Promise<void> | undefined =>
      phase === 'running' ? guard(log, name, undefined, handler)(...args) : undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<never> => {
    if (phase !== 'starting') return new ResponseError<never>(ErrorCodes.InvalidRequest, `Server is already ${phase === 'running' ? 'initialized' : 'shut down'}`);
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const caps = params.capabilities;
    const pullConfiguration = caps.workspace?.configuration === true;
    const lang = toLang(typeof options.locale === 'string' ? options.locale : params.locale);
    const l10nProblem = speak(lang, typeof options.l10nBundle === 'string' && options.l10nBundle !== '' ? options.l10nBundle : undefined);
    if (l10nProblem) log.warn(`Messages stay in English: cannot read the l10n bundle (${l10nProblem}).`);
    const settings = new SettingsStore(connection, pullConfiguration, log, options.settings);
    const initialFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (initialFolders.length === 0 && typeof params.rootUri === 'string') initialFolders.push(params.rootUri);
    const askFolders = caps.workspace?.workspaceFolders === true;
    logWatch = new LogWatch(log, (folder) => endpoints?.logChanged(folder));
    ctx = {
      connection,
      documents,
      settings,
      analyses: new Analyses(settings, log, documents),
      logs: new LogAnalyses(),
      logWatch,
      workspaceFolders: async () => {
        if (!askFolders) return initialFolders;
        const folders = await connection.workspace.getWorkspaceFolders().catch(() => null);
        return folders ? folders.map((f) => f.uri) : initialFolders;
      },
      log,
      settler: new Settler(log),
      schemaHover: options.schemaHover === true,
      pullDiagnostics: caps.textDocument?.diagnostic !== undefined,
      canRefreshDiagnostics: caps.workspace?.diagnostics?.refreshSupport === true,
      session: randomUUID(),
    };
    watchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    fixes = new FixProvider(ctx, caps);
    connections = new ConnectionCommands(ctx, caps);
    endpoints = new Endpoints(ctx);
    phase = 'running';
    const fixCaps = fixCapabilities();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        documentSymbolProvider: { label: 'NapCat' },
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: fixCaps.codeActionProvider,
        executeCommandProvider: { commands: [...(fixCaps.executeCommandProvider?.commands ?? []), ...CONNECTION_COMMANDS] },
        ...(ctx.pullDiagnostics && {
          diagnosticProvider: { identifier: 'napcat', interFileDependencies: false, workspaceDiagnostics: false },
        }),
      },
      serverInfo: { name: 'napcat-config' },
    };
  });

  connection.onInitialized(
    notification('initialized', async () => {
      if (watchFiles) await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: SIBLING_WATCHERS });
    }),
  );
  connection.onShutdown(() => {
    const refusal = lifecycleRefusal(phase);
    if (!refusal) {
      phase = 'shut down';
      logWatch?.dispose();
    }
    return refusal;
  });
  // `webui.json` or another account's config changed on disk: re-check the open configs beside it.
  connection.onDidChangeWatchedFiles(
    notification('workspace/didChangeWatchedFiles', (params) =>
      ctx ? refreshAfterFileChanges(ctx, params.changes.map((c) => c.uri)) : undefined,
    ),
  );
  // One handler for every change, which only schedules: under a burst of edits a keystroke costs
  // a few map entries, and the work runs once the edits have settled, on the newest text (settle.ts).
  documents.onDidChangeContent(
    notification('document change', ({ document }) => {
      if (!ctx) return;
      const c = ctx;
      const uri = document.uri;
      if (!c.pullDiagnostics) schedulePublish(c, uri);
      c.settler.run(`neighbours of ${uri}`, () => {
        const doc = c.documents.get(uri);
        return doc && refreshNeighbours(c, doc);
      });
      c.settler.run(`endpoints change of ${uri}`, () => {
        const doc = c.documents.get(uri);
        return doc && endpoints?.changed(doc);
      });
    }),
  );
  documents.onDidClose(
    notification('close', ({ document }) => {
      if (!ctx) return;
      ctx.analyses.delete(document.uri);
      ctx.logs.delete(document.uri);
      ctx.settings.forget(document.uri);
      if (!ctx.pullDiagnostics) return clearDiagnostics(ctx, document.uri);
    }),
  );
  connection.onDidChangeConfiguration(
    notification('configuration change', (params) => {
      if (!ctx) return;
      ctx.settings.changed(params);
      void endpoints?.settingsChanged();
      return refreshDiagnostics(ctx);
    }),
  );

  const noReport: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
  connection.languages.diagnostics.on(
    request('textDocument/diagnostic', noReport, (params) => (ctx ? pullDiagnostics(ctx, params) : noReport)),
  );
  connection.onHover(request('textDocument/hover', null, (params) => (ctx ? hover(ctx, params) : null)));
  connection.onDocumentLinks(request('textDocument/documentLink', [], (params) => (ctx ? documentLinks(ctx, params) : [])));
  connection.onDocumentSymbol(request('textDocument/documentSymbol', [], (params) => (ctx ? documentSymbols(ctx, params) : [])));
  connection.onCodeAction(request('textDocument/codeAction', [], (params) => fixes?.codeActions(params) ?? []));
  documents.onDidClose(notification('endpoints close', ({ document }) => endpoints?.closed(document.uri)));
  const noEndpoints: EndpointsRequest.Result = { configs: [] };
  connection.onRequest(
    EndpointsRequest.type,
    request(EndpointsRequest.method, noEndpoints, (params: EndpointsRequest.Params) => endpoints?.list(params) ?? noEndpoints),
  );
  const noProbes: ProbeRequest.Result = { results: [], cancelled: false };
  connection.onRequest(
    ProbeRequest.type,
    request(ProbeRequest.method, noProbes, (params: ProbeRequest.Params, token: CancellationToken) => endpoints?.probe(params, token) ?? noProbes),
  );
  connection.onExecuteCommand(
    request('workspace/executeCommand', null, (params) =>
      connections?.handles(params.command) ? connections.execute(params) : (fixes?.executeCommand(params) ?? null),
    ),
  );
  // Any other request: refused outside the running phase, else unknown.
  connection.onRequest((method: string) => lifecycleRefusal(phase) ?? new ResponseError<never>(ErrorCodes.MethodNotFound, `Unhandled method ${method}`));

  documents.listen(connection);
  connection.listen();
  return {
    get shutDown() {
      return phase === 'shut down';
    },
  };
}
