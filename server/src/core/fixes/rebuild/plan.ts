import { coerce } from '../../coerce';
import { type Prop, isObject, itemsOf, propMap, propsOf, valueOf } from '../../json/nodes';
import { type JsonNode } from '../../json/parse';
import { type Adapter, effectiveValue } from '../../model';
import { type AdapterKind, F0_KEYS, KINDS } from '../../schema';
import { M } from './messages';
import { RebuildState } from './state';
import { type Planned, type Removal } from './types';
import { L1_HTTP_KEYS, L1_RWS_KEYS, L1_WS_KEYS, SHARED_KEYS, endpointKey, isTrue, listNode, sameValue, serverValues, takes } from './util';

/** Legacy sections → planned entries: what each old section starts, merged with what `network` already has. */

/** Reads every legacy section (L1 first: it is what NapCat v1.3.5–v4.0 ran) and plans entries. */
export function planLegacy(s: RebuildState): Removal[] {
  // Keyed by property node: every occurrence of a key is removed, the last one (read) carries the lists.
  const removals = new Map<JsonNode, Removal>();
  const isRead = (p: Prop) => p.prop === s.top.get(p.key)?.prop;
  const remove = (key: string, lists: JsonNode[] = []): Removal[] => {
    const out: Removal[] = [];
    for (const p of propsOf(s.root)) {
      if (p.key !== key) continue;
      let r = removals.get(p.prop);
      if (!r) {
        removals.set(p.prop, (r = { prop: p, lists: [], leftover: [] }));
        if (!isRead(p)) s.dropped.push({ path: key, reason: M.dropShadowed });
      }
      if (isRead(p)) r.lists.push(...lists);
      out.push(r);
    }
    return out;
  };
  const first = (rs: Removal[], ...ps: (Planned | undefined)[]) => {
    const r = rs.find((x) => isRead(x.prop));
    if (r) r.fallback = ps.find((p) => p !== undefined);
  };

  // L1
  const http = s.top.get('http');
  if (isObject(http?.value)) {
    const h = propMap(http!.value);
    const server = plan(s, {
      kind: 'httpServers',
      from: 'http',
      list: 'http',
      enabled: isTrue(h.get('enable')),
      own: serverValues(h.get('host'), h.get('port'), 3000, true),
    });
    const postList = h.get('postUrls');
    const posts = planUrls(s, postList, 'http.postUrls', 'httpClients', isTrue(h.get('enablePost')), (own) =>
      own.set('token', h.has('secret') ? valueOf(h.get('secret')!.value) : ''),
    );
    if (isTrue(h.get('enableHeart'))) s.dropped.push({ path: 'http.enableHeart', reason: M.dropHeart });
    const secret = valueOf(h.get('secret')?.value);
    if (posts.length === 0 && secret !== undefined && secret !== '') s.dropped.push({ path: 'http.secret', reason: M.dropSecret });
    dropUnknown(s, h, L1_HTTP_KEYS, 'http');
    first(remove('http', listNode(postList)), server, ...posts);
  }
  const ws = s.top.get('ws');
  if (isObject(ws?.value)) {
    const w = propMap(ws!.value);
    const server = plan(s, {
      kind: 'websocketServers',
      from: 'ws',
      list: 'ws',
      enabled: isTrue(w.get('enable')),
      own: serverValues(w.get('host'), w.get('port'), 3001, false),
    });
    dropUnknown(s, w, L1_WS_KEYS, 'ws');
    first(remove('ws'), server);
  }
  const rws = s.top.get('reverseWs');
  const rwsType: string | undefined = rws?.value?.type;
  if (rws && rwsType === 'object') {
    const r = propMap(rws.value);
    const isConnections = r.has('connections');
    // L1 (`{enable, urls}`) starts nothing without `enable: true`; the write-up shape with
    // `connections` is believed to be on unless it says otherwise.
    const enabled = r.has('enable') ? isTrue(r.get('enable')) : isConnections;
    const reconnect = r.get('reconnectInterval');
    const withReconnect = (own: Map<string, unknown>) => {
      if (reconnect?.value) own.set('reconnectInterval', valueOf(reconnect.value));
    };
    const urls = planUrls(s, r.get('urls'), 'reverseWs.urls', 'websocketClients', enabled, withReconnect);
    const conns = planConnections(s, r.get('connections'), 'reverseWs.connections', enabled, withReconnect);
    dropUnknown(s, r, L1_RWS_KEYS, 'reverseWs');
    first(remove('reverseWs', [...listNode(r.get('urls')), ...listNode(r.get('connections'))]), ...urls, ...conns);
  } else if (rws && rwsType === 'array') {
    const conns = planConnections(s, rws, 'reverseWs', true, () => {});
    first(remove('reverseWs', listNode(rws)), ...conns);
  }

  // F0
  const has = (k: string) => s.top.has(k);
  let f0Http: Planned | undefined;
  let f0Ws: Planned | undefined;
  if (has('enableHttp') || has('httpHost') || has('httpPort')) {
    f0Http = plan(s, {
      kind: 'httpServers',
      from: 'enableHttp',
      list: 'F0.http',
      enabled: isTrue(s.top.get('enableHttp')),
      own: serverValues(s.top.get('httpHost'), s.top.get('httpPort'), 3000, true),
    });
  }
  if (has('enableWs') || has('wsHost') || has('wsPort')) {
    f0Ws = plan(s, {
      kind: 'websocketServers',
      from: 'enableWs',
      list: 'F0.ws',
      enabled: isTrue(s.top.get('enableWs')),
      own: serverValues(s.top.get('wsHost'), s.top.get('wsPort'), 3001, false),
    });
  }
  const f0Reverse = planUrls(s, s.top.get('wsReverseUrls'), 'wsReverseUrls', 'websocketClients', isTrue(s.top.get('enableWsReverse')), () => {});
  const secret = s.top.get('httpSecret');
  const f0Posts = planUrls(s, s.top.get('httpPostUrls'), 'httpPostUrls', 'httpClients', isTrue(s.top.get('enableHttpPost')), (own) =>
    own.set('token', secret ? valueOf(secret.value) : ''),
  );
  if (isTrue(s.top.get('enableHttpHeart'))) s.dropped.push({ path: 'enableHttpHeart', reason: M.dropHeart });
  const secretValue = valueOf(secret?.value);
  if (f0Posts.length === 0 && secretValue !== undefined && secretValue !== '') s.dropped.push({ path: 'httpSecret', reason: M.dropSecret });
  const f0Owner: Record<string, (Planned | undefined)[]> = {
    enableHttp: [f0Http],
    httpHost: [f0Http],
    httpPort: [f0Http],
    enableWs: [f0Ws],
    wsHost: [f0Ws],
    wsPort: [f0Ws],
    enableWsReverse: f0Reverse,
    wsReverseUrls: f0Reverse,
    enableHttpPost: f0Posts,
    httpPostUrls: f0Posts,
    httpSecret: f0Posts,
    enableHttpHeart: f0Posts,
  };
  for (const key of F0_KEYS) {
    if (!has(key)) continue;
    const lists = key === 'wsReverseUrls' || key === 'httpPostUrls' ? listNode(s.top.get(key)) : [];
    first(remove(key, lists), ...(f0Owner[key] ?? []));
  }

  // Top-level runtime keys, when their value now lives in `network`.
  for (const p of s.planned) {
    for (const key of SHARED_KEYS) if (s.top.has(key) && takes(p.kind, key) && !p.own.has(key)) s.carried.add(key);
  }
  for (const key of SHARED_KEYS) if (s.carried.has(key)) remove(key);
  return [...removals.values()].sort((a, b) => a.prop.prop.offset - b.prop.prop.offset);
}

