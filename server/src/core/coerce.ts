import type { FieldType } from './schema';

/**
 * How NapCat (since v4.17.44: TypeBox `Value.Parse`, i.e. Convert then Assert) turns a written
 * value into the declared type. Returns `{ ok: true, value, changed }` when the value is accepted
 * (`changed`: NapCat rewrote it, e.g. "3001" → 3001) or `{ ok: false }` when Assert fails, which
 * makes NapCat discard the whole file.
 */
export type Coerced = { readonly ok: true; readonly value: unknown; readonly changed: boolean } | { readonly ok: false };

const same = (value: unknown): Coerced => ({ ok: true, value, changed: false });
const changed = (value: unknown): Coerced => ({ ok: true, value, changed: true });
const FAIL: Coerced = { ok: false };

function isValueTrue(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && (v.toLowerCase() === 'true' || v === '1'));
}
function isValueFalse(v: unknown): boolean {
  return v === false || v === 0 || (typeof v === 'string' && (v.toLowerCase() === 'false' || v === '0' || v === '-0'));
}
function isStringNumeric(v: unknown): v is string {
  return typeof v === 'string' && !isNaN(v as unknown as number) && !isNaN(parseFloat(v));
}

export function coerce(value: unknown, type: FieldType): Coerced {
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return same(value);
      if (isValueTrue(value)) return changed(true);
      if (isValueFalse(value)) return changed(false);
      return FAIL;
    case 'number':
    case 'integer': {
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) return FAIL;
        if (type === 'number' && Object.is(value, -0)) return changed(0);
        if (type === 'number' || Number.isInteger(value)) return same(value);
        return changed(Math.trunc(value));
      }
      let n: number | undefined;
      // TypeBox converts with parseInt without a radix: "0x10" is 16, "1e3" is 1, "3001.5" is 3001.
      if (isStringNumeric(value)) n = type === 'integer' ? parseInt(value) : parseFloat(value);
      else if (isValueTrue(value)) n = 1;
      else if (isValueFalse(value)) n = 0;
      if (n === undefined || !Number.isFinite(n)) return FAIL;
      return changed(n);
    }
    case 'string':
      if (typeof value === 'string') return same(value);
      if (typeof value === 'number' || typeof value === 'boolean') return changed(String(value));
      return FAIL;
    case 'array':
      // TypeBox Convert wraps any other value into a one-element list. NapCat's own lists carry
      // `default: []`, and Value.Default runs first and replaces a non-list by that default, so in
      // NapCat `"websocketClients": { … }` becomes an empty list (the values rule reports that).
      return Array.isArray(value) ? same(value) : changed([value]);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? same(value) : FAIL;
  }
}
