import * as http from 'node:http';
import * as https from 'node:https';
import { Attempt, readBody } from './attempt';
import { stringOf } from './classify';
import { maskUrl } from '../core/secrets';
import { defaultPort } from '../core/text/hosts';
import { connectHost } from './websocket';
import type { NapCatInfo, ProbeResult } from './types';
import { type Catalogue } from '../core';
import { localize } from '../wording';

/** The most of a response body read: the cheap OneBot actions answer in a few hundred bytes. */
const MAX_BODY = 64 * 1024;

const M = {
  noContentType: 'no content type',
} satisfies Catalogue<string>;

export interface HttpProbeParams {
  readonly timeout: number;
  readonly signal?: AbortSignal;
  readonly token: string;
  readonly secrets: readonly string[];
  readonly ca?: string | readonly string[];
}

interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  readonly body: string;
}

/**
 * One HTTP request within `attempt`: no connection reuse, no redirects followed. Resolves with the
 * answer, or undefined when the attempt ended (failed, timed out, cancelled) first.
 */
function request(
  attempt: Attempt,
  options: {
    secure: boolean;
    path: string;
    method: string;
    headers: Record<string, string>;
    body?: string;
    ca?: string | readonly string[];
    rejectUnauthorized?: boolean;
    readBody: boolean;
  },
): Promise<Answer | undefined> {
  return new Promise((resolve) => {
    attempt.onCleanup(() => resolve(undefined));
    if (attempt.done) return;
    let req: http.ClientRequest;
    try {
      req = (options.secure ? https : http).request({
        host: attempt.host,
        port: attempt.port,
        path: options.path,
        method: options.method,
        headers: options.body === undefined ? options.headers : { ...options.headers, 'Content-Length': String(Buffer.byteLength(options.body)) },
        agent: false,
        ca: options.ca as string[] | undefined,
        rejectUnauthorized: options.rejectUnauthorized ?? true,
      });
    } catch (e) {
      attempt.fail(e);
      return;
    }
    attempt.onCleanup(() => req.destroy());
    req.on('socket', (socket) => attempt.track(socket));
    req.on('error', (err) => attempt.fail(err));
    req.on('response', (res) => {
      const head = {
        status: res.statusCode ?? 0,
        statusText: attempt.clean(res.statusMessage ?? '', 100),
        contentType: String(res.headers['content-type'] ?? ''),
      };
      if (!options.readBody) {
        res.resume();
        resolve({ ...head, body: '' });
        return;
      }
      void readBody(res, attempt, MAX_BODY).then((body) => resolve({ ...head, body }));
    });
    req.end(options.body);
  });
}

/**
 * httpServers and httpSseServers: NapCat listens. `POST /get_version_info` (then
 * `/get_login_info`) with the token as `Authorization: Bearer`, as a OneBot client would. NapCat
 * answers a wrong token with 403 `{"message":"token verify failed!"}`.
 */
export async function probeHttpServer(host: string, port: number, params: HttpProbeParams): Promise<ProbeResult> {
  const attempt = new Attempt(connectHost(host), port, false, params.timeout, params.signal, params.secrets);
  attempt.waitingFor = 'response';
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (params.token !== '') headers['Authorization'] = `Bearer ${params.token}`;
  const call = (action: string) => request(attempt, { secure: false, path: `/${action}`, method: 'POST', headers, body: '{}', readBody: true });

  const version = await call('get_version_info');
  if (!version) return attempt.promise;
  const latencyMs = attempt.elapsed();
  const parsed = parseReply(version.body);
  if (version.status === 403 && /token verify failed/i.test(version.body)) {
    const message = typeof parsed?.message === 'string' ? parsed.message : version.body;
    attempt.finish({ kind: 'token-rejected', latencyMs, via: 'http-403', message: attempt.clean(message), tokenSent: params.token !== '' });
    return attempt.promise;
  }
  if (version.status !== 200 || !parsed) {
    const what = parsed ? 'JSON' : version.contentType.split(';')[0] || localize(M.noContentType);
    attempt.finish({ kind: 'unexpected', latencyMs, detail: attempt.clean(`POST /get_version_info → HTTP ${version.status} ${version.statusText} (${what})`.replace(/\s+\(/, ' (')) });
    return attempt.promise;
  }
  if (parsed.retcode !== 0 && parsed.status !== 'ok') {
    attempt.finish({ kind: 'unexpected', latencyMs, detail: attempt.clean(`get_version_info failed: retcode ${String(parsed.retcode)} ${stringOf(parsed.message) ?? ''}`.trim()) });
    return attempt.promise;
  }
  const data = objectOf(parsed.data);
  const info: { -readonly [K in keyof NapCatInfo]: NapCatInfo[K] } = {
    appName: stringOf(data.app_name),
    appVersion: stringOf(data.app_version),
    protocolVersion: stringOf(data.protocol_version),
  };
  const login = await call('get_login_info');
  const loginReply = login && login.status === 200 ? parseReply(login.body) : undefined;
  if (loginReply && (loginReply.retcode === 0 || loginReply.status === 'ok')) {
    const d = objectOf(loginReply.data);
    info.userId = stringOf(d.user_id);
    info.nickname = stringOf(d.nickname);
  }
  attempt.finish({ kind: 'ok', latencyMs, napcat: info });
  return attempt.promise;
}

/**
 * httpClients: NapCat POSTs every event to the URL. The probe sends one `HEAD` request to that URL
 * and nothing else: no body, so no framework can take it for an event, and no signature. "ok"
 * means an HTTP server answered at that address, whatever the status (kept in `httpStatus`:
 * 2xx or 405 usually mean the path exists and takes POST; 404 that it may not). Whether the
 * framework accepts NapCat's events shows only when NapCat sends one.
 *
 * Like NapCat, the request uses TLS only when the text starts with `https://`, and goes to the
 * URL's port or else 443/80.
 */
export async function probeHttpClient(urlText: string, verifyCertificate: boolean, params: HttpProbeParams): Promise<ProbeResult> {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return { kind: 'bad-url', latencyMs: 0, problem: 'unparsable', text: maskUrl(urlText, params.secrets) };
  }
  const secure = urlText.startsWith('https://');
  if (url.port === '0') return { kind: 'bad-url', latencyMs: 0, problem: 'port', text: maskUrl(urlText, params.secrets) };
  const host = (url.hostname || 'localhost').replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? defaultPort(secure) : Number(url.port);
  const attempt = new Attempt(host, port, secure, params.timeout, params.signal, params.secrets);
  attempt.waitingFor = 'response';
  const answer = await request(attempt, {
    secure,
    path: (url.pathname || '/') + url.search,
    method: 'HEAD',
    headers: {},
    ca: params.ca,
    rejectUnauthorized: verifyCertificate,
    readBody: false,
  });
  if (answer) attempt.finish({ kind: 'ok', latencyMs: attempt.elapsed(), httpStatus: answer.status });
  return attempt.promise;
}

interface Reply {
  status?: unknown;
  retcode?: unknown;
  data?: unknown;
  message?: unknown;
}

function parseReply(body: string): Reply | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Reply) : undefined;
  } catch {
    return undefined;
  }
}

function objectOf(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}
