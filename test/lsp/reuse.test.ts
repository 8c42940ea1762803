import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, LineIndex } from '../../server/src/core';
import { toDocumentSymbols } from '../../server/src/lsp/convert';
import { getLanguageService } from '../../server/src/service/languageService';
import { TestClient, fileUri, fixture } from './client';
import { expectedDiagnostics, normalize } from './expected';

// Typing inside a value re-reads only that value (core `reanalyze`, lsp/documents.ts): the server
// says so in its trace ("kept the tree of <uri> version <m> for version <n>"). Whether it keeps the
// tree or parses the whole text, every answer must be the one a fresh analysis of the text gives.

const URI = fileUri('onebot11_12345.json');

function kept(client: TestClient, version: number): boolean {
  return client.traces.some((m) => m.startsWith(`kept the tree of ${URI} version `) && m.endsWith(` for version ${version}`));
}

/** Replaces `length` characters at the first `needle` (+ `delta`) of `text`: the new text and the LSP change. */
function edit(text: string, needle: string, delta: number, length: number, insert: string) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const offset = at + delta;
  const index = new LineIndex(text);
  const range = { start: index.positionAt(offset), end: index.positionAt(offset + length) };
  return { text: text.slice(0, offset) + insert + text.slice(offset + length), change: { range, text: insert } };
}

test('typing in values keeps the tree, and every answer is that of the new text', async (t) => {
  const client = await TestClient.start({ trace: 'messages' });
  t.after(() => client.stop());
  let text = fixture('onebot11_12345.json');
  await client.openAndWait(URI, text);

  // Version 2: the second client renamed, so the duplicate name goes away — inside a string, but the
  // first edit after opening parses whole (the tree of the opening is not kept, documents.ts).
  // Version 3: a digit typed after a port, inside a string: kept. Version 4: a comma typed between two members (parsed whole).
  // Version 5: a value typed in, after the whole parse of version 4.
  const steps: [needle: string, delta: number, length: number, insert: string, keeps: boolean][] = [
    ['"nonebot",\n        "enable": true,\n        "url": "ws://127.0.0.1:8081', 8, 0, '-2', false],
    ['"3000"', 5, 0, '1', true],
    ['"musicSignUrl"', 0, 0, ' ', false],
    ['"musicSignUrl": ""', 17, 0, 'x', true],
  ];
  let version = 1;
  for (const [needle, delta, length, insert, keeps] of steps) {
    const next = edit(text, needle, delta, length, insert);
    text = next.text;
    version++;
    const published = client.nextDiagnostics(URI, (p) => p.version === version);
    await client.change(URI, version, [next.change]);
    const { diagnostics } = await published;
    assert.deepEqual(normalize(diagnostics), normalize(expectedDiagnostics(text, {}, 'en', URI)), `diagnostics of version ${version}`);
    assert.equal(kept(client, version), keeps, `version ${version}: ${keeps ? 'the tree is kept' : 'the text is parsed whole'}`);
  }

  // The answers that read the tree, after the edits: offsets of the newest text.
  const symbols = await client.symbols(URI);
  const fresh = TextDocument.create(URI, 'json', version, text);
  assert.deepEqual(symbols, toDocumentSymbols(fresh, getLanguageService().symbols(analyze(text))), 'the outline of the newest text');
  const index = new LineIndex(text);
  const hover = await client.hover(URI, index.positionAt(text.indexOf('"30001"') + 2));
  assert.ok(hover?.range, 'a hover on the edited port');
  // The hover of a field covers its entry.
  assert.deepEqual(hover.range.start, index.positionAt(text.indexOf('{\n        "name": "http-api"')));
  assert.deepEqual(hover.range.end, index.positionAt(text.indexOf('}', text.indexOf('"30001"')) + 1));
});
