import * as path from 'node:path';
import { ADAPTER_KINDS, analyze, formatVersion, LATEST, maskText, siblingFacts, type AdapterKind, type Analysis, type Catalogue, type Version } from '../core';
import { localize, wordMessage } from '../wording';
import { applyEdits } from '../core/fixes';
import { SiblingFiles } from '../files/siblings';
import { getLanguageService, type ConnectionOp, type ConnectionRef } from '../service/languageService';
import { answerUsage, isProblem, maxSizeOption, parseCommandArgs, type ArgsProblem } from './args';
import type { Command, CommandContext } from './command';
import { unifiedDiff } from './diff';
import { EXIT, type ExitCode } from './io';
import { DEFAULT_MAX_BYTES, readCounted } from './read';
import { backupName, readSourceConfig, replaceWithBackup, writeNotes, writeRefusal } from './write';

/**
 * `napcat-config connections <list|add|rename|enable|disable|set-url|set-port|set-token|duplicate|remove> <file> …`:
 * the connection operations of the editor's sidebar (the service's `editConnection`) on a file, for
 * servers without an editor. The file is read as `check` reads it and checked with the files beside
 * it (`webui.json`, the other accounts' configs); the result is written as `rebuild --write` writes
 * (a backup `<file>.bak`, then an atomic replace keeping owner, group and mode). `--dry-run` prints
 * the diff instead (tokens masked). Exit codes: 0 done, 1 refused (the reason printed, nothing
 * written), 2 the file cannot be read, parsed or written, or bad usage.
 */

const M = {
  summary: 'list, add, rename, enable, disable, re-point and remove the connections of a config',
  usage: `Usage: napcat-config connections <action> <file> [arguments] [options]

Manages the connections (adapters) of a NapCat OneBot 11 config, as NapCat's
WebUI does, with minimal edits: comments, formatting and every other entry stay.
Each change is checked the way 'check' checks the file (names unique across all
kinds and not plugin_manager, URLs, ports free in this file, in the other
accounts' configs beside it and away from the WebUI), and refused with the
reason when it would be a problem. A legacy file is rebuilt first.

Actions:
  list <file> [--json]                       the connections, tokens never shown
  add <file> --kind <kind> [--name <name>] [--url <url> | --host <host> --port <port>] [--token <token>]
                                             a new enabled entry with NapCat's defaults;
                                             without --name, --url or --port: a free name,
                                             NapCat's default URL, a free port
  rename <file> <name> <new-name>
  enable <file> <name>
  disable <file> <name>
  set-url <file> <name> <url>                (clients)
  set-port <file> <name> <port> [--host <host>]   (servers)
  set-token <file> <name> [<token> | --token-stdin]   '' removes the token
  duplicate <file> <name> [<new-name>]       a disabled copy right after the entry
  remove <file> <name>

  <name> is the connection's name, or its id as 'list' shows it (websocketClients[0]).
  Kinds: {kinds}

Options:
  --dry-run              print the change as a unified diff (tokens masked) and write nothing
  --force                write a read-only file too
  --token-stdin          read the token from standard input (keeps it out of the
                         process list and the shell history)
  --json                 with list: JSON output
  --max-size <MiB>       largest file to read (default: {maxSize}, as check)
  --lang <en|zh-cn>      message language (default: from LC_ALL / LC_MESSAGES / LANG)
  --target <version>     NapCat version to check for (default: latest = {latest})
  -h, --help             show this help

Exit codes: 0 done (or nothing to change), 1 refused (the reason is printed, nothing
is written), 2 the file cannot be read, parsed or written, or bad usage.`,
  noAction: 'give an action: {actions}',
  unknownAction: "unknown action '{action}'; use one of {actions}",
  noFile: 'give the config file',
  wrongArguments: "'{action}' takes: {shape}",
  badKind: "--kind must be one of {kinds}, not '{value}'",
  needKind: 'add needs --kind',
  badPort: "the port must be a whole number, not '{value}'",
  tokenTwice: 'give the token either as an argument or with --token-stdin, not both',
  noToken: 'give the token as an argument, or with --token-stdin',
  notWith: '{option} does not go with {action}',
  unreadable: 'napcat-config connections: cannot read {path}: {reason}',
  notUtf8One: 'napcat-config connections: {path}: 1 byte sequence is not UTF-8; NapCat reads it as U+FFFD (�), and the file is written so (the backup keeps it).',
  notUtf8Many: 'napcat-config connections: {path}: {n} byte sequences are not UTF-8; NapCat reads each as U+FFFD (�), and the file is written so (the backup keeps them).',
  unparsable: 'napcat-config connections: {path}: {reason} Nothing was changed.',
  refused: 'napcat-config connections: {path}: {reason} Nothing was changed.',
  suggestName: 'A free name: {suggestion}',
  suggestPort: 'A free port: {suggestion}',
  readOnly: 'napcat-config connections: {path} is read-only. Nothing was written; add --force to write it anyway (it stays read-only).',
  changedMeanwhile: 'napcat-config connections: {path} changed while it was being edited. The file was not changed; run the command again.',
  unwritable: 'napcat-config connections: cannot write {path}: {reason}. The file was not changed.',
  written: 'Written {path} (backup of the original: {backup}).',
  dryRun: '(--dry-run: nothing was written)',
  listHeader0: '{path}: no connections',
  listHeader1: '{path}: 1 connection',
  listHeaderN: '{path}: {count} connections',
  listLegacy: 'This file has legacy sections: any change rebuilds it first.',
  stateEnabled: 'enabled',
  stateDisabled: 'disabled',
  tokenSet: 'token set',
  tokenNone: 'no token',
  legacyTag: 'legacy',
} satisfies Catalogue<string>;

