import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, Position } from 'vscode-languageserver';
import { analyze } from '../../server/src/core';
import { hoverAt } from '../../server/src/service/hover';
import { TestClient, fileUri, fixture } from './client';
import { expectedDiagnostics, normalize, rangeText } from './expected';

/** Deterministic "binary" text: control characters, NULs, lone surrogates, quotes and braces. */
function garbage(length: number): string {
  let seed = 42;
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const r = seed % 300;
    out += r < 256 ? String.fromCharCode(r) : '\ud800{["'.charAt(r % 4);
  }
  return out;
}

const MIB = 1024 * 1024;

const INPUTS: ReadonlyArray<{ name: string; text: () => string; code?: string; exact?: boolean }> = [
  { name: 'empty file', text: () => '', code: 'napcat.empty', exact: true },
  { name: 'only white space', text: () => ' \n\t\n', code: 'napcat.empty', exact: true },
  { name: 'binary garbage', text: () => garbage(64 * 1024) },
  { name: '20 MiB file', text: () => `{"network": {"websocketClients": [${'{"name": "x", "enable": false},'.repeat((20 * MIB) / 32)}]}}`, code: 'napcat.too-large' },
  { name: "100k nested '['", text: () => '['.repeat(100_000) },
  { name: "100k nested '{\"a\":'", text: () => '{"a":'.repeat(100_000) },
  { name: 'array root', text: () => '[1, 2, 3]' },
  { name: 'string root', text: () => '"network"' },
  { name: 'null root', text: () => 'null' },
  { name: 'BOM and CRLF', text: () => '\ufeff{\r\n  "network": { "httpServers": [ { "name": "a", "port": "x" } ] }\r\n}\r\n' },
];

async function stillServes(client: TestClient, mode: 'push' | 'pull'): Promise<void> {
  const uri = fileUri('onebot11_12345.json');
  const symbols = await client.symbols(uri);
  assert.ok(Array.isArray(symbols));
  if (symbols.length === 0) {
    // Not opened yet in this client: open it and check a real answer comes back.
    if (mode === 'push') await client.openAndWait(uri, fixture('onebot11_12345.json'));
    else await client.open(uri, fixture('onebot11_12345.json'));
  }
  const again = await client.symbols(uri);
  assert.equal(again[0]?.name, 'network', 'the server still analyses normal files');
  assert.ok(client.alive, 'the server process is alive');
}

/** The Markdown of a hover (null for none). */
function markdownOf(hover: Hover | null): string | null {
  if (hover === null) return null;
  const contents = hover.contents;
  return typeof contents === 'object' && 'value' in contents && !Array.isArray(contents) ? contents.value : JSON.stringify(contents);
}

/** What the server must answer to a hover at `position`: the service's hover of the core's analysis. */
function expectedHover(text: string, position: Position): string | null {
  const offset = TextDocument.create('file:///x.json', 'json', 1, text).offsetAt(position);
  return hoverAt(analyze(text), offset)?.markdown ?? null;
}

const HOVER_AT: readonly Position[] = [
  { line: 0, character: 1 },
  { line: 1, character: 5 },
];

// A hang fails through the test runner's timeout (no clock in the assertions).
for (const mode of ['push', 'pull'] as const) {
  test(`bad input never crashes or hangs the server (${mode} diagnostics)`, { timeout: 600_000 }, async (t) => {
    const client = await TestClient.start({ pull: mode === 'pull' });
    t.after(() => client.stop());
    let hovers = 0;
    for (const [i, input] of INPUTS.entries()) {
      const text = input.text();
      const uri = fileUri(`onebot11_9${String(i).padStart(4, '0')}.json`);
      let diagnostics;
      if (mode === 'push') {
        diagnostics = (await client.openAndWait(uri, text)).diagnostics;
      } else {
        await client.open(uri, text);
        const report = await client.pull(uri);
        assert.equal(report.kind, 'full', input.name);
        diagnostics = report.kind === 'full' ? report.items : [];
      }
      if (input.code) {
        const found = diagnostics.find((d) => d.code === input.code);
        assert.ok(found, `${input.name}: ${input.code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
        if (input.exact || input.code === 'napcat.too-large') assert.equal(rangeText(found.range), '0:0-0:0');
      }
      if (text.length < 1_000_000 && !input.name.startsWith('100k')) {
        // The same findings as the core, converted independently.
        assert.deepEqual(normalize(diagnostics), normalize(expectedDiagnostics(text, {}, 'en', uri)), input.name);
      }
      // Every other request on the same document is answered too.
      for (const position of HOVER_AT) {
        const hover = markdownOf(await client.hover(uri, position));
        assert.equal(hover, expectedHover(text, position), `${input.name}: hover at ${position.line}:${position.character}`);
        if (hover !== null) hovers++;
      }
      assert.ok(Array.isArray(await client.symbols(uri)), input.name);
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
      assert.ok(Array.isArray(await client.symbols(uri)), `${input.name}: after a change`);
      await client.close(uri);
      await stillServes(client, mode);
    }
    assert.ok(hovers > 0, 'some input has a hover, so the comparison above compares something');
  });
}

test('requests about unknown documents and out-of-range positions get empty answers', async (t) => {
  const client = await TestClient.start({ pull: true });
  t.after(() => client.stop());
  const unknown = fileUri('onebot11_77777.json');
  assert.equal(await client.hover(unknown, { line: 0, character: 0 }), null);
  assert.deepEqual(await client.symbols(unknown), []);
  const report = await client.pull(unknown);
  assert.deepEqual(report.kind === 'full' ? report.items : undefined, []);
  const uri = fileUri('onebot11_12345.json');
  await client.open(uri, fixture('onebot11_12345.json'));
  assert.equal(await client.hover(uri, { line: 10_000, character: 10_000 }), null);
  assert.ok(client.alive);
});
