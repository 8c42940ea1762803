import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkGolden, fixturesIn, FIXTURES } from '../helpers/golden';
import { analyze, parseVersion, LANGS, type AnalyzeOptions } from '../../server/src/core';
import { securityRule } from '../../server/src/core/rules/security';
import { valuesRule } from '../../server/src/core/rules/values';
import { endpointsRule } from '../../server/src/core/rules/endpoints';
import { say } from '../helpers/l10n';

/** Target from a `…-v4.8.105.json` file name (plain JSON fixtures), else the `// target:` line. */
function options(rel: string): AnalyzeOptions {
  const v = /-v(\d+\.\d+\.\d+)\.[^.]+$/.exec(rel)?.[1];
  return { rules: [securityRule], ...(v ? { targetVersion: parseVersion(v) } : {}) };
}

const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
const run = (text: string, target?: string) =>
  analyze(text, { rules: [securityRule], ...(target ? { targetVersion: parseVersion(target) } : {}) }).findings;

for (const rel of fixturesIn('security')) {
  test(`security golden: ${rel}`, () => checkGolden(rel, options(rel)));
}

test('data: where the server listens, never the token', () => {
  const text = read('security/open.jsonc');
  const data = run(text).map((f) => f.data);
  assert.deepEqual(data, [
    { host: '0.0.0.0', hostWritten: true, port: 3000 },
    { host: '192.168.1.10', hostWritten: true, port: 3001 },
    { host: '::', hostWritten: true, port: 3010 },
    { host: '', hostWritten: true, port: 3011 },
    { host: '0.0.0.0', hostWritten: true, port: 3012 },
  ]);
  const old = run(read('security/open-default-host.json'), '4.8.105');
  assert.deepEqual(
    old.map((f) => f.data),
    [{ host: '0.0.0.0', hostWritten: false, port: 3101 }],
  );
});

test('messages render in both languages without secrets', () => {
  for (const rel of fixturesIn('security')) {
    for (const f of analyze(read(rel), options(rel)).findings) {
      for (const lang of LANGS) {
        const s = say(lang, f.message, f.args) + JSON.stringify(f.data);
        assert.ok(!s.includes('s3cr3t'), `${rel}: a token leaked`);
        assert.doesNotMatch(s, /\{\w+\}/);
      }
    }
  }
  const [f] = run(read('security/open-default-host.json'), '4.8.105');
  assert.equal(
    say('zh-cn', f.message, f.args),
    '此 `websocketServers` 条目没有设置 `host`，NapCat v4.8.105 因此会在所有网卡上监听（0.0.0.0；直到 v4.8.106 默认值才改为 127.0.0.1），并且没有设置 token：任何能访问端口 3101 的人都可以通过 OneBot API 以此 QQ 账号的身份行事——发送消息、读取聊天记录、管理群和好友。请设置 `token`；如果只有本机程序连接，也可以把 `host` 设为 127.0.0.1。',
  );
});

test('the three rules are silent on a clean, real-world style config', () => {
  // The shape NapCat's WebUI writes for a Docker setup: a token on the open server, a reverse WS
  // client to a container by name.
  const text = JSON.stringify(
    {
      network: {
        httpServers: [],
        httpSseServers: [],
        httpClients: [],
        websocketServers: [
          {
            enable: true,
            name: 'ws',
            host: '0.0.0.0',
            port: 3001,
            reportSelfMessage: false,
            enableForcePushEvent: true,
            messagePostFormat: 'array',
            token: 'docker-token',
            debug: false,
            heartInterval: 30000,
          },
        ],
        websocketClients: [
          {
            enable: true,
            name: 'astrbot',
            url: 'ws://astrbot:6199/ws',
            reportSelfMessage: false,
            messagePostFormat: 'array',
            token: '',
            debug: false,
            heartInterval: 30000,
            reconnectInterval: 30000,
          },
        ],
        plugins: [],
      },
      musicSignUrl: '',
      enableLocalFile2Url: false,
      parseMultMsg: false,
    },
    null,
    2,
  );
  const findings = analyze(text, { rules: [valuesRule, endpointsRule, securityRule] }).findings;
  assert.deepEqual(findings, []);
});

test('the three rules stay linear on hostile input (every port, URL and key in conflict)', () => {
  // Quadratic work would take 16× longer for 4× the adapters; linear work about 4×.
  const hostile = (n: number) => {
    const servers = Array.from({ length: n }, (_, i) => ({
      name: `s${i}`,
      enable: 'true',
      host: '0.0.0.0',
      port: 3000,
      token: '',
      enabled: 1,
    }));
    const clients = Array.from({ length: n }, (_, i) => ({
      name: `c${i}`,
      enable: true,
      url: 'http://127.0.0.1:8080/ws ',
      Token: '',
    }));
    return JSON.stringify({
      network: {
        httpServers: servers,
        websocketServers: servers.map((s) => ({ ...s, name: `w${s.name}` })),
        websocketClients: clients,
      },
    });
  };
  // No timing here (timings do not belong in the test suite): the output must grow linearly, each
  // finding must stay small (a finding listing every other conflicting entry is what makes the work
  // quadratic), and the work itself is measured by `npm run bench`.
  const measure = (n: number) => {
    const findings = analyze(hostile(n), { rules: [valuesRule, endpointsRule, securityRule] }).findings;
    const related = Math.max(0, ...findings.map((f) => f.related?.length ?? 0));
    const bytes = Math.max(0, ...findings.map((f) => JSON.stringify(f).length));
    return { count: findings.length, related, bytes };
  };
  const small = measure(250);
  const middle = measure(500);
  const large = measure(1000);
  assert.ok(small.count > 0);
  // count = a·n + b: doubling n from 500 to 1000 adds twice what doubling from 250 to 500 added.
  assert.equal(large.count - middle.count, 2 * (middle.count - small.count), 'findings grow with the entries, not with their square');
  assert.ok(large.related <= 1 && small.related <= 1, `a finding lists ${large.related} related entries`);
  assert.ok(large.bytes <= small.bytes + 64, 'a finding does not grow with the file');
});
