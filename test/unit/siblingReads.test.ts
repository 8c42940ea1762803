import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_MAX_LENGTH, LATEST, parseVersion, siblingFacts, combineSiblings, readSibling } from '../../server/src/core';
import { SiblingFiles, SiblingReads } from '../../server/src/files/siblings';

const account = (port: number) =>
  JSON.stringify({ network: { httpServers: [{ name: 'h', enable: true, host: '127.0.0.1', port }] } }, null, 2);

test('SiblingReads: a file is read again only for a new stamp or target version', () => {
  const reads = new SiblingReads();
  const v1 = { name: 'onebot11_10002.json', text: account(3001), key: '/d/onebot11_10002.json', stamp: 'v1' };
  const first = reads.read(v1, LATEST);
  assert.equal(first?.account?.servers[0]?.port, 3001);
  // Same stamp: the kept result, even if a caller handed a different text (stamps identify texts).
  assert.equal(reads.read({ ...v1, text: account(3002) }, LATEST), first);
  const v2 = { ...v1, text: account(3002), stamp: 'v2' };
  const second = reads.read(v2, LATEST);
  assert.equal(second?.account?.servers[0]?.port, 3002);
  assert.equal(reads.read(v2, LATEST), second);
  // Another target version: read again (what a file says depends on it).
  assert.notEqual(reads.read(v2, parseVersion('4.4.6')!), second);
  reads.forget(v1.key);
  assert.equal(reads.read({ ...v2, text: account(3005) }, LATEST)?.account?.servers[0]?.port, 3005);
});

test('SiblingFiles: the stamp of a file changes when it is read again from disk, not before', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-siblings-'));
  try {
    fs.writeFileSync(path.join(dir, 'onebot11_10002.json'), account(3001));
    fs.writeFileSync(path.join(dir, 'webui.json'), '{"port": 6100}');
    fs.writeFileSync(path.join(dir, 'notes.json'), '{}');
    const files = new SiblingFiles();
    const first = await files.read(dir);
    assert.deepEqual(first.map((f) => f.name), ['onebot11_10002.json', 'webui.json']);
    const again = await files.read(dir);
    assert.deepEqual(again.map((f) => f.stamp), first.map((f) => f.stamp));
    files.forget(dir);
    const reread = await files.read(dir);
    for (let i = 0; i < reread.length; i++) assert.notEqual(reread[i].stamp, first[i].stamp);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('combineSiblings of per-file reads equals siblingFacts', () => {
  const files = [
    { name: 'webui.json', text: '{port: 6100}' },
    { name: 'onebot11_10003.json', text: account(3003) },
    { name: 'onebot11_10002.json', text: account(3002) },
    { name: 'onebot11_10001.json', text: account(3001) },
    { name: 'onebot11_10004.json', text: '{ broken' },
  ];
  const self = '/x/onebot11_10001.json';
  const facts = siblingFacts(self, files, LATEST);
  assert.equal(facts.webuiPort?.port, 6100);
  assert.deepEqual(facts.accounts?.map((a) => a.file), ['onebot11_10002.json', 'onebot11_10003.json']);
  // Reading every file (self included) and combining gives the same facts: self is left out.
  assert.deepEqual(combineSiblings(self, files.map((f) => readSibling(f, LATEST))), facts);
  // An account's config larger than the analysis reads is not read as a sibling.
  const huge = { name: 'onebot11_10005.json', text: account(3005) + ' '.repeat(DEFAULT_MAX_LENGTH) };
  assert.equal(readSibling(huge, LATEST), undefined);
  assert.equal(readSibling({ ...huge, text: account(3005) }, LATEST)?.account?.servers[0]?.port, 3005);
  // A template config (onebot11.json) does not compete with the accounts.
  assert.deepEqual(combineSiblings('/x/onebot11.json', files.map((f) => readSibling(f, LATEST))), { webuiPort: { port: 6100, file: 'webui.json' } });
});
