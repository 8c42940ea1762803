import { effectiveValue, KINDS, type AdapterKind, type ConfigModel, type Version } from '../core';
import { maskUrl } from '../core/secrets';
import type { ErrorEndpoint } from './errors';
import { quotable } from './lines';

/**
 * What a NapCat log says about each adapter: the latest network summary (`[network] 配置加载`,
 * printed at start and after every reload, one line per adapter with `已启动` / `未启动`) and,
 * per endpoint, the connection errors since that summary. Collected line by line while the log is
 * analysed (`LogAnalyzer`), in bounded memory; `adapterFacts` then matches them to the entries of
 * a config by kind and endpoint — the URL of a client, the `host:port` of a server — and lists
 * what matches no entry as such, never by a guess.
 */

/** A place in the log: a 0-based line and the record's timestamp as written, when it has one. */
export interface LogMoment {
  readonly line: number;
  readonly time?: string;
}

/** One adapter line of a network summary. */
export interface SummaryEntry {
  readonly kind: AdapterKind;
  /** As NapCat printed it: a client's URL, a server's `host:port`. */
  readonly endpoint: string;
  readonly started: boolean;
  readonly line: number;
}

export interface LogSummary {
  /** Where its first line is. */
  readonly at: LogMoment;
  /** `network` (NapCat v4.1+: `[network] 配置加载`) or `legacy` (`[Notice] [OneBot11]`, before). */
  readonly form: 'network' | 'legacy';
  readonly entries: readonly SummaryEntry[];
  /** Entries beyond the limit, not kept. */
  readonly more: number;
}

/** The errors of one kind for one endpoint. */
export interface ErrorTally {
  /** The log finding's code (`napcat.log-connection-refused`, …). */
  readonly code: string;
  readonly count: number;
  readonly first: LogMoment;
  readonly last: LogMoment;
}

export interface EndpointErrors {
  readonly endpoint: ErrorEndpoint;
  /** In the order first seen. */
  readonly errors: readonly ErrorTally[];
}

export interface LogFacts {
  /** The latest summary, if the log has one. */
  readonly summary?: LogSummary;
  /** How many summaries the log has (start, then one per reload). */
  readonly summaries: number;
  /** Connection errors since the latest summary (since the start of the log when it has none), per endpoint. */
  readonly endpoints: readonly EndpointErrors[];
  /** Connection errors since then that name no endpoint. */
  readonly unplaced: number;
  /** Endpoints beyond the limit, whose errors are not kept. */
  readonly endpointsLeftOut: number;
}

/** Bounds: a generated config may have thousands of entries, a log any number of URLs. */
export const MAX_SUMMARY_ENTRIES = 2000;
export const MAX_ENDPOINTS = 500;

const SERVICES: Readonly<Record<string, AdapterKind>> = {
  HTTP服务: 'httpServers',
  HTTPSSE服务: 'httpSseServers',
  HTTP上报服务: 'httpClients',
  WebSocket服务: 'websocketServers',
  WebSocket反向服务: 'websocketClients',
};
// Built from string literals, not regular expression literals: the bundle stays ASCII (see lines.ts).
const SERVICE = '(HTTP ?SSE服务|HTTP上报服务|HTTP服务|WebSocket反向服务|WebSocket服务)';
/** `HTTP服务: 0.0.0.0:3000, : 已启动` (v4.1+; a URL list may be in brackets, the comma full-width). */
const NETWORK_LINE = new RegExp(`^[ \\t]*${SERVICE}[:：][ \\t]*(.*?)[ \\t]*[,，][ \\t]*[:：][ \\t]*(已启动|未启动)[ \\t]*$`);
/** `    HTTP上报服务 已启动, 上报地址: http://a,http://b` (before v4.1). */
const LEGACY_LINE = new RegExp(`^[ \\t]*${SERVICE}[ \\t]+(已启动|未启动)[,，][ \\t]*(?:上报地址[:：]|反向地址[:：])?[ \\t]*(.*?)[ \\t]*$`);
const NETWORK_HEAD = new RegExp('\\[network\\][ \\t]*配置加载');
const UP_TO_NETWORK_HEAD = new RegExp('^.*?配置加载');
const LEGACY_HEAD = /\[Notice\][ \t]*\[OneBot11\]/;

interface MutableTally {
  readonly code: string;
  count: number;
  readonly first: LogMoment;
  last: LogMoment;
}

/** Collects the facts while a log is read; see `LogAnalyzer`. */
export class FactsCollector {
  private latest: { at: LogMoment; form: LogSummary['form']; entries: SummaryEntry[]; more: number } | undefined;
  private summaries = 0;
  /** The record being read is a summary: its continuation lines are its entries. */
  private inSummary = false;
  private readonly byEndpoint = new Map<string, { endpoint: ErrorEndpoint; errors: Map<string, MutableTally> }>();
  private unplaced = 0;
  private leftOut = 0;

