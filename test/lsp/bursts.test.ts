import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TestClient, fileUri, fixture, type Transport } from './client';
import { expectedDiagnostics, normalize } from './expected';

// A burst of edits (a paste, a macro, key repeat) arrives faster than a file is analysed. The
// server analyses only the newest version: the analyses are counted through `$/logTrace`
// ("analysing <uri> version <n>"), never timed. Over every transport the server reads what has
// arrived in one go and merges the edits of a document (lsp/transport.ts): the final text must
// be exactly the one the edits make.

const EDITS = 500;

/** The versions of the analyses the server ran for `uri`, from its trace. */
function analysed(client: TestClient, uri: string): number[] {
  const prefix = `analysing ${uri} version `;
  return client.traces.filter((m) => m.startsWith(prefix)).map((m) => Number(m.slice(prefix.length)));
}

const CASES: [mode: 'push' | 'pull', transport: Transport][] = [
  ['push', 'stdio'],
  ['pull', 'stdio'],
  ['push', 'node-ipc'],
  ['push', 'socket'],
];

for (const [mode, transport] of CASES) {
  test(`${EDITS} edits sent without waiting: the newest version is analysed, a few analyses in all (${mode} diagnostics, ${transport})`, async (t) => {
    const client = await TestClient.start({ trace: 'messages', pull: mode === 'pull', transport });
    t.after(() => client.stop());
    const uri = fileUri('onebot11_12345.json');
    const text = fixture('onebot11_12345.json');
    if (mode === 'push') await client.openAndWait(uri, text);
    else {
      await client.open(uri, text);
      await client.pull(uri);
    }
    const before = analysed(client, uri).length;
    assert.ok(before >= 1, 'the trace names each analysis');

    // Versions 2 … EDITS: one space typed at the start; the last edit replaces the whole text.
    const space = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' };
    const finalText = text.replace('"name": "nonebot",\n        "enable": true,\n        "url": "ws://127.0.0.1:8081', '"name": "nonebot-2",\n        "enable": true,\n        "url": "ws://127.0.0.1:8081');
    assert.notEqual(finalText, text);
    const last = EDITS + 1;
    const edits = Array.from({ length: EDITS }, (_, i) => ({
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version: i + 2 }, contentChanges: [i + 2 === last ? { text: finalText } : space] },
    }));

    let diagnostics;
    if (mode === 'push') {
      const published = client.nextDiagnostics(uri, (p) => p.version === last);
      await client.burst(edits);
      diagnostics = (await published).diagnostics;
      // Answered after everything before it: no publication of an older version may follow.
      assert.ok(Array.isArray(await client.symbols(uri)));
      const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
      assert.equal(versions.at(-1), last, `the last publication is for version ${last}: ${versions.join(', ')}`);
      assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'versions are published in order, never an older one after a newer');
    } else {
      await client.burst(edits);
      const report = await client.pull(uri);
      assert.equal(report.kind, 'full');
      diagnostics = report.kind === 'full' ? report.items : [];
    }
    assert.deepEqual(normalize(diagnostics), normalize(expectedDiagnostics(finalText, {}, 'en', uri)), 'the diagnostics of the final text');
    assert.ok(!diagnostics.some((d) => d.code === 'napcat.duplicate-name'), 'the final text has no duplicate name');

    const versions = analysed(client, uri).slice(before);
    assert.equal(versions.at(-1), last, 'the last analysis is of the last version');
    assert.ok(versions.length <= EDITS / 10, `${versions.length} analyses for ${EDITS} edits: ${versions.join(', ')}`);
  });
}

test('without a trace asked for, the server sends no $/logTrace', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = fileUri('onebot11_12345.json');
  await client.openAndWait(uri, fixture('onebot11_12345.json'));
  assert.deepEqual(client.traces, []);
});

for (const transport of ['stdio', 'node-ipc'] as const) {
  test(`edits of two documents interleaved in a burst: each gets the diagnostics of its own final text (${transport})`, async (t) => {
    const client = await TestClient.start({ transport });
    t.after(() => client.stop());
    const a = fileUri('onebot11_12345.json');
    // In another folder: the two configs are not accounts of one NapCat, nothing crosses between them.
    const b = fileUri('burst-b/onebot11_55555.json');
    const text = fixture('onebot11_12345.json');
    await client.openAndWait(a, text);
    await client.openAndWait(b, text);
    // Runs of different lengths, alternating: `a` gets a space typed on its first line, `b` the
    // same text typed into the name of its first entry, one character per edit.
    const typed = 'renamed-by-burst';
    const nameAt = text.split('\n').findIndex((l) => l.includes('"name": "nonebot"'));
    const column = text.split('\n')[nameAt].indexOf('nonebot');
    const edits: { method: string; params: unknown }[] = [];
    let va = 1;
    let vb = 1;
    let typedB = 0;
    for (let run = 0; typedB < typed.length; run++) {
      for (let i = 0; i < (run % 3) + 1; i++) {
        const at = { line: 0, character: 0 };
        edits.push({ method: 'textDocument/didChange', params: { textDocument: { uri: a, version: ++va }, contentChanges: [{ range: { start: at, end: at }, text: ' ' }] } });
      }
      for (let i = 0; i < (run % 4) + 1 && typedB < typed.length; i++, typedB++) {
        const at = { line: nameAt, character: column + typedB };
        edits.push({ method: 'textDocument/didChange', params: { textDocument: { uri: b, version: ++vb }, contentChanges: [{ range: { start: at, end: at }, text: typed[typedB] }] } });
      }
    }
    const publishedA = client.nextDiagnostics(a, (p) => p.version === va);
    const publishedB = client.nextDiagnostics(b, (p) => p.version === vb);
    await client.burst(edits);
    const finalA = ' '.repeat(va - 1) + text;
    const finalB = text.replace('"name": "nonebot"', `"name": "${typed}nonebot"`);
    assert.notEqual(finalB, text);
    assert.deepEqual(normalize((await publishedA).diagnostics), normalize(expectedDiagnostics(finalA, {}, 'en', a)));
    assert.deepEqual(normalize((await publishedB).diagnostics), normalize(expectedDiagnostics(finalB, {}, 'en', b)));
  });
}
