import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import JSON5 from 'json5';
import { parseText, buildModel } from '../../server/src/core';

test('plain JSON parses without failure and is dialect json', () => {
  const p = parseText('{"a": 1, "b": [true, null]}');
  assert.equal(p.failure, undefined);
  assert.equal(p.dialect(), 'json');
  assert.equal(p.root?.type, 'object');
});

test('comments and trailing commas are jsonc, never a failure', () => {
  const p = parseText('{\n  // c\n  "a": [1, 2,], /* d */\n}');
  assert.equal(p.failure, undefined);
  assert.equal(p.dialect(), 'jsonc');
});

test('JSON5 syntax NapCat accepts is read with correct values and offsets', () => {
  const text = "{unquoted: 'single', hex: 0x1F, plus: +3, inf: Infinity, dot: .5, network: {websocketClients: [{name: 'a', enable: true,},],},}";
  const p = parseText(text);
  assert.equal(p.failure, undefined);
  assert.equal(p.dialect(), 'json5');
  const props = p.root!.children!;
  const byKey = new Map(props.map((c) => [c.children![0].value as string, c]));
  assert.equal(byKey.get('unquoted')!.children![1].value, 'single');
  assert.equal(byKey.get('hex')!.children![1].value, 31);
  assert.equal(byKey.get('plus')!.children![1].value, 3);
  assert.equal(byKey.get('inf')!.children![1].value, Infinity);
  const hexNode = byKey.get('hex')!.children![1];
  assert.equal(text.slice(hexNode.offset, hexNode.offset + hexNode.length), '0x1F');
  const hexProp = byKey.get('hex')!;
  assert.equal(text[hexProp.colonOffset!], ':');
  const model = buildModel(p.root);
  assert.equal(model.shape, 'N4');
  assert.equal(model.adapters[0].effectiveName, 'a');
  assert.equal(model.adapters[0].enabled, true);
  // The same text through the json5 package (NapCat's reader) agrees.
  assert.deepEqual(JSON5.parse(text).network.websocketClients[0], { name: 'a', enable: true });
});

test('a syntax error is reported where json5 stops, and the recovered tree is kept', () => {
  const text = '{\n  "network": {"websocketClients": [{"name": "a"}]},\n  "x": ,\n}';
  const p = parseText(text);
  assert.equal(p.failure?.kind, 'syntax');
  let json5Offset = -1;
  try {
    JSON5.parse(text);
  } catch (e) {
    const err = e as { lineNumber: number; columnNumber: number };
    const lines = text.split('\n');
    json5Offset = lines.slice(0, err.lineNumber - 1).join('\n').length + 1 + err.columnNumber - 1;
  }
  if (p.failure?.kind === 'syntax') assert.equal(p.failure.problem.offset, json5Offset);
  assert.equal(buildModel(p.root).adapters.length, 1);
});

test('BOM keeps offsets of the original text', () => {
  const text = '\uFEFF{"network": {}}';
  const p = parseText(text);
  assert.equal(p.failure, undefined);
  assert.equal(p.bom, true);
  const key = p.root!.children![0].children![0];
  assert.equal(text.slice(key.offset, key.offset + key.length), '"network"');
});

test('hostile input never throws', () => {
  for (const text of ['', '   ', '['.repeat(200000), '\u0000\u0001\u0002garbage\uFFFF', '"just a string"', '[1,2,3]', '{"a":']) {
    const p = parseText(text);
    assert.ok(p.failure !== undefined || p.root !== undefined);
  }
  assert.equal(parseText('['.repeat(200000)).failure?.kind, 'too-deep');
  assert.equal(parseText('').failure?.kind, 'empty');
});

test('a // comment ends at U+2028 like in json5: the next key is kept', () => {
  const text = '{ // c\u2028"a": true, "b": 1 }';
  const p = parseText(text);
  assert.equal(p.failure, undefined);
  assert.deepEqual(p.root!.children!.map((c) => c.children![0].value), ['a', 'b']);
  assert.deepEqual(JSON5.parse(text), { a: true, b: 1 });
});

test('model fields: last write of a key wins, also past the linear-search size', () => {
  const many = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`).join(', ');
  const text = `{"network": {"websocketClients": [{"name": "a", "enable": false, ${many}, "enable": true, "k3": "x"}]}}`;
  const a = buildModel(parseText(text).root).adapters[0];
  assert.equal(a.enabled, true);
  assert.equal(a.fields.size, 42);
  assert.equal(a.fields.get('k3')!.raw, 'x');
  assert.equal(a.fields.get('k39')!.raw, 39);
  assert.deepEqual([...a.fields.keys()].slice(0, 3), ['name', 'enable', 'k0']);
  const small = buildModel(parseText('{"network": {"httpServers": [{"port": 1, "port": 2}]}}').root).adapters[0];
  assert.equal(small.fields.size, 1);
  assert.equal(small.fields.get('port')!.raw, 2);
  assert.deepEqual([...small.fields].map(([k, f]) => [k, f.raw]), [['port', 2]]);
});
