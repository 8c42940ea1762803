import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import WebSocket from 'ws';
import { describeResult, probe, resultLabel } from '../../server/src/probe';
import { CLI, tempDir } from '../cli/run';
import { inLang } from '../helpers/l10n';
import { expectKind, target } from './helpers';
import { KOISHI_STATUS, napcatLive, startKoishi, type Koishi } from './koishi';

/**
 * The reverse-WebSocket test against a real Koishi (koishi 4.18 + koishi-plugin-adapter-onebot)
 * that holds NapCat's live connection. Koishi hands a bot to the newest connection of its
 * account and marks it offline when that connection closes, while NapCat's socket stays open (so
 * NapCat never reconnects): a test that connected as the account would knock the bot offline.
 */

const UIN = '12345';
const TOKEN = 'koishi-token-9d2e';
let koishi: Koishi;

before(async () => {
  koishi = await startKoishi(UIN, '/onebot');
});
after(() => koishi.stop());

const reverse = (url: string) => target({ kind: 'websocketClients', url, uin: UIN, token: TOKEN });

/** Opens NapCat's live connection and waits until Koishi reports the bot online. */
async function goLive() {
  const from = koishi.lines.length;
  const live = await napcatLive(koishi.url('/onebot'), UIN, TOKEN);
  await koishi.waitFor((l) => l.selfId === UIN && l.status === KOISHI_STATUS.online, from);
  return live;
}

/** Koishi still calls the API through NapCat's socket and says the bot is online. */
async function assertStillOnline(live: { ws: WebSocket; actions: string[] }) {
  const before = live.actions.length;
  const call = await koishi.ask('call');
  assert.equal(call.ok, true, `Koishi cannot reach the bot any more: ${call.error}`);
  assert.deepEqual(live.actions.slice(before), ['get_login_info'], 'the call went through NapCat’s own socket');
  assert.equal((await koishi.ask('status')).status, KOISHI_STATUS.online);
  assert.equal(live.ws.readyState, WebSocket.OPEN);
  assert.ok(!koishi.lines.some((l) => l.selfId === UIN && l.status === KOISHI_STATUS.offline), 'Koishi never reported the bot offline');
}

function ping(dir: string, file: string): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'ping', '--json', file], { cwd: dir, env: { PATH: process.env.PATH ?? '', LANG: 'C' } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

test('Koishi: the test and `napcat-config ping` leave the live bot online; the account is reported as not checked', async () => {
  const live = await goLive();
  try {
    const t = reverse(koishi.url('/onebot'));
    const result = expectKind(await probe(t), 'ok');
    assert.deepEqual(result.accountUnchecked, { code: 1008, reason: 'invalid x-self-id' });
    assert.match(resultLabel(result), /account not checked/);
    assert.match(describeResult(result, t), /unknown account .*"invalid x-self-id".*never connects as NapCat’s account 12345.*Koishi marks it offline/);
    assert.match(inLang('zh-cn', () => describeResult(result, t)), /未知账号.*invalid x-self-id.*NapCat 的账号 12345/);

    const dir = tempDir('koishi');
    const file = path.join(dir, `onebot11_${UIN}.json`);
    const config = { network: { websocketClients: [{ name: 'koishi', enable: true, url: koishi.url('/onebot'), token: TOKEN, reportSelfMessage: false, messagePostFormat: 'array', debug: false, heartInterval: 30000, reconnectInterval: 30000 }] } };
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    const run = await ping(dir, file);
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /invalid x-self-id/);
    assert.ok(!run.stdout.includes(TOKEN), 'the token is never printed');

    await assertStillOnline(live);
  } finally {
    live.ws.close();
  }
});

test('Koishi on a path it does not serve: the upgrade is accepted and closed without a code (1005), and the path is named', async () => {
  const t = reverse(koishi.url('/onebot/v11/ws'));
  const result = expectKind(await probe(t), 'closed');
  assert.equal(result.code, 1005);
  assert.match(describeResult(result, t), /path it does not serve.*Koishi \/onebot/);
  assert.match(inLang('zh-cn', () => describeResult(result, t)), /路径.*Koishi \/onebot,/);
});

test('what the test avoids: a connection as the account itself (asAccount) takes the bot from NapCat, and Koishi marks it offline', async () => {
  const live = await goLive();
  try {
    const from = koishi.lines.length;
    expectKind(await probe(reverse(koishi.url('/onebot')), { asAccount: true }), 'ok');
    await koishi.waitFor((l) => l.selfId === UIN && l.status === KOISHI_STATUS.offline, from);
    assert.equal((await koishi.ask('status')).status, KOISHI_STATUS.offline);
    assert.equal(live.ws.readyState, WebSocket.OPEN, 'NapCat’s socket is still open, so NapCat will not reconnect');
    assert.equal((await koishi.ask('call')).ok, false);
  } finally {
    live.ws.close();
  }
});
