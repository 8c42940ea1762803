import { list, text, type Catalogue, type Message, type MessageArgs, type Text, type TextArg, type TextList } from '../i18n';
import type { Finding, Range, RelatedInfo } from '../findings';
import { coerce } from '../coerce';
import { propMap } from '../json/nodes';
import { effectiveValue, type Adapter, type ConfigModel } from '../model';
import { ADAPTER_KINDS, KINDS, PLUGIN_MANAGER_NAME } from '../schema';
import { atLeast, type Version } from '../version';
import type { Rule } from './rule';

/**
 * Names are identities in NapCat (facts §5): every enabled adapter of every kind goes into one
 * `Map<name, adapter>` in a fixed order, and a later entry with the same name silently replaces the
 * earlier one. This rule reports
 * - `napcat.duplicate-name`: two entries with the same effective name,
 * - `napcat.missing-name`: an entry without a name (NapCat substitutes the kind's default) or with '',
 * - `napcat.reserved-name`: an entry named `plugin_manager`.
 */

const M = {
  replaced: "Duplicate name '{name}': NapCat registers {winner} later under the same name, so that entry replaces this one, which is never started.",
  replacedWsServer: 'Yet this WebSocket server already binds {address} (NapCat opens the socket when it creates the server) and, never served, closes every client that connects there.',
  replacedSamePort: 'Both WebSocket servers use port {port}: this one, created first, binds it (NapCat opens the socket when it creates the server), so {winner} fails with EADDRINUSE, while this one is discarded and closes every client that connects. Neither serves.',
  disabled: "Duplicate name '{name}', also used by {others}. This entry is disabled, so nothing collides at start; but NapCat keeps one adapter per name across all kinds: as soon as both are enabled, one replaces the other, and a WebUI save (hot reload) may act on the wrong one. NapCat's WebUI itself refuses duplicate names.",
  plugin: "Duplicate name '{name}', also used by {others}. NapCat does not start `plugins` entries from this file, but hot reload looks names up in the one map shared by all kinds, so a WebUI save may act on the wrong adapter. NapCat's WebUI itself refuses duplicate names.",
  connections: "Duplicate name '{name}' in reverseWs.connections, also used by {others}. NapCat never reads this list, so this is only a warning; but once these connections are moved to network.websocketClients, the later one replaces the earlier one.",
  connectionsMissing: "This entry of reverseWs.connections has no `name`. NapCat never reads this list, so this is only a warning; but once it is moved to network.websocketClients, NapCat names it '{default}', and every other entry without a name replaces it or is replaced by it.",
  missing: "This entry has no `name`, so NapCat names it '{default}' (its default for {kind}).",
  empty: "The `name` is empty: NapCat keeps '' as it is (defaults only fill missing keys) and registers this entry under the empty name, which the WebUI cannot show.",
  collidesStart: '{others} uses the same name, so only one of them starts (see napcat.duplicate-name). Give each entry its own name.',
  collidesStartMany: '{others} use the same name, so only one of them starts (see napcat.duplicate-name). Give each entry its own name.',
  collidesLater: '{others} uses the same name; nothing collides at start, but once both are enabled one replaces the other (see napcat.duplicate-name). Give each entry its own name.',
  collidesLaterMany: '{others} use the same name; nothing collides at start, but once both are enabled one replaces the other (see napcat.duplicate-name). Give each entry its own name.',
  fragile: 'It works while no other entry gets that name, but a second entry without a name (or a copy of this one) silently replaces one of them. Give it an explicit, unique name.',
  reservedActive: "The name 'plugin_manager' is reserved: when <workdir>/plugins exists, NapCat registers its plugin manager under this name first, and this entry, registered later, replaces it, so NapCat's plugins receive nothing. Choose another name.",
  reservedIdle: "The name 'plugin_manager' is reserved for NapCat's plugin manager (registered when <workdir>/plugins exists). This entry does not start now, but once it is enabled it replaces the plugin manager. Choose another name.",
  relatedWinner: "{entry}: registered last under '{name}', this is the entry NapCat keeps",
  relatedOther: "{entry}: also named '{name}'",
} satisfies Catalogue<string>;

const MORE: Message = '{count} more entries';

/**
 * How many other entries a finding lists (message, related information, data). A group of k
 * entries sharing a name would otherwise make k findings of k items each: quadratic in time and
 * output for a generated file with thousands of nameless entries.
 */
const MAX_LISTED = 8;

