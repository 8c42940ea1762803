import { coerce } from '../core/coerce';
import { localize, type Adapter, type Analysis, type Finding, type JsonNode, type Message } from '../core';
import { propMap, valueOf } from '../core/json/nodes';
import { parseText } from '../core/json/parse';
import { KINDS } from '../core/schema';
import { withHost, withScheme } from '../core/text/urls';
import { addNameEdit, applyEdits, detectLayout, normalizeEdits, rebuild, type RebuildResult, type TextEdit } from '../core/fixes';
import { appendMembers } from '../core/fixes/insert';
import { commaAfter, commentsIn, jsonString, lineStartOf, scanComments, startsLine } from '../core/fixes/layout';
import { F } from './fixMessages';

/**
 * Quick fixes of single findings, the safe "fix all" set and the whole-file rebuild, as edits in
 * UTF-16 offsets of the analysed text. Pure (no LSP, no I/O): codeActions.ts turns these into
 * code actions. Every fix is chosen by the finding's `code` and `data` (never by its message) and
 * located through the analysis model; where `data` leaves out a value on purpose (a URL that holds
 * credentials), the fix computes it from the written text the way the rule did.
 *
 * Which fixes are safe (applied by `source.fixAll.napcat`, e.g. on save): those that cannot make a
 * working config worse —
 * - names (`napcat.duplicate-name`, `napcat.missing-name`, `napcat.reserved-name`): the suggested
 *   names are unique across the file, so every entry gets its own identity;
 * - URL schemes and white space (`napcat.url-scheme`, `napcat.url-spaces`): what NapCat already does
 *   with the URL, or what it must have to connect at all (a scheme put in front of a text that is
 *   not plainly `host:port…` or `//host…` is offered, not applied);
 * - full-width characters in a URL (`napcat.url-invalid`, `ws：／／host：8080`) written as ASCII, when
 *   the URL holds no secret: the only reading of what was typed;
 * - `napcat.message-format` when the suggestion is 'array' (what NapCat does with any other value);
 * - `napcat.coerced-value` when the written text already spells the value NapCat converts it to
 *   (`"true"` → `true`, `"8080"` → `8080`, a token `123456` → `"123456"`): NapCat reads the same
 *   value before and after, and every version reads the typed value alike.
 * Not safe, offered one by one only: rebuild (restructures the file), the destination host (the
 * user may mean another machine), port moves (frameworks must follow), key renames (a guess),
 * key removals and a URL's fragment removal (delete text), full-width repair of a URL with a token, 'string' as a message format (changes what frameworks receive), and
 * conversions the text does not spell (`"1"` → `true`, `3001.5` → `3001`, `"1e3"` → `1`: what
 * NapCat does, perhaps not what was meant).
 */

export type FixKind =
  | 'rebuild'
  | 'name'
  | 'url-scheme'
  | 'url-spaces'
  | 'url-host'
  | 'url-full-width'
  | 'url-fragment'
  | 'port'
  | 'message-format'
  | 'coerced-value'
  | 'rename-key'
  | 'remove-key';

export interface Fix {
  readonly kind: FixKind;
  /** The title in the language of the run (worded when the fix is made). */
  readonly title: string;
  /** Sorted, non-overlapping edits of the analysed text. */
  readonly edits: readonly TextEdit[];
  /** The fix editors may apply without asking (`isPreferred`). */
  readonly preferred: boolean;
  /** Part of `fixAll`. */
  readonly safe: boolean;
  /**
   * What the fix rewrites (the offset of an entry or a value). Fixes with one target write
   * overlapping text; `fixAll` keeps the one with the highest `rank`.
   */
  readonly target: number;
  readonly rank: number;
}

const rebuilt = new WeakMap<Analysis, RebuildResult>();

/**
 * The rebuild of the analysed text for the analysed target version, computed once per analysis.
 * `undefined` when the text was too large to be analysed.
 */
