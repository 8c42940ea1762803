import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { InitializeResult } from 'vscode-languageserver';
import { TestClient, fileUri, fixture } from './client';

// The LSP lifecycle: requests before `initialize` are refused with ServerNotInitialized (-32002),
// requests after `shutdown` with InvalidRequest (-32600); notifications after `shutdown` are
// ignored. Malformed parameters cost one line in the log, never a stack trace.

const SERVER_NOT_INITIALIZED = -32002;
const INVALID_REQUEST = -32600;

async function errorCode(p: Promise<unknown>): Promise<number | string> {
  try {
    const result = await p;
    return `answered ${JSON.stringify(result)}`;
  } catch (e) {
    return (e as { code?: number }).code ?? String(e);
  }
}

test('requests before initialize are refused with ServerNotInitialized, then served', async (t) => {
  const client = await TestClient.start({ initialize: false });
  t.after(() => client.stop());
  const uri = fileUri('onebot11_12345.json');
  assert.equal(await errorCode(client.hover(uri, { line: 0, character: 0 })), SERVER_NOT_INITIALIZED);
  assert.equal(await errorCode(client.symbols(uri)), SERVER_NOT_INITIALIZED);
  assert.equal(await errorCode(client.request('napcat/endpoints', { uris: [] })), SERVER_NOT_INITIALIZED);
  assert.equal(await errorCode(client.request('workspace/executeCommand', { command: 'napcat.rebuild', arguments: [uri] })), SERVER_NOT_INITIALIZED);
  assert.equal(await errorCode(client.request('shutdown', null)), SERVER_NOT_INITIALIZED);
  assert.equal(await errorCode(client.request('no/suchMethod', {})), SERVER_NOT_INITIALIZED);

  const result = await client.request<InitializeResult>('initialize', client.initializeParams);
  assert.ok(result.capabilities.hoverProvider);
  await client.connection.sendNotification('initialized', {});
  await client.openAndWait(uri, fixture('onebot11_12345.json'));
  assert.equal((await client.symbols(uri))[0]?.name, 'network');
  // A second initialize is not a valid request.
  assert.equal(await errorCode(client.request('initialize', client.initializeParams)), INVALID_REQUEST);
  // An unknown request while running: method not found.
  assert.equal(await errorCode(client.request('no/suchMethod', {})), -32601);
});

test('after shutdown: requests are refused with InvalidRequest, notifications ignored', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = fileUri('onebot11_12345.json');
  await client.openAndWait(uri, fixture('onebot11_12345.json'));
  const publishedBefore = client.published.length;
  assert.equal(await client.request('shutdown', null), null);

  assert.equal(await errorCode(client.hover(uri, { line: 0, character: 0 })), INVALID_REQUEST);
  assert.equal(await errorCode(client.symbols(uri)), INVALID_REQUEST);
  assert.equal(await errorCode(client.request('napcat/endpoints', { uris: [] })), INVALID_REQUEST);
  assert.equal(await errorCode(client.request('no/suchMethod', {})), INVALID_REQUEST);

  // Edits after shutdown publish nothing. Each refused request below is a round trip through
  // the server's message loop, far more turns than a publication takes to follow an edit.
  await client.change(uri, 2, [{ text: '{"network": {"httpServers": [{"port": "x"}]}}' }]);
  await client.open(fileUri('onebot11_55555.json'), fixture('onebot11_12345.json'));
  for (let i = 0; i < 5; i++) assert.equal(await errorCode(client.request('shutdown', null)), INVALID_REQUEST);
  assert.equal(client.published.length, publishedBefore, 'nothing published after shutdown');
  assert.ok(client.alive, 'the server waits for exit');
});

test('malformed parameters: an empty answer and one log line, never a stack trace', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = fileUri('onebot11_12345.json');
  await client.openAndWait(uri, fixture('onebot11_12345.json'));
  const malformed: [string, unknown][] = [
    ['textDocument/hover', {}],
    ['textDocument/hover', { textDocument: { uri }, position: null }],
    ['textDocument/documentSymbol', { textDocument: null }],
    ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: null }],
    ['napcat/probe', { targets: [{ uri: 42 }], timeoutMs: 'soon' }],
  ];
  for (const [method, params] of malformed) {
    const answer = await client.request(method, params).catch((e: Error) => e);
    assert.ok(!(answer instanceof Error) || (answer as { code?: number }).code === -32602, `${method}: ${String(answer)}`);
  }
  const errors = client.logs.filter((l) => l.type === 1);
  assert.ok(errors.length >= 3, `the failures are logged: ${JSON.stringify(errors)}`);
  for (const e of errors) {
    assert.doesNotMatch(e.message, /\n/, `one line: ${e.message}`);
    assert.doesNotMatch(e.message, /\bat .*:\d+:\d+/, `no stack frame: ${e.message}`);
  }
  assert.equal((await client.symbols(uri))[0]?.name, 'network', 'still serving');
});

test('the client closes the server\'s input: the server exits, with 0 after shutdown and 1 without', async () => {
  const client = await TestClient.start();
  client.closeInput();
  assert.equal(await client.exitCode(), 1);

  const polite = await TestClient.start();
  assert.equal(await polite.request('shutdown', null), null);
  polite.closeInput();
  assert.equal(await polite.exitCode(), 0);
});
