import type { ClientRequest, IncomingMessage } from 'node:http';
import { randomBytes, randomInt } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { Attempt, readBody } from './attempt';
import { closeReasonOf, statusMeaning, stringOf, tlsProblemOf } from './classify';
import { maskUrl } from '../core/secrets';
import { defaultPort, isUnspecifiedHost } from '../core/text/hosts';
import type { BadUrlProblem, NapCatInfo, ProbeResult } from './types';
import { type Catalogue } from '../core';
import { localize } from '../wording';

const M = {
  notOneBot: 'a message that is not OneBot JSON: {data}',
} satisfies Catalogue<string>;

/** The most of a refusal's body kept for the message. */
const BODY_SNIPPET = 512;
/** Frames larger than this are not read (the probe expects two small answers). */
const MAX_PAYLOAD = 1024 * 1024;
/** How long the body of a refusal may take: the status is the answer, the body only a detail. */
const BODY_WAIT = 300;

export interface WsProbeParams {
  readonly timeout: number;
  readonly signal?: AbortSignal;
  readonly token: string;
  readonly secrets: readonly string[];
  readonly ca?: string | readonly string[];
}

/**
 * The URL a WebSocket client entry connects to, parsed as the `ws` library NapCat uses parses it
 * (WHATWG `URL`; http/https become ws/wss), or what makes it unusable.
 */
export function wsUrl(text: string): URL | BadUrlProblem {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'unparsable';
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    url = new URL(url.href);
    url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return 'scheme';
  if (url.hash !== '') return 'fragment';
  if (url.port === '0' || url.hostname === '') return url.port === '0' ? 'port' : 'missing';
  return url;
}

/** NapCat's reverse WebSocket headers (packages/napcat-onebot/network/websocket-client.ts). */
export function napcatClientHeaders(uin: string | undefined, token: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (uin !== undefined) headers['X-Self-ID'] = uin;
  // NapCat sends the header even when the token is empty ("Bearer ").
  headers['Authorization'] = `Bearer ${token}`;
  headers['x-client-role'] = 'Universal';
  headers['User-Agent'] = 'OneBot/11';
  return headers;
}

interface Connection {
  readonly attempt: Attempt;
  /** Undefined when the WebSocket could not even be created (the attempt then has its result). */
  readonly ws: WebSocket | undefined;
  /** Milliseconds to the `open` event, once open. */
  openedAt?: number;
  tls?: { verified: boolean; problem?: ReturnType<typeof tlsProblemOf> };
}

/**
 * Opens a WebSocket like NapCat does and wires the failures every WebSocket probe shares:
 * network errors, HTTP statuses instead of the upgrade, timeouts and cancellation. `onOpen` runs
 * when the handshake is done; afterwards the caller decides the result.
 */
function connect(
  url: URL,
  headers: Record<string, string>,
  verifyCertificate: boolean,
  params: WsProbeParams,
  onOpen: (c: Connection & { readonly ws: WebSocket }) => void,
): Connection {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const secure = url.protocol === 'wss:';
  const port = url.port === '' ? defaultPort(secure) : Number(url.port);
  const attempt = new Attempt(host, port, secure, params.timeout, params.signal, params.secrets);
  let ws: WebSocket;
  try {
    ws = new WebSocket(url, {
      headers,
      // As NapCat: no compression offer, no redirects followed (the probe never leaves the URL).
      perMessageDeflate: false,
      followRedirects: false,
      maxPayload: MAX_PAYLOAD,
      rejectUnauthorized: verifyCertificate,
      ca: params.ca as string[] | undefined,
      finishRequest: (req: ClientRequest) => {
        req.on('socket', (socket) => attempt.track(socket));
        req.end();
      },
    });
  } catch (e) {
    // The request could not be built: e.g. a token with characters an HTTP header cannot carry.
    attempt.fail(e);
    return { attempt, ws: undefined };
  }
  const c: Connection & { readonly ws: WebSocket } = { attempt, ws };
  attempt.onCleanup(() => {
    if (ws.readyState === WebSocket.OPEN) {
      ws.close(1000);
      // A peer that never answers the close frame: drop it without keeping the process alive.
      setTimeout(() => ws.terminate(), 1000).unref();
    } else if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
  });
  // `ws` throws on an 'error' without listener; errors after the result are expected and ignored.
  ws.on('error', (err) => {
    if (c.openedAt === undefined) attempt.fail(err);
  });
  ws.on('unexpected-response', (_req: ClientRequest, res: IncomingMessage) => {
    const status = res.statusCode ?? 0;
    const latencyMs = attempt.elapsed();
    const location = typeof res.headers.location === 'string' ? maskUrl(res.headers.location, params.secrets) : undefined;
    void readBody(res, attempt, BODY_SNIPPET, BODY_WAIT).then((body) => {
      const text = attempt.clean(body.trim(), BODY_SNIPPET);
      attempt.finish({
        kind: 'rejected',
        latencyMs,
        status,
        statusText: attempt.clean(res.statusMessage ?? '', 100),
        meaning: statusMeaning(status),
        ...(text ? { body: text } : {}),
        ...(location ? { location } : {}),
      });
    });
  });
  ws.on('upgrade', (res: IncomingMessage) => {
    const socket = res.socket as TLSSocket;
    if (secure && typeof socket.authorized === 'boolean') {
      const err = socket.authorizationError as unknown as Error | string | undefined;
      const code = typeof err === 'string' ? err : (err as { code?: string } | undefined)?.code;
      c.tls = socket.authorized ? { verified: true } : { verified: false, problem: tlsProblemOf(code ?? '', String(err ?? '')) ?? 'other' };
    }
  });
  ws.on('open', () => {
    c.openedAt = attempt.elapsed();
    onOpen(c);
  });
  return c;
}

