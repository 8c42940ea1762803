import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import JSON5 from 'json5';
import type { Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from './client';

/**
 * The `napcat.connections.*` commands against the bundled server over stdio: each edit is applied
 * to the text the way an editor would, sent back, and the server's diagnostics of the result are
 * read. Documents live in a fresh folder, so no other account's file is beside them unless a test
 * puts one there.
 */

const SECRET = 'tok-Secret-4242';

/** A NapCat-saved config with comments the edits must keep. */
const CONFIG = `{
  // reverse connections
  "network": {
    "httpServers": [],
    "websocketServers": [
      {
        "name": "ws-main",
        "enable": true,
        "host": "127.0.0.1",
        "port": 3001,
        "token": "${SECRET}"
      }
    ],
    "websocketClients": [
      // NoneBot on this machine
      {
        "name": "nonebot",
        "enable": true,
        "url": "ws://127.0.0.1:8080/onebot/v11/ws",
        "token": "" /* none */
      }
    ]
  },
  "musicSignUrl": "" // untouched
}
`;

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-conn-lsp-'));
let serial = 0;
/** A fresh `onebot11_<uin>.json` URI in the test folder (the file itself need not exist). */
const nextUri = () => pathToFileURL(path.join(folder, `onebot11_${81000 + serial++}.json`)).toString();

interface EditResult {
  status: string;
  message: string;
  code?: string;
  field?: string;
  suggestion?: string | number;
  entry?: { kind: string; index: number; id: string; name: string };
  version?: number;
  edit?: WorkspaceEdit;
  rebuilt?: boolean;
}

function applyVersioned(text: string, edit: WorkspaceEdit | undefined, uri: string, version: number): string {
  assert.ok(edit?.documentChanges, 'the edit uses documentChanges');
  assert.equal(edit.documentChanges.length, 1, 'one document edit: one undo step');
  const change = edit.documentChanges[0] as TextDocumentEdit;
  assert.deepEqual(change.textDocument, { uri, version }, 'bound to the version it was computed for');
  return TextDocument.applyEdits(TextDocument.create(uri, 'json', version, text), change.edits as TextEdit[]);
}

async function resend(client: TestClient, uri: string, version: number, text: string): Promise<Diagnostic[]> {
  const next = client.nextDiagnostics(uri, (p) => p.version === version);
  await client.change(uri, version, [{ text }]);
  return (await next).diagnostics;
}

const edit = (client: TestClient, args: Record<string, unknown>) => client.executeCommand<EditResult>('napcat.connections.edit', [args]);

test('initialize declares the connection commands next to napcat.rebuild', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  assert.deepEqual(client.initializeResult.capabilities.executeCommandProvider?.commands, [
    'napcat.rebuild',
    'napcat.connections.edit',
    'napcat.connections.validate',
    'napcat.connections.suggest',
    'napcat.connections.describe',
    'napcat.connections.list',
  ]);
});

test('edit add: one versioned workspace/applyEdit labelled "Add connection"; the result parses, keeps every comment and has no new problem', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = nextUri();
  const before = await client.openAndWait(uri, CONFIG);
  const result = await edit(client, { uri, version: 1, op: { action: 'add', kind: 'websocketClients', name: 'astrbot', url: 'ws://astrbot:6199/ws' } });
  assert.equal(result.status, 'applied', result.message);
  assert.equal(result.message, 'Added WebSocket client (reverse WS) “astrbot”.');
  assert.deepEqual(result.entry, { kind: 'websocketClients', index: 1, id: 'websocketClients[1]', name: 'astrbot' });
  assert.equal(result.version, 1);
  assert.equal(client.applyEditRequests.length, 1);
  assert.equal(client.applyEditRequests[0].label, 'Add connection');
  const text = applyVersioned(CONFIG, client.applyEditRequests[0].edit, uri, 1);

  const value = JSON5.parse(text) as { network: { websocketClients: Record<string, unknown>[] } };
  const added = value.network.websocketClients[1];
  assert.equal(added.name, 'astrbot');
  assert.equal(added.url, 'ws://astrbot:6199/ws');
  assert.equal(added.enable, true);
  // Every field of the kind, as NapCat's WebUI writes a new entry.
  for (const key of ['messagePostFormat', 'reportSelfMessage', 'reconnectInterval', 'token', 'debug', 'heartInterval']) assert.ok(key in added, key);
  for (const comment of ['// reverse connections', '// NoneBot on this machine', '/* none */', '// untouched']) assert.ok(text.includes(comment), comment);
  assert.ok(text.startsWith(CONFIG.slice(0, CONFIG.indexOf('"token": "" /* none */'))), 'everything before the insertion point is unchanged');

  const after = await resend(client, uri, 2, text);
  assert.deepEqual(after.map((d) => d.code), before.diagnostics.map((d) => d.code), 'no new diagnostic');
});

