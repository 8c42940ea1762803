import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { analyze, siblingFacts, type Analysis, type Catalogue, type Version } from '../core';
import { DEFAULT_MAX_PER_CODE, LogAnalyzer, type LogAnalysis } from '../log';
import { answerUsage, isProblem, parseCommandArgs } from './args';
import { collect, logFiles, reasonOf } from './collect';
import type { Command, CommandContext } from './command';
import { EXIT, type ExitCode } from './io';
import { M } from './messages';
import { tableLines, tablesFor, tablesJson } from './logFacts';
import { DEFAULT_MAX_BYTES } from './read';
import { closingLine, countFindings, logReport, summaryLine, textLines, type Counts, type JsonLogReport } from './report';
import { localize } from '../wording';

/**
 * `napcat-config log <files|dirs|-…> [--format text|json] [--lang en|zh-cn]`: the connection
 * errors of NapCat log files (`-`: standard input), each explained as the editor explains it (the
 * log layer's findings), for servers without an editor. Exit code 1 when one is an error (a server
 * that did not start).
 *
 * Logs grow to hundreds of MiB, so a file is never read whole: it is streamed through
 * `LogAnalyzer`, which holds one piece of the file, the current line and what it will report. Of
 * a line only the first `MAX_LINE` characters are analysed (NapCat's error lines, stack included,
 * are a few KiB), so a file without line breaks cannot grow the memory either. There is no size
 * limit: time grows with the size, memory does not, and the output stays small (identical errors
 * are one finding, at most 20 different ones per kind).
 */

const G = {
  commandSummary: 'explain the connection errors in NapCat log files (logs/*.log)',
  usage: `Usage: napcat-config log <file|directory>... [options]

Reads NapCat log files and prints every connection error in them as
  file:line:column severity code message
with what it means and what to do. A directory means every *.log file below it
(NapCat's logs/ folder, or the NapCat folder; node_modules and .git are skipped).
A file named explicitly is always read; - reads standard input:
  docker logs napcat 2>&1 | napcat-config log -
An error repeated by a reconnect loop is reported once, on its first line, with
the number of times; at most {limit} different errors of each kind are listed per
file. Files of any size are read as a stream. Tokens in URLs are never printed whole.

With --config, each log also says, for every adapter of the config (a file, or
the configs in a directory): whether NapCat's latest network summary ("配置加载",
printed at start and after every reload) lists it as started or not, and its
connection errors since (kind, count, last time, line). Log lines are matched to
entries by kind and endpoint (URL of a client, host:port of a server); what
matches no entry is listed as such.

Options:
  --config <file|dir>    the config(s) whose adapters to report on (repeatable)
  --format <text|json>   output format (default: text)
  --lang <en|zh-cn>      message language (default: from LC_ALL / LC_MESSAGES / LANG)
  -h, --help             show this help

Exit codes: 0 no error found, 1 an error: a server that did not start (port in use,
port not allowed, address not on this machine), 2 a path could not be read or bad usage.`,
  nothingFound: 'napcat-config: no log file (*.log) found in {path}',
  files1: '1 log file read',
  filesN: '{n} log files read',
} satisfies Catalogue<string>;

/** Characters of a line that are analysed; the rest of a longer line is skipped. */
const MAX_LINE = 1024 * 1024;
/** Bytes read from a file at a time. */
const PIECE = 64 * 1024;
/** How standard input is named in the output. */
const STDIN = '<stdin>';

export const logCommand: Command = {
  name: 'log',
  summary: G.commandSummary,
  async run(args, ctx) {
    const parsed = parseLogArgs(args);
    if (isProblem(parsed) || parsed.help) {
      return answerUsage('log', { ...parsed, help: true }, ctx, () => localize(G.usage, { limit: DEFAULT_MAX_PER_CODE }));
    }
    return log(parsed, ctx);
  },
};

interface LogCommandOptions {
  readonly paths: readonly string[];
  readonly configs: readonly string[];
  readonly target: Version;
  readonly format: 'text' | 'json';
  readonly help: boolean;
}

type Parsed = LogCommandOptions | { readonly problem: string };

function parseLogArgs(args: readonly string[]): Parsed {
  const a = parseCommandArgs(args, { format: { type: 'string' }, config: { type: 'string', multiple: true } });
  if (isProblem(a)) return a;
  const format = a.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return { problem: localize(M.badFormat, { value: format }) };
  if (!a.help && a.positionals.length === 0) return { problem: localize(M.noPaths) };
  return { paths: a.positionals, configs: a.values.config ?? [], target: a.target, format, help: a.help };
}

