import type { Catalogue, MessageArgs } from '../../i18n';
import type { JsonNode } from '../../json/parse';
import type { Prop } from '../../json/nodes';
import { coerce } from '../../coerce';
import { isSecretKey } from '../../secrets';
import type { AdapterKind, FieldSpec, FieldType } from '../../schema';
import type { ValueReporter } from './context';

/**
 * `napcat.invalid-type` and `napcat.coerced-value`: whether NapCat can use what is written where
 * it expects a value of a type (facts §3, §4) — a root that is an object, a `network` object, a
 * list per kind, an object per entry, and every field's value — and what it converts on load.
 * The fixes are in `service/fixes/coercedValue.ts`.
 */
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
} satisfies Catalogue<string>;

/** The root is not an object: NapCat cannot read the file. */
export function reportRootNotObject(r: ValueReporter, root: JsonNode): void {
  const data = r.converts ? ({ expected: 'object', effect: 'discard' } as const) : { expected: 'object' };
  r.report('napcat.invalid-type', 'error', root, M.rootNotObject, { written: r.written(root, false) }, data);
}

/** `network` is not an object. Since v4.17.44 NapCat's defaults turn a list into an empty `network`; anything else fails the check. */
export function reportNetworkNotObject(r: ValueReporter, node: JsonNode): void {
  const effect = !r.converts ? {} : { effect: node.type === 'array' ? ('empty' as const) : ('discard' as const) };
  r.report('napcat.invalid-type', 'error', node, M.networkNotObject, { written: r.written(node, false) }, { expected: 'object', ...effect });
}

/** A kind's list is not an array. */
export function reportListNotArray(r: ValueReporter, kind: AdapterKind, list: JsonNode): void {
  const args = { key: kind, written: r.written(list, false) };
  if (!r.converts) r.report('napcat.invalid-type', 'error', list, M.listOld, { ...args, version: r.version }, { expected: 'array' });
  else if (list.type === 'object') r.report('napcat.invalid-type', 'error', list, M.listObjectEmpty, args, { expected: 'array', effect: 'empty' });
  else r.report('napcat.invalid-type', 'error', list, M.listDiscard, args, { expected: 'array', effect: 'discard' });
}

/** An item of a kind's list is not an object. */
export function reportEntryNotObject(r: ValueReporter, kind: AdapterKind, item: JsonNode): void {
  const args = { kind, written: r.written(item, false) };
  if (r.converts) r.report('napcat.invalid-type', 'error', item, M.entryDiscard, args, { expected: 'object', effect: 'discard' });
  else r.report('napcat.invalid-type', 'warning', item, M.entryOld, { ...args, version: r.version }, { expected: 'object' });
}

/**
 * Whether a written scalar needs no look: it has the declared type exactly as TypeBox accepts it
 * (v4.17.44+), or as the older releases pass it on.
 */
export function isSettled(r: ValueReporter, raw: unknown, type: FieldType): boolean {
  return (typeof raw !== 'object' || raw === null) && (r.converts ? hasExactType(raw, type) : typeMatches(raw, type));
}

/**
 * Checks one value against its declared type and returns the value NapCat works with (after
 * conversion since v4.17.44, as written before), or undefined when it has no usable value.
 */
export function checkValue(r: ValueReporter, p: Prop, spec: FieldSpec): unknown {
  const node = p.value;
  if (!node) return undefined;
  const secret = isSecretKey(p.key);
  const scalar = node.type !== 'object' && node.type !== 'array';
  const raw = scalar ? node.value : undefined;
  const matches = scalar ? typeMatches(raw, spec.type) : node.type === spec.type;
  if (!scalar && matches) return undefined;
  const c = scalar ? coerce(raw, spec.type) : ({ ok: false } as const);

  if (r.converts) {
    if (!c.ok) {
      const args = { key: p.key, type: spec.type, written: r.written(node, secret) };
      r.report('napcat.invalid-type', 'error', node, M.invalidDiscard, args, { expected: spec.type, effect: 'discard' });
      return undefined;
    }
    if (c.changed) {
      if (secret) {
        // The token's repair, described without the token: quoting the written text keeps the
        // token NapCat checks only when that text is exactly the string NapCat makes of it.
        const quote = node.type !== 'string' && c.value === r.ctx.text.slice(node.offset, node.offset + node.length);
        r.report('napcat.coerced-value', 'info', node, M.coercedSecret, { key: p.key }, ...(quote ? [{ repair: 'quote' } as const] : []));
      } else {
        const args = { key: p.key, type: spec.type, written: r.written(node, false), converted: literal(c.value) };
        r.report('napcat.coerced-value', 'info', node, M.coerced, args, { value: c.value as string | number | boolean });
      }
    }
    return c.value;
  }

  if (matches) return raw;
  const args: MessageArgs = { key: p.key, type: spec.type, written: r.written(node, secret), version: r.version };
  if (c.ok && secret) {
    r.report('napcat.invalid-type', 'warning', node, M.oldCoercibleSecret, args, { expected: spec.type });
  } else if (c.ok) {
    // The truthiness remark only holds for strings: 0 and 1 mean the same either way.
    const message = spec.type === 'boolean' && typeof raw === 'string' ? M.oldCoercibleBool : M.oldCoercible;
    r.report('napcat.invalid-type', 'warning', node, message, { ...args, converted: literal(c.value) }, {
      expected: spec.type,
      value: c.value as string | number | boolean,
    });
  } else if (spec.type === 'boolean') {
    r.report('napcat.invalid-type', 'warning', node, M.oldInvalidBool, { ...args, truthy: String(Boolean(raw)) }, { expected: spec.type });
  } else {
    r.report('napcat.invalid-type', 'warning', node, M.oldInvalid, args, { expected: spec.type });
  }
  return raw;
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
