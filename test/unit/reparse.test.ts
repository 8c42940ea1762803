import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, parseText, reanalyze, type ConfigModel, type JsonNode } from '../../server/src/core';
import { applyEdits, type TextEdit } from '../../server/src/core/fixes';
import { reparse } from '../../server/src/core/json/reparse';
import { rng, genJson5, JSON5_WHITESPACE } from '../helpers/json5gen';

// An edit inside one token reuses the tree of the text before it (core/json/reparse.ts). Whenever
// it does, the tree must be the one a full parse of the new text builds, and the analysis the
// same; whenever it cannot be sure, it must decline. Edits are made at and around the tokens of
// generated JSON5 texts and of the example configs, with the characters that end or break a token.
//
// Replay one generated case:  REPARSE_SEED=1234 node --test out/test/unit/reparse.test.js

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A tree as plain data: every field a rule reads, `-0` and `NaN` kept apart by `Object.is`. */
function shape(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  return {
    type: node.type,
    offset: node.offset,
    length: node.length,
    colonOffset: node.colonOffset,
    value: typeof node.value === 'number' ? String(Object.is(node.value, -0) ? '-0' : node.value) : node.value,
    children: node.children?.map(shape),
    parentOffset: node.parent?.offset,
  };
}

/** A model as plain data: what each entry says, with the offsets of the nodes it points at. */
function modelShape(model: ConfigModel): unknown {
  return {
    shape: model.shape,
    topLevel: [...model.topLevel.keys()],
    legacy: model.legacy.map((p) => ({ form: p.form, connections: p.connections.map((c) => ({ ...c, node: shape(c.node) })) })),
    adapters: model.adapters.map((a) => ({
      kind: a.kind,
      index: a.index,
      origin: a.origin,
      node: shape(a.node),
      ownKeys: a.ownKeys,
      writtenName: a.writtenName,
      effectiveName: a.effectiveName,
      enabled: a.enabled,
      registers: a.registers,
      fields: [...a.fields.values()].map((f) => ({ key: f.key, raw: f.raw, prop: f.prop.offset, keyNode: f.keyNode?.offset, value: f.value?.offset })),
    })),
  };
}

function leaves(node: JsonNode | undefined, out: JsonNode[] = []): JsonNode[] {
  if (!node) return out;
  if (node.children) for (const c of node.children) leaves(c, out);
  else out.push(node);
  return out;
}

const PIECES = ['a', 'Z', '0', '7', '_', '$', '中', '𐀀', 'é', ' ', '"', "'", '\\', '\\n', '\\u00', '\n', ',', ':', '}', ']', '.', 'e', 'E', '-', '+', 'x', '0x', '/', '//', '*/'];

const REPLACEMENTS = ['"x"', "'y'", '""', '12', '-0x1F', 'Infinity', 'key', 'xax', '"a" "b"', 'true', '"a\\"', '\'\\u0041\'', '.5e3', '"\n"'];

interface Case {
  readonly before: string;
  readonly edit: TextEdit;
  readonly after: string;
}

function caseOf(before: string, edit: TextEdit): Case {
  return { before, edit, after: applyEdits(before, [edit]) };
}

/** Random edits at and around the tokens of `text`. */
function editsOf(text: string, r: () => number, count: number): Case[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const tokens = leaves(parseText(text).root);
  const out: Case[] = [];
  for (let n = 0; n < count; n++) {
    if (tokens.length > 0 && r() < 0.1) {
      // A whole token pasted over.
      const t = pick(tokens);
      const newText = pick(REPLACEMENTS);
      out.push(caseOf(text, { offset: t.offset, length: t.length, newText }));
      continue;
    }
    let offset: number;
    if (tokens.length > 0 && r() < 0.85) {
      const t = pick(tokens);
      offset = t.offset - 1 + Math.floor(r() * (t.length + 3));
    } else {
      offset = Math.floor(r() * (text.length + 1));
    }
    offset = Math.max(0, Math.min(text.length, offset));
    const roll = r();
    const length = roll < 0.5 ? 0 : Math.min(text.length - offset, 1 + Math.floor(r() * 3));
    const newText = roll < 0.75 ? (r() < 0.15 ? pick(JSON5_WHITESPACE) : pick(PIECES)) : '';
    if (length === 0 && newText === '') continue;
    out.push(caseOf(text, { offset, length, newText }));
  }
  return out;
}

