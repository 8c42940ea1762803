import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSON5 from 'json5';
import { buildModel, parseText, type ConfigModel, type Lang } from '../../server/src/core';
import {
  addNameEdit,
  applyEdits,
  normalizeEdits,
  rebuild,
  renameEdit,
  suggestUniqueName,
  deriveName,
  type RebuildResult,
} from '../../server/src/core/fixes';
import { FIXTURES, ROOT, fixturesIn } from '../helpers/golden';
import { sayFinding } from '../helpers/l10n';
import { assertClean, assertCommentsKept, commentsOf } from '../helpers/configgen';

// ---------------------------------------------------------------------------------------------
// Golden tests: test/fixtures/rebuild/<case> → rebuilt text, byte for byte <case>.expected.
// A refused file's expected text is `REFUSED: <reason>`; an unchanged file's is the input itself.
// UPDATE_GOLDEN=1 writes the expected files instead (read the diff before committing).

function rendered(text: string, r: RebuildResult): string {
  if (r.kind === 'refused') return `REFUSED: ${sayFinding('en', r.reason)}\n`;
  return r.kind === 'unchanged' ? text : r.text;
}

/** What every rebuilt text must satisfy, whatever the input. */
function assertRebuiltInvariants(original: string, r: Extract<RebuildResult, { kind: 'rebuilt' }>): void {
  assert.deepEqual(normalizeEdits(r.edits), r.edits, 'edits are normalised');
  assert.equal(applyEdits(original, r.edits), r.text, 'edits give the text');
  assert.doesNotThrow(() => JSON5.parse(r.text));
  assertClean(r.text);
  assertCommentsKept(commentsOf(original), r.text);
  assert.equal(r.text.charCodeAt(0) === 0xfeff, original.charCodeAt(0) === 0xfeff, 'BOM kept');
  assert.equal(rebuild(r.text).kind, 'unchanged', 'idempotent');
}

for (const rel of fixturesIn('rebuild')) {
  test(`rebuild golden: ${path.basename(rel)}`, () => {
    const file = path.join(FIXTURES, rel);
    const text = fs.readFileSync(file, 'utf8');
    const r = rebuild(text);
    const actual = rendered(text, r);
    const expectedFile = file + '.expected';
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(expectedFile, actual);
    else {
      assert.ok(fs.existsSync(expectedFile), `missing ${path.relative(ROOT, expectedFile)} (run with UPDATE_GOLDEN=1)`);
      assert.equal(actual, fs.readFileSync(expectedFile, 'utf8'), `rebuild of ${rel} differs from ${rel}.expected`);
    }
    if (r.kind === 'rebuilt') assertRebuiltInvariants(text, r);
  });
}

// ---------------------------------------------------------------------------------------------
// What the golden files show, asserted on the summary.

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, 'rebuild', name), 'utf8');

/** A refusal's reason, worded in `lang`. */
function reasonOf(lang: Lang, r: RebuildResult): string {
  assert.equal(r.kind, 'refused');
  return sayFinding(lang, (r as Extract<RebuildResult, { kind: 'refused' }>).reason);
}

function rebuilt(text: string) {
  const r = rebuild(text);
  assert.equal(r.kind, 'rebuilt', r.kind === 'refused' ? sayFinding('en', r.reason) : r.kind);
  return r as Extract<RebuildResult, { kind: 'rebuilt' }>;
}

test('L1: the POST secret signs the HTTP clients, the top-level token protects servers and reverse WS', () => {
  const r = rebuilt(fixture('l1-comments.jsonc'));
  const net = JSON5.parse(r.text).network;
  assert.equal(net.httpServers[0].token, 'main-token');
  assert.equal(net.httpClients[0].token, 'post-secret');
  assert.equal(net.websocketServers[0].token, 'main-token');
  assert.equal(net.websocketServers[0].heartInterval, 15000);
  for (const c of net.websocketClients) assert.equal(c.heartInterval, 15000);
  // The duplicate URL gives two connections, as before.
  assert.deepEqual(
    net.websocketClients.map((c: { name: string }) => c.name),
    ['nonebot-8080', 'koishi-5140', 'nonebot-8080-2'],
  );
  assert.deepEqual(r.summary.removed, ['http', 'ws', 'reverseWs', 'debug', 'heartInterval', 'messagePostFormat', 'reportSelfMessage', 'token']);
  // Kept untouched.
  assert.match(r.text, /"GroupLocalTime": \{\n    "Record": false,\n    "RecordList": \[\] \/\/ groups to record\n  \}/);
});

