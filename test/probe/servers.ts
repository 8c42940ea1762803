/**
 * Real servers on 127.0.0.1 (ports chosen by the OS) that answer like the endpoints of a NapCat
 * setup: NapCat's own WebSocket and HTTP servers, bot frameworks that NapCat dials, a web page,
 * a black hole, a server that drops WebSockets at once, TLS servers and an event receiver.
 * Used by the probe and CLI tests and by the benchmark. No mocks: `ws` and `http` as they are.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export const HOST = '127.0.0.1';

export interface TestServer {
  readonly port: number;
  /** `ws://127.0.0.1:<port><path>` (or http/wss/https, by `scheme`). */
  url(path?: string, scheme?: string): string;
  close(): Promise<void>;
}

/** The request line and headers a server received, as sent (names in the sender's case). */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  /** [name, value] pairs in the order they were sent. */
  readonly rawHeaders: readonly (readonly [string, string])[];
  readonly headers: http.IncomingHttpHeaders;
}

function seen(req: http.IncomingMessage): SeenRequest {
  const pairs: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  return { method: req.method ?? '', url: req.url ?? '', rawHeaders: pairs, headers: req.headers };
}

/** Listens on 127.0.0.1:0 and wraps the server with `close()` that also ends open sockets. */
async function listen(server: net.Server, scheme: string): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: (path = '', s = scheme) => `${s}://${HOST}:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function rawResponse(socket: Duplex, status: number, text: string, body = ''): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

// ---------------------------------------------------------------------------------------------
// NapCat

export interface NapCatOptions {
  readonly token?: string;
  readonly uin?: string;
  readonly nickname?: string;
  readonly appVersion?: string;
}

/** Answers a OneBot action as NapCat does (`get_version_info`, `get_login_info`; else 1404). */
function answer(action: unknown, echo: unknown, o: NapCatOptions): Record<string, unknown> {
  const ok = (data: unknown) => ({ status: 'ok', retcode: 0, data, message: '', wording: '', echo });
  if (action === 'get_version_info') return ok({ app_name: 'NapCat.Onebot', protocol_version: 'v11', app_version: o.appVersion ?? '4.8.116' });
  if (action === 'get_login_info') return ok({ user_id: Number(o.uin ?? '10001'), nickname: o.nickname ?? 'NapCat Bot' });
  if (action === 'get_status') return ok({ online: true, good: true, stat: {} });
  return { status: 'failed', retcode: 1404, data: null, message: '不支持的Api', wording: '不支持的Api', echo };
}

/** NapCat's token lookup: `access_token` in the query (wins when non-empty), else the header. */
function tokenOf(req: http.IncomingMessage): string {
  const query = new URL(req.url ?? '/', 'http://x').searchParams.get('access_token');
  if (query) return query;
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : header;
}

export interface NapCatWsServer extends TestServer {
  /** Every WebSocket request received. */
  readonly requests: SeenRequest[];
  /** Every action called, in order. */
  readonly actions: string[];
}

/**
 * NapCat's WebSocket server (websocketServers). A wrong token gets the 101 upgrade, then the 1403
 * frame and a close; every path but /api gets the lifecycle connect event first.
 */
export async function napcatWsServer(o: NapCatOptions = {}): Promise<NapCatWsServer> {
  const server = http.createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' }).end('Upgrade Required');
  });
  const wss = new WebSocketServer({ noServer: true });
  const requests: SeenRequest[] = [];
  const actions: string[] = [];
  server.on('upgrade', (req, socket, head) => {
    requests.push(seen(req));
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (o.token && tokenOf(req) !== o.token) {
        ws.send(JSON.stringify({ status: 'failed', retcode: 1403, data: null, message: 'token验证失败', wording: 'token验证失败', echo: null }));
        ws.close();
        return;
      }
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path !== '/api') {
        ws.send(JSON.stringify({ time: Math.floor(Date.now() / 1000), self_id: Number(o.uin ?? '10001'), post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'connect' }));
      }
      ws.on('message', (data) => {
        let msg: { action?: unknown; echo?: unknown };
        try {
          msg = JSON.parse(data.toString()) as typeof msg;
        } catch {
          ws.send(JSON.stringify({ status: 'failed', retcode: 1400, data: null, message: 'json解析失败', echo: null }));
          return;
        }
        actions.push(String(msg.action));
        ws.send(JSON.stringify(answer(msg.action, msg.echo, o)));
      });
    });
  });
  const base = await listen(server, 'ws');
  return {
    ...base,
    requests,
    actions,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await base.close();
    },
  };
}

export interface NapCatHttpServer extends TestServer {
  readonly requests: SeenRequest[];
}

/** NapCat's HTTP server (httpServers): `POST /<action>`, 403 "token verify failed!", `GET /`. */
export async function napcatHttpServer(o: NapCatOptions = {}): Promise<NapCatHttpServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push(seen(req));
    const json = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (o.token && tokenOf(req) !== o.token) return json(403, { message: 'token verify failed!' });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/' && req.method === 'GET') return json(200, { status: 'ok', retcode: 0, data: null, message: 'NapCat4 Is Running', wording: 'NapCat4 Is Running' });
      json(200, answer(path.slice(1).split('/')[0], undefined, o));
    });
  });
  const base = await listen(server, 'http');
  return { ...base, requests };
}

// ---------------------------------------------------------------------------------------------
// Bot frameworks (what NapCat dials)

export interface FrameworkOptions {
  /** The only path that upgrades (NoneBot: /onebot/v11/ws). */
  readonly path?: string;
  /** Answer to any other path (NoneBot behind FastAPI: 403; others 404). */
  readonly wrongPathStatus?: number;
  /** Expected token; missing → 401, wrong → 403. */
  readonly token?: string;
  /** Refuse (403) a second connection with an X-Self-ID that is connected already, as NoneBot does. */
  readonly uniqueSelfId?: boolean;
}

export interface FrameworkServer extends TestServer {
  readonly requests: SeenRequest[];
  /** Close codes received from clients, in order. */
  readonly closeCodes: number[];
  /** Messages received from clients (the probe must send none). */
  readonly messages: string[];
  /** Connections currently open. */
  readonly open: () => number;
  /** Resolves with the close code of the next WebSocket that closes. */
  readonly nextClose: () => Promise<number>;
}

/** A bot framework's reverse-WebSocket endpoint, NoneBot-like (path, token, X-Self-ID checks). */
export async function frameworkServer(o: FrameworkOptions = {}, tls?: { key: string; cert: string }): Promise<FrameworkServer> {
  const path = o.path ?? '/onebot/v11/ws';
  const requests: SeenRequest[] = [];
  const closeCodes: number[] = [];
  const messages: string[] = [];
  const connected = new Set<string>();
  const closeWaiters: ((code: number) => void)[] = [];
  const onRequest = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"detail":"Not Found"}');
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, onRequest) : http.createServer(onRequest);
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    requests.push(seen(req));
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== path) return rawResponse(socket, o.wrongPathStatus ?? 404, o.wrongPathStatus === 403 ? 'Forbidden' : 'Not Found');
    if (o.token) {
      const auth = req.headers.authorization;
      // Node's parser trims the trailing space of NapCat's `Bearer ` (empty token).
      if (auth === undefined || auth.trim() === 'Bearer' || auth.trim() === '') return rawResponse(socket, 401, 'Unauthorized');
      if (auth !== `Bearer ${o.token}`) return rawResponse(socket, 403, 'Forbidden');
    }
    const selfId = String(req.headers['x-self-id'] ?? '');
    if (o.uniqueSelfId && connected.has(selfId)) return rawResponse(socket, 403, 'Forbidden', `There's already a bot ${selfId}`);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      connected.add(selfId);
      ws.on('message', (data) => messages.push(data.toString()));
      ws.on('close', (code) => {
        closeCodes.push(code);
        connected.delete(selfId);
        for (const w of closeWaiters.splice(0)) w(code);
      });
    });
  });
  const base = await listen(server, tls ? 'wss' : 'ws');
  return {
    ...base,
    requests,
    closeCodes,
    messages,
    open: () => wss.clients.size,
    nextClose: () => new Promise<number>((resolve) => closeWaiters.push(resolve)),
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await base.close();
    },
  };
}

