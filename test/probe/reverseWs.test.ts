import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import WebSocket from 'ws';
import { describeResult, napcatClientHeaders, probe, probeTargets, type ProbeTarget } from '../../server/src/probe';
import { analyze } from '../../server/src/core';
import { blackHole, closeAll, closedPort, closingServer, frameworkServer, webPage, type BlackHole, type FrameworkServer, type TestServer } from './servers';
import { expectKind, HANG, NEVER_MS, target, timed } from './helpers';
import { inLang } from '../helpers/l10n';

/** websocketClients: NapCat dials the bot framework; the probe does what NapCat does. */

const TOKEN = 'nonebot-secret-7f3a';
let framework: FrameworkServer;
let open: FrameworkServer;
let page: TestServer;
let hole: BlackHole;
let closer: TestServer;
let dropper: TestServer;
let silentCloser: TestServer;
let byeCloser: TestServer;
let unique: FrameworkServer;

before(async () => {
  [framework, open, page, hole, closer, dropper] = await Promise.all([
    frameworkServer({ token: TOKEN }),
    frameworkServer({ wrongPathStatus: 403 }),
    webPage(),
    blackHole(),
    closingServer(4001, 'go away'),
    closingServer('drop'),
  ]);
  [silentCloser, byeCloser, unique] = await Promise.all([closingServer(), closingServer(1000), frameworkServer({ token: TOKEN, uniqueSelfId: true })]);
});
after(() => closeAll([framework, open, page, hole, closer, dropper, silentCloser, byeCloser, unique]));

/** A NapCat-like live connection: NapCat's headers with the account itself, held open. */
function napcatConnection(url: string, uin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: napcatClientHeaders(uin, TOKEN) });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const reverse = (url: string, extra: Partial<ProbeTarget> = {}) => target({ kind: 'websocketClients', url, uin: '12345', token: TOKEN, ...extra });

test('ok: the framework accepts NapCat’s handshake under a test account; the probe sends nothing and closes with 1000', async () => {
  framework.requests.length = 0;
  const closed = framework.nextClose();
  const result = expectKind(await probe(reverse(framework.url('/onebot/v11/ws'))), 'ok');
  assert.ok(Number.isFinite(result.latencyMs) && result.latencyMs >= 0, 'a measured latency');
  assert.equal(result.napcat, undefined);
  assert.equal(await closed, 1000);
  assert.deepEqual(framework.messages, [], 'no fake event is sent');
  const sent = framework.requests[0].headers['x-self-id'];
  assert.equal(result.testSelfId, sent);
  assert.match(String(sent), /^9\d{12}$/, 'a 13-digit number no QQ account has');
  assert.equal(result.accountUnchecked, undefined);
  const text = describeResult(result, reverse(framework.url('/onebot/v11/ws')));
  assert.match(text, new RegExp(`accepted a test connection .*X-Self-ID ${String(sent)}.*left alone.*takes any account`));
  assert.match(inLang('zh-cn', () => describeResult(result, reverse(framework.url('/onebot/v11/ws')))), /测试账号/);
});

test('the handshake carries exactly NapCat’s headers, names and values', async () => {
  framework.requests.length = 0;
  expectKind(await probe(reverse(framework.url('/onebot/v11/ws'))), 'ok');
  const [req] = framework.requests;
  assert.equal(req.method, 'GET');
  assert.equal(req.url, '/onebot/v11/ws');
  const own = req.rawHeaders.filter(([name]) => !/^(host|connection|upgrade|sec-websocket-key|sec-websocket-version)$/i.test(name));
  assert.notEqual(req.headers['x-self-id'], '12345', 'never the account of the config');
  assert.deepEqual(own, [
    ['X-Self-ID', String(req.headers['x-self-id'])],
    ['Authorization', `Bearer ${TOKEN}`],
    ['x-client-role', 'Universal'],
    ['User-Agent', 'OneBot/11'],
  ]);
  // The rest is the WebSocket protocol itself; no compression offer (NapCat disables it).
  const names = req.rawHeaders.map(([n]) => n.toLowerCase()).sort();
  assert.deepEqual(names, ['authorization', 'connection', 'host', 'sec-websocket-key', 'sec-websocket-version', 'upgrade', 'user-agent', 'x-client-role', 'x-self-id']);
  assert.equal(req.headers['sec-websocket-version'], '13');
});

test('an empty token is still sent as "Authorization: Bearer", as NapCat does; a token-checking framework answers 401', async () => {
  framework.requests.length = 0;
  const t = reverse(framework.url('/onebot/v11/ws'), { token: '' });
  const result = expectKind(await probe(t), 'rejected');
  assert.equal(result.status, 401);
  assert.equal(result.meaning, 'token');
  // Node's HTTP parser drops the trailing space of "Bearer ".
  assert.equal(framework.requests[0].headers.authorization, 'Bearer');
  assert.match(describeResult(result, t), /HTTP 401.*another token.*this entry has no token/);
});

