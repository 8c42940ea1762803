import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FRAMEWORK_MESSAGES, LANGS, servedPaths, LineIndex, type Range } from '../../server/src/core';
import {
  analyzeLog,
  DEFAULT_MAX_LINKS,
  DEFAULT_MAX_PER_CODE,
  LOG_CODES,
  LOG_MESSAGES,
  LogAnalyzer,
  logFindingMessage,
  napcatRootOf,
  resolveConfigPath,
  type LogAnalysis,
  type LogFinding,
  type LogOptions,
  type PathLink,
  type UrlLink,
} from '../../server/src/log';
import { PROBE_MESSAGES as P } from '../../server/src/probe';
import { FIXTURES } from '../helpers/golden';
import { say } from '../helpers/l10n';
import { inLang } from '../helpers/l10n';

/**
 * The log layer on its own: links and connection errors of log lines in every style NapCat (and
 * Docker) writes, with exact offset ranges, the probe's sentences, grouping, limits and masking.
 */

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, 'logs', name), 'utf8');

/** The range of the `nth` occurrence of `needle` in `text`. */
function at(text: string, needle: string, nth = 0): Range {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${JSON.stringify(needle)} #${nth} not found`);
  }
  return { offset, length: needle.length };
}

const slice = (text: string, r: Range) => text.slice(r.offset, r.offset + r.length);

function only(findings: readonly LogFinding[], code: string): LogFinding {
  const found = findings.filter((f) => f.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(findings.map((f) => f.code))}`);
  return found[0];
}

const en = (f: LogFinding) => logFindingMessage(f);

// ---------------------------------------------------------------- the fixtures

test('log4js fixture: the refused reverse connection and the port in use, with exact ranges', () => {
  const text = fixture('log4js.log');
  const { links, findings } = analyzeLog(text);
  assert.deepEqual(
    findings.map((f) => [f.code, f.severity, slice(text, f.range)]),
    [
      [LOG_CODES.refused, 'warning', 'connect ECONNREFUSED 127.0.0.1:8080'],
      [LOG_CODES.portInUse, 'error', 'listen EADDRINUSE: address already in use 0.0.0.0:3000'],
    ],
  );
  assert.deepEqual(findings[0].range, at(text, 'connect ECONNREFUSED 127.0.0.1:8080'));
  assert.equal(
    en(findings[0]),
    say('en', P.refusedClient, { address: '127.0.0.1:8080' }) + say('en', P.refusedLoopbackClient, { host: '127.0.0.1' }),
    "the probe's sentence and its Docker hint",
  );
  assert.deepEqual(findings[1].range, at(text, 'listen EADDRINUSE: address already in use 0.0.0.0:3000'));
  assert.equal(en(findings[1]), say('en', LOG_MESSAGES.portInUse, { address: '0.0.0.0:3000', code: 'EADDRINUSE' }));
  // The URL in the bracketed list of the network summary, without the brackets.
  assert.deepEqual(
    links.map((l) => [l.kind, l.range]),
    [['url', at(text, 'ws://127.0.0.1:8080/onebot/v11/ws')]],
  );
});

test('winston fixture: the WebUI URL masked, the chat line ignored, four kinds of failure', () => {
  const text = fixture('winston.log');
  const { links, findings } = analyzeLog(text);
  const urls = links.filter((l): l is UrlLink => l.kind === 'url');
  assert.deepEqual(
    urls.map((l) => [l.range, l.url, l.display, l.secret]),
    [
      [at(text, 'http://127.0.0.1:6099/webui?token=3f9a1c7e5b2d', 0), 'http://127.0.0.1:6099/webui?token=3f9a1c7e5b2d', 'http://127.0.0.1:6099/webui?token=***', true],
      [at(text, 'http://127.0.0.1:6099/webui?token=3f9a1c7e5b2d', 1), 'http://127.0.0.1:6099/webui?token=3f9a1c7e5b2d', 'http://127.0.0.1:6099/webui?token=***', true],
      [at(text, 'ws://127.0.0.1:8082/onebot/v11/ws?access_token=s3cr3t'), 'ws://127.0.0.1:8082/onebot/v11/ws?access_token=s3cr3t', 'ws://127.0.0.1:8082/onebot/v11/ws?access_token=***', true],
    ],
  );
  assert.deepEqual(
    findings.map((f) => [f.code, f.severity, f.range]),
    [
      [LOG_CODES.notWebSocket, 'warning', at(text, 'Unexpected server response: 200')],
      [LOG_CODES.handshakeTimeout, 'warning', at(text, 'Opening handshake has timed out')],
      [LOG_CODES.dns, 'warning', at(text, 'getaddrinfo ENOTFOUND nonebot')],
      [LOG_CODES.reset, 'warning', at(text, 'read ECONNRESET')],
    ],
  );
  assert.equal(en(findings[0]), say('en', P.rejectedPage, { status: 200 }));
  assert.equal(en(findings[2]), say('en', P.dns, { host: 'nonebot', code: 'ENOTFOUND' }));
  assert.equal(inLang('zh-cn', () => logFindingMessage(findings[2])), say('zh-cn', P.dns, { host: 'nonebot', code: 'ENOTFOUND' }));
});

test('Docker fixture: Docker timestamps, ANSI levels (with and without ESC), stack frames', () => {
  const text = fixture('docker.log');
  const { links, findings } = analyzeLog(text);
  assert.deepEqual(links, [], 'file:///app/napcat/napcat.mjs in a stack frame is no link');
  assert.deepEqual(
    findings.map((f) => [f.code, f.severity, f.range]),
    [
      [LOG_CODES.timeout, 'warning', at(text, 'connect ETIMEDOUT 172.17.0.1:8080')],
      [LOG_CODES.portInUse, 'error', at(text, 'listen EADDRINUSE: address already in use :::3001')],
    ],
  );
  assert.equal(en(findings[0]), say('en', LOG_MESSAGES.timeoutConnect, { address: '172.17.0.1:8080', code: 'ETIMEDOUT' }));
  assert.match(en(findings[1]), /listen on :::3001/);
});

// ---------------------------------------------------------------- every line style

const ERROR_TEXT = 'connect ECONNREFUSED 127.0.0.1:8080';
const STYLES: Record<string, string> = {
  log4js: `2024-11-02 11:38:25 [ERROR] Bot(12345) | [OneBot] [WebSocket Client] Error: ${ERROR_TEXT}`,
  'log4js with milliseconds': `2024-11-02 11:38:25.123 [ERROR] Bot(12345) | [OneBot] [WebSocket Client] Error: ${ERROR_TEXT}`,
  winston: `07-07 10:40:55 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://127.0.0.1:8080/onebot/v11/ws) 连接错误 Error: ${ERROR_TEXT}`,
  'winston without a nickname': `07-07 10:40:55 [error] [OneBot] [WebSocket Client] Error: ${ERROR_TEXT}`,
  'winston, coloured level': `07-07 10:40:55 [\u001b[31merror\u001b[39m] 小明 | [OneBot] [WebSocket Client] Error: ${ERROR_TEXT}`,
  'winston, colour remnants': `07-07 10:40:55 [[31merror[39m] 小明 | [OneBot] [WebSocket Client] Error: ${ERROR_TEXT}`,
  'level only': `[ERROR] [OneBot] Error: ${ERROR_TEXT}`,
  'Docker + log4js': `2024-11-02T03:38:25.123456789Z 2024-11-02 11:38:25 [ERROR] Bot(12345) | [OneBot] [WebSocket Client] Error: ${ERROR_TEXT}`,
  'Docker + winston': `2025-03-06T08:01:03.000000001Z 03-06 16:01:03 [error] 小明 | [OneBot] [WebSocket Client] Error: ${ERROR_TEXT}`,
  'Docker with offset': `2025-03-06T16:01:03+08:00 03-06 16:01:03 [error] 小明 | [OneBot] [WebSocket Client] Error: ${ERROR_TEXT}`,
};