export function rebuildOf(analysis: Analysis): RebuildResult | undefined {
  if (!analysis.parsed) return undefined;
  let r = rebuilt.get(analysis);
  if (!r) rebuilt.set(analysis, (r = rebuild(analysis.parsed.text, { targetVersion: analysis.version })));
  return r;
}

/**
 * Every fix offered for one finding (empty when none applies). Never throws for a valid analysis.
 * `withRebuild: false` leaves out the whole-file rebuild (which `fixAll` never applies).
 */
export function fixesFor(analysis: Analysis, finding: Finding, withRebuild = true): Fix[] {
  const text = analysis.parsed?.text;
  if (text === undefined || analysis.parsed?.failure) return [];
  const data = isRecord(finding.data) ? finding.data : {};
  switch (finding.code) {
    case 'napcat.legacy-config':
      return withRebuild ? rebuildFix(analysis, true) : [];
    case 'napcat.duplicate-name':
    case 'napcat.missing-name':
      return [...nameFix(analysis, text, data), ...(withRebuild ? rebuildFix(analysis, false) : [])];
    case 'napcat.reserved-name':
      return nameFix(analysis, text, data);
    case 'napcat.url-scheme':
    case 'napcat.url-spaces':
    case 'napcat.url-unspecified-host':
      return urlFix(analysis, text, finding, data);
    case 'napcat.url-invalid':
      return urlRepairFix(analysis, text, finding, data);
    case 'napcat.port-conflict':
    case 'napcat.webui-port':
      return portFix(analysis, text, finding, data.port);
    case 'napcat.account-port-conflict':
      return portFix(analysis, text, finding, data.freePort);
    case 'napcat.coerced-value':
      return coercedFix(analysis, text, finding, data);
    case 'napcat.message-format':
      return messageFormatFix(analysis, text, finding, data);
    case 'napcat.unknown-key':
      return renameKeyFix(analysis, text, finding, data);
    case 'napcat.duplicate-key':
      return removeKeyFix(analysis, text, finding);
    default:
      return [];
  }
}

/**
 * The safe fixes of every finding as one consistent edit set on the analysed text: one fix per
 * target (the most complete), non-overlapping, and checked to leave a text NapCat can read.
 * Empty when there is nothing safe to fix.
 */
export function fixAll(analysis: Analysis): TextEdit[] {
  const text = analysis.parsed?.text;
  if (text === undefined || analysis.parsed?.failure) return [];
  const best = new Map<number, Fix>();
  for (const finding of analysis.findings) {
    for (const fix of fixesFor(analysis, finding, false)) {
      if (!fix.safe || fix.edits.length === 0) continue;
      const prev = best.get(fix.target);
      if (!prev || fix.rank > prev.rank) best.set(fix.target, fix);
    }
  }
  // In text order, a fix is taken when it starts after everything taken so far (touching only
  // where neither side inserts, so the order of two insertions at one offset never matters).
  const chosen: TextEdit[] = [];
  let end = -1;
  let endsWithInsertion = false;
  const fixes = [...best.values()].sort((a, b) => a.edits[0].offset - b.edits[0].offset);
  for (const fix of fixes) {
    const first = fix.edits[0];
    if (first.offset < end || (first.offset === end && (endsWithInsertion || first.length === 0))) continue;
    chosen.push(...fix.edits);
    const last = fix.edits[fix.edits.length - 1];
    end = last.offset + last.length;
    endsWithInsertion = last.length === 0;
  }
  if (chosen.length === 0) return [];
  try {
    const edits = normalizeEdits(chosen);
    // Safety net: never hand out a text NapCat cannot read.
    return parseText(applyEdits(text, edits)).failure ? [] : edits;
  } catch {
    return []; // overlapping edits: a bug, but never a broken file
  }
}

// ---------------------------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rebuildFix(analysis: Analysis, legacy: boolean): Fix[] {
  const r = rebuildOf(analysis);
  if (r?.kind !== 'rebuilt') return [];
  return [
    {
      kind: 'rebuild',
      title: localize(legacy ? F.rebuildLegacy : F.rebuildWhole),
      edits: r.edits,
      preferred: legacy,
      safe: false,
      target: -1,
      rank: 0,
    },
  ];
}

