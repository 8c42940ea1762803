import {
  KINDS,
  REGISTRATION_ORDER,
  TIMEOUT_FIELDS,
  topLevelField,
  PLUGIN_MANAGER_NAME,
  atLeast,
  effectiveValue,
  type Adapter,
  type Analysis,
  type FieldSpec,
  type JsonNode,
  type LegacyForm,
  type Message,
  type MessageArgs,
  type Version,
} from '../core';
import { coerce } from '../core/coerce';
import { isObject, propMap, propsOf } from '../core/json/nodes';
import { M } from './messages';

/**
 * Whether NapCat starts an adapter, and if not, why: the file is unreadable or discarded, the
 * target version does not read `network` or the kind, the entry is disabled, or a later entry
 * with the same name replaces it (facts §4, §5). Pure; used by hover and symbols.
 */

export interface Reason {
  readonly message: Message;
  readonly args?: MessageArgs;
}

export interface AdapterStatus {
  readonly starts: boolean;
  /** Why it does not start (empty when it starts). */
  readonly reasons: readonly Reason[];
  /** Worth knowing even when it starts. */
  readonly notes: readonly Reason[];
  /** The later entry that replaces this one, if any. */
  readonly replacedBy?: Adapter;
}

const fileReasonsCache = new WeakMap<Analysis, readonly Reason[]>();

/** Reasons why NapCat starts nothing from `network` in this file (memoised per analysis). */
export function fileReasons(analysis: Analysis): readonly Reason[] {
  let reasons = fileReasonsCache.get(analysis);
  if (!reasons) {
    reasons = computeFileReasons(analysis);
    fileReasonsCache.set(analysis, reasons);
  }
  return reasons;
}

function computeFileReasons(analysis: Analysis): Reason[] {
  const { parsed, model, version } = analysis;
  const v = { version: `v${version.join('.')}` };
  if (!parsed || parsed.failure) return [{ message: M.unreadable }];
  if (!atLeast(version, '4.4.7') && parsed.dialect() !== 'json') return [{ message: M.jsonParseOnly, args: v }];
  if (!atLeast(version, '4.1.0')) return [{ message: M.beforeNetwork, args: v }];
  if (!atLeast(version, '4.4.0') && model.legacy.some((p) => p.form === 'L1')) return [{ message: M.migrated, args: v }];
  if (atLeast(version, '4.17.44')) {
    const bad = firstUncoercible(analysis);
    if (bad) return [{ message: M.discarded, args: { ...v, path: bad.path, type: bad.type } }];
  }
  return [];
}

/** The first value NapCat's loader (since v4.17.44) cannot convert, which makes it drop the file. */
function firstUncoercible({ model, version }: Analysis): { path: string; type: string } | undefined {
  const check = (fields: Readonly<Record<string, FieldSpec>>, key: string, raw: unknown) => {
    const spec = fields[key];
    if (!spec || raw === undefined || (spec.since && !atLeast(version, spec.since))) return false;
    return !coerce(raw, spec.type).ok;
  };
  for (const [key, p] of model.topLevel) {
    const spec = topLevelField(key);
    if (spec && check({ [key]: spec }, key, p.value ? valueOfScalar(p.value) : undefined)) {
      return { path: key, type: spec.type };
    }
  }
  const timeout = model.topLevel.get('timeout')?.value;
  if (isObject(timeout)) {
    for (const p of propsOf(timeout)) {
      if (check(TIMEOUT_FIELDS, p.key, p.value ? valueOfScalar(p.value) : undefined)) {
        return { path: `timeout.${p.key}`, type: TIMEOUT_FIELDS[p.key].type };
      }
    }
  }
  for (const a of model.adapters) {
    if (a.origin !== 'network') continue;
    const spec = KINDS[a.kind];
    if (spec.since && !atLeast(version, spec.since)) continue;
    for (const [key, field] of a.fields) {
      if (check(spec.fields, key, field.raw)) return { path: `network.${a.kind}[${a.index}].${key}`, type: spec.fields[key].type };
    }
  }
  return undefined;
}

/** Objects and arrays are checked by kind only: their contents are not converted here. */
function valueOfScalar(node: { type: string; value?: unknown }): unknown {
  if (node.type === 'object') return {};
  if (node.type === 'array') return [];
  return node.value;
}

const readListsCache = new WeakMap<Analysis, ReadonlySet<JsonNode | undefined>>();

/** The `network` lists NapCat reads: for a kind key written twice, JSON5 keeps the last one. */
function readLists(analysis: Analysis): ReadonlySet<JsonNode | undefined> {
  let lists = readListsCache.get(analysis);
  if (!lists) {
    lists = new Set([...propMap(analysis.model.network?.value).values()].map((p) => p.value));
    readListsCache.set(analysis, lists);
  }
  return lists;
}

