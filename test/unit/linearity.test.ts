import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Adapter, type Analysis } from '../../server/src/core';
import { adapterStatus } from '../../server/src/service/status';
import { symbolsOf } from '../../server/src/service/symbols';

// Document symbols and `napcat/endpoints` ask for the status of every entry. They must stay linear
// in the number of entries: the work is counted as reads of the model's entry list (without any
// clock), and four times the entries may cost at most about four times the reads.

/** A config of `n` WebSocket clients, every other one sharing its name with a later entry. */
function config(n: number): string {
  const items = Array.from({ length: n }, (_, i) => `{"name": "c${i % 2 === 0 ? i : i >> 2}", "enable": true, "url": "ws://127.0.0.1:${1000 + i}/ws"}`);
  return `{"network": {"websocketClients": [${items.join(',\n')}], "httpServers": [{"name": "h", "enable": true, "port": 3000}]}}`;
}

/** The analysis of `text` whose entry list counts the entries read from it. */
function counted(text: string): { analysis: Analysis; reads: () => number } {
  const analysis = analyze(text);
  let reads = 0;
  const adapters = new Proxy(analysis.model.adapters as Adapter[], {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { analysis: { ...analysis, model: { ...analysis.model, adapters } }, reads: () => reads };
}

function readsFor(n: number, work: (doc: TextDocument, analysis: Analysis) => void): number {
  const text = config(n);
  const { analysis, reads } = counted(text);
  work(TextDocument.create('file:///x/onebot11_1.json', 'json', 1, text), analysis);
  return reads();
}

const cases: [string, (doc: TextDocument, analysis: Analysis) => void][] = [
  ['document symbols', (_doc, analysis) => void symbolsOf(analysis)],
  ['the status of every entry (napcat/endpoints)', (_doc, analysis) => analysis.model.adapters.forEach((a) => adapterStatus(analysis, a))],
];

for (const [name, work] of cases) {
  test(`${name}: linear in the entries (reads of the entry list, 500 → 2,000 entries)`, () => {
    const small = readsFor(500, work);
    const large = readsFor(2000, work);
    assert.ok(small >= 500, `every entry is read (${small} reads)`);
    assert.ok(large <= 5 * small, `500 entries: ${small} reads; 2,000 entries: ${large} reads (linear: about 4×)`);
  });
}

test('a replaced entry still names the entry that replaces it', () => {
  const analysis = analyze(config(8));
  const byName = (name: string) => analysis.model.adapters.filter((a) => a.effectiveName === name);
  // Entries 0, 1 and 3 are named "c0": NapCat keeps the last one, which replaces the other two.
  const named = byName('c0');
  assert.deepEqual(named.map((a) => a.index), [0, 1, 3]);
  const last = named[2];
  for (const a of named.slice(0, 2)) assert.equal(adapterStatus(analysis, a).replacedBy, last);
  assert.equal(adapterStatus(analysis, last).replacedBy, undefined);
  assert.equal(adapterStatus(analysis, last).starts, true);
});
