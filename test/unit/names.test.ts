import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, type AnalyzeOptions, type Finding } from '../../server/src/core';
import { syntaxRule } from '../../server/src/core/rules/syntax';
import { namesRule } from '../../server/src/core/rules/names';
import { checkGolden, fixturesIn } from '../helpers/golden';
import { say, sayFinding } from '../helpers/l10n';

/** Only this rule (and syntax) in the golden files, so other rules' changes do not churn them. */
const RULES: AnalyzeOptions = { rules: [syntaxRule, namesRule] };
const NAME_CODES = new Set(['napcat.duplicate-name', 'napcat.missing-name', 'napcat.reserved-name']);

for (const rel of fixturesIn('names')) {
  test(`golden ${rel}`, () => checkGolden(rel, RULES));
}

function run(text: string, options: AnalyzeOptions = {}): Finding[] {
  return analyze(text, { ...RULES, ...options }).findings.filter((f) => NAME_CODES.has(f.code));
}

/** The text a range covers. */
function at(text: string, r: { offset: number; length: number }): string {
  return text.slice(r.offset, r.offset + r.length);
}

test('the winner is the last enabled entry in registration order, not in file order', () => {
  // websocketClients are written first but registered last (after httpServers and httpClients).
  const text = JSON.stringify({
    network: {
      websocketClients: [{ name: 'x', enable: true, url: 'ws://w:1/' }],
      httpServers: [{ name: 'x', enable: true, port: 3000 }],
      httpClients: [
        { name: 'x', enable: true, url: 'http://c:1/' },
        { name: 'x', enable: false, url: 'http://c:2/' },
      ],
    },
  });
  const dups = run(text).filter((f) => f.code === 'napcat.duplicate-name');
  const errors = dups.filter((f) => f.severity === 'error');
  assert.equal(errors.length, 2, 'the HTTP server and the enabled HTTP client are replaced');
  for (const e of errors) {
    const data = e.data as { winner: { kind: string; index: number } };
    assert.deepEqual(data.winner, { kind: 'websocketClients', index: 0, origin: 'network', path: ['network', 'websocketClients', 0] });
    assert.match(sayFinding('en', e), /websocketClients\[0\] \(ws:\/\/w:1\/\)/);
  }
  const warnings = dups.filter((f) => f.severity === 'warning');
  assert.equal(warnings.length, 1, 'the disabled HTTP client is a warning');
  assert.equal((warnings[0].data as { index: number }).index, 1);
});

test('related information points at the other name strings', () => {
  const text = '{"network":{"websocketClients":[{"name":"dup","enable":true},{"name":"dup","enable":true},{"name":"dup","enable":true}]}}';
  const errors = run(text).filter((f) => f.code === 'napcat.duplicate-name');
  assert.equal(errors.length, 2);
  const nameOffsets = [...text.matchAll(/"dup"/g)].map((m) => m.index);
  for (const e of errors) {
    assert.equal(at(text, e.range), '"dup"');
    const own = e.range.offset;
    const related = (e.related ?? []).map((r) => r.range.offset).sort((a, b) => a - b);
    assert.deepEqual(related, nameOffsets.filter((o) => o !== own));
    for (const r of e.related ?? []) assert.equal(at(text, r.range), '"dup"');
  }
  // Suggested names are unique and differ between the two replaced entries.
  const suggested = errors.map((e) => (e.data as { suggestedName: string }).suggestedName);
  assert.deepEqual(suggested.sort(), ['dup-2', 'dup-3']);
});

test('a missing name is reported on the opening brace and counts as the default name', () => {
  const text = '{"network":{"websocketClients":[{"enable":true,"url":"ws://a/"},{"enable":true,"url":"ws://b/"}]}}';
  const findings = run(text);
  const missing = findings.filter((f) => f.code === 'napcat.missing-name');
  assert.equal(missing.length, 2);
  for (const f of missing) {
    assert.equal(f.severity, 'error');
    assert.equal(at(text, f.range), '{');
  }
  const dup = findings.filter((f) => f.code === 'napcat.duplicate-name');
  assert.equal(dup.length, 1);
  assert.equal((dup[0].data as { name: string }).name, 'websocket-client');
  // The fix for the replaced entry and the add-name fix propose the same name.
  const first = missing.find((f) => (f.data as { index: number }).index === 0)!;
  assert.equal((first.data as { suggestedName: string }).suggestedName, (dup[0].data as { suggestedName: string }).suggestedName);
  // The entry that wins keeps the default name, written out.
  const second = missing.find((f) => (f.data as { index: number }).index === 1)!;
  assert.equal((second.data as { suggestedName: string }).suggestedName, 'websocket-client');
});

test('the Chinese message is used for zh-cn', () => {
  const text = '{"network":{"websocketServers":[{"name":"a","enable":true,"port":3001}],"websocketClients":[{"name":"a","enable":true,"url":"ws://x/"}]}}';
  // A finding carries templates and arguments, worded in the language of the surface that shows it.
  const [f] = run(text);
  const zh = sayFinding('zh-cn', f);
  assert.match(zh, /名称 'a' 重复/);
  assert.match(zh, /WebSocket 服务端仍会占用 127\.0\.0\.1:3001/);
  assert.doesNotMatch(zh, /[a-z]{3,} [a-z]{3,} [a-z]{3,}/, 'no English sentence left in the Chinese text');
  const related = f.related![0];
  assert.match(say('zh-cn', related.message, related.args), /NapCat 保留的是这一个/);
});

test('offsets are UTF-16 offsets, also after astral characters and CRLF', () => {
  const text = '{\r\n"network":{"websocketClients":[\r\n{"name":"😺","enable":true},\r\n{"name":"😺","enable":true}]}}';
  const [f] = run(text);
  assert.equal(at(text, f.range), '"😺"');
  assert.equal(at(text, f.related![0].range), '"😺"');
  assert.ok(f.related![0].range.offset > f.range.offset);
});

test('names of other types and non-object entries never crash the rule', () => {
  for (const text of [
    '{"network":{"websocketClients":[{"name":null},{"name":[]},{"name":{}},1,"x",null,[]]}}',
    '{"network":{"websocketClients":{}}}',
    '{"network":[]}',
    '{"network":{"websocketClients":[{"name":true,"enable":true},{"name":"true","enable":true}]}}',
    '{"reverseWs":{"connections":[1,{"name":2},{"name":"a"},{"name":"a"}]}}',
    '{"network":{"websocketClients":[{"name":"a","enable":true},{"name":',
  ]) {
    assert.doesNotThrow(() => run(text), text);
  }
});
