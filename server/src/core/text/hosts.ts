/**
 * Hosts and ports as NapCat and its counterparts use them — one place for the default ports of
 * ws/wss/http/https and for what counts as this machine. Pure.
 */

/** The port a ws:// or http:// URL connects to when it names none: 443 with TLS, else 80. */
export function defaultPort(tls: boolean): number {
  return tls ? 443 : 80;
}

/** True for the WHATWG protocols that use TLS (`wss:`, `https:`). */
export function isTlsProtocol(protocol: string): boolean {
  return protocol === 'wss:' || protocol === 'https:';
}

/** The default port of a WHATWG protocol (`ws:` → 80, `https:` → 443); undefined for other schemes. */
export function defaultPortOf(protocol: string): number | undefined {
  return protocol === 'ws:' || protocol === 'http:' || isTlsProtocol(protocol) ? defaultPort(isTlsProtocol(protocol)) : undefined;
}

const LOOPBACK = /^(?:localhost\.?|.+\.localhost\.?|127(?:\.\d{1,3}){3}|::1|0:0:0:0:0:0:0:1|::ffff:127(?:\.\d{1,3}){3})$/i;
const UNSPECIFIED = new Set(['', '0', '0.0.0.0', '::', '::0', '0:0:0:0:0:0:0:0']);

/** `host` without the brackets of an IPv6 literal, trimmed and lower-cased. */
function bare(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** True when `host` is a loopback address or name: localhost (and `*.localhost`), 127.x.y.z, ::1. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(bare(host));
}

/**
 * True when `host` is the unspecified address (`0.0.0.0`, `::`, or empty, which Node.js treats as
 * unspecified): a server listening there is reachable on every interface, and a client connecting
 * there reaches this machine (Linux connects it locally).
 */
export function isUnspecifiedHost(host: string): boolean {
  return UNSPECIFIED.has(bare(host));
}

/** True when connecting to `host` reaches this machine: loopback or unspecified. */
export function isLocalHost(host: string): boolean {
  return isLoopbackHost(host) || isUnspecifiedHost(host);
}
