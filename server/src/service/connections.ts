import {
  ADAPTER_KINDS,
  KINDS,
  analyze,
  atLeast,
  effectiveValue,
  defaultFor,
  isSecretKey,
  maskToken,
  maskUrl,
  unmaskUrl,
  type Adapter,
  type AdapterKind,
  type Analysis,
  type Catalogue,
  type Finding,
  type FindingCode,
} from '../core';
import {
  addEntryEdits,
  composeEdits,
  detectStyle,
  duplicateItemEdits,
  entriesNamed,
  entryById,
  entryId,
  newEntryValues,
  removeItemEdits,
  renameEdits,
  setMemberEdits,
  type Scalar,
  type Style,
} from '../core/edit';
import { deriveName, suggestUniqueName } from '../core/fixes/names';
import { applyEdits, describeSummary, normalizeEdits, type RebuildResult, type TextEdit } from '../core/fixes';
import { parseText } from '../core/json/parse';
import { hostPort } from '../core/text/urls';
import { localize, word, wordMessage } from '../wording';
import { rebuildOf } from './fixes/rebuild';

/**
 * Managing the connections (adapter entries) of a config the way NapCat's WebUI does — add,
 * rename, enable or disable, set the endpoint or the token or any other field, duplicate, delete
 * — for the editor's sidebar, the `napcat.connections.*` commands of the language server and
 * `napcat-config connections`. Pure: an analysis in, edits and worded outcomes out.
 *
 * The edits come from the core's editing module (`core/edit`). Whether a value is acceptable is
 * decided by the rules themselves: the edited text is analysed again with the same options, and
 * a finding of the names, URL or port rules (or of the values rule for other fields) on the
 * touched entry refuses the operation with that finding's own words. A legacy-shaped file is
 * rebuilt first (the outcome says so) and the operation applies to the rebuilt text; the edits
 * returned apply to the original text.
 */

export type { AdapterKind };

/** Which entry: its id (`websocketClients[2]`, as `napcat/endpoints` gives it) or its name. */
export type ConnectionRef = { readonly id: string } | { readonly name: string };

export type ConnectionOp =
  | { readonly action: 'add'; readonly kind: AdapterKind; readonly name?: string; readonly url?: string; readonly host?: string; readonly port?: number; readonly token?: string }
  | { readonly action: 'rename'; readonly entry: ConnectionRef; readonly newName: string }
  | { readonly action: 'setEnabled'; readonly entry: ConnectionRef; readonly enable: boolean }
  | { readonly action: 'setUrl'; readonly entry: ConnectionRef; readonly url: string }
  | { readonly action: 'setPort'; readonly entry: ConnectionRef; readonly port: number; readonly host?: string }
  | { readonly action: 'setToken'; readonly entry: ConnectionRef; readonly token: string }
  | { readonly action: 'setField'; readonly entry: ConnectionRef; readonly field: string; readonly value: unknown }
  | { readonly action: 'duplicate'; readonly entry: ConnectionRef; readonly newName?: string }
  | { readonly action: 'remove'; readonly entry: ConnectionRef };

export type RefusalCode =
  | 'name-empty'
  | 'name-taken'
  | 'name-reserved'
  | 'bad-url'
  | 'bad-port'
  | 'port-taken'
  | 'no-entry'
  | 'ambiguous'
  | 'not-applicable'
  | 'bad-value'
  | 'unparsable'
  | 'unsupported-shape';

/** The entry an operation made or changed (for `remove`: the entry as it was). */
export interface ConnectionEntry {
  readonly kind: AdapterKind;
  readonly index: number;
  readonly id: string;
  readonly name: string;
}

export type ConnectionOutcome =
  | {
      readonly ok: true;
      /** Sorted, non-overlapping edits of the analysed text. */
      readonly edits: TextEdit[];
      readonly entry: ConnectionEntry;
      /** The file was in a legacy shape and was rebuilt first (the edits include the rebuild). */
      readonly rebuilt: boolean;
      /** What was done, worded. */
      readonly message: string;
    }
  | ConnectionRefusal;

export interface ConnectionRefusal {
  readonly ok: false;
  readonly code: RefusalCode;
  /** Why, worded: for a value, the words of the diagnostic the value would get. */
  readonly reason: string;
  /** The field the reason is about (`name`, `url`, `host`, `port`, `token` or another field). */
  readonly field?: string;
  /** A value that would be accepted: the next free name or port. */
  readonly suggestion?: string | number;
}

export interface FieldProblem {
  readonly reason: string;
  readonly suggestion?: string | number;
}

