import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, parseVersion } from '../../server/src/core';
import { probeTargets, type ProbeTarget } from '../../server/src/probe';

/** From an analysed config to the endpoints to probe, with the values NapCat uses. */

const N4 = `{
  // JSON5, as NapCat reads it since v4.4.7
  network: {
    websocketClients: [
      { name: 'nonebot', enable: true, url: 'ws://127.0.0.1:8080/onebot/v11/ws', token: 'abc-secret-123' },
      { name: 'koishi', enable: true, url: 'wss://bot.example/onebot', verifyCertificate: false },
      { name: 'off', enable: false, url: 'ws://127.0.0.1:9/' },
      { name: 'no-url', enable: true, url: null },
    ],
    websocketServers: [
      { name: 'ws', enable: true, port: '3001', token: 'srv-token-xyz' },
      { name: 'nonebot', enable: true, host: '0.0.0.0', port: 3002 },
    ],
    httpServers: [{ name: 'http', enable: 'true', host: '::', port: 70000 }],
    httpClients: [{ name: 'post', enable: true, url: 'http://127.0.0.1:8080/onebot/v11/http', token: 99 }],
    plugins: [{ name: 'p', enable: true }],
  },
}`;

function byName(targets: readonly ProbeTarget[], name: string, kind?: string): ProbeTarget {
  const t = targets.find((x) => x.name === name && (kind === undefined || x.kind === kind));
  assert.ok(t, `${name} ${kind ?? ''}`);
  return t;
}

test('N4: one target per entry with the values NapCat uses; uin from the file name; text ranges', () => {
  const analysis = analyze(N4);
  const targets = probeTargets(analysis, { file: '/cfg/onebot11_12345.json' });
  assert.equal(targets.length, 9);
  const nonebot = byName(targets, 'nonebot', 'websocketClients');
  assert.deepEqual(
    { url: nonebot.url, token: nonebot.token, uin: nonebot.uin, enabled: nonebot.enabled, verify: nonebot.verifyCertificate, id: nonebot.id, file: nonebot.file },
    { url: 'ws://127.0.0.1:8080/onebot/v11/ws', token: 'abc-secret-123', uin: '12345', enabled: true, verify: true, id: 'websocketClients[0]', file: '/cfg/onebot11_12345.json' },
  );
  assert.match(N4.slice(nonebot.range.offset, nonebot.range.offset + nonebot.range.length), /^\{ name: 'nonebot'.*\}$/);
  assert.equal(byName(targets, 'koishi').verifyCertificate, false);
  assert.equal(byName(targets, 'off').enabled, false);
  assert.equal(byName(targets, 'no-url').endpointProblem, 'missing');
  const ws = byName(targets, 'ws');
  assert.deepEqual([ws.host, ws.port, ws.token], ['127.0.0.1', 3001, 'srv-token-xyz']);
  const http = byName(targets, 'http');
  assert.equal(http.enabled, true);
  assert.equal(http.endpointProblem, 'port');
  assert.equal(byName(targets, 'post').token, '99');
  assert.equal(byName(targets, 'p').skip, 'plugin');
});

test('names are identities: an enabled entry replaced by a later one with the same name is skipped', () => {
  const targets = probeTargets(analyze(N4), { file: 'onebot11_12345.json' });
  // websocketServers register before websocketClients: the client "nonebot" replaces the server.
  assert.equal(byName(targets, 'nonebot', 'websocketServers').skip, 'replaced');
  assert.equal(byName(targets, 'nonebot', 'websocketClients').skip, undefined);
});

test('the default listen host follows the target version (0.0.0.0 before v4.8.106)', () => {
  const old = probeTargets(analyze(N4, { targetVersion: parseVersion('4.8.0') }));
  assert.equal(byName(old, 'ws').host, '0.0.0.0');
  assert.equal(byName(old, 'ws').uin, undefined);
  const withUin = probeTargets(analyze(N4), { file: 'onebot11.json', uin: '999' });
  assert.equal(byName(withUin, 'ws').uin, '999');
});

test('reverseWs.connections is never read by NapCat: its entries are skipped', () => {
  const text = `{ "reverseWs": { "connections": [ { "name": "a", "url": "ws://127.0.0.1:8080/ws" } ] } }`;
  const [t] = probeTargets(analyze(text));
  assert.equal(t.skip, 'not-read');
  assert.equal(t.id, 'reverseWs.connections[0]');
});

test('legacy L1: started by a target version that reads it (before v4.1.0), else listed as not started; with the top-level token', () => {
  const text = `{
    "http": { "enable": true, "host": "", "port": 3000, "enablePost": true, "postUrls": ["http://127.0.0.1:5700/"] },
    "ws": { "enable": false, "host": "0.0.0.0", "port": 3001 },
    "reverseWs": { "enable": true, "urls": ["ws://127.0.0.1:8080/onebot/v11/ws"] },
    "token": "legacy-token"
  }`;
  const expected = [
    ['http', 'httpServers', true, ':3000', 'legacy-token'],
    ['http.postUrls[0]', 'httpClients', true, 'http://127.0.0.1:5700/', 'legacy-token'],
    ['ws', 'websocketServers', false, '0.0.0.0:3001', 'legacy-token'],
    ['reverseWs.urls[0]', 'websocketClients', true, 'ws://127.0.0.1:8080/onebot/v11/ws', 'legacy-token'],
  ];
  const targets = probeTargets(analyze(text, { targetVersion: parseVersion('3.6.0') }), { file: 'onebot11_12345.json' });
  assert.deepEqual(
    targets.map((t) => [t.id, t.kind, t.enabled, t.url ?? `${t.host}:${t.port}`, t.token]),
    expected,
  );
  assert.ok(targets.every((t) => t.legacy === undefined && t.skip === undefined), 'started by v3.6.0');
  // The latest NapCat no longer reads the section: the same connections, not started, still probed.
  const latest = probeTargets(analyze(text));
  assert.deepEqual(
    latest.map((t) => [t.id, t.kind, t.enabled, t.url ?? `${t.host}:${t.port}`, t.token]),
    expected,
  );
  assert.ok(latest.every((t) => t.legacy === true && t.skip === undefined));
});

test('a bare reverseWs list and flat keys are listed as not started at the latest version', () => {
  const list = probeTargets(analyze('{ "reverseWs": ["ws://127.0.0.1:8080/onebot/v11/ws", "ws://127.0.0.1:8081/ws"] }'));
  assert.deepEqual(
    list.map((t) => [t.id, t.kind, t.url, t.legacy]),
    [
      ['reverseWs[0]', 'websocketClients', 'ws://127.0.0.1:8080/onebot/v11/ws', true],
      ['reverseWs[1]', 'websocketClients', 'ws://127.0.0.1:8081/ws', true],
    ],
  );
});

test('never throws on broken or odd configs', () => {
  for (const text of ['', '[]', '{', '{"network": 5}', '{"network": {"websocketClients": [1, null, "x", {"url": null}]}}']) {
    assert.ok(Array.isArray(probeTargets(analyze(text))));
  }
});