const ACTIONS = ['list', 'add', 'rename', 'enable', 'disable', 'set-url', 'set-port', 'set-token', 'duplicate', 'remove'] as const;
type Action = (typeof ACTIONS)[number];

/** The positional arguments after `<file>` each action takes, as the usage writes them. */
const SHAPES: Readonly<Record<Action, { readonly min: number; readonly max: number; readonly shape: string }>> = {
  list: { min: 0, max: 0, shape: '<file> [--json]' },
  add: { min: 0, max: 0, shape: '<file> --kind <kind> [--name <name>] [--url <url> | --host <host> --port <port>] [--token <token>]' },
  rename: { min: 2, max: 2, shape: '<file> <name> <new-name>' },
  enable: { min: 1, max: 1, shape: '<file> <name>' },
  disable: { min: 1, max: 1, shape: '<file> <name>' },
  'set-url': { min: 2, max: 2, shape: '<file> <name> <url>' },
  'set-port': { min: 2, max: 2, shape: '<file> <name> <port> [--host <host>]' },
  'set-token': { min: 1, max: 2, shape: '<file> <name> [<token> | --token-stdin]' },
  duplicate: { min: 1, max: 2, shape: '<file> <name> [<new-name>]' },
  remove: { min: 1, max: 1, shape: '<file> <name>' },
};

/** Which action each option goes with (the common ones go with all). */
const OPTION_ACTIONS: Readonly<Record<string, readonly Action[]>> = {
  json: ['list'],
  kind: ['add'],
  name: ['add'],
  url: ['add'],
  host: ['add', 'set-port'],
  port: ['add'],
  token: ['add'],
  'token-stdin': ['set-token'],
  'dry-run': ['add', 'rename', 'enable', 'disable', 'set-url', 'set-port', 'set-token', 'duplicate', 'remove'],
  force: ['add', 'rename', 'enable', 'disable', 'set-url', 'set-port', 'set-token', 'duplicate', 'remove'],
};

const service = getLanguageService();

export const connectionsCommand: Command = {
  name: 'connections',
  summary: M.summary,
  async run(args, ctx) {
    const parsed = parseConnectionsArgs(args);
    if (isProblem(parsed) || parsed.help) {
      return answerUsage('connections', { ...parsed, help: true }, ctx, () =>
        localize(M.usage, { latest: formatVersion(LATEST), maxSize: DEFAULT_MAX_BYTES / 1024 / 1024, kinds: ADAPTER_KINDS.join(', ') }),
      );
    }
    return run(parsed, ctx);
  },
};

