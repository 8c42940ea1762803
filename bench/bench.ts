/**
 * `npm run bench`: the performance goals of the NapCat language server, measured side by side in
 * one run and printed with ✓/✗, then a scaling check on multi-MiB configs and the probes.
 *
 * Goals, on configs of 1, 10 and 100 KiB, written as JSON and as JSON5 alike:
 *  - `didChange` → `publishDiagnostics` p95 ≤ 10 ms, over the real server process (stdio); per
 *    size, one server has the JSON and the JSON5 file open and edits them in turn;
 *  - the JSON5 path no slower than 2× the JSON path (median latency of the same config);
 *  - the server's cold start (spawn → `initialize` answered) and its RSS after opening and editing
 *    a config no worse than VS Code's own JSON language server (`vscode-json-language-server
 *    --stdio` from vscode-langservers-extracted, with the project's JSON schema, validation on) on
 *    the same file. That server validates 500 ms after a change; its start and memory are
 *    compared, not that delay. For memory both servers get the same edits at the same times: an
 *    edit every `MEMORY_EDIT_INTERVAL_MS`, each sent once the diagnostics of the previous one
 *    arrived, so both check every version (a server that checked only the last of 20 edits sent
 *    at once would hold the garbage of one check, not of 20) over the same time (a server read
 *    right after 20 edits in 0.1 s would be compared in the middle of its work with one that has
 *    spent 10 s on them). Servers are started in alternation, each measurement is a median.
 *
 * Scaling check (not a goal): the in-process analysis of generated N4 configs up to 8.6 MiB, JSON
 * and JSON5, beside jsonc-parser's `parseTree` and vscode-json-languageservice's validation; the
 * cost per KiB of the largest config is compared with that of the 100-adapters-per-kind one
 * (no worse than linear: ≤ 1.5×).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { analyze } from '../server/src/core';
import { rebuild } from '../server/src/core/fixes';
import { configOfSize, legacyUrlsConfig, n4Config, smallConfig, toJson5, type Dialect } from './generate';
import { BenchDocument, jsonLanguageServer, measureBurst, measureRequests, napcatServer, percentiles, Session, type Percentiles, type ServerSpec } from './lsp';
import { napcatJsonSchema } from './schema';

const GOAL_P95_MS = 10;
const GOAL_JSON5_RATIO = 2;
const GOAL_SCALING = 1.5;
/** Config sizes of the goals, in KiB (1: the smallest realistic config). */
const GOAL_SIZES = [1, 10, 100];
const DIALECTS: readonly Dialect[] = ['json', 'json5'];
const EDITS = 200;
const WARM_EDITS = 20;
/** Server starts per (server, size) for cold start and memory. */
const STARTS = 3;
const MEMORY_EDITS = 20;
/** An edit this often in the memory runs: the JSON server needs its 500 ms delay and a check. */
const MEMORY_EDIT_INTERVAL_MS = 550;
/** Adapters per kind of the scaling rows. */
const SCALING = [10, 100, 1000, 5000];
const LARGE_EDITS = 5;
/** Edit bursts: config sizes (bytes), edits per burst, and the goals. */
const BURST_SIZES = [2.4 * 1024, 30 * 1024, 300 * 1024];
const BURST_EDITS = 2000;
const GOAL_BURST_ANALYSES = 2;
const GOAL_BURST_SLACK_MS = 20;
const GOAL_BURST_RSS = 1.5;
/** Symbols and endpoints: entries at both ends, and the growth allowed (8× the entries: linear is 8×). */
const REQUEST_ENTRIES = [1000, 8000];
const GOAL_REQUEST_GROWTH = 10;
const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function goalText(kib: number, dialect: Dialect): string {
  return kib === 1 ? smallConfig(dialect) : configOfSize(kib * 1024, dialect);
}

const docUri = (kib: number, dialect: Dialect, tag = 'edit') => `file:///bench/${tag}-${dialect}-${kib}k/onebot11_123456789.json`;

interface LatencyRow {
  readonly kib: number;
  readonly bytes: Record<Dialect, number>;
  readonly latency: Record<Dialect, Percentiles>;
}

/**
 * Per size, one NapCat server with that size's JSON and JSON5 configs open, edited in turn (so
 * drift hits both dialects alike); a server per size, as a user edits one config at a time, so a
 * small file's row does not carry the garbage of a 100 KiB one.
 */
