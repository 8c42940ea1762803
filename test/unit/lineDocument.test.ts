import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineDocument } from '../../server/src/lsp/lineDocument';

// The server's document model must read positions exactly as vscode-languageserver-textdocument
// does: the same random edits (ends of line of every kind, Chinese text, surrogate pairs,
// positions past the end of a line or of the text, reversed ranges) go to both, and after each
// edit the texts, line counts and conversions of many positions and offsets are compared. Some
// notifications carry several changes, as a burst of keystrokes read in one go does.

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
      // The changes of one notification, each with positions around the text it applies to (the
      // reference reads a range that starts and ends on two different lines past the end wrongly).
      const scratch = TextDocument.create('file:///x.json', 'json', 1, reference.getText());
      const changes = Array.from({ length: rnd() < 0.8 ? 1 : 2 + Math.floor(rnd() * 5) }, () => {
        const text = Array.from({ length: Math.floor(rnd() * 3) }, () => pick(PIECES)).join('');
        const at = () => ({ line: Math.floor(rnd() * (scratch.lineCount + 2)) - 1, character: Math.floor(rnd() * 12) - 1 });
        const change = rnd() < 0.03 ? { text } : { range: { start: at(), end: at() }, text };
        TextDocument.update(scratch, [change], 2);
        return change;
      });
      reference = TextDocument.update(reference, changes, v);
      ours.update(changes, v);
      const label = `seed ${seed}, version ${v}, ${JSON.stringify(changes)}`;
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

test('typing on one line, as a burst of keystrokes does, reads like TextDocument', () => {
  const initial = '{\r\n  "name": "机器人",\n  "url": "ws://127.0.0.1:8080"\r}\r机器\nend';
  let reference = TextDocument.create('file:///x.json', 'json', 1, initial);
  const ours = new LineDocument('file:///x.json', 'json', 1, initial);
  const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
  const changes = [
    ...Array.from({ length: 300 }, () => ({ range: at(0, 0), text: ' ' })),
    ...Array.from({ length: 50 }, (_, i) => ({ range: at(1, 11 + i), text: '😀'.charAt(i % 2) })),
    { range: { start: { line: 2, character: 9 }, end: { line: 2, character: 99 } }, text: 'x' },
    { range: at(3, 1), text: 'y' },
    // Emptying a line after a `\r` makes it one end of line with the `\n` that ended the line.
    { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 2 } }, text: '' },
  ];
  for (const [i, change] of changes.entries()) {
    reference = TextDocument.update(reference, [change], i + 2);
    ours.update([change], i + 2);
  }
  assert.equal(ours.getText(), reference.getText());
  assert.equal(ours.lineCount, reference.lineCount);
  for (let line = 0; line < 7; line++) assert.deepEqual(ours.getLineRange(line), reference.getLineRange(line));
});