interface Options {
  readonly action: Action;
  readonly file: string;
  readonly rest: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly maxBytes: number;
  readonly target: Version;
  readonly help: boolean;
}

function parseConnectionsArgs(args: readonly string[]): Options | ArgsProblem {
  const a = parseCommandArgs(args, {
    json: { type: 'boolean' },
    kind: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    token: { type: 'string' },
    'token-stdin': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
    'max-size': { type: 'string' },
  });
  if (isProblem(a)) return a;
  const maxBytes = maxSizeOption(a.values['max-size'], DEFAULT_MAX_BYTES);
  if (isProblem(maxBytes)) return maxBytes;
  const values = a.values as Record<string, string | boolean | undefined>;
  const [action, file, ...rest] = a.positionals;
  const help = { action: 'list' as Action, file: '', rest: [], values, maxBytes, target: a.target, help: true };
  if (a.help) return help;
  const actions = ACTIONS.join(', ');
  if (action === undefined) return { problem: localize(M.noAction, { actions }) };
  if (!(ACTIONS as readonly string[]).includes(action)) return { problem: localize(M.unknownAction, { action, actions }) };
  const act = action as Action;
  if (file === undefined) return { problem: localize(M.noFile) };
  const shape = SHAPES[act];
  if (rest.length < shape.min || rest.length > shape.max) return { problem: localize(M.wrongArguments, { action: act, shape: shape.shape }) };
  for (const [option, allowed] of Object.entries(OPTION_ACTIONS)) {
    if (values[option] !== undefined && !allowed.includes(act)) return { problem: localize(M.notWith, { option: `--${option}`, action: act }) };
  }
  if (act === 'add') {
    const kind = values.kind;
    if (kind === undefined) return { problem: localize(M.needKind) };
    if (!(ADAPTER_KINDS as readonly string[]).includes(String(kind))) return { problem: localize(M.badKind, { kinds: ADAPTER_KINDS.join(', '), value: String(kind) }) };
  }
  const port = act === 'set-port' ? rest[1] : values.port;
  if (port !== undefined && !/^\s*\d+\s*$/.test(String(port))) return { problem: localize(M.badPort, { value: String(port) }) };
  if (act === 'set-token') {
    if (rest.length === 2 && values['token-stdin'] === true) return { problem: localize(M.tokenTwice) };
    if (rest.length === 1 && values['token-stdin'] !== true) return { problem: localize(M.noToken) };
  }
  return { action: act, file, rest, values, maxBytes, target: a.target, help: false };
}

/** An entry as the command line names it: an id such as `websocketClients[0]`, else a name. */
function refOf(text: string): ConnectionRef {
  return /^[A-Za-z]+\[\d+\]$/.test(text) ? { id: text } : { name: text };
}

async function opOf(options: Options, ctx: CommandContext): Promise<ConnectionOp> {
  const { action, rest, values } = options;
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const entry = refOf(rest[0] ?? '');
  switch (action) {
    case 'add': {
      const port = str('port');
      return {
        action: 'add',
        kind: str('kind') as AdapterKind,
        ...(str('name') !== undefined ? { name: str('name') } : {}),
        ...(str('url') !== undefined ? { url: str('url') } : {}),
        ...(str('host') !== undefined ? { host: str('host') } : {}),
        ...(port !== undefined ? { port: Number(port) } : {}),
        ...(str('token') !== undefined ? { token: str('token') } : {}),
      };
    }
    case 'rename':
      return { action: 'rename', entry, newName: rest[1] };
    case 'enable':
    case 'disable':
      return { action: 'setEnabled', entry, enable: action === 'enable' };
    case 'set-url':
      return { action: 'setUrl', entry, url: rest[1] };
    case 'set-port':
      return { action: 'setPort', entry, port: Number(rest[1]), ...(str('host') !== undefined ? { host: str('host') } : {}) };
    case 'set-token': {
      let token = rest[1];
      if (token === undefined) {
        const read = await readCounted(ctx.io.stdin(), 64 * 1024);
        token = 'reason' in read ? '' : read.toString('utf8').replace(/\r?\n$/, '');
      }
      return { action: 'setToken', entry, token };
    }
    case 'duplicate':
      return { action: 'duplicate', entry, ...(rest[1] !== undefined ? { newName: rest[1] } : {}) };
    default:
      return { action: 'remove', entry };
  }
}

