import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import JSON5 from 'json5';
import { rebuild, applyEdits, normalizeEdits, type RebuildResult } from '../../server/src/core/fixes';
import { sayFinding } from '../helpers/l10n';
import {
  assertClean,
  assertCommentsKept,
  genConfig,
  type ExpectedConnection,
  type GeneratedConfig,
} from '../helpers/configgen';

/**
 * Property tests of rebuild over random legacy, mixed and N4 configs (test/helpers/configgen.ts):
 * random shapes, values, comments, JSON5 syntax, indentation, line endings and BOM. Each property
 * runs on 2,000 configs; a failure names the seed, and `genConfig(seed)` replays it.
 */

const RUNS = Number(process.env.REBUILD_RUNS ?? 2000);
const seeds = fc.integer({ min: 0, max: 0x7fffffff });

interface Case {
  readonly gen: GeneratedConfig;
  readonly result: RebuildResult;
  /** The text after rebuild (the input when nothing had to change). */
  readonly text: string;
}

function run(seed: number): Case {
  const gen = genConfig(seed);
  const result = rebuild(gen.text);
  assert.notEqual(result.kind, 'refused', result.kind === 'refused' ? sayFinding('en', result.reason) : '');
  return { gen, result, text: result.kind === 'rebuilt' ? result.text : gen.text };
}

function property(name: string, check: (c: Case) => void): void {
  test(name, () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const c = run(seed);
        try {
          check(c);
        } catch (e) {
          (e as Error).message = `seed ${seed}\n--- input\n${c.gen.text}\n--- output\n${c.text}\n${(e as Error).message}`;
          throw e;
        }
      }),
      { numRuns: RUNS },
    );
  });
}

type Entry = Record<string, unknown>;

/** Same connection: clients by URL (scheme/host case, trailing slash, spaces aside), servers by port. */
function endpoint(kind: string, e: { url?: unknown; port?: unknown }): string {
  if (kind.endsWith('Servers')) {
    const p = typeof e.port === 'string' ? parseInt(e.port) : e.port;
    return `${kind}|${String(p ?? (kind === 'websocketServers' ? 3001 : 3000))}`;
  }
  const t = String(e.url ?? '').trim();
  try {
    const u = new URL(t);
    return `${kind}|${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return `${kind}|${t.replace(/\/+$/, '')}`;
  }
}

function matches(entry: Entry, e: ExpectedConnection): boolean {
  if (e.url !== undefined && entry.url !== e.url) return false;
  if (e.port !== undefined && entry.port !== e.port) return false;
  return Object.entries(e.values).every(([k, v]) => Object.is(entry[k], v));
}

property('(a) every connection, URL, token, port and flag lands in the right kind; existing entries and other keys are kept', ({ gen, result, text }) => {
  if (result.kind === 'rebuilt') {
    assert.deepEqual(normalizeEdits(result.edits), result.edits);
    assert.equal(applyEdits(gen.text, result.edits), result.text);
  }
  const json = JSON5.parse(text) as Record<string, unknown>;
  const network = (json.network ?? {}) as Record<string, Entry[]>;
  const all = Object.entries(network).flatMap(([kind, list]) => list.map((entry) => ({ kind, entry })));
  // Entries that were in `network` are still there, unchanged but for their name.
  for (const [id, { kind, value }] of gen.existing) {
    const found = all.filter((x) => x.entry['x-id'] === id);
    assert.equal(found.length, 1, `existing entry ${id} kept once`);
    assert.equal(found[0].kind, kind);
    const { name: _a, ...was } = value;
    const { name: _b, ...now } = found[0].entry;
    assert.deepEqual(now, was, `existing entry ${id} unchanged`);
  }
  // Each legacy connection: an entry of its kind with its values, one per item of one list;
  // connections listed by several lists (or already in network) need to exist only once.
  const groups = new Map<string, ExpectedConnection[]>();
  for (const e of gen.expected) {
    const key = endpoint(e.kind, e);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const [key, es] of groups) {
    const kind = es[0].kind;
    const candidates = all.filter((x) => x.kind === kind && endpoint(kind, x.entry) === key).map((x) => x.entry);
    const inNetwork = candidates.some((c) => c['x-id'] !== undefined);
    const lists = new Set(es.map((e) => e.list));
    if (inNetwork) continue;
    if (lists.size > 1) {
      assert.ok(es.some((e) => candidates.some((c) => matches(c, e))), `${key}: one connection for several lists`);
    } else {
      // One list: one entry per item (a URL listed twice starts twice), each with its own values.
      const free = [...candidates];
      for (const e of es) {
        const i = free.findIndex((c) => matches(c, e));
        assert.ok(i >= 0, `${key}: no entry with ${JSON.stringify(e.values)} among ${JSON.stringify(candidates)}`);
        free.splice(i, 1);
      }
    }
  }
  for (const [k, v] of Object.entries(gen.kept)) assert.deepEqual(json[k], v, `top-level ${k} kept`);
});

property('(b) names are unique across all kinds, and every entry has one', ({ text }) => {
  const network = ((JSON5.parse(text) as Record<string, unknown>).network ?? {}) as Record<string, Entry[]>;
  const names = Object.values(network).flatMap((list) => list.map((e) => e.name));
  for (const name of names) assert.ok(typeof name === 'string' && name !== '', `name ${JSON.stringify(name)}`);
  assert.equal(new Set(names).size, names.length, `unique names: ${names.join(', ')}`);
});

property('(c) rebuild is idempotent', ({ text }) => {
  const again = rebuild(text);
  assert.equal(again.kind, 'unchanged', again.kind === 'rebuilt' ? again.text : '');
});

property('(d) every comment of the original still exists', ({ gen, text }) => {
  assertCommentsKept(gen.comments, text);
  assert.equal(text.charCodeAt(0) === 0xfeff, gen.text.charCodeAt(0) === 0xfeff, 'BOM kept');
  // Inserted lines use the file's line ending: a CRLF file gets no bare LF.
  if (!/(^|[^\r])\n/.test(gen.text) && gen.text.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(text), 'CRLF kept');
});

property('(e) no legacy shape, missing name or duplicate name remains; strict JSON stays strict JSON', ({ gen, text }) => {
  assertClean(text);
  // NapCat before v4.4.7 reads with JSON.parse: a file it could read stays readable.
  const strict = (t: string) => {
    try {
      JSON.parse(t.replace(/^\uFEFF/, ''));
      return true;
    } catch {
      return false;
    }
  };
  if (strict(gen.text)) assert.ok(strict(text), 'still plain JSON');
});
