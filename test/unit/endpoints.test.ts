import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkGolden, fixturesIn, FIXTURES } from '../helpers/golden';
import { analyze, parseVersion, siblingFacts, LANGS, type AnalyzeOptions, type Finding } from '../../server/src/core';
import { endpointsRule } from '../../server/src/core/rules/endpoints';
import { say } from '../helpers/l10n';

/** Target from a `…-v4.8.0.json` file name (plain JSON fixtures), else the `// target:` line. */
function options(rel: string): AnalyzeOptions {
  const v = /-v(\d+\.\d+\.\d+)\.[^.]+$/.exec(rel)?.[1];
  return { rules: [endpointsRule], ...(v ? { targetVersion: parseVersion(v) } : {}) };
}

const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
const run = (text: string, target?: string) =>
  analyze(text, { rules: [endpointsRule], ...(target ? { targetVersion: parseVersion(target) } : {}) }).findings;
const at = (text: string, f: Finding) => text.slice(f.range.offset, f.range.offset + f.range.length);

for (const rel of fixturesIn('endpoints')) {
  test(`endpoints golden: ${rel}`, () => checkGolden(rel, options(rel)));
}

/** A one-adapter config for direct assertions. */
const client = (kind: string, url: string) => JSON.stringify({ network: { [kind]: [{ name: 'x', enable: true, url }] } });

test('url data: the replacement URL a quick fix writes', () => {
  const data = (kind: string, url: string) => run(client(kind, url)).map((f) => [f.code, f.data]);
  assert.deepEqual(data('websocketClients', 'http://127.0.0.1:8080/ws'), [
    ['napcat.url-scheme', { url: 'ws://127.0.0.1:8080/ws', scheme: 'ws' }],
  ]);
  assert.deepEqual(data('websocketClients', 'HTTPS://Bot.example.com/x'), [
    ['napcat.url-scheme', { url: 'wss://Bot.example.com/x', scheme: 'wss' }],
  ]);
  assert.deepEqual(data('httpClients', 'ws://127.0.0.1:8080/x'), [
    ['napcat.url-scheme', { url: 'http://127.0.0.1:8080/x', scheme: 'http' }],
  ]);
  assert.deepEqual(data('websocketClients', ' ws://127.0.0.1:8080/ws\t'), [
    ['napcat.url-spaces', { url: 'ws://127.0.0.1:8080/ws' }],
  ]);
  assert.deepEqual(data('websocketClients', '127.0.0.1:8080'), [
    ['napcat.url-scheme', { url: 'ws://127.0.0.1:8080', scheme: 'ws' }],
  ]);
  assert.deepEqual(data('websocketClients', 'ws://0.0.0.0:8080/ws'), [
    ['napcat.url-unspecified-host', { url: 'ws://127.0.0.1:8080/ws', host: '0.0.0.0' }],
  ]);
  assert.deepEqual(data('websocketClients', 'ws://[::]:8080/ws'), [
    ['napcat.url-unspecified-host', { url: 'ws://[::1]:8080/ws', host: '[::]' }],
  ]);
  assert.deepEqual(data('websocketClients', 'ws://127.0.0.1：8080/ws'), [
    ['napcat.url-invalid', { url: 'ws://127.0.0.1:8080/ws', repair: 'full-width' }],
  ]);
  // Credentials in a URL never travel in data.
  assert.deepEqual(data('websocketClients', 'http://127.0.0.1:8080/ws?access_token=abc123'), [
    ['napcat.url-scheme', { scheme: 'ws' }],
  ]);
  assert.deepEqual(data('websocketClients', 'http://user:pw@127.0.0.1:8080/ws'), [['napcat.url-scheme', { scheme: 'ws' }]]);
});

test('port conflicts suggest the next port no server or client of the file uses', () => {
  const text = read('endpoints/conflicts.jsonc');
  const conflicts = run(text).filter((f) => f.code === 'napcat.port-conflict');
  const ports = conflicts.map((f) => [at(text, f), (f.data as { port: number }).port]);
  // WebSocket servers bind first, so c-ws-default gets the first suggestion (3002); then 3003 is a
  // client's port, so the HTTP servers get 3004 and up. A suggestion is never given twice.
  assert.deepEqual(ports, [
    ['3000', 3004],
    ['3001', 3005],
    ['5000', 5001],
    ['3000', 3006],
    ['"127.0.0.1"', 3002],
  ]);
  for (const f of conflicts) assert.equal(f.related?.length, 1);
});

