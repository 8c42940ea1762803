import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOG_CODES } from '../../server/src/log';
import { runCli, tempDir } from './run';

/**
 * `napcat-config log <logs> --config <file|dir>`: the per-adapter table below the findings (text
 * in both languages, JSON), matched by kind and endpoint, with what matches no entry listed as
 * such; tokens never printed; a bad --config path is a usage problem.
 */

const TOKEN = 'cli-facts-access-token';
const NONEBOT = `ws://nonebot:8080/onebot/v11/ws?access_token=${TOKEN}`;
const CONFIG = JSON.stringify(
  {
    network: {
      httpServers: [{ name: 'http', enable: true, host: '0.0.0.0', port: 3000 }],
      websocketClients: [
        { name: 'nonebot', enable: true, url: NONEBOT },
        { name: 'koishi', enable: false, url: 'ws://127.0.0.1:5140/onebot' },
      ],
    },
  },
  null,
  2,
);
const LOG = [
  '07-07 10:40:50 [info] 小明 | [network] 配置加载',
  'HTTP服务: 0.0.0.0:3000, : 已启动',
  `WebSocket反向服务: ${NONEBOT}, : 已启动`,
  'WebSocket反向服务: ws://127.0.0.1:5140/onebot, : 未启动',
  'WebSocket反向服务: ws://old-bot:9000/ws, : 已启动',
  `07-07 10:40:52 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (${NONEBOT}) 连接错误 Error: connect ECONNREFUSED 172.18.0.3:8080`,
  `07-07 10:40:57 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (${NONEBOT}) 连接错误 Error: connect ECONNREFUSED 172.18.0.3:8080`,
  '07-07 10:40:58 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://elsewhere:8080/ws) 连接错误 Error: connect ECONNREFUSED 10.0.0.5:8080',
  '',
].join('\n');

/** A NapCat folder: config/onebot11_12345.json and logs/napcat.log. */
function napcatDir(): string {
  const dir = tempDir('facts');
  fs.mkdirSync(path.join(dir, 'config'));
  fs.mkdirSync(path.join(dir, 'logs'));
  fs.writeFileSync(path.join(dir, 'config', 'onebot11_12345.json'), CONFIG);
  fs.writeFileSync(path.join(dir, 'logs', 'napcat.log'), LOG);
  return dir;
}

test('text: each adapter with what the latest summary says and its errors since; unmatched lines listed as such', () => {
  const dir = napcatDir();
  const r = runCli(['log', 'logs/napcat.log', '--config', 'config'], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0, 'warnings only');
  const table = r.stdout.split('\n').filter((l) => !/^(?:logs\/napcat\.log:\d|    )/.test(l) && l !== '');
  assert.deepEqual(table, [
    `logs/napcat.log: the adapters of ${path.join('config', 'onebot11_12345.json')}, from NapCat’s latest network summary (line 1, 07-07 10:40:50):`,
    "  httpServers[0] 'http' 0.0.0.0:3000: started (line 2)",
    "  websocketClients[0] 'nonebot' ws://nonebot:8080/onebot/v11/ws?access_token=***: started (line 3); failing: refused ×2, last 07-07 10:40:57 (line 7)",
    "  websocketClients[1] 'koishi' ws://127.0.0.1:5140/onebot: not started (line 4)",
    '  not an entry of this config: websocketClients ws://old-bot:9000/ws: started (line 5)',
    '  errors of an endpoint no entry has: ws://elsewhere:8080/ws: refused ×1, last 07-07 10:40:58 (line 8)',
    '1 log file read: 2 problems (2 warnings).',
  ]);
  assert.doesNotMatch(r.stdout, new RegExp(TOKEN));

  const zh = runCli(['log', 'logs', '--config', 'config/onebot11_12345.json', '--lang', 'zh-cn'], { cwd: dir });
  assert.equal(zh.status, 0);
  assert.match(zh.stdout, /^logs\/napcat\.log：config\/onebot11_12345\.json 的适配器，依据 NapCat 最近一次网络汇总（第 1 行，07-07 10:40:50）：$/m);
  assert.match(zh.stdout, /^ {2}websocketClients\[0\] 'nonebot' ws:\/\/nonebot:8080\/onebot\/v11\/ws\?access_token=\*\*\*: 已启动 \(第 3 行\); 失败：连接被拒绝 ×2，最后一次 07-07 10:40:57（第 7 行）$/m);
  assert.match(zh.stdout, /^ {2}websocketClients\[1\] 'koishi' ws:\/\/127\.0\.0\.1:5140\/onebot: 未启动 \(第 4 行\)$/m);
  assert.match(zh.stdout, /^ {2}不是此配置中的条目：websocketClients ws:\/\/old-bot:9000\/ws：已启动（第 5 行）$/m);
  assert.doesNotMatch(zh.stdout, new RegExp(TOKEN));
});