test('F0: every flat key moves; the HTTP heartbeat, which N4 lacks, is reported as dropped', () => {
  const r = rebuilt(fixture('f0-flat.json'));
  const json = JSON5.parse(r.text);
  assert.equal(json.network.httpClients[0].token, 'flat-secret');
  assert.equal(json.network.httpServers[0].token, 'flat-token');
  assert.equal(json.musicSignUrl, 'https://music.example.com/sign');
  assert.deepEqual(r.summary.dropped.map((d) => d.path), ['enableHttpHeart']);
  for (const key of ['enableHttp', 'wsReverseUrls', 'httpSecret', 'token', 'heartInterval']) assert.equal(key in json, false, key);
});

test('mixed: a connection already in network is not added again, and its settings count as moved', () => {
  const r = rebuilt(fixture('mixed-existing.jsonc'));
  assert.deepEqual(r.summary.skipped, [
    { from: 'reverseWs.urls[0]', kind: 'websocketClients', sameAs: 'network.websocketClients[0]' },
  ]);
  assert.deepEqual(r.summary.renamed, [{ kind: 'websocketClients', index: 1, from: null, to: 'koishi-5140' }]);
  const net = JSON5.parse(r.text).network;
  assert.equal(net.websocketClients.length, 3);
  assert.equal(net.websocketServers[0].token, 'shared');
});

test('a server on a port network already serves is not duplicated; the legacy host "" is kept', () => {
  const r = rebuilt(fixture('network-partial.jsonc'));
  assert.deepEqual(r.summary.skipped, [{ from: 'ws', kind: 'websocketServers', sameAs: 'network.websocketServers[0]' }]);
  const d = rebuilt(fixture('disabled.json'));
  const net = JSON5.parse(d.text).network;
  assert.equal(net.httpServers[0].host, '');
  assert.equal(net.httpServers[0].enable, false);
  assert.equal(net.httpClients[0].enable, false);
  assert.equal(net.websocketClients, undefined, 'an empty URL list gives no entry');
});

test('reverseWs.connections: written names kept (made unique), own token wins, unknown keys kept', () => {
  const r = rebuilt(fixture('non-ascii.jsonc'));
  const c = JSON5.parse(r.text).network.websocketClients;
  assert.deepEqual(c.map((x: { name: string }) => x.name), ['机器人', '机器人-2', 'koishi-5140']);
  assert.equal(c[0].token, '统一令牌');
  assert.equal(c[1].token, '令牌-二号');
  assert.equal(c[2].enable, false);
  assert.equal(c[2].heartInterval, 60000);
  assert.equal(c[2].comment, '备用');
});

test('F0 and L1 listing the same URL give one connection', () => {
  const r = rebuilt(fixture('f0-and-l1.json'));
  assert.deepEqual(r.summary.skipped, [{ from: 'wsReverseUrls[0]', kind: 'websocketClients', sameAs: 'reverseWs.urls[0]' }]);
});

test('N4 names: the entry NapCat keeps keeps its name; missing and empty names are derived', () => {
  const r = rebuilt(fixture('n4-names.jsonc'));
  assert.deepEqual(r.summary.renamed, [
    { kind: 'httpServers', index: 0, from: 'bot', to: 'bot-2' },
    { kind: 'plugins', index: 0, from: 'bot', to: 'bot-3' },
    { kind: 'websocketServers', index: 0, from: null, to: 'ws-server-3001' },
    { kind: 'websocketClients', index: 1, from: '', to: 'astrbot-6199' },
    { kind: 'websocketClients', index: 2, from: null, to: 'ws-client-8082' },
    { kind: 'websocketClients', index: 3, from: null, to: 'ws-client-192.168.1.20-8095' },
  ]);
});

test('when no duplicate is enabled, the last one in registration order keeps the name', () => {
  const text = '{"network": {"httpServers": [{"name": "a", "enable": false}], "websocketClients": [{"name": "a", "enable": false}, {"name": "a"}]}}';
  const r = rebuilt(text);
  assert.deepEqual(r.summary.renamed.map((x) => `${x.kind}[${x.index}]→${x.to}`), ['httpServers[0]→a-2', 'websocketClients[0]→a-3']);
});

test('an enabled duplicate wins over a later disabled one, across kinds', () => {
  const text = '{"network": {"httpServers": [{"name": "a", "enable": true}], "websocketClients": [{"name": "a", "enable": false}]}}';
  const r = rebuilt(text);
  assert.deepEqual(r.summary.renamed.map((x) => `${x.kind}[${x.index}]→${x.to}`), ['websocketClients[0]→a-2']);
});