function exampleTexts(): string[] {
  const dir = path.join(ROOT, 'examples');
  const texts: string[] = [];
  for (const sub of fs.readdirSync(dir)) {
    const folder = path.join(dir, sub);
    if (!fs.statSync(folder).isDirectory()) continue;
    for (const f of fs.readdirSync(folder)) if (/\.json5?$/.test(f)) texts.push(fs.readFileSync(path.join(folder, f), 'utf8'));
  }
  return texts;
}

/** Checks one case; returns whether the tree was reused. */
function check(c: Case, label: string): boolean {
  const expected = parseText(c.after);
  const previous = parseText(c.before);
  const reused = reparse(previous, c.edit, c.after)?.parsed;
  if (!reused) return false;
  assert.equal(expected.failure, undefined, `${label}: reused a tree for a text NapCat rejects`);
  assert.equal(reused.failure, undefined, label);
  assert.equal(reused.text, c.after, label);
  assert.equal(reused.bom, expected.bom, label);
  assert.deepEqual(shape(reused.root), shape(expected.root), `${label}: the reused tree differs from a full parse`);
  assert.equal(reused.dialect(), expected.dialect(), label);
  return true;
}

test('an edit inside a token gives the tree of a full parse, on generated JSON5 texts', () => {
  quietly(generated);
});

/** Runs f with console.warn silenced: json5 warns about raw U+2028/U+2029 in strings (it is asked where a rejected text stops). */
function quietly(f: () => void): void {
  const warn = console.warn;
  console.warn = () => {};
  try {
    f();
  } finally {
    console.warn = warn;
  }
}

function generated(): void {
  const seeds = process.env.REPARSE_SEED ? [Number(process.env.REPARSE_SEED)] : Array.from({ length: 300 }, (_, i) => i + 1);
  let reused = 0;
  let declined = 0;
  for (const seed of seeds) {
    const r = rng(seed);
    const text = genJson5(r);
    if (parseText(text).failure) continue;
    for (const c of editsOf(text, r, 30)) {
      if (check(c, `seed ${seed}, edit ${JSON.stringify(c.edit)}`)) reused++;
      else declined++;
    }
  }
  // Both paths are exercised: the test cannot pass by declining every edit, nor by accepting all.
  assert.ok(reused > 500, `only ${reused} edits reused the tree`);
  assert.ok(declined > 500, `only ${declined} edits were declined`);
}

test('an edit inside a token gives the analysis of a full parse, on the example configs', () => quietly(examples));

function examples(): void {
  let reused = 0;
  for (const [i, text] of exampleTexts().entries()) {
    const r = rng(1000 + i);
    for (const c of editsOf(text, r, 80)) {
      const label = `example ${i}, edit ${JSON.stringify(c.edit)}`;
      if (check(c, label)) reused++;
      const expected = analyze(c.after);
      const again = reanalyze(analyze(c.before), c.edit, c.after);
      assert.deepEqual(again.findings, expected.findings, label);
      assert.deepEqual(shape(again.parsed?.root), shape(expected.parsed?.root), label);
      assert.deepEqual(modelShape(again.model), modelShape(expected.model), `${label}: the model differs from a full analysis`);
    }
  }
  assert.ok(reused > 150, `only ${reused} edits reused the tree`);
}

const CONFIG = `{
  // NapCat
  network: {
    websocketClients: [
      { name: 'nonebot', enable: true, url: "ws://127.0.0.1:8080/onebot/v11/ws", token: '', reconnectInterval: 5000 },
    ],
  },
  "musicSignUrl": "",
}
`;

function at(needle: string, delta = 0): number {
  const i = CONFIG.indexOf(needle);
  assert.ok(i >= 0, needle);
  return i + delta;
}

