import { createScanner, SyntaxKind, ScanError } from 'jsonc-parser';
import type { Catalogue, Message, MessageArgs } from '../i18n';
import { findingOf, type FindingCode, type FindingPayloads, type PayloadArgs, type Range, type Severity } from '../findings';
import type { JsonNode } from '../json/parse';
import { asProp, propsOf, propMap, type Prop } from '../json/nodes';
import { coerce } from '../coerce';
import { isSecretKey, MASK } from '../secrets';
import type { Adapter } from '../model';
import {
  ADAPTER_KINDS,
  KINDS,
  LEGACY_SHARED_KEYS,
  TIMEOUT_FIELDS,
  TOP_LEVEL_FIELDS,
  classifyTopLevelKey,
  topLevelField,
  type AdapterKind,
  type FieldSpec,
  type FieldType,
} from '../schema';
import { suggestKey } from '../text/suggest';
import { atLeast, formatVersion } from '../version';
import type { Rule, RuleContext } from './rule';

const M = {
  // --- invalid-type, NapCat v4.17.44+ (TypeBox: convert, then check; a failure discards the file)
  invalidDiscard: '`{key}` must be of type {type}, and NapCat cannot convert {written} to it. NapCat rejects the whole file when it loads it: the error is logged and no adapter starts.',
  // --- invalid-type before v4.17.44 (no check at load: what the adapter gets depends on the release)
  oldCoercibleBool: '`{key}` should be true or false, not {written}. NapCat {version} does not check types when it loads the file: depending on the release it reads this as {converted} or passes the string on as written, and any non-empty string counts as true. Write {converted}.',
  oldCoercible: '`{key}` should be of type {type}, not {written}. NapCat {version} does not check types when it loads the file: depending on the release it converts this to {converted} or passes it on as written. Write {converted} so every version reads the same value.',
  oldCoercibleSecret: '`{key}` should be a string. NapCat {version} does not check types when it loads the file: depending on the release it converts this value to a string or passes it on as written, and then no client can present a matching token. Write the token in quotes. (Token values are never shown here.)',
  oldInvalidBool: '`{key}` should be true or false, not {written}. NapCat {version} does not check types and passes the value on as written, where it counts as {truthy}. From v4.17.44 on, such a value makes NapCat reject the whole file.',
  oldInvalid: '`{key}` should be of type {type}, not {written}. NapCat {version} does not check types and passes the value on as written, so this setting does not work as intended. From v4.17.44 on, such a value makes NapCat reject the whole file.',
  // --- invalid-type: structure
  rootNotObject: 'A NapCat OneBot config must be an object (`{ … }`) with a `network` inside; NapCat cannot read {written}. No adapter starts.',
  networkNotObject: '`network` must be an object (`{ … }`) holding one list per adapter kind; NapCat cannot read adapters from {written}. No adapter starts.',
  listObjectEmpty: '`{key}` must be a list (`[ { … } ]`). NapCat replaces an object here with an empty list without any message: this adapter never starts. Put the object inside `[ ]`.',
  listDiscard: '`{key}` must be a list of adapter objects (`[ { … } ]`), not {written}. NapCat rejects the whole file when it loads it: the error is logged and no adapter starts.',
  listOld: '`{key}` must be a list of adapter objects (`[ { … } ]`), not {written}. NapCat {version} does not check this: it cannot start any adapter from it, and setting up the network may fail at this point.',
  entryDiscard: 'Each entry of `{kind}` must be an object describing one adapter, not {written}. NapCat rejects the whole file when it loads it: the error is logged and no adapter starts.',
  entryOld: 'Each entry of `{kind}` must be an object describing one adapter, not {written}. NapCat {version} does not check this and cannot start an adapter from it.',
  // --- coerced-value (v4.17.44+)
  coerced: '`{key}` is of type {type}: NapCat converts {written} to {converted} when it loads the file (and a save from the WebUI writes {converted}).',
  coercedSecret: '`{key}` is a string: NapCat converts this value to a string when it loads the file. (Token values are never shown here.)',
  // --- unknown-key
  unknown: 'NapCat does not read the key `{key}` here and ignores it.',
  unknownSuggest: 'NapCat does not read the key `{key}` here and ignores it. Did you mean `{suggestion}`?',
  unknownDropped: 'NapCat does not read the key `{key}` here: it drops the key when it loads the file, and the next save from the WebUI removes it.',
  unknownDroppedSuggest: 'NapCat does not read the key `{key}` here: it drops the key when it loads the file, and the next save from the WebUI removes it. Did you mean `{suggestion}`?',
  kindAtTopLevel: '`{key}` belongs inside `network`: NapCat reads adapter lists only from `network.{kind}`, so none of the adapters listed here start.',
  fieldOfOtherKind: 'NapCat does not read `{key}` in a `{kind}` entry; only entries of {kinds} have it. This setting has no effect here.',
  leftover: '`{key}` at the top level is a harmless leftover written by NapCat v1.6.8–v1.8.x; NapCat ignores it and you can delete it.',
  legacyToken: 'The top-level `token` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Each adapter in `network` now has its own `token`: set it there.',
  legacyHeartInterval: 'The top-level `heartInterval` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Set `heartInterval` in each `websocketServers` and `websocketClients` entry instead.',
  legacyDebug: 'The top-level `debug` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Each adapter in `network` now has its own `debug`.',
  legacyMessagePostFormat: "The top-level `messagePostFormat` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Each adapter in `network` now has its own `messagePostFormat` (default 'array').",
  legacyReportSelfMessage: 'The top-level `reportSelfMessage` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Set `reportSelfMessage` in each adapter entry instead.',
  legacyGroupLocalTime: '`GroupLocalTime` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1 and has no replacement for it. You can delete it.',
  // --- unsupported-key
  unsupported: '`{key}` was added in NapCat {since}: NapCat {version} ignores it.',
  // --- duplicate-key
  duplicate: '`{key}` is written again later in this object. NapCat keeps only the last value (as every JSON reader does) and ignores this one.',
  duplicateWinner: 'NapCat uses this `{key}`.',
  // --- message-format
  formatSuggestString: "NapCat only checks whether `messagePostFormat` is exactly 'string' (CQ codes); anything else, {written} included, makes it send message segments ('array'). Did you mean 'string'?",
  formatSuggestArray: "NapCat only checks whether `messagePostFormat` is exactly 'string' (CQ codes); anything else, {written} included, makes it send message segments ('array'). Write 'array' to say what NapCat does.",
  // --- json5-unsupported
  plainJsonBefore41: 'NapCat {version} reads this file with JSON.parse, which stops here: comments, trailing commas and other JSON5 syntax are accepted only since v4.4.7. The file fails to load and none of its settings apply.',
  plainJsonOverwrite: 'NapCat {version} reads this file with JSON.parse, which stops here: comments, trailing commas and other JSON5 syntax are accepted only since v4.4.7. NapCat then overwrites the file with empty defaults, and your configuration is lost.',
  bomBefore41: 'This file starts with a byte order mark (BOM), which JSON.parse in NapCat {version} rejects. The file fails to load and none of its settings apply. Save it as UTF-8 without BOM.',
  bomOverwrite: 'This file starts with a byte order mark (BOM), which JSON.parse in NapCat {version} rejects. NapCat then overwrites the file with empty defaults, and your configuration is lost. Save it as UTF-8 without BOM.',
} satisfies Catalogue<string>;

