/**
 * `npm run bench`: the cost of a full NapCat analysis against two references, on generated N4
 * configs of growing size, plus the editing latency of the language server.
 *
 *  - jsonc-parser `parseTree`: the floor for any position-aware analysis (goal ≤ 1.3×);
 *  - vscode-json-languageservice parse + `doValidation` with an equivalent JSON Schema: what VS
 *    Code's own JSON support costs (goal ≤ 0.8×).
 *
 * Every time is the median of several runs after warm-up; the three measurements are interleaved
 * in a rotating order and include the garbage collection they cause. (A forced GC before each run
 * was tried and rejected: V8 then shrinks the young generation and every run pays extra scavenges.)
 * node --expose-gc is used only to measure the heap an analysis retains. The share of the measured
 * analyze time spent in garbage-collection pauses (as V8 reports them) is printed beside it.
 *
 * The language server is measured twice: editing latency on a small config, and the server's peak
 * memory on the largest config (opened, then edited a few times).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseTree, type ParseError } from 'jsonc-parser';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { analyze } from '../server/src/core';
import { rebuild } from '../server/src/core/fixes';
import { configOfSize, legacyUrlsConfig, n4Config } from './generate';
import { measureBurst, measureLatency, measureRequests } from './lsp';
import { napcatJsonSchema } from './schema';

const SIZES = [10, 100, 1000, 5000];
/** Edits of the largest config in the language-server memory run. */
const LARGE_EDITS = 5;
const GOAL_PARSE = 1.3;
const GOAL_JSONLS = 0.8;
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

interface Row {
  perKind: number;
  bytes: number;
  parseTree: number;
  analyze: number;
  jsonLs: number;
  findings: number;
  jsonLsDiagnostics: number;
  retainedBytes: number;
  /** Share of the measured analyze time spent in garbage-collection pauses. */
  analyzeGcShare: number;
}

/** The process's garbage-collection pauses, as V8 reports them (performance.now() times, ms). */
const gcPauses: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });

/** The part of the spans' total time that garbage-collection pauses overlap. */
function gcShare(spans: readonly { start: number; end: number }[]): number {
  let total = 0;
  let paused = 0;
  for (const span of spans) {
    total += span.end - span.start;
    for (const p of gcPauses) paused += Math.max(0, Math.min(span.end, p.end) - Math.max(span.start, p.start));
  }
  return total > 0 ? paused / total : 0;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const onlyLsp = process.argv.includes('--lsp-only');
  if (process.argv.includes('--bursts-only')) {
    // Only the edit-burst and symbols/endpoints rows (`npm run bench -- --bursts-only`).
    await benchBursts();
    await benchRequests();
    return;
  }
  const rows: Row[] = [];
  if (!onlyLsp) {
    const ls = getLanguageService({});
    const schema = napcatJsonSchema();
    const settings = { comments: 'ignore', trailingCommas: 'ignore' } as const;
    const runJsonLs = async (text: string) => {
      const doc = TextDocument.create('file:///bench/onebot11_123456789.json', 'json', 1, text);
      return (await ls.doValidation(doc, ls.parseJSONDocument(doc), settings, schema)).length;
    };
    const runParse = (text: string) => parseTree(text, [] as ParseError[], { allowTrailingComma: true, disallowComments: false });
    const runAnalyze = (text: string) => analyze(text, { maxLength: 0 });

    for (const perKind of SIZES) {
      const text = n4Config(perKind);
      const reps = perKind >= 5000 ? 15 : perKind >= 1000 ? 25 : perKind >= 100 ? 51 : 201;
      // Small texts run in well under a millisecond: warm every path up (rules included) the way a
      // language server is warm after the first edits, for all three alike.
      const warm = perKind >= 1000 ? 3 : perKind >= 100 ? 50 : 300;
      for (let i = 0; i < warm; i++) {
        runParse(text);
        runAnalyze(text);
        await runJsonLs(text);
      }
      const t = { parse: [] as number[], analyze: [] as number[], jsonLs: [] as number[] };
      const analyzeSpans: { start: number; end: number }[] = [];
      let jsonLsDiagnostics = 0;
      const steps: (() => Promise<void>)[] = [
        async () => void t.parse.push(time(() => runParse(text))),
        async () => {
          const start = performance.now();
          runAnalyze(text);
          const end = performance.now();
          analyzeSpans.push({ start, end });
          t.analyze.push(end - start);
        },
        async () => {
          const t0 = performance.now();
          jsonLsDiagnostics = await runJsonLs(text);
          t.jsonLs.push(performance.now() - t0);
        },
      ];
      gcPauses.length = 0;
      for (let i = 0; i < reps; i++) {
        // Interleaved, in a rotating order, so that drift and the garbage collection owed by one
        // measurement are spread over all three alike.
        for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]();
      }
      // Let the observer hear of the last pauses before they are counted.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const analyzeGcShare = gcShare(analyzeSpans);
      const findings = runAnalyze(text).findings.length;
      rows.push({
        perKind,
        bytes: Buffer.byteLength(text),
        parseTree: median(t.parse),
        analyze: median(t.analyze),
        jsonLs: median(t.jsonLs),
        findings,
        jsonLsDiagnostics,
        retainedBytes: retained(() => runAnalyze(text)),
        analyzeGcShare,
      });
      printRow(rows[rows.length - 1], rows.length === 1);
    }
  }

  if (!onlyLsp) rebuildGrowth();

  const serverJs = path.join(root, 'dist', 'server.js');
  let latency: Awaited<ReturnType<typeof measureLatency>> | undefined;
  let latencyError: string | undefined;
  const text10k = configOfSize(10 * 1024);
  try {
    latency = await measureLatency(serverJs, text10k, 200);
  } catch (e) {
    latencyError = (e as Error).message;
  }
  // The largest config: what the server holds at its peak while it analyses such a file again and again.
  const largest = Math.max(...SIZES);
  const textLarge = n4Config(largest);
  let large: Awaited<ReturnType<typeof measureLatency>> | undefined;
  let largeError: string | undefined;
  if (!onlyLsp) {
    try {
      large = await measureLatency(serverJs, textLarge, LARGE_EDITS);
    } catch (e) {
      largeError = (e as Error).message;
    }
  }

  console.log('');
  if (latency) {
    console.log(
      `LSP didChange → publishDiagnostics, ${latency.samples.length} edits of a ${(latency.bytes / 1024).toFixed(1)} KiB config: ` +
        `p50 ${latency.p50.toFixed(2)} ms, p95 ${latency.p95.toFixed(2)} ms, max ${latency.max.toFixed(2)} ms` +
        (latency.serverPeakRss ? `; server peak RSS ${mib(latency.serverPeakRss)} MiB` : ''),
    );
  } else console.log(`LSP latency not measured: ${latencyError}`);
  if (large) {
    console.log(
      `LSP on the ${mib(Buffer.byteLength(textLarge))} MiB config (${largest} adapters per kind), opened and edited ${large.samples.length} times: ` +
        `didChange → publishDiagnostics p50 ${large.p50.toFixed(0)} ms` +
        (large.serverPeakRss ? `; server peak RSS ${mib(large.serverPeakRss)} MiB` : ''),
    );
  } else if (largeError) console.log(`LSP on the largest config not measured: ${largeError}`);
  await benchBursts();
  await benchRequests();

  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`Benchmark process peak RSS: ${mib(peak)} MiB`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);

  const failed = rows.filter((r) => r.analyze / r.parseTree > GOAL_PARSE || r.analyze / r.jsonLs > GOAL_JSONLS);
  if (rows.length) {
    console.log(
      failed.length === 0
        ? `All sizes meet the goals (≤ ${GOAL_PARSE}× parseTree, ≤ ${GOAL_JSONLS}× JSON language service).`
        : `Goals missed at ${failed.map((r) => `${r.perKind}/kind`).join(', ')} (≤ ${GOAL_PARSE}× parseTree, ≤ ${GOAL_JSONLS}× JSON language service).`,
    );
  }
  const resultsDir = path.join(root, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        cpus: os.cpus().length,
        node: process.version,
        rows,
        latency: latency && { ...latency, samples: undefined },
        large: large && { ...large, samples: undefined },
      },
      null,
      2,
    ),
  );
  console.log(`Raw numbers: ${path.relative(process.cwd(), file)}`);
  // The probes' "test all" (bench/probe.ts) runs in processes of its own, so its memory is its own.
  if (!onlyLsp) execFileSync(process.execPath, [path.join(__dirname, 'probe.js')], { stdio: 'inherit' });
}

