import { analyze, formatVersion, LATEST, LineIndex, type Catalogue, type MessageArgs, type Version } from '../core';
import {
  describeResult,
  endpointOf,
  isFailure,
  PROBE_DEFAULTS,
  probeAll,
  probeTargets,
  resultLabel,
  type ProbeOutcome,
  type ProbeResult,
  type ProbeResultKind,
  type ProbeTarget,
} from '../probe';
import { answerUsage, isProblem, parseCommandArgs } from './args';
import { DEFAULT_MAX_BYTES } from './read';
import { collect } from './collect';
import type { Command, CommandContext } from './command';
import { EXIT, type ExitCode } from './io';
import { closingLine } from './report';
import { localize } from '../wording';

/**
 * `napcat-config ping <files|dirs…>`: probes every endpoint of the configs the way NapCat (or its
 * counterpart) connects, and prints a table with a reason for each failure. Exit code 1 when an
 * enabled endpoint fails.
 */

const P = {
  commandSummary: 'test every endpoint of NapCat configs the way NapCat connects (WebSocket, HTTP)',
  usage: `Usage: napcat-config ping <file|directory>... [options]

Connects to every endpoint written in NapCat OneBot 11 configs, as NapCat would:
  websocketClients   a WebSocket to the URL with NapCat's headers and token, as a test account
                     (a random X-Self-ID, never the bot's own: a live bot stays online)
  websocketServers   a WebSocket to /api on the listen address, get_version_info and get_login_info
  httpServers        POST /get_version_info and /get_login_info with the token
  httpClients        one HEAD request to the URL (no event is sent)
Disabled entries and plugins are skipped. Only the addresses written in the configs are contacted.
Tokens are never printed whole.

Options:
  --json                   machine-readable output (an array, one object per endpoint)
  --timeout <ms>           give up on an endpoint after this long (default {timeout})
  --concurrency <n>        endpoints tested at the same time (default {concurrency})
  --self-id <uin>          X-Self-ID for files whose name carries no QQ number (onebot11.json)
  --lang <en|zh-cn>        message language (default: from LC_ALL / LC_MESSAGES / LANG)
  --target <version>       NapCat version whose defaults apply, e.g. 4.8.106 (default: latest = {latest})
  -h, --help               show this help

Exit codes: 0 every enabled endpoint answered, 1 an enabled endpoint failed, 2 a path could not be
read or bad usage.`,
  badNumber: '{option} must be a whole number from {min} to {max}, not "{value}"',
  badSelfId: '--self-id must be a QQ number, not "{value}"',
  noPaths: 'no file or directory given',
  unreadable: 'napcat-config: cannot read {path}: {reason}',
  nothingFound: 'napcat-config: no NapCat config found in {path}',
  headFile: 'FILE',
  headName: 'NAME',
  headKind: 'KIND',
  headEndpoint: 'ENDPOINT',
  headResult: 'RESULT',
  headLatency: 'LATENCY',
  napcatShort: '{app} {version}',
  summary: '{endpoints} in {files}: {answering} answering, {failing} failing, {skipped} skipped.',
  endpoints1: '1 endpoint',
  endpointsN: '{n} endpoints',
  files1: '1 file',
  filesN: '{n} files',
  none: 'No endpoint to test in {files}.',
} satisfies Catalogue<string>;

const TIMEOUT_MAX = 600_000;
const CONCURRENCY_MAX = 1024;

export const pingCommand: Command = {
  name: 'ping',
  summary: P.commandSummary,
  async run(args, ctx) {
    const parsed = parsePingArgs(args);
    if (isProblem(parsed) || parsed.help) {
      const values = { timeout: PROBE_DEFAULTS.timeout, concurrency: PROBE_DEFAULTS.concurrency, latest: formatVersion(LATEST) };
      return answerUsage('ping', { ...parsed, help: true }, ctx, () => localize(P.usage, values));
    }
    return ping(parsed, ctx);
  },
};

interface PingOptions {
  readonly paths: readonly string[];
  readonly json: boolean;
  readonly timeout: number;
  readonly concurrency: number;
  readonly selfId: string | undefined;
  readonly target: Version;
  readonly help: boolean;
}

type Parsed = PingOptions | { readonly problem: string };

function parsePingArgs(args: readonly string[]): Parsed {
  const a = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, timeout: { type: 'string' }, concurrency: { type: 'string' }, 'self-id': { type: 'string' } },
  );
  if (isProblem(a)) return a;
  const { values } = a;
  const number = (option: string, value: string | undefined, fallback: number, min: number, max: number): number | string => {
    if (value === undefined) return fallback;
    const n = Number(value);
    return /^\d+$/.test(value.trim()) && n >= min && n <= max ? n : localize(P.badNumber, { option, value, min, max });
  };
  const timeout = number('--timeout', values.timeout, PROBE_DEFAULTS.timeout, 1, TIMEOUT_MAX);
  if (typeof timeout === 'string') return { problem: timeout };
  const concurrency = number('--concurrency', values.concurrency, PROBE_DEFAULTS.concurrency, 1, CONCURRENCY_MAX);
  if (typeof concurrency === 'string') return { problem: concurrency };
  const selfId = values['self-id'];
  if (selfId !== undefined && !/^\d{5,12}$/.test(selfId)) return { problem: localize(P.badSelfId, { value: selfId }) };
  if (!a.help && a.positionals.length === 0) return { problem: localize(P.noPaths) };
  return { paths: a.positionals, json: values.json === true, timeout, concurrency, selfId, target: a.target, help: a.help };
}