test('every line style: the same error gets the same finding over exactly its text', () => {
  for (const [style, line] of Object.entries(STYLES)) {
    for (const eol of ['\n', '\r\n']) {
      const text = `07-07 10:40:54 [info] 小明 | [NapCat] [Core] start${eol}${line}${eol}    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)${eol}`;
      const { findings } = analyzeLog(text);
      assert.equal(findings.length, 1, style);
      assert.equal(findings[0].code, LOG_CODES.refused, style);
      assert.deepEqual(findings[0].range, at(text, ERROR_TEXT), style);
      assert.equal(en(findings[0]), say('en', P.refusedClient, { address: '127.0.0.1:8080' }) + say('en', P.refusedLoopbackClient, { host: '127.0.0.1' }), style);
    }
  }
});

test('an error on a continuation line inherits the role of its record; a new record resets it', () => {
  const text = [
    '07-07 10:40:55 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket连接错误',
    'Error: connect ECONNREFUSED 10.0.0.2:8080',
    '07-07 10:40:56 [error] 小明 | [NapCat] [Packet] 连接失败',
    'Error: connect ECONNREFUSED 10.0.0.3:9000',
  ].join('\n');
  const { findings } = analyzeLog(text);
  assert.deepEqual(
    findings.map((f) => [f.range, en(f)]),
    [
      [at(text, 'connect ECONNREFUSED 10.0.0.2:8080'), say('en', P.refusedClient, { address: '10.0.0.2:8080' })],
      [at(text, 'connect ECONNREFUSED 10.0.0.3:9000'), say('en', LOG_MESSAGES.refusedOther, { address: '10.0.0.3:9000' })],
    ],
    'no Docker hint for an address that is not this machine; the generic sentence outside OneBot',
  );
});

test('the startup network summary and the WebUI line give links, no findings', () => {
  const text = [
    '07-07 10:40:55 [info] 小明 | [network] 配置加载',
    'HTTP服务: 127.0.0.1:3000, : 已启动',
    'WebSocket反向服务: ws://nonebot:8080/onebot/v11/ws, : 未启动',
    'HTTP上报服务: [http://127.0.0.1:5700/onebot/v11/http]，: 已启动',
    '07-07 10:40:56 [info] [NapCat] [WebUi] WebUi Local Panel Url: http://127.0.0.1:6099/webui?token=abcdef123456',
  ].join('\n');
  const { links, findings } = analyzeLog(text);
  assert.deepEqual(findings, []);
  assert.deepEqual(
    links.map((l) => l.range),
    [at(text, 'ws://nonebot:8080/onebot/v11/ws'), at(text, 'http://127.0.0.1:5700/onebot/v11/http'), at(text, 'http://127.0.0.1:6099/webui?token=abcdef123456')],
  );
});

// ---------------------------------------------------------------- kinds of failure

const WS = (tail: string, url = 'ws://127.0.0.1:8080/onebot/v11/ws') =>
  `07-07 10:40:56 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (${url}) 连接错误 Error: ${tail}`;

