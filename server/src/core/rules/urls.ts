import type { Catalogue, Message, MessageArgs } from '../i18n';
import { findingOf, type FindingCode, type PayloadArgs, type Severity } from '../findings';
import { compactUrl, repairUrl } from '../text/urlRepair';
import { effectivePort, hostPort, parseUrl, readUrl, type ParsedUrl } from '../text/urls';
import { hasCredentials } from '../secrets';
import { defaultPort, isTlsProtocol, isUnspecifiedHost } from '../text/hosts';
import type { RuleContext } from './rule';
import { rangeOf, type Endpoint } from './runtime';

/**
 * `napcat.url-spaces`, `napcat.url-scheme`, `napcat.url-invalid`, `napcat.url-unspecified-host`
 * (and `napcat.port-range`, `napcat.webui-port` for the port a client URL points at): the URL of
 * a client entry, read the way NapCat's code uses it (facts §6–§7): the `ws` library for WebSocket
 * clients (WHATWG URL, http→ws), a plain `http`/`https` request for HTTP clients (HTTPS only when
 * the text starts with `https://`). Part of the endpoints rule, which runs it for every client;
 * the fixes are in `service/fixes/urls.ts`, the repairs both apply in `text/urlRepair.ts`.
 */

/** What the URL check needs of the endpoints rule's run. */
export interface UrlCheck {
  readonly ctx: RuleContext;
  /** The WebUI port: from the folder's webui.json, else NapCat's default. */
  readonly webuiPort: number;
  readonly webuiFile: string | undefined;
}

const M = {
  // --- url-spaces
  spacesHarmless: 'This URL has white space at its start or end. The URL parser NapCat uses ignores it there, so it still reaches the same address; remove it to keep the URL exact.',
  spacesInvalidWs: 'This URL contains white space, and with it the URL cannot be parsed: the WebSocket library rejects it, NapCat logs a TryConnect error and this client never connects (it does not retry).',
  spacesInvalidHttp: 'This URL contains white space, and with it the URL cannot be parsed: every event NapCat tries to POST to it fails.',
  spacesChanged: 'This URL contains white space that NapCat does not remove: it is sent percent-encoded (%20 …), so NapCat requests a different path than intended and the framework will not recognise it.',
  spacesPlainHttp: 'This URL starts with white space. NapCat uses HTTPS only when the URL text starts with `https://`, so it sends every event over plain HTTP (no TLS) to port {port}, which an HTTPS server rejects.',
  // --- url-scheme
  missingSchemeWs: 'This URL has no scheme. A WebSocket client needs `ws://` (or `wss://`) in front; as written, the WebSocket library rejects it, NapCat logs a TryConnect error and this client never connects.',
  missingSchemeHttp: 'This URL has no scheme. Write `http://` (or `https://`) in front; as written, NapCat cannot send events to this address.',
  httpSchemeInWs: 'The WebSocket library NapCat uses treats `{scheme}://` as `{wsScheme}://`, so this client still connects over WebSocket. Write `{wsScheme}://` to make that clear; if this is the framework’s HTTP address rather than its WebSocket one, the handshake fails.',
  badSchemeWs: '`{scheme}://` is not a WebSocket scheme: the WebSocket library rejects this URL, NapCat logs a TryConnect error and this client never connects (it does not retry). Use `ws://` or `wss://`.',
  otherSchemeHttp: 'NapCat’s HTTP client ignores the `{scheme}://` scheme (it only checks whether the URL starts with `https://`) and POSTs every event over plain HTTP to {target}. If the framework expects a WebSocket connection, move this entry to `websocketClients`; otherwise write `http://`.',
  secureSchemeHttp: 'NapCat’s HTTP client ignores the `{scheme}://` scheme (it only checks whether the URL starts with `https://`) and POSTs every event over plain HTTP, without TLS, to {target}. Use `https://` for an HTTPS endpoint, or move this entry to `websocketClients` if the framework expects a WebSocket connection.',
  upperHttps: 'NapCat uses HTTPS only when the URL text starts with lowercase `https://`; this one is sent over plain HTTP (no TLS) to {target}, which an HTTPS server rejects. Write `https://` in lower case.',
  // --- url-invalid
  invalidWs: 'This is not a valid URL: the WebSocket library rejects it, NapCat logs a TryConnect error and this client never connects (it does not retry).',
  invalidHttp: 'This is not a valid URL: every event NapCat tries to POST to it fails.',
  invalidFullWidth: 'This URL contains full-width characters (such as ：or ／) and cannot be parsed, so NapCat cannot use it. Write them as ASCII characters.',
  fragmentWs: 'The WebSocket library rejects URLs with a fragment (`#…`): NapCat logs a TryConnect error and this client never connects (it does not retry).',
  // --- url-unspecified-host
  unspecifiedHost: '`{host}` means “every interface” to a server that listens; it is not an address to connect to. Connecting to it fails on Windows and reaches only this same machine elsewhere. Use 127.0.0.1 for a framework on this machine, or the framework’s address or container name.',
  urlPortZero: 'This URL points at port 0, where no server can listen: this client cannot connect.',
  webuiClientWs: '6099 is the default port of NapCat’s WebUI, a web page rather than a bot framework: a WebSocket client pointed at it fails with “Unexpected server response: 200”. Use the port your framework listens on.',
  webuiClientHttp: '6099 is the default port of NapCat’s WebUI, a web page rather than a bot framework: events POSTed there are not delivered to any bot. Use the port your framework listens on.',
  webuiClientWsFile: 'Port {port} is the WebUI port set in {file}, a web page rather than a bot framework: a WebSocket client pointed at it fails with “Unexpected server response: 200”. Use the port your framework listens on.',
  webuiClientHttpFile: 'Port {port} is the WebUI port set in {file}, a web page rather than a bot framework: events POSTed there are not delivered to any bot. Use the port your framework listens on.',
} satisfies Catalogue<string>;