test('legitimate endpoints yield nothing: localhost, container names, wss, distinct ports', () => {
  const text = JSON.stringify({
    network: {
      httpServers: [{ name: 'a', enable: true, host: '0.0.0.0', port: 3000, token: 'x' }],
      websocketServers: [{ name: 'b', enable: true, host: '127.0.0.1', port: 3001, token: '' }],
      httpClients: [{ name: 'c', enable: true, url: 'https://bot.example.com:8443/onebot' }],
      websocketClients: [
        { name: 'd', enable: true, url: 'ws://localhost:8080/onebot/v11/ws' },
        { name: 'e', enable: true, url: 'ws://nonebot:8080/onebot/v11/ws' },
        { name: 'f', enable: true, url: 'wss://bot.example.com/ws' },
        { name: 'g', enable: true, url: 'ws://[::1]:8081/ws' },
      ],
    },
  });
  assert.deepEqual(run(text), []);
});

test('no token or URL credential appears in any message or data', () => {
  const secrets = ['url-secret-value', 'abc123', 't-p-high', 't-fraction'];
  for (const rel of fixturesIn('endpoints')) {
    for (const f of analyze(read(rel), options(rel)).findings) {
      for (const lang of LANGS) {
        const s =
          say(lang, f.message, f.args) +
          JSON.stringify(f.data ?? null) +
          (f.related ?? []).map((r) => say(lang, r.message, r.args)).join();
        for (const secret of secrets) assert.ok(!s.includes(secret), `${rel}: ${f.code} reveals a secret`);
        assert.doesNotMatch(s, /\{\w+\}/, `${rel}: ${f.code} has an unfilled placeholder in ${lang}`);
      }
      assert.match(say('zh-cn', f.message, f.args), /[\u4e00-\u9fff]/);
    }
  }
});

test('zh-cn rendering of a port conflict', () => {
  const text = JSON.stringify({
    network: {
      httpServers: [{ name: 'api', enable: true, host: '127.0.0.1', port: 3001, token: 'x' }],
      websocketServers: [{ name: 'ws', enable: true, host: '0.0.0.0', port: 3001, token: 'y' }],
    },
  });
  const [f] = run(text);
  assert.equal(
    say('zh-cn', f.message, f.args),
    '端口 3001 已被占用：`ws`（websocketServers）在 0.0.0.0:3001 上监听，且 NapCat 会先绑定它。此服务端（127.0.0.1:3001）会因 EADDRINUSE 而启动失败。',
  );
});

test('the default host depends on the target version', () => {
  const text = read('endpoints/default-host.json');
  assert.deepEqual(
    run(text).map((f) => f.code),
    [],
  );
  assert.deepEqual(
    run(text, '4.8.105').map((f) => f.code),
    ['napcat.port-conflict'],
  );
  assert.deepEqual(
    run(text, '4.8.106').map((f) => f.code),
    [],
  );
});

// ---------------------------------------------------------------------------------------------
// Folder facts: webui.json and the other accounts' configs

const server = (kind: string, fields: Record<string, unknown>) => JSON.stringify({ network: { [kind]: [{ name: 's', enable: true, ...fields }] } }, null, 2);

test('siblingFacts: the WebUI port of webui.json, a broken or portless webui.json ignored', () => {
  assert.deepEqual(siblingFacts('onebot11_10001.json', [{ name: 'webui.json', text: '{ // JSON5\n host: "::", port: 6200, }' }]), {
    webuiPort: { port: 6200, file: 'webui.json' },
    webuiHost: '::',
  });
  assert.deepEqual(siblingFacts('/x/onebot11_10001.json', [{ name: '/x/webui.json', text: '{ "port": "6300" }' }]).webuiPort, {
    port: 6300,
    file: 'webui.json',
  });
  for (const text of ['{ "port": ', '{ "port": 70000 }', '{ "port": 60.5 }', '[6099]', '', '{ "host": 0 }']) {
    assert.deepEqual(siblingFacts('onebot11_10001.json', [{ name: 'webui.json', text }]), {}, text);
  }
  // A portless webui.json gives no port, but its host (where the WebUI listens) still counts.
  assert.deepEqual(siblingFacts('onebot11_10001.json', [{ name: 'webui.json', text: '{ "host": "0.0.0.0" }' }]), { webuiHost: '0.0.0.0' });
});

test('siblingFacts: the servers other accounts bind (enabled, defaults filled in, in registration order), never itself or other files', () => {
  const other = JSON.stringify({
    network: {
      websocketServers: [
        { name: 'ws', enable: true },
        { name: 'off', enable: false, port: 4000 },
      ],
      httpServers: [{ name: 'http', enable: true, host: '0.0.0.0', port: 3005 }],
      websocketClients: [{ name: 'c', enable: true, url: 'ws://127.0.0.1:3005' }],
    },
  });
  const facts = siblingFacts('onebot11_10001.json', [
    { name: 'onebot11_10001.json', text: other },
    { name: 'onebot11_10002.json', text: other },
    { name: 'onebot11_10003.json', text: '{ "network": ' },
    { name: 'onebot11.json', text: other },
    { name: 'napcat_10002.json', text: other },
  ]);
  assert.deepEqual(facts.accounts, [
    {
      file: 'onebot11_10002.json',
      uin: '10002',
      servers: [
        { kind: 'httpServers', name: 'http', host: '0.0.0.0', port: 3005 },
        { kind: 'websocketServers', name: 'ws', host: '127.0.0.1', port: 3001 },
      ],
    },
  ]);
  // onebot11.json (the template) does not compete with the accounts.
  assert.deepEqual(siblingFacts('onebot11.json', [{ name: 'onebot11_10002.json', text: other }]), {});
});

