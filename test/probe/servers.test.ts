import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { connectHost, describeResult, probe, type ProbeTarget } from '../../server/src/probe';
import {
  blackHole,
  closeAll,
  closedPort,
  closingServer,
  eventReceiver,
  frameworkServer,
  napcatHttpServer,
  napcatWsServer,
  webPage,
  type BlackHole,
  type EventReceiver,
  type FrameworkServer,
  type NapCatHttpServer,
  type NapCatWsServer,
  type TestServer,
} from './servers';
import { expectKind, HANG, target, timed } from './helpers';
import { inLang } from '../helpers/l10n';

/** websocketServers, httpServers, httpSseServers (NapCat listens) and httpClients (NapCat POSTs). */

const TOKEN = 'napcat-token-91c2';
let ws: NapCatWsServer;
let wsOpen: NapCatWsServer;
let httpServer: NapCatHttpServer;
let page: TestServer;
let hole: BlackHole;
let silent: FrameworkServer;
let closer: TestServer;
let receiver: EventReceiver;

before(async () => {
  [ws, wsOpen, httpServer, page, hole, silent, closer, receiver] = await Promise.all([
    napcatWsServer({ token: TOKEN, uin: '12345', nickname: '小猫', appVersion: '4.8.116' }),
    napcatWsServer({ appVersion: '4.17.44' }),
    napcatHttpServer({ token: TOKEN, uin: '12345', nickname: '小猫', appVersion: '4.8.116' }),
    webPage(),
    blackHole(),
    frameworkServer({ path: '/api' }),
    closingServer(1011, 'internal error'),
    eventReceiver('/onebot/v11/http'),
  ]);
});
after(() => closeAll([ws, wsOpen, httpServer, page, hole, silent, closer, receiver]));

const server = (kind: ProbeTarget['kind'], port: number, extra: Partial<ProbeTarget> = {}) =>
  target({ kind, host: '0.0.0.0', port, token: TOKEN, ...extra });

test('listen hosts map to loopback: 0.0.0.0 and "" → 127.0.0.1, :: → ::1, others unchanged', () => {
  assert.equal(connectHost('0.0.0.0'), '127.0.0.1');
  assert.equal(connectHost(''), '127.0.0.1');
  assert.equal(connectHost('::'), '::1');
  assert.equal(connectHost('[::]'), '::1');
  assert.equal(connectHost('192.168.1.5'), '192.168.1.5');
  assert.equal(connectHost('localhost'), 'localhost');
});

test('websocketServers ok: /api with the token, get_version_info and get_login_info answered', async () => {
  ws.requests.length = 0;
  ws.actions.length = 0;
  const t = server('websocketServers', ws.port);
  const result = expectKind(await probe(t), 'ok');
  assert.deepEqual(result.napcat, { appName: 'NapCat.Onebot', appVersion: '4.8.116', protocolVersion: 'v11', userId: '12345', nickname: '小猫' });
  assert.equal(ws.requests[0].url, '/api');
  assert.equal(ws.requests[0].headers.authorization, `Bearer ${TOKEN}`);
  assert.deepEqual(ws.actions, ['get_version_info', 'get_login_info']);
  assert.match(describeResult(result, t), /^NapCat\.Onebot 4\.8\.116 answers at 0\.0\.0\.0:\d+ in .* ms, logged in as 小猫 \(12345\)\.$/);
  assert.match(inLang('zh-cn', () => describeResult(result, t)), /当前登录账号 小猫（12345）/);
});

test('websocketServers without a token sends no Authorization header', async () => {
  wsOpen.requests.length = 0;
  const result = expectKind(await probe(server('websocketServers', wsOpen.port, { token: '', host: '' })), 'ok');
  assert.equal(result.napcat?.appVersion, '4.17.44');
  assert.equal(wsOpen.requests[0].headers.authorization, undefined);
});

test('token-rejected: NapCat upgrades, sends the 1403 frame and closes', async () => {
  const t = server('websocketServers', ws.port, { token: 'stale-token-0000' });
  const result = expectKind(await probe(t), 'token-rejected');
  assert.equal(result.via, 'ws-1403');
  assert.equal(result.message, 'token验证失败');
  assert.equal(result.tokenSent, true);
  const text = describeResult(result, t);
  assert.match(text, /rejected the token \(retcode 1403, "token验证失败"\).*another token than this file says \(this entry’s token: \*\*\*\)/);
  assert.ok(!text.includes('stale-token-0000'));
  const none = expectKind(await probe(server('websocketServers', ws.port, { token: '' })), 'token-rejected');
  assert.equal(none.tokenSent, false);
});

test('websocketServers pointing at a web page: something else holds the port', async () => {
  const t = server('websocketServers', page.port);
  const result = expectKind(await probe(t), 'rejected');
  assert.equal(result.status, 200);
  assert.match(describeResult(result, t), /Something other than NapCat’s WebSocket server answers/);
});

test('websocketServers that open but never answer: a response timeout', async () => {
  const t = server('websocketServers', silent.port);
  const result = expectKind(await probe(t, { timeout: 300 }), 'timeout');
  assert.equal(result.phase, 'response');
  assert.match(describeResult(result, t), /get_version_info got no answer within 300 ms/);
});

