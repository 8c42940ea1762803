import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ADAPTER_KINDS, analyze, parseText, type AdapterKind, type Analysis, type JsonNode } from '../../server/src/core';
import { applyEdits, rebuild } from '../../server/src/core/fixes';
import { editConnection, type ConnectionOp } from '../../server/src/service/connections';
import { commentsOf, genConfig, rng } from '../helpers/configgen';

/**
 * Property tests of connection management over random configs of every N4 form the generator
 * makes (test/helpers/configgen.ts: JSON and JSON5, tabs or spaces, CRLF or LF, a BOM, one-line
 * files, comments everywhere), each first put in NapCat's named form by rebuild, then given a
 * random sequence of operations. After every operation:
 * - the text parses the way NapCat parses it (json5) and is still of shape N4;
 * - no entry lacks a name and no two share one (names are identities in NapCat), and no entry
 *   newly takes the reserved `plugin_manager`;
 * - every byte outside the touched entry is unchanged (outside the span between the entry's
 *   neighbours in its list, or for an addition the list, `network` or root it goes into);
 * - every comment is still there, except those of a deleted entry (which lay in that span).
 * A refused operation changes nothing. A failure names the seed.
 */

const RUNS = Number(process.env.CONNECTION_RUNS ?? 200);
const STEPS = 6;
const seeds = fc.integer({ min: 0, max: 0x7fffffff });

const NAMES = ['astrbot', 'nonebot', 'koishi', 'yunzai', 'bot-a', 'bot-b', 'plugin_manager', '', 'ws-client-8080', 'http-server-3000'];
const URLS = ['ws://astrbot:6199/ws', 'ws://127.0.0.1:8080/onebot/v11/ws', 'http://127.0.0.1:5700/', 'ws://0.0.0.0:8080/', 'wss://bot.example.com/ws', 'ws：／／x：1', ' ws://a:1/ ', 'ftp://x/'];
const PORTS = [3000, 3001, 3002, 5700, 6099, 8080, 70000, 0];
const FIELDS: readonly (readonly [string, unknown])[] = [
  ['messagePostFormat', 'string'],
  ['messagePostFormat', 'array'],
  ['reportSelfMessage', true],
  ['debug', 'true'],
  ['heartInterval', 15000],
  ['reconnectInterval', '3000'],
  ['enableCors', false],
  ['enableForcePushEvent', false],
  ['heartInterval', 'soon'],
];

interface Entry {
  readonly id: string;
  readonly node: JsonNode;
}

/** The `network` entries of a text, read from its tree (not from the code under test). */
function entriesOf(analysis: Analysis): Entry[] {
  return analysis.model.adapters.filter((a) => a.origin === 'network').map((a) => ({ id: `${a.kind}[${a.index}]`, node: a.node }));
}

function randomOp(r: () => number, entries: readonly Entry[]): ConnectionOp {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const name = () => pick(NAMES) + (r() < 0.5 ? `-${Math.floor(r() * 50)}` : '');
  const kind = pick(ADAPTER_KINDS) as AdapterKind;
  if (entries.length === 0 || r() < 0.25) {
    const op: { action: 'add'; kind: AdapterKind; name?: string; url?: string; port?: number; token?: string } = { action: 'add', kind };
    if (r() < 0.6) op.name = name();
    if (kind.endsWith('Clients') && r() < 0.7) op.url = pick(URLS);
    if (kind.endsWith('Servers') && r() < 0.5) op.port = pick(PORTS);
    if (kind !== 'plugins' && r() < 0.3) op.token = 'tk-' + Math.floor(r() * 1000);
    return op;
  }
  const entry = { id: pick(entries).id };
  switch (Math.floor(r() * 8)) {
    case 0:
      return { action: 'rename', entry, newName: name() };
    case 1:
      return { action: 'setEnabled', entry, enable: r() < 0.5 };
    case 2:
      return { action: 'setUrl', entry, url: pick(URLS) };
    case 3:
      return { action: 'setPort', entry, port: pick(PORTS), ...(r() < 0.3 ? { host: pick(['0.0.0.0', '127.0.0.1', '']) } : {}) };
    case 4:
      return { action: 'setToken', entry, token: r() < 0.3 ? '' : 'tok-' + Math.floor(r() * 1000) };
    case 5: {
      const [field, value] = pick(FIELDS);
      return { action: 'setField', entry, field, value };
    }
    case 6:
      return { action: 'duplicate', entry, ...(r() < 0.5 ? { newName: name() } : {}) };
    default:
      return { action: 'remove', entry };
  }
}

