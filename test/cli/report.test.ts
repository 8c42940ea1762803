import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, useBundle, type Analysis, type Finding } from '../../server/src/core';
import { fileReport, redactor, secretsOf } from '../../server/src/cli/report';
import { summary } from '../../server/src/cli/check';
import { inLang } from '../helpers/l10n';

const TEXT = `{
  // a comment
  "token": "top-secret-value",
  "http": { "secret": 12345678 },
  "network": { "websocketClients": [ { "name": "a", "token": ["list-secret"], "url": "ws://h/?access_token=abc&x=1" } ] }
}`;

test('secretsOf collects every scalar under token/secret keys, nested ones included', () => {
  const a = analyze(TEXT);
  assert.deepEqual([...secretsOf(a.parsed?.root)].sort(), ['12345678', 'list-secret', 'top-secret-value']);
});

test('the redactor masks secret arguments, embedded secrets and access_token query values', () => {
  const a = analyze(TEXT);
  const redact = redactor(a);
  const message = 'value {v} in {url}; raw {raw}';
  assert.equal(
    redact(message, { v: 'top-secret-value', url: 'ws://h/?access_token=abc&x=1', raw: 'x top-secret-value y' }),
    'value *** in ws://h/?access_token=***&x=1; raw x *** y',
  );
  // Translated with the run's bundle, then masked.
  useBundle('zh-cn', { [message]: '值 {v}，地址 {url}，原文 {raw}' });
  try {
    assert.equal(redact(message, { v: 12345678, url: '-', raw: '-' }), '值 ***，地址 -，原文 -');
  } finally {
    useBundle('en');
  }
});

test('fileReport: 1-based ranges whose end is just after the last character', () => {
  const text = '{\n  "a": 1\n}';
  const base = analyze(text);
  const finding: Finding = { code: 'napcat.empty', severity: 'warning', range: { offset: 4, length: 3 }, message: 'm' };
  const analysis: Analysis = { ...base, findings: [finding] };
  const report = fileReport('f.json', text, analysis);
  assert.deepEqual(report.diagnostics[0].range, { start: { line: 2, column: 3 }, end: { line: 2, column: 6 } });
  assert.equal(report.shape, 'unknown');
});

test('summary wording, singular and plural, in both languages', () => {
  const none = { error: 0, warning: 0, info: 0, hint: 0 };
  assert.equal(summary(1, none), '1 file checked: no problems found.');
  assert.equal(summary(2, { ...none, error: 1, warning: 2 }), '2 files checked: 3 problems (1 error, 2 warnings).');
  assert.equal(inLang('zh-cn', () => summary(2, { ...none, info: 1 })), '已检查 2 个文件，发现 1 个问题（1 个提示）。');
});
