import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import JSON5 from 'json5';
import { getNodeValue } from 'jsonc-parser';
import { parseText } from '../../server/src/core';
import { rng, genJson5, mutate } from '../helpers/json5gen';

// Differential test against NapCat's own reader (the json5 package): on generated JSON5 texts and
// on random mutations of them, parseText() must accept exactly what json5.parse accepts, read the
// same values, and place a syntax problem where json5 stops.

function json5Outcome(text: string): { ok: true; value: unknown } | { ok: false; offset: number } {
  try {
    return { ok: true, value: JSON5.parse(text) };
  } catch (e) {
    const err = e as { lineNumber?: number; columnNumber?: number };
    return { ok: false, offset: offsetOf(text, err.lineNumber ?? 1, err.columnNumber ?? 1) };
  }
}

/** json5 counts lines at '\n' only, columns in UTF-16 units after reading the bad character. */
function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  return Math.min(text.length, lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1);
}

/** jsonc-parser builds objects without a prototype; compare values, not prototypes. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
}

const CASES = 2000;

test(`parseText accepts exactly what json5.parse accepts (${CASES} generated texts and mutations)`, () => {
  const mismatches: string[] = [];
  for (let seed = 1; seed <= CASES; seed++) {
    const r = rng(seed);
    const base = genJson5(r);
    for (const text of [base, mutate(base, r)]) {
      const oracle = json5Outcome(text);
      const ours = parseText(text);
      if (oracle.ok) {
        if (ours.failure) mismatches.push(`seed ${seed}: json5 accepts but we report ${ours.failure.kind}: ${JSON.stringify(text)}`);
        else if (ours.root) {
          try {
            assert.deepEqual(plain(getNodeValue(ours.root)), plain(oracle.value));
          } catch {
            mismatches.push(`seed ${seed}: values differ: ${JSON.stringify(text)}`);
          }
        }
      } else if (!ours.failure) {
        mismatches.push(`seed ${seed}: json5 rejects but we accept: ${JSON.stringify(text)}`);
      } else if (ours.failure.kind === 'syntax' && ours.failure.problem.offset !== oracle.offset) {
        mismatches.push(
          `seed ${seed}: error at ${ours.failure.problem.offset}, json5 at ${oracle.offset}: ${JSON.stringify(text)}`,
        );
      }
    }
  }
  assert.deepEqual(mismatches.slice(0, 15), [], `${mismatches.length} mismatches`);
});
