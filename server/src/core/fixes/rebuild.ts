import { coerce } from '../coerce';
import { text as textOf, type Catalogue, type Message, type MessageArgs, type Text } from '../i18n';
import { isObject, itemsOf, propMap, propsOf, valueOf, type Prop } from '../json/nodes';
import { END_OF_FILE, parseText, type JsonNode } from '../json/parse';
import { buildModel, defaultFor, effectiveValue, type Adapter, type ConfigModel } from '../model';
import { ADAPTER_KINDS, F0_KEYS, KINDS, PLUGIN_MANAGER_NAME, type AdapterKind } from '../schema';
import { LineIndex } from '../text/lines';
import { LATEST, atLeast, formatVersion, type Version } from '../version';
import { applyEdits, normalizeEdits, type TextEdit } from './edits';
import { appendMembers, inlineMember, lines, type NewMember } from './insert';
import {
  breakBetween,
  closeOf,
  commaAfter,
  commentsIn,
  detectLayout,
  indentOf,
  isMultiLine,
  jsonString,
  lineStartOf,
  lineTailEnd,
  memberIndent,
  renderObject,
  scanComments,
  type Comment,
  type Layout,
} from './layout';
import { addNameEdit, allocateName, deriveName, renameEdit } from './names';

/**
 * Rebuild: turns any legacy or broken NapCat OneBot 11 config into the named `network` form that
 * every NapCat since v4.1 reads (facts §2, §5), as minimal edits to the original text.
 *
 * What moves where (every connection the old file would start is started by the new one):
 * - `reverseWs.urls[]` (L1), `wsReverseUrls[]` (F0), a bare `reverseWs` list and each
 *   `reverseWs.connections[]` entry → one `websocketClients` entry per URL, duplicates included;
 * - `http` / `enableHttp, httpHost, httpPort` → one `httpServers` entry with the top-level `token`;
 * - each `http.postUrls[]` / `httpPostUrls[]` → one `httpClients` entry whose `token` is
 *   `http.secret` / `httpSecret`, the HMAC signing secret (not the server token);
 * - `ws` / `enableWs, wsHost, wsPort` → one `websocketServers` entry;
 * - the top-level `token`, `heartInterval` (WebSocket kinds only), `reconnectInterval` (reverse WS),
 *   `messagePostFormat`, `reportSelfMessage` and `debug` go into every new entry that has the field.
 *
 * Decisions:
 * - Values are copied as written (`"port": "5700"` stays a string; NapCat converts it). A legacy
 *   server host `''` stays `''`: NapCat passes it to `listen()`, where it means every interface
 *   (IPv4 and IPv6) exactly as the legacy servers did, while `'0.0.0.0'` would narrow an HTTP server
 *   to IPv4. A missing legacy host is `''` too (the legacy default); a missing port is the legacy
 *   default (3000 HTTP, 3001 WebSocket).
 * - `enable` comes from the section's switch (`http.enable`, `http.enablePost`, `ws.enable`,
 *   `reverseWs.enable`, `enableHttp`, …). A disabled section gives disabled entries: the user's
 *   data is kept, nothing starts that did not start. An empty URL list gives no entry. The bare
 *   list and `reverseWs.connections`, which their authors believe are running, give enabled
 *   entries unless the entry (or `reverseWs.enable`) says otherwise.
 * - New entries are written in full (every field of the kind with a default, in NapCat's order),
 *   so no NapCat default change (host, enableWebsocket) can alter them; legacy HTTP servers get
 *   `enableWebsocket: false`, which is what they did.
 * - A legacy connection that `network` already has (same kind and URL, ignoring case of scheme
 *   and host and a trailing slash; or same kind and port for servers) is not added again; the
 *   existing entry is kept as it is. The same holds between two legacy sections (F0 and L1).
 * - Legacy sections and F0 keys are always removed (their content moved, or, for the few settings
 *   N4 has no place for, is listed in `summary.dropped`). A top-level runtime key (token, …) is
 *   removed only when its value went into a new entry or already lives in the `network` entry
 *   that matches a legacy connection; otherwise it stays.
 * - `musicSignUrl`, `enableLocalFile2Url`, `GroupLocalTime`, `name`/`pathName` and every key the
 *   tool does not know stay untouched; existing `network` entries are kept and new ones appended.
 * - Names: see names.ts. Entries with no name or `""` get a derived one; in a group of equal names
 *   the entry NapCat lets win today (the last enabled one in registration order; with none
 *   enabled, the last) keeps it and the others become `<name>-2`, `<name>-3`, …
 *
 * Layout: every untouched byte stays (comments, blank lines, key order, JSON5 syntax, BOM). New
 * text is plain JSON in the file's line ending and indentation. Comments inside a removed section
 * are moved in front of the new entry they describe (a comment next to a URL goes with that URL's
 * entry); those that describe nothing that moved stay where the section was.
 *
 * Invariants (checked by the property tests): the result parses; re-analysed, it has no legacy
 * shape, no missing name and no duplicate name; rebuilding it again gives `unchanged`.
 */

