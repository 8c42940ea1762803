/**
 * The probe benchmark (part of `npm run bench`): "test all" over 200 endpoints of one config —
 * live ones (reverse WebSocket to a framework, NapCat WebSocket and HTTP servers), refused ports
 * and black holes that accept TCP and never answer — with the default timeout and concurrency.
 *
 *  - wall time of one "test all", as a ratio to one probe timeout (goal ≤ 1.2);
 *  - the cost of one reverse-WebSocket probe against a bare `ws` handshake (open, close, closed)
 *    to the same live server (goal ≤ 1.2×), medians of interleaved sequential runs; without the
 *    probe's linger (`PROBE_DEFAULTS.linger`: it waits on purpose, connection open, to see whether
 *    the framework closes it), a fixed wait rather than a cost;
 *  - peak memory of the probing process.
 *
 * The servers run in this process and the probes in a child process, so the memory measured is
 * the probes' own and every connection crosses a process boundary, as in real use.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import WebSocket from 'ws';
import { analyze } from '../server/src/core';
import { PROBE_DEFAULTS, probe, probeAll, probeTargets, type ProbeTarget } from '../server/src/probe';
import { blackHole, closeAll, closedPort, frameworkServer, napcatHttpServer, napcatWsServer } from '../test/probe/servers';

const ENDPOINTS = 200;
const RUNS = 3;
const HANDSHAKES = 300;
const GOAL_WALL = 1.2;
const GOAL_OVERHEAD = 1.2;
const TOKEN = 'bench-token-0123456789';

interface ChildInput {
  readonly targets: ProbeTarget[];
  /** A live reverse-WebSocket target and its URL, for the per-probe comparison. */
  readonly live: ProbeTarget;
  readonly timeout: number;
}

interface ChildOutput {
  readonly runs: { wallMs: number; kinds: Record<string, number> }[];
  readonly probeMs: number;
  readonly bareMs: number;
  readonly idleRss: number;
  readonly peakRss: number;
  readonly idleHeap: number;
  readonly peakHeap: number;
}

async function parent(): Promise<void> {
  const [framework, napcatWs, napcatHttp, hole] = await Promise.all([
    frameworkServer({ token: TOKEN }),
    napcatWsServer({ token: TOKEN, uin: '12345' }),
    napcatHttpServer({ token: TOKEN, uin: '12345' }),
    blackHole(),
  ]);
  const refused = await Promise.all(Array.from({ length: 10 }, () => closedPort()));
  try {
    const { text, counts } = config(framework.url('/onebot/v11/ws'), napcatWs.port, napcatHttp.port, hole.url('/onebot/v11/ws'), refused);
    const targets = probeTargets(analyze(text), { file: 'onebot11_12345.json' });
    const live = targets.find((t) => t.kind === 'websocketClients' && t.url?.startsWith(framework.url('')))!;
    const timeout = PROBE_DEFAULTS.timeout;
    const out = await runChild({ targets, live, timeout });

    console.log('');
    console.log(
      `Probe "test all": ${targets.length} endpoints (${counts.live} live, ${counts.refused} refused, ${counts.hole} black holes), ` +
        `timeout ${timeout} ms, concurrency ${PROBE_DEFAULTS.concurrency}`,
    );
    out.runs.forEach((r, i) => {
      const kinds = Object.entries(r.kinds)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      console.log(`  run ${i + 1}: ${r.wallMs.toFixed(0)} ms = ${(r.wallMs / timeout).toFixed(3)}× timeout (${kinds})`);
    });
    const ratio = median(out.runs.map((r) => r.wallMs)) / timeout;
    console.log(`  wall ÷ timeout, median: ${ratio.toFixed(3)}× ${ratio <= GOAL_WALL ? '✓' : '✗'} (goal ≤ ${GOAL_WALL})`);
    const overhead = out.probeMs / out.bareMs;
    console.log(
      `Reverse WS probe vs bare ws handshake (open + close, ${HANDSHAKES} each, interleaved): ` +
        `probe ${out.probeMs.toFixed(3)} ms, bare ${out.bareMs.toFixed(3)} ms (medians) → ${overhead.toFixed(2)}× ${overhead <= GOAL_OVERHEAD ? '✓' : '✗'} (goal ≤ ${GOAL_OVERHEAD})`,
    );
    console.log(
      `Probing process memory: peak RSS ${mib(out.peakRss)} MiB (idle ${mib(out.idleRss)} MiB, +${mib(out.peakRss - out.idleRss)} MiB); ` +
        `peak heap ${mib(out.peakHeap)} MiB (idle ${mib(out.idleHeap)} MiB, +${mib(out.peakHeap - out.idleHeap)} MiB)`,
    );
    const resultsDir = path.resolve(__dirname, '../../bench/results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `probe-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, node: process.version, endpoints: targets.length, counts, timeout, concurrency: PROBE_DEFAULTS.concurrency, ...out, wallRatio: ratio, overhead }, null, 2),
    );
    console.log(`Raw numbers: ${path.relative(process.cwd(), file)}`);
  } finally {
    await closeAll([framework, napcatWs, napcatHttp, hole]);
  }
}

