import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { SERVER_ENV, SERVER_NODE_OPTIONS } from '../server/src/lsp/protocol';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../server/src/core';

/**
 * Language servers as editors run them: a child process spoken to over stdio (push diagnostics:
 * the client does not announce pull support). Measures the NapCat server's editing latency
 * (`didChange` → the `publishDiagnostics` that follows it), and the cold start and memory of any
 * server, VS Code's own JSON language server included.
 */

type Message = { id?: number | string; method?: string; params?: any; result?: unknown; error?: unknown };

class StdioClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly listeners: ((m: Message) => void)[] = [];

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buffer.toString('ascii', 0, headerEnd));
      if (!m) throw new Error('bad header from the server');
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.toString('utf8', headerEnd + 4, headerEnd + 4 + length);
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server: settings → defaults, anything else → null.
      const result = message.method === 'workspace/configuration' ? (message.params?.items ?? []).map(() => null) : null;
      this.write({ jsonrpc: '2.0', id: message.id, result });
      return;
    }
    if (message.id !== undefined && typeof message.id === 'number') {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
      return;
    }
    for (const l of [...this.listeners]) l(message);
  }

  /** Writes the messages in one go; resolves with the time the last byte was handed to the pipe. */
  writeAll(messages: readonly object[]): Promise<bigint> {
    const chunks = messages.map((m) => {
      const body = Buffer.from(JSON.stringify(m), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    return new Promise((resolve, reject) => this.child.stdin.write(Buffer.concat(chunks), (e) => (e ? reject(e) : resolve(process.hrtime.bigint()))));
  }

  private write(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the next notification `method` accepted by `accept`; rejects after `ms`. */
  next(method: string, accept: (params: any) => boolean, ms: number): Promise<any> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        reject(new Error(`no ${method} within ${ms} ms`));
      }, ms);
      const listener = (m: Message) => {
        if (m.method !== method || !accept(m.params)) return;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(m.params);
      };
      this.listeners.push(listener);
    });
  }
}

/** A language server to start: the NapCat server, or VS Code's JSON language server. */
export interface ServerSpec {
  readonly label: string;
  readonly args: readonly string[];
  readonly initializationOptions: object;
  /** Sent as `workspace/didChangeConfiguration` after `initialized`, when set. */
  readonly settings?: object;
  /** Environment variables set for the server on top of this process's. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The NapCat server, started as the extension starts it (with its Node options and environment). */
export function napcatServer(serverJs: string): ServerSpec {
  return { label: 'NapCat server', args: [...SERVER_NODE_OPTIONS, serverJs, '--stdio'], initializationOptions: {}, env: SERVER_ENV };
}

/** A server over stdio, with its arguments and environment. */
function spawnServer(spec: ServerSpec): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...spec.args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...spec.env } });
}

/**
 * `vscode-json-language-server --stdio` with the project's JSON schema for `onebot11_*.json`
 * (read by the server itself from the file), validation on, as VS Code configures it.
 */
export function jsonLanguageServer(serverJs: string, schemaFile: string): ServerSpec {
  return {
    label: 'VS Code JSON server',
    args: [serverJs, '--stdio'],
    initializationOptions: { handledSchemaProtocols: ['file'], provideFormatter: false },
    settings: {
      json: {
        validate: { enable: true },
        schemas: [{ fileMatch: ['onebot11.json', 'onebot11_*.json'], url: pathToFileURL(schemaFile).href }],
      },
    },
  };
}

/** A started server: its client, and the time from spawn to the answer of `initialize`. */
export class Session {
  private stderr = '';
  private constructor(
    readonly client: StdioClient,
    readonly coldStartMs: number,
    readonly incremental: boolean,
  ) {
    client.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  static async start(spec: ServerSpec): Promise<Session> {
    const t0 = process.hrtime.bigint();
    const child = spawnServer(spec);
    const client = new StdioClient(child);
    const init = await withTimeout(
      client.request('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
        initializationOptions: spec.initializationOptions,
      }),
      15_000,
      `${spec.label}: initialize`,
    );
    const coldStartMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const sync = (init.result as any)?.capabilities?.textDocumentSync;
    const incremental = (typeof sync === 'number' ? sync : sync?.change) === 2;
    client.notify('initialized', {});
    if (spec.settings) client.notify('workspace/didChangeConfiguration', { settings: spec.settings });
    return new Session(client, coldStartMs, incremental);
  }

