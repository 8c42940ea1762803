import type { JsonNode } from './json/parse';
import { propMap, itemsOf, isObject, valueOf, type Prop } from './json/nodes';
import { coerce } from './coerce';
import {
  ADAPTER_KINDS,
  KINDS,
  REGISTRATION_ORDER,
  F0_KEYS,
  type AdapterKind,
  type FieldSpec,
} from './schema';
import { atLeast, type Version } from './version';

/**
 * The model: what a NapCat config means, independent of how it is written. Built once per
 * document version from the syntax tree; every rule, hover and symbol reads it.
 */

/** The shapes of facts §2. `reverseWs-list` and `reverseWs-connections` are never read by NapCat. */
export type LegacyForm = 'F0' | 'L1' | 'reverseWs-list' | 'reverseWs-connections';
export type Shape = 'N4' | LegacyForm | 'mixed' | 'empty' | 'unknown';

/** A property of an adapter entry, with its written value. */
export interface Field extends Prop {
  /** The written value (JavaScript value of the node; undefined for a property without value). */
  readonly raw: unknown;
}

export interface Adapter {
  readonly kind: AdapterKind;
  /** Index in its list (`network.<kind>[index]` or `reverseWs.connections[index]`). */
  readonly index: number;
  /** `network`: read by NapCat; `reverseWs.connections`: a write-up shape NapCat never reads. */
  readonly origin: 'network' | 'reverseWs.connections';
  /** The entry node (an object, unless the user wrote something else). */
  readonly node: JsonNode;
  /** Own keys as written; for a key written twice the last one wins. */
  readonly fields: ReadonlyMap<string, Field>;
  /**
   * The keys of the entry's properties in written order, when every property has a key of its
   * own (nearly always; `fields` then holds every property of `node`); else undefined. Entries
   * that write the same keys in the same order share one array.
   */
  readonly ownKeys: readonly string[] | undefined;
  /** The `name` as written when it is a string; undefined when missing or not a string. */
  readonly writtenName: string | undefined;
  /** The name NapCat registers: the written one, or the kind's default when missing. */
  readonly effectiveName: string;
  /** `enable` after NapCat's coercion (default false). */
  readonly enabled: boolean;
  /** True when NapCat registers this entry at start (enabled, of a registered kind, read by NapCat). */
  readonly registers: boolean;
}

/** A connection that a legacy section would start (or that its author believes it configures). */
export interface LegacyConnection {
  readonly kind: AdapterKind;
  readonly enabled: boolean;
  /** Client URL (reverse WS, HTTP POST). */
  readonly url?: string;
  /** Server listen address. */
  readonly host?: string;
  readonly port?: number;
  /** Where it is written: the URL string node, or the section's object node. */
  readonly node: JsonNode;
  /** A short path for messages, e.g. `reverseWs.urls[1]`. */
  readonly path: string;
}

export interface LegacyPart {
  readonly form: LegacyForm;
  /** The top-level properties that make up this legacy part. */
  readonly props: readonly Prop[];
  readonly connections: readonly LegacyConnection[];
}

export interface ConfigModel {
  /** The root object; undefined when the root is missing or not an object. */
  readonly root: JsonNode | undefined;
  readonly shape: Shape;
  readonly topLevel: ReadonlyMap<string, Prop>;
  /** The `network` property, when present. */
  readonly network: Prop | undefined;
  readonly legacy: readonly LegacyPart[];
  /** Every adapter entry: `network.*[]` in file order, then `reverseWs.connections[]`. */
  readonly adapters: readonly Adapter[];
}

/**
 * The model of a tree before an edit that changed one token of it in place (json/reparse.ts), and
 * that token: the tree's nodes are the same objects, and only the token and its ancestors changed.
 */
export interface KeptModel {
  readonly model: ConfigModel;
  readonly token: JsonNode;
}

/**
 * Builds the model of a parsed config. Never throws; a root that is not an object gives the
 * shape 'unknown' with no adapters.
 *
 * With `kept`, the model of the same tree before one token changed, an entry whose node is the
 * one at the same place in `kept` (same node, kind, index and origin) and does not hold the token
 * keeps its `Adapter`: everything in it is read off that entry's nodes, which the edit left as
 * they were (they only moved, and offsets live in the nodes). Typing in one entry of a config of
 * hundreds rebuilds that entry; the rest of the model (top-level keys, legacy sections, the
 * list of entries) is read again, which costs little.
 */
