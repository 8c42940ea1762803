import type { Catalogue } from '../i18n';
import { KINDS } from '../schema';
import { effectivePort, readUrl, type ParsedUrl } from '../text/urls';
import { defaultPort } from '../text/hosts';
import type { RuleContext } from './rule';
import { anchorOf, type Endpoint, type Startup } from './runtime';

/**
 * `napcat.duplicate-url`: two clients NapCat opens that connect (or post) to the same endpoint,
 * compared the way NapCat's libraries read the URL, so that two spellings of one connection match.
 */
const M = {
  duplicateUrlWs: '`{other}` already connects to this URL. NapCat opens both connections, so the framework receives every event twice (or treats the second connection as a duplicate and drops one).',
  duplicateUrlHttp: '`{other}` already posts to this URL. NapCat sends every event once per entry, so the framework receives every event twice.',
  duplicateUrlFirst: '`{other}` uses the same URL.',
} satisfies Catalogue<string>;

/** Reports each client NapCat opens whose connection an earlier opened client of the same family already makes. */
export function checkDuplicateUrls(ctx: RuleContext, start: Startup): void {
  const { registered, opened } = start;
  const seenWs = new Map<string, Endpoint>();
  const seenHttp = new Map<string, Endpoint>();
  for (const e of registered) {
    if (e.role !== 'client' || !opened.has(e)) continue;
    const ws = e.kind === 'websocketClients';
    const raw = e.url?.raw;
    const text = typeof raw === 'string' ? raw : String(KINDS[e.kind].fields.url?.default ?? '');
    const key = connectionKey(ws, text, readUrl(text));
    const seen = ws ? seenWs : seenHttp;
    const previous = seen.get(key);
    if (!previous) {
      seen.set(key, e);
      continue;
    }
    const args = { other: previous.adapter.effectiveName };
    ctx.report({
      code: 'napcat.duplicate-url',
      severity: 'warning',
      range: anchorOf(e, [e.url]),
      message: e.kind === 'websocketClients' ? M.duplicateUrlWs : M.duplicateUrlHttp,
      args,
      related: [{ range: anchorOf(previous, [previous.url]), message: M.duplicateUrlFirst, args }],
    });
  }
}

/**
 * What NapCat actually connects to for a URL text, written like a canonical URL so that two
 * spellings of one connection compare equal: the `ws` library
 * maps http→ws and https→wss; the HTTP client takes TLS from the text's `https://` prefix and the
 * port from the URL (80 when none is written).
 */
function connectionKey(ws: boolean, text: string, url: ParsedUrl | undefined): string {
  if (!url) return text.trim();
  if (ws) {
    const protocol = url.protocol === 'http:' ? 'ws:' : url.protocol === 'https:' ? 'wss:' : url.protocol;
    return `${protocol}//${url.hostname}${url.port === '' ? '' : ':' + url.port}${url.pathname}${url.search}`;
  }
  const tls = text.startsWith('https://');
  const port = effectivePort(url, defaultPort(tls));
  const shown = port === defaultPort(tls) ? '' : `:${port}`;
  return `${tls ? 'https' : 'http'}://${url.hostname || 'localhost'}${shown}${url.pathname}${url.search}`;
}

