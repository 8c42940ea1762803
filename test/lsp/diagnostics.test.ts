import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/core';
import { TestClient, fileUri, fixture, positionOf } from './client';
import { expectedDiagnostics, normalize, rangeText } from './expected';
import { say } from '../helpers/l10n';

const BROKEN = `{
  "network": {
    "websocketClients": [
      { "name": "a", "enable": true, "url": "ws://127.0.0.1:8080" }
    ]
  },
  "x": ,
}
`;

function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `exactly one ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  return found[0];
}

test('a syntax error is reported with its exact code, range and severity (push)', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = fileUri('onebot11_20002.json');
  const { diagnostics, version } = await client.openAndWait(uri, BROKEN);
  assert.equal(version, 1);
  const syntax = only(diagnostics, 'napcat.syntax');
  assert.equal(rangeText(syntax.range), '6:7-6:8', 'the comma after "x":');
  assert.equal(syntax.severity, 1);
  assert.equal(syntax.source, 'napcat');
  assert.match(String(syntax.message), /NapCat cannot read this file/);
  assert.deepEqual(normalize(diagnostics), normalize(expectedDiagnostics(BROKEN, {}, 'en', uri)));
});

test('a rule finding (duplicate name) has its exact code, range and related location (pull)', async (t) => {
  const client = await TestClient.start({ pull: true });
  t.after(() => client.stop());
  const uri = fileUri('onebot11_12345.json');
  const text = fixture('onebot11_12345.json');
  await client.open(uri, text);
  const report = await client.pull(uri);
  assert.equal(report.kind, 'full');
  const items = report.kind === 'full' ? report.items : [];
  const dup = items.filter((d) => d.code === 'napcat.duplicate-name');
  assert.equal(dup.length, 1, JSON.stringify(items.map((d) => d.code)));
  const first = positionOf(text, '"nonebot"');
  assert.deepEqual(dup[0].range, { start: first, end: { line: first.line, character: first.character + '"nonebot"'.length } });
  const second = text.indexOf('"nonebot"', text.indexOf('"nonebot"') + 1);
  const secondPos = positionOf(text.slice(0, second) + '\u0000', '\u0000');
  assert.equal(dup[0].relatedInformation?.[0]?.location.uri, uri);
  assert.deepEqual(dup[0].relatedInformation?.[0]?.location.range.start, secondPos);
  assert.ok(dup[0].data, 'data is passed through for quick fixes');
  // Generic equivalence: everything the core finds, converted independently.
  assert.deepEqual(normalize(items), normalize(expectedDiagnostics(text, {}, 'en', uri)));
});

test('incremental didChange updates the diagnostics; didClose clears them', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = fileUri('onebot11_40004.json');
  const doc = TextDocument.create(uri, 'json', 1, BROKEN);
  const first = await client.openAndWait(uri, doc.getText());
  assert.ok(first.diagnostics.some((d) => d.code === 'napcat.syntax'));

  // Fix the error with a range edit: `"x": ,` → `"x": 1,` and rename the adapter in the same change.
  const edits: TextDocumentContentChangeEvent[] = [
    { range: { start: positionOf(BROKEN, '"x": ,', 5), end: positionOf(BROKEN, '"x": ,', 5) }, text: '1' },
    { range: { start: positionOf(BROKEN, '"a"', 1), end: positionOf(BROKEN, '"a"', 2) }, text: 'bot' },
  ];
  TextDocument.update(doc, edits, 2);
  assert.match(doc.getText(), /"x": 1,/);
  const next = client.nextDiagnostics(uri, (p) => p.version === 2);
  await client.change(uri, 2, edits);
  const second = await next;
  assert.ok(!second.diagnostics.some((d) => d.code === 'napcat.syntax'), 'the syntax error is gone');
  assert.deepEqual(normalize(second.diagnostics), normalize(expectedDiagnostics(doc.getText(), {}, 'en', uri)));
  const symbols = await client.symbols(uri);
  assert.equal(symbols[0]?.children?.[0]?.children?.[0]?.name, 'bot', 'the server holds the edited text');

  // Break it again at another place.
  const breakIt: TextDocumentContentChangeEvent[] = [{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 14 } }, text: '' }];
  TextDocument.update(doc, breakIt, 3);
  const third = client.nextDiagnostics(uri, (p) => p.version === 3);
  await client.change(uri, 3, breakIt);
  assert.deepEqual(normalize((await third).diagnostics), normalize(expectedDiagnostics(doc.getText(), {}, 'en', uri)));

  const cleared = client.nextDiagnostics(uri);
  await client.close(uri);
  assert.deepEqual((await cleared).diagnostics, []);
});

test('a JSON file that is not a NapCat config gets no diagnostics, hover or symbols', async (t) => {
  const push = await TestClient.start();
  const pull = await TestClient.start({ pull: true });
  t.after(() => Promise.all([push.stop(), pull.stop()]));
  // `httpServers` passes the textual sniff, but the shape is not NapCat's.
  const texts: Record<string, string> = {
    'not-napcat.json': fixture('not-napcat.json'),
    'sniffed.json': '{ "services": { "httpServers": [1, 2] }, "x": , }',
  };
  for (const [name, text] of Object.entries(texts)) {
    const uri = fileUri(name);
    assert.deepEqual((await push.openAndWait(uri, text)).diagnostics, [], name);
    await pull.open(uri, text);
    const report = await pull.pull(uri);
    assert.equal(report.kind, 'full', name);
    assert.deepEqual(report.kind === 'full' ? report.items : undefined, [], name);
    assert.equal(await pull.hover(uri, { line: 0, character: 3 }), null);
    assert.deepEqual(await pull.symbols(uri), []);
  }
});

test('documents are selected by content (any name) and by the napcat.files globs', async (t) => {
  const client = await TestClient.start({
    settings: (scope: string | undefined) => (scope?.includes('/bots/') ? { files: ['bots/*.json'] } : {}),
  });
  t.after(() => client.stop());
  const n4 = fixture('onebot11_12345.json');
  const untitled = 'untitled:Untitled-1';
  const byContent = await client.openAndWait(untitled, n4);
  assert.ok(byContent.diagnostics.length > 0 || analyze(n4).findings.length === 0);
  assert.deepEqual(normalize(byContent.diagnostics), normalize(expectedDiagnostics(n4, {}, 'en', untitled)));

  // Nothing in this text says NapCat: only the glob selects it.
  const plain = '{ "a": }';
  const botsUri = fileUri('bots/main.json');
  const byGlob = await client.openAndWait(botsUri, plain);
  assert.ok(byGlob.diagnostics.some((d) => d.code === 'napcat.syntax'));
  assert.deepEqual(normalize(byGlob.diagnostics), normalize(expectedDiagnostics(plain, {}, 'en', botsUri)));
  const notSelected = await client.openAndWait(fileUri('other/main.json'), plain);
  assert.deepEqual(notSelected.diagnostics, []);
});

test('zh-cn locale gives Chinese messages (InitializeParams.locale and initializationOptions.locale)', async (t) => {
  const byParams = await TestClient.start({ locale: 'zh-CN' });
  const byOptions = await TestClient.start({ locale: 'en-US', initializationOptions: { locale: 'zh-cn' } });
  const english = await TestClient.start({ locale: 'en' });
  t.after(() => Promise.all([byParams.stop(), byOptions.stop(), english.stop()]));
  const uri = fileUri('onebot11_20002.json');
  const finding = analyze(BROKEN).findings.find((f) => f.code === 'napcat.syntax')!;
  const zh = say('zh-cn', finding.message, finding.args);
  assert.match(zh, /[\u4e00-\u9fff]/);
  for (const client of [byParams, byOptions]) {
    const { diagnostics } = await client.openAndWait(uri, BROKEN);
    assert.equal(only(diagnostics, 'napcat.syntax').message, zh);
    assert.deepEqual(normalize(diagnostics), normalize(expectedDiagnostics(BROKEN, {}, 'zh-cn', uri)));
  }
  const { diagnostics } = await english.openAndWait(uri, BROKEN);
  assert.doesNotMatch(String(only(diagnostics, 'napcat.syntax').message), /[\u4e00-\u9fff]/);
});

test('changing napcat.targetVersion re-analyses (push: re-publish)', async (t) => {
  const client = await TestClient.start({ settings: { targetVersion: 'latest' } });
  t.after(() => client.stop());
  const uri = fileUri('onebot11_10001.json');
  const text = fixture('onebot11_10001.json');
  const latest = await client.openAndWait(uri, text);
  assert.deepEqual(normalize(latest.diagnostics), normalize(expectedDiagnostics(text, {}, 'en', uri)));
  const asked = client.configurationRequests.length;

  client.settings = { targetVersion: '4.3.0' };
  const next = client.nextDiagnostics(uri);
  await client.changeConfiguration(null);
  const old = await next;
  assert.ok(client.configurationRequests.length > asked, 'settings are asked again');
  const expected = expectedDiagnostics(text, { targetVersion: [4, 3, 0] }, 'en', uri);
  assert.deepEqual(normalize(old.diagnostics), normalize(expected));
  // Comments before v4.4.7: once the rule exists, it must reach the editor.
  if (expected.some((d) => d.code === 'napcat.json5-unsupported')) {
    assert.ok(old.diagnostics.some((d) => d.code === 'napcat.json5-unsupported'));
  }
  const hover = await client.hover(uri, positionOf(text, '"koishi"', 1));
  assert.match(JSON.stringify(hover), /v4\.3\.0/, 'hover describes the target version');
});

test('changing napcat.targetVersion re-analyses (pull: workspace/diagnostic/refresh, then new results)', async (t) => {
  const client = await TestClient.start({ pull: true, settings: {} });
  t.after(() => client.stop());
  const uri = fileUri('onebot11_10001.json');
  const text = fixture('onebot11_10001.json');
  await client.open(uri, text);
  const before = await client.pull(uri);
  assert.equal(before.kind, 'full');
  assert.deepEqual(normalize(before.kind === 'full' ? before.items : []), normalize(expectedDiagnostics(text, {}, 'en', uri)));

  client.settings = { targetVersion: '4.3.0' };
  const refreshed = client.nextRefresh();
  await client.changeConfiguration(null);
  await refreshed;
  const after = await client.pull(uri, before.resultId);
  assert.equal(after.kind, 'full', 'new settings give a new result');
  assert.notEqual(after.resultId, before.resultId);
  assert.deepEqual(
    normalize(after.kind === 'full' ? after.items : []),
    normalize(expectedDiagnostics(text, { targetVersion: [4, 3, 0] }, 'en', uri)),
  );
});

test('an unparsable targetVersion falls back to latest and is logged once', async (t) => {
  const client = await TestClient.start({ settings: { targetVersion: 'banana' } });
  t.after(() => client.stop());
  const uri = fileUri('onebot11_10001.json');
  const text = fixture('onebot11_10001.json');
  const first = await client.openAndWait(uri, text);
  assert.deepEqual(normalize(first.diagnostics), normalize(expectedDiagnostics(text, {}, 'en', uri)));
  const next = client.nextDiagnostics(uri);
  await client.changeConfiguration(null);
  await next;
  const warnings = client.logs.filter((l) => l.message.includes('banana'));
  assert.equal(warnings.length, 1, JSON.stringify(client.logs));
  assert.equal(warnings[0].type, 2, 'a warning');
});

test('napcat.maxFileSize caps the analysis', async (t) => {
  const client = await TestClient.start({ settings: { maxFileSize: 0.0001 } });
  t.after(() => client.stop());
  const uri = fileUri('onebot11_12345.json');
  const text = fixture('onebot11_12345.json');
  const { diagnostics } = await client.openAndWait(uri, text);
  const tooLarge = only(diagnostics, 'napcat.too-large');
  assert.equal(rangeText(tooLarge.range), '0:0-0:0');
  assert.deepEqual(normalize(diagnostics), normalize(expectedDiagnostics(text, { maxLength: Math.round(0.0001 * 1024 * 1024) }, 'en', uri)));
});

test('a config recognised by its content gets the too-large diagnostic too, with sizes that read apart', async (t) => {
  const client = await TestClient.start({ settings: { maxFileSize: 0.0001 } });
  t.after(() => client.stop());
  const uri = fileUri('bot-config.json');
  const text = fixture('onebot11_12345.json');
  const { diagnostics } = await client.openAndWait(uri, text);
  const tooLarge = only(diagnostics, 'napcat.too-large');
  assert.equal(rangeText(tooLarge.range), '0:0-0:0');
  const message = String(tooLarge.message);
  const [size, limit] = [...message.matchAll(/([\d.]+) MiB/g)].map((m) => m[1]);
  assert.ok(Number(size) > Number(limit), message);
});
