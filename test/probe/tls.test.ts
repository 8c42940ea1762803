import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import * as net from 'node:net';
import { describeResult, probe, tlsProblemOf, type ProbeTarget } from '../../server/src/probe';
import { makeCerts, type TestCerts } from './certs';
import { closeAll, frameworkServer, HOST, type FrameworkServer } from './servers';
import { expectKind, target } from './helpers';

/** wss:// and https:// endpoints with certificates made at test time (self-signed, expired, …). */

const certs: TestCerts | undefined = makeCerts();
const skip = certs ? false : 'openssl is not installed: no test certificates';

let selfSigned: FrameworkServer;
let valid: FrameworkServer;
let otherHost: FrameworkServer;
let expired: FrameworkServer;
let plain: FrameworkServer;
let httpsPage: https.Server;
let httpsPort = 0;

before(async () => {
  if (!certs) return;
  [selfSigned, valid, otherHost, expired, plain] = await Promise.all([
    frameworkServer({}, certs.selfSigned),
    frameworkServer({}, certs.valid),
    frameworkServer({}, certs.otherHost),
    frameworkServer({}, certs.expired),
    frameworkServer({}),
  ]);
  httpsPage = https.createServer(certs.selfSigned, (_req, res) => res.writeHead(405).end());
  await new Promise<void>((resolve) => httpsPage.listen(0, HOST, () => resolve()));
  httpsPort = (httpsPage.address() as net.AddressInfo).port;
});
after(async () => {
  await closeAll([selfSigned, valid, otherHost, expired, plain]);
  httpsPage?.closeAllConnections();
  await new Promise((resolve) => (httpsPage ? httpsPage.close(resolve) : resolve(undefined)));
});

const wss = (url: string, extra: Partial<ProbeTarget> = {}) => target({ kind: 'websocketClients', url, uin: '12345', ...extra });

test('self-signed certificate: refused as NapCat refuses it, with the verifyCertificate way out', { skip }, async () => {
  const t = wss(selfSigned.url('/onebot/v11/ws'));
  const result = expectKind(await probe(t), 'tls');
  assert.equal(result.problem, 'self-signed');
  assert.equal(result.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  const text = describeResult(result, t);
  assert.match(text, /self-signed/);
  assert.match(text, /"verifyCertificate": false/);
});

test('"verifyCertificate": false connects, and says the certificate was not verified', { skip }, async () => {
  const t = wss(selfSigned.url('/onebot/v11/ws'), { verifyCertificate: false });
  const result = expectKind(await probe(t), 'ok');
  assert.deepEqual(result.tls, { verified: false, problem: 'self-signed' });
  assert.match(describeResult(result, t), /certificate was not verified .*self-signed/);
});

test('a certificate from a trusted authority is verified', { skip }, async () => {
  const result = expectKind(await probe(wss(valid.url('/onebot/v11/ws')), { ca: certs!.ca }), 'ok');
  assert.deepEqual(result.tls, { verified: true });
});

test('untrusted authority, wrong host name, expired', { skip }, async () => {
  assert.equal(expectKind(await probe(wss(valid.url('/onebot/v11/ws'))), 'tls').problem, 'untrusted');
  const host = expectKind(await probe(wss(otherHost.url('/onebot/v11/ws')), { ca: certs!.ca }), 'tls');
  assert.equal(host.problem, 'hostname');
  assert.equal(host.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.match(describeResult(host, wss(otherHost.url('/'))), /not issued for this host name/);
  const old = expectKind(await probe(wss(expired.url('/onebot/v11/ws')), { ca: certs!.ca }), 'tls');
  assert.equal(old.problem, 'expired');
  assert.match(describeResult(old, wss(expired.url('/'))), /has expired/);
});

test('wss:// to a plain ws:// server: the server does not speak TLS', { skip }, async () => {
  const t = wss(plain.url('/onebot/v11/ws', 'wss'));
  const result = expectKind(await probe(t), 'tls');
  assert.equal(result.problem, 'not-tls');
  assert.match(describeResult(result, t), /does not speak TLS .*write ws:\/\/ instead of wss:\/\//);
});

test('ws:// to a TLS server: the connection ends without an answer', { skip }, async () => {
  const t = wss(selfSigned.url('/onebot/v11/ws', 'ws'));
  const result = await probe(t, { timeout: 2000 });
  assert.ok(['error', 'closed', 'timeout'].includes(result.kind), JSON.stringify(result));
  if (result.kind === 'error') assert.match(describeResult(result, t), /closed the connection without answering.*TLS/);
});

test('https httpClients with a self-signed certificate', { skip }, async () => {
  const t = target({ kind: 'httpClients', url: `https://127.0.0.1:${httpsPort}/onebot/v11/http` });
  assert.equal(expectKind(await probe(t), 'tls').problem, 'self-signed');
  assert.equal(expectKind(await probe(t, { ca: certs!.selfSigned.cert }), 'ok').httpStatus, 405);
});

test('TLS error codes map to what a person understands', () => {
  assert.equal(tlsProblemOf('CERT_HAS_EXPIRED'), 'expired');
  assert.equal(tlsProblemOf('CERT_NOT_YET_VALID'), 'not-yet-valid');
  assert.equal(tlsProblemOf('SELF_SIGNED_CERT_IN_CHAIN'), 'self-signed');
  assert.equal(tlsProblemOf('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'), 'untrusted');
  assert.equal(tlsProblemOf('ERR_SSL_WRONG_VERSION_NUMBER'), 'not-tls');
  assert.equal(tlsProblemOf('EPROTO', 'routines:ssl3_get_record:wrong version number'), 'not-tls');
  assert.equal(tlsProblemOf('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'), 'other');
  assert.equal(tlsProblemOf('ECONNRESET'), undefined);
});