test('Unexpected server response: the probe sentence for each status, with the path of the record URL', () => {
  const cases: [number, string, string][] = [
    [401, LOG_CODES.token, say('en', P.rejectedToken, { status: 401, statusText: '', tokenNote: '' })],
    [403, LOG_CODES.forbidden, say('en', P.rejectedForbidden, { statusText: '', tokenNote: '' })],
    [404, LOG_CODES.path, say('en', P.rejectedPath, { status: 404, statusText: '', path: '/onebot/v11/ws', paths: servedPaths() }) + say('en', FRAMEWORK_MESSAGES.served, { path: '/onebot/v11/ws', framework: 'NoneBot' })],
    [405, LOG_CODES.path, say('en', P.rejectedMethod, { status: 405, statusText: '', path: '/onebot/v11/ws', paths: servedPaths() }) + say('en', FRAMEWORK_MESSAGES.served, { path: '/onebot/v11/ws', framework: 'NoneBot' })],
    [200, LOG_CODES.notWebSocket, say('en', P.rejectedPage, { status: 200 })],
    [302, LOG_CODES.response, say('en', P.rejectedRedirect, { status: 302, location: '' })],
    [400, LOG_CODES.response, say('en', P.rejectedBadRequest, { statusText: '', uinNote: '' })],
    [502, LOG_CODES.response, say('en', P.rejectedServerError, { status: 502, statusText: '' })],
    [418, LOG_CODES.response, say('en', P.rejectedOther, { status: 418, statusText: '' })],
  ];
  for (const [status, code, message] of cases) {
    const text = WS(`Unexpected server response: ${status}`);
    const { findings } = analyzeLog(text);
    assert.equal(findings.length, 1, String(status));
    assert.equal(findings[0].code, code, String(status));
    assert.deepEqual(findings[0].range, at(text, `Unexpected server response: ${status}`));
    assert.equal(en(findings[0]), message, String(status));
    assert.doesNotMatch(en(findings[0]), /\{\w+\}/);
  }
  // Without a URL in the record: the log's sentence without a path.
  const bare = analyzeLog('[ERROR] [OneBot] Error: Unexpected server response: 404').findings;
  assert.equal(en(bare[0]), say('en', LOG_MESSAGES.rejectedPathNoUrl, { status: 404 }));
});

test('closed without an error, handshake timeout, unreachable, reset: each with its sentence', () => {
  const url = 'ws://10.0.0.9:8080/onebot/v11/ws';
  const closed = `07-07 10:40:56 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (${url}) 连接意外关闭`;
  let f = analyzeLog(closed).findings;
  assert.deepEqual([f[0].code, f[0].range], [LOG_CODES.closed, at(closed, '连接意外关闭')]);
  assert.equal(en(f[0]), say('en', LOG_MESSAGES.closed, { url }));

  const timeout = WS('Opening handshake has timed out', url);
  f = analyzeLog(timeout).findings;
  assert.equal(en(f[0]), say('en', LOG_MESSAGES.handshakeTimeout, { url }));

  const unreachable = WS('connect EHOSTUNREACH 10.0.0.9:8080', url);
  f = analyzeLog(unreachable).findings;
  assert.deepEqual([f[0].code, f[0].range], [LOG_CODES.unreachable, at(unreachable, 'connect EHOSTUNREACH 10.0.0.9:8080')]);

  const reset = WS('read ECONNRESET', url);
  f = analyzeLog(reset).findings;
  assert.equal(en(f[0]), say('en', LOG_MESSAGES.reset, { address: '10.0.0.9:8080', code: 'ECONNRESET' }), 'the address of the record URL');

  const hangUp = WS('socket hang up', 'wss://bot.example:8443/ws');
  f = analyzeLog(hangUp).findings;
  assert.equal(en(f[0]), say('en', LOG_MESSAGES.hangUp, { address: 'bot.example:8443' }), 'closed before answering: not a reset');

  const eaiAgain = WS('getaddrinfo EAI_AGAIN nonebot', 'ws://nonebot:8080/onebot/v11/ws');
  f = analyzeLog(eaiAgain).findings;
  assert.deepEqual([f[0].code, f[0].range, en(f[0])], [LOG_CODES.dns, at(eaiAgain, 'getaddrinfo EAI_AGAIN nonebot'), say('en', P.dns, { host: 'nonebot', code: 'EAI_AGAIN' })]);

  const ipv6 = WS('connect ECONNREFUSED ::1:8080', 'ws://localhost:8080/');
  f = analyzeLog(ipv6).findings;
  assert.equal(en(f[0]), say('en', P.refusedClient, { address: '::1:8080' }) + say('en', P.refusedLoopbackClient, { host: '::1' }));
});

test("NapCat's HTTP client: the framework's status for an event POST; other HTTP requests are not judged", () => {
  const url = 'http://127.0.0.1:5700/onebot/v11/http';
  const post = (status: number) => `07-07 10:40:56 [error] 小明 | [OneBot] [Http Client] 新消息事件HTTP上报返回快速操作失败 ${url} Error: Unexpected status code: ${status}`;
  let f = analyzeLog(post(401)).findings;
  assert.deepEqual([f[0].code, en(f[0])], [LOG_CODES.token, say('en', LOG_MESSAGES.postToken, { status: 401 })]);
  f = analyzeLog(post(404)).findings;
  assert.deepEqual([f[0].code, f[0].range, en(f[0])], [LOG_CODES.path, at(post(404), 'Unexpected status code: 404'), say('en', LOG_MESSAGES.postPath, { status: 404, url })]);
  f = analyzeLog(post(500)).findings;
  assert.deepEqual([f[0].code, en(f[0])], [LOG_CODES.response, say('en', LOG_MESSAGES.postOther, { status: 500 })]);
  assert.deepEqual(analyzeLog('07-07 10:40:56 [warn] 小明 | [NapCat] [Core] 检查更新失败 Error: Unexpected status code: 404').findings, []);
});