/** The configs named by --config, analysed for the target version; problems go to standard error. */
async function readConfigs(options: LogCommandOptions, ctx: CommandContext): Promise<{ configs: { path: string; analysis: Analysis; webuiHost?: string }[]; unreadable: number }> {
  const configs: { path: string; analysis: Analysis; webuiHost?: string }[] = [];
  let unreadable = 0;
  const webuiHosts = new Map<string, string>();
  const analyzeText = (text: string, file: string, siblings: Parameters<typeof siblingFacts>[1]) => {
    const facts = siblingFacts(file, siblings, options.target);
    if (facts.webuiHost !== undefined) webuiHosts.set(file, facts.webuiHost);
    return analyze(text, { targetVersion: options.target, siblings: facts });
  };
  for await (const item of collect(options.configs, analyzeText, { maxBytes: DEFAULT_MAX_BYTES, stdin: ctx.io.stdin })) {
    if (item.kind === 'file') configs.push({ path: item.path, analysis: item.analysis, webuiHost: webuiHosts.get(item.path) });
    else if (item.kind === 'unreadable') {
      unreadable++;
      ctx.io.stderr(localize(M.unreadable, { path: item.path, reason: item.reason }) + '\n');
    } else ctx.io.stderr(localize(M.nothingFound, { path: item.path }) + '\n');
  }
  return { configs, unreadable };
}

async function log(options: LogCommandOptions, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
  const reports: (JsonLogReport & { readonly adapters?: unknown[] })[] = [];
  let files = 0;
  const { configs, unreadable: configUnreadable } = await readConfigs(options, ctx);
  let unreadable = configUnreadable;
  // The WebUI's listen host, when the configs' folders agree on one (webui.json).
  const hosts = new Set(configs.map((c) => c.webuiHost));
  const webuiHost = hosts.size === 1 ? [...hosts][0] : undefined;

  for await (const item of logFiles(options.paths)) {
    if (item.kind === 'nothing-found') {
      io.stderr(localize(G.nothingFound, { path: item.path }) + '\n');
      continue;
    }
    const name = item.kind === 'stdin' ? STDIN : item.path;
    const open = item.kind === 'stdin' ? io.stdin : () => fs.createReadStream(name, { highWaterMark: PIECE });
    const read = item.kind === 'unreadable' ? item : await readLog(open, webuiHost);
    if ('reason' in read) {
      unreadable++;
      io.stderr(localize(M.unreadable, { path: name, reason: read.reason }) + '\n');
      continue;
    }
    files++;
    countFindings(read.findings, counts);
    const report = logReport(name, read);
    const tables = tablesFor(read.facts, configs);
    if (options.format === 'json') reports.push(configs.length > 0 ? { ...report, adapters: tablesJson(tables) } : report);
    else {
      const lines = [...textLines(report), ...tableLines(name, tables)];
      if (lines.length) io.stdout(lines.join('\n') + '\n');
    }
  }

  if (options.format === 'json') io.stdout(JSON.stringify(reports, null, 2) + '\n');
  else io.stdout(closingLine(summaryLine(localize(files === 1 ? G.files1 : G.filesN, { n: files }), counts), files, unreadable) + '\n');

  if (unreadable) return EXIT.usage;
  return counts.error > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * One log streamed through the analyzer: UTF-8 (a character split between two pieces is joined
 * again; a byte order mark is dropped, as editors do). `open` is called inside the error handling,
 * so a file that cannot be opened is a reason like any read error.
 */
async function readLog(open: () => AsyncIterable<string | Buffer>, webuiHost?: string): Promise<LogAnalysis | { readonly reason: string }> {
  const analyzer = new LogAnalyzer({ links: false, maxLineLength: MAX_LINE, ...(webuiHost !== undefined && { webuiHost }) });
  const decoder = new StringDecoder('utf8');
  let first = true;
  const write = (text: string): void => {
    if (text === '') return;
    analyzer.write(first && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    first = false;
  };
  try {
    for await (const piece of open()) write(typeof piece === 'string' ? piece : decoder.write(piece));
    write(decoder.end());
  } catch (e) {
    return { reason: reasonOf(e) };
  }
  return analyzer.end();
}
