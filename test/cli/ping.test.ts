import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, tempDir, type CliResult } from './run';
import {
  blackHole,
  closeAll,
  closedPort,
  frameworkServer,
  napcatHttpServer,
  napcatWsServer,
  type BlackHole,
  type FrameworkServer,
  type NapCatHttpServer,
  type NapCatWsServer,
} from '../probe/servers';

/**
 * `napcat-config ping` against the probe test servers. The CLI runs as a child process while the
 * servers run here, so it is spawned asynchronously (a synchronous spawn would stop the servers).
 * Configs are written at test time with the servers' real ports.
 */

const FRAMEWORK_TOKEN = 'framework-token-5c1e';
const NAPCAT_TOKEN = 'napcat-token-e02b';

let framework: FrameworkServer;
let napcat: NapCatWsServer;
let http: NapCatHttpServer;
let hole: BlackHole;
let refusedPort: number;
let dir: string;

function run(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', LANG: 'C', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface Row {
  file: string;
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  endpoint: string;
  line: number;
  column: number;
  result: { kind: string; [k: string]: unknown };
  label: string;
  message: string;
  failed: boolean;
}

before(async () => {
  [framework, napcat, http, hole, refusedPort] = await Promise.all([
    frameworkServer({ token: FRAMEWORK_TOKEN }),
    napcatWsServer({ token: NAPCAT_TOKEN, uin: '12345', nickname: 'cat', appVersion: '4.8.116' }),
    napcatHttpServer({ token: NAPCAT_TOKEN, uin: '12345', nickname: 'cat', appVersion: '4.8.116' }),
    blackHole(),
    closedPort(),
  ]);
  dir = tempDir('ping');
  const mixed = {
    network: {
      websocketClients: [
        { name: 'nonebot', enable: true, url: framework.url('/onebot/v11/ws'), token: FRAMEWORK_TOKEN },
        { name: 'dead', enable: true, url: `ws://127.0.0.1:${refusedPort}/onebot/v11/ws`, token: FRAMEWORK_TOKEN },
        { name: 'black-hole', enable: true, url: hole.url('/onebot/v11/ws') },
        { name: 'off', enable: false, url: 'ws://127.0.0.1:9/' },
      ],
      websocketServers: [{ name: 'ws-api', enable: true, host: '0.0.0.0', port: napcat.port, token: 'stale-token-9999' }],
      httpServers: [{ name: 'http-api', enable: true, host: '127.0.0.1', port: http.port, token: NAPCAT_TOKEN }],
      plugins: [{ name: 'plugin', enable: true }],
    },
  };
  fs.mkdirSync(path.join(dir, 'mixed', 'config'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'mixed', 'config', 'onebot11_12345.json'), JSON.stringify(mixed, null, 2));
  const healthy = {
    network: {
      websocketClients: [
        { name: 'nonebot', enable: true, url: framework.url('/onebot/v11/ws'), token: FRAMEWORK_TOKEN },
        { name: 'dead-but-off', enable: false, url: `ws://127.0.0.1:${refusedPort}/` },
      ],
      websocketServers: [{ name: 'ws-api', enable: true, port: napcat.port, token: NAPCAT_TOKEN }],
    },
  };
  fs.writeFileSync(path.join(dir, 'onebot11_67890.json'), JSON.stringify(healthy, null, 2));
});
after(() => closeAll([framework, napcat, http, hole]));

