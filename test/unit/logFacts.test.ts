import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core';
import { adapterFacts, analyzeLog, LOG_CODES, LogAnalyzer, MAX_ENDPOINTS, type AdapterTable, type LogFacts } from '../../server/src/log';

/**
 * Log facts per adapter: the latest network summary and the connection errors since, matched to
 * the entries of a config by kind and endpoint, on logs of every era and shape NapCat (and
 * Docker) write; what matches no entry is listed as such.
 */

const CONFIG = JSON.stringify({
  network: {
    httpServers: [{ name: 'http', enable: true, host: '0.0.0.0', port: 3000 }],
    websocketServers: [{ name: 'ws', enable: true, host: '', port: 3001 }],
    websocketClients: [
      { name: 'nonebot', enable: true, url: 'ws://nonebot:8080/onebot/v11/ws?access_token=s3cret' },
      { name: 'koishi', enable: false, url: 'ws://127.0.0.1:5140/onebot' },
    ],
    httpClients: [{ name: 'post', enable: true, url: 'http://127.0.0.1:5700/onebot/v11/http' }],
  },
});
const NONEBOT = 'ws://nonebot:8080/onebot/v11/ws?access_token=s3cret';
const REFUSED = 'connect ECONNREFUSED 172.18.0.3:8080';

type Level = 'info' | 'error';
interface Era {
  /** The head of a record written at `hh:mm:ss`. */
  head(time: string, level: Level): string;
  /** The prefix of a continuation line written at `hh:mm:ss`. */
  cont(time: string): string;
  /** The timestamp a record at `hh:mm:ss` carries, as written (undefined when the era has none). */
  time(time: string): string | undefined;
  eol: string;
}

const ERAS: Record<string, Era> = {
  log4js: { head: (t, l) => `2024-11-02 ${t} [${l.toUpperCase()}] Bot(12345) | `, cont: () => '', time: (t) => `2024-11-02 ${t}`, eol: '\n' },
  winston: { head: (t, l) => `07-07 ${t} [${l}] 小明 | `, cont: () => '', time: (t) => `07-07 ${t}`, eol: '\n' },
  'message-only': { head: (_t, l) => `[${l.toUpperCase()}] `, cont: () => '', time: () => undefined, eol: '\n' },
  docker: {
    head: (t, l) => `2025-03-06T${t}.000000001Z 03-06 ${t} [${l}] 小明 | `,
    cont: (t) => `2025-03-06T${t}.000000002Z `,
    time: (t) => `03-06 ${t}`,
    eol: '\n',
  },
  'docker-only': { head: (t, l) => `2025-03-06T${t}.000000001Z [${l.toUpperCase()}] `, cont: (t) => `2025-03-06T${t}.000000002Z `, time: (t) => `2025-03-06T${t}.000000001Z`, eol: '\n' },
  ansi: {
    head: (t, l) => `07-07 ${t} ${l === 'error' ? '[31m' : '\u001b[32m'}[${l}]${l === 'error' ? '[39m' : '\u001b[39m'} 小明 | `,
    cont: () => '',
    time: (t) => `07-07 ${t}`,
    eol: '\n',
  },
  crlf: { head: (t, l) => `07-07 ${t} [${l}] 小明 | `, cont: () => '', time: (t) => `07-07 ${t}`, eol: '\r\n' },
};

