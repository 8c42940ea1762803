import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineDocument } from '../../server/src/lsp/lineDocument';

// The server's document model must read positions exactly as vscode-languageserver-textdocument
// does: the same random edits (ends of line of every kind, Chinese text, surrogate pairs,
// positions past the end of a line or of the text, reversed ranges) go to both, and after each
// edit the texts, line counts and conversions of many positions and offsets are compared.

const PIECES = ['a', 'bc', '\n', '\r\n', '\r', '机器人', '😀', '{"name": "x"}', '', '  ', '\n\n', '\r\r\n'];

function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
  test(`LineDocument reads like TextDocument after 300 random edits (seed ${seed})`, () => {
    const rnd = random(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const initial = Array.from({ length: 20 }, () => pick(PIECES)).join('');
    let reference = TextDocument.create('file:///x.json', 'json', 1, initial);
    const ours = new LineDocument('file:///x.json', 'json', 1, initial);
    for (let v = 2; v < 302; v++) {
      const lines = reference.lineCount;
      const position = () => ({ line: Math.floor(rnd() * (lines + 2)) - 1, character: Math.floor(rnd() * 12) - 1 });
      const text = Array.from({ length: Math.floor(rnd() * 3) }, () => pick(PIECES)).join('');
      const change = rnd() < 0.03 ? { text } : { range: { start: position(), end: position() }, text };
      reference = TextDocument.update(reference, [change], v);
      ours.update([change], v);
      const label = `seed ${seed}, version ${v}, ${JSON.stringify(change)}`;
      assert.equal(ours.getText(), reference.getText(), label);
      assert.equal(ours.lineCount, reference.lineCount, label);
      assert.equal(ours.version, v);
      for (let i = 0; i < 8; i++) {
        const p = position();
        assert.equal(ours.offsetAt(p), reference.offsetAt(p), `${label}: offsetAt ${JSON.stringify(p)}`);
        const o = Math.floor(rnd() * (reference.getText().length + 3)) - 1;
        assert.deepEqual(ours.positionAt(o), reference.positionAt(o), `${label}: positionAt ${o}`);
        const q = position();
        const range = { start: p, end: q };
        if (reference.offsetAt(p) <= reference.offsetAt(q)) assert.equal(ours.getText(range), reference.getText(range), label);
        assert.deepEqual(ours.getLineRange(p.line), reference.getLineRange(p.line), `${label}: getLineRange ${p.line}`);
        assert.equal(ours.getEOLCharacters(p.line), reference.getEOLCharacters(p.line), `${label}: getEOLCharacters ${p.line}`);
      }
    }
  });
}