/** Enabled, registered entries in NapCat's registration order (kind order, then file order). */
function registrationOrder(analysis: Analysis): Adapter[] {
  const rank = (a: Adapter) => REGISTRATION_ORDER.indexOf(a.kind);
  const lists = readLists(analysis);
  return analysis.model.adapters
    .filter((a) => a.registers && a.node.type === 'object' && lists.has(a.node.parent) && knowsKind(analysis, a))
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
    .map(({ a }) => a);
}

function knowsKind(analysis: Analysis, a: Adapter): boolean {
  const since = KINDS[a.kind].since;
  return !since || atLeast(analysis.version, since);
}

const replacementsCache = new WeakMap<Analysis, ReadonlyMap<Adapter, Adapter>>();

/**
 * Each replaced entry → the entry that replaces it (the last one registered under its name),
 * computed once per analysis in one pass over the registration order, so that symbols and
 * endpoints, which ask for every entry, stay linear in the number of entries.
 */
export function replacements(analysis: Analysis): ReadonlyMap<Adapter, Adapter> {
  let map = replacementsCache.get(analysis);
  if (!map) {
    const order = registrationOrder(analysis);
    const last = new Map<string, Adapter>();
    for (const a of order) last.set(a.effectiveName, a);
    const replaced = new Map<Adapter, Adapter>();
    for (const a of order) {
      const winner = last.get(a.effectiveName)!;
      if (winner !== a) replaced.set(a, winner);
    }
    map = replaced;
    replacementsCache.set(analysis, map);
  }
  return map;
}

/** The entry that replaces `adapter` in NapCat's one name → adapter map, if any. */
export function replacementOf(analysis: Analysis, adapter: Adapter): Adapter | undefined {
  if (!adapter.registers) return undefined;
  return replacements(analysis).get(adapter);
}

/** Does NapCat start this adapter at the analysed version, and why not? */
export function adapterStatus(analysis: Analysis, adapter: Adapter): AdapterStatus {
  const v = `v${analysis.version.join('.')}`;
  const reasons: Reason[] = [];
  const notes: Reason[] = [];
  let replacedBy: Adapter | undefined;
  if (adapter.origin !== 'network') {
    reasons.push({ message: M.writeUp });
  } else {
    reasons.push(...fileReasons(analysis));
    const since = KINDS[adapter.kind].since;
    if (since && !atLeast(analysis.version, since)) reasons.push({ message: M.kindTooNew, args: { version: v, kind: adapter.kind, since: `v${since}` } });
    if (!readLists(analysis).has(adapter.node.parent)) reasons.push({ message: M.shadowedList, args: { kind: adapter.kind } });
    if (adapter.node.type !== 'object') reasons.push({ message: M.notAnObject });
    if (!REGISTRATION_ORDER.includes(adapter.kind)) reasons.push({ message: M.notRegisteredKind, args: { kind: adapter.kind } });
    if (!adapter.enabled) {
      const raw = adapter.fields.get('enable')?.raw;
      reasons.push(
        raw === undefined ? { message: M.disabledMissing } : { message: M.disabled, args: { value: JSON.stringify(raw) ?? String(raw) } },
      );
    }
    if (reasons.length === 0) {
      replacedBy = replacementOf(analysis, adapter);
      if (replacedBy) {
        reasons.push({
          message: M.replaced,
          args: { other: `network.${replacedBy.kind}[${replacedBy.index}]`, name: adapter.effectiveName },
        });
        if (adapter.kind === 'websocketServers') {
          notes.push({ message: M.replacedWsServer, args: { port: String(effectiveValue(adapter, 'port', analysis.version)) } });
        }
      }
    }
    if (adapter.effectiveName === PLUGIN_MANAGER_NAME) notes.push({ message: M.pluginManager });
  }
  return { starts: reasons.length === 0, reasons, notes, replacedBy };
}

/** What NapCat at the analysed version does with a legacy part of the file (facts §2, §5). */
export function legacyStatus(form: LegacyForm, version: Version): Reason {
  const v = { version: `v${version.join('.')}` };
  switch (form) {
    case 'F0':
      return atLeast(version, '1.6.0') ? { message: M.f0Ignored } : { message: M.f0Read, args: v };
    case 'L1':
      if (!atLeast(version, '4.1.0')) return { message: M.l1Read, args: v };
      if (!atLeast(version, '4.4.0')) return { message: M.l1Migrated, args: v };
      return { message: M.l1Ignored };
    case 'reverseWs-list':
    case 'reverseWs-connections':
      return { message: M.neverRead };
  }
}

const FORM_LABEL: Readonly<Record<LegacyForm, Message>> = {
  F0: M.formF0,
  L1: M.formL1,
  'reverseWs-list': M.formList,
  'reverseWs-connections': M.formConnections,
};

/** A legacy form for people: "legacy format of v1.3.5–v4.0". */
export function formLabel(form: LegacyForm): Message {
  return FORM_LABEL[form];
}