async function run(options: Options, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const file = options.file;
  const read = await readSourceConfig(file, { maxBytes: options.maxBytes });
  if ('reason' in read) {
    io.stderr(localize(M.unreadable, { path: file, reason: read.reason }) + '\n');
    return EXIT.usage;
  }
  const { source, text, replaced } = read;
  if (replaced > 0) io.stderr(localize(replaced === 1 ? M.notUtf8One : M.notUtf8Many, { path: file, n: replaced }) + '\n');
  const siblings = await new SiblingFiles().read(path.dirname(source.real));
  const analysis = analyze(text, { targetVersion: options.target, maxLength: options.maxBytes, siblings: siblingFacts(file, siblings, options.target) });

  if (options.action === 'list') return list(file, analysis, options.values.json === true, ctx);

  const outcome = service.editConnection(analysis, await opOf(options, ctx));
  if (!outcome.ok) {
    if (outcome.code === 'unparsable') {
      io.stderr(localize(M.unparsable, { path: file, reason: outcome.reason }) + '\n');
      return EXIT.usage;
    }
    const lines = [localize(M.refused, { path: file, reason: outcome.reason })];
    if (outcome.suggestion !== undefined) {
      lines.push(localize(typeof outcome.suggestion === 'number' ? M.suggestPort : M.suggestName, { suggestion: outcome.suggestion }));
    }
    io.stderr(lines.join('\n') + '\n');
    return EXIT.findings;
  }
  if (outcome.edits.length === 0) {
    io.stdout(outcome.message + '\n');
    return EXIT.ok;
  }
  if (options.values['dry-run'] === true) {
    const label = file.split(path.sep).join('/');
    io.stdout(unifiedDiff(text, outcome.edits, { oldLabel: label, newLabel: label, mapLine: maskText }));
    io.stdout(`${outcome.message}\n${localize(M.dryRun)}\n`);
    return EXIT.ok;
  }
  const next = applyEdits(text, outcome.edits);
  const written = await replaceWithBackup(source, Buffer.from(next, 'utf8'), { force: options.values.force === true });
  if (written.kind !== 'written') {
    io.stderr(writeRefusal(written, file, M) + '\n');
    return EXIT.usage;
  }
  const notes = writeNotes(file, source, written);
  io.stdout([outcome.message, localize(M.written, { path: file, backup: backupName(file, written.backup, source.real) }), ...notes].join('\n') + '\n');
  return EXIT.ok;
}

function list(file: string, analysis: Analysis, json: boolean, ctx: CommandContext): ExitCode {
  const { io } = ctx;
  if (!analysis.parsed || analysis.parsed.failure) {
    const f = analysis.findings.find((x) => x.code === 'napcat.syntax' || x.code === 'napcat.empty' || x.code === 'napcat.too-deep' || x.code === 'napcat.too-large');
    io.stderr(localize(M.unparsable, { path: file, reason: f ? wordMessage(f) : '' }) + '\n');
    return EXIT.usage;
  }
  const { entries, legacy } = service.listConnections(analysis);
  if (json) {
    io.stdout(JSON.stringify({ file, legacy, entries }, null, 2) + '\n');
    return EXIT.ok;
  }
  const rows = entries.map((e) => [
    e.id,
    e.name,
    localize(e.enabled ? M.stateEnabled : M.stateDisabled),
    e.endpoint || '-',
    localize(e.tokenSet ? M.tokenSet : M.tokenNone) + (e.legacy ? ` (${localize(M.legacyTag)})` : ''),
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...rows.map((r) => width(r[i]))));
  const header = entries.length === 0 ? M.listHeader0 : entries.length === 1 ? M.listHeader1 : M.listHeaderN;
  const lines = [localize(header, { path: file, count: entries.length })];
  if (legacy) lines.push(localize(M.listLegacy));
  for (const r of rows) lines.push('  ' + r.map((cell, i) => (i < 4 ? cell + ' '.repeat(widths[i] - width(cell)) : cell)).join('  '));
  io.stdout(lines.join('\n') + '\n');
  return EXIT.ok;
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