export function checkClientUrl(check: UrlCheck, e: Endpoint): void {
  const node = e.url?.value;
  if (!node || typeof node.value !== 'string') return;
  const ws = e.kind === 'websocketClients';
  const written: string = node.value;
  const first = readUrl(written);
  // Whether the URL holds credentials, asked only when a repair is reported.
  let secret: boolean | undefined;
  const report = <C extends FindingCode>(code: C, severity: Severity, message: Message, args: MessageArgs = {}, ...data: PayloadArgs<C>) =>
    check.ctx.report(findingOf({ code, severity, range: rangeOf(node), message, args }, ...data));
  // The repaired URL goes into the payload only when it holds no credentials.
  const repaired = (url: string | undefined): { url?: string } => (url !== undefined && !(secret ??= hasCredentials(written)) ? { url } : {});

  // 1. White space.
  let text = written;
  const compact = compactUrl(written);
  if (compact !== written) {
    const fixed = parseUrl(compact);
    const data = repaired(repairUrl(written, { kind: 'spaces' }));
    if (!first) report('napcat.url-spaces', 'error', ws ? M.spacesInvalidWs : M.spacesInvalidHttp, {}, data);
    else if (!ws && fixed?.protocol === 'https:' && compact.startsWith('https://') && !written.startsWith('https://')) {
      report('napcat.url-spaces', 'error', M.spacesPlainHttp, { port: effectivePort(first, defaultPort(false)) }, data);
    } else if (fixed && sameUrl(first, fixed)) report('napcat.url-spaces', 'warning', M.spacesHarmless, {}, data);
    else report('napcat.url-spaces', 'error', M.spacesChanged, {}, data);
    text = compact;
  }
  if (text === '') {
    report('napcat.url-invalid', 'error', ws ? M.invalidWs : M.invalidHttp);
    return;
  }

  const url = text === written ? first : readUrl(text);
  // Only a URL no parser reads is looked at in its NFKC form (full-width characters as ASCII).
  const nfkc = url ? text : (repairUrl(text, { kind: 'full-width' }) ?? text);

  // 2. Full-width punctuation typed with a Chinese input method (`ws：／／127.0.0.1：8080`): it
  // hides the scheme too, so it is told before "no scheme" would suggest a wrong repair.
  if (nfkc !== text && HAS_SCHEME.test(nfkc) && !NO_SCHEME.test(nfkc) && parseUrl(nfkc)) {
    report('napcat.url-invalid', 'error', M.invalidFullWidth, {}, { ...repaired(nfkc), repair: 'full-width' });
    return;
  }

  // 3. Scheme missing altogether.
  const defaultScheme = ws ? 'ws' : 'http';
  if (!HAS_SCHEME.test(text) || NO_SCHEME.test(text)) {
    const fixed = repairUrl(text, { kind: 'scheme', scheme: defaultScheme });
    report('napcat.url-scheme', 'error', ws ? M.missingSchemeWs : M.missingSchemeHttp, {}, {
      ...repaired(fixed !== undefined && parseUrl(fixed) ? fixed : undefined),
      scheme: defaultScheme,
    });
    return;
  }

  // 4. Unparsable.
  if (!url) {
    if (nfkc !== text && parseUrl(nfkc)) report('napcat.url-invalid', 'error', M.invalidFullWidth, {}, { ...repaired(nfkc), repair: 'full-width' });
    else report('napcat.url-invalid', 'error', ws ? M.invalidWs : M.invalidHttp);
    return;
  }

  // 5. Scheme as NapCat's code reads it.
  const scheme = text.slice(0, text.indexOf(':'));
  const protocol = url.protocol;
  let port: number;
  if (ws) {
    if (protocol === 'http:' || protocol === 'https:') {
      const wsScheme = protocol === 'http:' ? 'ws' : 'wss';
      report('napcat.url-scheme', 'info', M.httpSchemeInWs, { scheme, wsScheme }, {
        ...repaired(repairUrl(text, { kind: 'scheme', scheme: wsScheme })),
        scheme: wsScheme,
      });
    } else if (protocol !== 'ws:' && protocol !== 'wss:' && protocol !== 'ws+unix:') {
      report('napcat.url-scheme', 'error', M.badSchemeWs, { scheme }, { ...repaired(repairUrl(text, { kind: 'scheme', scheme: 'ws' })), scheme: 'ws' });
      return;
    }
    if (url.hash !== '') {
      report('napcat.url-invalid', 'error', M.fragmentWs, {}, { ...repaired(repairUrl(text, { kind: 'fragment' })), repair: 'fragment' });
      return;
    }
    port = effectivePort(url, defaultPort(isTlsProtocol(protocol)));
  } else {
    const https = text.startsWith('https://');
    // NapCat's request helper passes the URL's explicit port to http.request; without one, port 80.
    port = effectivePort(url, defaultPort(https));
    const target = hostPort(url.hostname || 'localhost', port);
    if (protocol === 'https:' && !https) {
      report('napcat.url-scheme', 'error', M.upperHttps, { target }, { ...repaired(repairUrl(text, { kind: 'scheme', scheme: 'https' })), scheme: 'https' });
    } else if (protocol !== 'http:' && protocol !== 'https:') {
      const tls = protocol === 'wss:';
      const suggested = tls ? 'https' : 'http';
      report('napcat.url-scheme', tls ? 'error' : 'warning', tls ? M.secureSchemeHttp : M.otherSchemeHttp, { scheme, target }, {
        ...repaired(repairUrl(text, { kind: 'scheme', scheme: suggested })),
        scheme: suggested,
      });
    }
  }

  // 6. Destination.
  const host = url.hostname;
  // A parsed host is never empty here but for `ws+unix:` (a socket path), which has no address.
  if (host !== '' && isUnspecifiedHost(host)) {
    report('napcat.url-unspecified-host', 'error', M.unspecifiedHost, { host }, { ...repaired(repairUrl(text, { kind: 'host', host })), host });
  }
  if (url.port === '0') report('napcat.port-range', 'error', M.urlPortZero);
  else if (port === check.webuiPort) {
    if (check.webuiFile === undefined) report('napcat.webui-port', 'warning', ws ? M.webuiClientWs : M.webuiClientHttp);
    else report('napcat.webui-port', 'warning', ws ? M.webuiClientWsFile : M.webuiClientHttpFile, { port, file: check.webuiFile });
  }
}

/** Scheme prefix without `//`, or host:port without any scheme (`127.0.0.1:8080`, `nonebot:8080/ws`). */
const NO_SCHEME = /^(?:\/\/|[^:/?#]+:\d+(?:[/?#]|$))/;
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

function sameUrl(a: ParsedUrl, b: ParsedUrl): boolean {
  return (
    a.protocol === b.protocol &&
    a.hostname === b.hostname &&
    a.port === b.port &&
    a.pathname === b.pathname &&
    a.search === b.search &&
    a.hash === b.hash &&
    a.username === b.username &&
    a.password === b.password
  );
}
