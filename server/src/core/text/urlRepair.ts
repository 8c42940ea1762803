import { withHost, withScheme } from './urls';

/**
 * The repairs of a written client URL, as one function the URL rule and the URL fixes both call:
 * the rule to tell what the repaired URL would be, the fix to write it. A finding carries the
 * repair's description (never a secret) and, when the URL holds no credentials, its result.
 */
export type UrlRepair =
  /** White space removed. */
  | { readonly kind: 'spaces' }
  /** `scheme://` put in front, or in place of the written scheme. */
  | { readonly kind: 'scheme'; readonly scheme: string }
  /** The unspecified address `host` (`0.0.0.0`, `[::]`) replaced by the loopback address. */
  | { readonly kind: 'host'; readonly host: string }
  /** Full-width characters (typed with a Chinese input method) written as ASCII. */
  | { readonly kind: 'full-width' }
  /** The fragment (`#…`) removed. */
  | { readonly kind: 'fragment' };

/** The written URL without its white space. */
export function compactUrl(written: string): string {
  return written.replace(/\s+/g, '');
}

/** Where a client on this machine reaches a server that listens on the unspecified `host`. */
export function loopbackFor(host: string): string {
  return host === '[::]' ? '[::1]' : '127.0.0.1';
}

/** The URL `written` repaired (white space always removed); undefined when the repair does not apply. */
export function repairUrl(written: string, repair: UrlRepair): string | undefined {
  const compact = compactUrl(written);
  switch (repair.kind) {
    case 'spaces':
      return compact;
    case 'scheme':
      return withScheme(compact.replace(/^\/\//, ''), repair.scheme);
    case 'host':
      return withHost(compact, loopbackFor(repair.host));
    case 'full-width':
      return compact.normalize('NFKC');
    case 'fragment': {
      const hash = compact.indexOf('#');
      return hash < 0 ? undefined : compact.slice(0, hash);
    }
  }
}