test('a mixed run: a table, a reason per failure, a summary; exit 1 because enabled endpoints fail', async () => {
  const r = await run(['ping', '--timeout', '500', 'mixed']);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^FILE +NAME +KIND +ENDPOINT +RESULT +LATENCY$/);
  const row = (name: string) => lines.find((l) => l.includes(` ${name} `)) ?? assert.fail(`no row for ${name}:\n${r.stdout}`);
  assert.match(row('nonebot'), /websocketClients +ws:\/\/127\.0\.0\.1:\d+\/onebot\/v11\/ws +ok +[\d.]+ ms$/);
  assert.match(row('dead'), / refused +[\d.]+ ms$/);
  assert.match(row('black-hole'), / timeout \(WebSocket handshake\) +\d+ ms$/);
  assert.match(row('off'), / skipped \(disabled\) +—$/);
  assert.match(row('ws-api'), /websocketServers +0\.0\.0\.0:\d+ +token rejected/);
  assert.match(row('http-api'), /httpServers +127\.0\.0\.1:\d+ +ok · NapCat 4\.8\.116, cat \(12345\)/);
  assert.match(row('plugin'), /skipped \(plugin\)/);
  assert.match(r.stdout, /› dead \(websocketClients\[1\]\): Nothing is listening/);
  assert.match(r.stdout, /› ws-api \(websocketServers\[0\]\): NapCat’s WebSocket server .* rejected the token/);
  assert.match(lines.filter(Boolean).at(-1)!, /^7 endpoints in 1 file: 2 answering, 3 failing, 2 skipped\.$/);
  for (const secret of [FRAMEWORK_TOKEN, NAPCAT_TOKEN, 'stale-token-9999']) assert.ok(!r.stdout.includes(secret), secret);
});

test('--json: one object per endpoint with position, result, label and message; tokens masked', async () => {
  const r = await run(['ping', '--json', '--timeout', '500', path.join('mixed', 'config', 'onebot11_12345.json')]);
  assert.equal(r.status, 1, r.stderr);
  const rows = JSON.parse(r.stdout) as Row[];
  assert.deepEqual(
    rows.map((x) => [x.name, x.result.kind, x.failed]),
    [
      ['nonebot', 'ok', false],
      ['dead', 'refused', true],
      ['black-hole', 'timeout', true],
      ['off', 'skipped', false],
      ['ws-api', 'token-rejected', true],
      ['http-api', 'ok', false],
      ['plugin', 'skipped', false],
    ],
  );
  const nonebot = rows[0];
  assert.equal(nonebot.file, path.join('mixed', 'config', 'onebot11_12345.json'));
  assert.deepEqual([nonebot.line, nonebot.column], [4, 7]);
  assert.equal(rows[2].result.phase, 'handshake');
  assert.equal(rows[5].result.napcat && (rows[5].result.napcat as { appVersion: string }).appVersion, '4.8.116');
  for (const secret of [FRAMEWORK_TOKEN, NAPCAT_TOKEN, 'stale-token-9999']) assert.ok(!r.stdout.includes(secret), secret);
});

test('exit 0 when every enabled endpoint answers (a failing disabled one does not count)', async () => {
  const r = await run(['ping', 'onebot11_67890.json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /3 endpoints in 1 file: 2 answering, 0 failing, 1 skipped\./);
});

test('--lang zh-cn: headers, labels and reasons in Chinese', async () => {
  const r = await run(['ping', '--lang', 'zh-cn', '--timeout', '500', 'mixed']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^文件 +名称 +类型 +端点 +结果 +耗时$/m);
  assert.match(r.stdout, /连接被拒绝/);
  assert.match(r.stdout, /1 个文件中共 7 个端点：2 个有应答，3 个失败，2 个跳过。/);
});

test('exit 2 on usage errors and unreadable paths', async () => {
  for (const args of [['ping'], ['ping', '--timeout', 'soon', 'x'], ['ping', '--concurrency', '0', 'x'], ['ping', '--self-id', 'abc', 'x'], ['ping', '--bogus', 'x']]) {
    const r = await run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /napcat-config ping: .*--help/);
  }
  const missing = await run(['ping', 'no-such-file.json']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read no-such-file\.json/);
});

test('--help describes what each kind is sent', async () => {
  const r = await run(['ping', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /httpClients +one HEAD request to the URL \(no event is sent\)/);
});
