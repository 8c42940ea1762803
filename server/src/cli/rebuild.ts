import { reasonOf } from './collect';
import * as path from 'node:path';
import { formatVersion, LATEST, localize, maskText, type Catalogue, type Version } from '../core';
import { describeSummary, rebuild, type RebuildSummary } from '../core/fixes';
import { answerUsage, isProblem, parseCommandArgs } from './args';
import type { Command, CommandContext } from './command';
import { unifiedDiff } from './diff';
import { EXIT, type ExitCode } from './io';
import { backupName, readSourceFile, replaceWithBackup, type SourceFile } from './write';

/**
 * `napcat-config rebuild <file> [--write] [--show-secrets] [--lang en|zh-cn] [--target <version>]`
 *
 * Without `--write`: prints what rebuild would change as a unified diff on stdout (tokens masked
 * unless `--show-secrets`) and the summary on stderr; exits 1 when the file needs changes, 0 when it
 * does not — usable in CI. With `--write`: keeps a backup `<file>.bak` of the original bytes, then
 * replaces the file atomically (a temporary file in the same folder, flushed, then renamed over
 * it), with the original's permissions. Anything that cannot be read, decoded, parsed or written
 * exits 2 with the reason on stderr, and leaves the file — and the folder — as they were.
 *
 * The rebuilt text keeps the original's byte order mark, line endings and every untouched byte; the
 * file is read and written as UTF-8, and a file that is not valid UTF-8 is refused rather than
 * re-encoded.
 */

const M = {
  summary: 'rebuild NapCat OneBot 11 configs into named `network` entries (prints a diff, or --write)',
  usage: `Usage: napcat-config rebuild <file> [options]

Converts a NapCat OneBot 11 config — any legacy shape, missing or duplicate
names — into the named \`network\` form that NapCat v4.1 and later read, with
minimal edits: comments, formatting and every untouched byte stay.

Without --write, prints the changes as a unified diff (tokens masked) and
exits 1 when the file needs them, 0 when it does not.

Options:
  --write                write the result: first a backup <file>.bak, then the
                         file itself, atomically (temporary file + rename)
  --show-secrets         print tokens in the diff as they are (default: ***)
  --lang <en|zh-cn>      message language (default: from LC_ALL / LC_MESSAGES / LANG)
  --target <version>     NapCat version the result is for (default: latest = {latest})
  -h, --help             show this help

Exit codes: 0 nothing to change (or written), 1 changes needed (without --write),
2 the file cannot be read, parsed or written, or bad usage.`,
  oneFile: 'give exactly one file',
  unreadable: 'napcat-config rebuild: cannot read {path}: {reason}',
  notUtf8: 'napcat-config rebuild: {path} is not UTF-8 text; NapCat reads configs as UTF-8, and rebuild does not re-encode files. Nothing was changed.',
  refused: 'napcat-config rebuild: {path}: {reason} Nothing was changed.',
  unwritable: 'napcat-config rebuild: cannot write {path}: {reason}. The file was not changed.',
  changedMeanwhile: 'napcat-config rebuild: {path} changed while it was being rebuilt. The file was not changed; run the command again.',
  unchanged: "{path}: already in NapCat's named `network` form with unique names; nothing to change.",
  rebuilt: '{path}: {counts}.',
  written: 'Written {path} (backup of the original: {backup}).',
  needsWrite: "Run 'napcat-config rebuild {path} --write' to apply these changes.",
  lineAdded: "  + network.{kind}[{index}] '{name}' ({state}), from {from}",
  lineRenamed: "  ~ network.{kind}[{index}]: {from} → '{to}'",
  lineRemoved: '  - removed: {keys}',
  lineSkipped: '  = {from}: already done by {sameAs}',
  lineDropped: '  ! {path}: {reason}',
  enabled: 'enabled',
  disabled: 'disabled',
  noName: 'no name',
  emptyName: "''",
} satisfies Catalogue<string>;