test('json: the table under "adapters" of each log, 1-based lines, masked endpoints', () => {
  const dir = napcatDir();
  const r = runCli(['log', 'logs', '--config', 'config', '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.doesNotMatch(r.stdout, new RegExp(TOKEN));
  const [report] = JSON.parse(r.stdout) as { file: string; adapters: { config: string; summary: unknown; adapters: { name: string; status: string; line?: number; errors: { code: string; count: number; first: { line: number; time?: string }; last: { line: number; time?: string } }[] }[]; unmatchedSummary: unknown[]; unmatchedErrors: { endpoint: { url?: string } }[] }[] }[];
  assert.equal(report.adapters.length, 1);
  const t = report.adapters[0];
  assert.equal(t.config, path.join('config', 'onebot11_12345.json'));
  assert.deepEqual(t.summary, { line: 1, time: '07-07 10:40:50' });
  assert.deepEqual(
    t.adapters.map((a) => [a.name, a.status, a.line, a.errors]),
    [
      ['http', 'started', 2, []],
      ['nonebot', 'started', 3, [{ code: LOG_CODES.refused, count: 2, first: { line: 6, time: '07-07 10:40:52' }, last: { line: 7, time: '07-07 10:40:57' } }]],
      ['koishi', 'not-started', 4, []],
    ],
  );
  assert.deepEqual(t.unmatchedSummary, [{ kind: 'websocketClients', endpoint: 'ws://old-bot:9000/ws', started: true, line: 5 }]);
  assert.deepEqual(t.unmatchedErrors.map((e) => e.endpoint.url), ['ws://elsewhere:8080/ws']);
});

test('without --config the output has no table; a --config path that cannot be read is exit 2', () => {
  const dir = napcatDir();
  const plain = runCli(['log', 'logs'], { cwd: dir });
  assert.doesNotMatch(plain.stdout, /the adapters of/);
  const json = JSON.parse(runCli(['log', 'logs', '--format', 'json'], { cwd: dir }).stdout) as object[];
  assert.ok(!('adapters' in json[0]));

  const missing = runCli(['log', 'logs', '--config', 'nowhere'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nowhere/);
  const empty = runCli(['log', 'logs', '--config', 'logs'], { cwd: dir });
  assert.match(empty.stderr, /no NapCat config found in logs/);
  assert.doesNotMatch(empty.stdout, /the adapters of/);
});

test("the WebUI line is an info when the config folder's webui.json has the WebUI listen on every interface", () => {
  const dir = napcatDir();
  const line = '07-07 10:40:56 [info] [NapCat] [WebUi] WebUi Local Panel Url: http://127.0.0.1:6099/webui?token=cli-facts-webui-token\n';
  fs.writeFileSync(path.join(dir, 'logs', 'webui.log'), line);
  fs.writeFileSync(path.join(dir, 'config', 'webui.json'), JSON.stringify({ host: '0.0.0.0', port: 6099, token: 'cli-facts-webui-token' }));
  const all = runCli(['log', 'logs/webui.log', '--config', 'config'], { cwd: dir });
  assert.equal(all.status, 0);
  assert.match(all.stdout, /^logs\/webui\.log:1:\d+ info napcat\.log-webui-address NapCat prints the WebUI at 127\.0\.0\.1 for its own machine, but webui\.json has it listen on 0\.0\.0\.0: /m);
  assert.doesNotMatch(all.stdout, /cli-facts-webui-token/);
  fs.writeFileSync(path.join(dir, 'config', 'webui.json'), JSON.stringify({ host: '127.0.0.1', port: 6099 }));
  assert.doesNotMatch(runCli(['log', 'logs/webui.log', '--config', 'config'], { cwd: dir }).stdout, /webui-address/);
  assert.doesNotMatch(runCli(['log', 'logs/webui.log'], { cwd: dir }).stdout, /webui-address/, 'without --config the host is unknown');
});
