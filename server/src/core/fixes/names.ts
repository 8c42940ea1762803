import { frameworkOfPath } from '../frameworks';
import type { ConfigModel, Adapter } from '../model';
import { KINDS, PLUGIN_MANAGER_NAME, type AdapterKind } from '../schema';
import { isLocalHost } from '../text/hosts';
import type { TextEdit } from './edits';
import { prependMember } from './insert';
import { detectLayout, jsonString, type Layout } from './layout';

/**
 * Names for adapters: derived from the endpoint so a reader knows what an entry is, unique across
 * every kind (NapCat keeps one `Map<name, adapter>` for all of them, facts §5), and never the
 * reserved `plugin_manager`.
 *
 * Scheme (the frameworks and their paths are `FRAMEWORKS`; first match wins, then `-2`, `-3`, … until unused):
 * - clients by the path of their URL: `/onebot/v11/ws` (NoneBot) → `nonebot-<port>`, `/onebot`
 *   (Koishi) → `koishi-<port>`, `/ws` on port 6199 (AstrBot) → `astrbot-<port>`, `/OneBotv11`
 *   (TRSS-Yunzai) → `yunzai-<port>`; HTTP POST clients get `-http` after the framework
 *   (`nonebot-http-8080`), as a framework usually listens for both on one port;
 * - other clients: `ws-client-<host>-<port>` / `http-client-<host>-<port>`, the host left out when
 *   it is this machine (localhost, 127.x, ::1, 0.0.0.0), the port when the URL has none;
 * - servers: `http-server-<port>`, `http-sse-server-<port>`, `ws-server-<port>`;
 * - plugins, and clients whose URL does not parse: the kind's NapCat default name and the entry's
 *   1-based position, e.g. `websocket-client-3`.
 */

const CLIENT_PREFIX: Partial<Record<AdapterKind, string>> = {
  websocketClients: 'ws-client',
  httpClients: 'http-client',
};
const SERVER_PREFIX: Partial<Record<AdapterKind, string>> = {
  httpServers: 'http-server',
  httpSseServers: 'http-sse-server',
  websocketServers: 'ws-server',
};

/**
 * What a name is derived from: the URL of a client, the port of a server, the position otherwise.
 * (Not an endpoint of the runtime, `Endpoint` in rules/runtime.ts: raw values as written.)
 */
export interface NameSource {
  readonly url?: unknown;
  readonly port?: unknown;
  /** 0-based position of the entry in its list. */
  readonly index: number;
}

/** The descriptive base name of an entry (before making it unique). */
export function deriveName(kind: AdapterKind, endpoint: NameSource): string {
  const fallback = `${KINDS[kind].defaultName}-${endpoint.index + 1}`;
  const server = SERVER_PREFIX[kind];
  if (server) {
    const port = typeof endpoint.port === 'number' || typeof endpoint.port === 'string' ? clean(String(endpoint.port)) : '';
    return port ? `${server}-${port}` : fallback;
  }
  const client = CLIENT_PREFIX[kind];
  if (!client || typeof endpoint.url !== 'string') return fallback;
  let url: URL;
  try {
    url = new URL(endpoint.url.trim());
  } catch {
    return fallback;
  }
  if (!url.host) return fallback;
  const path = url.pathname.replace(/\/+$/, '');
  const port = url.port;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const framework = frameworkOfPath(path, Number(port))?.id;
  if (framework !== undefined) {
    const base = kind === 'httpClients' ? `${framework}-http` : framework;
    return join(base, port || clean(host));
  }
  return join(join(client, isLocalHost(host) ? '' : clean(host)), port);
}

function join(a: string, b: string): string {
  return b ? `${a}-${b}` : a;
}

/** Keeps letters, digits, '.', '_' and '-'; anything else becomes '-'. */
function clean(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** `base` when unused, else the first unused `base-N` (N ≥ 2). Marks the result as used. */
export function allocateName(base: string, used: Set<string>): string {
  const b = base || 'adapter';
  let name = b;
  for (let n = 2; used.has(name) || name === PLUGIN_MANAGER_NAME; n++) name = `${b}-${n}`;
  used.add(name);
  return name;
}

/**
 * A name that no adapter of the model uses (in any kind, `reverseWs.connections` included) and that
 * is not `plugin_manager`: `base` itself when free, else `base-2`, `base-3`, … Pure; the model is
 * not changed.
 */
export function suggestUniqueName(model: ConfigModel, base: string): string {
  const used = new Set(model.adapters.map((a) => a.effectiveName));
  return allocateName(base, used);
}

/**
 * Edits that set the `name` of an entry that has one (written twice: the last, which NapCat reads):
 * its value is replaced by `newName` as a JSON string; nothing else changes. Empty when the entry
 * has no `name` key (use addNameEdit) or is not an object.
 */
export function renameEdit(text: string, adapter: Adapter, newName: string): TextEdit[] {
  const value = adapter.fields.get('name')?.value;
  if (adapter.node.type !== 'object' || !value || value.offset + value.length > text.length) return [];
  return [{ offset: value.offset, length: value.length, newText: jsonString(newName) }];
}

/**
 * Edits that give an entry a name: a `"name": "<name>"` member inserted as the entry's first member,
 * on its own line at the indentation of its siblings (inline in a one-line entry). When the entry
 * already has a `name` key (e.g. `""`), its value is replaced instead. Empty for a non-object entry.
 */
export function addNameEdit(text: string, adapter: Adapter, name: string, layout?: Layout): TextEdit[] {
  if (adapter.node.type !== 'object') return [];
  if (adapter.fields.has('name')) return renameEdit(text, adapter, name);
  return prependMember(text, adapter.node, `"name": ${jsonString(name)}`, layout ?? detectLayout(text));
}