  /** A line that starts a record (`body`: after Docker's timestamps). */
  recordStart(body: string, at: LogMoment): void {
    const form = NETWORK_HEAD.test(body) ? 'network' : LEGACY_HEAD.test(body) ? 'legacy' : undefined;
    this.inSummary = form !== undefined;
    if (!form) return;
    // A new summary: NapCat (re)started its adapters, so the errors before are history.
    this.latest = { at, form, entries: [], more: 0 };
    this.summaries++;
    this.byEndpoint.clear();
    this.unplaced = 0;
    this.leftOut = 0;
    // Whatever follows the head on its own line may already be an adapter line.
    this.continuation(body.replace(form === 'network' ? UP_TO_NETWORK_HEAD : /^.*?\[OneBot11\]/, ''), at.line);
  }

  /** A line that continues the current record (`body`: after Docker's timestamps). */
  continuation(body: string, line: number): void {
    if (!this.inSummary || !this.latest) return;
    const s = this.latest;
    let m = s.form === 'network' ? NETWORK_LINE.exec(body) : null;
    if (m) return this.entry(m[1], [unbracket(m[2])], m[3] === '已启动', line);
    m = LEGACY_LINE.exec(body);
    if (!m) return;
    const kind = SERVICES[m[1].replace(' ', '')];
    // A legacy list of URLs is printed joined with commas; a server's `host:port` is one.
    const endpoints = kind === 'httpClients' || kind === 'websocketClients' ? m[3].split(',').map((u) => u.trim()).filter((u) => u !== '') : [m[3]];
    this.entry(m[1], endpoints, m[2] === '已启动', line);
  }

  private entry(service: string, endpoints: readonly string[], started: boolean, line: number): void {
    const s = this.latest!;
    const kind = SERVICES[service.replace(' ', '')];
    for (const endpoint of endpoints) {
      if (s.entries.length < MAX_SUMMARY_ENTRIES) s.entries.push({ kind, endpoint, started, line });
      else s.more++;
    }
  }

  /** A connection error with its code, at `at`. */
  error(code: string, endpoint: ErrorEndpoint | undefined, at: LogMoment): void {
    if (!endpoint) {
      this.unplaced++;
      return;
    }
    const key = `${endpoint.role}\u0000${endpoint.client ?? ''}\u0000${endpoint.url ?? ''}\u0000${endpoint.address ?? ''}`;
    let e = this.byEndpoint.get(key);
    if (!e) {
      if (this.byEndpoint.size >= MAX_ENDPOINTS) {
        this.leftOut++;
        return;
      }
      this.byEndpoint.set(key, (e = { endpoint, errors: new Map() }));
    }
    const t = e.errors.get(code);
    if (t) {
      t.count++;
      t.last = at;
    } else e.errors.set(code, { code, count: 1, first: at, last: at });
  }

  facts(): LogFacts {
    return {
      ...(this.latest && { summary: { at: this.latest.at, form: this.latest.form, entries: this.latest.entries, more: this.latest.more } }),
      summaries: this.summaries,
      endpoints: [...this.byEndpoint.values()].map((e) => ({ endpoint: e.endpoint, errors: [...e.errors.values()].map((t) => ({ ...t })) })),
      unplaced: this.unplaced,
      endpointsLeftOut: this.leftOut,
    };
  }
}

/** `[ws://a/b]` → `ws://a/b` (NapCat prints some lists in brackets). */
function unbracket(s: string): string {
  return /^\[[^\]]*\]$/.test(s) && !/^\[[0-9a-f:.]*\]:\d+$/i.test(s) ? s.slice(1, -1).trim() : s;
}

// ---------------------------------------------------------------- matching to a config

/** What the latest summary says about an entry. */
export type SummaryStatus =
  /** Listed with `已启动`. */
  | 'started'
  /** Listed with `未启动`. */
  | 'not-started'
  /** The log has a summary, but it does not list this entry (the log is older or of another config). */
  | 'not-listed'
  /** The log has no summary. */
  | 'no-summary';

export interface AdapterLogFacts {
  readonly kind: AdapterKind;
  readonly index: number;
  readonly name: string;
  /** The entry's endpoint for display (tokens in a URL masked). */
  readonly endpoint: string;
  readonly status: SummaryStatus;
  /** The summary line that lists it. */
  readonly line?: number;
  /** Its connection errors since the latest summary, in the order first seen. */
  readonly errors: readonly ErrorTally[];
}