test('a refused edit answers with the words of the diagnostic the value would get, and applies nothing', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = nextUri();
  await client.openAndWait(uri, CONFIG);

  // The same entry written by hand into a copy: the server's own diagnostic on it.
  const handWritten = CONFIG.replace('"token": "" /* none */\n      }', '"token": "" /* none */\n      },\n      { "name": "nonebot", "enable": true, "url": "ws://127.0.0.1:9000/ws" }');
  const copy = nextUri();
  const published = await client.openAndWait(copy, handWritten);
  const duplicate = published.diagnostics.find((d) => d.code === 'napcat.duplicate-name');
  assert.ok(duplicate, 'the hand-written copy has a duplicate name');

  const taken = await edit(client, { uri, op: { action: 'add', kind: 'websocketClients', name: 'nonebot', url: 'ws://127.0.0.1:9000/ws' }, dryRun: true });
  assert.equal(taken.status, 'refused');
  assert.equal(taken.code, 'name-taken');
  assert.equal(taken.field, 'name');
  assert.equal(taken.suggestion, 'nonebot-2');
  // The diagnostic is on the entry the new one would replace: the refusal names it, then gives the diagnostic's words.
  assert.match(taken.message, /^This would break websocketClients\[\d+\] “nonebot”, which then reports: /);
  assert.ok(taken.message.endsWith(String(duplicate.message)), 'the same words as the diagnostic');

  const port = await edit(client, { uri, op: { action: 'add', kind: 'httpServers', name: 'http', port: 3001 } });
  assert.equal(port.status, 'refused');
  assert.equal(port.code, 'port-taken');
  assert.equal(port.field, 'port');
  assert.match(port.message, /Port 3001 is already taken: `ws-main`/);
  assert.equal(typeof port.suggestion, 'number');
  assert.notEqual(port.suggestion, 3001);

  const url = await edit(client, { uri, op: { action: 'setUrl', entry: { name: 'nonebot' }, url: 'ws://0.0.0.0:8080/onebot/v11/ws' } });
  assert.equal(url.status, 'refused');
  assert.equal(url.code, 'bad-url');
  assert.match(url.message, /every interface/);

  assert.equal(client.applyEditRequests.length, 0, 'nothing was sent to apply');
});

test('dry run, stale version, unknown entry, document not open', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = nextUri();
  await client.openAndWait(uri, CONFIG);

  const dry = await edit(client, { uri, version: 1, op: { action: 'setEnabled', entry: { id: 'websocketClients[0]' }, enable: false }, dryRun: true });
  assert.equal(dry.status, 'valid');
  assert.equal(dry.message, 'Disabled “nonebot”.');
  assert.equal(dry.edit, undefined);

  await resend(client, uri, 2, '// moved\n' + CONFIG);
  const stale = await edit(client, { uri, version: 1, op: { action: 'setEnabled', entry: { id: 'websocketClients[0]' }, enable: false } });
  assert.equal(stale.status, 'stale');

  const missing = await edit(client, { uri, version: 2, op: { action: 'remove', entry: { name: 'koishi' } } });
  assert.equal(missing.status, 'refused');
  assert.equal(missing.code, 'no-entry');
  assert.equal(missing.message, 'This file has no connection named “koishi”.');

  const closed = await edit(client, { uri: nextUri(), op: { action: 'remove', entry: { name: 'nonebot' } } });
  assert.equal(closed.status, 'refused');
  assert.match(closed.message, /does not have this file open/);
  assert.equal(client.applyEditRequests.length, 0);
});