test('refusals: syntax errors, non-objects, old targets, a network that is not an object', () => {
  const broken = rebuild(fixture('broken.json'));
  assert.equal(broken.kind, 'refused');
  assert.match(reasonOf('en', broken), /line 6, column 3/);
  assert.equal(rebuild('').kind, 'refused');
  assert.equal(rebuild('[1, 2]').kind, 'refused');
  assert.equal(rebuild('{"reverseWs": ["ws://a:1/"]}', { targetVersion: [4, 0, 3] }).kind, 'refused');
  const r = rebuild('{"network": [], "reverseWs": ["ws://a:1/"]}');
  assert.equal(r.kind, 'refused');
  assert.match(reasonOf('en', r), /`network` is not an object/);
  const l = rebuild('{"network": {"websocketClients": {}}, "reverseWs": ["ws://a:1/"]}');
  assert.equal(l.kind, 'refused');
  // A template and its arguments, worded where it is shown: here in Chinese, arguments filled in.
  const zh = reasonOf('zh-cn', l);
  assert.ok(zh.includes('websocketClients') && /[\u4e00-\u9fff]/.test(zh), zh);
});

test('a clean N4 file and a file with nothing to do are unchanged', () => {
  assert.equal(rebuild(fixture('n4-clean.json')).kind, 'unchanged');
  assert.equal(rebuild('{}').kind, 'unchanged');
  assert.equal(rebuild('{"musicSignUrl": "", "token": "stray"}').kind, 'unchanged');
});

