import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  ClientCapabilities,
  CodeAction,
  CodeActionContext,
  ConfigurationParams,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentLink,
  DocumentSymbol,
  FileEvent,
  Hover,
  InitializeParams,
  InitializeResult,
  LogMessageParams,
  Position,
  PublishDiagnosticsParams,
  Range,
  Registration,
  RegistrationParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';

/**
 * A minimal LSP client for tests: runs the bundled server (`dist/server.js --stdio`) as a child
 * process and speaks JSON-RPC over its stdio (or over Node IPC, as VS Code does, or a socket). Every wait is on a message from the server, with a
 * deadline so a missing message fails the test instead of hanging it.
 */

export const ROOT = path.resolve(__dirname, '../../..');
/** The bundled server; NAPCAT_LSP_SERVER points the tests at another build. */
export const SERVER = process.env.NAPCAT_LSP_SERVER ?? path.join(ROOT, 'dist', 'server.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lsp');

/** How long a test waits for one message before failing. */
const DEADLINE_MS = 15_000;

export interface StartOptions {
  /** Declare `textDocument.diagnostic` (pull diagnostics). Default false. */
  readonly pull?: boolean;
  /** Declare `workspace.configuration` and answer its requests from `settings`. Default true. */
  readonly configuration?: boolean;
  /** Declare `workspace.diagnostics.refreshSupport`. Default true when `pull`. */
  readonly refreshSupport?: boolean;
  /** Declare `workspace.didChangeWatchedFiles.dynamicRegistration`. Default true. */
  readonly watchFiles?: boolean;
  /** `InitializeParams.locale`. */
  readonly locale?: string;
  readonly initializationOptions?: unknown;
  /** The `napcat` section answered to `workspace/configuration` (per scope URI when a function). */
  readonly settings?: unknown | ((scopeUri: string | undefined) => unknown);
  /** `InitializeParams.trace`: with 'messages' or 'verbose' the server sends `$/logTrace`. */
  readonly trace?: 'off' | 'messages' | 'verbose';
  /** `InitializeParams.workspaceFolders` (`file:` URIs); default none. */
  readonly workspaceFolders?: readonly string[];
  /** Send `initialize` and `initialized` (default true); false: the test speaks first. */
  readonly initialize?: boolean;
  /** How the server is spoken to: `--stdio` (default), `--node-ipc` (VS Code) or `--socket=<port>`. */
  readonly transport?: Transport;
  /** Declare `workspace.applyEdit` (default true). */
  readonly applyEdit?: boolean;
}

export type Transport = 'stdio' | 'node-ipc' | 'socket';

/** A started server process and a raw channel to it (for bursts written in one go). */
interface Spawned {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  /** Writes the messages as fast as the channel takes them; resolves once they are handed over. */
  readonly writeAll: (messages: readonly object[]) => Promise<void>;
}

function framed(messages: readonly object[]): Buffer {
  return Buffer.concat(
    messages.map((m) => {
      const body = Buffer.from(JSON.stringify(m), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    }),
  );
}

function write(stream: NodeJS.WritableStream, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => stream.write(data, (e) => (e ? reject(e) : resolve())));
}

