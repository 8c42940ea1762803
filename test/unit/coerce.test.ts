import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { coerce } from '../../server/src/core/coerce';
import type { FieldType } from '../../server/src/core/schema';

// NapCat (since v4.17.44) loads its config with TypeBox `Value.Parse`. TypeBox itself is the oracle:
// for every sample value and declared type, coerce() must accept, rewrite or reject exactly like it.
const SCHEMAS: Record<FieldType, TSchema> = {
  boolean: Type.Boolean(),
  integer: Type.Integer(),
  number: Type.Number(),
  string: Type.String(),
  array: Type.Array(Type.Unknown()),
  object: Type.Object({}, { additionalProperties: true }),
};

const SAMPLES: unknown[] = [
  true, false, 0, 1, -1, 2, 3001, 3001.5, -0, 1e21, 0.1, Infinity, -Infinity, NaN,
  '', ' ', 'true', 'false', 'TRUE', 'False', '1', '0', '-0', 'yes', 'no', 'on',
  '3001', ' 3001 ', '3001.5', '0x10', '1e3', '12abc', 'abc', '-5', '+5', '.5', 'Infinity', 'NaN',
  null, [], [1], {}, { a: 1 },
];

for (const type of Object.keys(SCHEMAS) as FieldType[]) {
  test(`coerce(${type}) agrees with TypeBox Value.Parse`, () => {
    for (const sample of SAMPLES) {
      let oracle: { ok: true; value: unknown } | { ok: false };
      try {
        oracle = { ok: true, value: Value.Parse(SCHEMAS[type], structuredClone(sample)) };
      } catch {
        oracle = { ok: false };
      }
      const ours = coerce(sample, type);
      const label = `${type} ← ${typeof sample === 'number' ? String(sample) : JSON.stringify(sample)}`;
      assert.equal(ours.ok, oracle.ok, `${label}: accepted?`);
      // For objects Value.Parse also cleans unknown keys (the unknown-key rule's business): compare acceptance only.
      if (ours.ok && oracle.ok && type !== 'object') assert.deepEqual(ours.value, oracle.value, `${label}: value`);
    }
  });
}