/** One row of `--json`: the endpoint, where it is written, and what the probe found. */
export interface JsonPingRow {
  readonly file: string;
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly enabled: boolean;
  /** The URL (clients) or listen address (servers), secrets masked. */
  readonly endpoint: string;
  /** 1-based position of the entry in the file. */
  readonly line: number;
  readonly column: number;
  readonly result: ProbeResult;
  readonly label: string;
  readonly message: string;
  /** True when this endpoint makes the exit code 1. */
  readonly failed: boolean;
}

async function ping(options: PingOptions, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const targets: ProbeTarget[] = [];
  const indexes = new Map<string, LineIndex>();
  let files = 0;
  let unreadable = 0;
  const read = { maxBytes: DEFAULT_MAX_BYTES, stdin: io.stdin };
  for await (const item of collect(options.paths, (text) => analyze(text, { targetVersion: options.target, maxLength: read.maxBytes }), read)) {
    if (item.kind === 'unreadable') {
      unreadable++;
      io.stderr(localize(P.unreadable, { path: item.path, reason: item.reason }) + '\n');
    } else if (item.kind === 'nothing-found') {
      io.stderr(localize(P.nothingFound, { path: item.path }) + '\n');
    } else {
      files++;
      indexes.set(item.path, new LineIndex(item.text));
      targets.push(...probeTargets(item.analysis, { file: item.path, uin: options.selfId }));
    }
  }

  const outcomes = await probeAll(targets, { timeout: options.timeout, concurrency: options.concurrency, uin: options.selfId });
  const rows = outcomes.map((o) => jsonRow(o, indexes));
  if (options.json) io.stdout(JSON.stringify(rows, null, 2) + '\n');
  else io.stdout(files === 0 && unreadable > 0 ? closingLine('', 0, unreadable) + '\n' : textReport(rows, files));

  if (unreadable) return EXIT.usage;
  return rows.some((r) => r.failed) ? EXIT.findings : EXIT.ok;
}

function jsonRow({ target, result }: ProbeOutcome, indexes: ReadonlyMap<string, LineIndex>): JsonPingRow {
  const file = target.file ?? '';
  const p = indexes.get(file)?.positionAt(target.range.offset) ?? { line: 0, character: 0 };
  return {
    file,
    id: target.id,
    name: target.name,
    kind: target.kind,
    enabled: target.enabled,
    endpoint: endpointOf(target),
    line: p.line + 1,
    column: p.character + 1,
    result,
    label: resultLabel(result),
    message: describeResult(result, target),
    failed: target.enabled && isFailure(result),
  };
}

/** The table, then one explanation per endpoint that failed or answered with a caveat, then a summary. */
function textReport(rows: readonly JsonPingRow[], files: number): string {
  const say = (m: keyof typeof P, a?: MessageArgs) => localize(P[m], a);
  const count = (one: keyof typeof P, many: keyof typeof P, n: number) => say(n === 1 ? one : many, { n });
  const filesText = count('files1', 'filesN', files);
  if (rows.length === 0) return say('none', { files: filesText }) + '\n';

  const header = [say('headFile'), say('headName'), say('headKind'), say('headEndpoint'), say('headResult'), say('headLatency')];
  const cells = rows.map((r) => [r.file, r.name, r.kind, r.endpoint, resultCell(r), latencyCell(r.result)]);
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]))));
  const line = (c: readonly string[]) =>
    c
      .map((text, i) => (i === c.length - 1 ? text : text + ' '.repeat(widths[i] - width(text))))
      .join('  ')
      .trimEnd();
  const out = [line(header), ...cells.map(line), ''];

  const explained = rows.filter((r) => r.failed || hasCaveat(r.result));
  for (const r of explained) out.push(`${r.file} › ${r.name} (${r.id}): ${r.message}`);
  if (explained.length) out.push('');

  const tally = (kinds: (k: ProbeResultKind) => boolean) => rows.filter((r) => kinds(r.result.kind)).length;
  const skipped = tally((k) => k === 'skipped');
  const answering = tally((k) => k === 'ok');
  out.push(
    say('summary', {
      endpoints: count('endpoints1', 'endpointsN', rows.length),
      files: filesText,
      answering,
      failing: rows.length - skipped - answering,
      skipped,
    }),
  );
  return out.join('\n') + '\n';
}

function resultCell(r: JsonPingRow): string {
  const { result } = r;
  if (result.kind !== 'ok') return r.label;
  const extra: string[] = [];
  if (result.napcat) {
    extra.push(localize(P.napcatShort, { app: 'NapCat', version: result.napcat.appVersion ?? '?' }));
    if (result.napcat.userId) extra.push(result.napcat.nickname ? `${result.napcat.nickname} (${result.napcat.userId})` : result.napcat.userId);
  }
  if (result.httpStatus !== undefined) extra.push(`HEAD ${result.httpStatus}`);
  if (result.tls && !result.tls.verified) extra.push('TLS unverified');
  return extra.length ? `${r.label} · ${extra.join(', ')}` : r.label;
}

function hasCaveat(result: ProbeResult): boolean {
  return result.kind === 'ok' && (result.httpStatus === 404 || result.tls?.verified === false);
}

function latencyCell(result: ProbeResult): string {
  if (result.kind === 'skipped' || result.kind === 'bad-url') return '—';
  const ms = result.latencyMs;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** Terminal columns of a text: CJK and full-width characters take two. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}