export function buildModel(root: JsonNode | undefined, kept?: KeptModel): ConfigModel {
  if (!isObject(root)) {
    return { root: undefined, shape: 'unknown', topLevel: new Map(), network: undefined, legacy: [], adapters: [] };
  }
  const topLevel = propMap(root);
  const network = topLevel.get('network');
  const adapters: Adapter[] = [];
  const fields = new FieldReader();
  const previous = kept && kept.model.root === root ? kept.model.adapters : [];
  const touched = kept ? ancestorsOf(kept.token) : undefined;
  const add = (kind: AdapterKind, index: number, item: JsonNode, origin: Adapter['origin']) => {
    const old = previous[adapters.length] as Adapter | undefined;
    const same = old !== undefined && old.node === item && old.kind === kind && old.index === index && old.origin === origin && !touched?.has(item);
    adapters.push(same ? old : makeAdapter(kind, index, item, origin, fields));
  };
  if (isObject(network?.value)) {
    // A kind written twice: the last list wins, as in every JSON reader.
    for (const p of propMap(network!.value).values()) {
      const kind = p.key as AdapterKind;
      if (!(ADAPTER_KINDS as readonly string[]).includes(kind)) continue;
      itemsOf(p.value).forEach((item, index) => add(kind, index, item, 'network'));
    }
  }
  const legacy = findLegacy(topLevel);
  for (const part of legacy) {
    if (part.form !== 'reverseWs-connections') continue;
    const list = propMap(part.props[0]?.value).get('connections');
    itemsOf(list?.value).forEach((item, index) => add('websocketClients', index, item, 'reverseWs.connections'));
  }
  return { root, shape: shapeOf(topLevel, network, legacy), topLevel, network, legacy, adapters };
}

/** A node and its ancestors. */
function ancestorsOf(node: JsonNode): Set<JsonNode> {
  const out = new Set<JsonNode>();
  for (let n: JsonNode | undefined = node; n; n = n.parent) out.add(n);
  return out;
}

function shapeOf(topLevel: ReadonlyMap<string, Prop>, network: Prop | undefined, legacy: readonly LegacyPart[]): Shape {
  const hasNetwork = isObject(network?.value);
  if (legacy.length === 0) {
    if (hasNetwork) return 'N4';
    return topLevel.size === 0 ? 'empty' : 'unknown';
  }
  if (hasNetwork || legacy.length > 1) return 'mixed';
  return legacy[0].form;
}

/** The written value of a property: scalars straight off the node, containers (rare here) decoded. */
function rawOf(prop: JsonNode): unknown {
  const value = prop.children![1];
  return value === undefined ? undefined : value.children ? valueOf(value) : value.value;
}

/**
 * The written keys of one entry. Last write of a key wins; an entry that writes a key twice (rare)
 * keeps, in the order keys were first written, the last property of each. `ownKeys` is set when
 * every property has a key of its own; it is the previous entry's array when the keys are the
 * same (NapCat saves every entry of a list with the same keys in the same order).
 */
class FieldReader {
  private previous: readonly string[] = [];

  read(entry: JsonNode): { fields: Fields; ownKeys: readonly string[] | undefined } {
    const fields = new Fields();
    const children = entry.type === 'object' ? (entry.children ?? []) : [];
    // Every property has a key of its own; and so far the keys are the previous entry's.
    let own = true;
    let same = true;
    for (let i = 0; i < children.length; i++) {
      const prop = children[i];
      const keyNode = prop.children?.[0];
      if (!keyNode || typeof keyNode.value !== 'string') {
        own = false;
        continue;
      }
      const key = keyNode.value;
      if (!fields.set(key, { key, prop, keyNode, value: prop.children![1], raw: rawOf(prop) })) own = false;
      if (same && this.previous[i] !== key) same = false;
    }
    if (!own) return { fields, ownKeys: undefined };
    if (!same || children.length !== this.previous.length) this.previous = [...fields.keys()];
    return { fields, ownKeys: this.previous };
  }
}

/**
 * An entry's fields by key, in the order keys were first written. A `Map` in all but cost: an
 * entry has a dozen keys or so, which a list finds as fast as a hash table, at a fraction of its
 * memory (a 100 KiB config has hundreds of entries, and every edit builds them again).
 */