/**
 * One N4 config with `ENDPOINTS` entries: every fourth a black hole, every fourth a refused port,
 * the rest live (reverse WS to the framework with a distinct query each, NapCat WS and HTTP
 * servers), interleaved as a real file would mix them.
 */
function config(frameworkUrl: string, wsPort: number, httpPort: number, holeUrl: string, refused: readonly number[]) {
  const websocketClients: unknown[] = [];
  const websocketServers: unknown[] = [];
  const httpServers: unknown[] = [];
  const counts = { live: 0, refused: 0, hole: 0 };
  for (let i = 0; i < ENDPOINTS; i++) {
    const name = `endpoint-${i}`;
    if (i % 4 === 0) {
      counts.hole++;
      websocketClients.push({ name, enable: true, url: `${holeUrl}?n=${i}`, token: TOKEN });
    } else if (i % 4 === 1) {
      counts.refused++;
      websocketClients.push({ name, enable: true, url: `ws://127.0.0.1:${refused[i % refused.length]}/onebot/v11/ws?n=${i}`, token: TOKEN });
    } else {
      counts.live++;
      const which = i % 3;
      if (which === 0) websocketServers.push({ name, enable: true, host: '0.0.0.0', port: wsPort, token: TOKEN });
      else if (which === 1) httpServers.push({ name, enable: true, host: '127.0.0.1', port: httpPort, token: TOKEN });
      else websocketClients.push({ name, enable: true, url: `${frameworkUrl}?n=${i}`, token: TOKEN });
    }
  }
  return { text: JSON.stringify({ network: { httpServers, websocketServers, websocketClients } }, null, 2), counts };
}

function runChild(input: ChildInput): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--probe-child'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`probe benchmark child exited with ${code}`));
      resolve(JSON.parse(stdout) as ChildOutput);
    });
    child.stdin.end(JSON.stringify(input));
  });
}

// ---------------------------------------------------------------------------------------------
// The probing process

async function child(): Promise<void> {
  const input = JSON.parse(await readStdin()) as ChildInput;
  const memory = { idleRss: 0, peakRss: 0, idleHeap: 0, peakHeap: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    memory.peakRss = Math.max(memory.peakRss, m.rss);
    memory.peakHeap = Math.max(memory.peakHeap, m.heapUsed);
  };
  const first = process.memoryUsage();
  memory.idleRss = first.rss;
  memory.idleHeap = first.heapUsed;
  const sampler = setInterval(sample, 5);

  const runs: ChildOutput['runs'] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const outcomes = await probeAll(input.targets, { timeout: input.timeout });
    const wallMs = performance.now() - t0;
    const kinds: Record<string, number> = {};
    for (const o of outcomes) kinds[o.result.kind] = (kinds[o.result.kind] ?? 0) + 1;
    runs.push({ wallMs, kinds });
    sample();
  }
  clearInterval(sampler);

  // Interleaved, so that drift and garbage collection weigh on both alike.
  const NO_LINGER = { linger: 0 };
  const probeTimes: number[] = [];
  const bareTimes: number[] = [];
  const url = input.live.url!;
  const headers = { Authorization: `Bearer ${input.live.token}` };
  for (let i = 0; i < 20; i++) {
    await bare(url, headers);
    await probe(input.live, NO_LINGER);
  }
  for (let i = 0; i < HANDSHAKES; i++) {
    const order = i % 2 === 0;
    for (const which of order ? ['bare', 'probe'] : ['probe', 'bare']) {
      const t0 = performance.now();
      if (which === 'bare') await bare(url, headers);
      else {
        const result = await probe(input.live, NO_LINGER);
        if (result.kind !== 'ok') throw new Error(`live probe answered ${JSON.stringify(result)}`);
      }
      (which === 'bare' ? bareTimes : probeTimes).push(performance.now() - t0);
    }
  }
  const output: ChildOutput = { runs, probeMs: median(probeTimes), bareMs: median(bareTimes), ...memory };
  process.stdout.write(JSON.stringify(output));
}

/** A bare `ws` client handshake: open, close with 1000, wait until closed. */
function bare(url: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    ws.on('open', () => ws.close(1000));
    ws.on('error', reject);
    ws.on('close', () => resolve());
  });
}

function readStdin(): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8').on('data', (d: string) => (text += d));
    process.stdin.on('end', () => resolve(text));
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

(process.argv.includes('--probe-child') ? child() : parent()).catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