test('rejected 403: a wrong token', async () => {
  const t = reverse(framework.url('/onebot/v11/ws'), { token: 'wrong-token-123' });
  const result = expectKind(await probe(t), 'rejected');
  assert.equal(result.status, 403);
  assert.equal(result.meaning, 'forbidden');
  const text = describeResult(result, t);
  assert.match(text, /wrong token.*\/onebot\/v11\/ws.*already connected/);
  assert.ok(!text.includes('wrong-token-123'));
  assert.match(inLang('zh-cn', () => describeResult(result, t)), /403/);
});

test('rejected 404 / 403: a path the framework does not serve (/onebot/v11 instead of /onebot/v11/ws)', async () => {
  const t = reverse(framework.url('/onebot/v11'));
  const r404 = expectKind(await probe(t), 'rejected');
  assert.equal(r404.status, 404);
  assert.equal(r404.meaning, 'path');
  assert.match(describeResult(r404, t), /nothing is served at \/onebot\/v11\. .*\/onebot\/v11\/ws/);
  const r403 = expectKind(await probe(reverse(open.url('/onebot/v11/'))), 'rejected');
  assert.equal(r403.status, 403);
});

test('rejected 200: a plain web page such as the WebUI is not a WebSocket endpoint', async () => {
  const t = reverse(page.url('/'));
  const result = expectKind(await probe(t), 'rejected');
  assert.equal(result.status, 200);
  assert.equal(result.meaning, 'not-websocket');
  assert.match(result.body ?? '', /NapCat WebUI/);
  assert.match(describeResult(result, t), /Unexpected server response: 200.*WebUI on port 6099/);
});

test('refused: a port that was just closed; localhost means the container itself inside Docker', async () => {
  const port = await closedPort();
  const t = reverse(`ws://127.0.0.1:${port}/onebot/v11/ws`);
  const result = expectKind(await probe(t), 'refused');
  assert.equal(result.address, `127.0.0.1:${port}`);
  assert.equal(result.loopback, true);
  const text = describeResult(result, t);
  assert.match(text, /Nothing is listening on 127\.0\.0\.1:\d+ \(connection refused\)/);
  assert.match(text, /Docker, that is the container itself/);
  assert.match(inLang('zh-cn', () => describeResult(result, t)), /Docker/);
});

test('timeout: a black hole answers after the timeout, in the WebSocket handshake phase', HANG, async () => {
  const { value, ms } = await timed(() => probe(reverse(hole.url('/')), { timeout: 300 }));
  const result = expectKind(value, 'timeout');
  assert.equal(result.phase, 'handshake');
  assert.equal(result.timeoutMs, 300);
  assert.ok(ms >= 250, `took ${ms} ms: it waited for the timeout`);
  assert.match(describeResult(result, reverse(hole.url('/'))), /TCP connection .* opened, but the WebSocket handshake got no answer within 300 ms/);
});

test('closed right after opening: the framework’s code and reason; a dropped connection is 1006', async () => {
  const t = reverse(closer.url('/'));
  const result = expectKind(await probe(t), 'closed');
  assert.equal(result.code, 4001);
  assert.equal(result.reason, 'go away');
  assert.match(describeResult(result, t), /closed it at once \(code 4001, "go away"\)/);
  const dropped = expectKind(await probe(reverse(dropper.url('/'))), 'closed');
  assert.equal(dropped.code, 1006);
});

test('dns: a name under the reserved .invalid domain never resolves, and the probe says so quickly', async () => {
  const t = reverse('ws://napcat-probe-test.invalid:8080/onebot/v11/ws');
  // 'dns', not 'timeout': the answer came before the probe's own 3 s deadline.
  const result = expectKind(await probe(t, { timeout: 3000 }), 'dns');
  assert.equal(result.host, 'napcat-probe-test.invalid');
  assert.match(describeResult(result, t), /cannot be resolved/);
});

test('bad-url: unparsable, wrong scheme, fragment, port 0, missing URL — without connecting', async () => {
  const cases: [string | undefined, string][] = [
    ['ws://exa mple.com:8080/', 'unparsable'],
    ['ftp://127.0.0.1:21/', 'scheme'],
    ['ws://127.0.0.1:8080/ws#x', 'fragment'],
    ['ws://127.0.0.1:0/', 'port'],
  ];
  for (const [url, problem] of cases) {
    const result = expectKind(await probe(reverse(url!)), 'bad-url');
    assert.equal(result.problem, problem, url);
    assert.equal(result.latencyMs, 0);
  }
  const missing = expectKind(await probe(reverse('', { url: undefined, endpointProblem: 'missing' })), 'bad-url');
  assert.equal(missing.problem, 'missing');
});

