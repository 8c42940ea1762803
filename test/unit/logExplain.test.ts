import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { FRAMEWORK_MESSAGES as F, pathAdvice, type Range } from '../../server/src/core';
import { analyzeLog, LOG_CODES, LOG_MESSAGES as L, logFindingMessage, type LogFinding } from '../../server/src/log';
import { PROBE_MESSAGES as P } from '../../server/src/probe';
import { inLang, say } from '../helpers/l10n';

/**
 * The log lines whose explanation needs more than the error's name: a listen address used as a
 * destination, a refused container name, a refused path and which part of the URL is wrong, a
 * reset versus a hang-up, a handshake timeout without a figure the log does not give, NapCat's own
 * errors with a stack trace, the WebUI line. Each line is shaped like NapCat's (winston, log4js,
 * message-only, Docker-prefixed) and each explanation is checked in English and Chinese.
 */

const WS = (url: string, tail: string) => `07-07 10:40:56 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (${url}) 连接错误 Error: ${tail}`;

function at(text: string, needle: string): Range {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return { offset, length: needle.length };
}

/** The one finding of `text`, with its message in English and in Chinese (worded when made). */
function single(text: string, options = {}): { f: LogFinding; en: string; zh: string } {
  const [f, ...rest] = analyzeLog(text, options).findings;
  assert.ok(f, `a finding in ${JSON.stringify(text)}`);
  assert.deepEqual(rest, [], 'one finding');
  const zh = inLang('zh-cn', () => logFindingMessage(analyzeLog(text, options).findings[0]));
  return { f, en: logFindingMessage(f), zh };
}

test('0.0.0.0 as a destination: refused, reset, timed out or not available, the URL names a listen address', () => {
  const refused = WS('ws://0.0.0.0:8080/onebot/v11/ws', 'connect ECONNREFUSED 0.0.0.0:8080');
  let r = single(refused);
  assert.equal(r.f.code, LOG_CODES.refused);
  assert.equal(r.en, say('en', P.refusedClient, { address: '0.0.0.0:8080' }) + say('en', L.zeroDestination, { host: '0.0.0.0' }));
  assert.doesNotMatch(r.en, /is the machine NapCat runs on/, 'not the loopback hint: 0.0.0.0 is no destination at all');
  assert.match(r.zh, /0\.0\.0\.0 是监听地址/);

  // Windows refuses to connect to 0.0.0.0 at all.
  const windows = '[ERROR] [OneBot] [WebSocket Client] Error: connect EADDRNOTAVAIL 0.0.0.0:8080 - Local (0.0.0.0:0)';
  r = single(windows);
  assert.deepEqual([r.f.code, r.f.range], [LOG_CODES.connectNotAvailable, at(windows, 'connect EADDRNOTAVAIL 0.0.0.0:8080')]);
  assert.equal(r.en, say('en', L.connectNotAvailable, { address: '0.0.0.0:8080', host: '0.0.0.0', code: 'EADDRNOTAVAIL' }) + say('en', L.zeroDestination, { host: '0.0.0.0' }));
  assert.match(r.zh, /无法连接 0\.0\.0\.0:8080.*0\.0\.0\.0 是监听地址/);

  // The address from the record's URL when Node's text has none; IPv6's any-address too.
  r = single(WS('ws://0.0.0.0:6199/ws', 'Opening handshake has timed out'));
  assert.equal(r.en, say('en', L.handshakeTimeout, { url: 'ws://0.0.0.0:6199/ws' }) + say('en', L.zeroDestination, { host: '0.0.0.0' }));
  r = single(WS('ws://[::]:8080/onebot', 'read ECONNRESET'));
  assert.equal(r.en, say('en', L.reset, { address: '[::]:8080', code: 'ECONNRESET' }) + say('en', L.zeroDestination, { host: '::' }));

  // A client's EADDRNOTAVAIL about another address is its own end's business: no finding.
  assert.deepEqual(analyzeLog('[ERROR] [OneBot] Error: connect EADDRNOTAVAIL 10.0.0.2:8080 - Local (10.0.0.9:0)').findings, []);
});

test('a refused container or service name: it resolved, so the peer listens only on its own loopback or another port', () => {
  const text = WS('ws://nonebot:8080/onebot/v11/ws', 'connect ECONNREFUSED 172.18.0.3:8080');
  const r = single(text);
  assert.equal(r.f.code, LOG_CODES.refused);
  assert.equal(r.en, say('en', P.refusedClient, { address: '172.18.0.3:8080' }) + say('en', L.containerName, { host: 'nonebot', port: '8080' }));
  assert.match(r.en, /listen on 0\.0\.0\.0 inside it/);
  assert.match(r.zh, /nonebot 看起来是 Docker 容器名或服务名.*0\.0\.0\.0/);

  // Not for a dotted name, an IP address or localhost (the loopback hint covers that).
  for (const [url, address] of [
    ['ws://bot.example.com:8080/ws', '203.0.113.7:8080'],
    ['ws://10.0.0.2:8080/ws', '10.0.0.2:8080'],
  ]) {
    assert.doesNotMatch(single(WS(url, `connect ECONNREFUSED ${address}`)).en, /container or service name/, url);
  }
  const local = single(WS('ws://localhost:8080/ws', 'connect ECONNREFUSED 127.0.0.1:8080')).en;
  assert.equal(local, say('en', P.refusedClient, { address: '127.0.0.1:8080' }) + say('en', P.refusedLoopbackClient, { host: '127.0.0.1' }));
});