/** The other entries of a group to list for `a`, `keep` (the winner) always among them. O(MAX_LISTED). */
function othersOf(group: readonly Adapter[], a: Adapter, keep?: Adapter): Adapter[] {
  const out: Adapter[] = [];
  for (const o of group) {
    if (o === a) continue;
    if (out.length === MAX_LISTED) break;
    out.push(o);
  }
  if (keep && keep !== a && !out.includes(keep)) out[out.length - 1] = keep;
  return out;
}

/** Labels of the listed entries, with "N more entries" when the group has more. */
function listLabels(listed: readonly Adapter[], total: number, label: (a: Adapter) => string): TextList {
  const labels: TextArg[] = listed.map(label);
  if (total > listed.length) labels.push(text(MORE, { count: total - listed.length }));
  return list(labels);
}

/** A message of several sentences, as a finding carries it (see `FindingBase.sentences`). */
function sentences(parts: readonly Text[]): { message: Message; args?: MessageArgs; sentences?: readonly Text[] } {
  const [first, ...more] = parts;
  return { message: first.message, ...(first.args && { args: first.args }), ...(more.length > 0 && { sentences: more }) };
}

/** Entry reference for `data`: enough for a quick fix to find the entry in the model or the text. */
interface EntryRef {
  readonly kind: string;
  readonly index: number;
  readonly origin: Adapter['origin'];
  /** JSON path of the entry, e.g. `['network', 'websocketClients', 1]`. */
  readonly path: readonly (string | number)[];
}

export const namesRule: Rule = {
  id: 'names',
  check(ctx) {
    const { model, version } = ctx;
    checkReverseWsConnections(model, ctx.report);
    // Before v4.1.0 NapCat does not read `network` at all: no name can collide there.
    if (!atLeast(version, '4.1.0')) return;

    // A kind newer than the target version (httpSseServers before v4.3.5) is not read at all.
    const entries = networkEntries(model).filter((a) => !KINDS[a.kind].since || atLeast(version, KINDS[a.kind].since!));

    // Groups by the Map key NapCat uses, each in registration order (plugins last, they never
    // register). Since v4.17.44 names are coerced to strings (123 and "123" collide); before, the
    // written value was the key, so a number and a string never met: one map for each kind of
    // key, so no key string is built per entry. `groups` holds them all in the order found.
    const coerced = atLeast(version, '4.17.44');
    const byString = new Map<string, Adapter[]>();
    const byValue = new Map<string, Adapter[]>();
    const mapOf = (a: Adapter) => (coerced || a.writtenName !== undefined || !a.fields.has('name') ? byString : byValue);
    const groups: Adapter[][] = [];
    for (const a of inRegistrationOrder(entries)) {
      const map = mapOf(a);
      const g = map.get(a.effectiveName);
      if (g) g.push(a);
      else {
        const group = [a];
        map.set(a.effectiveName, group);
        groups.push(group);
      }
    }
    const groupOf = (a: Adapter) => mapOf(a).get(a.effectiveName) ?? [a];
    const { keep, fresh } = suggester(entries, groupOf);
    const label = (a: Adapter) => entryLabel(a, version);

    for (const group of groups) {
      if (group.length < 2) continue;
      const name = group[0].effectiveName;
      const live = group.filter((o) => o.registers);
      const winner = live[live.length - 1];
      for (const a of group) {
        if (a === winner) continue;
        const others = othersOf(group, a, winner);
        const total = group.length - 1;
        const args = { name, winner: winner ? label(winner) : '' };
        const parts: Text[] = [];
        if (a.registers) {
          parts.push(text(M.replaced, args));
          if (a.kind === 'websocketServers') {
            const port = String(effectiveValue(a, 'port', version));
            const samePort = winner.kind === 'websocketServers' && String(effectiveValue(winner, 'port', version)) === port;
            if (samePort) parts.push(text(M.replacedSamePort, { port, winner: label(winner) }));
            else parts.push(text(M.replacedWsServer, { address: `${String(effectiveValue(a, 'host', version))}:${port}` }));
          }
        } else {
          parts.push(text(a.kind === 'plugins' ? M.plugin : M.disabled, { name, others: listLabels(others, total, label) }));
        }
        ctx.report({
          code: 'napcat.duplicate-name',
          severity: a.registers ? 'error' : 'warning',
          range: nameRange(a),
          ...sentences(parts),
          related: others.map((o) => relatedFor(o, o === winner && a.registers, name, label(o))),
          data: {
            ...ref(a),
            name,
            suggestedName: fresh(a),
            enabled: a.enabled,
            winner: winner && a.registers ? ref(winner) : null,
            others: others.map(ref),
            othersCount: total,
          },
        });
      }
    }

    // Missing or empty names. Severity: error when the entry starts and another entry that starts
    // has the same (default) name, because then one of them silently does not start; otherwise a
    // warning: a lone nameless entry works today but is one copy-paste away from a collision.
    for (const a of entries) {
      if (a.writtenName !== undefined && a.writtenName !== '') continue;
      const missing = !a.fields.has('name');
      if (!missing && a.writtenName !== '') continue;
      const group = groupOf(a);
      let lastLive: Adapter | undefined;
      for (const o of group) if (o.registers && o !== a) lastLive = o;
      const others = othersOf(group, a, lastLive);
      const total = group.length - 1;
      const collidesAtStart = a.registers && others.some((o) => o.registers);
      const parts: Text[] = [missing ? text(M.missing, { default: KINDS[a.kind].defaultName, kind: a.kind }) : text(M.empty)];
      const many = total > 1;
      if (others.length === 0) parts.push(text(M.fragile));
      else {
        const collides = collidesAtStart ? (many ? M.collidesStartMany : M.collidesStart) : many ? M.collidesLaterMany : M.collidesLater;
        parts.push(text(collides, { others: listLabels(others, total, label) }));
      }
      ctx.report({
        code: 'napcat.missing-name',
        severity: collidesAtStart ? 'error' : 'warning',
        range: nameRange(a),
        ...sentences(parts),
        related: others.map((o) => relatedFor(o, false, a.effectiveName, label(o))),
        data: {
          ...ref(a),
          empty: !missing,
          defaultName: KINDS[a.kind].defaultName,
          suggestedName: keep(a),
          collidesWith: others.map(ref),
          collidesWithCount: total,
        },
      });
    }

    for (const a of entries) {
      if (a.effectiveName !== PLUGIN_MANAGER_NAME) continue;
      ctx.report({
        code: 'napcat.reserved-name',
        severity: 'warning',
        range: nameRange(a),
        message: a.registers ? M.reservedActive : M.reservedIdle,
        data: { ...ref(a), name: PLUGIN_MANAGER_NAME, suggestedName: fresh(a) },
      });
    }
  },
};

