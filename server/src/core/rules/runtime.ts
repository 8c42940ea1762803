import type { Range } from '../findings';
import type { JsonNode } from '../json/parse';
import { coerce } from '../coerce';
import { defaultFor, type Adapter, type ConfigModel, type Field } from '../model';
import { REGISTRATION_ORDER, type AdapterKind } from '../schema';
import { isLoopbackHost, isUnspecifiedHost } from '../text/hosts';
import { atLeast, formatVersion, type Version } from '../version';

/**
 * What NapCat starts from a config (facts §5), shared by the endpoint and security rules. Every
 * function is linear in the number of adapters and never throws. Whether an entry is enabled and
 * what it is named come from the model (NapCat's conversion rules); values that depend on the
 * target version (default host, conversion of ports) come from `Runtime`.
 */

/**
 * A server or client entry of `network`. Its fields are looked up on first use only: on a file
 * with tens of thousands of adapters, lookups by key are what costs (each one reads key strings
 * scattered over the heap), and most entries never need more than one or two.
 */
export class Endpoint {
  readonly kind: AdapterKind;
  private url_: Field | undefined | null = null;
  private host_: Field | undefined | null = null;
  private port_: Field | undefined | null = null;
  private token_: Field | undefined | null = null;

  constructor(
    readonly adapter: Adapter,
    readonly role: 'server' | 'client',
  ) {
    this.kind = adapter.kind;
  }

  get url(): Field | undefined {
    return this.url_ === null ? (this.url_ = this.adapter.fields.get('url')) : this.url_;
  }
  get host(): Field | undefined {
    return this.host_ === null ? (this.host_ = this.adapter.fields.get('host')) : this.host_;
  }
  get port(): Field | undefined {
    return this.port_ === null ? (this.port_ = this.adapter.fields.get('port')) : this.port_;
  }
  get token(): Field | undefined {
    return this.token_ === null ? (this.token_ = this.adapter.fields.get('token')) : this.token_;
  }
}

export interface Startup {
  /** Server and client entries NapCat reads, in file order. */
  readonly endpoints: readonly Endpoint[];
  /** Enabled endpoints, in NapCat's registration order. */
  readonly registered: readonly Endpoint[];
  /** The endpoints NapCat opens: for every name, the last registered entry that carries it. */
  readonly opened: ReadonlySet<Endpoint>;
  /** A registered endpoint that a later adapter with the same name replaces. */
  readonly replaced: ReadonlySet<Endpoint>;
}

const cache = new WeakMap<ConfigModel, Startup>();

/**
 * The servers and clients NapCat registers and opens at start. It registers enabled entries kind
 * by kind (`REGISTRATION_ORDER`) into one `Map<name, adapter>`, so among equal names the last one
 * wins across all kinds, clients and servers alike. Cached per model (the same for every version:
 * `enabled` and names come from the model).
 */
export function startup(model: ConfigModel): Startup {
  const hit = cache.get(model);
  if (hit) return hit;
  const endpoints: Endpoint[] = [];
  const byKind = new Map<AdapterKind, Endpoint[]>();
  // The model holds the entries NapCat reads (the last list of a kind written twice).
  for (const a of model.adapters) {
    if (a.origin !== 'network' || a.kind === 'plugins') continue;
    const e = new Endpoint(a, a.kind === 'httpClients' || a.kind === 'websocketClients' ? 'client' : 'server');
    endpoints.push(e);
    if (!a.registers) continue;
    let list = byKind.get(a.kind);
    if (!list) byKind.set(a.kind, (list = []));
    list.push(e);
  }
  const registered: Endpoint[] = [];
  for (const kind of REGISTRATION_ORDER) {
    const list = byKind.get(kind);
    if (list) for (const e of list) registered.push(e);
  }
  const byName = new Map<string, Endpoint>();
  const replaced = new Set<Endpoint>();
  for (const e of registered) {
    const previous = byName.get(e.adapter.effectiveName);
    if (previous) replaced.add(previous);
    byName.set(e.adapter.effectiveName, e);
  }
  const value: Startup = { endpoints, registered, opened: new Set(byName.values()), replaced };
  cache.set(model, value);
  return value;
}

/** Version-dependent values, computed once per rule run (atLeast parses its literal each call). */
export class Runtime {
  readonly converts: boolean;
  private readonly defaultHost: string;
  private readonly defaultPorts = new Map<AdapterKind, number>();

  constructor(readonly version: Version) {
    this.converts = atLeast(version, '4.17.44');
    this.defaultHost = String(defaultFor('websocketServers', 'host', version));
    for (const kind of ['httpServers', 'httpSseServers', 'websocketServers'] as const) {
      this.defaultPorts.set(kind, Number(defaultFor(kind, 'port', version)));
    }
  }

  get label(): string {
    return formatVersion(this.version);
  }

  /**
   * The host a server listens on, as NapCat hands it to Node.js: written (converted since
   * v4.17.44) or the version's default; '' (and a missing value) means every interface.
   * Undefined when the value is not a host at all.
   */
  listenHost(e: Endpoint): string | undefined {
    const raw = e.host?.raw;
    if (raw === undefined) return this.defaultHost;
    if (typeof raw === 'string') return raw;
    if (raw === null) return '';
    const c = coerce(raw, 'string');
    return c.ok ? (c.value as string) : undefined;
  }

  /**
   * The port a server listens on: written or default. Since v4.17.44 the written value is
   * converted (3001.5 → 3001, "3001" → 3001); before, a number reaches Node.js as written.
   * Undefined when it is not a number at all.
   */
  listenPort(e: Endpoint): number | undefined {
    const raw = e.port?.raw;
    if (raw === undefined) return this.defaultPorts.get(e.kind);
    if (typeof raw === 'number' && (!this.converts || Number.isInteger(raw))) return raw;
    const c = coerce(raw, 'integer');
    return c.ok ? (c.value as number) : undefined;
  }

  /** True when the server checks no token (empty or missing; null before v4.17.44). */
  tokenEmpty(e: Endpoint): boolean {
    const raw = e.token?.raw;
    return raw === undefined || raw === '' || raw === null;
  }
}

export type HostScope = 'all' | 'loopback' | 'address';


/**
 * Who can reach a server listening on `host`: every interface (`0.0.0.0`, `::`, and an empty host,
 * which Node.js treats as unspecified), loopback only, or one address (LAN, container network, …).
 */
export function hostScope(host: string): HostScope {
  if (isUnspecifiedHost(host)) return 'all';
  return isLoopbackHost(host) ? 'loopback' : 'address';
}

/** True when `port` can be bound by Node.js (an integer in 1–65535). */
export function isBindablePort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

export function rangeOf(node: JsonNode): Range {
  return { offset: node.offset, length: node.length };
}

/**
 * Where to put a finding about an endpoint as a whole: the value of the first written field of
 * `fields`, else the name's value, else the first character of the entry.
 */
export function anchorOf(e: Endpoint, fields: readonly (Field | undefined)[]): Range {
  for (const f of fields) if (f?.value) return rangeOf(f.value);
  const name = e.adapter.fields.get('name')?.value;
  if (name) return rangeOf(name);
  return { offset: e.adapter.node.offset, length: Math.min(1, e.adapter.node.length) };
}