export interface NewEntrySuggestion {
  readonly name: string;
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
}

export interface EntryField {
  readonly key: string;
  /** The value NapCat uses (the written one, else its default); a secret is masked (`***` or ''). */
  readonly value: unknown;
  readonly default: unknown;
  readonly type: 'boolean' | 'integer' | 'string' | 'enum';
  readonly options?: string[];
  /** What the field does, worded. */
  readonly description: string;
  readonly secret?: true;
}

export interface EntryDescription {
  readonly kind: AdapterKind;
  readonly id: string;
  readonly name: string;
  readonly fields: EntryField[];
}

export interface ConnectionSummary {
  readonly id: string;
  readonly kind: AdapterKind;
  readonly name: string;
  readonly enabled: boolean;
  /** Where it listens (`host:port`) or connects (the URL, secrets masked); '' for plugins. */
  readonly endpoint: string;
  readonly tokenSet: boolean;
  /** A connection of a legacy section (its id is the section's path; an operation rebuilds the file first). */
  readonly legacy?: true;
}

export interface ConnectionList {
  readonly entries: ConnectionSummary[];
  /** The file has legacy sections: any operation rebuilds it first. */
  readonly legacy: boolean;
}

const M = {
  added: 'Added {kind} “{name}”.',
  renamed: 'Renamed “{from}” to “{to}”.',
  enabled: 'Enabled “{name}”.',
  disabled: 'Disabled “{name}”.',
  urlSet: 'Changed the URL of “{name}”.',
  affectsOther: 'This would break {entry}, which then reports: {reason}',
  maskedUrl: 'The URL keeps a hidden secret as *** in a place it cannot be matched to: type the URL with its token in full, or keep each *** where it was.',
  portSet: '“{name}” now listens on {address}.',
  tokenSet: 'Set the token of “{name}”.',
  tokenCleared: 'Removed the token of “{name}”.',
  fieldSet: 'Set `{field}` of “{name}” to {value}.',
  secretSet: 'Set `{field}` of “{name}”.',
  duplicated: 'Duplicated “{name}” as “{copy}”, disabled: it has the same endpoint, so enable it once you have changed that.',
  removed: 'Deleted {kind} “{name}”.',
  rebuiltFirst: 'The file was in a legacy form, so it was rebuilt first ({summary}).',
  unchanged: 'Nothing to change: “{name}” already has this value.',
  noEntryId: 'This file has no connection {id}.',
  noEntryName: 'This file has no connection named “{name}”.',
  ambiguous: 'Several connections are named “{name}” ({ids}); name one by its id.',
  notApplicable: 'A {kind} has no `{field}`.',
  unknownKind: '“{kind}” is not an adapter kind; use one of {kinds}.',
  notObject: 'This entry is not an object, so it has no `{field}` to set.',
  notScalar: '`{field}` takes a single value (true or false, a number or a text).',
  unknownAction: 'Unknown operation “{action}”; use one of {actions}.',
  networkNotObject: '`network` is not an object, so no connection can be added to it. Fix `network` first.',
  listNotArray: '`network.{kind}` is not a list, so no connection can be added to it. Make it a list first.',
  internal: 'This change could not be made without breaking the file (an internal error); nothing was changed. Please report this file.',
} satisfies Catalogue<string>;

/** The codes of the rules a field's value is checked with, and what a finding of each means here. */
const NAME_CODES: ReadonlyMap<FindingCode, RefusalCode> = new Map<FindingCode, RefusalCode>([
  ['napcat.duplicate-name', 'name-taken'],
  ['napcat.missing-name', 'name-empty'],
  ['napcat.reserved-name', 'name-reserved'],
]);
const URL_CODES: ReadonlyMap<FindingCode, RefusalCode> = new Map<FindingCode, RefusalCode>([
  ['napcat.url-spaces', 'bad-url'],
  ['napcat.url-scheme', 'bad-url'],
  ['napcat.url-invalid', 'bad-url'],
  ['napcat.url-unspecified-host', 'bad-url'],
  ['napcat.port-range', 'bad-url'],
  ['napcat.webui-port', 'bad-url'],
  ['napcat.invalid-type', 'bad-url'],
]);
const PORT_CODES: ReadonlyMap<FindingCode, RefusalCode> = new Map<FindingCode, RefusalCode>([
  ['napcat.port-range', 'bad-port'],
  ['napcat.invalid-type', 'bad-port'],
  ['napcat.port-conflict', 'port-taken'],
  ['napcat.webui-port', 'port-taken'],
  ['napcat.account-port-conflict', 'port-taken'],
]);
const VALUE_CODES: ReadonlyMap<FindingCode, RefusalCode> = new Map<FindingCode, RefusalCode>([
  ['napcat.invalid-type', 'bad-value'],
  ['napcat.message-format', 'bad-value'],
  ['napcat.coerced-value', 'bad-value'],
]);