test('http:// in a WebSocket client URL is used as ws://, as the WebSocket library does', async () => {
  expectKind(await probe(reverse(framework.url('/onebot/v11/ws', 'http'))), 'ok');
});

test('skipped: disabled entries unless asked, plugins, replaced entries; no connection is made', async () => {
  framework.requests.length = 0;
  const url = framework.url('/onebot/v11/ws');
  assert.equal(expectKind(await probe(reverse(url, { enabled: false })), 'skipped').reason, 'disabled');
  assert.equal(expectKind(await probe(reverse(url, { skip: 'replaced' })), 'skipped').reason, 'replaced');
  assert.equal(expectKind(await probe(target({ kind: 'plugins', skip: 'plugin' })), 'skipped').reason, 'plugin');
  assert.equal(framework.requests.length, 0);
  expectKind(await probe(reverse(url, { enabled: false }), { includeDisabled: true }), 'ok');
});

test('the X-Self-ID is a fresh test account with or without a uin; asAccount sends the account itself', async () => {
  framework.requests.length = 0;
  const url = framework.url('/onebot/v11/ws');
  expectKind(await probe(reverse(url, { uin: undefined })), 'ok');
  expectKind(await probe(reverse(url, { uin: undefined }), { uin: '777777' }), 'ok');
  const [a, b] = framework.requests.map((r) => String(r.headers['x-self-id']));
  assert.match(a, /^9\d{12}$/);
  assert.match(b, /^9\d{12}$/);
  assert.notEqual(a, b, 'two tests never share a test account');
  expectKind(await probe(reverse(url), { asAccount: true }), 'ok');
  expectKind(await probe(reverse(url, { uin: undefined }), { uin: '777777', asAccount: true }), 'ok');
  assert.deepEqual(framework.requests.slice(2).map((r) => r.headers['x-self-id']), ['12345', '777777']);
});

test('a framework that drops the connection at once without a code (1005) or with a bare 1000 points at the path', async () => {
  for (const [server, code] of [
    [silentCloser, 1005],
    [byeCloser, 1000],
  ] as const) {
    const t = reverse(server.url('/onebot/v11'));
    const result = expectKind(await probe(t), 'closed');
    assert.equal(result.code, code);
    const text = describeResult(result, t);
    assert.match(text, new RegExp(`closed it at once \\(code ${code}\\).*path it does not serve.*NoneBot /onebot/v11/ws, Koishi /onebot, .*AstrBot /ws`));
    assert.match(inLang('zh-cn', () => describeResult(result, t)), /不提供的路径.*NoneBot \/onebot\/v11\/ws, Koishi \/onebot,.*AstrBot \/ws/);
  }
});

test('asAccount with NapCat already connected: a NoneBot-like framework refuses the duplicate and keeps the live connection', async () => {
  const url = unique.url('/onebot/v11/ws');
  const live = await napcatConnection(url, '12345');
  try {
    const t = reverse(url);
    const result = expectKind(await probe(t, { asAccount: true }), 'rejected');
    assert.equal(result.status, 403);
    assert.equal(unique.open(), 1, 'the live connection stays');
    // Without asAccount the test never collides with it.
    expectKind(await probe(t), 'ok');
    assert.equal(live.readyState, WebSocket.OPEN);
  } finally {
    live.close();
  }
});

test('cancellation: an abort ends a waiting probe at once; an aborted signal starts nothing', HANG, async () => {
  const controller = new AbortController();
  const connected = hole.nextConnection();
  const running = probe(reverse(hole.url('/')), { timeout: NEVER_MS, signal: controller.signal });
  await connected;
  controller.abort();
  expectKind(await running, 'cancelled');
  const pre = await probe(reverse(hole.url('/')), { signal: AbortSignal.abort() });
  assert.deepEqual(pre, { kind: 'cancelled', latencyMs: 0 });
});

test('a token with characters no HTTP header can carry is an error NapCat would hit too, never a throw', async () => {
  const t = reverse(framework.url('/onebot/v11/ws'), { token: 'line\nbreak-token' });
  const result = expectKind(await probe(t), 'error');
  assert.equal(result.code, 'ERR_INVALID_CHAR');
  assert.match(describeResult(result, t), /cannot carry/);
  assert.ok(!JSON.stringify(result).includes('break-token'));
});

test('a legacy reverseWs URL that NapCat no longer reads is probed as the rebuilt entry would connect', async () => {
  const text = JSON.stringify({ reverseWs: { enable: true, urls: [framework.url('/onebot/v11/ws')] }, token: TOKEN });
  const [legacy] = probeTargets(analyze(text), { file: 'onebot11_12345.json' });
  assert.equal(legacy.legacy, true);
  assert.equal(legacy.token, TOKEN);
  expectKind(await probe(legacy), 'ok');
});
