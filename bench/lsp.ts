import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import { LineIndex } from '../server/src/core';

/**
 * Editing latency of the bundled language server: `node dist/server.js --stdio` as a child,
 * spoken to over stdio (push diagnostics: the client does not announce pull support). Each of
 * `edits` didChange notifications is timed until the publishDiagnostics that follows it.
 */
export interface LatencyResult {
  readonly samples: readonly number[];
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly bytes: number;
  /** The server's peak resident set size (Linux /proc VmHWM), in bytes, if known. */
  readonly serverPeakRss: number | undefined;
}

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

export async function measureLatency(serverJs: string, text: string, edits: number): Promise<LatencyResult> {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new StdioClient(child);
  const uri = 'file:///bench/config/onebot11_123456789.json';
  try {
    const init = await withTimeout(
      client.request('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
        initializationOptions: {},
      }),
      10_000,
      'initialize',
    );
    const sync = (init.result as any)?.capabilities?.textDocumentSync;
    const incremental = (typeof sync === 'number' ? sync : sync?.change) === 2;
    client.notify('initialized', {});

    let version = 1;
    const firstPublish = client.next('textDocument/publishDiagnostics', (p) => p.uri === uri, 10_000);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version, text } });
    await firstPublish;

    // Each edit renames the first WebSocket client, alternately to a name that collides with the
    // second one and back, so the diagnostics really change at every step.
    const nameAt = text.indexOf('"websocket-client-0"');
    if (nameAt < 0) throw new Error('benchmark config has no websocket-client-0');
    let current = text;
    let currentName = '"websocket-client-0"';
    const samples: number[] = [];
    for (let i = 0; i < edits; i++) {
      const nextName = currentName === '"websocket-client-0"' ? '"websocket-client-1"' : '"websocket-client-0"';
      const index = new LineIndex(current);
      const start = index.positionAt(nameAt);
      const end = index.positionAt(nameAt + currentName.length);
      current = current.slice(0, nameAt) + nextName + current.slice(nameAt + currentName.length);
      currentName = nextName;
      version++;
      const change = incremental ? { range: { start, end }, text: nextName } : { text: current };
      const v = version;
      const published = client.next('textDocument/publishDiagnostics', (p) => p.uri === uri && (p.version === undefined || p.version === v), 10_000);
      const t0 = process.hrtime.bigint();
      client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
      await published;
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const serverPeakRss = peakRss(child.pid);
    await withTimeout(client.request('shutdown', null), 5_000, 'shutdown').catch(() => undefined);
    client.notify('exit', null);
    const sorted = [...samples].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    return { samples, p50: q(0.5), p95: q(0.95), max: sorted[sorted.length - 1], bytes: text.length, serverPeakRss };
  } catch (e) {
    throw new Error(`${(e as Error).message}${stderr ? `\nserver stderr:\n${stderr}` : ''}`);
  } finally {
    setTimeout(() => child.kill(), 1000).unref();
  }
}

function peakRss(pid: number | undefined): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
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
  /** From the moment the last edit was written to the publication of its diagnostics, ms. */
  readonly lastEditToDiagnostics: number;
  /** The server's resident set size once the document was opened and analysed, bytes. */
  readonly rssAfterOpen: number | undefined;
  /** The server's peak resident set size at the end of the burst, bytes. */
  readonly peakRss: number | undefined;
  /** The text after the last edit. */
  readonly finalText: string;
}

/**
 * `edits` single-character edits (a space typed at the start of the file), written to the server
 * in one go, as fast as the pipe takes them; then the wait for the diagnostics of the last version.
 */
export async function measureBurst(serverJs: string, text: string, edits: number): Promise<BurstResult> {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
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
    const opened = client.next('textDocument/publishDiagnostics', (p) => p.uri === uri, 60_000);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    await opened;
    const rssAfterOpen = rss(child.pid);
    const last = edits + 1;
    const space = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' };
    const messages = Array.from({ length: edits }, (_, i) => ({
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version: i + 2 }, contentChanges: [space] },
    }));
    const published = client.next('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === last, 600_000);
    const written = await client.writeAll(messages);
    const done = await published.then(() => process.hrtime.bigint());
    const peakRss = peakRssOf(child.pid);
    await withTimeout(client.request('shutdown', null), 5_000, 'shutdown').catch(() => undefined);
    client.notify('exit', null);
    return {
      bytes: Buffer.byteLength(text),
      edits,
      lastEditToDiagnostics: Number(done - written) / 1e6,
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
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
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
