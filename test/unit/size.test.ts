import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, mibPair } from '../../server/src/core';

const MIB = 1024 * 1024;

test('mibPair: a size just above the limit never reads as equal to it', () => {
  assert.deepEqual(mibPair(10 * MIB + 1, 10 * MIB), { size: '10.000001', limit: '10' });
  assert.deepEqual(mibPair(12.34 * MIB, 10 * MIB), { size: '12.3', limit: '10' });
  assert.deepEqual(mibPair(10.04 * MIB, 10 * MIB), { size: '10.04', limit: '10' });
  assert.deepEqual(mibPair(0.5 * MIB, 0.25 * MIB), { size: '0.5', limit: '0.25' });
  for (const [size, limit] of [[10 * MIB + 1, 10 * MIB], [1.2346 * MIB, 1.2345 * MIB], [3000, 105], [MIB + 7, MIB + 3]]) {
    const p = mibPair(size, limit);
    assert.ok(Number(p.size) > Number(p.limit), `${size} vs ${limit}: ${JSON.stringify(p)}`);
  }
});

test('the too-large finding says how far above the limit a file is', () => {
  const text = ' '.repeat(10 * MIB + 1);
  const f = analyze(text).findings;
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'napcat.too-large');
  assert.deepEqual(f[0].args, { size: '10.000001', limit: '10' });
});
