import type { JsonNode } from '../../json/parse';
import { asProp, propsOf, propMap, type Prop } from '../../json/nodes';
import type { Adapter } from '../../model';
import {
  ADAPTER_KINDS,
  KINDS,
  TIMEOUT_FIELDS,
  TOP_LEVEL_FIELDS,
  classifyTopLevelKey,
  topLevelField,
  type AdapterKind,
  type FieldSpec,
} from '../../schema';
import { atLeast } from '../../version';
import type { Rule, RuleContext } from '../rule';
import { ValueReporter } from './context';
import { checkPlainJson } from './json5';
import { KeyChecks } from './keys';
import { checkMessageFormat } from './messageFormat';
import { checkValue, isSettled, reportEntryNotObject, reportListNotArray, reportNetworkNotObject, reportRootNotObject } from './types';

/**
 * The values rule: what NapCat makes of every key and value it reads (facts §3, §4), in one pass
 * over the root, `network`, every adapter entry and `timeout`, linear in the size of those
 * objects. This file walks the structure; each code has its own module:
 *
 * - `napcat.invalid-type`, `napcat.coerced-value` — `types.ts`
 * - `napcat.unknown-key`, `napcat.unsupported-key`, `napcat.duplicate-key` — `keys.ts`
 * - `napcat.message-format` — `messageFormat.ts`
 * - `napcat.json5-unsupported` — `json5.ts`
 */
export const valuesRule: Rule = {
  id: 'values',
  check(ctx) {
    new ValuesCheck(ctx).run();
  },
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

const CONTAINER = {};
const isContainer = (node: JsonNode) => node.type === 'object' || node.type === 'array';

class ValuesCheck {
  private readonly r: ValueReporter;
  private readonly keys: KeyChecks;
  /** Index in `model.adapters` of the first entry of each list (the model keeps list order). */
  private readonly listStart = new Map<JsonNode, number>();
  /** The specs of the last key list seen (see specsOf). */
  private specs: { kind: AdapterKind; keys: readonly string[]; specs: readonly (FieldSpec | undefined)[] } | undefined;

  constructor(private readonly ctx: RuleContext) {
    this.r = new ValueReporter(ctx);
    this.keys = new KeyChecks(this.r);
  }

  run(): void {
    const { parsed, model } = this.ctx;
    checkPlainJson(this.r);
    const root = parsed.root;
    if (!root) return;
    if (root.type !== 'object') {
      if (!parsed.failure) reportRootNotObject(this.r, root);
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

  private checkTopLevel(root: JsonNode): void {
    const { model, version } = this.ctx;
    const readsN4 = atLeast(version, '4.1.0');
    const legacyProps = new Set<JsonNode>();
    for (const part of model.legacy) for (const p of part.props) legacyProps.add(p.prop);
    const hasLegacy = model.legacy.length > 0;

    for (const p of propsOf(root)) {
      const winner = model.topLevel.get(p.key);
      if (winner && winner.prop !== p.prop) {
        this.keys.duplicate(p, winner);
        continue;
      }
      if (legacyProps.has(p.prop)) continue;
      const keyClass = classifyTopLevelKey(p.key);
      const spec = topLevelField(p.key);
      if (spec) {
        if (!this.keys.supported(p, spec.since)) continue;
        if (p.key === 'network') this.checkNetwork(p);
        else if (p.key === 'timeout' && p.value?.type === 'object') this.checkObject(p.value, TIMEOUT_FIELDS, 'timeout');
        else checkValue(this.r, p, spec);
        continue;
      }
      // Before v4.1 the legacy keys are what NapCat reads; the legacy rule speaks about them.
      if (!readsN4 && (keyClass === 'legacy-shared' || keyClass === 'f0' || keyClass === 'l1' || keyClass === 'leaked')) continue;
      if (keyClass === 'legacy-shared') {
        // Beside another legacy form these keys belong to it, and the legacy rule reports them.
        if (!hasLegacy) this.keys.legacySetting(p);
        continue;
      }
      if (keyClass === 'leaked') {
        this.keys.leftover(p);
        continue;
      }
      if (this.keys.kindAtTopLevel(p)) continue;
      this.keys.unknown(p, 'top', Object.keys(TOP_LEVEL_FIELDS));
    }
  }

  private checkNetwork(p: Prop): void {
    const node = p.value;
    if (!node) return;
    if (node.type !== 'object') {
      reportNetworkNotObject(this.r, node);
      return;
    }
    const winners = propMap(node);
    for (const kp of propsOf(node)) {
      const winner = winners.get(kp.key)!;
      if (winner.prop !== kp.prop) {
        this.keys.duplicate(kp, winner);
        continue;
      }
      if (!own(KINDS, kp.key)) {
        this.keys.unknown(kp, 'kind', ADAPTER_KINDS, 'network');
        continue;
      }
      const kind = kp.key as AdapterKind;
      if (!this.keys.supported(kp, KINDS[kind].since)) continue;
      this.checkList(kp, kind);
    }
  }

  private checkList(p: Prop, kind: AdapterKind): void {
    const list = p.value;
    if (!list) return;
    if (list.type !== 'array') {
      reportListNotArray(this.r, kind, list);
      return;
    }
    const start = this.listStart.get(list);
    const items = list.children ?? [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.type !== 'object') {
        reportEntryNotObject(this.r, kind, item);
        continue;
      }
      const adapter = start === undefined ? undefined : this.ctx.model.adapters[start + i];
      this.checkEntry(kind, item, adapter?.node === item ? adapter : undefined);
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
      const winner = written?.get(p.key);
      if (winner && winner.prop !== p.prop) this.keys.duplicate(p, winner);
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
      if (others) this.keys.fieldOfOtherKind(asProp(prop), kind, others);
      else this.keys.unknown(asProp(prop), `entry:${kind}`, Object.keys(KINDS[kind].fields), 'entry');
      return;
    }
    if (spec.since && !this.keys.supported(asProp(prop), spec.since)) return;
    if (raw === undefined) return;
    const effective = isSettled(this.r, raw, spec.type) ? raw : checkValue(this.r, asProp(prop), spec);
    if (typeof effective === 'string' && key === 'messagePostFormat') checkMessageFormat(this.r, prop.children![1], effective);
  }

  /** `timeout` (and any other plain object of known keys). */
  private checkObject(obj: JsonNode, fields: Readonly<Record<string, FieldSpec>>, level: string): void {
    const winners = propMap(obj);
    for (const p of propsOf(obj)) {
      const winner = winners.get(p.key)!;
      if (winner.prop !== p.prop) {
        this.keys.duplicate(p, winner);
        continue;
      }
      if (!own(fields, p.key)) {
        this.keys.unknown(p, level, Object.keys(fields));
        continue;
      }
      if (this.keys.supported(p, fields[p.key].since)) checkValue(this.r, p, fields[p.key]);
    }
  }
}