/**
 * The X-Self-ID of a test: a QQ number no account has (QQ numbers have 5 to 10 digits; this one
 * has 13, still exact as a JavaScript or Python number), random so that two tests of one
 * framework at the same time do not collide either.
 */
export function testSelfId(): string {
  return String(9_000_000_000_000 + randomInt(0, 10 ** 12));
}

/**
 * websocketClients: NapCat dials the bot framework. Opens the WebSocket with NapCat's headers and
 * this entry's token, but as a test account (`testSelfId`) unless `asAccount`: a framework that
 * holds NapCat's live connection must never hand the bot to the probe (Koishi and aiocqhttp do:
 * when the probe's socket closes, Koishi marks the bot offline and aiocqhttp drops its API, while
 * NapCat's own socket stays open and never reconnects). Sends nothing, waits `linger` ms for the
 * framework to close first, and closes with 1000.
 *  - open until the probe closes it: `ok` — the address, path and token work for any account;
 *  - closed by the framework for the unknown test account (Koishi: 1008 "invalid x-self-id"): `ok`
 *    with `accountUnchecked` — the endpoint is there, whether it takes NapCat's account is untested;
 *  - any other close the framework started: `closed` with its code and reason.
 */
export function probeReverseWs(
  urlText: string,
  uin: string | undefined,
  verifyCertificate: boolean,
  linger: number,
  params: WsProbeParams & { readonly asAccount?: boolean },
): Promise<ProbeResult> {
  const url = wsUrl(urlText);
  if (!(url instanceof URL)) return Promise.resolve({ kind: 'bad-url', latencyMs: 0, problem: url, text: maskUrl(urlText, params.secrets) });
  const selfId = params.asAccount ? uin : testSelfId();
  const identity = params.asAccount ? {} : { testSelfId: selfId };
  let closing = false;
  const c = connect(url, napcatClientHeaders(selfId, params.token), verifyCertificate, params, (conn) => {
    const { attempt, ws } = conn;
    attempt.waitingFor = 'closing';
    attempt.resultIfLate = { ...okResult(conn), ...identity };
    const close = () => {
      closing = true;
      if (ws.readyState === WebSocket.OPEN) ws.close(1000);
    };
    if (linger > 0) setTimeout(close, linger);
    else close();
  });
  c.ws?.on('close', (code: number, reason: Buffer) => {
    if (c.openedAt === undefined) return;
    const text = c.attempt.clean(reason.toString('utf8'));
    // Our own close comes back as a bare 1000; a framework that closes first says so with its code.
    if (closing && code === 1000 && text === '') c.attempt.finish({ ...okResult(c), ...identity });
    else if (!params.asAccount && code === 1008 && closeReasonOf(code, text) === 'unknown-account') {
      c.attempt.finish({ ...okResult(c), ...identity, accountUnchecked: { code, reason: text } });
    } else c.attempt.finish({ kind: 'closed', latencyMs: c.attempt.elapsed(), code, reason: text });
  });
  return c.attempt.promise;
}

