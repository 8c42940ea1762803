import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, type Finding, type FindingOf } from '../../server/src/core';

/**
 * Findings are a union discriminated on `code`: narrowing on the code gives the payload's type,
 * and a misspelt field or code fails type checking (`@ts-expect-error` fails the build when the
 * line below it stops being an error).
 */

function schemeOf(f: Finding): string | undefined {
  if (f.code !== 'napcat.url-scheme') return undefined;
  // @ts-expect-error a misspelt field of the payload
  void f.data.schema;
  return f.data.scheme;
}

test('narrowing on the code types the payload; misspelt fields and codes do not compile', () => {
  const text = JSON.stringify({ network: { websocketClients: [{ name: 'a', enable: true, url: '127.0.0.1:8080' }] } });
  const found = analyze(text).findings;
  assert.deepEqual(found.map(schemeOf).filter((s) => s !== undefined), ['ws']);
  // @ts-expect-error an unknown code
  const typo: Finding['code'] = 'napcat.url-schema';
  void typo;
  // @ts-expect-error a payload every finding of the code carries cannot be left out
  const missing: FindingOf<'napcat.message-format'> = { code: 'napcat.message-format', severity: 'warning', range: { offset: 0, length: 0 }, message: 'm' };
  void missing;
});