/** Plans one entry, unless `network` or another legacy list already has this connection. */
export function plan(s: RebuildState, p: Omit<Planned, 'extra' | 'comments'> & { extra?: Planned['extra'] }): Planned | undefined {
  const planned: Planned = { extra: [], comments: [], ...p };
  const key = endpointKey(planned.kind, planned.own.get(KINDS[planned.kind].role === 'server' ? 'port' : 'url'));
  if (key !== undefined) {
    const existing = existingEndpoints(s).get(`${planned.kind} ${key}`);
    if (existing) {
      s.skipped.push({ from: planned.from, kind: planned.kind, sameAs: `network.${existing.kind}[${existing.index}]` });
      carryThrough(s, planned, existing);
      return undefined;
    }
    // The first planned entry of this endpoint from another list than this one.
    const seen = s.plannedByKey.get(`${planned.kind} ${key}`);
    const twin = seen && (seen.first.list !== planned.list ? seen.first : seen.other);
    if (twin) {
      s.skipped.push({ from: planned.from, kind: planned.kind, sameAs: twin.from });
      return undefined;
    }
    if (!seen) s.plannedByKey.set(`${planned.kind} ${key}`, { first: planned });
    else if (!seen.other && seen.first.list !== planned.list) seen.other = planned;
  }
  s.planned.push(planned);
  if (planned.item) s.byItem.set(planned.item, planned);
  return planned;
}

