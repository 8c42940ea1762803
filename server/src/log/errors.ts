import { pathAdvice, servedPaths, type Message, type MessageArgs, type Range, type Severity } from '../core';
import { statusMeaning, tlsProblemOf } from '../probe/classify';
import { defaultPortOf, isLocalHost, isLoopbackHost, isUnspecifiedHost } from '../core/text/hosts';
import { maskUrl } from '../core/secrets';
import { PROBE_MESSAGES as P } from '../probe/messages';
import type { TlsProblem } from '../probe/types';
import type { Role } from './lines';
import { LOG_MESSAGES as L } from './messages';

/**
 * The connection errors NapCat writes to its log, recognised on one line and explained with the
 * probe's sentence for the same failure (or a log sentence where the probe's needs facts a log
 * line does not have). One line gives at most one error: the first one on it.
 *
 * What NapCat prints (packages/napcat-onebot/network/*.ts; the logger joins an Error's stack into
 * the message, so Node's error text follows NapCat's on the same line):
 *   [OneBot] [WebSocket Client] 反向WebSocket (ws://…) 连接错误 Error: connect ECONNREFUSED 127.0.0.1:8080
 *   [OneBot] [WebSocket Client] 反向WebSocket (ws://…) 连接错误 Error: Unexpected server response: 403
 *   [OneBot] [WebSocket Client] 反向WebSocket (ws://…) 连接意外关闭
 *   [OneBot] [WebSocket Server] Server Error: listen EADDRINUSE: address already in use 0.0.0.0:3001
 *   [OneBot] [WebSocket Server] Server Error: listen EACCES: permission denied 0.0.0.0:80
 *   [OneBot] [Http Server] Server Error: listen EADDRNOTAVAIL: address not available 192.168.1.20:3000
 *   [OneBot] [Http Client] 新消息事件HTTP上报返回快速操作失败 Error: Unexpected status code: 401
 */

/** A stable code per kind of failure, for the Problems panel and clients. */
export const LOG_CODES = {
  refused: 'napcat.log-connection-refused',
  dns: 'napcat.log-host-not-found',
  unreachable: 'napcat.log-unreachable',
  timeout: 'napcat.log-timeout',
  handshakeTimeout: 'napcat.log-handshake-timeout',
  reset: 'napcat.log-connection-reset',
  hangUp: 'napcat.log-socket-hang-up',
  connectNotAvailable: 'napcat.log-connect-address-not-available',
  closed: 'napcat.log-connection-closed',
  portInUse: 'napcat.log-port-in-use',
  portDenied: 'napcat.log-port-denied',
  addressNotAvailable: 'napcat.log-address-not-available',
  token: 'napcat.log-token-rejected',
  forbidden: 'napcat.log-forbidden',
  path: 'napcat.log-wrong-path',
  notWebSocket: 'napcat.log-not-websocket',
  response: 'napcat.log-unexpected-response',
  tls: 'napcat.log-tls',
  napcatError: 'napcat.log-napcat-error',
  webuiLocal: 'napcat.log-webui-address',
  moreFindings: 'napcat.log-more-errors',
  moreLinks: 'napcat.log-more-links',
} as const;

/** A sentence added after a finding's message (a hint, or how often it repeats). */
export interface LogNote {
  readonly message: Message;
  readonly args?: MessageArgs;
}

/**
 * The endpoint a connection error is about, as the log names it: the URL of the record for a
 * client (reverse WebSocket, HTTP POST), else the `host:port` Node wrote; a server's `host:port`.
 */
export interface ErrorEndpoint {
  readonly role: 'client' | 'server';
  /** Which client, when the line says (`[WebSocket Client]`, `[Http Client]`). */
  readonly client?: 'ws' | 'http';
  readonly url?: string;
  readonly address?: string;
}

/** One error on one line, before identical ones are grouped. */
export interface Occurrence {
  readonly code: string;
  readonly severity: Severity;
  readonly range: Range;
  readonly message: Message;
  readonly args: MessageArgs;
  readonly notes: readonly LogNote[];
  /** The endpoint it is about, when the log names one (set once the error is classified). */
  endpoint?: ErrorEndpoint;
}

/** What an error line knows about its record. */
export interface ErrorContext {
  readonly role: Role;
  /** The last http(s)/ws(s) URL written in the record so far (the reverse WebSocket's URL). */
  readonly url: string | undefined;
  /** The host the WebUI listens on (webui.json), when the caller knows it. */
  readonly webuiHost?: string;
}

