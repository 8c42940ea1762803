import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  describeResult,
  endpointOf,
  resultLabel,
  secretsOf,
  statusMeaning,
  type ProbeResult,
  type ProbeTarget,
} from '../../server/src/probe';
import { LANGS, maskEchoed } from '../../server/src/core';
import { target } from './helpers';
import { inLang } from '../helpers/l10n';

/** Messages in both languages for every result kind, and tokens masked everywhere. */

const TOKEN = 'super-secret-token-4711';

const SAMPLES: readonly ProbeResult[] = [
  { kind: 'ok', latencyMs: 3.2 },
  { kind: 'ok', latencyMs: 3.2, tls: { verified: false, problem: 'self-signed' } },
  { kind: 'ok', latencyMs: 12, napcat: { appName: 'NapCat.Onebot', appVersion: '4.8.116', userId: '12345', nickname: 'cat' } },
  { kind: 'ok', latencyMs: 12, httpStatus: 405 },
  { kind: 'ok', latencyMs: 12, httpStatus: 404 },
  { kind: 'refused', latencyMs: 1, address: '127.0.0.1:8080', loopback: true },
  { kind: 'refused', latencyMs: 1, address: '10.0.0.2:8080', loopback: false },
  { kind: 'dns', latencyMs: 1, host: 'nonebot', code: 'ENOTFOUND' },
  { kind: 'unreachable', latencyMs: 1, address: '10.0.0.2:8080', code: 'EHOSTUNREACH' },
  ...(['dns', 'connect', 'tls', 'handshake', 'response'] as const).map((phase): ProbeResult => ({ kind: 'timeout', latencyMs: 300, address: 'x:1', phase, timeoutMs: 300 })),
  ...(['self-signed', 'expired', 'not-yet-valid', 'hostname', 'untrusted', 'not-tls', 'other'] as const).map(
    (problem): ProbeResult => ({ kind: 'tls', latencyMs: 2, address: 'x:443', problem, code: 'CODE', detail: `detail with ${TOKEN}` }),
  ),
  ...[200, 301, 400, 401, 403, 404, 405, 418, 500].map(
    (status): ProbeResult => ({ kind: 'rejected', latencyMs: 2, status, statusText: 'Text', meaning: statusMeaning(status), body: `echo ${TOKEN}`, location: 'wss://x/' }),
  ),
  { kind: 'token-rejected', latencyMs: 2, via: 'ws-1403', message: 'token验证失败', tokenSent: true },
  { kind: 'token-rejected', latencyMs: 2, via: 'http-403', message: 'token verify failed!', tokenSent: true },
  ...[1000, 1006, 1008, 1011, 4001].map((code): ProbeResult => ({ kind: 'closed', latencyMs: 2, code, reason: 'bye' })),
  { kind: 'unexpected', latencyMs: 2, detail: 'HTTP 200 (text/html)' },
  ...['ECONNRESET', 'ERR_INVALID_CHAR', 'EWHATEVER'].map((code): ProbeResult => ({ kind: 'error', latencyMs: 2, address: 'x:1', code, detail: 'socket hang up' })),
  ...(['unparsable', 'scheme', 'fragment', 'missing', 'port'] as const).map((problem): ProbeResult => ({ kind: 'bad-url', latencyMs: 0, problem, text: 'ws://x' })),
  ...(['disabled', 'plugin', 'not-read', 'replaced'] as const).map((reason): ProbeResult => ({ kind: 'skipped', latencyMs: 0, reason })),
  { kind: 'cancelled', latencyMs: 0 },
];

const TARGETS: readonly ProbeTarget[] = [
  target({ kind: 'websocketClients', url: `ws://127.0.0.1:8080/onebot/v11/ws?access_token=${TOKEN}`, token: TOKEN, uin: '12345' }),
  target({ kind: 'websocketClients', url: 'ws://127.0.0.1:8080/onebot/v11/ws', token: '', uin: undefined }),
  target({ kind: 'websocketServers', host: '0.0.0.0', port: 3001, token: TOKEN }),
  target({ kind: 'httpServers', host: '', port: 3000, token: TOKEN }),
  target({ kind: 'httpClients', url: 'http://127.0.0.1:8080/onebot/v11/http', token: TOKEN }),
];

test('every result of every kind reads as a full sentence in both languages, with no placeholder left', () => {
  for (const t of TARGETS) {
    for (const r of SAMPLES) {
      for (const lang of LANGS) {
        const text = inLang(lang, () => describeResult(r, t));
        assert.ok(text.length > 2, `${r.kind} ${lang}`);
        assert.doesNotMatch(text, /\{\w+\}/, `${JSON.stringify(r)} ${lang}: ${text}`);
        if (lang === 'zh-cn') assert.match(text, /[\u4e00-\u9fff]/, text);
        const label = inLang(lang, () => resultLabel(r));
        assert.doesNotMatch(label, /\{\w+\}|undefined/, label);
      }
    }
  }
});

test('the token never appears in a message, a label or an endpoint, not even its first characters', () => {
  for (const t of TARGETS) {
    assert.ok(!endpointOf(t).includes(TOKEN), endpointOf(t));
    for (const r of SAMPLES) {
      for (const lang of LANGS) {
        // Free texts inside results are masked by the probes before they are stored; here they are
        // planted on purpose, so mask them the way a probe does.
        const stored = JSON.parse(maskEchoed(JSON.stringify(r), [TOKEN])) as ProbeResult;
        const text = inLang(lang, () => describeResult(stored, t)) + inLang(lang, () => resultLabel(stored));
        assert.ok(!text.includes(TOKEN), text);
        assert.ok(!text.includes(TOKEN.slice(0, 3)), text);
      }
    }
  }
});

test('a secret written in the URL is masked in texts from the other side as well', () => {
  const t = target({ kind: 'websocketClients', url: 'ws://127.0.0.1:8080/ws?access_token=query-secret-77', token: '' });
  const r: ProbeResult = { kind: 'rejected', latencyMs: 1, status: 403, statusText: 'Forbidden', meaning: 'forbidden', body: 'bad token query-secret-77' };
  const stored = JSON.parse(maskEchoed(JSON.stringify(r), secretsOf(t))) as ProbeResult;
  const text = describeResult(stored, t);
  assert.ok(!text.includes('query-secret-77'), text);
  assert.match(text, /\*\*\*/);
});

test('HTTP statuses answered to an upgrade mean what frameworks mean by them', () => {
  assert.equal(statusMeaning(401), 'token');
  assert.equal(statusMeaning(403), 'forbidden');
  assert.equal(statusMeaning(404), 'path');
  assert.equal(statusMeaning(405), 'not-websocket');
  assert.equal(statusMeaning(200), 'not-websocket');
  assert.equal(statusMeaning(302), 'redirect');
  assert.equal(statusMeaning(400), 'bad-request');
  assert.equal(statusMeaning(502), 'server-error');
  assert.equal(statusMeaning(418), 'other');
});