  /** Opens `doc` and waits for its first diagnostics. */
  async open(doc: BenchDocument, languageId = 'json'): Promise<void> {
    const first = this.client.next('textDocument/publishDiagnostics', (p) => p.uri === doc.uri, 15_000);
    this.client.notify('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId, version: doc.version, text: doc.text } });
    await first;
  }

  /** Makes the next edit of `doc`; resolves with the milliseconds until the diagnostics of that version arrive. */
  async edit(doc: BenchDocument): Promise<number> {
    const change = doc.nextChange(this.incremental);
    const v = doc.version;
    const published = this.client.next('textDocument/publishDiagnostics', (p) => p.uri === doc.uri && (p.version === undefined || p.version === v), 15_000);
    const t0 = process.hrtime.bigint();
    this.client.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version: v }, contentChanges: [change] });
    await published;
    return Number(process.hrtime.bigint() - t0) / 1e6;
  }

  /** The server's resident set size now and at its peak (Linux /proc), in bytes. */
  rss(): { now: number | undefined; peak: number | undefined } {
    try {
      const status = fs.readFileSync(`/proc/${this.client.child.pid}/status`, 'utf8');
      const kb = (field: string) => {
        const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
        return m ? Number(m[1]) * 1024 : undefined;
      };
      return { now: kb('VmRSS'), peak: kb('VmHWM') };
    } catch {
      return { now: undefined, peak: undefined };
    }
  }

  async stop(): Promise<void> {
    await withTimeout(this.client.request('shutdown', null), 5_000, 'shutdown').catch(() => undefined);
    this.client.notify('exit', null);
    const child = this.client.child;
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const t = setTimeout(() => (child.kill(), resolve()), 2000);
      child.once('exit', () => (clearTimeout(t), resolve()));
    });
  }

  /** The error with what the server wrote on stderr. */
  explain(e: unknown): Error {
    return new Error(`${(e as Error).message}${this.stderr ? `\nserver stderr:\n${this.stderr}` : ''}`);
  }
}

/**
 * A config being edited: each edit renames the first WebSocket client, alternately to a name
 * that collides with the second one and back, so the diagnostics really change at every step.
 */
export class BenchDocument {
  version = 1;
  private current: string;
  private readonly at: number;
  private readonly names: readonly [string, string];
  private index = 0;

  constructor(
    readonly uri: string,
    readonly text: string,
  ) {
    this.current = text;
    const quote = text.includes('"websocket-client-0"') ? '"' : "'";
    this.names = [`${quote}websocket-client-0${quote}`, `${quote}websocket-client-1${quote}`];
    this.at = text.indexOf(this.names[0]);
    if (this.at < 0) throw new Error('benchmark config has no websocket-client-0');
  }

  nextChange(incremental: boolean): object {
    const from = this.names[this.index];
    this.index = 1 - this.index;
    const to = this.names[this.index];
    const lines = new LineIndex(this.current);
    const start = lines.positionAt(this.at);
    const end = lines.positionAt(this.at + from.length);
    this.current = this.current.slice(0, this.at) + to + this.current.slice(this.at + from.length);
    this.version++;
    return incremental ? { range: { start, end }, text: to } : { text: this.current };
  }
}

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: q(0.5), p95: q(0.95), max: sorted[sorted.length - 1] };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

/** What a burst of edits costs the server: see `measureBurst`. */
export interface BurstResult {
  readonly bytes: number;
  readonly edits: number;
  /**
   * From the moment the last edit was written to the publication of its diagnostics, ms: the
   * median of the bursts after the first (a server that has been running).
   */
  readonly lastEditToDiagnostics: number;
  /** The same for the first burst, in a process that has just started (its code not yet optimised). */
  readonly firstBurst: number;
  /** The server's resident set size once the document was opened and analysed, bytes. */
  readonly rssAfterOpen: number | undefined;
  /** The server's peak resident set size at the end of the first burst, bytes. */
  readonly peakRss: number | undefined;
  /** The text after the last edit. */
  readonly finalText: string;
}