test('listen EACCES: a port the system does not let NapCat use is an error, explained by the port', () => {
  const line = (tail: string, tag = 'Http Server') => `07-07 10:41:02 [warn] 小明 | [OneBot] [${tag}] Server Error: ${tail}`;
  // Below 1024: a privileged port on Linux.
  const low = line('listen EACCES: permission denied 0.0.0.0:80');
  let f = analyzeLog(low).findings;
  assert.deepEqual(
    f.map((x) => [x.code, x.severity, x.range]),
    [[LOG_CODES.portDenied, 'error', at(low, 'listen EACCES: permission denied 0.0.0.0:80')]],
  );
  assert.equal(en(f[0]), say('en', LOG_MESSAGES.portDeniedLow, { address: '0.0.0.0:80', port: 80, code: 'EACCES' }));
  assert.match(en(f[0]), /below 1024.*-p 80:3001/);
  assert.equal(inLang('zh-cn', () => logFindingMessage(f[0])), say('zh-cn', LOG_MESSAGES.portDeniedLow, { address: '0.0.0.0:80', port: 80, code: 'EACCES' }));
  assert.match(inLang('zh-cn', () => logFindingMessage(f[0])), /1024 以下的端口/);
  // 1024 and above: on Windows, a range reserved by Hyper-V, WSL or Docker (WebUI's 6099 is a classic).
  const high = line('listen EACCES: permission denied 0.0.0.0:6099', 'WebSocket Server');
  f = analyzeLog(high).findings;
  assert.deepEqual([f[0].code, f[0].severity, f[0].range], [LOG_CODES.portDenied, 'error', at(high, 'listen EACCES: permission denied 0.0.0.0:6099')]);
  assert.equal(en(f[0]), say('en', LOG_MESSAGES.portDenied, { address: '0.0.0.0:6099', port: 6099, code: 'EACCES' }));
  assert.match(en(f[0]), /excludedportrange/);
  // IPv6, as Node writes it, and no address at all.
  const v6 = line('listen EACCES: permission denied :::443');
  assert.equal(en(analyzeLog(v6).findings[0]), say('en', LOG_MESSAGES.portDeniedLow, { address: ':::443', port: 443, code: 'EACCES' }));
  const bare = '[ERROR] [OneBot] Error: listen EACCES';
  f = analyzeLog(bare).findings;
  assert.deepEqual([f[0].code, f[0].severity, f[0].range], [LOG_CODES.portDenied, 'error', at(bare, 'listen EACCES')]);
  assert.equal(en(f[0]), say('en', LOG_MESSAGES.portDeniedNoAddress, { code: 'EACCES' }));
  // Not a listen: a file NapCat may not open, or a connection, is no port problem.
  assert.deepEqual(analyzeLog("07-07 10:41:04 [error] 小明 | [NapCat] [Core] Error: EACCES: permission denied, open '/app/napcat/cache/a.json'").findings, []);
  assert.deepEqual(analyzeLog('[ERROR] [OneBot] Error: connect EACCES 10.0.0.1:8080').findings, []);
  // The first error of a line is taken: a file error before a refused connection does not hide it.
  const both = "[ERROR] [OneBot] [WebSocket Client] EACCES: permission denied, open 'x' Error: connect ECONNREFUSED 10.0.0.1:8080";
  assert.deepEqual(analyzeLog(both).findings.map((x) => [x.code, x.range]), [[LOG_CODES.refused, at(both, 'connect ECONNREFUSED 10.0.0.1:8080')]]);
});

test('listen EADDRNOTAVAIL: a host address that is not on NapCat’s machine (a Docker host IP in the container) is an error', () => {
  const text = [
    '07-07 10:41:02 [warn] 小明 | [OneBot] [Http Server] Server Error: listen EADDRNOTAVAIL: address not available 192.168.1.20:3000',
    '07-07 10:41:03 [warn] 小明 | [OneBot] [WebSocket Server] Server Error: listen EADDRNOTAVAIL: address not available fe80::1:3001',
    '[ERROR] [OneBot] Error: listen EADDRNOTAVAIL',
    '[ERROR] [OneBot] [WebSocket Client] Error: connect EADDRNOTAVAIL 0.0.0.0:8080 - Local (0.0.0.0:0)',
  ].join('\n');
  const f = analyzeLog(text).findings;
  assert.deepEqual(
    f.map((x) => [x.code, x.severity, x.range]),
    [
      [LOG_CODES.addressNotAvailable, 'error', at(text, 'listen EADDRNOTAVAIL: address not available 192.168.1.20:3000')],
      [LOG_CODES.addressNotAvailable, 'error', at(text, 'listen EADDRNOTAVAIL: address not available fe80::1:3001')],
      [LOG_CODES.addressNotAvailable, 'error', at(text, 'listen EADDRNOTAVAIL', 2)],
      [LOG_CODES.connectNotAvailable, 'warning', at(text, 'connect EADDRNOTAVAIL 0.0.0.0:8080')],
    ],
    "a client's connect EADDRNOTAVAIL is not a server that did not start",
  );
  assert.equal(en(f[0]), say('en', LOG_MESSAGES.addressNotAvailable, { address: '192.168.1.20:3000', host: '192.168.1.20', port: '3000', code: 'EADDRNOTAVAIL' }));
  assert.match(en(f[0]), /192\.168\.1\.20 is not an address of the machine NapCat runs on.*Docker.*0\.0\.0\.0.*-p 3000:3000/);
  assert.equal(en(f[1]), say('en', LOG_MESSAGES.addressNotAvailable, { address: 'fe80::1:3001', host: 'fe80::1', port: '3001', code: 'EADDRNOTAVAIL' }));
  assert.equal(en(f[2]), say('en', LOG_MESSAGES.addressNotAvailableNoAddress, { code: 'EADDRNOTAVAIL' }));
  assert.match(inLang('zh-cn', () => logFindingMessage(f[0])), /192\.168\.1\.20 不是 NapCat 所在机器的地址/);
});

