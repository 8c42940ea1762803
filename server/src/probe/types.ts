import type { AdapterKind, Range } from '../core';

/**
 * One endpoint of a config, as the probes need it: where to connect, with which credentials, and
 * where the entry is written (for editors). Built from an analysis by `probeTargets`; the probes
 * only ever connect to what a target says, so they only reach endpoints written in a config.
 */
export interface ProbeTarget {
  /** Stable within one file: `<kind>[<index>]`, or the legacy path (`reverseWs.urls[1]`). */
  readonly id: string;
  /** The config file, when known (for reports). */
  readonly file?: string;
  readonly kind: AdapterKind;
  /** The name NapCat registers (the written one or the kind's default). */
  readonly name: string;
  /** `enable` after NapCat's coercion. */
  readonly enabled: boolean;
  /**
   * Why the entry has nothing to probe, decided when the target was built: a plugin, an entry
   * NapCat never reads, an enabled entry replaced by a later one with the same name, or an endpoint
   * that cannot be used (see `endpointProblem`).
   */
  readonly skip?: SkipReason;
  /** Clients: the URL as NapCat uses it (the written string, or the kind's default). */
  readonly url?: string;
  /** Servers: the listen host as NapCat hands it to Node.js ('' and '0.0.0.0' mean every interface). */
  readonly host?: string;
  /** Servers: the listen port. */
  readonly port?: number;
  /** Set when the URL, host or port cannot be used at all; the probe then answers `bad-url`. */
  readonly endpointProblem?: BadUrlProblem;
  /** The token of the entry ('' when none). Never printed: see `maskToken`. */
  readonly token: string;
  /** The QQ account NapCat sends as X-Self-ID (from `onebot11_<uin>.json` or an option). */
  readonly uin?: string;
  /** websocketClients with wss://: verify the server's certificate (NapCat's default: true). */
  readonly verifyCertificate: boolean;
  /** The entry in the config text (UTF-16 offsets), for "reveal in editor". */
  readonly range: Range;
  /**
   * A connection of a legacy section that NapCat at the target version no longer reads: it is not
   * started until the file is rebuilt, and its probe tests what the rebuilt entry would do.
   */
  readonly legacy?: true;
}

export type SkipReason = 'disabled' | 'plugin' | 'not-read' | 'replaced';

export type BadUrlProblem =
  /** The WHATWG URL parser (the one NapCat goes through) rejects the text. */
  | 'unparsable'
  /** A WebSocket client URL whose scheme is not ws/wss (or http/https, which `ws` maps). */
  | 'scheme'
  /** A fragment (`#…`): the WebSocket library refuses such URLs. */
  | 'fragment'
  /** No URL (not a string), or a server without a usable host. */
  | 'missing'
  /** Port 0 or outside 1–65535, or not a number. */
  | 'port';

/** When a probe gave up waiting. */
export type TimeoutPhase =
  /** Resolving the host name. */
  | 'dns'
  /** The TCP connection (SYN sent, nothing came back: a black hole, firewall or dead host). */
  | 'connect'
  /** The TLS handshake after TCP connected. */
  | 'tls'
  /** The WebSocket opening handshake (HTTP Upgrade sent, no answer). */
  | 'handshake'
  /** An HTTP response, or the answer to an OneBot action over an open WebSocket. */
  | 'response';

export type TlsProblem = 'self-signed' | 'expired' | 'not-yet-valid' | 'hostname' | 'untrusted' | 'not-tls' | 'other';

/**
 * What an HTTP status answered to a WebSocket upgrade (or to an action POST) usually means:
 * `token` 401; `forbidden` 403 (a token, a path, or a bot already connected with this QQ number:
 * frameworks use 403 for all three); `path` 404; `not-websocket` 405 (the path exists but is
 * not a WebSocket endpoint) and 200 (a plain web page, e.g. NapCat's WebUI); `redirect` 3xx (not
 * followed, as NapCat does not); `bad-request` 400; `server-error` 5xx.
 */
export type StatusMeaning = 'token' | 'forbidden' | 'path' | 'not-websocket' | 'redirect' | 'bad-request' | 'server-error' | 'other';

/** The NapCat behind a WebSocket or HTTP server, from `get_version_info` / `get_login_info`. */
export interface NapCatInfo {
  /** `app_name`, e.g. "NapCat.Onebot". */
  readonly appName?: string;
  /** `app_version`, e.g. "4.8.116". */
  readonly appVersion?: string;
  readonly protocolVersion?: string;
  /** The logged-in account, when `get_login_info` answered. */
  readonly userId?: string;
  readonly nickname?: string;
}

/**
 * The result of one probe. Every result has a `kind` and the milliseconds from the start of the
 * probe to the moment the result was known (`latencyMs`; 0 for results decided without
 * connecting). Free texts that come from the other side (close reasons, bodies, error messages)
 * have the target's token masked before they are stored, so a result can be logged or printed
 * as JSON as it is. `describeResult` turns a result into a sentence in English or Chinese.
 */