/**
 * `edits` single-character edits (a space typed at the start of the file), written to the server
 * in one go, as fast as the pipe takes them; then the wait for the diagnostics of the last version.
 * `rounds` bursts, each on a document of its own opened just before: the first in a process that
 * has just started, the others in one that has run (what a user who types in an open editor gets).
 */
export async function measureBurst(serverJs: string, text: string, edits: number, rounds = 6): Promise<BurstResult> {
  const child = spawnServer(napcatServer(serverJs));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new StdioClient(child);
  const uri = 'file:///bench/config/onebot11_123456789.json';
  try {
    await withTimeout(
      client.request('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
        initializationOptions: {},
      }),
      10_000,
      'initialize',
    );
    client.notify('initialized', {});
    let rssAfterOpen: number | undefined;
    let peakRss: number | undefined;
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const doc = uri.replace('123456789', `12345678${round}`);
      const opened = client.next('textDocument/publishDiagnostics', (p) => p.uri === doc, 60_000);
      client.notify('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'json', version: 1, text } });
      await opened;
      rssAfterOpen ??= rss(child.pid);
      const last = edits + 1;
      const space = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' };
      const messages = Array.from({ length: edits }, (_, i) => ({
        jsonrpc: '2.0',
        method: 'textDocument/didChange',
        params: { textDocument: { uri: doc, version: i + 2 }, contentChanges: [space] },
      }));
      const published = client.next('textDocument/publishDiagnostics', (p) => p.uri === doc && p.version === last, 600_000);
      const written = await client.writeAll(messages);
      const done = await published.then(() => process.hrtime.bigint());
      times.push(Number(done - written) / 1e6);
      // The memory row is about one burst on one document: the high-water mark after the first.
      peakRss ??= peakRssOf(child.pid);
      client.notify('textDocument/didClose', { textDocument: { uri: doc } });
    }
    const steady = times.slice(1).sort((a, b) => a - b);
    await withTimeout(client.request('shutdown', null), 5_000, 'shutdown').catch(() => undefined);
    client.notify('exit', null);
    return {
      bytes: Buffer.byteLength(text),
      edits,
      lastEditToDiagnostics: steady.length > 0 ? steady[steady.length >> 1] : times[0],
      firstBurst: times[0],
      rssAfterOpen,
      peakRss,
      finalText: ' '.repeat(edits) + text,
    };
  } catch (e) {
    throw new Error(`${(e as Error).message}${stderr ? `\nserver stderr:\n${stderr}` : ''}`);
  } finally {
    setTimeout(() => child.kill(), 1000).unref();
  }
}

/** Milliseconds of `textDocument/documentSymbol` and `napcat/endpoints` on a config (median of `runs`). */
export async function measureRequests(serverJs: string, text: string, runs: number): Promise<{ symbols: number; endpoints: number }> {
  const child = spawnServer(napcatServer(serverJs));
  const client = new StdioClient(child);
  const uri = 'file:///bench/config/onebot11_123456789.json';
  try {
    await withTimeout(client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} }), 10_000, 'initialize');
    client.notify('initialized', {});
    const opened = client.next('textDocument/publishDiagnostics', (p) => p.uri === uri, 120_000);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    await opened;
    const timed = async (method: string, params: unknown) => {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint();
        await withTimeout(client.request(method, params), 600_000, method);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      samples.sort((a, b) => a - b);
      return samples[samples.length >> 1];
    };
    const symbols = await timed('textDocument/documentSymbol', { textDocument: { uri } });
    const endpoints = await timed('napcat/endpoints', { uris: [uri], openDocuments: false });
    await withTimeout(client.request('shutdown', null), 5_000, 'shutdown').catch(() => undefined);
    client.notify('exit', null);
    return { symbols, endpoints };
  } finally {
    setTimeout(() => child.kill(), 1000).unref();
  }
}

function rss(pid: number | undefined): number | undefined {
  return statusField(pid, 'VmRSS');
}

function peakRssOf(pid: number | undefined): number | undefined {
  return statusField(pid, 'VmHWM');
}

function statusField(pid: number | undefined, field: string): number | undefined {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