test('403/404/405: which part of the URL is likely wrong, from the path in the log line', () => {
  const paths = 'NoneBot /onebot/v11/ws, Koishi /onebot, AstrBot /ws, TRSS-Yunzai /OneBotv11';
  const cases: [string, number, string, string][] = [
    // The classic: /onebot/v11 where NoneBot serves /onebot/v11/ws.
    ['ws://127.0.0.1:8080/onebot/v11', 404, say('en', F.classic), '请在 URL 末尾加上 /ws'],
    ['ws://127.0.0.1:8080/onebot/v11', 403, say('en', F.classic), '请在 URL 末尾加上 /ws'],
    ['ws://127.0.0.1:8080/onebot/v11/ws/', 404, say('en', F.trailingSlash, { framework: 'NoneBot', served: '/onebot/v11/ws' }), '去掉末尾的斜杠'],
    ['ws://127.0.0.1:5140/onebot/', 405, say('en', F.trailingSlash, { framework: 'Koishi', served: '/onebot' }), '去掉末尾的斜杠'],
    ['ws://127.0.0.1:8080/onebot/v11/http', 405, say('en', F.httpRoute, { path: '/onebot/v11/http', framework: 'NoneBot', served: '/onebot/v11/ws' }), 'HTTP 路由'],
    ['ws://127.0.0.1:8080', 404, say('en', F.noPath, { paths }), 'URL 没有路径'],
    ['ws://127.0.0.1:8080/bot', 403, say('en', F.otherPath, { path: '/bot', paths }), '很可能是 URL 的路径写错了'],
    // The path a framework serves: then host or port lead elsewhere.
    ['ws://127.0.0.1:6199/ws', 404, say('en', F.served, { path: '/ws', framework: 'AstrBot' }), '检查主机和端口'],
  ];
  for (const [url, status, note, zh] of cases) {
    const r = single(WS(url, `Unexpected server response: ${status}`));
    assert.ok(r.en.endsWith(note), `${url} ${status}: ${r.en}`);
    assert.ok(r.zh.includes(zh), `${url} ${status}: ${r.zh}`);
  }
  // 403 on the exact path of a framework may as well be the token: no advice on the path.
  const token = single(WS('ws://127.0.0.1:8080/onebot/v11/ws', 'Unexpected server response: 403'));
  assert.equal(token.en, say('en', P.rejectedForbidden, { statusText: '', tokenNote: '' }));
  // 401 is the token whatever the path.
  assert.equal(single(WS('ws://127.0.0.1:8080/onebot/v11', 'Unexpected server response: 401')).f.notes, undefined);
  assert.equal(pathAdvice('/onebot/v11/ws', 403), undefined);
});

test('read ECONNRESET and socket hang up are two different situations, worded differently', () => {
  const url = 'ws://10.0.0.9:8080/onebot/v11/ws';
  const reset = single(WS(url, 'read ECONNRESET'));
  const hangUp = single(WS(url, 'socket hang up'));
  assert.deepEqual([reset.f.code, hangUp.f.code], [LOG_CODES.reset, LOG_CODES.hangUp]);
  assert.equal(reset.en, say('en', L.reset, { address: '10.0.0.9:8080', code: 'ECONNRESET' }));
  assert.equal(hangUp.en, say('en', L.hangUp, { address: '10.0.0.9:8080' }));
  assert.match(reset.en, /dropped a connection that was open/);
  assert.match(hangUp.en, /closed it before answering/);
  assert.notEqual(reset.zh, hangUp.zh);
  assert.match(reset.zh, /已经建立的连接/);
  assert.match(hangUp.zh, /在回应 NapCat 的请求之前/);
  const bare = single('[ERROR] [OneBot] Error: socket hang up');
  assert.equal(bare.en, say('en', L.hangUpNoAddress));
});

test('the handshake timeout states no figure: neither the line nor the log says how long NapCat waited', () => {
  for (const text of [WS('ws://192.168.1.5:8080/onebot/v11/ws', 'Opening handshake has timed out'), '[ERROR] [OneBot] Error: Opening handshake has timed out']) {
    const r = single(text);
    assert.equal(r.f.code, LOG_CODES.handshakeTimeout);
    assert.doesNotMatch(r.en, /\d+ ?ms/);
    assert.doesNotMatch(r.zh, /\d+ ?ms/);
    assert.match(r.en, /does not say how long/);
    assert.match(r.zh, /没有写 NapCat 等了多久/);
  }
});