class Fields implements ReadonlyMap<string, Field> {
  private readonly list: Field[] = [];

  /** Sets `key`'s field (the last write wins, in the place of the first); false when the key was there already. */
  set(key: string, field: Field): boolean {
    const i = this.indexOf(key);
    if (i >= 0) {
      this.list[i] = field;
      return false;
    }
    this.list.push(field);
    return true;
  }

  private indexOf(key: string): number {
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i].key === key) return i;
    return -1;
  }

  get size(): number {
    return this.list.length;
  }
  get(key: string): Field | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.list[i];
  }
  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }
  forEach(callback: (value: Field, key: string, map: ReadonlyMap<string, Field>) => void, thisArg?: unknown): void {
    for (const f of this.list) callback.call(thisArg, f, f.key, this);
  }
  *entries(): MapIterator<[string, Field]> {
    for (const f of this.list) yield [f.key, f];
  }
  *keys(): MapIterator<string> {
    for (const f of this.list) yield f.key;
  }
  *values(): MapIterator<Field> {
    yield* this.list;
  }
  [Symbol.iterator](): MapIterator<[string, Field]> {
    return this.entries();
  }
}

function makeAdapter(kind: AdapterKind, index: number, node: JsonNode, origin: Adapter['origin'], reader: FieldReader): Adapter {
  const { fields, ownKeys } = reader.read(node);
  const nameRaw = fields.get('name')?.raw;
  const writtenName = typeof nameRaw === 'string' ? nameRaw : undefined;
  // A name of another type (object, array, null) is shown as JSON: parsed objects have no
  // prototype, so String() would throw.
  let effectiveName: string;
  if (writtenName !== undefined) effectiveName = writtenName;
  else if (nameRaw === undefined) effectiveName = KINDS[kind].defaultName;
  else {
    const c = coerce(nameRaw, 'string');
    effectiveName = c.ok ? String(c.value) : JSON.stringify(nameRaw);
  }
  const enableRaw = fields.get('enable')?.raw;
  const enabled = enableRaw === true || (enableRaw !== undefined && enableRaw !== false && isTrue(enableRaw));
  const registers = enabled && origin === 'network' && REGISTRATION_ORDER.includes(kind);
  return { kind, index, origin, node, fields, ownKeys, writtenName, effectiveName, enabled, registers };
}

/**
 * The value NapCat uses for `key` of an adapter: the written value after coercion, or the default
 * for the target version when the key is missing. Undefined for keys without a default.
 */
export function effectiveValue(adapter: Adapter, key: string, version: Version): unknown {
  const spec: FieldSpec | undefined = KINDS[adapter.kind].fields[key];
  const field = adapter.fields.get(key);
  if (field && field.raw !== undefined) {
    if (!spec) return field.raw;
    const c = coerce(field.raw, spec.type);
    return c.ok ? c.value : field.raw;
  }
  return defaultFor(adapter.kind, key, version);
}

/** NapCat's default for a key of a kind at the target version (facts §3 key history). */
export function defaultFor(kind: AdapterKind, key: string, version: Version): unknown {
  if (key === 'host' && KINDS[kind].role === 'server' && !atLeast(version, '4.8.106')) return '0.0.0.0';
  if (key === 'enableWebsocket' && !atLeast(version, '4.10.30')) return true;
  if (key === 'verifyCertificate' && kind === 'websocketClients') return true;
  return KINDS[kind].fields[key]?.default;
}

// ---------------------------------------------------------------------------------------------
// Legacy shapes

