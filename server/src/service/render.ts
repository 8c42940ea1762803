import { KINDS, effectiveValue, isSecretKey, maskToken, maskUrl, type Adapter, type Version } from '../core';
import { M } from './messages';
import { localize } from '../wording';

/**
 * Turning values into display text for hover and symbols. Secrets never leave the server in
 * full: tokens show only whether they are set, URLs have their credentials masked (the policy of
 * `core/secrets.ts`).
 */

/** Only "set" or "empty" for a secret: no character of it leaves the server. */
export function maskSecret(value: unknown): string {
  return localize(maskToken(value) === '' ? M.tokenEmpty : M.tokenSet);
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A JSON-ish rendering of a value, shortened. */
export function valueText(value: unknown, max = 120): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A value for display (inline code), secrets masked (`known`: the entry's tokens, hidden inside a URL's path too). */
export function displayValue(key: string, value: unknown, known: readonly string[] = []): string {
  if (isSecretKey(key)) return maskSecret(value);
  if (typeof value === 'string' && key === 'url') return code(valueText(maskUrl(value, known)));
  return code(valueText(value));
}

/** Where an adapter listens or connects: `host:port` for servers, the URL for clients. */
export function endpointOf(adapter: Adapter, version: Version): string {
  const role = KINDS[adapter.kind].role;
  if (role === 'server') {
    const host = String(effectiveValue(adapter, 'host', version) ?? '');
    const port = String(effectiveValue(adapter, 'port', version) ?? '');
    return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  }
  if (role === 'client') {
    const url = effectiveValue(adapter, 'url', version);
    const token = effectiveValue(adapter, 'token', version);
    return maskUrl(typeof url === 'string' ? url : String(url ?? ''), typeof token === 'string' ? [token] : []);
  }
  return '';
}
