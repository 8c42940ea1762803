import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from './client';

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
  assert.deepEqual(conflict[0].data, { port: 3001, otherFile: 'onebot11_10002.json', freePort: 3002 });
  const webui = diagnostics.filter((d) => d.code === 'napcat.webui-port');
  assert.equal(webui.length, 1);
  assert.match(String(webui[0].message), /Port 6200 is the WebUI port set in webui\.json/);

  // The open text of the other account wins over the disk, and editing it re-checks this one.
  const otherUri = pathToFileURL(path.join(dir, 'onebot11_10002.json')).toString();
  const again = client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'napcat.account-port-conflict'));
  await client.open(otherUri, account(3002, 'theirs'));
  await again;
});
