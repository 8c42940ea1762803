import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, parseVersion, type AnalyzeOptions, type Finding } from '../../server/src/core';
import { syntaxRule } from '../../server/src/core/rules/syntax';
import { legacyRule } from '../../server/src/core/rules/legacy';
import { checkGolden, fixturesIn, ROOT } from '../helpers/golden';
import { sayFinding } from '../helpers/l10n';

/** Only this rule (and syntax) in the golden files, so other rules' changes do not churn them. */
const RULES: AnalyzeOptions = { rules: [syntaxRule, legacyRule] };

for (const rel of fixturesIn('legacy')) {
  test(`golden ${rel}`, () => checkGolden(rel, RULES));
}

function legacy(text: string, target?: string): Finding[] {
  const targetVersion = target ? parseVersion(target) : undefined;
  return analyze(text, { ...RULES, targetVersion }).findings.filter((f) => f.code === 'napcat.legacy-config');
}

const at = (text: string, r: { offset: number; length: number }) => text.slice(r.offset, r.offset + r.length);

const L1 = JSON.stringify({
  http: { enable: false, host: '', port: 3000, secret: '', enablePost: false, postUrls: [] },
  ws: { enable: false, host: '', port: 3001 },
  reverseWs: { enable: true, urls: ['ws://a:1/ws', 'ws://b:2/ws'] },
  heartInterval: 30000,
  token: 'abc',
});

test('severity follows the target version for an L1 file with enabled reverse WS', () => {
  const severity = (v: string) => legacy(L1, v).map((f) => f.severity);
  assert.deepEqual(severity('1.3.0'), ['error'], 'before v1.3.5: not read');
  assert.deepEqual(severity('4.0.3'), ['info'], 'v1.3.5–v4.0.x: native');
  assert.deepEqual(severity('4.2.0'), ['error'], 'v4.1–v4.2.9: all reverse WS share one name');
  assert.deepEqual(severity('latest'), ['error'], 'since v4.4.0: ignored');
});

test('one finding per legacy form, on the first legacy key, with the other keys related', () => {
  const text = '{"token":"","wsReverseUrls":["ws://x/"],"enableWsReverse":true,"ws":{"enable":true,"port":3001},"reverseWs":{"enable":false,"urls":[]}}';
  const findings = legacy(text);
  assert.deepEqual(findings.map((f) => (f.data as { form: string }).form), ['F0', 'L1']);
  const [f0, l1] = findings;
  assert.equal(at(text, f0.range), '"wsReverseUrls"');
  assert.deepEqual(f0.related!.filter((r) => r.message.includes('legacy config')).map((r) => at(text, r.range)), ['"enableWsReverse"']);
  assert.equal(at(text, l1.range), '"ws"');
  assert.deepEqual(l1.related!.map((r) => at(text, r.range)), ['"reverseWs"']);
  // The top-level runtime keys belong to the L1 part only.
  assert.deepEqual((l1.data as { sharedKeys: string[] }).sharedKeys, ['token']);
  assert.deepEqual((f0.data as { sharedKeys: string[] }).sharedKeys, []);
});

test('data carries everything a rebuild needs, and no secret (the rebuild reads tokens from the text)', () => {
  const [f] = legacy(L1);
  assert.deepEqual(f.data, {
    form: 'L1',
    keys: ['http', 'ws', 'reverseWs'],
    sharedKeys: ['token', 'heartInterval'],
    leakedKeys: [],
    settings: { token: '***', heartInterval: 30000, secret: '' },
    network: false,
    connections: [
      { kind: 'httpServers', enabled: false, host: '', port: 3000, path: 'http', counterpart: null },
      { kind: 'websocketServers', enabled: false, host: '', port: 3001, path: 'ws', counterpart: null },
      { kind: 'websocketClients', enabled: true, url: 'ws://a:1/ws', path: 'reverseWs.urls[0]', counterpart: null },
      { kind: 'websocketClients', enabled: true, url: 'ws://b:2/ws', path: 'reverseWs.urls[1]', counterpart: null },
    ],
  });
  // Plain JSON: survives a round trip unchanged.
  assert.deepEqual(JSON.parse(JSON.stringify(f.data)), f.data);
});