/**
 * `reverseWs.connections` (a shape NapCat never reads): entries without a name (missing or empty),
 * and names that repeat within the list. Only written, non-empty names count as duplicates: NapCat
 * substitutes no default there, and the legacy rule already says the whole list is dead. A
 * duplicate is reported on every occurrence after the first.
 */
function checkReverseWsConnections(model: ConfigModel, report: (f: Finding) => void): void {
  const seen = new Map<string, Adapter[]>();
  for (const a of model.adapters) {
    if (a.origin !== 'reverseWs.connections' || !a.writtenName) continue;
    const g = seen.get(a.writtenName) ?? [];
    g.push(a);
    seen.set(a.writtenName, g);
  }
  const used = new Set(seen.keys());
  for (const a of model.adapters) {
    if (a.origin !== 'reverseWs.connections' || (a.fields.has('name') && a.writtenName !== '')) continue;
    const defaultName = KINDS[a.kind].defaultName;
    report({
      code: 'napcat.missing-name',
      severity: 'warning',
      range: nameRange(a),
      message: M.connectionsMissing,
      args: { default: defaultName },
      data: { ...ref(a), empty: a.fields.has('name'), defaultName, suggestedName: allocate(defaultName, used), collidesWith: [], collidesWithCount: 0 },
    });
  }
  for (const [name, group] of seen) {
    for (const a of group.slice(1)) {
      const others = othersOf(group, a);
      const total = group.length - 1;
      report({
        code: 'napcat.duplicate-name',
        severity: 'warning',
        range: nameRange(a),
        message: M.connections,
        args: { name, others: listLabels(others, total, connectionLabel) },
        related: others.map((o) => relatedFor(o, false, name, connectionLabel(o))),
        data: { ...ref(a), name, suggestedName: allocate(name, used), winner: null, others: others.map(ref) },
      });
    }
  }
}

/**
 * The `network` entries NapCat reads: objects in the list that JSON5 keeps for each kind (when a
 * kind key is written twice, the last one wins), whose name is missing or coercible to a string.
 * A name of another type is the values rule's business.
 */
function networkEntries(model: ConfigModel): Adapter[] {
  const lists = new Set([...propMap(model.network?.value).values()].map((p) => p.value));
  return model.adapters.filter((a) => {
    if (a.origin !== 'network' || a.node.type !== 'object') return false;
    if (a.node.parent && !lists.has(a.node.parent)) return false;
    if (a.writtenName !== undefined) return true;
    const raw = a.fields.get('name')?.raw;
    return raw === undefined || coerce(raw, 'string').ok;
  });
}