/** The span an operation may change: between the entry's neighbours, or the container an addition goes into. */
function allowedSpan(analysis: Analysis, op: ConnectionOp): [number, number] {
  const root = analysis.parsed!.root!;
  if (op.action === 'add') {
    const network = analysis.model.network?.value;
    const list = network?.children?.find((p) => p.children?.[0]?.value === op.kind)?.children?.[1];
    const container = list ?? network ?? root;
    return [container.offset, container.offset + container.length];
  }
  const entry = entriesOf(analysis).find((e) => e.id === (op.entry as { id: string }).id)!;
  const list = entry.node.parent!;
  const items = list.children!;
  const i = items.indexOf(entry.node);
  const start = i > 0 ? items[i - 1].offset + items[i - 1].length : list.offset + 1;
  const end = i < items.length - 1 ? items[i + 1].offset : list.offset + list.length - 1;
  return [start, end];
}

function commentsWithOffsets(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let from = 0;
  for (const c of commentsOf(text)) {
    const offset = text.indexOf(c, from);
    out.push({ text: c, offset });
    from = offset + c.length;
  }
  return out;
}

function step(text: string, op: ConnectionOp): string {
  const analysis = analyze(text);
  const outcome = editConnection(analysis, op);
  if (!outcome.ok) {
    assert.ok(
      ['name-empty', 'name-taken', 'name-reserved', 'bad-url', 'bad-port', 'port-taken', 'not-applicable', 'bad-value'].includes(outcome.code),
      `${JSON.stringify(op)} refused: ${outcome.code} ${outcome.reason}`,
    );
    assert.ok(outcome.reason.length > 0);
    return text;
  }
  assert.equal(outcome.rebuilt, false, 'an N4 file is never rebuilt');
  const next = applyEdits(text, outcome.edits);

  // NapCat reads it, and it is still a named `network` config.
  const parsed = parseText(next);
  assert.equal(parsed.failure, undefined, 'the result parses');
  const after = analyze(next);
  assert.equal(after.model.shape, 'N4');
  const names = after.findings.filter((f) => f.code === 'napcat.duplicate-name' || f.code === 'napcat.missing-name');
  assert.deepEqual(names.map((f) => f.code), [], 'no duplicate or missing name');
  // The generated files may already use the reserved name (rebuild leaves it); no operation adds one.
  const reserved = (a: Analysis) => a.findings.filter((f) => f.code === 'napcat.reserved-name').length;
  assert.ok(reserved(after) <= reserved(analysis), 'no new plugin_manager');

  // Nothing outside the touched span changed.
  const [start, end] = allowedSpan(analysis, op);
  for (const e of outcome.edits) assert.ok(e.offset >= start && e.offset + e.length <= end, `edit ${JSON.stringify(e)} outside [${start}, ${end})`);

  // Every comment kept, but those of a deleted entry, which lay in its span.
  // (A copy made by `duplicate` repeats its entry's comments: they are counted as a multiset.)
  const left = commentsOf(next);
  for (const c of commentsWithOffsets(text)) {
    if (op.action === 'remove' && c.offset >= start && c.offset < end) continue;
    const i = left.indexOf(c.text);
    assert.ok(i >= 0, `comment lost: ${c.text}`);
    left.splice(i, 1);
  }

  // The entry named in the outcome is where it says, with the name it says.
  if (op.action !== 'remove') {
    const entry = after.model.adapters.find((a) => a.origin === 'network' && a.kind === outcome.entry.kind && a.index === outcome.entry.index);
    assert.ok(entry, `entry ${outcome.entry.id} exists`);
    assert.equal(entry.effectiveName, outcome.entry.name);
  }
  return next;
}

test(`random operations on ${RUNS} generated configs keep the file readable, named, minimal and commented`, () => {
  const details = fc.check(
    fc.property(seeds, (seed) => {
      const gen = genConfig(seed);
      const r0 = rebuild(gen.text);
      let text = r0.kind === 'rebuilt' ? r0.text : gen.text;
      const r = rng(seed ^ 0x5eed);
      const ops: ConnectionOp[] = [];
      try {
        for (let i = 0; i < STEPS; i++) {
          const op = randomOp(r, entriesOf(analyze(text)));
          ops.push(op);
          text = step(text, op);
        }
      } catch (e) {
        (e as Error).message = `seed ${seed}\nops ${JSON.stringify(ops)}\n--- text before the last op\n${text}\n${(e as Error).message}`;
        throw e;
      }
    }),
    { numRuns: RUNS },
  );
  // The property's own message (seed, operations, text) rather than fast-check's summary alone.
  if (details.failed) assert.fail(details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));
});