export interface RebuildOptions {
  /**
   * NapCat version the result is for; default: the newest. Below v4.1.0 (which does not read
   * `network`) rebuild refuses; otherwise it picks NapCat's defaults for the fields a legacy file
   * does not set (host, port and enableWebsocket of legacy servers are always written out).
   */
  readonly targetVersion?: Version;
  /** Indentation unit for a file that has none to learn from (default two spaces). */
  readonly indent?: string;
}

export interface AddedEntry {
  readonly kind: AdapterKind;
  /** Index in `network.<kind>` of the result. */
  readonly index: number;
  readonly name: string;
  readonly enabled: boolean;
  /** Where it came from, e.g. `reverseWs.urls[1]`. */
  readonly from: string;
}

export interface RenamedEntry {
  readonly kind: AdapterKind;
  readonly index: number;
  /** The written name; null when it had none. */
  readonly from: string | null;
  readonly to: string;
}

export interface SkippedConnection {
  readonly from: string;
  readonly kind: AdapterKind;
  /** The entry that already does its job, e.g. `network.websocketClients[0]` or `reverseWs.urls[0]`. */
  readonly sameAs: string;
}

export interface DroppedSetting {
  readonly path: string;
  readonly reason: Message;
}

export interface RebuildSummary {
  readonly added: readonly AddedEntry[];
  readonly renamed: readonly RenamedEntry[];
  /** Top-level keys removed, in file order. */
  readonly removed: readonly string[];
  readonly skipped: readonly SkippedConnection[];
  readonly dropped: readonly DroppedSetting[];
}

export type RebuildResult =
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'rebuilt';
      /** Sorted, non-overlapping edits of the original text; applyEdits(text, edits) === this.text. */
      readonly edits: readonly TextEdit[];
      readonly text: string;
      readonly summary: RebuildSummary;
    }
  | { readonly kind: 'refused'; readonly reason: Text };

const M = {
  syntax: 'NapCat cannot read this file (line {line}, column {column}: unexpected {found}). Rebuild does not guess: fix the syntax first.',
  empty: 'The file is empty: there is nothing to rebuild.',
  tooDeep: 'The file is nested too deeply for NapCat to read it. Rebuild does not guess: fix it first.',
  notObject: 'The top level of this file is not an object, so it is not a NapCat config that rebuild can convert.',
  tooOld: 'The target version is {target}, but the `network` form that rebuild writes is read by NapCat v4.1.0 and later only.',
  networkNotObject: '`network` is not an object, so the converted entries have no place to go. Fix `network` first.',
  listNotArray: '`network.{kind}` is not a list, so the converted entries cannot be added to it. Make it a list first.',
  internal: 'Rebuild could not produce a valid file from this one (an internal error); nothing was changed. Please report this file.',
  dropHeart: 'HTTP heartbeat has no counterpart in `network`: NapCat v4 sends no heartbeat to HTTP POST URLs.',
  dropSecret: 'The HTTP POST signing secret is not used: there is no HTTP POST URL.',
  dropUnknown: 'Unknown key of a legacy section; no NapCat version reads it.',
  dropShadowed: 'The key is written more than once; NapCat reads only the last one, which was converted.',
  dropNotUrl: 'This list item is not a URL, so it cannot be turned into a connection.',
} satisfies Catalogue<string>;

/** The legacy runtime keys of the top level, and which kinds take each of them. */
const SHARED_KEYS = ['token', 'heartInterval', 'reconnectInterval', 'messagePostFormat', 'reportSelfMessage', 'debug'] as const;
type SharedKey = (typeof SHARED_KEYS)[number];

function takes(kind: AdapterKind, key: SharedKey): boolean {
  // An HTTP client's `token` is its signing secret, which comes from `http.secret`, never `token`.
  if (key === 'token' && kind === 'httpClients') return false;
  return KINDS[kind].fields[key] !== undefined;
}

const L1_HTTP_KEYS = new Set(['enable', 'host', 'port', 'secret', 'enableHeart', 'enablePost', 'postUrls']);
const L1_WS_KEYS = new Set(['enable', 'host', 'port']);
const L1_RWS_KEYS = new Set(['enable', 'urls', 'connections', 'reconnectInterval']);

