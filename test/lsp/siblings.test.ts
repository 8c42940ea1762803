import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from './client';
import { ownData } from './expected';

/** Cross-file checks: the server reads `webui.json` and the other accounts' configs beside a document. */

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-lsp-siblings-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const account = (port: number, name = 's') =>
  JSON.stringify({ network: { websocketServers: [{ name, enable: true, host: '127.0.0.1', port, token: 't' }] } }, null, 2);

test('files on disk beside an open config: the WebUI port of webui.json and another account on the same port', async (t) => {
  const dir = folder();
  fs.writeFileSync(path.join(dir, 'webui.json'), '{ "port": 6200 }');
  fs.writeFileSync(path.join(dir, 'onebot11_10002.json'), account(3001, 'theirs'));
  const client = await TestClient.start();
  t.after(() => client.stop());

  const uri = pathToFileURL(path.join(dir, 'onebot11_10001.json')).toString();
  const text = JSON.stringify(
    {
      network: {
        websocketServers: [
          { name: 'mine', enable: true, host: '127.0.0.1', port: 3001, token: 't' },
          { name: 'web', enable: true, host: '127.0.0.1', port: 6200, token: 't' },
        ],
      },
    },
    null,
    2,
  );
  const { diagnostics } = await client.openAndWait(uri, text);
  const conflict = diagnostics.filter((d) => d.code === 'napcat.account-port-conflict');
  assert.equal(conflict.length, 1, JSON.stringify(diagnostics.map((d) => d.code)));
  assert.equal(conflict[0].severity, 2);
  assert.match(String(conflict[0].message), /`theirs` \(websocketServers, 127\.0\.0\.1:3001\) in onebot11_10002\.json/);
  assert.deepEqual(ownData(conflict[0]), { port: 3001, otherFile: 'onebot11_10002.json', freePort: 3002 });
  const webui = diagnostics.filter((d) => d.code === 'napcat.webui-port');
  assert.equal(webui.length, 1);
  assert.match(String(webui[0].message), /Port 6200 is the WebUI port set in webui\.json/);

  // The open text of the other account wins over the disk, and editing it re-checks this one.
  const otherUri = pathToFileURL(path.join(dir, 'onebot11_10002.json')).toString();
  const again = client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'napcat.account-port-conflict'));
  await client.open(otherUri, account(3002, 'theirs'));
  await again;
});

const CHANGED = 2;
const CREATED = 1;
const DELETED = 3;

/**
 * Writes a file with one fixed modification time, so that two writes of the same size look alike
 * to a check of size and time (as fast rewrites on a file system with coarse timestamps do).
 */
function writeStale(file: string, text: string): void {
  fs.writeFileSync(file, text);
  fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
}

const config = JSON.stringify(
  { network: { websocketServers: [{ name: 'mine', enable: true, host: '127.0.0.1', port: 3001, token: 't' }] } },
  null,
  2,
);

test('file watching: the server registers for the side files when the client allows dynamic registration, and only then', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const registration = await client.registered('workspace/didChangeWatchedFiles');
  assert.deepEqual(registration.registerOptions, { watchers: [{ globPattern: '**/{webui.json,onebot11_*.json}' }] });

  const without = await TestClient.start({ watchFiles: false });
  t.after(() => without.stop());
  await without.openAndWait(pathToFileURL(path.join(folder(), 'onebot11_10001.json')).toString(), config);
  assert.deepEqual(without.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles'), []);
});

test('file watching (push): webui.json changed on disk to the port of an open config, then reverted', async (t) => {
  const dir = folder();
  const webui = path.join(dir, 'webui.json');
  writeStale(webui, '{ "port": 6200 }');
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = pathToFileURL(path.join(dir, 'onebot11_10001.json')).toString();
  const { diagnostics } = await client.openAndWait(uri, config);
  assert.deepEqual(diagnostics.map((d) => d.code), []);

  const webuiUri = pathToFileURL(webui).toString();
  const collides = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'napcat.webui-port'));
  writeStale(webui, '{ "port": 3001 }');
  await client.didChangeWatchedFiles([{ uri: webuiUri, type: CHANGED }]);
  const found = (await collides).diagnostics.filter((d) => d.code === 'napcat.webui-port');
  assert.equal(found.length, 1);
  assert.match(String(found[0].message), /^Port 3001 is the WebUI port set in webui\.json/);
  assert.deepEqual(ownData(found[0]), { port: 3002 });

  // Reverted: the same size and modification time, only the event tells the server.
  const gone = client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'napcat.webui-port'));
  writeStale(webui, '{ "port": 6200 }');
  await client.didChangeWatchedFiles([{ uri: webuiUri, type: CHANGED }]);
  assert.deepEqual((await gone).diagnostics, []);
});

test('file watching (push): another account created and deleted beside an open config; events elsewhere re-check nothing', async (t) => {
  const dir = folder();
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = pathToFileURL(path.join(dir, 'onebot11_10001.json')).toString();
  await client.openAndWait(uri, config);

  const other = path.join(dir, 'onebot11_10002.json');
  const otherUri = pathToFileURL(other).toString();
  const conflict = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'napcat.account-port-conflict'));
  fs.writeFileSync(other, account(3001, 'theirs'));
  await client.didChangeWatchedFiles([{ uri: otherUri, type: CREATED }]);
  await conflict;

  // A change in another folder, or of a file the checks do not read, publishes nothing here.
  const count = client.published.filter((p) => p.uri === uri).length;
  const elsewhere = folder();
  fs.writeFileSync(path.join(elsewhere, 'webui.json'), '{ "port": 3001 }');
  await client.didChangeWatchedFiles([
    { uri: pathToFileURL(path.join(elsewhere, 'webui.json')).toString(), type: CHANGED },
    { uri: pathToFileURL(path.join(dir, 'napcat_10001.json')).toString(), type: CHANGED },
  ]);

  const gone = client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'napcat.account-port-conflict'));
  fs.rmSync(other);
  await client.didChangeWatchedFiles([{ uri: otherUri, type: DELETED }]);
  await gone;
  // The deletion's publish is the only one since the creation's.
  assert.equal(client.published.filter((p) => p.uri === uri).length, count + 1);
});

test('file watching (pull): the server asks the client to pull again, and the new pull has the finding', async (t) => {
  const dir = folder();
  const webui = path.join(dir, 'webui.json');
  writeStale(webui, '{ "port": 6200 }');
  const client = await TestClient.start({ pull: true });
  t.after(() => client.stop());
  const uri = pathToFileURL(path.join(dir, 'onebot11_10001.json')).toString();
  await client.open(uri, config);
  const first = await client.pull(uri);
  assert.equal(first.kind, 'full');
  assert.deepEqual(first.kind === 'full' ? first.items : undefined, []);
  const resultId = first.kind === 'full' ? first.resultId : undefined;

  const refreshed = client.nextRefresh();
  writeStale(webui, '{ "port": 3001 }');
  await client.didChangeWatchedFiles([{ uri: pathToFileURL(webui).toString(), type: CHANGED }]);
  await refreshed;
  const second = await client.pull(uri, resultId);
  assert.equal(second.kind, 'full');
  assert.deepEqual(second.kind === 'full' ? second.items.map((d) => d.code) : undefined, ['napcat.webui-port']);
});