const LEGACY_RUNTIME: Readonly<Record<(typeof LEGACY_SHARED_KEYS)[number], Message>> = {
  token: M.legacyToken,
  heartInterval: M.legacyHeartInterval,
  debug: M.legacyDebug,
  messagePostFormat: M.legacyMessagePostFormat,
  reportSelfMessage: M.legacyReportSelfMessage,
  GroupLocalTime: M.legacyGroupLocalTime,
};

/** Near misses that edit distance cannot find, keyed by normalised spelling (see suggestKey). */
const NETWORK_ALIASES: Readonly<Record<string, string>> = {
  reversews: 'websocketClients',
  reversewebsocket: 'websocketClients',
  wsreverse: 'websocketClients',
  reversewebsockets: 'websocketClients',
  wsclients: 'websocketClients',
  wsclient: 'websocketClients',
  ws: 'websocketServers',
  websocket: 'websocketServers',
  forwardws: 'websocketServers',
  wsservers: 'websocketServers',
  wsserver: 'websocketServers',
  http: 'httpServers',
  httpserver: 'httpServers',
  httppost: 'httpClients',
  post: 'httpClients',
  sse: 'httpSseServers',
  httpsse: 'httpSseServers',
  plugin: 'plugins',
};
const ENTRY_ALIASES: Readonly<Record<string, string>> = {
  accesstoken: 'token',
  secret: 'token',
  heartbeat: 'heartInterval',
  heartbeatinterval: 'heartInterval',
  heartbeatinterval_ms: 'heartInterval',
  reconnect: 'reconnectInterval',
  reconnectdelay: 'reconnectInterval',
  reportself: 'reportSelfMessage',
  reportselfmsg: 'reportSelfMessage',
  format: 'messagePostFormat',
  postformat: 'messagePostFormat',
  messageformat: 'messagePostFormat',
  msgformat: 'messagePostFormat',
  cors: 'enableCors',
  enabled: 'enable',
};

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Each kind's fields as a map (no prototype lookups in the hot loop). */
const FIELD_MAPS = Object.fromEntries(
  ADAPTER_KINDS.map((kind) => [kind, new Map(Object.entries(KINDS[kind].fields))]),
) as unknown as Readonly<Record<AdapterKind, ReadonlyMap<string, FieldSpec>>>;