/** A new entry, from its legacy source to its final values. */
interface Planned {
  readonly kind: AdapterKind;
  readonly from: string;
  /** Entries of one list may repeat a URL on purpose; entries of different lists are merged. */
  readonly list: string;
  readonly enabled: boolean;
  /** Values written for this connection (they win over the top-level settings). */
  readonly own: Map<string, unknown>;
  /** Keys of a `reverseWs.connections` entry that no kind knows, kept as written. */
  readonly extra: (readonly [string, unknown])[];
  readonly writtenName?: string;
  /** The list item it comes from (its comments go with it). */
  readonly item?: JsonNode;
  comments: Comment[];
  name?: string;
  index?: number;
}

/** A removed top-level property and what its comments belong to. */
interface Removal {
  readonly prop: Prop;
  /** Lists inside it whose items became entries. */
  readonly lists: JsonNode[];
  /** The entry that takes comments that belong to no list item. */
  fallback?: Planned;
  leftover: Comment[];
}

/**
 * Rebuilds `text` (see the module comment). Pure, never throws for any input text.
 * - `unchanged`: nothing legacy, no missing and no duplicate name;
 * - `rebuilt`: the edits, the resulting text and what was done;
 * - `refused`: NapCat cannot read the file (syntax error, not an object), or the result would have
 *   no valid place to go; the reason says what to fix first.
 */
export function rebuild(text: string, options: RebuildOptions = {}): RebuildResult {
  const version = options.targetVersion ?? LATEST;
  if (!atLeast(version, '4.1.0')) return refused(M.tooOld, { target: formatVersion(version) });
  const parsed = parseText(text);
  if (parsed.failure) {
    switch (parsed.failure.kind) {
      case 'empty':
        return refused(M.empty);
      case 'too-deep':
        return refused(M.tooDeep);
      case 'syntax': {
        const p = new LineIndex(text).positionAt(parsed.failure.problem.offset);
        return refused(M.syntax, { line: p.line + 1, column: p.character + 1, found: parsed.failure.problem.found === END_OF_FILE ? textOf(END_OF_FILE) : parsed.failure.problem.found });
      }
    }
  }
  const model = buildModel(parsed.root);
  if (!model.root) return refused(M.notObject);
  try {
    return new Rebuilder(text, model, version, detectLayout(text, options.indent)).run();
  } catch (e) {
    if (e instanceof Refusal) return { kind: 'refused', reason: e.reason };
    return refused(M.internal);
  }
}

class Refusal extends Error {
  readonly reason: Text;
  constructor(message: Message, args?: MessageArgs) {
    super(message);
    this.reason = textOf(message, args);
  }
}

function refused(message: Message, args?: MessageArgs): RebuildResult {
  return { kind: 'refused', reason: textOf(message, args) };
}

class Rebuilder {
  private readonly root: JsonNode;
  private readonly top: Map<string, Prop>;
  private readonly comments: Comment[];
  private readonly planned: Planned[] = [];
  private readonly skipped: SkippedConnection[] = [];
  private readonly dropped: DroppedSetting[] = [];
  private readonly renamed: RenamedEntry[] = [];
  private readonly edits: TextEdit[] = [];
  /** Top-level runtime keys whose value now lives in `network`. */
  private readonly carried = new Set<SharedKey>();
  /** Entry → its item node, for comment placement. */
  private readonly byItem = new Map<JsonNode, Planned>();
  /**
   * `plan`'s look-ups, so that planning n connections is linear: the existing entry of each
   * endpoint (`kind key`), and the first planned entry of each endpoint with the first one after it
   * from another list.
   */
  private existingByKey: Map<string, Adapter> | undefined;
  private readonly plannedByKey = new Map<string, { readonly first: Planned; other?: Planned }>();
  private readonly used = new Set<string>([PLUGIN_MANAGER_NAME]);
  /** The `network` object when the file has one. */
  private readonly network: JsonNode | undefined;
  /** The list NapCat reads for each kind (the last one written). */
  private readonly lists = new Map<AdapterKind, Prop>();
  /** The `network` entries NapCat reads (objects in the lists it reads). */
  private readonly read: Adapter[];
  /** Those of them whose name NapCat can use (missing, or convertible to a string). */
  private readonly entries: Adapter[];

  constructor(
    private readonly text: string,
    private readonly model: ConfigModel,
    private readonly version: Version,
    private readonly layout: Layout,
  ) {
    this.root = model.root!;
    this.top = propMap(this.root);
    this.comments = scanComments(text);
    this.network = isObject(model.network?.value) ? model.network!.value : undefined;
    for (const p of propsOf(this.network)) {
      if ((ADAPTER_KINDS as readonly string[]).includes(p.key)) this.lists.set(p.key as AdapterKind, p);
    }
    this.read = model.adapters.filter(
      (a) => a.origin === 'network' && a.node.type === 'object' && a.node.parent === this.lists.get(a.kind)?.value,
    );
    this.entries = this.read.filter((a) => {
      const raw = a.fields.get('name')?.raw;
      return raw === undefined || coerce(raw, 'string').ok;
    });
    for (const a of model.adapters) if (a.origin === 'network') this.used.add(a.effectiveName);
  }

