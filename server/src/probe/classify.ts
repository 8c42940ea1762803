import type { ProbeResult, StatusMeaning, TlsProblem } from './types';

/**
 * Turning what Node.js reports (error codes, HTTP statuses) into the kinds of `ProbeResult`.
 * Pure functions over plain values, unit-tested on their own.
 */

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN', 'ENETDOWN']);

/** OpenSSL / Node certificate codes and what they mean to a person. */
const TLS_CODES: Readonly<Record<string, TlsProblem>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname',
  HOSTNAME_MISMATCH: 'hostname',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_REVOKED: 'untrusted',
  CERT_SIGNATURE_FAILURE: 'untrusted',
  ERR_SSL_WRONG_VERSION_NUMBER: 'not-tls',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'not-tls',
};

/** The certificate or TLS problem behind an error code, or undefined when it is not about TLS. */
export function tlsProblemOf(code: string | undefined, message = ''): TlsProblem | undefined {
  if (code && TLS_CODES[code]) return TLS_CODES[code];
  if (/wrong version number|packet length too long|http request/i.test(message)) return 'not-tls';
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_') || code === 'EPROTO') return 'other';
  return undefined;
}

/**
 * The result for a Node.js error raised while connecting or waiting for an answer. `address` is
 * `host:port` as connected; `host` is the name that was resolved. Errors that are none of refused,
 * DNS, unreachable or TLS become `error` with Node's code.
 */
export function resultOfError(err: unknown, ctx: { address: string; host: string; loopback: boolean; latencyMs: number; clean: (s: string) => string }): ProbeResult {
  const e = (err ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = ctx.clean(typeof e.message === 'string' ? e.message : String(err));
  const { latencyMs, address } = ctx;
  if (code === 'ECONNREFUSED') return { kind: 'refused', latencyMs, address, loopback: ctx.loopback };
  if (DNS_CODES.has(code)) return { kind: 'dns', latencyMs, host: ctx.host, code };
  if (UNREACHABLE_CODES.has(code)) return { kind: 'unreachable', latencyMs, address, code };
  if (code === 'ETIMEDOUT') return { kind: 'timeout', latencyMs, address, phase: 'connect', timeoutMs: latencyMs };
  const tls = tlsProblemOf(code, message);
  if (tls) return { kind: 'tls', latencyMs, address, problem: tls, code: code || 'EPROTO', detail: message };
  return { kind: 'error', latencyMs, address, code: code || 'EUNKNOWN', detail: message };
}

/** What an HTTP status answered instead of a WebSocket upgrade usually means. */
export function statusMeaning(status: number): StatusMeaning {
  if (status === 401) return 'token';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'path';
  if (status === 405 || status === 426 || (status >= 200 && status < 300)) return 'not-websocket';
  if (status >= 300 && status < 400) return 'redirect';
  if (status === 400) return 'bad-request';
  if (status >= 500) return 'server-error';
  return 'other';
}

/** `host:port`, with an IPv6 host in brackets. */
export function addressOf(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A string, or a number shown as one (QQ numbers come as either); undefined for anything else. */
export function stringOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

/**
 * What a framework's close of a just-accepted reverse WebSocket says, from its code and reason:
 *  - `path`: closed at once without a code (1005) or with a bare 1000 — Koishi accepts the upgrade
 *    on any path and closes it like this when the path is not its OneBot path;
 *  - `duplicate-account`: the account is connected already (NoneBot: 1008 "Duplicate X-Self-ID");
 *  - `missing-account`: no X-Self-ID (NoneBot: "Missing X-Self-ID Header");
 *  - `unknown-account`: an account the framework is not configured for (Koishi: "invalid x-self-id");
 *  - `token`: the token (NoneBot: "Authorization Header is invalid", "Missing Authorization Header");
 *  - `role`: the x-client-role header (Koishi: "invalid x-client-role").
 * Undefined when the close says none of these.
 */
export type CloseReason = 'path' | 'duplicate-account' | 'missing-account' | 'unknown-account' | 'token' | 'role';

export function closeReasonOf(code: number, reason: string): CloseReason | undefined {
  if (reason === '' && (code === 1005 || code === 1000)) return 'path';
  if (/duplicate|already/i.test(reason)) return 'duplicate-account';
  if (/self[-_ ]?id|account|\buin\b/i.test(reason)) return /missing|no\s|empty|required/i.test(reason) ? 'missing-account' : 'unknown-account';
  if (/token|authori[sz]ation|\bauth\b|signature|secret/i.test(reason)) return 'token';
  if (/client[-_ ]?role/i.test(reason)) return 'role';
  return undefined;
}