test('typing in a value, a number or a key reuses the tree', () => {
  const cases: [string, TextEdit][] = [
    ['a letter in a double-quoted URL', { offset: at('8080'), length: 0, newText: '1' }],
    ['a character deleted in a URL', { offset: at('onebot/'), length: 1, newText: '' }],
    ['a name in single quotes', { offset: at('nonebot', 4), length: 0, newText: '-2' }],
    ['a digit after a number', { offset: at('5000', 4), length: 0, newText: '0' }],
    ['a sign before a number', { offset: at('5000'), length: 0, newText: '-' }],
    ['an unquoted key', { offset: at('reconnectInterval', 9), length: 8, newText: 'Delay' }],
    ['a quoted key', { offset: at('musicSignUrl', 5), length: 0, newText: 'x' }],
    ['an escape in a string', { offset: at('onebot/v11'), length: 0, newText: '\\u0041' }],
    ['a value pasted over, quotes included', { offset: at("'nonebot'"), length: 9, newText: '"koishi"' }],
    ['a closing quote typed over', { offset: at('/ws"', 2), length: 2, newText: 'x"' }],
  ];
  for (const [label, edit] of cases) assert.ok(check(caseOf(CONFIG, edit), label), `${label}: not reused`);
});

test('typing in one entry builds the model of that entry again and keeps the others', () => {
  const text = `{"network": {"websocketClients": [
    {"name": "a", "enable": true, "url": "ws://127.0.0.1:8080/ws"},
    {"name": "b", "enable": true, "url": "ws://127.0.0.1:8081/ws"}
  ], "httpServers": [{"name": "c", "enable": true, "port": 3000}]}}`;
  const previous = analyze(text);
  const [a, b, c] = previous.model.adapters;
  const edit = { offset: text.indexOf('"a"') + 1, length: 1, newText: 'b' };
  const after = applyEdits(text, [edit]);
  const again = reanalyze(previous, edit, after);
  assert.equal(again.parsed?.root, previous.parsed?.root, 'the tree was not kept');
  assert.notEqual(again.model.adapters[0], a);
  assert.equal(again.model.adapters[0].effectiveName, 'b');
  assert.equal(again.model.adapters[1], b);
  assert.equal(again.model.adapters[2], c);
  assert.deepEqual(modelShape(again.model), modelShape(analyze(after).model));
  assert.deepEqual(again.findings, analyze(after).findings);
  assert.ok(again.findings.some((f) => f.code === 'napcat.duplicate-name'), 'the renamed entry collides with the next one');
  // A key that names the list changes every entry of it: none is kept.
  const kindEdit = { offset: after.indexOf('httpServers') + 4, length: 0, newText: 'x' };
  const third = reanalyze(again, kindEdit, applyEdits(after, [kindEdit]));
  assert.equal(third.model.adapters.length, 2);
  assert.deepEqual(modelShape(third.model), modelShape(analyze(applyEdits(after, [kindEdit])).model));
});

test('an edit that may change more than one token is declined', () => {
  const cases: [string, TextEdit][] = [
    ['a quote typed in a string', { offset: at('8080'), length: 0, newText: '"' }],
    ['a line break typed in a string', { offset: at('8080'), length: 0, newText: '\n' }],
    ['a backslash before the closing quote', { offset: at('/ws"', 3), length: 0, newText: '\\' }],
    ['a closing quote deleted', { offset: at('/ws"', 3), length: 1, newText: '' }],
    ['a space after a number', { offset: at('5000', 4), length: 0, newText: ' ' }],
    ['a number cut to an exponent', { offset: at('5000', 1), length: 3, newText: 'e' }],
    ['a comma in an unquoted key', { offset: at('reconnectInterval', 3), length: 0, newText: ',' }],
    ['two tokens at once', { offset: at('true'), length: 10, newText: 'false, url: "' }],
    ['a literal', { offset: at('true'), length: 4, newText: 'false' }],
    ['a string turned into a number', { offset: at("''"), length: 2, newText: '12' }],
    ['a value pasted over without its quotes', { offset: at("'nonebot'"), length: 9, newText: 'xkoishix' }],
    ['a space typed before a string', { offset: at("'nonebot'"), length: 0, newText: ' ' }],
    ['a string typed before a string', { offset: at("'nonebot'"), length: 0, newText: '"a" ' }],
    ['white space between tokens', { offset: at('network'), length: 0, newText: ' ' }],
  ];
  for (const [label, edit] of cases) assert.equal(reparse(parseText(CONFIG), edit, applyEdits(CONFIG, [edit])), undefined, label);
});