test('setEnabled, rename, setToken, duplicate and remove, each applied and sent back', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = nextUri();
  await client.openAndWait(uri, CONFIG);
  let text = CONFIG;
  let version = 1;
  const step = async (op: Record<string, unknown>, label: string): Promise<EditResult> => {
    const result = await edit(client, { uri, version, op });
    assert.equal(result.status, 'applied', result.message);
    const request = client.applyEditRequests[client.applyEditRequests.length - 1];
    assert.equal(request.label, label);
    text = applyVersioned(text, request.edit, uri, version);
    version++;
    const diagnostics = await resend(client, uri, version, text);
    assert.ok(!diagnostics.some((d) => ['napcat.syntax', 'napcat.duplicate-name', 'napcat.missing-name'].includes(String(d.code))), `${label}: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    return result;
  };

  await step({ action: 'setEnabled', entry: { name: 'nonebot' }, enable: false }, 'Disable connection');
  assert.match(text, /"name": "nonebot",\n {8}"enable": false,/);
  await step({ action: 'rename', entry: { id: 'websocketClients[0]' }, newName: 'nonebot-local' }, 'Rename connection');
  assert.ok(text.includes('"name": "nonebot-local"'));
  const tokenResult = await step({ action: 'setToken', entry: { name: 'nonebot-local' }, token: SECRET }, 'Set connection token');
  assert.ok(!tokenResult.message.includes(SECRET), 'the token is never in an answer');
  const copy = await step({ action: 'duplicate', entry: { name: 'ws-main' } }, 'Duplicate connection');
  assert.deepEqual(copy.entry, { kind: 'websocketServers', index: 1, id: 'websocketServers[1]', name: 'ws-main-2' });
  const servers = (JSON5.parse(text) as { network: { websocketServers: { name: string; enable: boolean; port: number }[] } }).network.websocketServers;
  assert.deepEqual(servers.map((s) => [s.name, s.enable, s.port]), [['ws-main', true, 3001], ['ws-main-2', false, 3001]]);
  await step({ action: 'remove', entry: { name: 'nonebot-local' } }, 'Delete connection');
  assert.ok(!text.includes('NoneBot on this machine'), "the entry's own comment went with it");
  assert.ok(!text.includes('/* none */'));
  assert.ok(text.includes('// reverse connections') && text.includes('// untouched'), 'the other comments stay');
  assert.deepEqual((JSON5.parse(text) as { network: { websocketClients: unknown[] } }).network.websocketClients, []);
});

test('a legacy file is rebuilt first, in the same edit, and says so', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = nextUri();
  const legacy = `{
  "reverseWs": { "enable": true, "urls": ["ws://127.0.0.1:8080/onebot/v11/ws"] },
  "token": ""
}
`;
  const before = await client.openAndWait(uri, legacy);
  assert.ok(before.diagnostics.some((d) => d.code === 'napcat.legacy-config'));
  const result = await edit(client, { uri, version: 1, op: { action: 'add', kind: 'websocketClients', name: 'astrbot', url: 'ws://astrbot:6199/ws' } });
  assert.equal(result.status, 'applied', result.message);
  assert.equal(result.rebuilt, true);
  assert.match(result.message, /^Added WebSocket client \(reverse WS\) “astrbot”\. The file was in a legacy form, so it was rebuilt first \(/);
  const text = applyVersioned(legacy, client.applyEditRequests[0].edit, uri, 1);
  const after = await resend(client, uri, 2, text);
  assert.ok(!after.some((d) => d.code === 'napcat.legacy-config'), 'no legacy section left');
  const clients = (JSON5.parse(text) as { network: { websocketClients: { url: string }[] } }).network.websocketClients;
  assert.deepEqual(clients.map((c) => c.url), ['ws://127.0.0.1:8080/onebot/v11/ws', 'ws://astrbot:6199/ws']);

  // A legacy connection's id names the entry its rebuild makes.
  const uri2 = nextUri();
  await client.openAndWait(uri2, legacy);
  const disabled = await edit(client, { uri: uri2, version: 1, op: { action: 'setEnabled', entry: { id: 'reverseWs.urls[0]' }, enable: false } });
  assert.equal(disabled.status, 'applied', disabled.message);
  const text2 = applyVersioned(legacy, client.applyEditRequests[1].edit, uri2, 1);
  const rebuilt = (JSON5.parse(text2) as { network: { websocketClients: { enable: boolean; url: string }[] } }).network.websocketClients;
  assert.deepEqual(rebuilt.map((c) => [c.url, c.enable]), [['ws://127.0.0.1:8080/onebot/v11/ws', false]]);
});

test('validate, suggest, describe and list; no token in any answer', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = nextUri();
  await client.openAndWait(uri, CONFIG);
  const validate = (args: Record<string, unknown>) => client.executeCommand<{ reason?: string; suggestion?: string | number }>('napcat.connections.validate', [{ uri, ...args }]);

  assert.deepEqual(await validate({ kind: 'websocketClients', field: 'name', value: 'astrbot' }), {});
  const taken = await validate({ kind: 'websocketClients', field: 'name', value: 'ws-main' });
  assert.match(taken.reason ?? '', /ws-main/);
  assert.equal(taken.suggestion, 'ws-main-2');
  const reserved = await validate({ kind: 'websocketClients', field: 'name', value: 'plugin_manager' });
  assert.match(reserved.reason ?? '', /reserved/);
  const port = await validate({ kind: 'websocketServers', field: 'port', value: '3001' });
  assert.match(port.reason ?? '', /3001/);
  assert.equal(typeof port.suggestion, 'number');
  const range = await validate({ kind: 'httpServers', field: 'port', value: '70000' });
  assert.match(range.reason ?? '', /outside 1–65535/);
  const scheme = await validate({ kind: 'websocketClients', field: 'url', value: 'ftp://x:1/ws', entry: { name: 'nonebot' } });
  assert.match(scheme.reason ?? '', /not a WebSocket scheme/);
  assert.deepEqual(await validate({ kind: 'websocketClients', field: 'url', value: 'ws://127.0.0.1:8081/ws', entry: { name: 'nonebot' } }), {});
  const interval = await validate({ kind: 'websocketClients', field: 'heartInterval', value: 'soon', entry: { name: 'nonebot' } });
  assert.match(interval.reason ?? '', /heartInterval/);

  const suggestion = await client.executeCommand<{ name: string; host?: string; port?: number }>('napcat.connections.suggest', [{ uri, kind: 'websocketServers' }]);
  assert.equal(suggestion.host, '127.0.0.1');
  assert.notEqual(suggestion.port, 3001, 'the default port is taken by ws-main');
  assert.equal(suggestion.name, `ws-server-${suggestion.port}`);
  const clientSuggestion = await client.executeCommand<{ name: string; url?: string }>('napcat.connections.suggest', [{ uri, kind: 'websocketClients' }]);
  assert.equal(clientSuggestion.url, 'ws://localhost:8082');

  const described = await client.executeCommand<{ kind: string; name: string; fields: { key: string; value: unknown; default: unknown; type: string; options?: string[]; description: string; secret?: true }[] }>(
    'napcat.connections.describe',
    [{ uri, entry: { name: 'ws-main' } }],
  );
  assert.equal(described.kind, 'websocketServers');
  const token = described.fields.find((f) => f.key === 'token')!;
  assert.equal(token.value, '***');
  assert.equal(token.secret, true);
  const format = described.fields.find((f) => f.key === 'messagePostFormat')!;
  assert.deepEqual([format.type, format.options, format.value, format.default], ['enum', ['array', 'string'], 'array', 'array']);
  const heart = described.fields.find((f) => f.key === 'heartInterval')!;
  assert.deepEqual([heart.type, heart.value], ['integer', 30000]);
  assert.equal(heart.description, 'Heartbeat interval in milliseconds.');

  const list = await client.executeCommand<{ legacy: boolean; entries: { id: string; name: string; enabled: boolean; endpoint: string; tokenSet: boolean }[] }>('napcat.connections.list', [{ uri }]);
  assert.equal(list.legacy, false);
  assert.deepEqual(
    list.entries.map((e) => [e.id, e.name, e.enabled, e.endpoint, e.tokenSet]),
    [
      ['websocketServers[0]', 'ws-main', true, '127.0.0.1:3001', true],
      ['websocketClients[0]', 'nonebot', true, 'ws://127.0.0.1:8080/onebot/v11/ws', false],
    ],
  );
  for (const answer of [taken, port, suggestion, described, list]) assert.ok(!JSON.stringify(answer).includes(SECRET), 'no token in an answer');
});

test('another account beside the file: its port is refused for a new server, with a free one offered', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-conn-siblings-'));
  fs.writeFileSync(path.join(dir, 'onebot11_20002.json'), JSON.stringify({ network: { httpServers: [{ name: 'other', enable: true, host: '0.0.0.0', port: 3100 }] } }, null, 2));
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = pathToFileURL(path.join(dir, 'onebot11_20001.json')).toString();
  await client.openAndWait(uri, '{\n  "network": {}\n}\n');
  const result = await edit(client, { uri, op: { action: 'add', kind: 'httpServers', name: 'mine', port: 3100 }, dryRun: true });
  assert.equal(result.status, 'refused');
  assert.equal(result.code, 'port-taken');
  assert.match(result.message, /onebot11_20002\.json/);
  assert.equal(typeof result.suggestion, 'number');
  const ok = await edit(client, { uri, op: { action: 'add', kind: 'httpServers', name: 'mine', port: result.suggestion }, dryRun: true });
  assert.equal(ok.status, 'valid', ok.message);
});

test('a client without workspace/applyEdit gets the edit back; zh-cn answers in Chinese', async (t) => {
  const client = await TestClient.start({ applyEdit: false, locale: 'zh-cn' });
  t.after(() => client.stop());
  const uri = nextUri();
  await client.openAndWait(uri, CONFIG);
  const result = await edit(client, { uri, version: 1, op: { action: 'remove', entry: { name: 'nonebot' } } });
  assert.equal(result.status, 'edit');
  assert.equal(result.message, '已删除WebSocket 客户端（反向 WS）“nonebot”。');
  assert.equal(client.applyEditRequests.length, 0);
  const text = applyVersioned(CONFIG, result.edit, uri, 1);
  assert.ok(!text.includes('"nonebot"'));
  const refused = await edit(client, { uri, op: { action: 'rename', entry: { name: 'ws-main' }, newName: 'plugin_manager' } });
  assert.equal(refused.code, 'name-reserved');
  assert.match(refused.message, /plugin_manager/);
  assert.ok(/[\u4e00-\u9fff]/.test(refused.message), refused.message);
});