test("a server's client going away is not NapCat's failure; a chat message is never an error", () => {
  const text = [
    '07-07 10:40:56 [info] 小明 | [OneBot] [WebSocket Server] Client Error: read ECONNRESET',
    '07-07 10:40:57 [info] 小明 | [NapCat] [Core] 接收 <- 私聊 (10002) connect ECONNREFUSED 127.0.0.1:8080',
    '2024-11-02 11:38:27 [INFO] Bot(12345) | [NapCat] [Core] 发送 -> 群聊 [测试群(10001)] Unexpected server response: 401',
  ].join('\n');
  assert.deepEqual(analyzeLog(text).findings, []);
});

test('certificates: the probe sentences with the address of the wss:// URL, and the verifyCertificate hint', () => {
  const url = 'wss://bot.example:8443/onebot/v11/ws';
  const selfSigned = WS('self-signed certificate', url);
  let f = analyzeLog(selfSigned).findings;
  assert.deepEqual([f[0].code, f[0].range], [LOG_CODES.tls, at(selfSigned, 'self-signed certificate')]);
  assert.equal(en(f[0]), say('en', P.tlsSelfSigned, { address: 'bot.example:8443', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) + say('en', P.tlsVerifyHint));
  const plain = WS('write EPROTO 80D8:error:0A00010B:SSL routines:ssl3_get_record:wrong version number', url);
  f = analyzeLog(plain).findings;
  assert.equal(en(f[0]), say('en', P.tlsNotTls, { address: 'bot.example:8443', code: 'ERR_SSL_WRONG_VERSION_NUMBER', plain: 'ws://', secure: 'wss://' }));
  assert.deepEqual(analyzeLog('[ERROR] [OneBot] Error: certificate has expired').findings, [], 'no address, no finding');
});

// ---------------------------------------------------------------- grouping and limits

test('identical errors of a reconnect loop become one finding on the first, pointing at the last', () => {
  const lines: string[] = [];
  for (let i = 0; i < 5; i++) {
    lines.push(`07-07 10:41:0${i} [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://127.0.0.1:8080/onebot/v11/ws) 连接错误 Error: connect ECONNREFUSED 127.0.0.1:8080`);
    lines.push(`07-07 10:41:0${i} [error] 小明 | [OneBot] [WebSocket Client] 在 5 秒后尝试重新连接`);
  }
  lines.push(`07-07 10:42:00 [error] 小明 | [OneBot] [WebSocket Client] Error: connect ECONNREFUSED 127.0.0.1:8081`);
  const text = lines.join('\n');
  const { findings } = analyzeLog(text);
  assert.equal(findings.length, 2);
  const [loop, other] = findings;
  assert.deepEqual([loop.count, loop.range], [5, at(text, 'connect ECONNREFUSED 127.0.0.1:8080', 0)]);
  assert.deepEqual(loop.related?.map((r) => [r.range, say('en', r.message, r.args)]), [[at(text, 'connect ECONNREFUSED 127.0.0.1:8080', 4), 'The last of 5 occurrences']]);
  assert.equal(
    en(loop),
    say('en', P.refusedClient, { address: '127.0.0.1:8080' }) + say('en', P.refusedLoopbackClient, { host: '127.0.0.1' }) + say('en', LOG_MESSAGES.repeated, { count: 5 }),
  );
  assert.match(inLang('zh-cn', () => logFindingMessage(loop)), /出现了 5 次/);
  assert.deepEqual([other.count, other.related, other.range], [1, undefined, at(text, 'connect ECONNREFUSED 127.0.0.1:8081')]);
});

test('limits: the first different errors of a code, then one summary; the first links, then one summary', () => {
  const lines: string[] = [];
  for (let i = 0; i < 10; i++) lines.push(`[ERROR] [OneBot] Error: connect ECONNREFUSED 10.0.0.${i}:8080 http://10.0.0.${i}/`);
  lines.push('[ERROR] [OneBot] Error: connect ECONNREFUSED 10.0.0.1:8080', '[ERROR] [OneBot] Error: listen EADDRINUSE: address already in use 0.0.0.0:3001');
  const text = lines.join('\n');
  const { links, findings } = analyzeLog(text, { maxPerCode: 3, maxLinks: 4 });
  assert.deepEqual(links.map((l) => l.range), [0, 1, 2, 3].map((i) => at(text, `http://10.0.0.${i}/`)));
  assert.deepEqual(
    findings.map((f) => [f.code, f.severity, f.range, f.count]),
    [
      [LOG_CODES.refused, 'warning', at(text, 'connect ECONNREFUSED 10.0.0.0:8080'), 1],
      [LOG_CODES.refused, 'warning', at(text, 'connect ECONNREFUSED 10.0.0.1:8080'), 2],
      [LOG_CODES.refused, 'warning', at(text, 'connect ECONNREFUSED 10.0.0.2:8080'), 1],
      [LOG_CODES.moreFindings, 'info', at(text, 'connect ECONNREFUSED 10.0.0.3:8080'), 7],
      [LOG_CODES.moreLinks, 'info', at(text, 'http://10.0.0.4/'), 6],
      [LOG_CODES.portInUse, 'error', at(text, 'listen EADDRINUSE: address already in use 0.0.0.0:3001'), 1],
    ],
    'an identical error beyond the limit still counts in its group (10.0.0.1 twice)',
  );
  assert.equal(en(findings[3]), say('en', LOG_MESSAGES.moreFindings, { count: 7, code: LOG_CODES.refused, limit: 3 }));
  assert.equal(en(findings[4]), say('en', LOG_MESSAGES.moreLinks, { count: 6, limit: 4 }));
});

test('a 50 MiB log of distinct errors and links stays bounded', () => {
  const parts: string[] = [];
  let size = 0;
  let errors = 0;
  let urls = 0;
  for (let i = 0; size < 50 * 1024 * 1024; i++) {
    const port = 1024 + (i % 60000);
    const line =
      i % 3 === 0
        ? `07-07 10:40:${String(i % 60).padStart(2, '0')} [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://127.0.0.1:${port}/onebot/v11/ws?access_token=tok${i}) 连接错误 Error: connect ECONNREFUSED 127.0.0.1:${port}`
        : i % 3 === 1
          ? '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)'
          : `07-07 10:40:55 [warn] 小明 | [OneBot] [WebSocket Server] Server Error: listen EADDRINUSE: address already in use 0.0.0.0:${port} /app/napcat/config/onebot11_${i}.json`;
    if (i % 3 !== 1) errors++;
    if (i % 3 === 0) urls++;
    if (i % 3 === 2) urls++; // the path
    parts.push(line);
    size += line.length + 1;
  }
  const text = parts.join('\n');
  assert.ok(text.length >= 50 * 1024 * 1024);
  const { links, findings } = analyzeLog(text);
  assert.equal(links.length, DEFAULT_MAX_LINKS);
  const codes = new Set(findings.map((f) => f.code));
  assert.deepEqual([...codes].sort(), [LOG_CODES.moreFindings, LOG_CODES.moreLinks, LOG_CODES.portInUse, LOG_CODES.refused].sort());
  assert.equal(findings.length, 2 * DEFAULT_MAX_PER_CODE + 2 + 1);
  // Every error line is accounted for: in a group or in a summary.
  const counted = findings.filter((f) => f.code !== LOG_CODES.moreLinks).reduce((n, f) => n + f.count, 0);
  assert.equal(counted, errors);
  assert.equal(DEFAULT_MAX_LINKS + only(findings, LOG_CODES.moreLinks).count, urls);
  // Small output: no message grows with the log.
  for (const f of findings) for (const lang of LANGS) assert.ok(inLang(lang, () => logFindingMessage(f)).length < 1000);
});

// ---------------------------------------------------------------- in pieces (LogAnalyzer)

/** The analysis of `text` written to a `LogAnalyzer` in pieces of the given sizes (cycled). */
function inPieces(text: string, sizes: readonly number[], options: LogOptions = {}): LogAnalysis {
  const analyzer = new LogAnalyzer(options);
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length];
    analyzer.write(text.slice(i, i + n));
    i += n;
  }
  return analyzer.end();
}