test('webui-port: the port of webui.json replaces 6099 and the message names the file', () => {
  const siblings = { webuiPort: { port: 6200, file: 'webui.json' } };
  const findings = (text: string, s = siblings) => analyze(text, { rules: [endpointsRule], siblings: s }).findings;
  const on6200 = findings(server('httpServers', { port: 6200 }));
  assert.deepEqual(
    on6200.map((f) => [f.code, f.severity, f.data]),
    [['napcat.webui-port', 'warning', { port: 6201 }]],
  );
  assert.match(say('en', on6200[0].message, on6200[0].args), /^Port 6200 is the WebUI port set in webui\.json\./);
  assert.match(say('zh-cn', on6200[0].message, on6200[0].args), /^端口 6200 是 webui\.json 中设置的 WebUI 端口/);
  // 6099 is free when webui.json moves the WebUI.
  assert.deepEqual(findings(server('httpServers', { port: 6099 })), []);
  const ws = findings(client('websocketClients', 'ws://127.0.0.1:6200/'));
  assert.deepEqual(ws.map((f) => f.code), ['napcat.webui-port']);
  assert.match(say('en', ws[0].message, ws[0].args), /6200 is the WebUI port set in webui\.json.*Unexpected server response/);
  const http = findings(client('httpClients', 'http://127.0.0.1:6200/'));
  assert.match(say('zh-cn', http[0].message, http[0].args), /webui\.json.*POST/);
  // No webui.json: today's message about 6099.
  const plain = findings(server('httpServers', { port: 6099 }), {} as typeof siblings);
  assert.match(say('en', plain[0].message, plain[0].args), /^6099 is the default port/);
});

test('account-port-conflict: a server bound by another account of the folder, host overlap, defaults, disabled entries', () => {
  const other = (servers: Record<string, unknown>[]) =>
    siblingFacts('onebot11_10001.json', [{ name: 'onebot11_10002.json', text: JSON.stringify({ network: { websocketServers: servers } }) }]);
  const codes = (text: string, s: ReturnType<typeof other>) =>
    analyze(text, { rules: [endpointsRule], siblings: s }).findings.filter((f) => f.code === 'napcat.account-port-conflict');

  const mine = server('httpServers', { host: '127.0.0.1', port: 3001 });
  const found = codes(mine, other([{ name: 'theirs', enable: true }]));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(at(mine, found[0]), '3001');
  assert.deepEqual(found[0].data, { port: 3001, otherFile: 'onebot11_10002.json', freePort: 3002 });
  const en = say('en', found[0].message, found[0].args);
  assert.match(en, /`theirs` \(websocketServers, 127\.0\.0\.1:3001\) in onebot11_10002\.json/);
  assert.match(en, /whichever account starts second fails/);
  assert.match(say('zh-cn', found[0].message, found[0].args), /onebot11_10002\.json.*EADDRINUSE.*启动顺序/);

  // 0.0.0.0, :: and '' overlap every host; two different specific hosts do not.
  assert.equal(codes(server('httpServers', { host: '192.168.1.2', port: 3001 }), other([{ enable: true, host: '0.0.0.0' }])).length, 1);
  assert.equal(codes(server('httpServers', { host: '::', port: 3001 }), other([{ enable: true, host: '127.0.0.1' }])).length, 1);
  assert.equal(codes(server('httpServers', { host: '', port: 3001 }), other([{ enable: true, host: '10.0.0.1' }])).length, 1);
  assert.equal(codes(server('httpServers', { host: 'localhost', port: 3001 }), other([{ enable: true }])).length, 1);
  assert.equal(codes(server('httpServers', { host: '10.0.0.1', port: 3001 }), other([{ enable: true, host: '10.0.0.2' }])).length, 0);
  // Other ports, disabled entries on either side: nothing.
  assert.equal(codes(mine, other([{ enable: true, port: 3002 }])).length, 0);
  assert.equal(codes(mine, other([{ enable: false }])).length, 0);
  assert.equal(codes(server('httpServers', { enable: false, port: 3001 }), other([{ enable: true }])).length, 0);
  // The default port on both sides: the finding sits on the entry (its name), since no port is written.
  const defaults = server('websocketServers', {});
  const onDefault = codes(defaults, other([{ enable: true }]));
  assert.equal(onDefault.length, 1);
  assert.equal(at(defaults, onDefault[0]), '"s"');
  // Without folder facts the file is judged on its own.
  assert.equal(codes(mine, {}).length, 0);
});