/** Which kinds declare each adapter key (for "only entries of … have it"). */
const KINDS_OF_FIELD: ReadonlyMap<string, readonly AdapterKind[]> = (() => {
  const m = new Map<string, AdapterKind[]>();
  for (const kind of ADAPTER_KINDS) {
    for (const key of Object.keys(KINDS[kind].fields)) {
      const list = m.get(key) ?? [];
      list.push(kind);
      m.set(key, list);
    }
  }
  return m;
})();

/**
 * `napcat.invalid-type`, `napcat.coerced-value`, `napcat.unknown-key`, `napcat.unsupported-key`,
 * `napcat.duplicate-key`, `napcat.message-format` and `napcat.json5-unsupported`: what NapCat
 * makes of every key and value it reads (facts §3, §4). One pass over the root, `network`, every
 * adapter entry and `timeout`; linear in the size of those objects.
 */
export const valuesRule: Rule = {
  id: 'values',
  check(ctx) {
    new ValuesCheck(ctx).run();
  },
};

class ValuesCheck {
  private readonly converts: boolean;
  private readonly version: string;
  /** Index in `model.adapters` of the first entry of each list (the model keeps list order). */
  private readonly listStart = new Map<JsonNode, number>();
  private readonly suggestions = new Map<string, string | undefined>();
  /** The specs of the last key list seen (see specsOf). */
  private specs: { kind: AdapterKind; keys: readonly string[]; specs: readonly (FieldSpec | undefined)[] } | undefined;

  constructor(private readonly ctx: RuleContext) {
    this.converts = atLeast(ctx.version, '4.17.44');
    this.version = formatVersion(ctx.version);
  }

  run(): void {
    const { parsed, model } = this.ctx;
    if (!atLeast(this.ctx.version, '4.4.7') && !parsed.failure) this.checkPlainJson();
    const root = parsed.root;
    if (!root) return;
    if (root.type !== 'object') {
      if (!parsed.failure) {
        const data = this.converts ? ({ expected: 'object', effect: 'discard' } as const) : { expected: 'object' };
        this.report('napcat.invalid-type', 'error', root, M.rootNotObject, { written: this.written(root, false) }, data);
      }
      return;
    }
    let previous: JsonNode | undefined;
    model.adapters.forEach((a, i) => {
      const list = a.node.parent;
      if (a.origin === 'network' && list && list !== previous && !this.listStart.has(list)) this.listStart.set(list, i);
      previous = list;
    });
    this.checkTopLevel(root);
  }

  // -------------------------------------------------------------------------------------------
  // Levels