/** A log with every kind of line ending, a grouped error, a final line without a line break. */
const MIXED = [
  fixture('log4js.log').replace(/\n/g, '\r\n'),
  fixture('winston.log'),
  fixture('docker.log'),
  WS('connect ECONNREFUSED 127.0.0.1:8080'),
  '',
  WS('connect ECONNREFUSED 127.0.0.1:8080') + '\r',
  '[ERROR] [OneBot] [Http Server] Error: listen EACCES: permission denied 0.0.0.0:80',
  '07-07 10:41:03 [warn] 小明 | [OneBot] [WebSocket Server] Server Error: listen EADDRNOTAVAIL: address not available 172.17.0.1:3001 😀',
].join('\n');

test('in pieces: the same analysis as the whole text, wherever the pieces are cut (inside a line, between \\r and \\n)', () => {
  const whole = analyzeLog(MIXED);
  assert.ok(whole.findings.length >= 10 && whole.links.length >= 5);
  for (const sizes of [[1], [2, 3], [7], [64], [1000], [MIXED.length]]) assert.deepEqual(inPieces(MIXED, sizes), whole, `pieces of ${sizes.join(', ')}`);
  // Every cut between \r and \n.
  for (let i = MIXED.indexOf('\r\n'); i >= 0; i = MIXED.indexOf('\r\n', i + 1)) {
    const analyzer = new LogAnalyzer();
    analyzer.write(MIXED.slice(0, i + 1));
    analyzer.write(MIXED.slice(i + 1));
    assert.deepEqual(analyzer.end(), whole, `cut after the \\r at ${i}`);
  }
});

test('positions: each finding and its last occurrence carry the line and column of their start, as a line index finds them', () => {
  const index = new LineIndex(MIXED);
  const { findings } = inPieces(MIXED, [5, 11]);
  assert.ok(findings.some((f) => f.related?.length));
  for (const f of findings) {
    assert.deepEqual(f.start, index.positionAt(f.range.offset), f.code);
    assert.equal(index.positionAt(f.range.offset + f.range.length).line, f.start.line, 'a range never spans lines');
    for (const r of f.related ?? []) assert.deepEqual(r.start, index.positionAt(r.range.offset));
  }
  const last = findings[findings.length - 1];
  const lastLine = MIXED.slice(MIXED.lastIndexOf('\n') + 1);
  assert.deepEqual([last.code, last.start], [LOG_CODES.addressNotAvailable, { line: index.lineCount - 1, character: lastLine.indexOf('listen EADDRNOTAVAIL') }]);
});