/**
 * Accepts every WebSocket, then closes it at once with `code` and `reason`, without a code (1005,
 * as Koishi does on a path it does not serve) when `code` is undefined, or drops it (1006).
 */
export async function closingServer(code?: number | 'drop', reason = ''): Promise<TestServer> {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (code === 'drop') ws.terminate();
      else if (code === undefined) ws.close();
      else ws.close(code, reason);
    });
  });
  return listen(server, 'ws');
}

/** A plain web page answering 200 to everything, upgrades included (like NapCat's WebUI). */
export async function webPage(): Promise<TestServer> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>NapCat WebUI</title>');
  });
  return listen(server, 'http');
}

export interface BlackHole extends TestServer {
  /** Resolves when the next connection is accepted. */
  readonly nextConnection: () => Promise<void>;
  /** When each connection was accepted (performance.now()), in order. */
  readonly acceptedAt: readonly number[];
}

/** Accepts TCP connections and never says anything. */
export async function blackHole(): Promise<BlackHole> {
  const acceptedAt: number[] = [];
  const waiters: (() => void)[] = [];
  const server = net.createServer((socket) => {
    acceptedAt.push(performance.now());
    socket.on('error', () => undefined);
    for (const w of waiters.splice(0)) w();
  });
  const base = await listen(server, 'ws');
  return { ...base, nextConnection: () => new Promise<void>((resolve) => waiters.push(resolve)), acceptedAt };
}

export interface EventReceiver extends TestServer {
  readonly requests: SeenRequest[];
}

/**
 * A framework's HTTP event endpoint (what httpClients POST to): the path answers 405 to anything
 * but POST, like FastAPI; other paths 404.
 */
export async function eventReceiver(path = '/onebot/v11/http'): Promise<EventReceiver> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push(seen(req));
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    if (p !== path) return void res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"detail":"Not Found"}');
    if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST', 'Content-Type': 'application/json' }).end('{"detail":"Method Not Allowed"}');
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  const base = await listen(server, 'http');
  return { ...base, requests };
}

/** A port on 127.0.0.1 that was listening a moment ago and is closed now: connections are refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Closes every server given (ignores the ones already closed). */
export async function closeAll(servers: readonly (TestServer | undefined)[]): Promise<void> {
  await Promise.all(servers.map((s) => s?.close().catch(() => undefined)));
}