/** The texts an operation starts from: the analysed one, or its rebuild when it has legacy sections. */
interface Base {
  readonly analysis: Analysis;
  readonly text: string;
  readonly style: Style;
  /** Set when the file was rebuilt: the rebuild of the analysed text. */
  readonly rebuild?: Extract<RebuildResult, { kind: 'rebuilt' }>;
}

const refuse = (code: RefusalCode, reason: string, more: { field?: string; suggestion?: string | number } = {}): ConnectionRefusal => ({
  ok: false,
  code,
  reason,
  ...more,
});

/**
 * What an operation starts from. Refused when NapCat cannot read the text, when the target version
 * does not read `network`, or when a legacy file cannot be rebuilt (with rebuild's reason).
 */
function baseOf(analysis: Analysis): Base | ConnectionRefusal {
  const parsed = analysis.parsed;
  if (!parsed || parsed.failure) {
    const f = analysis.findings.find((x) => x.code === 'napcat.syntax' || x.code === 'napcat.empty' || x.code === 'napcat.too-deep' || x.code === 'napcat.too-large');
    return refuse('unparsable', f ? wordMessage(f) : localize(M.internal));
  }
  const model = analysis.model;
  if (!model.root || model.legacy.length > 0 || !atLeast(analysis.version, '4.1.0')) {
    const r = rebuildOf(analysis);
    if (!r || r.kind === 'refused') return refuse('unsupported-shape', r ? word(r.reason) : localize(M.internal));
    if (r.kind === 'rebuilt') {
      const rebuilt = analyze(r.text, analysis.options);
      return { analysis: rebuilt, text: r.text, style: detectStyle(r.text, rebuilt.parsed?.root), rebuild: r };
    }
  }
  return { analysis, text: parsed.text, style: detectStyle(parsed.text, model.root) };
}

/** The entry `ref` names in the base text (a legacy id names the entry its rebuild made). */
function resolve(base: Base, ref: ConnectionRef): Adapter | ConnectionRefusal {
  const model = base.analysis.model;
  if (ref && typeof (ref as { id?: unknown }).id === 'string') {
    const id = (ref as { id: string }).id;
    const added = base.rebuild?.summary.added.find((a) => a.from === id);
    const adapter = entryById(model, added ? `${added.kind}[${added.index}]` : id);
    return adapter ?? refuse('no-entry', localize(M.noEntryId, { id }));
  }
  const name = ref && typeof (ref as { name?: unknown }).name === 'string' ? (ref as { name: string }).name : '';
  const found = entriesNamed(model, name);
  if (found.length === 0) return refuse('no-entry', localize(M.noEntryName, { name }));
  if (found.length > 1) return refuse('ambiguous', localize(M.ambiguous, { name, ids: found.map(entryId).join(', ') }));
  return found[0];
}

function isRefusal<T>(x: T | ConnectionRefusal): x is ConnectionRefusal {
  return typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;
}

/** A change planned on the base text: its edits, the entry it ends at, the fields to check. */
interface Plan {
  readonly edits: TextEdit[];
  readonly kind: AdapterKind;
  /** Index of the entry in the edited text. */
  readonly index: number;
  readonly name: string;
  /** Fields whose new values the rules must accept, in the order they are reported. */
  readonly check: readonly ('name' | 'url' | 'port' | string)[];
  /** Check the ports as if the entry were enabled (a disabled server binds nothing, yet its port matters once enabled). */
  readonly asEnabled?: boolean;
  readonly message: string;
  /** The entry as it was, for `remove` (no entry is left to check). */
  readonly removed?: ConnectionEntry;
}

/**
 * Applies `op` to the analysed config: the edits (of the analysed text) and what was done, or why
 * nothing can be done. Never throws.
 */
