import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { hasCredentials, isSecretKey, isSecretParam, maskEchoed, maskText, maskToken, maskUrl, unmaskUrl, urlSecrets } from '../../server/src/core';

/**
 * The one table of secrets: every way a credential is written in a config or a URL, what it looks
 * like masked, and the value that must not survive. Every surface masks through these functions;
 * `test/lsp/secrets.test.ts` feeds the same cases through each of them.
 */
export const URL_CASES: readonly { readonly name: string; readonly url: string; readonly masked: string; readonly secret: string }[] = [
  { name: 'access_token', url: 'ws://127.0.0.1:8080/ws?access_token=AT-secret-1&x=1', masked: 'ws://127.0.0.1:8080/ws?access_token=***&x=1', secret: 'AT-secret-1' },
  { name: 'token', url: 'http://h:1/webui?token=TK-secret-2', masked: 'http://h:1/webui?token=***', secret: 'TK-secret-2' },
  { name: 'api_key', url: 'ws://h:1/ws?api_key=AK-secret-3', masked: 'ws://h:1/ws?api_key=***', secret: 'AK-secret-3' },
  { name: 'auth', url: 'ws://h:1/ws?a=1&auth=AU-secret-4', masked: 'ws://h:1/ws?a=1&auth=***', secret: 'AU-secret-4' },
  { name: 'secret', url: 'http://h:1/p?secret=SE-secret-5#top', masked: 'http://h:1/p?secret=***#top', secret: 'SE-secret-5' },
  { name: 'sign', url: 'http://h:1/p?sign=SG-secret-6', masked: 'http://h:1/p?sign=***', secret: 'SG-secret-6' },
  { name: 'password', url: 'http://h:1/p?password=PW-secret-7', masked: 'http://h:1/p?password=***', secret: 'PW-secret-7' },
  { name: 'key', url: 'http://h:1/p?key=KY-secret-8', masked: 'http://h:1/p?key=***', secret: 'KY-secret-8' },
  { name: 'access%5Ftoken', url: 'ws://h:1/ws?access%5Ftoken=PE-secret-9', masked: 'ws://h:1/ws?access%5Ftoken=***', secret: 'PE-secret-9' },
  { name: 'user:password', url: 'ws://bot:UP-secret-10@h:1/ws', masked: 'ws://bot:***@h:1/ws', secret: 'UP-secret-10' },
  { name: 'user-only userinfo', url: 'ws://UO-secret-11@h:1/ws', masked: 'ws://***@h:1/ws', secret: 'UO-secret-11' },
  { name: ';access_token= path parameter', url: 'ws://h:1/ws;access_token=PP-secret-12/x', masked: 'ws://h:1/ws;access_token=***/x', secret: 'PP-secret-12' },
  { name: 'fragment parameter', url: 'http://h:1/cb#access_token=FR-secret-13&state=1', masked: 'http://h:1/cb#access_token=***&state=1', secret: 'FR-secret-13' },
];

test('maskUrl: every credential of the table is masked, the rest stays as written', () => {
  for (const c of URL_CASES) {
    assert.equal(maskUrl(c.url), c.masked, c.name);
    assert.ok(hasCredentials(c.url), c.name);
  }
  for (const clean of ['ws://127.0.0.1:8080/onebot/v11/ws', 'http://h:1/p?keyword=x&musicSignUrl=y', 'HTTP://Host:1/A?b=c', 'ws://bad url/x?y', 'ws://[::1]:6700/']) {
    assert.equal(maskUrl(clean), clean, clean);
    assert.ok(!hasCredentials(clean), clean);
  }
});

test('maskUrl: a known token inside a path is masked; a short one only as a whole segment', () => {
  assert.equal(maskUrl('http://h:1/bot/TP-secret-14/send', ['TP-secret-14']), 'http://h:1/bot/***/send');
  assert.equal(maskUrl('http://h:1/botTP-secret-14/send', ['TP-secret-14']), 'http://h:1/bot***/send');
  assert.equal(maskUrl('ws://h:1/onebot/v11/ws', ['1']), 'ws://h:1/onebot/v11/ws', 'a token "1" does not hide the 1 of v11');
  assert.equal(maskUrl('ws://h:1/x/1', ['1']), 'ws://h:1/x/***');
  assert.equal(maskUrl('ws://bad url/TP-secret-14', ['TP-secret-14']), 'ws://bad url/***', 'unparsable URLs are masked too');
});