test('the indent option is used only when the file has no indentation to learn from', () => {
  const r = rebuilt('{"reverseWs": ["ws://a:1/"]}');
  assert.ok(!r.text.includes('\n'), 'a one-line file stays on one line');
  const one = rebuilt('{"a": 1, "network": {\n"websocketClients": []}, "reverseWs": ["ws://a:1/"]}');
  assert.match(one.text, /\n {2}\{\n {4}"name"/);
  const tabbed = rebuild('{"a": 1, "network": {\n"websocketClients": []}, "reverseWs": ["ws://a:1/"]}', { indent: '\t' });
  assert.equal(tabbed.kind, 'rebuilt');
  assert.match((tabbed as { text: string }).text, /\n\t\{\n\t\t"name"/);
});

test('values NapCat reads are copied as written, also where JSON cannot write them', () => {
  const r = rebuilt("{ws: {enable: true, port: '3001', host: ''}, heartInterval: Infinity, token: 0x10}");
  const ws = JSON5.parse(r.text).network.websocketServers[0];
  assert.equal(ws.port, '3001');
  assert.equal(ws.heartInterval, Infinity);
  assert.equal(ws.token, 16);
});

test('http.enableHeart and an unused secret are reported, never silently lost', () => {
  const r = rebuilt('{"http": {"enable": true, "port": 1, "secret": "s", "enableHeart": true, "postUrls": [], "extra": 1}}');
  assert.deepEqual(r.summary.dropped.map((d) => d.path), ['http.enableHeart', 'http.secret', 'http.extra']);
});

test('a key written twice: both copies go, NapCat read the last', () => {
  const r = rebuilt('{\n  "ws": {"enable": true, "port": 1},\n  "ws": {"enable": true, "port": 2}\n}');
  const net = JSON5.parse(r.text).network;
  assert.deepEqual(net.websocketServers.map((w: { port: number }) => w.port), [2]);
  assert.deepEqual(r.summary.dropped.map((d) => d.path), ['ws']);
  assertRebuiltInvariants('{\n  "ws": {"enable": true, "port": 1},\n  "ws": {"enable": true, "port": 2}\n}', r);
});

// ---------------------------------------------------------------------------------------------
// The small fix builders.

function modelOf(text: string): ConfigModel {
  return buildModel(parseText(text).root);
}

test('suggestUniqueName: the base when free, else base-2, base-3 …; never plugin_manager', () => {
  const m = modelOf('{"network": {"websocketClients": [{"name": "bot"}, {"name": "bot-2"}], "plugins": [{"name": "x"}]}}');
  assert.equal(suggestUniqueName(m, 'koishi'), 'koishi');
  assert.equal(suggestUniqueName(m, 'bot'), 'bot-3');
  assert.equal(suggestUniqueName(m, 'x'), 'x-2', 'names are unique across kinds');
  assert.equal(suggestUniqueName(m, 'plugin_manager'), 'plugin_manager-2');
  // A nameless entry holds its default name.
  assert.equal(suggestUniqueName(modelOf('{"network": {"websocketClients": [{}]}}'), 'websocket-client'), 'websocket-client-2');
});

test('renameEdit replaces only the name value, whatever its quotes', () => {
  const text = "{network: {websocketClients: [{name: 'bot' /* keep */, enable: true}]}}";
  const a = modelOf(text).adapters[0];
  const edits = renameEdit(text, a, '新名字');
  assert.deepEqual(edits, [{ offset: text.indexOf("'bot'"), length: 5, newText: '"新名字"' }]);
  assert.equal(applyEdits(text, edits), '{network: {websocketClients: [{name: "新名字" /* keep */, enable: true}]}}');
  // No name key: nothing to rename.
  assert.deepEqual(renameEdit('{"network": {"plugins": [{}]}}', modelOf('{"network": {"plugins": [{}]}}').adapters[0], 'x'), []);
});

test('addNameEdit inserts the name first, in the entry layout', () => {
  const multi = '{\n\t"network": {\n\t\t"websocketClients": [\n\t\t\t{\n\t\t\t\t// c\n\t\t\t\t"enable": true\n\t\t\t}\n\t\t]\n\t}\n}';
  const a = modelOf(multi).adapters[0];
  assert.equal(
    applyEdits(multi, addNameEdit(multi, a, 'x')),
    '{\n\t"network": {\n\t\t"websocketClients": [\n\t\t\t{\n\t\t\t\t// c\n\t\t\t\t"name": "x",\n\t\t\t\t"enable": true\n\t\t\t}\n\t\t]\n\t}\n}',
  );
  const inline = '{"network": {"websocketClients": [{ "enable": true }, {}]}}';
  const m = modelOf(inline);
  assert.equal(applyEdits(inline, addNameEdit(inline, m.adapters[0], 'a')), '{"network": {"websocketClients": [{ "name": "a", "enable": true }, {}]}}');
  assert.equal(applyEdits(inline, addNameEdit(inline, m.adapters[1], 'b')), '{"network": {"websocketClients": [{ "enable": true }, {"name": "b"}]}}');
  // An empty name is replaced in place.
  const empty = '{"network": {"plugins": [{"name": "", "enable": false}]}}';
  assert.equal(applyEdits(empty, addNameEdit(empty, modelOf(empty).adapters[0], 'p')), '{"network": {"plugins": [{"name": "p", "enable": false}]}}');
  // CRLF files get CRLF.
  const crlf = '{\r\n  "network": {\r\n    "plugins": [\r\n      {\r\n        "enable": false\r\n      }\r\n    ]\r\n  }\r\n}';
  assert.ok(applyEdits(crlf, addNameEdit(crlf, modelOf(crlf).adapters[0], 'p')).includes('\r\n        "name": "p",\r\n        "enable"'));
});

test('deriveName: frameworks by path, host and port otherwise, fallbacks by position', () => {
  assert.equal(deriveName('websocketClients', { url: 'ws://127.0.0.1:8080/onebot/v11/ws', index: 0 }), 'nonebot-8080');
  assert.equal(deriveName('websocketClients', { url: 'ws://127.0.0.1:8080/onebot/v11/ws/', index: 0 }), 'nonebot-8080');
  assert.equal(deriveName('httpClients', { url: 'http://127.0.0.1:8080/onebot/v11/', index: 0 }), 'nonebot-http-8080');
  assert.equal(deriveName('websocketClients', { url: 'ws://koishi:5140/onebot', index: 0 }), 'koishi-5140');
  assert.equal(deriveName('websocketClients', { url: 'ws://127.0.0.1:6199/ws', index: 0 }), 'astrbot-6199');
  assert.equal(deriveName('websocketClients', { url: 'ws://127.0.0.1:6200/ws', index: 0 }), 'ws-client-6200');
  assert.equal(deriveName('websocketClients', { url: 'ws://localhost:2536/OneBotv11', index: 0 }), 'yunzai-2536');
  assert.equal(deriveName('websocketClients', { url: ' ws://192.168.1.5:8080/ ', index: 0 }), 'ws-client-192.168.1.5-8080');
  assert.equal(deriveName('websocketClients', { url: 'ws://[fe80::1]:9000/', index: 0 }), 'ws-client-fe80-1-9000');
  assert.equal(deriveName('httpClients', { url: 'http://127.0.0.1:8080/post', index: 0 }), 'http-client-8080');
  assert.equal(deriveName('websocketClients', { url: 'ws//127.0.0.1:8080', index: 2 }), 'websocket-client-3');
  assert.equal(deriveName('httpServers', { port: 3000, index: 0 }), 'http-server-3000');
  assert.equal(deriveName('websocketServers', { port: '3001', index: 0 }), 'ws-server-3001');
  assert.equal(deriveName('httpSseServers', { port: 3002, index: 0 }), 'http-sse-server-3002');
  assert.equal(deriveName('plugins', { index: 0 }), 'plugin-1');
});

test('applyEdits / normalizeEdits: sorted, merged at one point, overlap refused', () => {
  assert.equal(applyEdits('abc', [{ offset: 3, length: 0, newText: '!' }, { offset: 0, length: 1, newText: 'A' }]), 'Abc!');
  assert.deepEqual(normalizeEdits([{ offset: 1, length: 0, newText: 'x' }, { offset: 1, length: 1, newText: 'y' }]), [{ offset: 1, length: 1, newText: 'xy' }]);
  assert.throws(() => applyEdits('abcdef', [{ offset: 0, length: 3, newText: '' }, { offset: 2, length: 2, newText: '' }]), RangeError);
});