/** A log: a first start whose errors are history, a reload, then errors matched and unmatched. */
function logOf(e: Era): { text: string; line: (needle: string, nth?: number) => number } {
  const WS = (t: string, url: string, tail: string) => `${e.head(t, 'error')}[OneBot] [WebSocket Client] 反向WebSocket (${url}) 连接错误 Error: ${tail}`;
  const lines = [
    `${e.head('10:30:00', 'info')}[network] 配置加载`,
    `${e.cont('10:30:00')}WebSocket反向服务: ${NONEBOT}, : 已启动`,
    WS('10:30:01', NONEBOT, 'connect ECONNREFUSED 172.18.0.3:8080'),
    `${e.head('10:40:50', 'info')}[network] 配置加载`,
    `${e.cont('10:40:50')}HTTP服务: 0.0.0.0:3000, : 已启动`,
    `${e.cont('10:40:50')}HTTP上报服务: [http://127.0.0.1:5700/onebot/v11/http]，: 已启动`,
    `${e.cont('10:40:50')}WebSocket服务: :3001, : 已启动`,
    `${e.cont('10:40:50')}WebSocket反向服务: ${NONEBOT}, : 已启动`,
    `${e.cont('10:40:50')}WebSocket反向服务: ws://127.0.0.1:5140/onebot, : 未启动`,
    `${e.cont('10:40:50')}WebSocket反向服务: ws://old-bot:9000/ws?access_token=0ld, : 已启动`,
    `${e.head('10:40:51', 'error')}[OneBot] [WebSocket Server] Server Error: listen EADDRINUSE: address already in use :::3001`,
    WS('10:40:52', NONEBOT, 'connect ECONNREFUSED 172.18.0.3:8080'),
    `${e.cont('10:40:52')}    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)`,
    WS('10:40:57', NONEBOT, 'connect ECONNREFUSED 172.18.0.3:8080'),
    WS('10:41:02', NONEBOT, 'Unexpected server response: 403'),
    WS('10:41:07', NONEBOT, 'connect ECONNREFUSED 172.18.0.3:8080'),
    WS('10:41:08', 'ws://elsewhere:8080/ws', 'connect ECONNREFUSED 10.0.0.5:8080'),
    `${e.head('10:41:09', 'error')}[OneBot] Error: connect ECONNREFUSED 127.0.0.1:9999`,
    `${e.head('10:41:10', 'error')}[NapCat] [Core] 接收 <- 私聊 (10002) connect ECONNREFUSED 1.2.3.4:80`,
    '',
  ];
  const text = lines.join(e.eol);
  return {
    text,
    line: (needle, nth = 0) => {
      const found = lines.map((l, i) => (l.includes(needle) ? i : -1)).filter((i) => i >= 0);
      assert.ok(found.length > nth, needle);
      return found[nth];
    },
  };
}

function tableOf(facts: LogFacts): AdapterTable {
  const { model, version } = analyze(CONFIG);
  return adapterFacts(facts, model, version);
}

for (const [era, e] of Object.entries(ERAS)) {
  test(`${era}: the latest summary and the errors since, matched to the entries by kind and endpoint`, () => {
    const { text, line } = logOf(e);
    const { facts } = analyzeLog(text);
    assert.equal(facts.summaries, 2);
    assert.deepEqual(facts.summary?.at, { line: line('配置加载', 1), ...(e.time('10:40:50') !== undefined && { time: e.time('10:40:50') }) });
    const table = tableOf(facts);
    const at = (t: string, needle: string, nth = 0) => ({ line: line(needle, nth), ...(e.time(t) !== undefined && { time: e.time(t) }) });
    assert.deepEqual(
      table.rows.map((r) => [r.kind, r.name, r.endpoint, r.status, r.line]),
      [
        ['httpServers', 'http', '0.0.0.0:3000', 'started', line('HTTP服务')],
        ['websocketServers', 'ws', ':3001', 'started', line('WebSocket服务')],
        ['websocketClients', 'nonebot', 'ws://nonebot:8080/onebot/v11/ws?access_token=***', 'started', line(`WebSocket反向服务: ${NONEBOT}`, 1)],
        ['websocketClients', 'koishi', 'ws://127.0.0.1:5140/onebot', 'not-started', line('5140')],
        ['httpClients', 'post', 'http://127.0.0.1:5700/onebot/v11/http', 'started', line('HTTP上报服务')],
      ],
    );
    const byName = new Map(table.rows.map((r) => [r.name, r.errors]));
    assert.deepEqual(byName.get('nonebot'), [
      { code: LOG_CODES.refused, count: 3, first: at('10:40:52', REFUSED, 1), last: at('10:41:07', REFUSED, 3) },
      { code: LOG_CODES.forbidden, count: 1, first: at('10:41:02', 'response: 403'), last: at('10:41:02', 'response: 403') },
    ], 'the refusal of the first start is history: only the errors since the latest summary');
    assert.deepEqual(byName.get('ws'), [{ code: LOG_CODES.portInUse, count: 1, first: at('10:40:51', ':::3001'), last: at('10:40:51', ':::3001') }], "an empty host listens on '::'");
    assert.deepEqual([byName.get('http'), byName.get('koishi'), byName.get('post')], [[], [], []]);

    // What matches no entry is listed as such: never given to the nearest entry.
    assert.deepEqual(table.unmatchedSummary.map((s) => [s.kind, s.endpoint, s.started, s.line]), [['websocketClients', 'ws://old-bot:9000/ws?access_token=***', true, line('old-bot')]]);
    assert.deepEqual(
      table.unmatchedErrors.map((u) => [u.endpoint.url ?? u.endpoint.address, u.errors.map((t) => [t.code, t.count, t.first.line])]),
      [
        ['ws://elsewhere:8080/ws', [[LOG_CODES.refused, 1, line('elsewhere')]]],
        ['127.0.0.1:9999', [[LOG_CODES.refused, 1, line('9999')]]],
      ],
      "a reverse client's address alone does not name an entry; a chat line is no error",
    );
    assert.doesNotMatch(JSON.stringify(table), /s3cret|0ld/, 'tokens masked');
  });
}