test('secret keys and parameters: the names of the table, not their look-alikes', () => {
  for (const key of ['token', 'secret', 'httpSecret', 'accessToken', 'access_token', 'password', 'apiKey', 'api_key']) assert.ok(isSecretKey(key), key);
  for (const key of ['name', 'url', 'host', 'port', 'heartInterval', 'musicSignUrl', 'key', 'enableHeart', 'tokenType']) assert.ok(!isSecretKey(key), key);
  for (const p of ['access_token', 'token', 'api_key', 'auth', 'secret', 'sign', 'password', 'key', 'access%5Ftoken', 'X-Auth-Token', 'sig']) assert.ok(isSecretParam(p), p);
  for (const p of ['keyword', 'x', 'state', 'monkeys', 'signUrl']) assert.ok(!isSecretParam(p), p);
});

test('maskToken: nothing for none, *** for any token, never a character of it', () => {
  assert.equal(maskToken(''), '');
  assert.equal(maskToken(undefined), '');
  assert.equal(maskToken('a'), '***');
  assert.equal(maskToken('super-secret-token'), '***');
  assert.equal(maskToken(12345678), '***');
});

test('maskText: URLs, bare parameters and secret members of a line; sentence punctuation kept', () => {
  for (const c of URL_CASES) assert.equal(maskText(`see ${c.url}, then`), `see ${c.masked}, then`, c.name);
  assert.equal(maskText('connects to ws://h/?access_token=abc. Done'), 'connects to ws://h/?access_token=***. Done');
  assert.equal(maskText('(ws://h/?token=abc)'), '(ws://h/?token=***)');
  assert.equal(maskText('path /ws?access_token=abc, next'), 'path /ws?access_token=***, next');
  assert.equal(maskText('+    "token": "t0ken-value",'), '+    "token": "***",');
  assert.equal(maskText("-  httpSecret: 'sign-me', port: 80"), "-  httpSecret: '***', port: 80");
  assert.equal(maskText('   token: 12345678,'), '   token: ***,');
  assert.equal(maskText('   "token": "",'), '   "token": "",', 'an empty token stays visibly empty');
  assert.equal(maskText('   "url": "ws://u:pw-secret@h/",'), '   "url": "ws://u:***@h/",');
  assert.equal(maskText('it has no token: anyone who can reach it'), 'it has no token: anyone who can reach it', 'prose is not a member');
  assert.equal(maskText('port NaN, token NaN'), 'port NaN, token NaN', 'masking is by position, never by value');
});

test('urlSecrets and maskEchoed: texts from the other side lose the secrets of the URL they answer', () => {
  assert.deepEqual(urlSecrets('ws://u:p%40ss@h/?access_token=abc&x=1'), ['p@ss', 'abc']);
  assert.deepEqual(urlSecrets('ws://just-user@h/'), ['just-user']);
  assert.deepEqual(urlSecrets('not a url'), []);
  assert.equal(maskEchoed('bad token abcdef for you', ['abcdef']), 'bad token *** for you');
  assert.equal(maskEchoed('code 1', ['1']), 'code 1', 'one- and two-character secrets are not searched for');
  assert.equal(maskEchoed('redirected to ws://h/?token=zzz', []), 'redirected to ws://h/?token=***');
});

test('unmaskUrl: the URL typed over a masked one gets back each secret its *** stands for', () => {
  const cases: [original: string, known: string[]][] = [
    ['ws://h:1/ws?access_token=T0ken-1&x=1', []],
    ['ws://user:Pa55word@h:1/ws', []],
    ['ws://h:1/ws;access_token=T0ken-2', []],
    ['ws://h:1/T0ken-3/ws?auth=A&sign=S', ['T0ken-3']],
    ['ws://h:1/ws?token=at-the-end', []],
  ];
  for (const [original, known] of cases) {
    const masked = maskUrl(original, known);
    assert.notEqual(masked, original, original);
    assert.equal(unmaskUrl(masked, original, known), original, 'unchanged text: the same URL');
    const moved = masked.replace('ws://', 'wss://');
    assert.equal(unmaskUrl(moved, original, known), original.replace('ws://', 'wss://'), 'the edit kept, the secrets back');
  }
  assert.equal(unmaskUrl('ws://new/ws', 'ws://h/ws?token=T'), 'ws://new/ws', 'no *** typed: taken as typed');
  assert.equal(unmaskUrl('ws://h/ws?token=***&t2=***', 'ws://h/ws?token=T'), undefined, 'more *** than secrets');
  assert.equal(unmaskUrl('ws://h/ws?token=***', 'ws://h/ws'), undefined, 'a *** where the URL had no secret');
});