export function editConnection(analysis: Analysis, op: ConnectionOp): ConnectionOutcome {
  const base = baseOf(analysis);
  if (isRefusal(base)) return base;
  const plan = planOf(base, op);
  if (isRefusal(plan)) return plan;
  if (plan.edits.length === 0 && !plan.removed && !base.rebuild) {
    return { ok: true, edits: [], entry: { kind: plan.kind, index: plan.index, id: `${plan.kind}[${plan.index}]`, name: plan.name }, rebuilt: false, message: localize(M.unchanged, { name: plan.name }) };
  }
  const text = applyEdits(base.text, plan.edits);
  if (parseText(text).failure) return refuse('unsupported-shape', localize(M.internal));
  if (!plan.removed) {
    const problem = checkEntry(base, text, plan);
    if (problem) return problem;
  }
  const edits = base.rebuild ? composeEdits(analysis.parsed!.text, base.rebuild.edits, plan.edits) : normalizeEdits(plan.edits);
  const entry = plan.removed ?? { kind: plan.kind, index: plan.index, id: `${plan.kind}[${plan.index}]`, name: plan.name };
  const message = base.rebuild ? `${plan.message} ${localize(M.rebuiltFirst, { summary: describeSummary(base.rebuild.summary) })}` : plan.message;
  return { ok: true, edits, entry, rebuilt: base.rebuild !== undefined, message };
}

const ACTIONS: readonly ConnectionOp['action'][] = ['add', 'rename', 'setEnabled', 'setUrl', 'setPort', 'setToken', 'setField', 'duplicate', 'remove'];

const isKind = (k: unknown): k is AdapterKind => typeof k === 'string' && (ADAPTER_KINDS as readonly string[]).includes(k);

function planOf(base: Base, op: ConnectionOp): Plan | ConnectionRefusal {
  if (!op || typeof op !== 'object') return refuse('bad-value', localize(M.unknownAction, { action: String(op), actions: ACTIONS.join(', ') }));
  if (op.action === 'add') return planAdd(base, op);
  const adapter = resolve(base, (op as { entry: ConnectionRef }).entry);
  if (isRefusal(adapter)) return adapter;
  const { text, style } = base;
  const { kind, index } = adapter;
  const name = adapter.effectiveName;
  const role = KINDS[kind].role;
  const kindLabel = localize(KINDS[kind].label);
  const needsObject = (field: string) => (adapter.node.type === 'object' ? undefined : refuse('not-applicable', localize(M.notObject, { field }), { field }));
  const hasField = (field: string) => (KINDS[kind].fields[field] ? undefined : refuse('not-applicable', localize(M.notApplicable, { kind: kindLabel, field }), { field }));
  const set = (field: string, value: Scalar) => setMemberEdits(text, adapter.node, field, value, style);
  const plan = (edits: TextEdit[], check: string[], message: string, more: Partial<Plan> = {}): Plan => ({ edits, kind, index, name, check, message, ...more });

  switch (op.action) {
    case 'rename': {
      const newName = String(op.newName ?? '');
      const bad = needsObject('name');
      if (bad) return bad;
      return { ...plan(renameEdits(text, adapter, newName, style), ['name'], localize(M.renamed, { from: name, to: newName })), name: newName };
    }
    case 'setEnabled': {
      const bad = needsObject('enable');
      if (bad) return bad;
      const enable = op.enable === true;
      return plan(set('enable', enable), [], localize(enable ? M.enabled : M.disabled, { name }));
    }
    case 'setUrl': {
      const bad = needsObject('url') ?? (role === 'client' ? undefined : hasField('url'));
      if (bad) return bad;
      // The URL is shown masked ("Edit Endpoint", `describe`): each `***` typed back stands for the secret it hid.
      const current = effectiveValue(adapter, 'url', base.analysis.version);
      const url = unmaskUrl(String(op.url ?? ''), typeof current === 'string' ? current : '', ownTokens(adapter, base.analysis.version));
      if (url === undefined) return refuse('bad-url', localize(M.maskedUrl), { field: 'url' });
      return plan(set('url', url), ['url'], localize(M.urlSet, { name }));
    }
    case 'setPort': {
      const bad = needsObject('port') ?? (role === 'server' ? undefined : hasField('port'));
      if (bad) return bad;
      const port = portValue(op.port);
      const edits = set('port', port);
      if (op.host !== undefined) edits.push(...set('host', String(op.host)));
      const host = op.host ?? String(effectiveValue(adapter, 'host', base.analysis.version));
      return plan(normalizeEdits(edits), ['port'], localize(M.portSet, { name, address: hostPort(host === '' ? '*' : host, String(port)) }), { asEnabled: true });
    }
    case 'setToken': {
      const bad = needsObject('token') ?? hasField('token');
      if (bad) return bad;
      const token = String(op.token ?? '');
      return plan(set('token', token), [], localize(token === '' ? M.tokenCleared : M.tokenSet, { name }));
    }
    case 'setField':
      return planSetField(base, adapter, op.field, op.value);
    case 'duplicate': {
      const bad = needsObject('name');
      if (bad) return bad;
      const list = adapter.node.parent!;
      const copyName = op.newName !== undefined ? String(op.newName) : suggestUniqueName(base.analysis.model, name);
      const changes = normalizeEdits([...renameEdits(text, adapter, copyName, style), ...set('enable', false)]);
      const edits = duplicateItemEdits(text, list, adapter.node, changes, style.layout);
      return { edits, kind, index: index + 1, name: copyName, check: ['name'], message: localize(M.duplicated, { name, copy: copyName }) };
    }
    case 'remove': {
      const removed = { kind, index, id: entryId(adapter), name };
      const edits = removeItemEdits(text, adapter.node.parent!, adapter.node);
      return { edits, kind, index, name, check: [], message: localize(M.removed, { kind: kindLabel, name }), removed };
    }
    default:
      return refuse('bad-value', localize(M.unknownAction, { action: String((op as { action?: unknown }).action), actions: ACTIONS.join(', ') }));
  }
}

