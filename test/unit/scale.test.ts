import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core';
import { sayFinding } from '../helpers/l10n';

// Generated configs with thousands of colliding entries must give findings of bounded size: each
// lists at most a few other entries and counts the rest, instead of k findings of k items each.

test('5,000 nameless reverse WS clients: every finding lists a bounded number of other entries', () => {
  const n = 5000;
  const items = Array.from({ length: n }, (_, i) => `{"enable": true, "url": "ws://127.0.0.1:${1000 + i}/ws"}`);
  const text = `{"network": {"websocketClients": [${items.join(',\n')}]}}`;
  const { findings } = analyze(text);
  const names = findings.filter((f) => f.code === 'napcat.missing-name' || f.code === 'napcat.duplicate-name');
  assert.equal(names.filter((f) => f.code === 'napcat.missing-name').length, n);
  assert.equal(names.filter((f) => f.code === 'napcat.duplicate-name').length, n - 1);
  for (const f of names) {
    assert.ok((f.related?.length ?? 0) <= 8, `${f.code} lists ${f.related?.length} related entries`);
    assert.ok(sayFinding('en', f).length < 2000);
  }
  const first = names.find((f) => f.code === 'napcat.missing-name')!;
  assert.match(sayFinding('en', first), /and 4991 more entries use the same name/);
  // The entry NapCat keeps (the last one) is always among those listed.
  const data = first.code === 'napcat.missing-name' ? first.data : undefined;
  assert.ok(data);
  assert.equal(data.collidesWithCount, n - 1);
  assert.ok(data.collidesWith.some((r) => r.index === n - 1));
  // Suggested names stay unique.
  const suggested = names.filter((f) => f.code === 'napcat.duplicate-name').map((f) => (f.data as { suggestedName: string }).suggestedName);
  assert.equal(new Set(suggested).size, suggested.length);
});