/** The first entry read from `network` for each endpoint (`kind key`). */
export function existingEndpoints(s: RebuildState): Map<string, Adapter> {
  if (!s.existingByKey) {
    s.existingByKey = new Map();
    for (const a of s.read) {
      const key = endpointKey(a.kind, effectiveValue(a, KINDS[a.kind].role === 'server' ? 'port' : 'url', s.version));
      if (key !== undefined && !s.existingByKey.has(`${a.kind} ${key}`)) s.existingByKey.set(`${a.kind} ${key}`, a);
    }
  }
  return s.existingByKey;
}

/** A legacy connection already in `network`: its top-level settings count as moved when equal there. */
export function carryThrough(s: RebuildState, p: Planned, existing: Adapter): void {
  for (const key of SHARED_KEYS) {
    const prop = s.top.get(key);
    if (!prop || !takes(p.kind, key) || p.own.has(key)) continue;
    const spec = KINDS[p.kind].fields[key];
    const c = coerce(valueOf(prop.value), spec.type);
    if (c.ok && sameValue(c.value, effectiveValue(existing, key, s.version))) s.carried.add(key);
  }
}

/** One client per item of a URL list (a single string counts as a list of one). */
export function planUrls(s: RebuildState, 
  list: Prop | undefined,
  path: string,
  kind: AdapterKind,
  enabled: boolean,
  extra: (own: Map<string, unknown>) => void,
): Planned[] {
  if (!list?.value) return [];
  const items = list.value.type === 'array' ? itemsOf(list.value) : [list.value];
  const out: Planned[] = [];
  items.forEach((item, i) => {
    const at = list.value!.type === 'array' ? `${path}[${i}]` : path;
    if (item.type !== 'string') {
      if (list.value!.type === 'array' || item.type !== 'null') s.dropped.push({ path: at, reason: M.dropNotUrl });
      return;
    }
    const own = new Map<string, unknown>([['url', item.value]]);
    extra(own);
    const p = plan(s, { kind, from: at, list: path, enabled, own, item });
    if (p) out.push(p);
  });
  return out;
}

/** `reverseWs.connections[]` or a bare `reverseWs` list: URL strings and `{ name, url, … }` entries. */
export function planConnections(s: RebuildState, 
  list: Prop | undefined,
  path: string,
  enabled: boolean,
  extra: (own: Map<string, unknown>) => void,
): Planned[] {
  const node = list?.value;
  if (!node) return [];
  if (node.type !== 'array') {
    if (node.type !== 'null') s.dropped.push({ path, reason: M.dropNotUrl });
    return [];
  }
  const out: Planned[] = [];
  itemsOf(node).forEach((item, i) => {
    const at = `${path}[${i}]`;
    const own = new Map<string, unknown>();
    extra(own);
    let on = enabled;
    let writtenName: string | undefined;
    const rest: (readonly [string, unknown])[] = [];
    if (item.type === 'string') {
      own.set('url', item.value);
    } else if (item.type === 'object') {
      for (const [key, prop] of propMap(item)) {
        const v = valueOf(prop.value);
        if (key === 'name') {
          const c = coerce(v, 'string');
          if (c.ok && c.value !== '') writtenName = String(c.value);
        } else if (key === 'enable') on = isTrue(prop);
        else if (KINDS.websocketClients.fields[key]) own.set(key, v);
        else rest.push([key, v]);
      }
    } else {
      s.dropped.push({ path: at, reason: M.dropNotUrl });
      return;
    }
    const p = plan(s, { kind: 'websocketClients', from: at, list: path, enabled: on, own, item, writtenName, extra: rest });
    if (p) out.push(p);
  });
  return out;
}

export function dropUnknown(s: RebuildState, section: Map<string, Prop>, known: ReadonlySet<string>, path: string): void {
  for (const key of section.keys()) if (!known.has(key)) s.dropped.push({ path: `${path}.${key}`, reason: M.dropUnknown });
}