test('links: false gives no links and no link summary, and URLs still give errors their record', () => {
  const text = [WS('Opening handshake has timed out'), ...Array.from({ length: 5 }, (_, i) => `http://10.0.0.${i}/`)].join('\n');
  const withLinks = analyzeLog(text, { maxLinks: 2 });
  const without = analyzeLog(text, { maxLinks: 2, links: false });
  assert.deepEqual(without.links, []);
  assert.deepEqual(
    without.findings,
    withLinks.findings.filter((f) => f.code !== LOG_CODES.moreLinks),
  );
  assert.equal(en(without.findings[0]), say('en', LOG_MESSAGES.handshakeTimeout, { url: 'ws://127.0.0.1:8080/onebot/v11/ws' }));
});

test('maxLineLength: only the beginning of a longer line is analysed; the lines after it keep their offsets and numbers', () => {
  const long = `[ERROR] [OneBot] Error: listen EACCES: permission denied 0.0.0.0:80 ${'x'.repeat(5000)} connect ECONNREFUSED 10.0.0.9:1`;
  const farError = `[ERROR] [OneBot] ${'y'.repeat(5000)} Error: connect ECONNREFUSED 10.0.0.8:1`;
  const text = [long, farError, WS('connect ECONNREFUSED 10.0.0.7:8080')].join('\r\n');
  // Without the limit, the same findings plus the one far into line 2.
  const expected = analyzeLog(text).findings.filter((f) => f.range.offset < long.length || f.range.offset > long.length + farError.length);
  assert.equal(expected.length, analyzeLog(text).findings.length - 1);
  for (const sizes of [[text.length], [100], [3]]) {
    const { findings } = inPieces(text, sizes, { maxLineLength: 1000 });
    assert.deepEqual(
      findings.map((f) => [f.code, f.range, f.start]),
      [
        [LOG_CODES.portDenied, at(text, 'listen EACCES: permission denied 0.0.0.0:80'), { line: 0, character: 24 }],
        [LOG_CODES.refused, at(text, 'connect ECONNREFUSED 10.0.0.7:8080'), { line: 2, character: WS('').length }],
      ],
      `the error 5000 characters into line 2 is not looked for (pieces of ${sizes[0]})`,
    );
    assert.deepEqual(findings, expected);
  }
});

// ---------------------------------------------------------------- paths

test('config file paths: POSIX, relative, Windows (with spaces), in quotes, in a file URL', () => {
  const text = [
    "[ERROR] [NapCat] [Config] Error: ENOENT: no such file or directory, open '/app/napcat/config/onebot11_12345.json'",
    '07-07 10:40:55 [info] 小明 | [NapCat] [Config] 读取 config/onebot11_12345.json 和 webui.json。',
    '07-07 10:40:55 [info] 小明 | [NapCat] [Config] C:\\Users\\me\\NapCat.Shell\\config\\napcat_12345.json loaded',
    '07-07 10:40:55 [info] 小明 | [NapCat] [Config] 配置文件:C:\\Program Files\\NapCat\\config\\napcat_protocol_12345.json',
    '07-07 10:40:55 [info] 小明 | [NapCat] [Config] file:///opt/QQ/resources/app/app_launcher/napcat/config/onebot11.json',
    '07-07 10:40:55 [info] 小明 | [NapCat] [Config] not: webui.json.bak my_onebot11.json onebot11_1.json5 http://host/config/webui.json',
  ].join('\n');
  const paths = analyzeLog(text).links.filter((l): l is PathLink => l.kind === 'path');
  assert.deepEqual(
    paths.map((l) => [slice(text, l.range), l.path, l.style, l.name]),
    [
      ['/app/napcat/config/onebot11_12345.json', '/app/napcat/config/onebot11_12345.json', 'posix', 'onebot11_12345.json'],
      ['config/onebot11_12345.json', 'config/onebot11_12345.json', 'relative', 'onebot11_12345.json'],
      ['webui.json', 'webui.json', 'relative', 'webui.json'],
      ['C:\\Users\\me\\NapCat.Shell\\config\\napcat_12345.json', 'C:\\Users\\me\\NapCat.Shell\\config\\napcat_12345.json', 'windows', 'napcat_12345.json'],
      ['C:\\Program Files\\NapCat\\config\\napcat_protocol_12345.json', 'C:\\Program Files\\NapCat\\config\\napcat_protocol_12345.json', 'windows', 'napcat_protocol_12345.json'],
      [
        'file:///opt/QQ/resources/app/app_launcher/napcat/config/onebot11.json',
        '/opt/QQ/resources/app/app_launcher/napcat/config/onebot11.json',
        'posix',
        'onebot11.json',
      ],
    ],
  );
  const urls = analyzeLog(text).links.filter((l) => l.kind === 'url');
  assert.deepEqual(urls.map((l) => slice(text, l.range)), ['http://host/config/webui.json'], 'a path inside a URL is the URL');
});

