import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, type Analysis, type Finding } from '../../server/src/core';
import { fileReport } from '../../server/src/cli/report';
import { summary } from '../../server/src/cli/check';
import { inLang } from '../helpers/l10n';

const TEXT = `{
  // a comment
  "token": "top-secret-value",
  "http": { "secret": 12345678 },
  "network": { "websocketClients": [ { "name": "a", "token": ["list-secret"], "url": "ws://h/?access_token=abc&x=1" } ] }
}`;

test('a report shows no secret of the config, in either language; masked parts read ***', () => {
  const a = analyze(TEXT);
  for (const lang of ['en', 'zh-cn'] as const) {
    const json = JSON.stringify(inLang(lang, () => fileReport('f.json', TEXT, a)));
    for (const secret of ['top-secret-value', '12345678', 'list-secret', 'access_token=abc']) assert.ok(!json.includes(secret), `${lang}: ${secret} in ${json}`);
  }
});

test('a token that is also a word elsewhere (NaN) hides nothing but itself: masking is by key, not by value', () => {
  const text = '{ token: "NaN", network: { websocketServers: [ { name: "s", port: NaN, token: "NaN" } ] } }';
  const report = fileReport('f.json5', text, analyze(text));
  const port = report.diagnostics.find((d) => d.message.includes('port'));
  assert.ok(port, JSON.stringify(report));
  assert.match(port.message, /NaN/);
  assert.doesNotMatch(port.message, /\*\*\*/);
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
