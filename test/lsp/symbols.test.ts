import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import { TestClient, fileUri, fixture, positionOf } from './client';

const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
  a.line < b.line || (a.line === b.line && a.character <= b.character);
const inside = (inner: Range, outer: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

function checkContainment(symbols: readonly DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const s of symbols) {
    assert.ok(s.name.trim() !== '', 'names are never empty');
    assert.ok(inside(s.selectionRange, s.range), `${s.name}: selectionRange inside range`);
    if (parent) assert.ok(inside(s.range, parent.range), `${s.name} inside ${parent.name}`);
    checkContainment(s.children ?? [], s);
  }
}

test('document symbols: one per adapter, named by effective name, grouped under its kind list', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = fileUri('onebot11_12345.json');
  const text = fixture('onebot11_12345.json');
  await client.openAndWait(uri, text);
  const symbols = await client.symbols(uri);
  checkContainment(symbols);

  const shape = symbols.map((s) => ({
    name: s.name,
    kind: s.kind,
    children: s.children?.map((k) => ({ name: k.name, kind: k.kind, children: k.children?.map((a) => [a.name, a.kind]) })),
  }));
  assert.deepEqual(shape, [
    {
      name: 'network',
      kind: SymbolKind.Module,
      children: [
        { name: 'httpServers', kind: SymbolKind.Array, children: [['http-api', SymbolKind.Interface]] },
        {
          name: 'websocketClients',
          kind: SymbolKind.Array,
          children: [
            ['nonebot', SymbolKind.Event],
            ['nonebot', SymbolKind.Event],
            ['websocket-client', SymbolKind.Event],
          ],
        },
      ],
    },
  ]);
  const [http, ws] = symbols[0].children!;
  assert.equal(http.children![0].detail, 'HTTP server · 127.0.0.1:3000');
  const start = positionOf(text, '"http-api"');
  assert.deepEqual(http.children![0].selectionRange, { start, end: { line: start.line, character: start.character + 10 } });
  assert.match(ws.children![0].detail ?? '', /ws:\/\/127\.0\.0\.1:8080\/onebot\/v11\/ws · \(replaced\)/);
  assert.match(ws.children![1].detail ?? '', /access_token=\*\*\*$/);
  assert.match(ws.children![2].detail ?? '', /\(disabled\)/);
});

test('document symbols of a legacy file: connections under their legacy key', async (t) => {
  const client = await TestClient.start({ locale: 'zh-cn' });
  t.after(() => client.stop());
  const uri = fileUri('onebot11_30003.json');
  await client.openAndWait(uri, fixture('onebot11_30003.json'));
  const symbols = await client.symbols(uri);
  checkContainment(symbols);
  assert.deepEqual(
    symbols.map((s) => [s.name, s.kind, (s.children ?? []).map((c) => [c.name, c.kind])]),
    [
      ['http', SymbolKind.Object, [['http', SymbolKind.Interface], ['http://127.0.0.1:5700/', SymbolKind.Event]]],
      ['ws', SymbolKind.Interface, []],
      ['reverseWs', SymbolKind.Object, [['ws://127.0.0.1:8080/onebot/v11/ws', SymbolKind.Event]]],
    ],
  );
  assert.match(symbols[1].detail ?? '', /旧版/);
  assert.match(symbols[1].detail ?? '', /未启用/);
});
