import { coerce } from '../../coerce';
import { type Message, type MessageArgs, type Text, text as textOf } from '../../i18n';
import { type Prop, valueOf } from '../../json/nodes';
import { type JsonNode } from '../../json/parse';
import { type Adapter } from '../../model';
import { ADAPTER_KINDS, type AdapterKind, KINDS } from '../../schema';
import { type RebuildResult } from './types';

/** Helpers and constants of the rebuild modules. */
/** The legacy runtime keys of the top level, and which kinds take each of them. */
export const SHARED_KEYS = ['token', 'heartInterval', 'reconnectInterval', 'messagePostFormat', 'reportSelfMessage', 'debug'] as const;
export type SharedKey = (typeof SHARED_KEYS)[number];

export function takes(kind: AdapterKind, key: SharedKey): boolean {
  // An HTTP client's `token` is its signing secret, which comes from `http.secret`, never `token`.
  if (key === 'token' && kind === 'httpClients') return false;
  return KINDS[kind].fields[key] !== undefined;
}

export const L1_HTTP_KEYS = new Set(['enable', 'host', 'port', 'secret', 'enableHeart', 'enablePost', 'postUrls']);
export const L1_WS_KEYS = new Set(['enable', 'host', 'port']);
export const L1_RWS_KEYS = new Set(['enable', 'urls', 'connections', 'reconnectInterval']);

export function byRegistration(a: Adapter, b: Adapter): number {
  return ADAPTER_KINDS.indexOf(a.kind) - ADAPTER_KINDS.indexOf(b.kind) || a.index - b.index;
}

/** `enable`-like switch of a legacy section, read the way NapCat converts it. */
export function isTrue(p: Prop | undefined): boolean {
  const v = valueOf(p?.value);
  if (v === undefined) return false;
  const c = coerce(v, 'boolean');
  return c.ok && c.value === true;
}

/** Host and port of a legacy server as written (legacy defaults when missing). */
export function serverValues(host: Prop | undefined, port: Prop | undefined, defaultPort: number, http: boolean): Map<string, unknown> {
  const own = new Map<string, unknown>([
    ['host', host?.value ? valueOf(host.value) : ''],
    ['port', port?.value ? valueOf(port.value) : defaultPort],
  ]);
  // The legacy HTTP server never accepted WebSocket upgrades; N4's default for that changed in v4.10.30.
  if (http) own.set('enableWebsocket', false);
  return own;
}

export function listNode(p: Prop | undefined): JsonNode[] {
  return p?.value?.type === 'array' ? [p.value] : [];
}

/**
 * What makes two connections the same: kind plus URL for clients (scheme and host case, a trailing
 * slash and surrounding spaces do not count) or plus port for servers.
 */
export function endpointKey(kind: AdapterKind, value: unknown): string | undefined {
  if (KINDS[kind].role === 'server') {
    const c = coerce(value, 'integer');
    return c.ok ? `${kind}|${String(c.value)}` : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  let norm: string;
  try {
    const u = new URL(t);
    norm = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    norm = t.replace(/\/+$/, '');
  }
  return `${kind}|${norm}`;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

export function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

export class Refusal extends Error {
  readonly reason: Text;
  constructor(message: Message, args?: MessageArgs) {
    super(message);
    this.reason = textOf(message, args);
  }
}

export function refused(message: Message, args?: MessageArgs): RebuildResult {
  return { kind: 'refused', reason: textOf(message, args) };
}
