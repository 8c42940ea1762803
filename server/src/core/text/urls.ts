/**
 * URL helpers for the endpoint rules. Parsing uses the WHATWG `URL` global, the parser NapCat's
 * own code goes through (`new URL(url)` in the `ws` library and in NapCat's HTTP client). Text
 * edits work on the written string so a suggestion keeps the user's spelling everywhere else.
 */

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

/**
 * The parts of `new URL(text)` the rules read, or undefined when the WHATWG parser rejects the
 * text. Remembered per text: a config's URLs are read again at every edit, and most of them are
 * the same as at the last one. The memo holds `URL_MEMO_LIMIT` texts and starts over when full,
 * so it stays small whatever the texts; the parts are frozen, since every caller shares them.
 */
export function readUrl(text: string): ParsedUrl | undefined {
  let hit = urlMemo.get(text);
  if (hit === undefined) {
    const u = parseUrl(text);
    hit = u
      ? Object.freeze({ protocol: u.protocol, hostname: u.hostname, port: u.port, pathname: u.pathname, search: u.search, hash: u.hash, username: u.username, password: u.password })
      : null;
    if (urlMemo.size >= URL_MEMO_LIMIT) urlMemo.clear();
    urlMemo.set(text, hit);
  }
  return hit ?? undefined;
}

const URL_MEMO_LIMIT = 4096;
const urlMemo = new Map<string, ParsedUrl | null>();

/** `new URL(text)`, or undefined when the WHATWG parser rejects it. */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
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