/** A port as written: a number, or what the user typed when it is not one (the rules then say why). */
function portValue(port: unknown): Scalar {
  if (typeof port === 'number') return port;
  const s = String(port ?? '').trim();
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

function planSetField(base: Base, adapter: Adapter, fieldArg: unknown, value: unknown): Plan | ConnectionRefusal {
  const field = String(fieldArg);
  const entry = { id: entryId(adapter) };
  switch (field) {
    case 'name':
      return planOf(base, { action: 'rename', entry, newName: String(value ?? '') });
    case 'enable':
      return planOf(base, { action: 'setEnabled', entry, enable: value === true || value === 'true' });
    case 'url':
      return planOf(base, { action: 'setUrl', entry, url: String(value ?? '') });
    case 'port':
      return planOf(base, { action: 'setPort', entry, port: value as number });
    case 'token':
      return planOf(base, { action: 'setToken', entry, token: String(value ?? '') });
  }
  const { kind, index } = adapter;
  const name = adapter.effectiveName;
  const spec = KINDS[kind].fields[field];
  if (!spec) return refuse('not-applicable', localize(M.notApplicable, { kind: localize(KINDS[kind].label), field }), { field });
  if (adapter.node.type !== 'object') return refuse('not-applicable', localize(M.notObject, { field }), { field });
  const scalar = fieldValue(spec.type, value);
  if (scalar === undefined) return refuse('bad-value', localize(M.notScalar, { field }), { field });
  const edits = setMemberEdits(base.text, adapter.node, field, scalar, base.style);
  const secret = isSecretKey(field);
  const message = secret ? localize(M.secretSet, { field, name }) : localize(M.fieldSet, { field, name, value: JSON.stringify(scalar) });
  // A server's host is judged with its port: the conflicts are reported on the port.
  const check = field === 'host' && KINDS[kind].role === 'server' ? 'port' : field;
  return { edits, kind, index, name, check: [check], message, asEnabled: field === 'host' };
}

/** A value for a field of `type`: typed text converted ('true', '5000'), anything else as given (the rules judge it). */
function fieldValue(type: string, value: unknown): Scalar | undefined {
  if (typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (type === 'boolean' && (s === 'true' || s === 'false')) return s === 'true';
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return value;
}

/** Every name the base text uses (all kinds), and the reserved one. */
function planAdd(base: Base, op: Extract<ConnectionOp, { action: 'add' }>): Plan | ConnectionRefusal {
  const kind = op.kind;
  if (!isKind(kind)) return refuse('bad-value', localize(M.unknownKind, { kind: String(kind), kinds: ADAPTER_KINDS.join(', ') }), { field: 'kind' });
  const role = KINDS[kind].role;
  const label = localize(KINDS[kind].label);
  if (op.url !== undefined && role !== 'client') return refuse('not-applicable', localize(M.notApplicable, { kind: label, field: 'url' }), { field: 'url' });
  for (const field of ['host', 'port'] as const) {
    if (op[field] !== undefined && role !== 'server') return refuse('not-applicable', localize(M.notApplicable, { kind: label, field }), { field });
  }
  if (op.token !== undefined && !KINDS[kind].fields.token) return refuse('not-applicable', localize(M.notApplicable, { kind: label, field: 'token' }), { field: 'token' });
  const suggested = suggestFor(base, kind, { url: op.url, host: op.host, port: op.port });
  const name = op.name !== undefined ? String(op.name) : suggested.name;
  const given: Record<string, Scalar | undefined> = {
    name,
    enable: true,
    url: role === 'client' ? (op.url !== undefined ? String(op.url) : suggested.url) : undefined,
    host: role === 'server' ? (op.host !== undefined ? String(op.host) : suggested.host) : undefined,
    port: role === 'server' ? (op.port !== undefined ? portValue(op.port) : suggested.port) : undefined,
    token: op.token !== undefined ? String(op.token) : undefined,
  };
  const values = newEntryValues(kind, given, base.analysis.version);
  const added = addEntryEdits(base.text, base.analysis.model, kind, values, base.style);
  if (!added.ok) {
    if (added.problem === 'network-not-object') return refuse('unsupported-shape', localize(M.networkNotObject));
    if (added.problem === 'list-not-array') return refuse('unsupported-shape', localize(M.listNotArray, { kind }));
    return refuse('unsupported-shape', localize(M.internal));
  }
  const check = ['name', ...(role === 'client' ? ['url'] : role === 'server' ? ['port'] : [])];
  return { edits: added.edits, kind, index: added.index, name, check, message: localize(M.added, { kind: label, name }) };
}

/** The codes a field's value is checked with. */
function codesFor(kind: AdapterKind, field: string): ReadonlyMap<FindingCode, RefusalCode> {
  if (field === 'name') return NAME_CODES;
  if (field === 'url') return URL_CODES;
  if (field === 'port' || field === 'host') return KINDS[kind].role === 'server' ? PORT_CODES : VALUE_CODES;
  return VALUE_CODES;
}

/**
 * The first problem the rules find with the planned entry in the edited `text`: a finding of a
 * checked field's codes (errors and warnings) on the entry, or on another entry that names it in
 * its related information (the entry NapCat keeps when two share a name; the server that holds a
 * port first).
 */
function checkEntry(base: Base, text: string, plan: Plan): ConnectionRefusal | undefined {
  if (plan.check.length === 0) return undefined;
  let after = analyze(text, base.analysis.options);
  let entry = entryById(after.model, `${plan.kind}[${plan.index}]`);
  if (!entry) return undefined;
  for (const field of plan.check) {
    const codes = codesFor(plan.kind, field);
    if (plan.asEnabled && codes === PORT_CODES && !entry.enabled && entry.node.type === 'object') {
      // A disabled server binds nothing; its port is judged as it will be once enabled.
      const enabled = applyEdits(text, setMemberEdits(text, entry.node, 'enable', true, base.style));
      after = analyze(enabled, base.analysis.options);
      entry = entryById(after.model, `${plan.kind}[${plan.index}]`) ?? entry;
    }
    const problem = problemOn(after, entry, field, codes);
    if (problem) return refuse(problem.code, reasonOf(after, problem), { field, ...suggestionFor(base, problem, plan, entry) });
  }
  return undefined;
}

interface Problem {
  readonly finding: Finding;
  readonly code: RefusalCode;
  /** The finding lies on the entry itself (not on another entry that names it). */
  readonly own: boolean;
}

/**
 * The diagnostic's words; when the diagnostic would be on another entry (the one this change
 * would replace or push off its port), led by which entry that is, since it speaks of itself.
 */
function reasonOf(after: Analysis, problem: Problem): string {
  const reason = wordMessage(problem.finding);
  if (problem.own) return reason;
  const at = problem.finding.range.offset;
  const other = after.model.adapters.find((a) => a.origin === 'network' && a.node.offset <= at && at < a.node.offset + a.node.length);
  return other ? localize(M.affectsOther, { entry: `${other.kind}[${other.index}] “${other.effectiveName}”`, reason }) : reason;
}

function problemOn(after: Analysis, entry: Adapter, field: string, codes: ReadonlyMap<FindingCode, RefusalCode>): Problem | undefined {
  const start = entry.node.offset;
  const end = start + entry.node.length;
  const inside = (r: { offset: number; length: number }) => r.offset >= start && r.offset + r.length <= end;
  // The field's own value, when it is written: a problem of another field of the entry is not this one's.
  const value = entry.fields.get(field)?.value;
  const onField = (r: { offset: number; length: number }) =>
    value ? r.offset >= value.offset && r.offset + r.length <= value.offset + value.length : inside(r);
  let other: Problem | undefined;
  for (const f of after.findings) {
    const code = codes.get(f.code);
    if (!code || f.severity === 'info' || f.severity === 'hint') continue;
    if (onField(f.range)) return { finding: f, code, own: true };
    if (!other && (f.related ?? []).some((r) => inside(r.range) && (!value || onField(r.range)))) {
      // Another entry named this one: for a name, that is a taken name, whatever the finding says of the other.
      other = { finding: f, code: codes === NAME_CODES ? 'name-taken' : code, own: false };
    }
  }
  return other;
}

function suggestionFor(base: Base, problem: Problem, plan: Plan, entry?: Adapter): { suggestion?: string | number } {
  const { finding } = problem;
  if (problem.code === 'name-taken' || problem.code === 'name-reserved' || problem.code === 'name-empty') {
    // An empty name gets one derived from the endpoint, as the rebuild names entries.
    const version = base.analysis.version;
    const wanted =
      plan.name.trim() !== ''
        ? plan.name
        : deriveName(plan.kind, { url: entry && effectiveValue(entry, 'url', version), port: entry && effectiveValue(entry, 'port', version), index: plan.index });
    return { suggestion: suggestUniqueName(base.analysis.model, wanted) };
  }
  if (problem.code === 'port-taken' || problem.code === 'bad-port') {
    const data = finding.data as { port?: unknown; freePort?: unknown } | undefined;
    const port = problem.own ? (finding.code === 'napcat.account-port-conflict' ? data?.freePort : data?.port) : data?.port;
    return typeof port === 'number' ? { suggestion: port } : {};
  }
  return {};
}

/**
 * The name, endpoint and port a new entry of `kind` gets when the user gives none: NapCat's
 * default URL or host, a free port (the default one when free), and a descriptive unique name
 * derived from them in the style of the rebuild (`ws-server-3001`, `astrbot-6199`).
 */
function suggestFor(base: Base, kind: AdapterKind, given: { url?: string; host?: string; port?: unknown }): NewEntrySuggestion {
  const version = base.analysis.version;
  const role = KINDS[kind].role;
  const index = base.analysis.model.adapters.filter((a) => a.origin === 'network' && a.kind === kind).length;
  if (role === 'client') {
    const url = given.url ?? String(defaultFor(kind, 'url', version));
    return { name: suggestUniqueName(base.analysis.model, deriveName(kind, { url, index })), url };
  }
  if (role === 'server') {
    const host = given.host ?? String(defaultFor(kind, 'host', version));
    let port = typeof given.port === 'number' ? given.port : Number(defaultFor(kind, 'port', version));
    if (given.port === undefined) port = freePort(base, kind, host, port);
    return { name: suggestUniqueName(base.analysis.model, deriveName(kind, { port, index })), host, port };
  }
  return { name: suggestUniqueName(base.analysis.model, deriveName(kind, { index })) };
}

/** `port` when a new enabled server of `kind` could listen there, else the next port the port rules offer. */
function freePort(base: Base, kind: AdapterKind, host: string, port: number): number {
  for (let tries = 0; tries < 8; tries++) {
    const values = newEntryValues(kind, { name: `\u0000probe`, enable: true, host, port }, base.analysis.version);
    const added = addEntryEdits(base.text, base.analysis.model, kind, values, base.style);
    if (!added.ok) return port;
    const after = analyze(applyEdits(base.text, added.edits), base.analysis.options);
    const entry = entryById(after.model, `${kind}[${added.index}]`);
    if (!entry) return port;
    const problem = problemOn(after, entry, 'port', PORT_CODES);
    const next = problem && suggestionFor(base, problem, { edits: [], kind, index: added.index, name: '', check: [], message: '' }).suggestion;
    if (typeof next !== 'number' || next === port) return port;
    port = next;
  }
  return port;
}

/** Defaults and suggestions for a new entry of `kind` (see `suggestFor`). */
export function suggestNew(analysis: Analysis, kind: AdapterKind): NewEntrySuggestion {
  const base = baseOf(analysis);
  if (isRefusal(base) || !isKind(kind)) {
    const k = isKind(kind) ? kind : 'websocketClients';
    return { name: KINDS[k].defaultName };
  }
  return suggestFor(base, kind, {});
}

/**
 * Checks one value while the user types it: for an existing entry (`entry`), the value it would
 * get; for a new entry of `kind`, an entry added with that value (and suggestions for the rest).
 * Undefined when the rules accept the value; else the reason in the diagnostic's words, and the
 * next free name or port when there is one. Tokens are always accepted.
 */
export function validateField(analysis: Analysis, kind: AdapterKind, field: string, value: string, entry?: ConnectionRef): FieldProblem | undefined {
  if (field === 'token') return undefined;
  let op: ConnectionOp;
  if (entry) {
    if (field === 'name') op = { action: 'rename', entry, newName: value };
    else if (field === 'url') op = { action: 'setUrl', entry, url: value };
    else if (field === 'port') op = { action: 'setPort', entry, port: portValue(value) as number };
    else op = { action: 'setField', entry, field, value };
  } else {
    const fields: Record<string, unknown> = { [field]: field === 'port' ? portValue(value) : value };
    op = { action: 'add', kind, ...fields } as ConnectionOp;
  }
  const outcome = editConnection(analysis, op);
  if (outcome.ok) return undefined;
  // A problem of the file as a whole, or of another field, is not this value's.
  if (outcome.field !== undefined && outcome.field !== field && !(field === 'host' && outcome.field === 'port')) return undefined;
  if (outcome.field === undefined && outcome.code !== 'no-entry' && outcome.code !== 'ambiguous' && outcome.code !== 'unparsable' && outcome.code !== 'unsupported-shape') return undefined;
  return { reason: outcome.reason, ...(outcome.suggestion !== undefined ? { suggestion: outcome.suggestion } : {}) };
}

/**
 * Every field of an entry, for editing its settings: the value NapCat uses, its default, its type
 * and what it does. Tokens, and the secrets of a URL, are masked. Undefined when `ref` names no entry.
 */
export function describeEntry(analysis: Analysis, ref: ConnectionRef): EntryDescription | undefined {
  if (!analysis.parsed || analysis.parsed.failure) return undefined;
  const base: Base = { analysis, text: analysis.parsed.text, style: detectStyle(analysis.parsed.text, analysis.model.root) };
  const adapter = resolve(base, ref);
  if (isRefusal(adapter)) return undefined;
  const { kind } = adapter;
  const version = analysis.version;
  const fields: EntryField[] = Object.entries(KINDS[kind].fields).map(([key, spec]) => {
    const secret = isSecretKey(key);
    const raw = effectiveValue(adapter, key, version);
    // A URL may carry a secret (a token parameter, credentials): shown masked, as everywhere.
    const value = key === 'url' && typeof raw === 'string' ? maskUrl(raw, ownTokens(adapter, version)) : raw;
    const enumOptions = key === 'messagePostFormat' ? ['array', 'string'] : undefined;
    const type = enumOptions ? 'enum' : spec.type === 'boolean' ? 'boolean' : spec.type === 'integer' || spec.type === 'number' ? 'integer' : 'string';
    return {
      key,
      value: secret ? maskToken(value) : value,
      default: secret ? maskToken(defaultFor(kind, key, version)) : defaultFor(kind, key, version),
      type,
      ...(enumOptions ? { options: enumOptions } : {}),
      description: localize(spec.doc),
      ...(secret ? { secret: true as const } : {}),
    };
  });
  return { kind, id: entryId(adapter), name: adapter.effectiveName, fields };
}

/** The connections of a config, as a short list: `network` entries, then those of legacy sections. */
export function listConnections(analysis: Analysis): ConnectionList {
  const { model, version } = analysis;
  const entries: ConnectionSummary[] = [];
  for (const a of model.adapters) {
    const role = KINDS[a.kind].role;
    let endpoint = '';
    if (role === 'client') {
      const url = effectiveValue(a, 'url', version);
      endpoint = typeof url === 'string' ? maskUrl(url, ownTokens(a, version)) : '';
    } else if (role === 'server') {
      const host = effectiveValue(a, 'host', version);
      const port = effectiveValue(a, 'port', version);
      endpoint = hostPort(host === '' || typeof host !== 'string' ? '*' : host, String(port));
    }
    const token = effectiveValue(a, 'token', version);
    entries.push({
      id: entryId(a),
      kind: a.kind,
      name: a.effectiveName,
      enabled: a.enabled,
      endpoint,
      tokenSet: token !== undefined && token !== null && token !== '',
      ...(a.origin === 'network' ? {} : { legacy: true as const }),
    });
  }
  const topToken = model.topLevel.get('token')?.value?.value;
  const legacyTokens = typeof topToken === 'string' && topToken !== '' ? [topToken] : [];
  for (const part of model.legacy) {
    if (part.form === 'reverseWs-connections') continue;
    for (const c of part.connections) {
      const endpoint = c.url !== undefined ? maskUrl(c.url, legacyTokens) : c.port !== undefined ? hostPort(c.host || '*', c.port) : '';
      entries.push({ id: c.path, kind: c.kind, name: c.path, enabled: c.enabled, endpoint, tokenSet: typeof topToken === 'string' && topToken !== '', legacy: true });
    }
  }
  return { entries, legacy: model.legacy.length > 0 };
}

/** The entry's own token, for masking it where a URL repeats it (a path segment). */
function ownTokens(adapter: Adapter, version: Analysis['version']): string[] {
  const token = effectiveValue(adapter, 'token', version);
  return (typeof token === 'string' || typeof token === 'number') && String(token) !== '' ? [String(token)] : [];
}