async function latencyGoals(serverJs: string): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const kib of GOAL_SIZES) {
    const session = await Session.start(napcatServer(serverJs));
    try {
      const docs = DIALECTS.map((dialect) => ({ dialect, doc: new BenchDocument(docUri(kib, dialect), goalText(kib, dialect)) }));
      for (const d of docs) await session.open(d.doc);
      for (let i = 0; i < WARM_EDITS; i++) for (const d of docs) await session.edit(d.doc);
      const samples = new Map(docs.map((d) => [d.dialect, [] as number[]]));
      for (let i = 0; i < EDITS; i++) {
        // A rotating order, so that neither dialect always follows the other.
        for (let k = 0; k < docs.length; k++) {
          const d = docs[(i + k) % docs.length];
          // The benchmark's own garbage is collected before the clock starts: its pauses are not the server's.
          gc();
          samples.get(d.dialect)!.push(await session.edit(d.doc));
        }
      }
      const of = (dialect: Dialect) => docs.find((d) => d.dialect === dialect)!.doc;
      rows.push({
        kib,
        bytes: { json: Buffer.byteLength(of('json').text), json5: Buffer.byteLength(of('json5').text) },
        latency: { json: percentiles(samples.get('json')!), json5: percentiles(samples.get('json5')!) },
      });
    } catch (e) {
      throw session.explain(e);
    } finally {
      await session.stop();
    }
  }
  return rows;
}

interface Footprint {
  readonly coldStartMs: number[];
  /** RSS after opening and editing, per goal size. */
  readonly rss: Map<number, number[]>;
}

/**
 * One start of `spec`: open the JSON config of `kib`, edit it `MEMORY_EDITS` times, one every
 * `MEMORY_EDIT_INTERVAL_MS` (each once the diagnostics of the previous one arrived), read the RSS.
 */