test('resolving a path: <root>/logs → <root>/config; absolute paths open themselves unless only the local copy exists', () => {
  const link = (p: string, style: PathLink['style']): PathLink => ({ kind: 'path', range: { offset: 0, length: p.length }, path: p, style, name: p.split(/[\\/]/).pop()! });
  const log = '/home/me/napcat/logs/2025-03-06.log';
  const none = () => false;
  const local = (p: string) => p === '/home/me/napcat/config/onebot11_12345.json';
  assert.equal(napcatRootOf(log), '/home/me/napcat');
  assert.equal(napcatRootOf('/home/me/napcat.log'), undefined);
  assert.equal(napcatRootOf('c:/NapCat.Shell/LOGS/a.log'), 'c:/NapCat.Shell');
  const docker = link('/app/napcat/config/onebot11_12345.json', 'posix');
  assert.deepEqual(resolveConfigPath(docker, log, none), { path: '/app/napcat/config/onebot11_12345.json', mapped: false });
  assert.deepEqual(resolveConfigPath(docker, log, local), { path: '/home/me/napcat/config/onebot11_12345.json', mapped: true });
  assert.deepEqual(resolveConfigPath(docker, log, (p) => p.startsWith('/app/')), { path: '/app/napcat/config/onebot11_12345.json', mapped: false });
  assert.deepEqual(resolveConfigPath(docker, undefined, none), { path: '/app/napcat/config/onebot11_12345.json', mapped: false });
  const windows = link('C:\\NapCat\\config\\webui.json', 'windows');
  assert.deepEqual(resolveConfigPath(windows, log, none), { path: 'C:/NapCat/config/webui.json', mapped: false });
  for (const rel of ['config/onebot11_12345.json', './config/onebot11_12345.json', 'config\\onebot11_12345.json', 'onebot11_12345.json', 'napcat/config/onebot11_12345.json']) {
    assert.deepEqual(resolveConfigPath(link(rel, 'relative'), log, none), { path: '/home/me/napcat/config/onebot11_12345.json', mapped: false }, rel);
  }
  assert.equal(resolveConfigPath(link('data/onebot11_12345.json', 'relative'), log, none), undefined, 'not a config folder');
  assert.equal(resolveConfigPath(link('config/onebot11_12345.json', 'relative'), '/home/me/napcat.log', none), undefined, 'no logs folder');
  assert.equal(resolveConfigPath(link('config/onebot11_12345.json', 'relative'), undefined, none), undefined, 'untitled');
});

// ---------------------------------------------------------------- secrets and catalogue

test('tokens in URLs never appear in a display text or a message, in either language', () => {
  const secrets = ['3f9a1c7e5b2d', 'query-secret-77', 'hunter2-long'];
  const text = [
    `07-07 10:40:50 [info] [NapCat] [WebUi] WebUi Local Panel Url: http://127.0.0.1:6099/webui?token=${secrets[0]}`,
    WS('Opening handshake has timed out', `ws://127.0.0.1:8080/onebot/v11/ws?access_token=${secrets[1]}`),
    WS('Unexpected server response: 404', `ws://127.0.0.1:8080/onebot/v11/ws?access_token=${secrets[1]}`),
    `07-07 10:40:56 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://u:${secrets[2]}@127.0.0.1:8080/ws) 连接意外关闭`,
    `07-07 10:40:56 [error] 小明 | [OneBot] [Http Client] http://127.0.0.1:5700/?access_token=${secrets[1]} Error: Unexpected status code: 404`,
  ].join('\n');
  const { links, findings } = analyzeLog(text);
  assert.equal(findings.length, 4);
  const shown = [
    ...links.map((l) => (l.kind === 'url' ? l.display : l.path)),
    ...findings.flatMap((f) => LANGS.map((lang) => inLang(lang, () => logFindingMessage(f)))),
    ...links.flatMap((l) => (l.kind === 'url' ? LANGS.map((lang) => say(lang, l.secret ? LOG_MESSAGES.openUrlMasked : LOG_MESSAGES.openUrl, { url: l.display })) : [])),
  ];
  for (const s of shown) for (const secret of secrets) assert.ok(!s.includes(secret), `${secret} in ${s}`);
  assert.ok(links.every((l) => l.kind !== 'url' || l.secret), 'every URL here holds a secret');
  assert.match(en(findings[0]), /access_token=\*\*\*/);
});

test('no finding of any kind leaves a placeholder unfilled', () => {
  const text = [
    ...Object.values(STYLES),
    ...[401, 403, 404, 405, 200, 301, 400, 500, 499].map((s) => WS(`Unexpected server response: ${s}`)),
    ...[404, 405, 200, 301].map((s) => `[ERROR] [OneBot] [WebSocket Client] Error: Unexpected server response: ${s}`),
    ...['connect ETIMEDOUT 1.2.3.4:5', 'read ETIMEDOUT', 'connect ENETUNREACH 1.2.3.4:5', 'read ECONNRESET', 'getaddrinfo ENOTFOUND', 'Opening handshake has timed out', 'listen EADDRINUSE', 'listen EACCES', 'listen EACCES: permission denied 0.0.0.0:80', 'listen EACCES: permission denied 0.0.0.0:6099', 'listen EADDRNOTAVAIL', 'listen EADDRNOTAVAIL: address not available 10.1.1.1:3000'].map(
      (t) => `[ERROR] [OneBot] Error: ${t}`,
    ),
    '[ERROR] [OneBot] [WebSocket Client] 连接意外关闭',
    '[ERROR] [NapCat] Error: ECONNREFUSED',
    ...['self signed certificate in certificate chain', 'certificate has expired', 'certificate is not yet valid', 'unable to verify the first certificate', 'unable to get local issuer certificate', "Hostname/IP does not match certificate's altnames: Host: a. is not in the cert's altnames: DNS:b"].map((t) =>
      WS(t, 'wss://a:1/'),
    ),
    ...[401, 404, 500].map((s) => `[ERROR] [OneBot] [Http Client] Error: Unexpected status code: ${s}`),
  ].join('\n');
  const { findings } = analyzeLog(text, { maxPerCode: 100 });
  assert.ok(findings.length >= 30, String(findings.length));
  for (const f of findings) for (const lang of LANGS) assert.doesNotMatch(inLang(lang, () => logFindingMessage(f)), /\{\w+\}/, `${f.code} ${lang}`);
});