/**
 * The burst row: beside one analysis of the final text (median of 5), the time from the last
 * edit to its diagnostics (goal ≤ 2× one analysis + 20 ms) and the server's peak RSS against its
 * RSS once the file was open (goal ≤ 1.5×).
 */
async function benchBursts(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const serverJs = path.join(root, 'dist', 'server.js');
  console.log('');
  console.log(`LSP edit bursts: ${BURST_EDITS} edits written as fast as the pipe takes them (push diagnostics)`);
  console.log('size      | one analysis ms | last edit → diagnostics ms | goal ≤ 2× + 20 ms | RSS after open | peak RSS | goal ≤ 1.5×');
  console.log('--------- | --------------- | -------------------------- | ----------------- | -------------- | -------- | -----------');
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
  const serverJs = path.join(root, 'dist', 'server.js');
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
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

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function printRow(r: Row, header: boolean): void {
  if (header) {
    console.log('adapters/kind | size      | parseTree ms | analyze ms | JSON LS ms | analyze ÷ parseTree | analyze ÷ JSON LS | findings | analysis heap | analyze GC');
    console.log('------------- | --------- | ------------ | ---------- | ---------- | ------------------- | ----------------- | -------- | ------------- | ----------');
  }
  const ratioP = r.analyze / r.parseTree;
  const ratioJ = r.analyze / r.jsonLs;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  console.log(
    [
      String(r.perKind).padStart(13),
      `${(r.bytes / 1024).toFixed(r.bytes < 1024 * 1024 ? 1 : 0)} KiB`.padStart(9),
      r.parseTree.toFixed(2).padStart(12),
      r.analyze.toFixed(2).padStart(10),
      r.jsonLs.toFixed(2).padStart(10),
      `${ratioP.toFixed(2)}× ${mark(ratioP <= GOAL_PARSE)}`.padStart(19),
      `${ratioJ.toFixed(2)}× ${mark(ratioJ <= GOAL_JSONLS)}`.padStart(17),
      String(r.findings).padStart(8),
      `${mib(r.retainedBytes)} MiB`.padStart(13),
      `${(100 * r.analyzeGcShare).toFixed(0)} %`.padStart(10),
    ].join(' | '),
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
