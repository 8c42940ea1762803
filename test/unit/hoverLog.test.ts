import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core';
import { hoverAt, type EntryLogFacts } from '../../server/src/service/hover';
import { M } from '../../server/src/service/messages';

/**
 * The hover of an adapter entry with what NapCat's log says of it (given to the pure service as
 * an input): heading with the log's name, the short line, the details, a link to the line; text
 * from the log shown as written, never as Markdown; nothing when the log says nothing.
 */

const TEXT = JSON.stringify({ network: { websocketClients: [{ name: 'nonebot', enable: true, url: 'ws://127.0.0.1:8080/onebot/v11/ws' }] } }, null, 2);
const offset = TEXT.indexOf('"nonebot"') + 1;

const FACTS: EntryLogFacts = {
  file: '2026-01-02_09-12-00.123.log',
  summary: 'started; failing: connection-refused ×2, last 01-02 09:12:10',
  details: ['NapCat’s latest network summary: started (line 4)', 'connection-refused ×2, last 01-02 09:12:10 (line 8)', 'a *star* and a [bracket]'],
  link: { target: 'file:///napcat/logs/2026-01-02_09-12-00.123.log#L8', line: 8 },
};

test('an entry with log facts: the section with the file, the facts as written and the link to the line', () => {
  const analysis = analyze(TEXT);
  const seen: string[] = [];
  const hover = hoverAt(analysis, offset, true, (adapter) => {
    seen.push(`${adapter.kind}[${adapter.index}]`);
    return FACTS;
  });
  assert.deepEqual(seen, ['websocketClients[0]'], 'asked for the entry under the cursor');
  const md = hover?.markdown ?? '';
  assert.ok(md.includes(`**${M.logFacts.replace('{file}', '`2026-01-02_09-12-00.123.log`')}** started; failing: connection-refused ×2, last 01-02 09:12:10`), md);
  assert.ok(md.includes('- connection-refused ×2, last 01-02 09:12:10 (line 8)'));
  assert.ok(md.includes('- a \\*star\\* and a \\[bracket\\]'), 'log text is not Markdown');
  assert.ok(md.includes(`[${M.openLogLine.replace('{line}', '8')}](file:///napcat/logs/2026-01-02_09-12-00.123.log#L8)`));
});

test('without log facts the hover is the one it always was', () => {
  const analysis = analyze(TEXT);
  const plain = hoverAt(analysis, offset, true)?.markdown;
  assert.equal(hoverAt(analysis, offset, true, () => undefined)?.markdown, plain);
  assert.ok(plain && !plain.includes(M.logFacts.replace(' {file}:', '')));
});