async function spawnServer(transport: Transport): Promise<Spawned> {
  if (transport === 'stdio') {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    return { child, connection, writeAll: (messages) => write(child.stdin!, framed(messages)) };
  }
  if (transport === 'node-ipc') {
    const child = spawn(process.execPath, [SERVER, '--node-ipc'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const writeAll = (messages: readonly object[]) =>
      new Promise<void>((resolve, reject) => messages.forEach((m, i) => child.send(m, (e) => (e ? reject(e) : i === messages.length - 1 && resolve()))));
    return { child, connection, writeAll };
  }
  // The server connects to a port the client listens on (as vscode-languageclient's socket transport).
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  const child = spawn(process.execPath, [SERVER, `--socket=${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const socket = await accepted;
  server.close();
  const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
  return { child, connection, writeAll: (messages) => write(socket, framed(messages)) };
}

interface Waiter<T> {
  readonly accept: (value: T) => boolean;
  readonly resolve: (value: T) => void;
  readonly reject: (error: Error) => void;
}

/** A `file://` URI for a file name under a fake folder (the file need not exist). */
export function fileUri(name: string): string {
  return pathToFileURL(path.join(ROOT, 'test', 'fixtures', 'lsp', name)).toString();
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export class TestClient {
  readonly logs: LogMessageParams[] = [];
  /** The messages of every `$/logTrace` received, in order. */
  readonly traces: string[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  refreshRequests = 0;
  /** Every registration of `client/registerCapability`, in order. */
  readonly registrations: Registration[] = [];
  /** Every workspace/applyEdit received, in order. */
  readonly applyEditRequests: ApplyWorkspaceEditParams[] = [];
  /** How workspace/applyEdit is answered (default: applied). */
  applyEdit: (params: ApplyWorkspaceEditParams) => ApplyWorkspaceEditResult = () => ({ applied: true });
  settings: unknown;
  initializeResult!: InitializeResult;
  stderr = '';

  private readonly diagnosticWaiters = new Set<Waiter<PublishDiagnosticsParams>>();
  private readonly logWaiters = new Set<Waiter<LogMessageParams>>();
  private readonly refreshWaiters = new Set<Waiter<void>>();
  private readonly registrationWaiters = new Set<Waiter<void>>();
  private exited: Error | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
    private readonly writeAll: (messages: readonly object[]) => Promise<void>,
  ) {}

  /** Spawns the server, sends `initialize` and `initialized`. */
  static async start(options: StartOptions = {}): Promise<TestClient> {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    const { child, connection, writeAll } = await spawnServer(options.transport ?? 'stdio');
    const client = new TestClient(child, connection, writeAll);
    client.settings = options.settings;
    child.stderr!.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    child.on('exit', (code, signal) => client.failAll(new Error(`server exited (code ${code}, signal ${signal}); stderr: ${client.stderr}`)));
    client.listen();
    connection.listen();

    const pull = options.pull ?? false;
    const configuration = options.configuration ?? true;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration,
        applyEdit: options.applyEdit ?? true,
        workspaceEdit: { documentChanges: true },
        didChangeConfiguration: { dynamicRegistration: false },
        didChangeWatchedFiles: { dynamicRegistration: options.watchFiles ?? true },
        ...(pull && { diagnostics: { refreshSupport: options.refreshSupport ?? true } }),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          disabledSupport: true,
        },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
        ...(pull && { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }),
      },
    };
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).toString(),
      capabilities,
      locale: options.locale,
      initializationOptions: options.initializationOptions,
      workspaceFolders: options.workspaceFolders ? options.workspaceFolders.map((uri, i) => ({ uri, name: `folder-${i}` })) : null,
      ...(options.trace && { trace: options.trace }),
    };
    client.initializeParams = params;
    if (options.initialize === false) return client;
    client.initializeResult = await client.request<InitializeResult>('initialize', params);
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** The `initialize` parameters `start` built (and sent, unless told not to). */
  initializeParams!: InitializeParams;

  /**
   * Writes notifications straight into the server's input in one write (over IPC: one send
   * after the other, without waiting), as fast as the channel takes them (a burst of edits);
   * resolves once they are handed over.
   */
  burst(notifications: readonly { method: string; params: unknown }[]): Promise<void> {
    return this.writeAll(notifications.map(({ method, params }) => ({ jsonrpc: '2.0', method, params })));
  }

  /** Closes the server's input (standard input) as a client that goes away does. */
  closeInput(): void {
    this.child.stdin?.end();
  }

  /** Resolves with the server's exit code once it has exited. */
  exitCode(): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  private listen(): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.settle(this.diagnosticWaiters, p);
    });
    c.onNotification('$/logTrace', (p: { message: string }) => void this.traces.push(p.message));
    c.onNotification('window/logMessage', (p: LogMessageParams) => {
      this.logs.push(p);
      this.settle(this.logWaiters, p);
    });
    c.onRequest('workspace/configuration', (p: ConfigurationParams) => {
      this.configurationRequests.push(p);
      return p.items.map((item) => (typeof this.settings === 'function' ? this.settings(item.scopeUri) : this.settings) ?? null);
    });
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      this.settle(this.refreshWaiters, undefined);
      return null;
    });
    c.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      this.applyEditRequests.push(p);
      return this.applyEdit(p);
    });
    c.onRequest('client/registerCapability', (p: RegistrationParams) => {
      this.registrations.push(...p.registrations);
      this.settle(this.registrationWaiters, undefined);
      return null;
    });
    c.onRequest('window/workDoneProgress/create', () => null);
  }

  private settle<T>(waiters: Set<Waiter<T>>, value: T): void {
    for (const w of [...waiters]) {
      if (w.accept(value)) {
        waiters.delete(w);
        w.resolve(value);
      }
    }
  }

  private failAll(error: Error): void {
    this.exited = error;
    for (const set of [this.diagnosticWaiters, this.logWaiters, this.refreshWaiters, this.registrationWaiters] as Set<Waiter<unknown>>[]) {
      for (const w of set) w.reject(error);
      set.clear();
    }
  }

  private wait<T>(waiters: Set<Waiter<T>>, accept: (value: T) => boolean, what: string): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, DEADLINE_MS);
      const waiter: Waiter<T> = {
        accept,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      waiters.add(waiter);
    });
  }

  /** Resolves with the next publishDiagnostics for `uri` (call before the action that causes it). */
  nextDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.wait(this.diagnosticWaiters, (p) => p.uri === uri && accept(p), `diagnostics for ${uri}`);
  }

  nextLog(accept: (p: LogMessageParams) => boolean): Promise<LogMessageParams> {
    return this.wait(this.logWaiters, accept, 'a log message');
  }

  nextRefresh(): Promise<void> {
    return this.wait(this.refreshWaiters, () => true, 'workspace/diagnostic/refresh');
  }

  /** Resolves once a registration of `method` has arrived (at once when one already did). */
  async registered(method: string): Promise<Registration> {
    const find = () => this.registrations.find((r) => r.method === method);
    await (find() ? Promise.resolve() : this.wait(this.registrationWaiters, () => find() !== undefined, `registration of ${method}`));
    return find()!;
  }

  /** A request with a deadline; rejects if the server exits or does not answer. */
  request<R>(method: string, params: unknown): Promise<R> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for the answer to ${method}`)), DEADLINE_MS);
      this.connection.sendRequest<R>(method, params).then(
        (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  open(uri: string, text: string, languageId = 'json', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** `workspace/didChangeWatchedFiles` (type: 1 created, 2 changed, 3 deleted). */
  didChangeWatchedFiles(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  changeConfiguration(settings: unknown): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  /** Opens a document and waits for its pushed diagnostics. */
  async openAndWait(uri: string, text: string, languageId = 'json'): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri);
    await this.open(uri, text, languageId);
    return published;
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position });
  }

  symbols(uri: string): Promise<DocumentSymbol[]> {
    return this.request('textDocument/documentSymbol', { textDocument: { uri } });
  }

  links(uri: string): Promise<DocumentLink[] | null> {
    return this.request('textDocument/documentLink', { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[] | null> {
    const context: CodeActionContext = { diagnostics, ...(only && { only }) };
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context });
  }

  executeCommand<R>(command: string, args: unknown[]): Promise<R> {
    return this.request('workspace/executeCommand', { command, arguments: args });
  }

  get alive(): boolean {
    return this.exited === undefined && this.child.exitCode === null;
  }

  /** `shutdown` + `exit`; resolves when the process has ended. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null);
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    await exited;
    this.connection.dispose();
  }
}

/** The position of the first occurrence of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  const before = text.slice(0, offset + delta);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
