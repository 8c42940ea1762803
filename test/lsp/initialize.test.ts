import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TestClient, fileUri, fixture, positionOf } from './client';
import { expectedDiagnostics, normalize } from './expected';

test('initialize with pull diagnostics: diagnosticProvider declared, nothing pushed', async (t) => {
  const client = await TestClient.start({ pull: true });
  t.after(() => client.stop());
  const caps = client.initializeResult.capabilities;
  assert.ok(caps.diagnosticProvider, 'diagnosticProvider is declared');
  assert.equal(caps.hoverProvider, true);
  assert.ok(caps.documentSymbolProvider);
  assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });

  const uri = fileUri('onebot11_12345.json');
  const text = fixture('onebot11_12345.json');
  await client.open(uri, text);
  const report = await client.pull(uri);
  assert.equal(report.kind, 'full');
  assert.deepEqual(normalize(report.kind === 'full' ? report.items : []), normalize(expectedDiagnostics(text, {}, 'en', uri)));
  // Hover waits on the same analysis as a push would: by its answer, a push would have arrived.
  await client.hover(uri, { line: 0, character: 0 });
  assert.deepEqual(client.published, [], 'no publishDiagnostics in pull mode');
  assert.ok(client.configurationRequests.length > 0, 'settings were asked through workspace/configuration');
});

test('initialize without pull diagnostics: no diagnosticProvider, diagnostics are pushed', async (t) => {
  const client = await TestClient.start({ pull: false });
  t.after(() => client.stop());
  assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
  const uri = fileUri('onebot11_12345.json');
  const text = fixture('onebot11_12345.json');
  const published = await client.openAndWait(uri, text);
  assert.equal(published.version, 1);
  assert.deepEqual(normalize(published.diagnostics), normalize(expectedDiagnostics(text, {}, 'en', uri)));
});

test('pull: an unchanged analysis answers "unchanged" with the same result id', async (t) => {
  const client = await TestClient.start({ pull: true });
  t.after(() => client.stop());
  const uri = fileUri('onebot11_12345.json');
  await client.open(uri, fixture('onebot11_12345.json'));
  const first = await client.pull(uri);
  assert.equal(first.kind, 'full');
  assert.ok(first.resultId);
  const second = await client.pull(uri, first.resultId);
  assert.deepEqual(second, { kind: 'unchanged', resultId: first.resultId });
  await client.change(uri, 2, [{ text: '{}' }]);
  const third = await client.pull(uri, first.resultId);
  assert.equal(third.kind, 'full', 'a new version gives a full report');
});

test('without workspace/configuration: settings come from initializationOptions and didChangeConfiguration', async (t) => {
  const client = await TestClient.start({
    configuration: false,
    initializationOptions: { settings: { targetVersion: '4.3.0' } },
    settings: () => {
      throw new Error('workspace/configuration must not be requested');
    },
  });
  t.after(() => client.stop());
  const uri = fileUri('onebot11_10001.json');
  const text = fixture('onebot11_10001.json');
  const first = await client.openAndWait(uri, text);
  assert.deepEqual(normalize(first.diagnostics), normalize(expectedDiagnostics(text, { targetVersion: [4, 3, 0] }, 'en', uri)));
  const onEntry = positionOf(text, '"koishi"', 1);
  const hover43 = await client.hover(uri, onEntry);
  assert.match(JSON.stringify(hover43), /v4\.3\.0/);

  const next = client.nextDiagnostics(uri);
  await client.changeConfiguration({ napcat: { targetVersion: 'latest' } });
  const second = await next;
  assert.deepEqual(normalize(second.diagnostics), normalize(expectedDiagnostics(text, {}, 'en', uri)));
  const hoverLatest = await client.hover(uri, onEntry);
  assert.doesNotMatch(JSON.stringify(hoverLatest), /v4\.3\.0/);
  assert.equal(client.configurationRequests.length, 0);
});