test('websocketServers that close before answering', async () => {
  const result = expectKind(await probe(server('websocketServers', closer.port)), 'closed');
  assert.equal(result.code, 1011);
  assert.match(describeResult(result, server('websocketServers', closer.port)), /closed it before answering \(code 1011, "internal error"\).*1011/);
});

test('refused on a server kind speaks of NapCat not running, and of publishing the port from Docker', async () => {
  const port = await closedPort();
  const t = server('websocketServers', port);
  const result = expectKind(await probe(t), 'refused');
  assert.equal(result.address, `127.0.0.1:${port}`);
  const text = describeResult(result, t);
  assert.match(text, /NapCat is not running/);
  assert.match(text, new RegExp(`-p ${port}:${port}`));
});

for (const kind of ['httpServers', 'httpSseServers'] as const) {
  test(`${kind} ok: POST /get_version_info with the token; version and account`, async () => {
    httpServer.requests.length = 0;
    const result = expectKind(await probe(server(kind, httpServer.port)), 'ok');
    assert.equal(result.napcat?.appVersion, '4.8.116');
    assert.equal(result.napcat?.userId, '12345');
    const [first, second] = httpServer.requests;
    assert.equal(first.method, 'POST');
    assert.equal(first.url, '/get_version_info');
    assert.equal(first.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(first.headers['content-type'], 'application/json');
    assert.equal(second.url, '/get_login_info');
  });
}

test('httpServers token-rejected: 403 "token verify failed!"', async () => {
  const t = server('httpServers', httpServer.port, { token: 'stale-token-0000' });
  const result = expectKind(await probe(t), 'token-rejected');
  assert.equal(result.via, 'http-403');
  assert.equal(result.message, 'token verify failed!');
  assert.match(describeResult(result, t), /answered 403 "token verify failed"/);
});

test('httpServers answered by a web page: unexpected (not NapCat)', async () => {
  const t = server('httpServers', page.port);
  const result = expectKind(await probe(t), 'unexpected');
  assert.match(result.detail, /HTTP 200 OK \(text\/html\)/);
  assert.match(describeResult(result, t), /not as NapCat’s OneBot HTTP server would/);
});

test('httpServers black hole: a response timeout, after the timeout', HANG, async () => {
  const { value, ms } = await timed(() => probe(server('httpServers', hole.port), { timeout: 300 }));
  assert.equal(expectKind(value, 'timeout').phase, 'response');
  assert.ok(ms >= 250, `took ${ms} ms: it waited for the timeout`);
});

test('httpClients: one HEAD request, no event; 405 on the POST route is ok, 404 is ok with a warning', async () => {
  receiver.requests.length = 0;
  const t = target({ kind: 'httpClients', url: receiver.url('/onebot/v11/http'), token: TOKEN, uin: '12345' });
  const result = expectKind(await probe(t), 'ok');
  assert.equal(result.httpStatus, 405);
  assert.deepEqual(
    receiver.requests.map((r) => `${r.method} ${r.url}`),
    ['HEAD /onebot/v11/http'],
  );
  assert.equal(receiver.requests[0].headers['x-signature'], undefined);
  assert.match(describeResult(result, t), /HEAD → 405/);
  const wrong = target({ kind: 'httpClients', url: receiver.url('/onebot/v11') });
  const r404 = expectKind(await probe(wrong), 'ok');
  assert.equal(r404.httpStatus, 404);
  assert.match(describeResult(r404, wrong), /answered 404 to this path: check that the framework really serves \/onebot\/v11/);
  assert.ok(receiver.requests.every((r) => r.method === 'HEAD'));
});

test('httpClients refused, and a ws:// scheme is still sent as plain HTTP (as NapCat does)', async () => {
  const port = await closedPort();
  expectKind(await probe(target({ kind: 'httpClients', url: `http://localhost:${port}/` })), 'refused');
  receiver.requests.length = 0;
  expectKind(await probe(target({ kind: 'httpClients', url: receiver.url('/onebot/v11/http', 'ws') })), 'ok');
  assert.equal(receiver.requests[0].method, 'HEAD');
});

test('a server listening on :: is probed on ::1', async (t) => {
  const { createServer } = await import('node:http');
  const v6 = createServer((_req, res) => res.end(JSON.stringify({ status: 'ok', retcode: 0, data: { app_name: 'NapCat.Onebot', app_version: '4.8.116' } })));
  const listening = await new Promise<boolean>((resolve) => {
    v6.once('error', () => resolve(false));
    v6.listen(0, '::1', () => resolve(true));
  });
  if (!listening) return t.skip('no IPv6 loopback on this machine');
  try {
    const port = (v6.address() as { port: number }).port;
    const result = expectKind(await probe(server('httpServers', port, { host: '::', token: '' })), 'ok');
    assert.equal(result.napcat?.appVersion, '4.8.116');
  } finally {
    v6.closeAllConnections();
    await new Promise((resolve) => v6.close(resolve));
  }
});