export const rebuildCommand: Command = {
  name: 'rebuild',
  summary: M.summary,
  async run(args, ctx) {
    const parsed = parseRebuildArgs(args);
    if (isProblem(parsed) || parsed.help) {
      return answerUsage('rebuild', { ...parsed, help: true }, ctx, () => localize(M.usage, { latest: formatVersion(LATEST) }));
    }
    return run(parsed, ctx);
  },
};

interface RebuildOptions {
  readonly file: string;
  readonly write: boolean;
  readonly showSecrets: boolean;
  readonly target: Version;
  readonly help: boolean;
}

type Parsed = RebuildOptions | { readonly problem: string };

function parseRebuildArgs(args: readonly string[]): Parsed {
  const a = parseCommandArgs(args, { write: { type: 'boolean' }, 'show-secrets': { type: 'boolean' } });
  if (isProblem(a)) return a;
  if (!a.help && a.positionals.length !== 1) return { problem: localize(M.oneFile) };
  return {
    file: a.positionals[0] ?? '',
    write: a.values.write === true,
    showSecrets: a.values['show-secrets'] === true,
    target: a.target,
    help: a.help,
  };
}

async function run(options: RebuildOptions, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const file = options.file;

  let source: SourceFile;
  try {
    source = await readSourceFile(file);
  } catch (e) {
    io.stderr(localize(M.unreadable, { path: file, reason: reasonOf(e) }) + '\n');
    return EXIT.usage;
  }
  const { bytes } = source;
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) {
    io.stderr(localize(M.notUtf8, { path: file }) + '\n');
    return EXIT.usage;
  }

  const result = rebuild(text, { targetVersion: options.target });
  if (result.kind === 'refused') {
    io.stderr(localize(M.refused, { path: file, reason: localize(result.reason) }) + '\n');
    return EXIT.usage;
  }
  if (result.kind === 'unchanged') {
    io.stdout(localize(M.unchanged, { path: file }) + '\n');
    return EXIT.ok;
  }

  const summary = summaryLines(file, result.summary);
  if (!options.write) {
    const label = file.split(path.sep).join('/');
    io.stdout(unifiedDiff(text, result.edits, { oldLabel: label, newLabel: label, mapLine: options.showSecrets ? undefined : maskText }));
    io.stderr(summary + localize(M.needsWrite, { path: file }) + '\n');
    return EXIT.findings;
  }

  const written = await replaceWithBackup(source, Buffer.from(result.text, 'utf8'));
  if (written.kind === 'changed') {
    io.stderr(localize(M.changedMeanwhile, { path: file }) + '\n');
    return EXIT.usage;
  }
  if (written.kind === 'failed') {
    io.stderr(localize(M.unwritable, { path: file, reason: reasonOf(written.error) }) + '\n');
    return EXIT.usage;
  }
  io.stdout(summary + localize(M.written, { path: file, backup: backupName(file, written.backup, source.real) }) + '\n');
  return EXIT.ok;
}

/** The summary block: one line of counts, then one line per added, renamed, removed, skipped and dropped item. */
function summaryLines(file: string, s: RebuildSummary): string {
  const lines = [localize(M.rebuilt, { path: file, counts: describeSummary(s) })];
  for (const a of s.added) {
    lines.push(localize(M.lineAdded, { kind: a.kind, index: a.index, name: a.name, state: localize(a.enabled ? M.enabled : M.disabled), from: a.from }));
  }
  for (const r of s.renamed) {
    const from = r.from === null ? localize(M.noName) : r.from === '' ? localize(M.emptyName) : `'${r.from}'`;
    lines.push(localize(M.lineRenamed, { kind: r.kind, index: r.index, from, to: r.to }));
  }
  if (s.removed.length > 0) lines.push(localize(M.lineRemoved, { keys: s.removed.join(', ') }));
  for (const k of s.skipped) lines.push(localize(M.lineSkipped, { from: k.from, sameAs: k.sameAs }));
  for (const d of s.dropped) lines.push(localize(M.lineDropped, { path: d.path, reason: localize(d.reason) }));
  return lines.join('\n') + '\n';
}