test('a parse is reused once, only for the text its edit makes, and never after a rejected text', () => {
  const edit = { offset: at('8080'), length: 0, newText: '1' };
  const after = applyEdits(CONFIG, [edit]);
  const previous = parseText(CONFIG);
  assert.ok(reparse(previous, edit, after));
  assert.equal(reparse(previous, edit, after), undefined, 'consumed twice');
  // The text does not match the edit: declined.
  assert.equal(reparse(parseText(CONFIG), edit, after.replace('nonebot', 'koishi!')), undefined);
  assert.equal(reparse(parseText(CONFIG), { ...edit, newText: '2' }, after), undefined);
  // A text NapCat rejects has a recovered tree, never reused.
  const broken = CONFIG.replace('musicSignUrl": ""', 'musicSignUrl": "" x');
  const fixedEdit = { offset: broken.indexOf('8080'), length: 0, newText: '1' };
  assert.equal(reparse(parseText(broken), fixedEdit, applyEdits(broken, [fixedEdit])), undefined);
});

test('reanalyze consumes the previous analysis and answers like analyze', () => {
  const edit = { offset: at("'nonebot'") + 1, length: 7, newText: 'koishi' };
  const after = applyEdits(CONFIG, [edit]);
  const previous = analyze(CONFIG);
  const root = previous.parsed?.root;
  const next = reanalyze(previous, edit, after);
  assert.equal(next.parsed?.root, root, 'the tree was not reused');
  assert.deepEqual(next.findings, analyze(after).findings);
  assert.equal(next.model.adapters[0].effectiveName, 'koishi');
  // Over the analysis size limit: the limit's finding, as analyze gives it.
  const typed = { offset: edit.offset, length: 0, newText: 'x' };
  const limited = reanalyze(analyze(after), typed, applyEdits(after, [typed]), { maxLength: 10 });
  assert.equal(limited.findings[0]?.code, 'napcat.too-large');
});

test('an edit that may change what is secret masks findings as a full analysis does', () => {
  const text = `{"network": {"websocketClients": [
    {"name": "secretvalue2", "enable": true, "url": "ws://127.0.0.1:8080/ws", "token": "secretvalue1"},
    {"name": "secretvalue2", "enable": true, "url": "ws://127.0.0.1:8081/ws", "tokn": "secretvalue2"}
  ]}}`;
  const steps: [string, TextEdit][] = [
    // A secret key's value becomes the duplicated name: the name is a secret now.
    ['a token typed', { offset: text.indexOf('secretvalue1') + 11, length: 1, newText: '2' }],
    // A port typed elsewhere: the secrets stay as they were.
    ['a port typed', { offset: text.indexOf('8081') + 3, length: 1, newText: '2' }],
    // The token set back: the name is no secret any more.
    ['the token typed back', { offset: text.indexOf('secretvalue1') + 11, length: 1, newText: '1' }],
    // A key completed into a secret key: its value, the name, is a secret again.
    ['a key completed', { offset: text.indexOf('"tokn"') + 4, length: 0, newText: 'e' }],
  ];
  let before = text;
  let previous = analyze(before);
  const names: unknown[] = [];
  for (const [label, edit] of steps) {
    const after = applyEdits(before, [edit]);
    const again = reanalyze(previous, edit, after);
    assert.equal(again.parsed?.root, previous.parsed?.root, `${label}: the tree was not kept`);
    assert.deepEqual(again.findings, analyze(after).findings, label);
    names.push(again.findings.find((f) => f.code === 'napcat.duplicate-name')?.args?.name);
    [before, previous] = [after, again];
  }
  assert.deepEqual(names, ['***', '***', 'secretvalue2', '***']);
});