test("[error] records with a stack trace that are not connection errors: errors of NapCat's own, with their first line", () => {
  const styles = {
    winston: '07-07 10:41:00 [error] 小明 | [NapCat] [Packet] 启动 Packet 后端失败 ws://127.0.0.1:8086/?token=s3cret',
    log4js: '2024-11-02 11:38:25 [ERROR] Bot(12345) | [NapCat] [Packet] 启动 Packet 后端失败 ws://127.0.0.1:8086/?token=s3cret',
    bare: '[ERROR] [NapCat] [Packet] 启动 Packet 后端失败 ws://127.0.0.1:8086/?token=s3cret',
    docker: '2025-03-06T08:01:03.000000001Z 07-07 10:41:00 [\u001b[31merror\u001b[39m] 小明 | [NapCat] [Packet] 启动 Packet 后端失败 ws://127.0.0.1:8086/?token=s3cret',
    glued: '07-07 10:41:00 [31m[ERROR][39m 小明 | [NapCat] [Packet] 启动 Packet 后端失败 ws://127.0.0.1:8086/?token=s3cret',
  };
  for (const [style, head] of Object.entries(styles)) {
    for (const eol of ['\n', '\r\n']) {
      const text = [head, 'Error: Native module napi_packet.node not found', '    at loadNative (/app/napcat/napcat.mjs:120:11)', '    at async Packet.init (/app/napcat/napcat.mjs:300:5)', ''].join(eol);
      const r = single(text);
      assert.deepEqual([r.f.code, r.f.severity], [LOG_CODES.napcatError, 'warning'], style);
      const msgStart = head.indexOf(style === 'bare' ? '[NapCat]' : style === 'log4js' ? 'Bot(' : '小明');
      assert.deepEqual(r.f.range, { offset: msgStart, length: head.length - msgStart }, `${style}: the first line's message`);
      assert.deepEqual(r.f.start, { line: 0, character: msgStart }, style);
      assert.match(r.en, /^NapCat logged an error of its own \(not a connection failure\)/, style);
      assert.match(r.en, /“.*\[NapCat\] \[Packet\] 启动 Packet 后端失败 ws:\/\/127\.0\.0\.1:8086\/\?token=\*\*\*”/, style);
      assert.doesNotMatch(r.en + r.zh, /s3cret|\u001b|\[31m/, `${style}: the token masked, no control characters`);
      assert.match(r.zh, /NapCat 记录了一个它自身的错误/, style);
    }
  }
  // A connection error in the record, explained or not, is not NapCat's own; nor is a record
  // without a stack, or one whose level is not an error.
  const connection = '07-07 10:41:00 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket连接错误\nError: connect ECONNREFUSED 10.0.0.2:8080\n    at TCPConnectWrap.afterConnect (node:net:1555:16)';
  assert.deepEqual(analyzeLog(connection).findings.map((f) => f.code), [LOG_CODES.refused]);
  const clientGone = '07-07 10:41:00 [error] 小明 | [OneBot] [WebSocket Server] Client Error: read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)';
  assert.deepEqual(analyzeLog(clientGone).findings, []);
  assert.deepEqual(analyzeLog('07-07 10:41:00 [error] 小明 | [NapCat] [Core] 登录失败').findings, []);
  assert.deepEqual(analyzeLog('07-07 10:41:00 [warn] 小明 | [NapCat] [Core] 警告\n    at x (/a.js:1:1)').findings, []);
  // A reconnect loop of the same failure is one finding with its count.
  const twice = analyzeLog(`${styles.winston}\n    at a (/a.js:1:1)\n${styles.winston}\n    at a (/a.js:1:1)\n`).findings;
  assert.deepEqual(twice.map((f) => [f.code, f.count]), [[LOG_CODES.napcatError, 2]]);
});

test('the WebUI line at 127.0.0.1: an info when webui.json has the WebUI listen on every interface', () => {
  const text = '07-07 10:40:56 [info] [NapCat] [WebUi] WebUi Local Panel Url: http://127.0.0.1:6099/webui?token=abcdef123456';
  for (const host of ['0.0.0.0', '::']) {
    const r = single(text, { webuiHost: host });
    assert.deepEqual([r.f.code, r.f.severity, r.f.range], [LOG_CODES.webuiLocal, 'info', at(text, 'WebUi Local Panel Url: http://127.0.0.1:6099')]);
    assert.equal(r.en, say('en', L.webuiLocalAll, { host, port: '6099' }));
    assert.doesNotMatch(r.en + r.zh, /abcdef123456/);
    assert.match(r.zh, /不仅本机，其他机器也能/);
  }
  assert.deepEqual(analyzeLog(text, { webuiHost: '127.0.0.1' }).findings, [], 'local only: nothing to say');
  assert.deepEqual(analyzeLog(text).findings, [], 'unknown host: the line alone does not say where the WebUI listens');
});