test('in pieces: the same facts wherever the log is cut', () => {
  const { text } = logOf(ERAS.docker);
  const whole = analyzeLog(text).facts;
  for (const size of [1, 7, 64]) {
    const a = new LogAnalyzer();
    for (let i = 0; i < text.length; i += size) a.write(text.slice(i, i + size));
    assert.deepEqual(a.end().facts, whole, String(size));
  }
});

test('without a summary every entry is "no-summary"; an entry the summary omits is "not-listed"', () => {
  const none = tableOf(analyzeLog('07-07 10:40:52 [error] 小明 | [OneBot] [Http Server] Server Error: listen EADDRINUSE: address already in use 0.0.0.0:3000\n').facts);
  assert.deepEqual(none.summary, undefined);
  assert.ok(none.rows.every((r) => r.status === 'no-summary'));
  assert.deepEqual(none.rows.find((r) => r.name === 'http')?.errors.map((t) => [t.code, t.count]), [[LOG_CODES.portInUse, 1]], 'errors count from the start of a log without a summary');

  const partial = tableOf(analyzeLog('07-07 10:40:50 [info] 小明 | [network] 配置加载\nHTTP服务: 0.0.0.0:3000, : 未启动\n').facts);
  assert.deepEqual(partial.rows.map((r) => r.status), ['not-started', 'not-listed', 'not-listed', 'not-listed', 'not-listed']);
});

test('the legacy summary (before v4.1): its lines are read, and match no network entry', () => {
  const text = [
    '2024-10-07 01:47:56 [INFO] () | [Notice] [OneBot11]',
    '    HTTP服务 已启动, :3001',
    '    HTTP上报服务 已启动, 上报地址: http://192.168.93.1:19997/post,http://10.0.0.1:5700/',
    '    WebSocket服务 未启动, :3002',
    '    WebSocket反向服务 未启动, 反向地址:',
    '',
  ].join('\n');
  const { facts } = analyzeLog(text);
  assert.equal(facts.summary?.form, 'legacy');
  assert.deepEqual(
    facts.summary?.entries.map((s) => [s.kind, s.endpoint, s.started, s.line]),
    [
      ['httpServers', ':3001', true, 1],
      ['httpClients', 'http://192.168.93.1:19997/post', true, 2],
      ['httpClients', 'http://10.0.0.1:5700/', true, 2],
      ['websocketServers', ':3002', false, 3],
    ],
  );
  assert.equal(tableOf(facts).unmatchedSummary.length, 4);
});

test('two entries with the same kind and endpoint: the k-th summary line goes to the k-th entry', () => {
  const config = JSON.stringify({ network: { httpServers: [{ name: 'a', enable: true, host: '0.0.0.0', port: 3000 }, { name: 'b', enable: false, host: '0.0.0.0', port: 3000 }] } });
  const { model, version } = analyze(config);
  const table = adapterFacts(analyzeLog('[INFO] [network] 配置加载\nHTTP服务: 0.0.0.0:3000, : 已启动\nHTTP服务: 0.0.0.0:3000, : 未启动\n').facts, model, version);
  assert.deepEqual(table.rows.map((r) => [r.name, r.status, r.line]), [['a', 'started', 1], ['b', 'not-started', 2]]);
});

test('bounded: endpoints beyond the limit are counted, not kept', () => {
  const a = new LogAnalyzer({ links: false });
  const n = MAX_ENDPOINTS + 50;
  for (let i = 0; i < n; i++) a.write(`[ERROR] [OneBot] [WebSocket Client] 反向WebSocket (ws://h${i}:8080/ws) 连接错误 Error: connect ECONNREFUSED 10.0.0.1:8080\n`);
  const { facts } = a.end();
  assert.equal(facts.endpoints.length, MAX_ENDPOINTS);
  assert.equal(facts.endpointsLeftOut, 50);
});