  run(): RebuildResult {
    this.fixExistingNames();
    const removals = this.planLegacy();
    this.nameNewEntries();
    const created = this.planned.filter((p) => p.name !== undefined);
    if (removals.length === 0 && created.length === 0 && this.edits.length === 0) return { kind: 'unchanged' };

    this.placeComments(removals);
    if (created.length > 0 && this.model.network && !this.network) throw new Refusal(M.networkNotObject);
    const slot = created.length > 0 && !this.network ? this.networkSlot(removals) : undefined;
    this.editRoot(removals, slot, created);
    if (this.network) this.insertIntoNetwork(created);

    const edits = normalizeEdits(this.edits);
    const out = applyEdits(this.text, edits);
    // Safety net: a result NapCat cannot read, or that still has legacy keys, is never handed out.
    const check = parseText(out);
    if (check.failure || buildModel(check.root).legacy.length > 0) throw new Refusal(M.internal);
    return {
      kind: 'rebuilt',
      edits,
      text: out,
      summary: {
        added: created.map((p) => ({ kind: p.kind, index: p.index!, name: p.name!, enabled: p.enabled, from: p.from })),
        renamed: this.renamed,
        removed: uniq(removals.map((r) => r.prop.key)),
        skipped: this.skipped,
        dropped: this.dropped,
      },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Names of existing entries

  /**
   * In each group of equal names, every entry but the one NapCat registers last (the last enabled
   * one; with none enabled, the last) becomes `<name>-2`, `<name>-3`, …; then entries with a
   * missing or empty name get a name derived from their endpoint.
   */
  private fixExistingNames(): void {
    const missing = this.entries.filter((a) => !a.fields.has('name') || a.writtenName === '');
    const named = this.entries.filter((a) => !missing.includes(a)).sort(byRegistration);
    const groups = new Map<string, Adapter[]>();
    for (const a of named) {
      const g = groups.get(a.effectiveName);
      if (g) g.push(a);
      else groups.set(a.effectiveName, [a]);
    }
    for (const [name, group] of groups) {
      if (group.length < 2) continue;
      const live = group.filter((a) => a.registers);
      const keeper = live[live.length - 1] ?? group[group.length - 1];
      for (const a of group) {
        if (a === keeper) continue;
        const to = allocateName(name, this.used);
        this.edits.push(...renameEdit(this.text, a, to));
        this.renamed.push({ kind: a.kind, index: a.index, from: a.writtenName ?? name, to });
      }
    }
    for (const a of missing.sort(byRegistration)) {
      const base = deriveName(a.kind, {
        url: effectiveValue(a, 'url', this.version),
        port: effectiveValue(a, 'port', this.version),
        index: a.index,
      });
      const to = allocateName(base, this.used);
      this.edits.push(...addNameEdit(this.text, a, to, this.layout));
      this.renamed.push({ kind: a.kind, index: a.index, from: a.fields.has('name') ? '' : null, to });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Legacy sections → planned entries

  /** Reads every legacy section (L1 first: it is what NapCat v1.3.5–v4.0 ran) and plans entries. */
  private planLegacy(): Removal[] {
    // Keyed by property node: every occurrence of a key is removed, the last one (read) carries the lists.
    const removals = new Map<JsonNode, Removal>();
    const isRead = (p: Prop) => p.prop === this.top.get(p.key)?.prop;
    const remove = (key: string, lists: JsonNode[] = []): Removal[] => {
      const out: Removal[] = [];
      for (const p of propsOf(this.root)) {
        if (p.key !== key) continue;
        let r = removals.get(p.prop);
        if (!r) {
          removals.set(p.prop, (r = { prop: p, lists: [], leftover: [] }));
          if (!isRead(p)) this.dropped.push({ path: key, reason: M.dropShadowed });
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
    const http = this.top.get('http');
    if (isObject(http?.value)) {
      const h = propMap(http!.value);
      const server = this.plan({
        kind: 'httpServers',
        from: 'http',
        list: 'http',
        enabled: isTrue(h.get('enable')),
        own: serverValues(h.get('host'), h.get('port'), 3000, true),
      });
      const postList = h.get('postUrls');
      const posts = this.planUrls(postList, 'http.postUrls', 'httpClients', isTrue(h.get('enablePost')), (own) =>
        own.set('token', h.has('secret') ? valueOf(h.get('secret')!.value) : ''),
      );
      if (isTrue(h.get('enableHeart'))) this.dropped.push({ path: 'http.enableHeart', reason: M.dropHeart });
      const secret = valueOf(h.get('secret')?.value);
      if (posts.length === 0 && secret !== undefined && secret !== '') this.dropped.push({ path: 'http.secret', reason: M.dropSecret });
      this.dropUnknown(h, L1_HTTP_KEYS, 'http');
      first(remove('http', listNode(postList)), server, ...posts);
    }
    const ws = this.top.get('ws');
    if (isObject(ws?.value)) {
      const w = propMap(ws!.value);
      const server = this.plan({
        kind: 'websocketServers',
        from: 'ws',
        list: 'ws',
        enabled: isTrue(w.get('enable')),
        own: serverValues(w.get('host'), w.get('port'), 3001, false),
      });
      this.dropUnknown(w, L1_WS_KEYS, 'ws');
      first(remove('ws'), server);
    }
    const rws = this.top.get('reverseWs');
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
      const urls = this.planUrls(r.get('urls'), 'reverseWs.urls', 'websocketClients', enabled, withReconnect);
      const conns = this.planConnections(r.get('connections'), 'reverseWs.connections', enabled, withReconnect);
      this.dropUnknown(r, L1_RWS_KEYS, 'reverseWs');
      first(remove('reverseWs', [...listNode(r.get('urls')), ...listNode(r.get('connections'))]), ...urls, ...conns);
    } else if (rws && rwsType === 'array') {
      const conns = this.planConnections(rws, 'reverseWs', true, () => {});
      first(remove('reverseWs', listNode(rws)), ...conns);
    }

    // F0
    const has = (k: string) => this.top.has(k);
    let f0Http: Planned | undefined;
    let f0Ws: Planned | undefined;
    if (has('enableHttp') || has('httpHost') || has('httpPort')) {
      f0Http = this.plan({
        kind: 'httpServers',
        from: 'enableHttp',
        list: 'F0.http',
        enabled: isTrue(this.top.get('enableHttp')),
        own: serverValues(this.top.get('httpHost'), this.top.get('httpPort'), 3000, true),
      });
    }
    if (has('enableWs') || has('wsHost') || has('wsPort')) {
      f0Ws = this.plan({
        kind: 'websocketServers',
        from: 'enableWs',
        list: 'F0.ws',
        enabled: isTrue(this.top.get('enableWs')),
        own: serverValues(this.top.get('wsHost'), this.top.get('wsPort'), 3001, false),
      });
    }
    const f0Reverse = this.planUrls(this.top.get('wsReverseUrls'), 'wsReverseUrls', 'websocketClients', isTrue(this.top.get('enableWsReverse')), () => {});
    const secret = this.top.get('httpSecret');
    const f0Posts = this.planUrls(this.top.get('httpPostUrls'), 'httpPostUrls', 'httpClients', isTrue(this.top.get('enableHttpPost')), (own) =>
      own.set('token', secret ? valueOf(secret.value) : ''),
    );
    if (isTrue(this.top.get('enableHttpHeart'))) this.dropped.push({ path: 'enableHttpHeart', reason: M.dropHeart });
    const secretValue = valueOf(secret?.value);
    if (f0Posts.length === 0 && secretValue !== undefined && secretValue !== '') this.dropped.push({ path: 'httpSecret', reason: M.dropSecret });
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
      const lists = key === 'wsReverseUrls' || key === 'httpPostUrls' ? listNode(this.top.get(key)) : [];
      first(remove(key, lists), ...(f0Owner[key] ?? []));
    }

    // Top-level runtime keys, when their value now lives in `network`.
    for (const p of this.planned) {
      for (const key of SHARED_KEYS) if (this.top.has(key) && takes(p.kind, key) && !p.own.has(key)) this.carried.add(key);
    }
    for (const key of SHARED_KEYS) if (this.carried.has(key)) remove(key);
    return [...removals.values()].sort((a, b) => a.prop.prop.offset - b.prop.prop.offset);
  }

  /** Plans one entry, unless `network` or another legacy list already has this connection. */
  private plan(p: Omit<Planned, 'extra' | 'comments'> & { extra?: Planned['extra'] }): Planned | undefined {
    const planned: Planned = { extra: [], comments: [], ...p };
    const key = endpointKey(planned.kind, planned.own.get(KINDS[planned.kind].role === 'server' ? 'port' : 'url'));
    if (key !== undefined) {
      const existing = this.existingEndpoints().get(`${planned.kind} ${key}`);
      if (existing) {
        this.skipped.push({ from: planned.from, kind: planned.kind, sameAs: `network.${existing.kind}[${existing.index}]` });
        this.carryThrough(planned, existing);
        return undefined;
      }
      // The first planned entry of this endpoint from another list than this one.
      const seen = this.plannedByKey.get(`${planned.kind} ${key}`);
      const twin = seen && (seen.first.list !== planned.list ? seen.first : seen.other);
      if (twin) {
        this.skipped.push({ from: planned.from, kind: planned.kind, sameAs: twin.from });
        return undefined;
      }
      if (!seen) this.plannedByKey.set(`${planned.kind} ${key}`, { first: planned });
      else if (!seen.other && seen.first.list !== planned.list) seen.other = planned;
    }
    this.planned.push(planned);
    if (planned.item) this.byItem.set(planned.item, planned);
    return planned;
  }

  /** The first entry read from `network` for each endpoint (`kind key`). */
  private existingEndpoints(): Map<string, Adapter> {
    if (!this.existingByKey) {
      this.existingByKey = new Map();
      for (const a of this.read) {
        const key = endpointKey(a.kind, effectiveValue(a, KINDS[a.kind].role === 'server' ? 'port' : 'url', this.version));
        if (key !== undefined && !this.existingByKey.has(`${a.kind} ${key}`)) this.existingByKey.set(`${a.kind} ${key}`, a);
      }
    }
    return this.existingByKey;
  }

  /** A legacy connection already in `network`: its top-level settings count as moved when equal there. */
  private carryThrough(p: Planned, existing: Adapter): void {
    for (const key of SHARED_KEYS) {
      const prop = this.top.get(key);
      if (!prop || !takes(p.kind, key) || p.own.has(key)) continue;
      const spec = KINDS[p.kind].fields[key];
      const c = coerce(valueOf(prop.value), spec.type);
      if (c.ok && sameValue(c.value, effectiveValue(existing, key, this.version))) this.carried.add(key);
    }
  }

  /** One client per item of a URL list (a single string counts as a list of one). */
  private planUrls(
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
        if (list.value!.type === 'array' || item.type !== 'null') this.dropped.push({ path: at, reason: M.dropNotUrl });
        return;
      }
      const own = new Map<string, unknown>([['url', item.value]]);
      extra(own);
      const p = this.plan({ kind, from: at, list: path, enabled, own, item });
      if (p) out.push(p);
    });
    return out;
  }

  /** `reverseWs.connections[]` or a bare `reverseWs` list: URL strings and `{ name, url, … }` entries. */
  private planConnections(
    list: Prop | undefined,
    path: string,
    enabled: boolean,
    extra: (own: Map<string, unknown>) => void,
  ): Planned[] {
    const node = list?.value;
    if (!node) return [];
    if (node.type !== 'array') {
      if (node.type !== 'null') this.dropped.push({ path, reason: M.dropNotUrl });
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
        this.dropped.push({ path: at, reason: M.dropNotUrl });
        return;
      }
      const p = this.plan({ kind: 'websocketClients', from: at, list: path, enabled: on, own, item, writtenName, extra: rest });
      if (p) out.push(p);
    });
    return out;
  }