function findLegacy(top: ReadonlyMap<string, Prop>): LegacyPart[] {
  const parts: LegacyPart[] = [];
  const f0 = F0_KEYS.map((k) => top.get(k)).filter((p): p is Prop => p !== undefined);
  if (f0.length > 0) parts.push({ form: 'F0', props: f0, connections: f0Connections(top) });

  const http = top.get('http');
  const ws = top.get('ws');
  const rws = top.get('reverseWs');
  const l1Props: Prop[] = [];
  if (isObject(http?.value)) l1Props.push(http!);
  if (isObject(ws?.value)) l1Props.push(ws!);
  if (isObject(rws?.value) && !propMap(rws!.value).has('connections')) l1Props.push(rws!);
  if (l1Props.length > 0) parts.push({ form: 'L1', props: l1Props, connections: l1Connections(top) });

  if (rws?.value?.type === 'array') {
    const connections = itemsOf(rws.value).map((node, i) => ({
      kind: 'websocketClients' as const,
      enabled: true,
      url: typeof node.value === 'string' ? node.value : undefined,
      node,
      path: `reverseWs[${i}]`,
    }));
    parts.push({ form: 'reverseWs-list', props: [rws], connections });
  } else if (isObject(rws?.value) && propMap(rws!.value).has('connections')) {
    const connections = itemsOf(propMap(rws!.value).get('connections')?.value).map((node, i) => {
      const fields = propMap(node);
      const url = valueOf(fields.get('url')?.value);
      const enable = valueOf(fields.get('enable')?.value);
      return {
        kind: 'websocketClients' as const,
        enabled: enable === undefined ? true : isTrue(enable),
        url: typeof url === 'string' ? url : undefined,
        node,
        path: `reverseWs.connections[${i}]`,
      };
    });
    parts.push({ form: 'reverseWs-connections', props: [rws!], connections });
  }
  return parts;
}

function isTrue(v: unknown): boolean {
  const c = coerce(v, 'boolean');
  return c.ok && c.value === true;
}

function num(v: unknown): number | undefined {
  const c = coerce(v, 'integer');
  return c.ok ? (c.value as number) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function urlConnections(
  kind: AdapterKind,
  list: Prop | undefined,
  enabled: boolean,
  path: string,
): LegacyConnection[] {
  return itemsOf(list?.value).map((node, i) => ({
    kind,
    enabled,
    url: str(node.value),
    node,
    path: `${path}[${i}]`,
  }));
}

function f0Connections(top: ReadonlyMap<string, Prop>): LegacyConnection[] {
  const v = (k: string) => valueOf(top.get(k)?.value);
  const out: LegacyConnection[] = [];
  const anchor = (k: string) => top.get(k)?.prop;
  if (top.has('enableHttp') || top.has('httpPort')) {
    out.push({
      kind: 'httpServers',
      enabled: isTrue(v('enableHttp')),
      host: str(v('httpHost')) ?? '',
      port: num(v('httpPort')) ?? 3000,
      node: (anchor('enableHttp') ?? anchor('httpPort'))!,
      path: 'enableHttp',
    });
  }
  if (top.has('enableWs') || top.has('wsPort')) {
    out.push({
      kind: 'websocketServers',
      enabled: isTrue(v('enableWs')),
      host: str(v('wsHost')) ?? '',
      port: num(v('wsPort')) ?? 3001,
      node: (anchor('enableWs') ?? anchor('wsPort'))!,
      path: 'enableWs',
    });
  }
  out.push(...urlConnections('websocketClients', top.get('wsReverseUrls'), isTrue(v('enableWsReverse')), 'wsReverseUrls'));
  out.push(...urlConnections('httpClients', top.get('httpPostUrls'), isTrue(v('enableHttpPost')), 'httpPostUrls'));
  return out;
}

function l1Connections(top: ReadonlyMap<string, Prop>): LegacyConnection[] {
  const out: LegacyConnection[] = [];
  const http = top.get('http');
  if (isObject(http?.value)) {
    const h = propMap(http!.value);
    out.push({
      kind: 'httpServers',
      enabled: isTrue(valueOf(h.get('enable')?.value)),
      host: str(valueOf(h.get('host')?.value)) ?? '',
      port: num(valueOf(h.get('port')?.value)) ?? 3000,
      node: http!.value!,
      path: 'http',
    });
    out.push(...urlConnections('httpClients', h.get('postUrls'), isTrue(valueOf(h.get('enablePost')?.value)), 'http.postUrls'));
  }
  const ws = top.get('ws');
  if (isObject(ws?.value)) {
    const w = propMap(ws!.value);
    out.push({
      kind: 'websocketServers',
      enabled: isTrue(valueOf(w.get('enable')?.value)),
      host: str(valueOf(w.get('host')?.value)) ?? '',
      port: num(valueOf(w.get('port')?.value)) ?? 3001,
      node: ws!.value!,
      path: 'ws',
    });
  }
  const rws = top.get('reverseWs');
  if (isObject(rws?.value)) {
    const r = propMap(rws!.value);
    if (!r.has('connections')) {
      out.push(...urlConnections('websocketClients', r.get('urls'), isTrue(valueOf(r.get('enable')?.value)), 'reverseWs.urls'));
    }
  }
  return out;
}
