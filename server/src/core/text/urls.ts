/**
 * URL helpers for the endpoint rules. Parsing uses the WHATWG `URL` global, the parser NapCat's
 * own code goes through (`new URL(url)` in the `ws` library and in NapCat's HTTP client). Text
 * edits work on the written string so a suggestion keeps the user's spelling everywhere else.
 */

import { defaultPortOf } from './hosts';

/** The written URL split at its scheme and authority (textual, no normalisation). */
export interface UrlParts {
  /** `ws`, `HTTP`, … as written; undefined when the text has no `scheme:` prefix. */
  readonly scheme: string | undefined;
  /** True when `//` follows the scheme (a hierarchical URL). */
  readonly slashes: boolean;
  /** Offsets of the host inside the text (the part after `userinfo@`, before `:port`). */
  readonly hostStart: number;
  readonly hostEnd: number;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** Splits a URL text; never throws. Without `//` the host range is empty at the text's end. */
export function splitUrl(text: string): UrlParts {
  const m = SCHEME.exec(text);
  const scheme = m?.[1];
  const afterScheme = m ? m[0].length : 0;
  const slashes = text.startsWith('//', afterScheme);
  if (!slashes) return { scheme, slashes, hostStart: text.length, hostEnd: text.length };
  const authStart = afterScheme + 2;
  let authEnd = text.length;
  for (let i = authStart; i < text.length; i++) {
    const c = text[i];
    if (c === '/' || c === '?' || c === '#' || c === '\\') {
      authEnd = i;
      break;
    }
  }
  const at = text.lastIndexOf('@', authEnd - 1);
  const hostStart = at >= authStart ? at + 1 : authStart;
  let hostEnd = authEnd;
  if (text[hostStart] === '[') {
    const close = text.indexOf(']', hostStart);
    hostEnd = close >= 0 && close < authEnd ? close + 1 : authEnd;
  } else {
    const colon = text.indexOf(':', hostStart);
    if (colon >= 0 && colon < authEnd) hostEnd = colon;
  }
  return { scheme, slashes, hostStart, hostEnd };
}

/** The parts of a parsed URL the rules use (a subset of WHATWG `URL`, same values). */
export interface ParsedUrl {
  readonly protocol: string;
  readonly hostname: string;
  /** '' when the URL has no port or the scheme's default port, as in WHATWG `URL`. */
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly username: string;
  readonly password: string;
}

/** `new URL(text)`, or undefined when the WHATWG parser rejects it. */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Plain URLs as config files hold them by the thousand: lower-case special scheme, host name or
 * dotted-quad address, optional port, path and query of characters WHATWG leaves unchanged, no
 * userinfo, no fragment, no dot segments.
 */
const SIMPLE_URL =
  /^(wss?|https?):\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::(\d{1,5}))?((?:\/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*)(\?[A-Za-z0-9._~!$&()*+,;=:@%/?-]*)?$/;
const DOTTED_QUAD = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A decimal port 1–65535 other than 80, 443 (defaults: not canonical) and 6099 (the WebUI). */
const CLEAN_PORT =
  '(?!(?:80|443|6099)(?![0-9]))(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})';
/** A lower-case host name whose last label is not numeric, or a dotted quad other than 0.0.0.0. */
const CLEAN_HOST =
  '(?:(?![a-z0-9.-]*xn--)(?:[a-z0-9-]+\\.)*[a-z-][a-z0-9-]*|(?!0\\.0\\.0\\.0(?![0-9]))(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})';
/** A path of characters WHATWG keeps, without dot segments, and a query without `'`. */
const CLEAN_REST =
  "(?:/(?!\\.|%2[eE])[A-Za-z0-9_~!$&'()*+,;=:@%-]*(?:\\.[A-Za-z0-9_~!$&'()*+,;=:@%-]+)*)+(?:\\?[A-Za-z0-9._~!$&()*+,;=:@%/?-]*)?";
const cleanUrl = (schemes: string) => new RegExp(`^(?:${schemes})://${CLEAN_HOST}(?::${CLEAN_PORT})?${CLEAN_REST}$`);
/**
 * URLs that need no finding and are already in WHATWG's canonical form (so the text itself can be
 * compared), tested without allocating: the common case, by the thousand in a big file.
 */
export const CLEAN_WS_URL = cleanUrl('wss?');
export const CLEAN_HTTP_URL = cleanUrl('https?');

/**
 * Like `parseUrl` but answers plain URLs without building a `URL` (ten times cheaper), with the
 * values WHATWG `URL` gives for them; anything unusual goes through `URL` itself.
 */
export function readUrl(text: string): ParsedUrl | undefined {
  const m = SIMPLE_URL.exec(text);
  if (m) {
    const host = m[2];
    const last = host.slice(host.lastIndexOf('.') + 1);
    // A numeric last label makes WHATWG parse the host as IPv4 ("127.1", "0x7f.1", "010…").
    const ipv4Like = /^\d+$/.test(last) || /^0x/i.test(last);
    const path = m[4];
    const simple =
      (!ipv4Like || DOTTED_QUAD.test(host)) &&
      !/(?:^|\.)xn--/i.test(host) &&
      !/\/(?:\.|%2e){1,2}(?:\/|$)/i.test(path) &&
      (m[3] === undefined || Number(m[3]) <= 65535);
    if (simple) {
      const protocol = m[1] + ':';
      const port = m[3] === undefined ? '' : String(Number(m[3]));
      return {
        protocol,
        hostname: host.toLowerCase(),
        port: port === String(defaultPortOf(protocol)) ? '' : port,
        pathname: path === '' ? '/' : path,
        search: m[5] === '?' ? '' : (m[5] ?? ''),
        hash: '',
        username: '',
        password: '',
      };
    }
  }
  return parseUrl(text);
}

/** The text with its scheme replaced (`http://x` → `ws://x`); a text without scheme gets one. */
export function withScheme(text: string, scheme: string): string {
  const m = SCHEME.exec(text);
  if (m && text.startsWith('//', m[0].length)) return scheme + text.slice(m[1].length);
  return `${scheme}://${text}`;
}

/** The text with its host replaced, or undefined when it has no `//host`. */
export function withHost(text: string, host: string): string | undefined {
  const p = splitUrl(text);
  if (!p.slashes || p.hostEnd <= p.hostStart) return undefined;
  return text.slice(0, p.hostStart) + host + text.slice(p.hostEnd);
}

/** The port NapCat's HTTP client and `ws` use: the explicit one, else the scheme's default. */
export function effectivePort(url: ParsedUrl, defaultPort: number): number {
  return url.port === '' ? defaultPort : Number(url.port);
}

/** `host:port` for messages, with IPv6 hosts in brackets (URL.hostname already has them). */
export function hostPort(host: string, port: number | string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}
