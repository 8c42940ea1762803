import { KINDS, TIMEOUT_FIELDS, ADAPTER_KINDS, classifyTopLevelKey, atLeast, defaultFor, effectiveValue, formatVersion, isSecretKey, maskUrl, topLevelField, type Adapter, type AdapterKind, type Analysis, type FieldSpec, type JsonNode, type LegacyConnection, type LegacyForm, type Range } from '../core';
import { coerce } from '../core/coerce';
import { M } from './messages';
import { propertyOfKey } from '../core/json/nodes';
import { nodePathAt } from './nodes';
import { code, displayValue, maskSecret, valueText } from './render';
import { adapterStatus, formLabel, legacyStatus, type Reason } from './status';
import { localize } from '../wording';

/**
 * Hover. On a key: what it means, its type, default and first version. Anywhere else inside an
 * adapter entry: what NapCat will run for it (every effective value after defaults, whether it
 * starts and why not). Secrets are masked.
 */

export interface HoverContent {
  readonly markdown: string;
  readonly range: Range;
}

/**
 * What NapCat's log says of an adapter entry, already worded (by the log layer, in the language of
 * the process); the hover shows it as given. The language server reads the log.
 */
export interface EntryLogFacts {
  /** The log's file name. */
  readonly file: string;
  /** One short line: `started`, `failing: connection-refused ×3, last 10:41:07`; '' when the log says nothing of the entry. */
  readonly summary: string;
  /** What the summary says, then each kind of error. */
  readonly details: readonly string[];
  /** A link to the line of the log to see (a `file:` URI with `#L<line>`), and that 1-based line. */
  readonly link?: { readonly target: string; readonly line: number };
}

/** The log facts of an adapter entry, if a log was read for the file. */
export type LogFactsOf = (adapter: Adapter) => EntryLogFacts | undefined;

/**
 * The files our JSON Schema applies to (package.json `jsonValidation`): there VS Code shows the
 * key descriptions itself, so key hovers may leave that paragraph out instead of showing it twice.
 */
export const SCHEMA_FILE = /\/onebot11(_[^/]*)?\.json$/i;

/**
 * The hover at `offset` of an analysed text, or undefined. Pure. `withDocs: false` leaves the
 * meaning of a key out of key hovers (the editor shows it from the JSON Schema).
 */
export function hoverAt(analysis: Analysis, offset: number, withDocs = true, logFacts?: LogFactsOf): HoverContent | undefined {
  const path = nodePathAt(analysis.model.root, offset);
  if (path.length === 0) return undefined;
  const innermost = path[path.length - 1];
  const prop = propertyOfKey(innermost);
  if (prop) {
    const markdown = keyHover(analysis, prop, withDocs);
    if (markdown) return { markdown, range: innermost };
  }
  const adapters = adapterIndex(analysis);
  for (let i = path.length - 1; i >= 0; i--) {
    const adapter = adapters.get(path[i]);
    if (adapter) return { markdown: adapterHover(analysis, adapter, logFacts?.(adapter)), range: adapter.node };
  }
  const legacy = legacyIndex(analysis);
  for (let i = path.length - 1; i >= 0; i--) {
    const entry = legacy.get(path[i]);
    if (entry) return { markdown: legacyHover(analysis, entry.connection, entry.form), range: entry.connection.node };
  }
  return undefined;
}

const adapterIndexes = new WeakMap<Analysis, Map<JsonNode, Adapter>>();
function adapterIndex(analysis: Analysis): Map<JsonNode, Adapter> {
  let index = adapterIndexes.get(analysis);
  if (!index) {
    index = new Map(analysis.model.adapters.map((a) => [a.node, a]));
    adapterIndexes.set(analysis, index);
  }
  return index;
}

interface LegacyEntry {
  readonly connection: LegacyConnection;
  readonly form: LegacyForm;
}
const legacyIndexes = new WeakMap<Analysis, Map<JsonNode, LegacyEntry>>();
function legacyIndex(analysis: Analysis): Map<JsonNode, LegacyEntry> {
  let index = legacyIndexes.get(analysis);
  if (!index) {
    index = new Map();
    for (const part of analysis.model.legacy) {
      for (const connection of part.connections) index.set(connection.node, { connection, form: part.form });
    }
    legacyIndexes.set(analysis, index);
  }
  return index;
}