/** Lookups built once per analysis, so that fixing every finding of a big file stays linear. */
interface Index {
  /** Adapters by `origin kind index`. */
  readonly adapters: ReadonlyMap<string, Adapter>;
  /** `network` server entries (objects), sorted by offset. */
  readonly servers: readonly Adapter[];
  comments?: ReturnType<typeof scanComments>;
}

const indexes = new WeakMap<Analysis, Index>();

function indexOf(analysis: Analysis): Index {
  let index = indexes.get(analysis);
  if (!index) {
    const adapters = new Map(analysis.model.adapters.map((a) => [`${a.origin} ${a.kind} ${a.index}`, a] as const));
    const servers = analysis.model.adapters
      .filter((a) => a.origin === 'network' && KINDS[a.kind].role === 'server' && a.node.type === 'object')
      .sort((a, b) => a.node.offset - b.node.offset);
    indexes.set(analysis, (index = { adapters, servers }));
  }
  return index;
}

function commentsOf(analysis: Analysis, text: string): ReturnType<typeof scanComments> {
  const index = indexOf(analysis);
  return (index.comments ??= scanComments(text));
}

/** The entry a names finding points at (`data.kind`, `data.index`, `data.origin`). */
function adapterOf(analysis: Analysis, data: Record<string, unknown>): Adapter | undefined {
  return indexOf(analysis).adapters.get(`${String(data.origin)} ${String(data.kind)} ${String(data.index)}`);
}