test('a mixed file names only the legacy connections without an enabled counterpart', () => {
  const text = JSON.stringify({
    reverseWs: { enable: true, urls: ['ws://kept:1/ws', 'ws://lost:2/ws'] },
    network: { websocketClients: [{ name: 'kept', enable: true, url: 'ws://kept:1/ws/' }] },
  });
  const [f] = legacy(text);
  assert.equal(f.severity, 'error');
  const en = sayFinding('en', f);
  assert.match(en, /no counterpart in `network`.*ws:\/\/lost:2\/ws/);
  assert.doesNotMatch(en, /kept:1/);
  assert.deepEqual(f.related!.map((r) => at(text, r.range)), ['"ws://lost:2/ws"']);
  const conns = (f.data as { connections: { counterpart: unknown }[] }).connections;
  assert.deepEqual(conns.map((c) => c.counterpart), [{ kind: 'websocketClients', index: 0, enabled: true }, null]);
});

test('a dead default block is info, never an error', () => {
  const text = JSON.stringify({
    http: { enable: false, port: 3000, postUrls: [] },
    ws: { enable: false, port: 3001 },
    reverseWs: { enable: false, urls: [] },
  });
  for (const v of ['1.3.0', '4.0.3', '4.3.0', 'latest']) {
    for (const f of legacy(text, v)) assert.equal(f.severity, 'info', v);
  }
});

test('the Chinese message is used for zh-cn', () => {
  // A finding carries templates and arguments: the same finding is worded in either language where it is shown.
  const [f] = legacy(L1);
  const zh = sayFinding('zh-cn', f);
  assert.match(sayFinding('en', f), /^This is the legacy config format/);
  assert.match(zh, /^这是 NapCat v1\.3\.5–v4\.0 的旧版配置格式/);
  assert.match(zh, /自 v4\.4\.0 起 NapCat 会静默忽略它/);
  assert.match(zh, /反向 WS ws:\/\/a:1\/ws 和 反向 WS ws:\/\/b:2\/ws/);
});

test('hostile legacy shapes never crash the rule', () => {
  for (const text of [
    '{"reverseWs":[1,null,{},"ws://x/"]}',
    '{"reverseWs":{"connections":[1,"x",null,{"url":2}]}}',
    '{"reverseWs":{"urls":"ws://x/"},"heartInterval":1}',
    '{"http":{"postUrls":{}},"ws":{"port":"x"},"wsReverseUrls":"no"}',
    '{"http":{},"ws":{},"reverseWs":{},"network":{"websocketClients":[{"url":null}]}}',
    '{"enableWs":true,"wsPort":',
  ]) {
    for (const v of ['1.0.0', '1.4.0', '3.0.0', '4.1.0', '4.3.0', 'latest']) {
      assert.doesNotThrow(() => legacy(text, v), `${text} @ ${v}`);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Corpus: real configs from NapCat's repositories and docs, kept outside this repository.

const CORPUS = path.resolve(ROOT, '..', 'shared', 'real-configs');
const SHAPE: Readonly<Record<string, string>> = { F0: 'F0', L1: 'L1', N4: 'N4', MX: 'mixed' };

test('real configs: shapes, no crash, one legacy finding per legacy form', (t) => {
  if (!fs.existsSync(path.join(CORPUS, 'FORMATS.json'))) {
    t.skip(`no corpus at ${CORPUS}`);
    return;
  }
  const formats = JSON.parse(fs.readFileSync(path.join(CORPUS, 'FORMATS.json'), 'utf8')) as Record<string, string>;
  assert.ok(Object.keys(formats).length > 0);
  for (const [file, label] of Object.entries(formats)) {
    const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
    const result = analyze(text);
    assert.equal(result.model.shape, SHAPE[label], `${file}: shape`);
    const legacyFindings = result.findings.filter((f) => f.code === 'napcat.legacy-config');
    if (label === 'N4') {
      const errors = result.findings.filter(
        (f) => f.severity === 'error' && (f.code === 'napcat.legacy-config' || f.code === 'napcat.duplicate-name'),
      );
      assert.deepEqual(errors, [], `${file}: no legacy-config/duplicate-name errors`);
      assert.equal(legacyFindings.length, 0, `${file}: not legacy`);
    } else {
      const forms = result.model.legacy.map((p) => p.form).sort();
      assert.ok(forms.length > 0, `${file}: legacy forms detected`);
      assert.deepEqual(legacyFindings.map((f) => (f.data as { form: string }).form).sort(), forms, `${file}: one finding per form`);
    }
  }
});
