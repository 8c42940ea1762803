import { type Analysis, type FindingOf, type Message } from '../../core';
import { compactUrl, loopbackFor, repairUrl, type UrlRepair } from '../../core/text/urlRepair';
import type { Fix, FixKind } from './fix';
import { F } from './messages';
import { literalEdits, nodeAt, stringLiteral } from './text';
import { localize } from '../../wording';

/**
 * URL fixes: `napcat.url-scheme`, `napcat.url-spaces`, `napcat.url-unspecified-host` (the URL
 * rewritten) and `napcat.url-invalid` (full-width characters, a fragment).
 */

type UrlFinding = FindingOf<'napcat.url-scheme'> | FindingOf<'napcat.url-spaces'> | FindingOf<'napcat.url-unspecified-host'>;

/**
 * The URL as the rule repaired it: `data.url`, or — when the URL holds credentials and the payload
 * carries only the repair's description — the same repair applied to the written text.
 */
function repaired(written: string, given: string | undefined, repair: UrlRepair): string | undefined {
  return given ?? repairUrl(written, repair);
}

export function urlFix(analysis: Analysis, text: string, finding: UrlFinding): Fix[] {
  const node = nodeAt(analysis, finding.range.offset, finding.range.length);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return [];
  const written: string = node.value;
  const compact = compactUrl(written);
  let url: string | undefined;
  let title: Message;
  let kind: FixKind;
  let rank: number;
  switch (finding.code) {
    case 'napcat.url-spaces':
      url = repaired(written, finding.data.url, { kind: 'spaces' });
      title = localize(F.trimSpaces);
      kind = 'url-spaces';
      rank = 1;
      break;
    case 'napcat.url-scheme': {
      const scheme = finding.data.scheme;
      if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) return [];
      const bare = compact.replace(/^\/\//, '');
      url = repaired(written, finding.data.url, { kind: 'scheme', scheme });
      title = localize(url === `${scheme}://${bare}` ? F.addScheme : F.replaceScheme, { scheme });
      kind = 'url-scheme';
      rank = 2; // also removes the white space, like the rule's suggestion
      break;
    }
    case 'napcat.url-unspecified-host': {
      const from = finding.data.host;
      url = repaired(written, finding.data.url, { kind: 'host', host: from });
      title = localize(F.replaceHost, { host: loopbackFor(from), from });
      kind = 'url-host';
      rank = 3;
    }
  }
  if (url === undefined || url === written) return [];
  const edits = literalEdits(text, node, stringLiteral(text, node, url));
  const safe = kind !== 'url-host' && (kind !== 'url-scheme' || !addsScheme(compact, url) || plainAddress(compact));
  return [{ kind, title, edits, preferred: safe, safe, target: node.offset, rank }];
}

/**
 * The two invalid URLs with one clear repair (`data.repair` from the rule): full-width characters
 * typed with a Chinese input method (`ws：／／127.0.0.1：8080`) written as ASCII, and a fragment
 * (`#…`), which the WebSocket library refuses, removed. Full-width repair is safe when the URL holds
 * no secret (a token typed in full width would be changed); removing a fragment drops text, so it
 * is only ever offered.
 */
export function urlRepairFix(analysis: Analysis, text: string, finding: FindingOf<'napcat.url-invalid'>): Fix[] {
  const data = finding.data;
  if (!data) return [];
  const node = nodeAt(analysis, finding.range.offset, finding.range.length);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return [];
  const written: string = node.value;
  const url = repaired(written, data.url, { kind: data.repair });
  const fix: Pick<Fix, 'kind' | 'title' | 'safe'> =
    data.repair === 'full-width'
      ? { kind: 'url-full-width', title: localize(F.fullWidth), safe: data.url !== undefined }
      : { kind: 'url-fragment', title: localize(F.removeFragment), safe: false };
  if (url === undefined || url === '' || url === written) return [];
  const edits = literalEdits(text, node, stringLiteral(text, node, url));
  return [{ ...fix, edits, preferred: true, target: node.offset, rank: 1 }];
}

/** Whether the fixed URL is the written one with a scheme put in front. */
function addsScheme(compact: string, url: string): boolean {
  return url.endsWith('://' + compact.replace(/^\/\//, ''));
}

/**
 * Whether a URL written without scheme is plainly an address (`//host…`, or `host:port…`), so
 * putting the scheme in front is what its author meant. Anything else (`ws//host/ws`, `host/ws`)
 * may be a mistyped scheme: the fix is offered, but not applied on save, where it would turn a
 * visibly broken URL into a wrong one silently.
 */
function plainAddress(compact: string): boolean {
  return compact.startsWith('//') || /^[^/:?#]+:\d+(?:[/?#]|$)/.test(compact);
}