  private checkTopLevel(root: JsonNode): void {
    const { model, version } = this.ctx;
    const readsN4 = atLeast(version, '4.1.0');
    const legacyProps = new Set<JsonNode>();
    for (const part of model.legacy) for (const p of part.props) legacyProps.add(p.prop);
    const hasLegacy = model.legacy.length > 0;

    for (const p of propsOf(root)) {
      const winner = model.topLevel.get(p.key);
      if (winner && winner.prop !== p.prop) {
        this.duplicate(p, winner);
        continue;
      }
      if (legacyProps.has(p.prop)) continue;
      const keyClass = classifyTopLevelKey(p.key);
      const spec = topLevelField(p.key);
      if (spec) {
        if (!this.supported(p, spec.since)) continue;
        if (p.key === 'network') this.checkNetwork(p);
        else if (p.key === 'timeout' && p.value?.type === 'object') this.checkObject(p.value, TIMEOUT_FIELDS, 'timeout');
        else this.checkValue(p, spec);
        continue;
      }
      const legacyKey = keyClass === 'legacy-shared';
      if (!readsN4) {
        // Before v4.1 the legacy keys are what NapCat reads; the legacy rule speaks about them.
        if (keyClass === 'legacy-shared' || keyClass === 'f0' || keyClass === 'l1' || keyClass === 'leaked') continue;
      }
      if (legacyKey) {
        // Beside another legacy form these keys belong to it, and the legacy rule reports them.
        if (!hasLegacy)
          this.unknownKey(p, LEGACY_RUNTIME[p.key as keyof typeof LEGACY_RUNTIME], {}, 'warning', { reason: 'legacy' });
        continue;
      }
      if (keyClass === 'leaked') {
        this.unknownKey(p, M.leftover, {}, 'hint', { reason: 'leftover' });
        continue;
      }
      const kind = (ADAPTER_KINDS as readonly string[]).includes(p.key)
        ? (p.key as AdapterKind)
        : (this.suggest('kind', p.key, ADAPTER_KINDS, NETWORK_ALIASES) as AdapterKind | undefined);
      if (kind && (p.value?.type === 'array' || p.key === kind)) {
        this.unknownKey(p, M.kindAtTopLevel, { kind }, 'warning', { reason: 'misplaced', target: `network.${kind}` });
        continue;
      }
      this.unknownGeneric(p, this.suggest('top', p.key, Object.keys(TOP_LEVEL_FIELDS)));
    }
  }

  private checkNetwork(p: Prop): void {
    const node = p.value;
    if (!node) return;
    if (node.type !== 'object') {
      // Since v4.17.44 NapCat's defaults turn a list into an empty `network`; anything else fails the check.
      const effect = !this.converts ? {} : { effect: node.type === 'array' ? ('empty' as const) : ('discard' as const) };
      this.report(
        'napcat.invalid-type',
        'error',
        node,
        M.networkNotObject,
        { written: this.written(node, false) },
        { expected: 'object', ...effect },
      );
      return;
    }
    const winners = propMap(node);
    for (const kp of propsOf(node)) {
      const winner = winners.get(kp.key)!;
      if (winner.prop !== kp.prop) {
        this.duplicate(kp, winner);
        continue;
      }
      if (!own(KINDS, kp.key)) {
        this.unknownGeneric(kp, this.suggest('kind', kp.key, ADAPTER_KINDS, NETWORK_ALIASES));
        continue;
      }
      const kind = kp.key as AdapterKind;
      if (!this.supported(kp, KINDS[kind].since)) continue;
      this.checkList(kp, kind);
    }
  }