async function footprintOnce(spec: ServerSpec, kib: number, into: Footprint): Promise<void> {
  const session = await Session.start(spec);
  try {
    into.coldStartMs.push(session.coldStartMs);
    const doc = new BenchDocument(docUri(kib, 'json', 'memory'), goalText(kib, 'json'));
    await session.open(doc);
    for (let i = 0; i < MEMORY_EDITS; i++) {
      const sent = Date.now();
      await session.edit(doc);
      const wait = MEMORY_EDIT_INTERVAL_MS - (Date.now() - sent);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const rss = session.rss().now;
    if (rss !== undefined) into.rss.get(kib)!.push(rss);
  } catch (e) {
    throw session.explain(e);
  } finally {
    await session.stop();
  }
}

/** The server as the extension ships it (built with --production by bench/build.mjs). */
function shippedServer(root: string): string {
  return path.join(root, 'out', 'bench', 'dist', 'server.js');
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function kibText(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function goals(root: string): Promise<{ ok: boolean; record: object }> {
  const serverJs = shippedServer(root);
  const jsonLs = jsonLanguageServer(
    path.join(root, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-json-language-server'),
    path.join(root, 'schemas', 'onebot11.schema.json'),
  );
  const ours = napcatServer(serverJs);
  let ok = true;

  const rows = await latencyGoals(serverJs);
  console.log(`didChange → publishDiagnostics over stdio, ${EDITS} edits of each file, per size one server, its JSON and JSON5 file edited in turn:`);
  console.log('config   | JSON size | JSON p50 | JSON p95 | JSON5 size | JSON5 p50 | JSON5 p95 | p95 ≤ 10 ms | JSON5 ÷ JSON (p50) ≤ 2×');
  console.log('-------- | --------- | -------- | -------- | ---------- | --------- | --------- | ----------- | -----------------------');
  for (const r of rows) {
    const p95ok = r.latency.json.p95 <= GOAL_P95_MS && r.latency.json5.p95 <= GOAL_P95_MS;
    const ratio = r.latency.json5.p50 / r.latency.json.p50;
    ok &&= p95ok && ratio <= GOAL_JSON5_RATIO;
    console.log(
      [
        `${r.kib} KiB`.padEnd(8),
        kibText(r.bytes.json).padStart(9),
        `${r.latency.json.p50.toFixed(2)} ms`.padStart(8),
        `${r.latency.json.p95.toFixed(2)} ms`.padStart(8),
        kibText(r.bytes.json5).padStart(10),
        `${r.latency.json5.p50.toFixed(2)} ms`.padStart(9),
        `${r.latency.json5.p95.toFixed(2)} ms`.padStart(9),
        mark(p95ok).padStart(11),
        `${ratio.toFixed(2)}× ${mark(ratio <= GOAL_JSON5_RATIO)}`.padStart(23),
      ].join(' | '),
    );
  }

  const napcat: Footprint = { coldStartMs: [], rss: new Map(GOAL_SIZES.map((k) => [k, []])) };
  const vscodeJson: Footprint = { coldStartMs: [], rss: new Map(GOAL_SIZES.map((k) => [k, []])) };
  for (let i = 0; i < STARTS; i++) {
    for (const kib of GOAL_SIZES) {
      // Alternating which server starts first.
      const pair: [ServerSpec, Footprint][] = [
        [ours, napcat],
        [jsonLs, vscodeJson],
      ];
      if (i % 2) pair.reverse();
      for (const [spec, into] of pair) await footprintOnce(spec, kib, into);
    }
  }
  const startOurs = median(napcat.coldStartMs);
  const startJson = median(vscodeJson.coldStartMs);
  ok &&= startOurs <= startJson;
  console.log('');
  console.log(`Cold start (spawn → initialize answered), median of ${napcat.coldStartMs.length} starts each:`);
  console.log(`  NapCat server ${startOurs.toFixed(0)} ms, VS Code JSON server ${startJson.toFixed(0)} ms: ${(startOurs / startJson).toFixed(2)}× ${mark(startOurs <= startJson)}`);
  console.log(`RSS after opening a JSON config and editing it ${MEMORY_EDITS} times, once every ${MEMORY_EDIT_INTERVAL_MS} ms (each version checked by both), median of ${STARTS} starts each:`);
  const rssRecord: Record<string, { napcat: number; vscodeJson: number }> = {};
  for (const kib of GOAL_SIZES) {
    const a = median(napcat.rss.get(kib)!);
    const b = median(vscodeJson.rss.get(kib)!);
    ok &&= a <= b;
    rssRecord[`${kib}KiB`] = { napcat: a, vscodeJson: b };
    console.log(`  ${`${kib} KiB`.padEnd(7)} NapCat server ${mib(a)} MiB, VS Code JSON server ${mib(b)} MiB: ${(a / b).toFixed(2)}× ${mark(a <= b)}`);
  }
  console.log(ok ? 'All goals met.' : 'Some goals missed (✗ above).');
  return {
    ok,
    record: {
      latency: rows,
      coldStartMs: { napcat: startOurs, vscodeJson: startJson },
      rss: rssRecord,
    },
  };
}

interface ScalingRow {
  perKind: number;
  bytes: Record<Dialect, number>;
  parseTree: number;
  analyze: Record<Dialect, number>;
  jsonLs: number;
  retainedBytes: number;
}

async function scaling(): Promise<ScalingRow[]> {
  const ls = getLanguageService({});
  const schema = napcatJsonSchema();
  const settings = { comments: 'ignore', trailingCommas: 'ignore' } as const;
  const runJsonLs = async (text: string) => {
    const doc = TextDocument.create('file:///bench/onebot11_123456789.json', 'json', 1, text);
    return (await ls.doValidation(doc, ls.parseJSONDocument(doc), settings, schema)).length;
  };
  const runParse = (text: string) => parseTree(text, [] as ParseError[], { allowTrailingComma: true, disallowComments: false });
  const runAnalyze = (text: string) => analyze(text, { maxLength: 0 });
  const rows: ScalingRow[] = [];
  console.log('');
  console.log('Scaling check (in process, not a goal): generated N4 configs, median times');
  console.log('adapters/kind | JSON size | parseTree | analyze JSON | analyze JSON5 | JSON LS   | JSON µs/KiB | JSON5 µs/KiB | analysis heap');
  console.log('------------- | --------- | --------- | ------------ | ------------- | --------- | ----------- | ------------ | -------------');
  for (const perKind of SCALING) {
    const json = n4Config(perKind);
    const json5 = toJson5(json);
    const reps = perKind >= 5000 ? 7 : perKind >= 1000 ? 11 : perKind >= 100 ? 31 : 101;
    const warm = perKind >= 1000 ? 2 : perKind >= 100 ? 20 : 100;
    for (let i = 0; i < warm; i++) {
      runParse(json);
      runAnalyze(json);
      runAnalyze(json5);
      await runJsonLs(json);
    }
    const t = { parse: [] as number[], json: [] as number[], json5: [] as number[], jsonLs: [] as number[] };
    const steps: (() => Promise<void>)[] = [
      async () => void t.parse.push(time(() => runParse(json))),
      async () => void t.json.push(time(() => runAnalyze(json))),
      async () => void t.json5.push(time(() => runAnalyze(json5))),
      async () => {
        const t0 = performance.now();
        await runJsonLs(json);
        t.jsonLs.push(performance.now() - t0);
      },
    ];
    // Interleaved, in a rotating order, so that drift and garbage collection hit all alike.
    for (let i = 0; i < reps; i++) for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]();
    const row: ScalingRow = {
      perKind,
      bytes: { json: Buffer.byteLength(json), json5: Buffer.byteLength(json5) },
      parseTree: median(t.parse),
      analyze: { json: median(t.json), json5: median(t.json5) },
      jsonLs: median(t.jsonLs),
      retainedBytes: retained(() => runAnalyze(json)),
    };
    rows.push(row);
    const perKiB = (ms: number, bytes: number) => ((ms * 1000) / (bytes / 1024)).toFixed(1);
    console.log(
      [
        String(perKind).padStart(13),
        `${(row.bytes.json / 1024).toFixed(row.bytes.json < 1024 * 1024 ? 1 : 0)} KiB`.padStart(9),
        `${row.parseTree.toFixed(2)} ms`.padStart(9),
        `${row.analyze.json.toFixed(2)} ms`.padStart(12),
        `${row.analyze.json5.toFixed(2)} ms`.padStart(13),
        `${row.jsonLs.toFixed(2)} ms`.padStart(9),
        perKiB(row.analyze.json, row.bytes.json).padStart(11),
        perKiB(row.analyze.json5, row.bytes.json5).padStart(12),
        `${mib(row.retainedBytes)} MiB`.padStart(13),
      ].join(' | '),
    );
  }
  const base = rows.find((r) => r.perKind === 100)!;
  const top = rows[rows.length - 1];
  for (const dialect of DIALECTS) {
    const growth = top.analyze[dialect] / top.bytes[dialect] / (base.analyze[dialect] / base.bytes[dialect]);
    console.log(
      `Scaling, ${dialect.toUpperCase()}: cost per KiB at ${top.perKind}/kind is ${growth.toFixed(2)}× that at ${base.perKind}/kind (≤ ${GOAL_SCALING}×, no worse than linear) ${mark(growth <= GOAL_SCALING)}`,
    );
  }
  return rows;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const onlyLsp = process.argv.includes('--lsp-only');
  if (process.argv.includes('--scaling-only')) {
    // Only the in-process scaling rows (`npm run bench -- --scaling-only`).
    await scaling();
    return;
  }
  if (process.argv.includes('--bursts-only')) {
    // Only the edit-burst and symbols/endpoints rows (`npm run bench -- --bursts-only`).
    await benchBursts();
    await benchRequests();
    return;
  }
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log('');
  const goal = await goals(root);
  const rows = onlyLsp ? [] : await scaling();

  // The largest config over the real server: what it holds while it analyses such a file again and again.
  let large: object | undefined;
  if (!onlyLsp) {
    const session = await Session.start(napcatServer(shippedServer(root)));
    try {
      const text = n4Config(SCALING[SCALING.length - 1]);
      const doc = new BenchDocument('file:///bench/large/onebot11_123456789.json', text);
      await session.open(doc);
      const samples: number[] = [];
      for (let i = 0; i < LARGE_EDITS; i++) samples.push(await session.edit(doc));
      const { peak } = session.rss();
      const p = percentiles(samples);
      large = { bytes: Buffer.byteLength(text), ...p, peakRss: peak };
      console.log(
        `LSP on the ${mib(Buffer.byteLength(text))} MiB config, opened and edited ${LARGE_EDITS} times: didChange → publishDiagnostics p50 ${p.p50.toFixed(0)} ms` +
          (peak ? `; server peak RSS ${mib(peak)} MiB` : ''),
      );
    } finally {
      await session.stop();
    }
  }

  const resultsDir = path.join(root, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, node: process.version, goals: goal.record, scaling: rows, large }, null, 2),
  );
  console.log(`Raw numbers: ${path.relative(process.cwd(), file)}`);
  // The probes' "test all" (bench/probe.ts) runs in processes of its own, so its memory is its own.
  if (!onlyLsp) rebuildGrowth();
  await benchBursts();
  await benchRequests();
  if (!onlyLsp) execFileSync(process.execPath, [path.join(__dirname, 'probe.js')], { stdio: 'inherit' });
}

/**
 * The burst row: beside one analysis of the final text (median of 5), the time from the last
 * edit to its diagnostics (goal ≤ 2× one analysis + 20 ms; the median of 5 bursts in a server that
 * has run, each on a freshly opened document; the first burst of a just-started process, whose
 * code V8 has not optimised yet, is shown beside it) and the server's peak RSS against its RSS
 * once the file was open (goal ≤ 1.5×).
 */
async function benchBursts(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const serverJs = shippedServer(root);
  console.log('');
  console.log(`LSP edit bursts: ${BURST_EDITS} edits written as fast as the pipe takes them (push diagnostics)`);
  console.log('size      | one analysis ms | last edit → diagnostics ms | goal ≤ 2× + 20 ms | first burst of a new process ms | RSS after open | peak RSS | goal ≤ 1.5×');
  console.log('--------- | --------------- | -------------------------- | ----------------- | ------------------------------- | -------------- | -------- | -----------');
  for (const size of BURST_SIZES) {
    const text = configOfSize(size);
    try {
      const r = await measureBurst(serverJs, text, BURST_EDITS);
      const analysis = median(Array.from({ length: 5 }, () => time(() => analyze(r.finalText))));
      const goal = GOAL_BURST_ANALYSES * analysis + GOAL_BURST_SLACK_MS;
      const rssRatio = r.rssAfterOpen && r.peakRss ? r.peakRss / r.rssAfterOpen : undefined;
      const mark = (ok: boolean) => (ok ? '✓' : '✗');
      console.log(
        [
          `${(r.bytes / 1024).toFixed(1)} KiB`.padStart(9),
          analysis.toFixed(2).padStart(15),
          r.lastEditToDiagnostics.toFixed(1).padStart(26),
          `${(r.lastEditToDiagnostics / goal).toFixed(2)} of goal ${mark(r.lastEditToDiagnostics <= goal)}`.padStart(17),
          r.firstBurst.toFixed(1).padStart(31),
          `${r.rssAfterOpen ? mib(r.rssAfterOpen) : '?'} MiB`.padStart(14),
          `${r.peakRss ? mib(r.peakRss) : '?'} MiB`.padStart(8),
          (rssRatio === undefined ? '?' : `${rssRatio.toFixed(2)}× ${mark(rssRatio <= GOAL_BURST_RSS)}`).padStart(11),
        ].join(' | '),
      );
    } catch (e) {
      console.log(`${(size / 1024).toFixed(1)} KiB: not measured: ${(e as Error).message}`);
    }
  }
}

/** The symbols/endpoints row: both requests at 1,000 and 8,000 entries; linear growth is 8×. */
async function benchRequests(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const serverJs = shippedServer(root);
  const [small, large] = REQUEST_ENTRIES;
  const kinds = n4Config(1).match(/"name":/g)?.length ?? 1;
  try {
    const a = await measureRequests(serverJs, n4Config(Math.round(small / kinds)), 5);
    const b = await measureRequests(serverJs, n4Config(Math.round(large / kinds)), 3);
    console.log('');
    for (const [name, x, y] of [['textDocument/documentSymbol', a.symbols, b.symbols], ['napcat/endpoints', a.endpoints, b.endpoints]] as const) {
      const growth = y / x;
      console.log(
        `${name} ${small} → ${large} entries: ${x.toFixed(1)} ms → ${y.toFixed(1)} ms, ${growth.toFixed(1)}× ` +
          `(goal ≤ ${GOAL_REQUEST_GROWTH}×; linear is ${large / small}×) ${growth <= GOAL_REQUEST_GROWTH ? '✓' : '✗'}`,
      );
    }
  } catch (e) {
    console.log(`documentSymbol / napcat/endpoints not measured: ${(e as Error).message}`);
  }
}

/** Legacy URLs in the rebuild rows; the goal is time growing at most 1.5× as fast as their number. */
const REBUILD_URLS = [5000, 40000];
const GOAL_REBUILD_GROWTH = 1.5;

/** `rebuild` of a legacy config with 5,000 and 40,000 URLs: linear, or the row says ✗. */
function rebuildGrowth(): void {
  const times = REBUILD_URLS.map((n) => {
    const text = legacyUrlsConfig(n);
    rebuild(text);
    return median([0, 1, 2].map(() => time(() => rebuild(text))));
  });
  const [small, large] = REBUILD_URLS;
  const growth = times[1] / times[0] / (large / small);
  console.log(
    `rebuild, legacy URLs ${small} → ${large}: ${times[0].toFixed(0)} ms → ${times[1].toFixed(0)} ms, ` +
      `${(times[1] / times[0]).toFixed(1)}× for ${large / small}× the URLs ${growth <= GOAL_REBUILD_GROWTH ? '✓' : '✗'} (goal ≤ ${GOAL_REBUILD_GROWTH}× linear)`,
  );
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Heap retained by one result of `fn` (after full GCs; the mean over three kept results), in bytes. */
function retained(fn: () => unknown): number {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const keep = [fn(), fn(), fn()];
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  void keep.length;
  return Math.max(0, (after - before) / keep.length);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