/**
 * The entries kind by kind in `ADAPTER_KINDS` order, each kind in list order (the model has one
 * list per kind, in order): the order NapCat registers them in.
 */
function inRegistrationOrder(entries: readonly Adapter[]): Adapter[] {
  const out: Adapter[] = [];
  for (const kind of ADAPTER_KINDS) for (const a of entries) if (a.kind === kind) out.push(a);
  return out;
}

/**
 * Suggested names, memoised per entry so that every finding on an entry proposes the same one.
 * `fresh(a)`: a new name unused in the file, `<name>-2`, `<name>-3`, … (`<default>-N` for empty and
 * reserved names): what a rename fix writes. `keep(a)`: the name an entry should have when it is
 * the one that keeps its name (the winner, or the last of its group): its current name written
 * out; for the others, `fresh(a)`. The add-name fix writes `keep(a)`.
 */
function suggester(
  entries: readonly Adapter[],
  groupOf: (a: Adapter) => readonly Adapter[],
): { keep: (a: Adapter) => string; fresh: (a: Adapter) => string } {
  // Built on first use: a file without name problems never needs it.
  let used: Set<string> | undefined;
  const memo = new Map<Adapter, string>();
  const usable = (a: Adapter) => a.effectiveName !== '' && a.effectiveName !== PLUGIN_MANAGER_NAME;
  const fresh = (a: Adapter) => {
    let s = memo.get(a);
    used ??= new Set<string>([PLUGIN_MANAGER_NAME, ...entries.map((e) => e.effectiveName)]);
    if (s === undefined) memo.set(a, (s = allocate(usable(a) ? a.effectiveName : KINDS[a.kind].defaultName, used)));
    return s;
  };
  const keepers = new Map<readonly Adapter[], Adapter>();
  const keeperOf = (group: readonly Adapter[]): Adapter => {
    let keeper = keepers.get(group);
    if (!keeper) {
      keeper = group[group.length - 1];
      for (let i = group.length - 1; i >= 0; i--) if (group[i].registers) { keeper = group[i]; break; }
      keepers.set(group, keeper);
    }
    return keeper;
  };
  const keep = (a: Adapter) => (a === keeperOf(groupOf(a)) && usable(a) ? a.effectiveName : fresh(a));
  return { keep, fresh };
}

/**
 * `base` when unused, else the first unused `base-N` (N ≥ 2); marks the result as used. The search
 * for each base resumes where the last one stopped (names are only ever added), so allocating k
 * names for one base costs O(k), not O(k²).
 */
const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();
function allocate(base: string, used: Set<string>): string {
  let next = nextSuffix.get(used);
  if (!next) nextSuffix.set(used, (next = new Map()));
  let name = base;
  let n = next.get(base) ?? 2;
  if (used.has(name)) {
    for (; used.has((name = `${base}-${n}`)); n++);
    next.set(base, n + 1);
  }
  used.add(name);
  return name;
}

function ref(a: Adapter): EntryRef {
  const path = a.origin === 'network' ? ['network', a.kind, a.index] : ['reverseWs', 'connections', a.index];
  return { kind: a.kind, index: a.index, origin: a.origin, path };
}

/**
 * Where a name finding goes: the `name` value (quotes included); when the key is missing, the
 * entry's opening brace, so the squiggle stays small and on the entry's first line.
 */
function nameRange(a: Adapter): Range {
  const field = a.fields.get('name');
  const node = field ? (field.value ?? field.keyNode) : undefined;
  if (node) return { offset: node.offset, length: node.length };
  return { offset: a.node.offset, length: 1 };
}

/** `websocketClients[1] (ws://host/path)`, `websocketServers[0] (0.0.0.0:3001)`, `plugins[2]`. */
function entryLabel(a: Adapter, version: Version): string {
  const at = `${a.kind}[${a.index}]`;
  const role = KINDS[a.kind].role;
  if (role === 'client') return `${at} (${String(effectiveValue(a, 'url', version))})`;
  if (role === 'server') return `${at} (${String(effectiveValue(a, 'host', version))}:${String(effectiveValue(a, 'port', version))})`;
  return at;
}

function connectionLabel(a: Adapter): string {
  const url = a.fields.get('url')?.raw;
  return `reverseWs.connections[${a.index}]${typeof url === 'string' ? ` (${url})` : ''}`;
}

function relatedFor(o: Adapter, isWinner: boolean, name: string, entry: string): RelatedInfo {
  return { range: nameRange(o), message: isWinner ? M.relatedWinner : M.relatedOther, args: { entry, name } };
}