  private checkList(p: Prop, kind: AdapterKind): void {
    const list = p.value;
    if (!list) return;
    if (list.type !== 'array') {
      const args = { key: kind, written: this.written(list, false) };
      if (!this.converts)
        this.report('napcat.invalid-type', 'error', list, M.listOld, { ...args, version: this.version }, { expected: 'array' });
      else if (list.type === 'object')
        this.report('napcat.invalid-type', 'error', list, M.listObjectEmpty, args, { expected: 'array', effect: 'empty' });
      else this.report('napcat.invalid-type', 'error', list, M.listDiscard, args, { expected: 'array', effect: 'discard' });
      return;
    }
    const start = this.listStart.get(list);
    const items = list.children ?? [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.type === 'object') {
        const adapter = start === undefined ? undefined : this.ctx.model.adapters[start + i];
        this.checkEntry(kind, item, adapter?.node === item ? adapter : undefined);
        continue;
      }
      const args = { kind, written: this.written(item, false) };
      if (this.converts)
        this.report('napcat.invalid-type', 'error', item, M.entryDiscard, args, { expected: 'object', effect: 'discard' });
      else
        this.report(
          'napcat.invalid-type',
          'warning',
          item,
          M.entryOld,
          { ...args, version: this.version },
          { expected: 'object' },
        );
    }
  }

  /**
   * The hot loop (one call per adapter entry). When no key of the entry is written twice (the
   * model then gives its key list), it walks the property nodes directly and settles values that
   * already have their declared type without allocating anything; `Prop` views are built only to
   * report.
   */
  private checkEntry(kind: AdapterKind, item: JsonNode, adapter: Adapter | undefined): void {
    const keys = adapter?.ownKeys;
    if (keys) {
      const specs = this.specsOf(kind, keys);
      const props = item.children!;
      for (let i = 0; i < props.length; i++) {
        const prop = props[i];
        const value = prop.children![1];
        this.checkField(specs[i], kind, prop, keys[i], value && (isContainer(value) ? CONTAINER : value.value));
      }
      return;
    }
    const written = adapter?.fields;
    for (const p of propsOf(item)) {
      const winner = written?.get(p.key)?.prop;
      if (winner && winner.prop !== p.prop) this.duplicate(p, winner);
      else this.checkField(FIELD_MAPS[kind].get(p.key), kind, p.prop, p.key, p.value ? (isContainer(p.value) ? CONTAINER : p.value.value) : undefined);
    }
  }

  /**
   * The spec of each key of `keys` (undefined for a key the kind does not have). The entries of a
   * list share their key list (see the model's `ownKeys`), so this is computed once per list.
   */
  private specsOf(kind: AdapterKind, keys: readonly string[]): readonly (FieldSpec | undefined)[] {
    if (this.specs?.keys !== keys || this.specs.kind !== kind) {
      const fields = FIELD_MAPS[kind];
      this.specs = { kind, keys, specs: keys.map((k) => fields.get(k)) };
    }
    return this.specs.specs;
  }

  /**
   * One key of an adapter entry: its spec (undefined for a key the kind does not have), property
   * node, key, and decoded value (an object for containers, undefined when recovery left the key
   * without a value).
   */
  private checkField(spec: FieldSpec | undefined, kind: AdapterKind, prop: JsonNode, key: string, raw: unknown): void {
    if (!spec) {
      const others = KINDS_OF_FIELD.get(key);
      if (others) this.unknownKey(asProp(prop), M.fieldOfOtherKind, { kind, kinds: others.join(', ') }, 'warning', { reason: 'misplaced' });
      else this.unknownGeneric(asProp(prop), this.suggest(`entry:${kind}`, key, Object.keys(KINDS[kind].fields), ENTRY_ALIASES));
      return;
    }
    if (spec.since && !this.supported(asProp(prop), spec.since)) return;
    if (raw === undefined) return;
    const settled =
      (typeof raw !== 'object' || raw === null) && (this.converts ? hasExactType(raw, spec.type) : typeMatches(raw, spec.type));
    const effective = settled ? raw : this.checkValue(asProp(prop), spec);
    if (typeof effective === 'string' && key === 'messagePostFormat' && effective !== 'array' && effective !== 'string') {
      this.checkFormat(prop.children![1], effective);
    }
  }

  /** `timeout` (and any other plain object of known keys). */
  private checkObject(obj: JsonNode, fields: Readonly<Record<string, FieldSpec>>, level: string): void {
    const winners = propMap(obj);
    for (const p of propsOf(obj)) {
      const winner = winners.get(p.key)!;
      if (winner.prop !== p.prop) {
        this.duplicate(p, winner);
        continue;
      }
      if (!own(fields, p.key)) {
        this.unknownGeneric(p, this.suggest(level, p.key, Object.keys(fields)));
        continue;
      }
      if (this.supported(p, fields[p.key].since)) this.checkValue(p, fields[p.key]);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Values

  /**
   * Checks one value against its declared type and returns the value NapCat works with (after
   * conversion since v4.17.44, as written before), or undefined when it has no usable value.
   */
  private checkValue(p: Prop, spec: FieldSpec): unknown {
    const node = p.value;
    if (!node) return undefined;
    const secret = isSecretKey(p.key);
    const scalar = node.type !== 'object' && node.type !== 'array';
    const raw = scalar ? node.value : undefined;
    const matches = scalar ? typeMatches(raw, spec.type) : node.type === spec.type;
    if (!scalar && matches) return undefined;
    const c = scalar ? coerce(raw, spec.type) : ({ ok: false } as const);

    if (this.converts) {
      if (!c.ok) {
        this.report(
          'napcat.invalid-type',
          'error',
          node,
          M.invalidDiscard,
          {
            key: p.key,
            type: spec.type,
            written: this.written(node, secret),
          },
          { expected: spec.type, effect: 'discard' },
        );
        return undefined;
      }
      if (c.changed) {
        if (secret) {
          // The token's repair, described without the token: quoting the written text keeps the
          // token NapCat checks only when that text is exactly the string NapCat makes of it.
          const quote = node.type !== 'string' && c.value === this.ctx.text.slice(node.offset, node.offset + node.length);
          this.report('napcat.coerced-value', 'info', node, M.coercedSecret, { key: p.key }, ...(quote ? [{ repair: 'quote' } as const] : []));
        }
        else {
          this.report(
            'napcat.coerced-value',
            'info',
            node,
            M.coerced,
            {
              key: p.key,
              type: spec.type,
              written: this.written(node, false),
              converted: literal(c.value),
            },
            { value: c.value as string | number | boolean },
          );
        }
      }
      return c.value;
    }

    if (matches) return raw;
    const args: MessageArgs = { key: p.key, type: spec.type, written: this.written(node, secret), version: this.version };
    if (c.ok && secret) {
      this.report('napcat.invalid-type', 'warning', node, M.oldCoercibleSecret, args, { expected: spec.type });
    } else if (c.ok) {
      // The truthiness remark only holds for strings: 0 and 1 mean the same either way.
      const message = spec.type === 'boolean' && typeof raw === 'string' ? M.oldCoercibleBool : M.oldCoercible;
      this.report(
        'napcat.invalid-type',
        'warning',
        node,
        message,
        { ...args, converted: literal(c.value) },
        {
          expected: spec.type,
          value: c.value as string | number | boolean,
        },
      );
    } else if (spec.type === 'boolean') {
      this.report(
        'napcat.invalid-type',
        'warning',
        node,
        M.oldInvalidBool,
        { ...args, truthy: String(Boolean(raw)) },
        { expected: spec.type },
      );
    } else {
      this.report('napcat.invalid-type', 'warning', node, M.oldInvalid, args, { expected: spec.type });
    }
    return raw;
  }

  private checkFormat(node: JsonNode, value: string): void {
    if (value === 'array' || value === 'string') return;
    const suggestion = nearestFormat(value);
    const message = suggestion === 'string' ? M.formatSuggestString : M.formatSuggestArray;
    this.report('napcat.message-format', 'warning', node, message, { written: this.written(node, false) }, { suggestion });
  }

  // -------------------------------------------------------------------------------------------
  // Keys

  /** Reports a known key newer than the target; true when the target reads it. */
  private supported(p: Prop, since: string | undefined): boolean {
    if (!since || atLeast(this.ctx.version, since)) return true;
    this.ctx.report({
      code: 'napcat.unsupported-key',
      severity: 'warning',
      range: rangeOf(p.keyNode),
      message: M.unsupported,
      args: { key: p.key, since: `v${since}`, version: this.version },
      data: { key: p.key, since },
      unnecessary: true,
    });
    return false;
  }

  private unknownGeneric(p: Prop, suggestion: string | undefined): void {
    const message = this.converts
      ? suggestion
        ? M.unknownDroppedSuggest
        : M.unknownDropped
      : suggestion
        ? M.unknownSuggest
        : M.unknown;
    this.unknownKey(
      p,
      message,
      suggestion ? { suggestion } : {},
      'warning',
      suggestion ? { reason: 'typo', suggestion } : { reason: 'unknown' },
    );
  }

  private unknownKey(p: Prop, message: Message, args: MessageArgs, severity: Severity, data: Omit<FindingPayloads['napcat.unknown-key'], 'key'>): void {
    this.ctx.report({
      code: 'napcat.unknown-key',
      severity,
      range: rangeOf(p.keyNode),
      message,
      args: { key: p.key, ...args },
      data: { key: p.key, ...data },
      unnecessary: true,
    });
  }

  private duplicate(p: Prop, winner: Prop): void {
    this.ctx.report({
      code: 'napcat.duplicate-key',
      severity: 'warning',
      range: rangeOf(p.keyNode),
      message: M.duplicate,
      args: { key: p.key },
      related: [{ range: rangeOf(winner.keyNode), message: M.duplicateWinner, args: { key: p.key } }],
      data: { key: p.key },
      unnecessary: true,
    });
  }

  private suggest(
    level: string,
    key: string,
    candidates: readonly string[],
    aliases?: Readonly<Record<string, string>>,
  ): string | undefined {
    const cacheKey = `${level}\u0000${key}`;
    if (this.suggestions.has(cacheKey)) return this.suggestions.get(cacheKey);
    const s = suggestKey(key, candidates, aliases);
    this.suggestions.set(cacheKey, s);
    return s;
  }

  // -------------------------------------------------------------------------------------------
  // json5-unsupported

  private checkPlainJson(): void {
    const { parsed } = this.ctx;
    const before41 = !atLeast(this.ctx.version, '4.1.0');
    if (parsed.bom) {
      const message = before41 ? M.bomBefore41 : M.bomOverwrite;
      this.ctx.report({
        code: 'napcat.json5-unsupported',
        severity: 'error',
        range: { offset: 0, length: 1 },
        message,
        args: { version: this.version },
      });
      return;
    }
    if (parsed.dialect() === 'json') return;
    const range = firstNonJson(parsed.text);
    if (!range) return;
    const message = before41 ? M.plainJsonBefore41 : M.plainJsonOverwrite;
    this.ctx.report({ code: 'napcat.json5-unsupported', severity: 'error', range, message, args: { version: this.version } });
  }

  // -------------------------------------------------------------------------------------------

  private report<C extends FindingCode>(code: C, severity: Severity, node: JsonNode, message: Message, args: MessageArgs, ...data: PayloadArgs<C>): void {
    this.ctx.report(findingOf({ code, severity, range: rangeOf(node), message, args }, ...data));
  }

  /** The value as written, short, for messages: source text, `{…}`/`[…]`, or `***` for secrets. */
  private written(node: JsonNode, secret: boolean): string {
    if (node.type === 'object') return '{…}';
    if (node.type === 'array') return '[…]';
    if (secret && node.value !== null) return MASK;
    const source = this.ctx.text.slice(node.offset, node.offset + node.length);
    return source.length > 40 ? source.slice(0, 37) + '…' : source;
  }
}

function rangeOf(node: JsonNode): Range {
  return { offset: node.offset, length: node.length };
}

/** Whether a written scalar already has the declared type (before v4.17.44 nothing converts it). */
function typeMatches(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
    case 'number':
      // Before v4.17.44 ports and intervals were declared as plain numbers.
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    default:
      return false;
  }
}

