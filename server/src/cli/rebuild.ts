import * as path from 'node:path';
import { formatVersion, LATEST, maskText, type Catalogue, type Version } from '../core';
import { describeSummary, rebuild, type RebuildSummary } from '../core/fixes';
import { answerUsage, isProblem, maxSizeOption, parseCommandArgs } from './args';
import type { Command, CommandContext } from './command';
import { unifiedDiff } from './diff';
import { EXIT, type ExitCode } from './io';
import { DEFAULT_MAX_BYTES } from './read';
import { backupName, readSourceConfig, replaceWithBackup, writeNotes, writeRefusal } from './write';
import { localize } from '../wording';

/**
 * `napcat-config rebuild <file> [--write] [--show-secrets] [--lang en|zh-cn] [--target <version>]`
 *
 * Without `--write`: prints what rebuild would change as a unified diff on stdout (tokens masked
 * unless `--show-secrets`) and the summary on stderr; exits 1 when the file needs changes, 0 when it
 * does not — usable in CI. With `--write`: keeps a backup `<file>.bak` of the original bytes, then
 * replaces the file (write.ts: atomically, or in place when other names or a mount share it), with
 * the original's owner, group and mode; a read-only file only with `--force`. Anything that cannot
 * be read, decoded, parsed or written exits 2 with the reason on stderr, and leaves the file — and
 * the folder — as they were.
 *
 * The file is read as `check` reads it (read.ts: a regular file up to `--max-size`, decoded as
 * NapCat decodes it, invalid UTF-8 as U+FFFD). The rebuilt text keeps the original's byte order
 * mark, line endings and every untouched character; it is written as UTF-8, so bytes that were not
 * UTF-8 become the U+FFFD NapCat read there anyway (said on stderr; the backup keeps them).
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
  --write                write the result: first a backup <file>.bak (never a
                         name that is a link), then the file itself, atomically
                         (temporary file + rename) with the original's owner,
                         group and mode — or in place when the file has other
                         hard links or is a mount point (Docker bind mount)
  --force                with --write: rewrite a read-only file too
  --max-size <MiB>       largest file to read (default: {maxSize}, as check)
  --show-secrets         print tokens in the diff as they are (default: ***)
  --lang <en|zh-cn>      message language (default: from LC_ALL / LC_MESSAGES / LANG)
  --target <version>     NapCat version the result is for (default: latest = {latest})
  -h, --help             show this help

Files are read as check reads them; bytes that are not UTF-8 are read as U+FFFD,
as NapCat reads them, and written so (the backup keeps the original bytes).

Exit codes: 0 nothing to change (or written), 1 changes needed (without --write),
2 the file cannot be read, parsed or written, is read-only (without --force), or bad usage.`,
  oneFile: 'give exactly one file',
  unreadable: 'napcat-config rebuild: cannot read {path}: {reason}',
  notUtf8One: 'napcat-config rebuild: {path}: 1 byte sequence is not UTF-8; NapCat reads it as U+FFFD (�), and so does rebuild: the result holds U+FFFD there.',
  notUtf8Many: 'napcat-config rebuild: {path}: {n} byte sequences are not UTF-8; NapCat reads each as U+FFFD (�), and so does rebuild: the result holds U+FFFD there.',
  readOnly: 'napcat-config rebuild: {path} is read-only (mode {mode}). Nothing was written; add --force to rewrite it anyway (it stays read-only).',
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
      return answerUsage('rebuild', { ...parsed, help: true }, ctx, () =>
        localize(M.usage, { latest: formatVersion(LATEST), maxSize: DEFAULT_MAX_BYTES / 1024 / 1024 }),
      );
    }
    return run(parsed, ctx);
  },
};

interface RebuildOptions {
  readonly file: string;
  readonly write: boolean;
  readonly force: boolean;
  readonly maxBytes: number;
  readonly showSecrets: boolean;
  readonly target: Version;
  readonly help: boolean;
}

type Parsed = RebuildOptions | { readonly problem: string };

function parseRebuildArgs(args: readonly string[]): Parsed {
  const a = parseCommandArgs(args, {
    write: { type: 'boolean' },
    force: { type: 'boolean' },
    'max-size': { type: 'string' },
    'show-secrets': { type: 'boolean' },
  });
  if (isProblem(a)) return a;
  const maxBytes = maxSizeOption(a.values['max-size'], DEFAULT_MAX_BYTES);
  if (isProblem(maxBytes)) return maxBytes;
  if (!a.help && a.positionals.length !== 1) return { problem: localize(M.oneFile) };
  return {
    file: a.positionals[0] ?? '',
    write: a.values.write === true,
    force: a.values.force === true,
    maxBytes,
    showSecrets: a.values['show-secrets'] === true,
    target: a.target,
    help: a.help,
  };
}

async function run(options: RebuildOptions, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const file = options.file;

  const read = await readSourceConfig(file, { maxBytes: options.maxBytes });
  if ('reason' in read) {
    io.stderr(localize(M.unreadable, { path: file, reason: read.reason }) + '\n');
    return EXIT.usage;
  }
  const { source, text, replaced } = read;
  if (replaced > 0) io.stderr(localize(replaced === 1 ? M.notUtf8One : M.notUtf8Many, { path: file, n: replaced }) + '\n');

  const result = rebuild(text, { targetVersion: options.target });
  if (result.kind === 'refused') {
    io.stderr(localize(M.refused, { path: file, reason: result.reason }) + '\n');
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

  const written = await replaceWithBackup(source, Buffer.from(result.text, 'utf8'), { force: options.force });
  if (written.kind !== 'written') {
    io.stderr(writeRefusal(written, file, M) + '\n');
    return EXIT.usage;
  }
  const notes = writeNotes(file, source, written);
  io.stdout(summary + [localize(M.written, { path: file, backup: backupName(file, written.backup, source.real) }), ...notes].join('\n') + '\n');
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