export type ProbeResult =
  /**
   * The endpoint answered as its counterpart should: a framework accepted NapCat's WebSocket (and
   * did not close it at once); a NapCat server answered `get_version_info`; an HTTP event
   * receiver answered a HEAD request (any status, in `httpStatus`).
   */
  | {
      readonly kind: 'ok';
      readonly latencyMs: number;
      readonly napcat?: NapCatInfo;
      /** httpClients: the status answered to HEAD (405 usually means the path exists for POST). */
      readonly httpStatus?: number;
      /** wss/https: whether the certificate was verified (false when `verifyCertificate: false`). */
      readonly tls?: { readonly verified: boolean; readonly problem?: TlsProblem };
      /** websocketClients: the X-Self-ID of the test account the probe connected as (never NapCat's own). */
      readonly testSelfId?: string;
      /**
       * websocketClients: the framework closed the connection of the test account as unknown (the
       * close code and reason): it serves OneBot here but takes only the accounts it is configured
       * for, and whether NapCat's account is one of them was not tested.
       */
      readonly accountUnchecked?: { readonly code: number; readonly reason: string };
    }
  /** Nothing listens on the address (ECONNREFUSED). `loopback`: the host is this machine. */
  | { readonly kind: 'refused'; readonly latencyMs: number; readonly address: string; readonly loopback: boolean }
  /** The host name cannot be resolved. */
  | { readonly kind: 'dns'; readonly latencyMs: number; readonly host: string; readonly code: string }
  /** No route to the host or network (EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL). */
  | { readonly kind: 'unreachable'; readonly latencyMs: number; readonly address: string; readonly code: string }
  | { readonly kind: 'timeout'; readonly latencyMs: number; readonly address: string; readonly phase: TimeoutPhase; readonly timeoutMs: number }
  | { readonly kind: 'tls'; readonly latencyMs: number; readonly address: string; readonly problem: TlsProblem; readonly code: string; readonly detail: string }
  /** The WebSocket upgrade (or the action request) was answered with an HTTP status instead. */
  | {
      readonly kind: 'rejected';
      readonly latencyMs: number;
      readonly status: number;
      readonly statusText: string;
      readonly meaning: StatusMeaning;
      /** The first characters of the body, when there was one. */
      readonly body?: string;
      /** For redirects: where to (masked). */
      readonly location?: string;
    }
  /** A NapCat server refused the token: the 1403 frame (WebSocket) or HTTP 403 "token verify failed". */
  | { readonly kind: 'token-rejected'; readonly latencyMs: number; readonly via: 'ws-1403' | 'http-403'; readonly message: string; readonly tokenSent: boolean }
  /** The WebSocket opened and the other side closed it at once (or the connection dropped). */
  | { readonly kind: 'closed'; readonly latencyMs: number; readonly code: number; readonly reason: string }
  /** Something answers, but not as a NapCat server (or not as a WebSocket server) would. */
  | { readonly kind: 'unexpected'; readonly latencyMs: number; readonly detail: string }
  /** Any other network failure (connection reset, hang-up, …), with Node's code. */
  | { readonly kind: 'error'; readonly latencyMs: number; readonly address: string; readonly code: string; readonly detail: string }
  | { readonly kind: 'bad-url'; readonly latencyMs: 0; readonly problem: BadUrlProblem; readonly text: string }
  | { readonly kind: 'skipped'; readonly latencyMs: 0; readonly reason: SkipReason }
  | { readonly kind: 'cancelled'; readonly latencyMs: number };

export type ProbeResultKind = ProbeResult['kind'];

export interface ProbeOptions {
  /** Milliseconds before a probe gives up (default 5000). The whole probe, not each phase. */
  readonly timeout?: number;
  /** Cancels the probe; it then answers `cancelled` at once and closes its sockets. */
  readonly signal?: AbortSignal;
  /** X-Self-ID when the target carries no uin (a file named onebot11.json). */
  readonly uin?: string;
  /** Probe entries that are disabled or replaced as well (default: they are skipped). */
  readonly includeDisabled?: boolean;
  /**
   * Extra CA certificates to trust for wss/https, besides Node's store. NapCat trusts Node's
   * store (and NODE_EXTRA_CA_CERTS); tests pass the CA of the certificates they generate.
   */
  readonly ca?: string | readonly string[];
  /**
   * Reverse WS: milliseconds to keep the connection open before closing it (default 200), so a
   * framework that drops a connection right after accepting it (a bare 1000) is seen doing so.
   */
  readonly linger?: number;
  /**
   * Reverse WS: connect as NapCat's own account (X-Self-ID = the target's uin) instead of a test
   * account. Only for a framework NapCat is not connected to: Koishi and aiocqhttp hand a live bot
   * to the newer connection, and the bot loses its connection when the probe closes.
   */
  readonly asAccount?: boolean;
}

/** The defaults of `ProbeOptions` and `probeAll`. */
export const PROBE_DEFAULTS = {
  timeout: 5000,
  /**
   * A probe mostly waits: it holds one socket and a few kilobytes. 64 lets a workspace with up to
   * 64 silent endpoints finish "test all" in about one timeout while staying far below the usual
   * limit of 1024 open files.
   */
  concurrency: 64,
  linger: 200,
} as const;

/** True for results that mean the endpoint does not work as configured. */
export function isFailure(result: ProbeResult): boolean {
  return result.kind !== 'ok' && result.kind !== 'skipped' && result.kind !== 'cancelled';
}