const CONTAINER = {};
const isContainer = (node: JsonNode) => node.type === 'object' || node.type === 'array';

/** Whether TypeBox accepts a written scalar as it is (no conversion, no finding). */
function hasExactType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0);
    case 'string':
      return typeof value === 'string';
    default:
      return false;
  }
}

/** A converted value as a JSON literal (language-neutral). */
function literal(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The intended `messagePostFormat` value behind a misspelling; 'array' when nothing points to 'string'. */
function nearestFormat(value: string): 'array' | 'string' {
  const v = value.trim().toLowerCase();
  if (v === 'string' || v.includes('str') || v.includes('cq') || v === 'text') return 'string';
  if (v === 'array' || v.includes('arr') || v.includes('seg')) return 'array';
  return suggestKey(v, ['array', 'string']) === 'string' ? 'string' : 'array';
}

/**
 * The first place where a text that json5 reads stops being plain JSON: a comment, a trailing
 * comma, or a JSON5-only token (single quotes, unquoted keys, hex, Infinity, …).
 */
function firstNonJson(text: string): Range | undefined {
  const scanner = createScanner(text, false);
  let lastComma: Range | undefined;
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    const here = { offset: scanner.getTokenOffset(), length: Math.max(1, scanner.getTokenLength()) };
    if (scanner.getTokenError() !== ScanError.None) return here;
    switch (k) {
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
      case SyntaxKind.Unknown:
        return here;
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        continue;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (lastComma) return lastComma;
        break;
    }
    lastComma = k === SyntaxKind.CommaToken ? here : undefined;
  }
  // Characters JSON.parse rejects but the scanner takes as white space (U+2028/U+2029, U+FEFF …).
  const odd = /[^\x20\t\n\r\S]/.exec(text);
  return odd ? { offset: odd.index, length: 1 } : undefined;
}