  private dropUnknown(section: Map<string, Prop>, known: ReadonlySet<string>, path: string): void {
    for (const key of section.keys()) if (!known.has(key)) this.dropped.push({ path: `${path}.${key}`, reason: M.dropUnknown });
  }

  /** Final values of a planned entry: its own, else the top-level setting, else NapCat's default. */
  private valuesOf(p: Planned): (readonly [string, unknown])[] {
    const out: (readonly [string, unknown])[] = [];
    for (const [key, spec] of Object.entries(KINDS[p.kind].fields)) {
      if (key === 'name') out.push([key, p.name]);
      else if (key === 'enable') out.push([key, p.enabled]);
      else if (p.own.has(key)) out.push([key, p.own.get(key)]);
      else if ((SHARED_KEYS as readonly string[]).includes(key) && takes(p.kind, key as SharedKey) && this.top.has(key)) {
        out.push([key, valueOf(this.top.get(key)!.value)]);
      } else if (spec.default !== undefined) out.push([key, defaultFor(p.kind, key, this.version)]);
    }
    return [...out, ...p.extra];
  }

  /** Names and list positions of the new entries, after the existing names are settled. */
  private nameNewEntries(): void {
    const counts = new Map<AdapterKind, number>();
    for (const p of this.planned) {
      const n = counts.get(p.kind) ?? itemsOf(this.lists.get(p.kind)?.value).length;
      counts.set(p.kind, n + 1);
      p.index = n;
      const base =
        p.writtenName ??
        deriveName(p.kind, { url: p.own.get('url'), port: p.own.get('port'), index: n });
      p.name = allocateName(base, this.used);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Comments of removed sections

  /**
   * Each comment inside a removed property goes with the new entry it describes: inside a URL list,
   * the item it sits in, trails on its line, or precedes; elsewhere in the section, the section's
   * first entry. A comment that describes nothing that moved stays where the property was.
   */
  private placeComments(removals: Removal[]): void {
    for (const r of removals) {
      const [start, end] = this.chunkOf(r.prop);
      for (const c of commentsIn(this.comments, start, end)) {
        let target: Planned | undefined = r.fallback;
        const list = r.lists.find((l) => c.offset > l.offset && c.offset < l.offset + l.length);
        if (list) target = this.itemOwner(list, c) ?? (itemsOf(list).length === 0 ? r.fallback : undefined);
        if (target?.name !== undefined) target.comments.push(c);
        else r.leftover.push(c);
      }
    }
  }

  private itemOwner(list: JsonNode, c: Comment): Planned | undefined {
    const items = itemsOf(list);
    let prev: JsonNode | undefined;
    for (const item of items) {
      const end = item.offset + item.length;
      if (c.offset >= item.offset && c.offset < end) {
        // Inside an entry object: that entry; it is the nearest item in any case.
        return this.byItem.get(item);
      }
      if (end <= c.offset) prev = item;
      else {
        // `item` is the next one: a comment trailing the previous item on its line goes with it.
        if (prev && !breakBetween(this.text, prev.offset + prev.length, c.offset)) return this.byItem.get(prev);
        return this.byItem.get(item);
      }
    }
    return prev ? this.byItem.get(prev) : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Edits of the root object

  /**
   * The text span a top-level property owns: from the end of the previous member's line (or of
   * the line of `{`) to the end of its own line tail (comma, trailing comment, line break). When a
   * member shares its line with others, the span stops at the token boundaries instead.
   */
  private chunkOf(p: Prop): [number, number] {
    const [start, end] = this.chunks().get(p.prop)!;
    return [start, end];
  }

  private chunkCache: Map<JsonNode, [number, number]> | undefined;

  private chunks(): Map<JsonNode, [number, number]> {
    if (this.chunkCache) return this.chunkCache;
    const map = new Map<JsonNode, [number, number]>();
    const members = this.root.children ?? [];
    let start = lineTailEnd(this.text, this.root.offset + 1);
    members.forEach((m, i) => {
      const comma = commaAfter(this.text, m);
      const after = comma >= 0 ? comma + 1 : m.offset + m.length;
      let end = lineTailEnd(this.text, after);
      if (i === members.length - 1 && end > closeOf(this.root)) end = after;
      map.set(m, [start, end]);
      start = end;
    });
    return (this.chunkCache = map);
  }

  /** Where the new `network` goes when the file has none: in place of the first legacy section. */
  private networkSlot(removals: Removal[]): Removal {
    const shared = SHARED_KEYS as readonly string[];
    return removals.find((r) => !shared.includes(r.prop.key)) ?? removals[0];
  }

  /**
   * Removes the legacy properties (leaving their unplaced comments where they were), puts the new
   * `network` in `slot`, and keeps the commas right: the last surviving member gets a trailing
   * comma only if the file's last member had one.
   */
  private editRoot(removals: Removal[], slot: Removal | undefined, created: Planned[]): void {
    const { text, layout } = this;
    const members = this.root.children ?? [];
    if (removals.length === 0) return;
    const removed = new Map(removals.map((r) => [r.prop.prop, r]));
    const survives = (m: JsonNode) => !removed.has(m) || removed.get(m) === slot;
    const lastMember = members[members.length - 1];
    const trailing = commaAfter(text, lastMember) >= 0;
    let lastSurvivor = -1;
    members.forEach((m, i) => {
      if (survives(m)) lastSurvivor = i;
    });
    if (lastSurvivor >= 0 && lastSurvivor < members.length - 1 && !trailing && !removed.has(members[lastSurvivor])) {
      this.edits.push({ offset: commaAfter(text, members[lastSurvivor]), length: 1, newText: '' });
    }
    const compact = !isMultiLine(text, this.root);
    for (const r of removals) {
      const [start, end] = this.chunkOf(r.prop);
      const atLineStart = start === lineStartOf(text, start);
      const endsLine = end > start && (text[end - 1] === '\n' || text[end - 1] === '\r');
      const indent = atLineStart ? indentOf(text, r.prop.prop.offset) : '';
      let out = '';
      for (const c of r.leftover) {
        const body = text.slice(c.offset, c.offset + c.length);
        out += atLineStart ? indent + body + layout.eol : ' ' + body + (c.line ? layout.eol : '');
      }
      if (r === slot) {
        const i = members.indexOf(r.prop.prop);
        const comma = i < lastSurvivor || (i === lastSurvivor && trailing);
        const memberIndentText = atLineStart ? indent : memberIndent(text, this.root, layout);
        const value = this.renderNetwork(created, memberIndentText, compact || !atLineStart);
        const lead = atLineStart ? indent : start === this.root.offset + 1 ? '' : ' ';
        out += lead + '"network": ' + value + (comma ? ',' : '') + (endsLine ? layout.eol : '');
      } else if (!atLineStart && endsLine && (out !== '' || this.survivorBefore(r, survives)) && !out.endsWith(layout.eol)) {
        // The line break ends a line that keeps something: it stays.
        out += layout.eol;
      }
      let until = end;
      const next = members[members.indexOf(r.prop.prop) + 1];
      if (r !== slot && atLineStart && !endsLine && next && !removed.has(next)) {
        // The next member shared this line: it moves to the start of the line, at this indentation.
        while (text[until] === ' ' || text[until] === '\t') until++;
        out += indent;
      }
      this.edits.push({ offset: start, length: until - start, newText: out });
    }
  }

  /** True when a member before `r` on its line survives (the line, and its line break, stay). */
  private survivorBefore(r: Removal, survives: (m: JsonNode) => boolean): boolean {
    const members = this.root.children ?? [];
    for (let i = members.indexOf(r.prop.prop) - 1; i >= 0; i--) {
      if (survives(members[i])) return true;
      const [start] = this.chunks().get(members[i])!;
      if (start === lineStartOf(this.text, start)) return false;
    }
    return false;
  }

  /** The value of a new `network`: one list per kind that has new entries, in NapCat's order. */
  private renderNetwork(created: Planned[], indent: string, compact: boolean): string {
    const members = ADAPTER_KINDS.filter((k) => created.some((p) => p.kind === k)).map((k) =>
      this.kindMember(k, created.filter((p) => p.kind === k)),
    );
    if (compact) return `{${members.map((m) => inlineMember(m, this.layout.eol)).join(', ')}}`;
    const inner = indent + this.layout.unit;
    return `{${this.layout.eol}${members.map((m) => lines(m, inner, this.layout.eol)).join(',' + this.layout.eol)}${this.layout.eol}${indent}}`;
  }

  /** `"<kind>": [ …entries ]` as a member to insert. */
  private kindMember(kind: AdapterKind, entries: Planned[]): NewMember {
    return {
      comments: [],
      render: (indent, compact) => {
        const items = entries.map((p) => this.entryMember(p));
        if (compact) return `${jsonString(kind)}: [${items.map((m) => inlineMember(m, this.layout.eol)).join(', ')}]`;
        const inner = indent + this.layout.unit;
        const { eol } = this.layout;
        return `${jsonString(kind)}: [${eol}${items.map((m) => lines(m, inner, eol)).join(',' + eol)}${eol}${indent}]`;
      },
    };
  }

  private entryMember(p: Planned): NewMember {
    return {
      comments: p.comments.sort((a, b) => a.offset - b.offset).map((c) => this.text.slice(c.offset, c.offset + c.length)),
      render: (indent, compact) => renderObject(this.valuesOf(p), indent, this.layout, compact),
    };
  }

  /** Appends the new entries to the lists of an existing `network` (adding the lists it lacks). */
  private insertIntoNetwork(created: Planned[]): void {
    const expand = isMultiLine(this.text, this.root);
    const newKinds: NewMember[] = [];
    for (const kind of ADAPTER_KINDS) {
      const mine = created.filter((p) => p.kind === kind);
      if (mine.length === 0) continue;
      const list = this.lists.get(kind);
      if (!list) {
        newKinds.push(this.kindMember(kind, mine));
        continue;
      }
      if (list.value?.type !== 'array') throw new Refusal(M.listNotArray, { kind });
      this.edits.push(...appendMembers(this.text, list.value, mine.map((p) => this.entryMember(p)), this.layout, expand));
    }
    this.edits.push(...appendMembers(this.text, this.network!, newKinds, this.layout, expand));
  }
}

// ---------------------------------------------------------------------------------------------

function byRegistration(a: Adapter, b: Adapter): number {
  return ADAPTER_KINDS.indexOf(a.kind) - ADAPTER_KINDS.indexOf(b.kind) || a.index - b.index;
}

/** `enable`-like switch of a legacy section, read the way NapCat converts it. */
function isTrue(p: Prop | undefined): boolean {
  const v = valueOf(p?.value);
  if (v === undefined) return false;
  const c = coerce(v, 'boolean');
  return c.ok && c.value === true;
}

/** Host and port of a legacy server as written (legacy defaults when missing). */
function serverValues(host: Prop | undefined, port: Prop | undefined, defaultPort: number, http: boolean): Map<string, unknown> {
  const own = new Map<string, unknown>([
    ['host', host?.value ? valueOf(host.value) : ''],
    ['port', port?.value ? valueOf(port.value) : defaultPort],
  ]);
  // The legacy HTTP server never accepted WebSocket upgrades; N4's default for that changed in v4.10.30.
  if (http) own.set('enableWebsocket', false);
  return own;
}

function listNode(p: Prop | undefined): JsonNode[] {
  return p?.value?.type === 'array' ? [p.value] : [];
}

/**
 * What makes two connections the same: kind plus URL for clients (scheme and host case, a trailing
 * slash and surrounding spaces do not count) or plus port for servers.
 */
function endpointKey(kind: AdapterKind, value: unknown): string | undefined {
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

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