const v = (analysis: Analysis) => formatVersion(analysis.version);
const bullets = (reasons: readonly Reason[]) => reasons.map((r) => `- ${localize(r.message, r.args)}`).join('\n');

// ---------------------------------------------------------------------------------------------
// Adapter entries

function adapterHover(analysis: Analysis, adapter: Adapter, log: EntryLogFacts | undefined): string {
  const spec = KINDS[adapter.kind];
  const version = analysis.version;
  const named = adapter.fields.get('name')?.raw !== undefined;
  const where = adapter.origin === 'network' ? `network.${adapter.kind}[${adapter.index}]` : `reverseWs.connections[${adapter.index}]`;
  const title =
    `**${localize(spec.label)}** ${code(adapter.effectiveName)}` +
    (named ? '' : ` ${localize(M.defaultName)}`) +
    ` · ${code(where)}`;

  const status = adapterStatus(analysis, adapter);
  const statusText = status.starts
    ? localize(M.starts)
    : `${localize(M.notStarted)}\n${bullets(status.reasons)}`;

  const rows: string[] = [];
  for (const [key, fieldSpec] of Object.entries(spec.fields)) {
    const row = fieldRow(analysis, adapter, key, fieldSpec);
    if (row) rows.push(`- ${code(key)}: ${row}`);
  }
  const ignored = [...adapter.fields.keys()].filter((k) => !(k in spec.fields));

  const parts = [title, statusText];
  if (status.notes.length > 0) parts.push(bullets(status.notes));
  if (log) parts.push(logSection(log));
  parts.push(`${localize(M.effectiveValues)}\n\n${rows.join('\n')}`);
  if (ignored.length > 0) parts.push(localize(M.ignoredKeys, { keys: ignored.map((k) => code(k)).join(', ') }));
  parts.push(`*${localize(M.asReadBy, { version: formatVersion(version) })}*`);
  return parts.join('\n\n');
}

/** One line of the effective-values list, or undefined when the key does not exist for the version. */
function fieldRow(analysis: Analysis, adapter: Adapter, key: string, spec: FieldSpec): string | undefined {
  const version = analysis.version;
  const raw = adapter.fields.get(key)?.raw;
  const token = effectiveValue(adapter, 'token', version);
  const known = typeof token === 'string' ? [token] : [];
  if (spec.since && !atLeast(version, spec.since)) {
    if (raw === undefined) return undefined;
    return `${displayValue(key, raw, known)} — ${localize(M.notReadBy, { version: v(analysis), since: `v${spec.since}` })}`;
  }
  if (key === 'name') {
    return raw === undefined ? `${code(adapter.effectiveName)} ${localize(M.isDefault)}` : code(valueText(adapter.effectiveName));
  }
  const value = effectiveValue(adapter, key, version);
  if (raw === undefined) return value === undefined ? undefined : `${displayValue(key, value, known)} ${localize(M.isDefault)}`;
  const c = coerce(raw, spec.type);
  if (!c.ok) return `${displayValue(key, raw, known)} ⚠`;
  if (c.changed && !isSecretKey(key)) return `${displayValue(key, c.value, known)} ${localize(M.coercedFrom, { raw: code(valueText(raw)) })}`;
  return displayValue(key, c.value, known);
}

/** What the log says: a heading with the file, the short line, the details, the link to the line. */
function logSection(log: EntryLogFacts): string {
  const head = `**${localize(M.logFacts, { file: code(log.file) })}**` + (log.summary !== '' ? ` ${escapeText(log.summary)}` : '');
  const lines = [head, ...log.details.map((d) => `- ${escapeText(d)}`)];
  if (log.link) lines.push('', `[${localize(M.openLogLine, { line: log.link.line })}](${log.link.target})`);
  return lines.join('\n');
}

/** Text from the log layer shown as written (Markdown's special characters neutralised). */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Legacy connections

