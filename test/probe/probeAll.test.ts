import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { probeAll, type ProbeTarget } from '../../server/src/probe';
import { Attempt } from '../../server/src/probe/attempt';
import { blackHole, closeAll, closedPort, frameworkServer, napcatWsServer, type BlackHole, type FrameworkServer, type NapCatWsServer } from './servers';
import { expectKind, HANG, NEVER_MS, target, timed } from './helpers';

/** Many probes at once: the bound, the order, cancellation, and the timeout of each phase. */

let hole: BlackHole;
let framework: FrameworkServer;
let napcat: NapCatWsServer;

before(async () => {
  [hole, framework, napcat] = await Promise.all([blackHole(), frameworkServer({ uniqueSelfId: true }), napcatWsServer()]);
});
after(() => closeAll([hole, framework, napcat]));

const silent = (i: number): ProbeTarget => target({ kind: 'websocketClients', id: `websocketClients[${i}]`, url: hole.url(`/${i}`), uin: '12345' });

test('40 black holes, timeout 300 ms, concurrency 40: all forty wait at once, not one after another', HANG, async () => {
  const targets = Array.from({ length: 40 }, (_, i) => silent(i));
  const seen: number[] = [];
  const accepted = hole.acceptedAt.length;
  let openAtFirstResult: number | undefined;
  const value = await probeAll(targets, {
    timeout: 300,
    concurrency: 40,
    onResult: (_o, i) => {
      openAtFirstResult ??= hole.acceptedAt.length - accepted;
      seen.push(i);
    },
  });
  assert.equal(value.length, 40);
  value.forEach((o, i) => {
    assert.equal(o.target, targets[i], 'outcomes come in the order of the targets');
    assert.equal(expectKind(o.result, 'timeout').phase, 'handshake');
  });
  assert.equal(seen.length, 40);
  // Every connection was open before the first probe gave up: they ran side by side.
  assert.equal(openAtFirstResult, 40);
});

test('the concurrency bound holds: 8 black holes, 4 at a time, take two rounds', async () => {
  const hole2 = await blackHole();
  try {
    const targets = Array.from({ length: 8 }, (_, i) => target({ kind: 'websocketClients', url: hole2.url(`/${i}`) }));
    const t0 = performance.now();
    const { ms } = await timed(() => probeAll(targets, { timeout: 300, concurrency: 4 }));
    const at = hole2.acceptedAt;
    assert.equal(at.length, 8);
    // The fifth connection waits for a slot, which frees when a first probe times out.
    assert.ok(at[4] - t0 >= 290, `fifth connection after ${at[4] - t0} ms`);
    assert.ok(ms >= 2 * 300 - 20, `took ${ms} ms`);
  } finally {
    await hole2.close();
  }
});

test('mixed targets: each gets its own result; skipped ones cost nothing', async () => {
  const port = await closedPort();
  const targets = [
    target({ kind: 'websocketServers', host: '0.0.0.0', port: napcat.port }),
    target({ kind: 'websocketClients', url: `ws://127.0.0.1:${port}/` }),
    target({ kind: 'websocketClients', url: hole.url('/'), enabled: false }),
    target({ kind: 'plugins', skip: 'plugin' }),
    silent(99),
  ];
  const outcomes = await probeAll(targets, { timeout: 300 });
  assert.deepEqual(
    outcomes.map((o) => o.result.kind),
    ['ok', 'refused', 'skipped', 'skipped', 'timeout'],
  );
});

test('reverse WebSocket targets with the same URL and uin run one after the other (no duplicate-bot refusal)', async () => {
  const url = framework.url('/onebot/v11/ws');
  const targets = Array.from({ length: 4 }, (_, i) => target({ kind: 'websocketClients', id: `websocketClients[${i}]`, url, uin: '12345' }));
  const outcomes = await probeAll(targets, { concurrency: 4 });
  assert.deepEqual(
    outcomes.map((o) => o.result.kind),
    ['ok', 'ok', 'ok', 'ok'],
  );
});

test('cancelling probeAll ends every running probe and starts no new one', HANG, async () => {
  const controller = new AbortController();
  const targets = Array.from({ length: 10 }, (_, i) => silent(100 + i));
  const first = hole.nextConnection();
  const running = probeAll(targets, { timeout: NEVER_MS, concurrency: 3, signal: controller.signal });
  await first;
  controller.abort();
  const value = await running;
  assert.ok(value.every((o) => o.result.kind === 'cancelled'));
});

test('a timeout before TCP connects is reported as such: connect for an address, dns for a name', async () => {
  // No socket is ever handed to these attempts: the deadline passes before any connection.
  const byAddress = new Attempt('127.0.0.1', 9, false, 30, undefined, []);
  assert.equal(expectKind(await byAddress.promise, 'timeout').phase, 'connect');
  const byName = new Attempt('napcat.invalid', 9, false, 30, undefined, []);
  assert.equal(expectKind(await byName.promise, 'timeout').phase, 'dns');
});