function okResult(c: Connection, napcat?: NapCatInfo): Extract<ProbeResult, { kind: 'ok' }> {
  return { kind: 'ok', latencyMs: c.openedAt ?? c.attempt.elapsed(), ...(napcat ? { napcat } : {}), ...(c.tls ? { tls: c.tls } : {}) };
}

/** The address to connect to for a server listening on `host` (every interface → loopback). */
export function connectHost(host: string): string {
  const h = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (isUnspecifiedHost(h)) return h.includes(':') ? '::1' : '127.0.0.1';
  return h;
}

interface ActionReply {
  status?: unknown;
  retcode?: unknown;
  data?: unknown;
  message?: unknown;
  wording?: unknown;
  echo?: unknown;
}

/**
 * websocketServers: NapCat listens. Connects to `/api` on the listen address with the token
 * (`Authorization: Bearer`, which NapCat reads like `access_token`), asks `get_version_info` and
 * `get_login_info` (answers matched by `echo`), and reports the NapCat version and account.
 * NapCat's refusal of a token is a 101 upgrade followed by a `retcode: 1403` frame and a close.
 */
export function probeWsServer(host: string, port: number, params: WsProbeParams): Promise<ProbeResult> {
  const h = connectHost(host);
  const url = new URL(`ws://${h.includes(':') ? `[${h}]` : h}:${port}/api`);
  const headers: Record<string, string> = {};
  if (params.token !== '') headers['Authorization'] = `Bearer ${params.token}`;
  const nonce = randomBytes(6).toString('hex');
  const echo = { version: `napcat-config:${nonce}:version`, login: `napcat-config:${nonce}:login` };
  const info: { -readonly [K in keyof NapCatInfo]: NapCatInfo[K] } = {};
  let versionAnswered = false;
  let loginAnswered = false;

  const c = connect(url, headers, true, params, ({ attempt, ws }) => {
    attempt.waitingFor = 'response';
    ws.send(JSON.stringify({ action: 'get_version_info', params: {}, echo: echo.version }));
    ws.send(JSON.stringify({ action: 'get_login_info', params: {}, echo: echo.login }));
  });
  if (!c.ws) return c.attempt.promise;
  const { attempt, ws } = c;
  const done = () => {
    if (versionAnswered && loginAnswered) attempt.finish({ ...okResult(c, info), latencyMs: attempt.elapsed() });
  };
  ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
    if (attempt.done) return;
    let reply: ActionReply;
    try {
      const parsed: unknown = JSON.parse(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      reply = parsed as ActionReply;
    } catch {
      attempt.finish({ kind: 'unexpected', latencyMs: attempt.elapsed(), detail: attempt.clean(localize(M.notOneBot, { data: data.toString().slice(0, 120) })) });
      return;
    }
    if (reply.retcode === 1403) {
      attempt.finish({
        kind: 'token-rejected',
        latencyMs: attempt.elapsed(),
        via: 'ws-1403',
        message: attempt.clean(typeof reply.message === 'string' ? reply.message : ''),
        tokenSent: params.token !== '',
      });
      return;
    }
    const data_ = (typeof reply.data === 'object' && reply.data !== null ? reply.data : {}) as Record<string, unknown>;
    if (reply.echo === echo.version) {
      if (reply.retcode !== 0 && reply.status !== 'ok') {
        attempt.finish({ kind: 'unexpected', latencyMs: attempt.elapsed(), detail: attempt.clean(`get_version_info failed: retcode ${String(reply.retcode)} ${stringOf(reply.message) ?? ''}`.trim()) });
        return;
      }
      info.appName = stringOf(data_.app_name);
      info.appVersion = stringOf(data_.app_version);
      info.protocolVersion = stringOf(data_.protocol_version);
      versionAnswered = true;
    } else if (reply.echo === echo.login) {
      if (reply.retcode === 0 || reply.status === 'ok') {
        info.userId = stringOf(data_.user_id);
        info.nickname = stringOf(data_.nickname);
      }
      loginAnswered = true;
    }
    done();
  });
  ws.on('close', (code: number, reason: Buffer) => {
    if (c.openedAt === undefined) return;
    if (versionAnswered) {
      loginAnswered = true;
      done();
      return;
    }
    attempt.finish({ kind: 'closed', latencyMs: attempt.elapsed(), code, reason: attempt.clean(reason.toString('utf8')) });
  });
  return attempt.promise;
}
