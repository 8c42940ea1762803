import { KINDS, effectiveValue, localize, type Adapter, type Version } from '../core';
import { M } from './messages';

/**
 * Turning values into display text for hover and symbols. Secrets never leave the server in
 * full: tokens show whether they are set (and at most their first two characters), URLs have
 * their `access_token` query values and passwords masked.
 */

/** Keys whose values are secrets. */
const SECRET_KEYS = new Set(['token', 'secret', 'httpSecret', 'accessToken', 'access_token']);

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key);
}

/** `se…` for a long secret, only "set" for a short one (two characters of four would say too much). */
export function maskSecret(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  if (text === '') return localize(M.tokenEmpty);
  const set = localize(M.tokenSet);
  return text.length >= 8 ? `${set} (${code(`${text.slice(0, 2)}…`)})` : set;
}

/** The URL with `access_token`/`token` query values and any password replaced by `…`. */
export function maskUrl(url: string): string {
  return url
    .replace(/([?&](?:access_token|token|secret)=)[^&#]*/gi, (_, head: string) => `${head}…`)
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:)[^/@\s]*@/i, (_, head: string) => `${head}…@`);
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

/** A value for display (inline code), secrets masked. */
export function displayValue(key: string, value: unknown): string {
  if (isSecretKey(key)) return maskSecret(value);
  if (typeof value === 'string' && key === 'url') return code(valueText(maskUrl(value)));
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
    return maskUrl(typeof url === 'string' ? url : String(url ?? ''));
  }
  return '';
}
