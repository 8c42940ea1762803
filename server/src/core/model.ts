import type { JsonNode } from './json/parse';
import { propMap, itemsOf, isObject, valueOf, asProp, type Prop } from './json/nodes';
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

export interface Field {
  readonly key: string;
  readonly prop: Prop;
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
 * Builds the model of a parsed config. Never throws; a root that is not an object gives the
 * shape 'unknown' with no adapters.
 */
export function buildModel(root: JsonNode | undefined): ConfigModel {
  if (!isObject(root)) {
    return { root: undefined, shape: 'unknown', topLevel: new Map(), network: undefined, legacy: [], adapters: [] };
  }
  const topLevel = propMap(root);
  const network = topLevel.get('network');
  const adapters: Adapter[] = [];
  const fields = new FieldMaker();
  if (isObject(network?.value)) {
    // A kind written twice: the last list wins, as in every JSON reader.
    for (const p of propMap(network!.value).values()) {
      const kind = p.key as AdapterKind;
      if (!(ADAPTER_KINDS as readonly string[]).includes(kind)) continue;
      itemsOf(p.value).forEach((item, index) => adapters.push(makeAdapter(kind, index, item, 'network', fields)));
    }
  }
  const legacy = findLegacy(topLevel);
  for (const part of legacy) {
    if (part.form !== 'reverseWs-connections') continue;
    const list = propMap(part.props[0]?.value).get('connections');
    itemsOf(list?.value).forEach((item, index) =>
      adapters.push(makeAdapter('websocketClients', index, item, 'reverseWs.connections', fields)),
    );
  }
  return { root, shape: shapeOf(topLevel, network, legacy), topLevel, network, legacy, adapters };
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

/**
 * One written key of an entry, read off its property node when asked for: the model keeps no
 * object per key (a large config has hundreds of thousands of them, and whatever the model holds
 * stays alive, and is copied by the garbage collector, while the rules run).
 */
class PropertyField implements Field {
  constructor(private readonly node: JsonNode) {}
  get key(): string {
    return this.node.children![0].value as string;
  }
  get raw(): unknown {
    return rawOf(this.node);
  }
  get prop(): Prop {
    return asProp(this.node);
  }
}

/** The written value of a property: scalars straight off the node, containers (rare here) decoded. */
function rawOf(prop: JsonNode): unknown {
  const value = prop.children![1];
  return value === undefined ? undefined : value.children ? valueOf(value) : value.value;
}

/** Up to this many keys, a linear search beats hashing (entries have a dozen keys or so). */
const LINEAR_MAX = 32;

/**
 * The written keys of one entry: a list of keys, and the entry's own property nodes (nothing
 * copied). Last write of a key wins; an entry that writes a key twice (rare) keeps, in the order
 * keys were first written, the last property of each.
 */
class FieldMap implements ReadonlyMap<string, Field> {
  constructor(
    /** Shared by the entries that write the same keys in the same order. */
    readonly keyList: readonly string[],
    /** `keyList[i]` is the key of `props[i]`. */
    private readonly props: readonly JsonNode[],
    /** True when `props` are all the properties of the entry (every key written once). */
    readonly everyKeyOnce: boolean,
  ) {}

  /** Positions by key, for an entry with more than `LINEAR_MAX` keys (built on first lookup). */
  private index: Map<string, number> | undefined;

  /** The property node of `key`, or undefined. */
  find(key: string): JsonNode | undefined {
    const keys = this.keyList;
    let i: number | undefined;
    if (keys.length <= LINEAR_MAX) i = keys.indexOf(key);
    else {
      this.index ??= new Map(keys.map((k, j) => [k, j]));
      i = this.index.get(key) ?? -1;
    }
    return i < 0 ? undefined : this.props[i];
  }
  get size(): number {
    return this.keyList.length;
  }
  get(key: string): Field | undefined {
    const node = this.find(key);
    return node && new PropertyField(node);
  }
  has(key: string): boolean {
    return this.find(key) !== undefined;
  }
  keys(): MapIterator<string> {
    return this.keyList.values();
  }
  values(): MapIterator<Field> {
    return this.props.map((p): Field => new PropertyField(p)).values();
  }
  entries(): MapIterator<[string, Field]> {
    return this.props.map((p, i): [string, Field] => [this.keyList[i], new PropertyField(p)]).values();
  }
  forEach(fn: (value: Field, key: string, map: ReadonlyMap<string, Field>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  [Symbol.iterator](): MapIterator<[string, Field]> {
    return this.entries();
  }
}

/**
 * Makes the field maps of one model. The entries of a list nearly always write the same keys in
 * the same order (NapCat saves them so), so an entry whose keys are those of the entry before it
 * shares that entry's key list: checked by comparing the keys one by one, nothing is allocated
 * per entry but the map itself, and lookups scan one short array that stays in cache.
 */
class FieldMaker {
  /** The key list of the last entry that wrote every key once. */
  private shared: readonly string[] = [];

  make(entry: JsonNode): FieldMap {
    const props = entry.type === 'object' && entry.children ? entry.children : [];
    if (!sameKeys(this.shared, props)) {
      if (!keysWrittenOnce(props)) {
        const winners = lastWrites(props);
        return new FieldMap(winners.map(keyOf), winners, false);
      }
      this.shared = props.map(keyOf);
    }
    return new FieldMap(this.shared, props, true);
  }
}

function keyOf(prop: JsonNode): string {
  return prop.children![0].value as string;
}

/** True when the properties have exactly the keys of `keys`, in that order. */
function sameKeys(keys: readonly string[], props: readonly JsonNode[]): boolean {
  if (keys.length !== props.length) return false;
  for (let i = 0; i < props.length; i++) if (props[i].children?.[0]?.value !== keys[i]) return false;
  return true;
}

/**
 * True when every property has a string key and no key is written twice. Keys of different
 * lengths never match, so a key is compared only with earlier keys when one of them has its
 * length (modulo 32): the dozen keys of an entry cost a few comparisons and allocate nothing.
 * Past `LINEAR_MAX` properties a set keeps the check linear.
 */
function keysWrittenOnce(props: readonly JsonNode[]): boolean {
  if (props.length > LINEAR_MAX) {
    const seen = new Set<string>();
    for (const prop of props) {
      const key = prop.children?.[0]?.value;
      if (typeof key !== 'string' || seen.has(key)) return false;
      seen.add(key);
    }
    return true;
  }
  let lengths = 0;
  for (let i = 0; i < props.length; i++) {
    const key = props[i].children?.[0]?.value;
    if (typeof key !== 'string') return false;
    const bit = 1 << (key.length & 31);
    if (lengths & bit) {
      for (let j = 0; j < i; j++) if (keyOf(props[j]) === key) return false;
    }
    lengths |= bit;
  }
  return true;
}

/** The last property of each string key, in the order the keys were first written. */
function lastWrites(props: readonly JsonNode[]): JsonNode[] {
  const byKey = new Map<string, JsonNode>();
  for (const prop of props) {
    const key = prop.children?.[0]?.value;
    if (typeof key === 'string') byKey.set(key, prop);
  }
  return [...byKey.values()];
}

function makeAdapter(kind: AdapterKind, index: number, node: JsonNode, origin: Adapter['origin'], maker: FieldMaker): Adapter {
  const fields = maker.make(node);
  const nameProp = fields.find('name');
  const nameRaw = nameProp && rawOf(nameProp);
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
  const enableProp = fields.find('enable');
  const enableRaw = enableProp && rawOf(enableProp);
  const enabled = enableRaw === true || (enableRaw !== undefined && enableRaw !== false && isTrue(enableRaw));
  const registers = enabled && origin === 'network' && REGISTRATION_ORDER.includes(kind);
  const ownKeys = fields.everyKeyOnce ? fields.keyList : undefined;
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