export interface AdapterTable {
  readonly summary?: LogMoment;
  readonly rows: readonly AdapterLogFacts[];
  /** Summary lines that list no entry of the config (endpoints masked). */
  readonly unmatchedSummary: readonly SummaryEntry[];
  /** Errors of endpoints no entry has (endpoints masked). */
  readonly unmatchedErrors: readonly EndpointErrors[];
  /** Connection errors that name no endpoint at all. */
  readonly unplaced: number;
}

/** `host:port` as NapCat prints it and Node writes it: brackets of an IPv6 host dropped, host lower-cased. */
function hostPort(host: string, port: string): string {
  return `${host.replace(/^\[(.*)\]$/, '$1').toLowerCase()}:${port}`;
}

/** A written `host:port` (`[::1]:3001`, `::1:3001`, `0.0.0.0:3000`) in the same form. */
function normalAddress(address: string): string {
  const m = /^(.*):(\d+)$/.exec(address);
  return m ? hostPort(m[1], m[2]) : address;
}

/**
 * The facts of `facts` for each adapter entry of `model` (those NapCat reads, `network.*`),
 * matched by kind and endpoint: a summary line by its kind and the endpoint it prints (the k-th
 * line of a kind and endpoint is the k-th entry with both, as NapCat prints them in list order);
 * a client's errors by the URL of their record, a server's by the `host:port` Node wrote (an
 * empty host listens on `::`, or `0.0.0.0` without IPv6). Everything else is listed unmatched.
 */
export function adapterFacts(facts: LogFacts, model: ConfigModel, version: Version): AdapterTable {
  const summaryQueue = new Map<string, SummaryEntry[]>();
  for (const e of facts.summary?.entries ?? []) {
    const key = `${e.kind}\u0000${KINDS[e.kind].role === 'server' ? normalAddress(e.endpoint) : e.endpoint}`;
    const q = summaryQueue.get(key);
    if (q) q.push(e);
    else summaryQueue.set(key, [e]);
  }
  const clientErrors = new Map<string, EndpointErrors[]>();
  const serverErrors = new Map<string, EndpointErrors[]>();
  for (const e of facts.endpoints) {
    const { role, url, address } = e.endpoint;
    const [map, key] = role === 'server' ? [serverErrors, address !== undefined ? normalAddress(address) : undefined] : [clientErrors, url];
    if (key === undefined) continue;
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  }
  const used = new Set<EndpointErrors>();
  const rows: AdapterLogFacts[] = [];
  for (const a of model.adapters) {
    if (a.origin !== 'network') continue;
    const role = KINDS[a.kind].role;
    if (role !== 'client' && role !== 'server') continue;
    let printed: string;
    let errorKeys: string[];
    let display: string;
    if (role === 'client') {
      const url = effectiveValue(a, 'url', version);
      printed = typeof url === 'string' ? url : String(url ?? '');
      errorKeys = [printed];
      display = maskUrl(printed);
    } else {
      const host = String(effectiveValue(a, 'host', version) ?? '');
      const port = String(effectiveValue(a, 'port', version) ?? '');
      printed = hostPort(host, port);
      errorKeys = host === '' ? [hostPort('::', port), hostPort('0.0.0.0', port)] : [printed];
      display = `${host}:${port}`;
    }
    const listed = summaryQueue.get(`${a.kind}\u0000${printed}`)?.shift();
    const status: SummaryStatus = !facts.summary ? 'no-summary' : !listed ? 'not-listed' : listed.started ? 'started' : 'not-started';
    const errors: ErrorTally[] = [];
    for (const key of errorKeys) {
      for (const e of (role === 'client' ? clientErrors : serverErrors).get(key) ?? []) {
        if (role === 'client' && e.endpoint.client !== undefined && (e.endpoint.client === 'ws') !== (a.kind === 'websocketClients')) continue;
        used.add(e);
        errors.push(...e.errors);
      }
    }
    rows.push({ kind: a.kind, index: a.index, name: a.effectiveName, endpoint: display, status, ...(listed && { line: listed.line }), errors });
  }
  // Text from the log is shown as written, without control characters (a colour code, a stray ESC).
  const unmatchedSummary = [...summaryQueue.values()].flat().map((e) => ({ ...e, endpoint: quotable(KINDS[e.kind].role === 'client' ? maskUrl(e.endpoint) : e.endpoint, 2048) }));
  unmatchedSummary.sort((x, y) => x.line - y.line);
  const unmatchedErrors = facts.endpoints
    .filter((e) => !used.has(e))
    .map((e) => ({
      ...e,
      endpoint: {
        ...e.endpoint,
        ...(e.endpoint.url !== undefined && { url: quotable(maskUrl(e.endpoint.url), 2048) }),
        ...(e.endpoint.address !== undefined && { address: quotable(e.endpoint.address, 2048) }),
      },
    }));
  return { ...(facts.summary && { summary: facts.summary.at }), rows, unmatchedSummary, unmatchedErrors, unplaced: facts.unplaced };
}