function legacyHover(analysis: Analysis, connection: LegacyConnection, form: LegacyForm): string {
  const label = localize(KINDS[connection.kind].label);
  const title = `**${label}** · ${localize(M.legacyConnection, { path: connection.path })}`;
  const endpoint =
    connection.url !== undefined
      ? code(valueText(maskUrl(connection.url)))
      : connection.port !== undefined
        ? code(`${connection.host || '0.0.0.0'}:${connection.port}`)
        : undefined;
  const lines = [title];
  if (endpoint) lines.push(endpoint);
  const status = legacyStatus(form, analysis.version);
  lines.push(localize(status.message, status.args));
  if (!connection.enabled) lines.push(localize(M.legacyDisabled));
  if (form === 'F0' || form === 'L1') {
    const token = analysis.model.topLevel.get('token')?.value?.value;
    lines.push(`${code('token')}: ${maskSecret(token)}`);
  }
  return lines.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Keys

function keyHover(analysis: Analysis, prop: JsonNode, withDocs: boolean): string | undefined {
  const key = prop.children?.[0]?.value;
  const owner = prop.parent;
  if (typeof key !== 'string' || !owner) return undefined;
  const { model } = analysis;

  const adapter = adapterIndex(analysis).get(owner);
  if (adapter) {
    const spec = KINDS[adapter.kind];
    const field = spec.fields[key];
    const title = `**${code(key)}** · ${localize(spec.label)}`;
    if (!field) return `${title}\n\n${localize(M.unknownKey)}`;
    const def = key === 'name' ? spec.defaultName : defaultFor(adapter.kind, key, analysis.version);
    return fieldDoc(title, field, def, withDocs);
  }
  if (owner === model.root) return topLevelKeyHover(analysis, key, withDocs);
  if (owner === model.network?.value) {
    if (!(ADAPTER_KINDS as readonly string[]).includes(key)) return `**${code(key)}**\n\n${localize(M.unknownKey)}`;
    const spec = KINDS[key as AdapterKind];
    const lines = [`**${code(key)}** · ${localize(spec.label)}`, localize(M.kindList, { label: localize(spec.label) })];
    if (spec.since) lines.push(`${localize(M.since)} ${code(`NapCat v${spec.since}`)}`);
    return lines.join('\n\n');
  }
  if (owner === model.topLevel.get('timeout')?.value) {
    const field = TIMEOUT_FIELDS[key];
    const title = `**${code(`timeout.${key}`)}**`;
    return field ? fieldDoc(title, field, field.default, withDocs) : `${title}\n\n${localize(M.unknownKey)}`;
  }
  const section = owner.parent?.type === 'property' && owner.parent.parent === model.root ? owner.parent.children?.[0]?.value : undefined;
  if (typeof section === 'string' && classifyTopLevelKey(section) === 'l1') {
    const form = formOfKey(analysis, section) ?? 'L1';
    const status = legacyStatus(form, analysis.version);
    return `**${code(`${section}.${key}`)}**\n\n${localize(M.legacyKey, { form: localize(formLabel(form)), status: localize(status.message, status.args) })}`;
  }
  return undefined;
}

function topLevelKeyHover(analysis: Analysis, key: string, withDocs: boolean): string {
  const title = `**${code(key)}**`;
  const field = topLevelField(key);
  if (field) return fieldDoc(title, field, field.default, withDocs);
  const keyClass = classifyTopLevelKey(key);
  if (keyClass === 'leaked') return `${title}\n\n${localize(M.leakedKey)}`;
  const onlyF0 = analysis.model.legacy.some((p) => p.form === 'F0') && !analysis.model.legacy.some((p) => p.form === 'L1');
  const form =
    formOfKey(analysis, key) ?? (keyClass === 'f0' ? 'F0' : keyClass === 'l1' || keyClass === 'legacy-shared' ? (onlyF0 ? 'F0' : 'L1') : undefined);
  if (!form) return `${title}\n\n${localize(M.unknownKey)}`;
  const status = legacyStatus(form, analysis.version);
  return `${title}\n\n${localize(M.legacyKey, { form: localize(formLabel(form)), status: localize(status.message, status.args) })}`;
}

/** The legacy form a top-level key belongs to in this file, if the model says so. */
function formOfKey(analysis: Analysis, key: string): LegacyForm | undefined {
  for (const part of analysis.model.legacy) {
    if (part.props.some((p) => p.key === key)) return part.form;
  }
  return undefined;
}

function fieldDoc(title: string, field: FieldSpec, def: unknown, withDocs = true): string {
  const facts = [
    `${localize(M.type)} ${code(field.type)}`,
    `${localize(M.default)} ${def === undefined ? localize(M.noDefault) : code(valueText(def))}`,
  ];
  if (field.since) facts.push(`${localize(M.since)} ${code(`NapCat v${field.since}`)}`);
  return (withDocs ? [title, localize(field.doc), facts.join(' · ')] : [title, facts.join(' · ')]).join('\n\n');
}