const SYSCALL = String.raw`(?:\b(?<sys>connect|read|write|listen|getaddrinfo|query[A-Za-z]{0,5})[ \t]{1,4})?`;
const CODE = String.raw`\b(?<code>E(?:CONNREFUSED|NOTFOUND|AI_AGAIN|AI_FAIL|AI_NODATA|AI_NONAME|TIMEDOUT|CONNRESET|ADDRINUSE|ACCES|ADDRNOTAVAIL|HOSTUNREACH|NETUNREACH|HOSTDOWN|NETDOWN))\b`;
const TLS_TEXT = [
  String.raw`self[- ]signed certificate(?: in certificate chain)?`,
  String.raw`certificate has expired`,
  String.raw`certificate is not yet valid`,
  String.raw`unable to verify the first certificate`,
  String.raw`unable to get local issuer certificate`,
  String.raw`Hostname/IP does not match certificate's altnames(?::[^\r\n]{0,160})?`,
  String.raw`wrong version number`,
  String.raw`\b(?:DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_WRONG_VERSION_NUMBER)\b`,
].join('|');
const ERROR = new RegExp(
  [
    SYSCALL + CODE,
    String.raw`\b(?<usr>Unexpected server response):[ \t]{0,4}(?<usrStatus>\d{3})\b`,
    String.raw`\b(?<usc>Unexpected status code):[ \t]{0,4}(?<uscStatus>\d{3})\b`,
    String.raw`(?<hto>Opening handshake has timed out)`,
    String.raw`\b(?<hangup>socket hang up)\b`,
    '(?<closed>连接意外关闭)',
    String.raw`(?<webui>WebUi Local Panel Url:[ \t]{0,4}(?<webuiUrl>https?:\/\/[^\s?#/]{1,300}))`,
    `(?<tls>${TLS_TEXT})`,
  ].join('|'),
  'g',
);
/** `host:port` after a connect error (Node writes IPv6 hosts without brackets: `::1:3001`). */
const ADDRESS_AFTER = /[ \t]{1,4}([^\s,;()'"<>\]]{1,300}):(\d{1,5})(?!\d)/y;
/** `host:port` after a listen error: `listen EADDRINUSE: address already in use :::3001`. */
const LISTEN_AFTER = /:?[ \t]{1,4}(?:address already in use|permission denied|address not available)[ \t]{1,4}([^\s,;()'"<>\]]{0,300}):(\d{1,5})(?!\d)/y;
const HOST_AFTER = /[ \t]{1,4}([^\s,;()'"<>\]]{1,255})/y;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);

/** Node's certificate messages and the codes behind them (a logged stack shows only the message). */
const TLS_MESSAGES: readonly [RegExp, string][] = [
  [/in certificate chain/i, 'SELF_SIGNED_CERT_IN_CHAIN'],
  [/self[- ]signed certificate/i, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  [/certificate has expired/i, 'CERT_HAS_EXPIRED'],
  [/not yet valid/i, 'CERT_NOT_YET_VALID'],
  [/verify the first certificate/i, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  [/local issuer certificate/i, 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'],
  [/altnames/i, 'ERR_TLS_CERT_ALTNAME_INVALID'],
  [/wrong version number/i, 'ERR_SSL_WRONG_VERSION_NUMBER'],
];

/** Problems a WebSocket client can get past with "verifyCertificate": false. */
const VERIFY_HINT: ReadonlySet<TlsProblem> = new Set(['self-signed', 'untrusted', 'hostname', 'expired']);

/** The record URL's parts, when it parses. */
interface UrlFacts {
  /** For messages: masked, as written. */
  readonly display: string;
  /** `host:port` as Node writes it in its errors (default port filled in). */
  readonly address: string;
  readonly host: string;
  readonly path: string;
  /** ws:// or wss:// (else http:// or https://). */
  readonly ws: boolean;
}

function urlFacts(url: string | undefined): UrlFacts | undefined {
  if (url === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const port = u.port || String(defaultPortOf(u.protocol) ?? '');
  return {
    display: maskUrl(url),
    address: `${u.hostname}:${port}`,
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    path: u.pathname || '/',
    ws: u.protocol === 'ws:' || u.protocol === 'wss:',
  };
}

/** The host of `host:port` as Node writes it (`::1:3001` → `::1`, `[::1]:3001` → `::1`). */
function hostOf(address: string): string {
  return address.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
}

/**
 * The first connection error on `line` (whose first character is at `base` in the text), or
 * undefined. Chat lines must be filtered out before (see `isChatLine`).
 */
export function errorOf(line: string, base: number, context: ErrorContext): Occurrence | undefined {
  ERROR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ERROR.exec(line))) {
    const found = classify(m, line, base, context);
    if (found) {
      found.endpoint = endpointOf(found, context);
      return found;
    }
  }
  return undefined;
}

const SERVER_CODES: ReadonlySet<string> = new Set([LOG_CODES.portInUse, LOG_CODES.portDenied, LOG_CODES.addressNotAvailable]);
const NOT_CONNECTIONS: ReadonlySet<string> = new Set([LOG_CODES.napcatError, LOG_CODES.webuiLocal]);

/** The endpoint an error is about: a server's listen address; a OneBot client's record URL, else the address Node wrote. */
function endpointOf(o: Occurrence, context: ErrorContext): ErrorEndpoint | undefined {
  if (NOT_CONNECTIONS.has(o.code)) return undefined;
  const address = typeof o.args.address === 'string' ? o.args.address : undefined;
  if (SERVER_CODES.has(o.code)) return address !== undefined ? { role: 'server', address } : undefined;
  if (context.role !== 'ws-client' && context.role !== 'http-client' && context.role !== 'onebot') return undefined;
  const client = context.role === 'ws-client' ? 'ws' : context.role === 'http-client' ? 'http' : undefined;
  if (context.url !== undefined) return { role: 'client', client, url: context.url };
  return address !== undefined ? { role: 'client', client, address } : undefined;
}

/**
 * Whether `line` names a connection error, explained or not (a server's client going away, an
 * `ECONNRESET` NapCat does not judge): the record is then not an error of NapCat's own.
 */
export function mentionsConnectionError(line: string): boolean {
  ERROR.lastIndex = 0;
  const m = ERROR.exec(line);
  return m !== null && m.groups?.webui === undefined;
}

function classify(m: RegExpExecArray, line: string, base: number, context: ErrorContext): Occurrence | undefined {
  const g = m.groups ?? {};
  const start = m.index;
  let end = start + m[0].length;
  const range = () => ({ offset: base + start, length: end - start });
  const record = urlFacts(context.url);
  const webuiHost = context.webuiHost;
  const framework = context.role === 'ws-client' || context.role === 'http-client' || context.role === 'onebot';
  const make = (code: string, message: Message, args: MessageArgs, notes: LogNote[] = [], severity: Severity = 'warning'): Occurrence => ({
    code,
    severity,
    range: range(),
    message,
    args,
    notes,
  });

  if (g.code !== undefined) {
    const code = g.code;
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      // A client's `connect EADDRNOTAVAIL 0.0.0.0:8080` (Windows): a listen address used as a
      // destination. Otherwise only a server's listen: EACCES is also any file NapCat may not
      // open, and a client's EADDRNOTAVAIL is about its own end of the connection.
      if (code === 'EADDRNOTAVAIL' && g.sys === 'connect') {
        const a = sticky(ADDRESS_AFTER, line, end);
        const address = a ? `${a.m[1]}:${a.m[2]}` : record?.address;
        const host = address !== undefined ? hostOf(address) : undefined;
        if (address === undefined || host === undefined || !isUnspecifiedHost(host)) return undefined;
        end = a ? a.end : end;
        return make(LOG_CODES.connectNotAvailable, L.connectNotAvailable, { address, host, code }, [{ message: L.zeroDestination, args: { host } }]);
      }
      if (g.sys !== 'listen') return undefined;
      const a = sticky(LISTEN_AFTER, line, end);
      if (a) end = a.end;
      if (code === 'EACCES') {
        if (!a) return make(LOG_CODES.portDenied, L.portDeniedNoAddress, { code }, [], 'error');
        const port = Number(a.m[2]);
        return make(LOG_CODES.portDenied, port < 1024 ? L.portDeniedLow : L.portDenied, { address: `${a.m[1]}:${a.m[2]}`, port, code }, [], 'error');
      }
      if (!a) return make(LOG_CODES.addressNotAvailable, L.addressNotAvailableNoAddress, { code }, [], 'error');
      const address = `${a.m[1]}:${a.m[2]}`;
      return make(LOG_CODES.addressNotAvailable, L.addressNotAvailable, { address, host: hostOf(address), port: a.m[2], code }, [], 'error');
    }
    if (code === 'EADDRINUSE') {
      const a = sticky(LISTEN_AFTER, line, end);
      if (a) end = a.end;
      const address = a ? `${a.m[1]}:${a.m[2]}` : undefined;
      return address !== undefined
        ? make(LOG_CODES.portInUse, L.portInUse, { address, code }, [], 'error')
        : make(LOG_CODES.portInUse, L.portInUseNoAddress, { code }, [], 'error');
    }
    if (DNS_CODES.has(code)) {
      const h = sticky(HOST_AFTER, line, end);
      if (h) end = h.end;
      const host = h ? h.m[1] : record?.host;
      return host !== undefined ? make(LOG_CODES.dns, P.dns, { host, code }) : make(LOG_CODES.dns, L.dnsNoHost, { code });
    }
    const a = sticky(ADDRESS_AFTER, line, end);
    if (a) end = a.end;
    const address = a ? `${a.m[1]}:${a.m[2]}` : record?.address;
    const zero = destinationNotes(address, record);
    if (code === 'ECONNREFUSED') {
      if (address === undefined) return make(LOG_CODES.refused, L.refusedNoAddress, {});
      if (!framework) return make(LOG_CODES.refused, L.refusedOther, { address });
      const host = hostOf(address);
      let notes: LogNote[] = zero;
      if (notes.length === 0 && isLocalHost(host)) notes = [{ message: P.refusedLoopbackClient, args: { host } }];
      else if (notes.length === 0 && record && isServiceName(record.host) && !isLocalHost(host)) {
        notes = [{ message: L.containerName, args: { host: record.host, port: address.replace(/^.*:/, '') } }];
      }
      return make(LOG_CODES.refused, P.refusedClient, { address }, notes);
    }
    if (UNREACHABLE_CODES.has(code)) {
      return address !== undefined ? make(LOG_CODES.unreachable, L.unreachable, { address, code }, zero) : make(LOG_CODES.unreachable, L.unreachableNoAddress, { code });
    }
    if (code === 'ETIMEDOUT') {
      return address !== undefined ? make(LOG_CODES.timeout, L.timeoutConnect, { address, code }, zero) : make(LOG_CODES.timeout, L.timeoutNoAddress, { code });
    }
    // ECONNRESET. On a server's line it is a client that went away (NapCat logs it as
    // "Client Error"): the client's business, not a failure of NapCat's.
    if (context.role === 'server') return undefined;
    return address !== undefined ? make(LOG_CODES.reset, L.reset, { address, code }, zero) : make(LOG_CODES.reset, L.resetNoAddress, { code });
  }
  if (g.hangup !== undefined) {
    // Not a reset: the peer closed before answering at all (Node's ECONNRESET with its own words).
    if (context.role === 'server') return undefined;
    return record
      ? make(LOG_CODES.hangUp, L.hangUp, { address: record.address }, destinationNotes(record.address, record))
      : make(LOG_CODES.hangUp, L.hangUpNoAddress, {});
  }
  if (g.usr !== undefined) return rejected(Number(g.usrStatus), record, make);
  if (g.usc !== undefined) {
    // HttpGetJson's wording: NapCat's HTTP client (and other HTTP requests NapCat makes).
    if (context.role !== 'http-client') return undefined;
    return posted(Number(g.uscStatus), record, make);
  }
  if (g.hto !== undefined) {
    return record
      ? make(LOG_CODES.handshakeTimeout, L.handshakeTimeout, { url: record.display }, destinationNotes(record.address, record))
      : make(LOG_CODES.handshakeTimeout, L.handshakeTimeoutNoUrl, {});
  }
  if (g.closed !== undefined) {
    if (context.role !== 'ws-client') return undefined;
    return record ? make(LOG_CODES.closed, L.closed, { url: record.display }) : make(LOG_CODES.closed, L.closedNoUrl, {});
  }
  if (g.tls !== undefined) return tls(g.tls, record, context.role, make);
  if (g.webui !== undefined) {
    // Only when webui.json is known to have the WebUI listen on every interface: the line alone
    // does not say where it listens (the default host changed in v4.8.106).
    const url = urlFacts(g.webuiUrl);
    if (!url || !isLoopbackHost(url.host) || webuiHost === undefined || !isUnspecifiedHost(webuiHost)) return undefined;
    return make(LOG_CODES.webuiLocal, L.webuiLocalAll, { host: webuiHost, port: url.address.replace(/^.*:/, '') }, [], 'info');
  }
  return undefined;
}


/**
 * A single-label host name other than localhost (`nonebot`, `astrbot-1`): in NapCat's setups,
 * a Docker container or Compose service name.
 */
function isServiceName(host: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]{0,62}$/.test(host) && host.toLowerCase() !== 'localhost';
}

/** The note for a client connecting to a listen address (`ws://0.0.0.0:8080/…`), else none. */
function destinationNotes(address: string | undefined, record: UrlFacts | undefined): LogNote[] {
  const host = address !== undefined ? hostOf(address) : record?.host;
  const any = host !== undefined && isUnspecifiedHost(host) ? host : record && isUnspecifiedHost(record.host) ? record.host : undefined;
  return any !== undefined ? [{ message: L.zeroDestination, args: { host: any } }] : [];
}

type Make = (code: string, message: Message, args: MessageArgs, notes?: LogNote[], severity?: Severity) => Occurrence;

/** `Unexpected server response: NNN`: the HTTP status a server answered the WebSocket handshake with. */
function rejected(status: number, record: UrlFacts | undefined, make: Make): Occurrence {
  const args = { status, statusText: '', tokenNote: '', location: '', uinNote: '' };
  // Frameworks answer a path they do not serve with 403 (Starlette, under NoneBot), 404 or 405:
  // the URL's path says which part of the URL is likely wrong.
  const advice = record?.ws && (status === 403 || status === 404 || status === 405) ? pathAdvice(record.path, status) : undefined;
  const notes = advice ? [advice] : [];
  switch (statusMeaning(status)) {
    case 'token':
      return make(LOG_CODES.token, P.rejectedToken, args);
    case 'forbidden':
      return make(LOG_CODES.forbidden, P.rejectedForbidden, args, notes);
    case 'path':
      return record ? make(LOG_CODES.path, P.rejectedPath, { ...args, path: record.path, paths: servedPaths() }, notes) : make(LOG_CODES.path, L.rejectedPathNoUrl, { status });
    case 'not-websocket':
      if (status >= 200 && status < 300) return make(LOG_CODES.notWebSocket, P.rejectedPage, { status });
      return record ? make(LOG_CODES.path, P.rejectedMethod, { ...args, path: record.path, paths: servedPaths() }, notes) : make(LOG_CODES.path, L.rejectedMethodNoUrl, { status });
    case 'redirect':
      return make(LOG_CODES.response, P.rejectedRedirect, args);
    case 'bad-request':
      return make(LOG_CODES.response, P.rejectedBadRequest, args);
    case 'server-error':
      return make(LOG_CODES.response, P.rejectedServerError, args);
    default:
      return make(LOG_CODES.response, P.rejectedOther, args);
  }
}

/** `Unexpected status code: NNN` of NapCat's HTTP client: the framework's answer to an event POST. */
function posted(status: number, record: UrlFacts | undefined, make: Make): Occurrence {
  if (status === 401 || status === 403) return make(LOG_CODES.token, L.postToken, { status });
  if (status === 404 || status === 405 || status === 410) {
    return record ? make(LOG_CODES.path, L.postPath, { status, url: record.display }) : make(LOG_CODES.path, L.postPathNoUrl, { status });
  }
  return make(LOG_CODES.response, L.postOther, { status });
}

/** A certificate or TLS problem: the probe's sentences, which need the address (the record's URL). */
function tls(text: string, record: UrlFacts | undefined, role: Role, make: Make): Occurrence | undefined {
  if (!record) return undefined;
  const code = /^[A-Z_]+$/.test(text) ? text : (TLS_MESSAGES.find(([re]) => re.test(text))?.[1] ?? 'EPROTO');
  const problem = tlsProblemOf(code, text) ?? 'other';
  const byProblem: Record<TlsProblem, Message> = {
    'self-signed': P.tlsSelfSigned,
    expired: P.tlsExpired,
    'not-yet-valid': P.tlsNotYetValid,
    hostname: P.tlsHostname,
    untrusted: P.tlsUntrusted,
    'not-tls': P.tlsNotTls,
    other: P.tlsOther,
  };
  const args = {
    address: record.address,
    code,
    detail: text.trim(),
    plain: record.ws ? 'ws://' : 'http://',
    secure: record.ws ? 'wss://' : 'https://',
  };
  const notes = role === 'ws-client' && VERIFY_HINT.has(problem) ? [{ message: P.tlsVerifyHint }] : [];
  return make(LOG_CODES.tls, byProblem[problem], args, notes);
}

function sticky(re: RegExp, line: string, at: number): { m: RegExpExecArray; end: number } | undefined {
  re.lastIndex = at;
  const m = re.exec(line);
  return m ? { m, end: re.lastIndex } : undefined;
}
