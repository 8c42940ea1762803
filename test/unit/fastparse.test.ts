import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { fastParse } from '../../server/src/core/json/fastParse';
import { rng, genJson5, mutate } from '../helpers/json5gen';

// fastParse must build exactly jsonc-parser's tree whenever it answers, and answer for every
// error-free JSONC text (else the fast path silently stops being taken).

/** The tree as plain data, with parents checked structurally instead of compared. */
function shape(n: Node, parent?: Node): unknown {
  assert.equal(n.parent, parent, `parent link at offset ${n.offset}`);
  return {
    type: n.type,
    offset: n.offset,
    length: n.length,
    value: n.value,
    colonOffset: n.colonOffset,
    children: n.children?.map((c) => shape(c, n)),
  };
}

function jsoncOnly(text: string): string {
  // Keep the generator's JSON5 extras out most of the time, so most texts are plain JSONC.
  return text.replace(/'/g, '"').replace(/\ufeff|\u00a0|\u2028/g, ' ');
}

const CASES = 3000;

test(`fastParse equals parseTree on ${CASES} generated JSONC texts and their mutations`, () => {
  let answered = 0;
  const problems: string[] = [];
  for (let seed = 1; seed <= CASES; seed++) {
    const r = rng(seed);
    const base = jsoncOnly(genJson5(r));
    for (const text of [base, mutate(base, r)]) {
      const errors: ParseError[] = [];
      const slow = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
      const fast = fastParse(text);
      if (fast) {
        answered++;
        if (errors.length) problems.push(`seed ${seed}: fast answered where parseTree reports errors: ${JSON.stringify(text)}`);
        else
          try {
            assert.deepEqual(shape(fast), shape(slow!));
          } catch (e) {
            problems.push(`seed ${seed}: trees differ: ${JSON.stringify(text)} ${(e as Error).message.slice(0, 200)}`);
          }
      } else if (errors.length === 0 && slow) {
        problems.push(`seed ${seed}: fast gave up on error-free JSONC: ${JSON.stringify(text)}`);
      }
    }
  }
  assert.deepEqual(problems.slice(0, 10), []);
  assert.ok(answered > CASES / 2, `the fast path answered only ${answered} times`);
});

test('fastParse gives up on JSON5 syntax and on errors', () => {
  for (const text of ["{'a': 1}", '{a: 1}', '{"a": 0x10}', '{"a": +1}', '{"a": .5}', '{"a": 1,,}', '{"a": "b\u0001"}', '{"a": 1} x', '/* open', '{"a": tru}', '[01]', '"\\x41"', '{"a": 1e}', '{"a"\u00a0: 1}']) {
    assert.equal(fastParse(text), undefined, text);
  }
});

test('fastParse reads escapes, comments and trailing commas', () => {
  const root = fastParse('// c\n{"a\\n\\u00e9": [1, -2.5e3, true, null,], /* x */ "b": "\\"q\\"",}')!;
  assert.equal(root.parent, undefined);
  assert.equal(root.children![0].children![0].value, 'a\né');
  assert.deepEqual(root.children![0].children![1].children!.map((c) => c.value), [1, -2500, true, null]);
  assert.equal(root.children![1].children![1].value, '"q"');
});