/** The `network` server entry whose text holds `offset`. */
function serverAt(analysis: Analysis, offset: number): Adapter | undefined {
  const servers = indexOf(analysis).servers;
  let lo = 0;
  let hi = servers.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (servers[mid].node.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const a = servers[lo];
  return a && a.node.offset <= offset && offset < a.node.offset + a.node.length ? a : undefined;
}

function nameFix(analysis: Analysis, text: string, data: Record<string, unknown>): Fix[] {
  const name = data.suggestedName;
  const adapter = adapterOf(analysis, data);
  if (typeof name !== 'string' || name === '' || !adapter) return [];
  const edits = addNameEdit(text, adapter, name);
  if (edits.length === 0) return [];
  const title = localize(adapter.fields.has('name') ? F.rename : F.addName, { name });
  return [{ kind: 'name', title, edits, preferred: true, safe: true, target: adapter.node.offset, rank: 1 }];
}

function urlFix(analysis: Analysis, text: string, finding: Finding, data: Record<string, unknown>): Fix[] {
  const node = nodeAt(analysis, finding.range.offset, finding.range.length);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return [];
  const written: string = node.value;
  const compact = written.replace(/\s+/g, '');
  // `data.url` is left out when the URL holds credentials; then compute it as the rule does.
  const given = typeof data.url === 'string' ? data.url : undefined;
  let url: string | undefined;
  let title: Message;
  let kind: FixKind;
  let rank: number;
  switch (finding.code) {
    case 'napcat.url-spaces':
      url = given ?? compact;
      title = localize(F.trimSpaces);
      kind = 'url-spaces';
      rank = 1;
      break;
    case 'napcat.url-scheme': {
      const scheme = data.scheme;
      if (typeof scheme !== 'string' || !/^[a-z][a-z0-9+.-]*$/.test(scheme)) return [];
      const bare = compact.replace(/^\/\//, '');
      url = given ?? withScheme(bare, scheme);
      title = localize(url === `${scheme}://${bare}` ? F.addScheme : F.replaceScheme, { scheme });
      kind = 'url-scheme';
      rank = 2; // also removes the white space, like the rule's suggestion
      break;
    }
    default: {
      const from = typeof finding.args?.host === 'string' ? finding.args.host : '';
      const host = from === '[::]' ? '[::1]' : '127.0.0.1';
      url = given ?? withHost(compact, host);
      title = localize(F.replaceHost, { host, from });
      kind = 'url-host';
      rank = 3;
    }
  }
  if (url === undefined || url === written) return [];
  const edits = literalEdits(text, node, stringLiteral(text, node, url));
  const safe = kind !== 'url-host' && (kind !== 'url-scheme' || !addsScheme(compact, url) || plainAddress(compact));
  return [{ kind, title, edits, preferred: safe, safe, target: node.offset, rank }];
}

/**
 * The two invalid URLs with one clear repair (`data.repair` from the rule): full-width characters
 * typed with a Chinese input method (`ws：／／127.0.0.1：8080`) written as ASCII, and a fragment
 * (`#…`), which the WebSocket library refuses, removed. Full-width repair is safe when the URL holds
 * no secret (a token typed in full width would be changed); removing a fragment drops text, so it
 * is only ever offered.
 */
function urlRepairFix(analysis: Analysis, text: string, finding: Finding, data: Record<string, unknown>): Fix[] {
  const node = nodeAt(analysis, finding.range.offset, finding.range.length);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return [];
  const written: string = node.value;
  const compact = written.replace(/\s+/g, '');
  // `data.url` is left out when the URL holds credentials; then compute it as the rule does.
  const given = typeof data.url === 'string' ? data.url : undefined;
  let url: string;
  let fix: Pick<Fix, 'kind' | 'title' | 'safe'>;
  if (data.repair === 'full-width') {
    url = given ?? compact.normalize('NFKC');
    fix = { kind: 'url-full-width', title: localize(F.fullWidth), safe: given !== undefined };
  } else if (data.repair === 'fragment') {
    url = given ?? compact.slice(0, compact.indexOf('#'));
    fix = { kind: 'url-fragment', title: localize(F.removeFragment), safe: false };
  } else {
    return [];
  }
  if (url === '' || url === written) return [];
  const edits = literalEdits(text, node, stringLiteral(text, node, url));
  return [{ ...fix, edits, preferred: true, target: node.offset, rank: 1 }];
}

/** Moves a server to `port` (`data.port` of a port conflict or the WebUI port, `data.freePort` of a conflict with another account). */
function portFix(analysis: Analysis, text: string, finding: Finding, port: unknown): Fix[] {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return [];
  const adapter = serverAt(analysis, finding.range.offset);
  if (!adapter) return [];
  const value = adapter.fields.get('port')?.prop.value;
  let edits: TextEdit[];
  if (value) {
    const literal = value.type === 'string' ? stringLiteral(text, value, String(port)) : String(port);
    edits = literalEdits(text, value, literal);
  } else {
    const member = { comments: [], render: () => `"port": ${port}` };
    edits = appendMembers(text, adapter.node, [member], detectLayout(text), true);
  }
  if (edits.length === 0) return [];
  return [
    {
      kind: 'port',
      title: localize(F.movePort, { port }),
      edits: normalizeEdits(edits),
      preferred: false,
      safe: false,
      target: value?.offset ?? adapter.node.offset,
      rank: 1,
    },
  ];
}

function messageFormatFix(analysis: Analysis, text: string, finding: Finding, data: Record<string, unknown>): Fix[] {
  const value = data.suggestion;
  if (value !== 'array' && value !== 'string') return [];
  const node = nodeAt(analysis, finding.range.offset, finding.range.length);
  if (!node || node.type !== 'string') return [];
  const edits = literalEdits(text, node, stringLiteral(text, node, value));
  if (edits.length === 0) return [];
  const safe = value === 'array';
  return [{ kind: 'message-format', title: localize(F.messageFormat, { value }), edits, preferred: true, safe, target: node.offset, rank: 1 }];
}

/**
 * `napcat.coerced-value`: the value written in its declared type, exactly as NapCat converts it
 * (`data.value`, computed by the rule with `coerce`). Safe (fix-all) only when the written text
 * already spells the converted value — quotes, letter case and surrounding white space aside:
 * `"true"` → `true`, `"8080"` → `8080`, `123` → `"123"`. Other conversions are offered one by one,
 * since they show what NapCat does rather than what was meant: `"1"` or `1` → `true`, `3001.5` →
 * `3001`, `"1e3"` → `1` (parseInt), `"0x10"` → `16`.
 *
 * A token's finding carries no value. A token written as a number or boolean is quoted only when
 * its text is exactly the string NapCat makes of it (`123456` → `"123456"`), so the token NapCat
 * checks stays the same; for `1e3`, `0x1F`, `1.0` or digits beyond a double's precision no fix
 * is offered, since writing either NapCat's string or the written text would change a secret.
 * The title never shows a token.
 */
function coercedFix(analysis: Analysis, text: string, finding: Finding, data: Record<string, unknown>): Fix[] {
  const node = nodeAt(analysis, finding.range.offset, finding.range.length);
  if (!node || (node.type !== 'string' && node.type !== 'number' && node.type !== 'boolean')) return [];
  const written = text.slice(node.offset, node.offset + node.length);
  const secret = !('value' in data);
  let value: unknown = data.value;
  if (secret) {
    if (node.type === 'string') return [];
    const c = coerce(node.value, 'string');
    if (!c.ok || c.value !== written) return [];
    value = c.value;
  }
  let literal: string;
  let spelled: boolean;
  if (typeof value === 'string') {
    if (node.type === 'string') return [];
    literal = jsonString(value);
    spelled = written === value;
  } else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
    literal = String(value);
    const inner = node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
    spelled =
      inner !== undefined &&
      (typeof value === 'boolean' ? inner.toLowerCase() === literal : inner.trim() === literal);
  } else {
    return [];
  }
  const edits = literalEdits(text, node, literal);
  if (edits.length === 0) return [];
  const title = secret ? localize(F.coercedToken) : localize(F.coercedValue, { value: literal });
  return [{ kind: 'coerced-value', title, edits, preferred: spelled, safe: spelled, target: node.offset, rank: 1 }];
}

/** `napcat.unknown-key` with a typo suggestion: the key renamed, unless the object already has that key. */
function renameKeyFix(analysis: Analysis, text: string, finding: Finding, data: Record<string, unknown>): Fix[] {
  const suggestion = data.suggestion;
  if (data.reason !== 'typo' || typeof suggestion !== 'string' || suggestion === '') return [];
  const keyNode = nodeAt(analysis, finding.range.offset, finding.range.length);
  const prop = keyNode?.parent;
  if (!keyNode || prop?.type !== 'property' || prop.children?.[0] !== keyNode || typeof keyNode.value !== 'string') return [];
  if (propMap(prop.parent).has(suggestion)) return []; // renaming would write the key twice
  const raw = text.slice(keyNode.offset, keyNode.offset + keyNode.length);
  const literal = raw.startsWith('"') || raw.startsWith("'") || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(suggestion)
    ? stringLiteral(text, keyNode, suggestion)
    : suggestion;
  const edits = literalEdits(text, keyNode, literal);
  if (edits.length === 0) return [];
  const title = localize(F.renameKey, { key: keyNode.value, suggestion });
  return [{ kind: 'rename-key', title, edits, preferred: false, safe: false, target: keyNode.offset, rank: 1 }];
}

/**
 * `napcat.duplicate-key`: removes the occurrence NapCat ignores, only when nothing is lost — its
 * value is a scalar, or equals the value NapCat reads — and no comment lies inside what goes.
 * The whole line goes when the member has a line of its own.
 */
function removeKeyFix(analysis: Analysis, text: string, finding: Finding): Fix[] {
  const keyNode = nodeAt(analysis, finding.range.offset, finding.range.length);
  const prop = keyNode?.parent;
  if (!keyNode || prop?.type !== 'property' || prop.children?.[0] !== keyNode || typeof keyNode.value !== 'string') return [];
  const key: string = keyNode.value;
  const winner = propMap(prop.parent).get(key);
  if (!winner || winner.prop === prop) return [];
  const value = prop.children?.[1];
  const scalar = value !== undefined && value.type !== 'object' && value.type !== 'array';
  if (!scalar && JSON.stringify(valueOf(value)) !== JSON.stringify(valueOf(winner.value))) return [];
  const comma = commaAfter(text, prop);
  if (comma < 0) return [];
  let end = comma + 1;
  while (text[end] === ' ' || text[end] === '\t') end++;
  let start = prop.offset;
  if (startsLine(text, prop.offset) && (end === text.length || text[end] === '\n' || text[end] === '\r')) {
    start = lineStartOf(text, prop.offset);
    end += text.startsWith('\r\n', end) ? 2 : end < text.length ? 1 : 0;
  }
  if (commentsIn(commentsOf(analysis, text), start, end).length > 0) return [];
  const title = localize(F.removeDuplicateKey, { key });
  return [
    { kind: 'remove-key', title, edits: [{ offset: start, length: end - start, newText: '' }], preferred: false, safe: false, target: prop.offset, rank: 1 },
  ];
}

/** Whether the fixed URL is the written one with a scheme put in front. */
function addsScheme(compact: string, url: string): boolean {
  return url.endsWith('://' + compact.replace(/^\/\//, ''));
}

/**
 * Whether a URL written without scheme is plainly an address (`//host…`, or `host:port…`), so
 * putting the scheme in front is what its author meant. Anything else (`ws//host/ws`, `host/ws`)
 * may be a mistyped scheme: the fix is offered, but not applied on save, where it would turn a
 * visibly broken URL into a wrong one silently.
 */
function plainAddress(compact: string): boolean {
  return compact.startsWith('//') || /^[^/:?#]+:\d+(?:[/?#]|$)/.test(compact);
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** The node of the tree with exactly this range (a property's key or value, an item, …). */
function nodeAt(analysis: Analysis, offset: number, length: number): JsonNode | undefined {
  let node = analysis.parsed?.root;
  while (node) {
    if (node.offset === offset && node.length === length && node.type !== 'property') return node;
    node = childHolding(node.children ?? [], offset, offset + length);
  }
  return undefined;
}

/** The child (children are in text order) whose range holds [start, end). */
function childHolding(children: readonly JsonNode[], start: number, end: number): JsonNode | undefined {
  let lo = 0;
  let hi = children.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (children[mid].offset <= start) lo = mid;
    else hi = mid - 1;
  }
  const c = children[lo];
  return c && c.offset <= start && end <= c.offset + c.length ? c : undefined;
}

/**
 * A string literal for `value` in the quote style of the written node: the same quotes when the
 * value needs no escape in them, a single-quoted JSON5 string kept single-quoted, JSON otherwise.
 */
function stringLiteral(text: string, node: JsonNode, value: string): string {
  const q = text[node.offset];
  const plain = !/[\\\u0000-\u001f\u2028\u2029]/.test(value);
  if ((q === '"' || q === "'") && plain && !value.includes(q)) return q + value + q;
  if (q === "'") return "'" + jsonString(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'") + "'";
  return jsonString(value);
}

/**
 * The edit that turns the written literal of `node` into `literal`, reduced to the characters that
 * differ (so the cursor and the rest of the string stay), never splitting a surrogate pair.
 */
function literalEdits(text: string, node: JsonNode, literal: string): TextEdit[] {
  const old = text.slice(node.offset, node.offset + node.length);
  if (old === literal) return [];
  let p = 0;
  while (p < old.length && p < literal.length && old[p] === literal[p]) p++;
  if (p > 0 && isHighSurrogate(old.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < old.length - p && s < literal.length - p && old[old.length - 1 - s] === literal[literal.length - 1 - s]) s++;
  if (s > 0 && isLowSurrogate(old.charCodeAt(old.length - s))) s--;
  return [{ offset: node.offset + p, length: old.length - p - s, newText: literal.slice(p, literal.length - s) }];
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

