import * as path from 'node:path';
import { LineIndex, maskText, type Analysis, type Catalogue } from '../core';
import { applyEdits } from '../core/fixes';
import { getLanguageService } from '../service/languageService';
import { unifiedDiff } from './diff';
import type { CliIo } from './io';
import { backupName, readSourceConfig, replaceWithBackup, writeNotes, writeRefusal } from './write';
import { localize } from '../wording';

/**
 * `napcat-config check --fix [--dry-run] [--force]`: applies to one checked file exactly the edits
 * that `source.fixAll.napcat` applies in the editor (the service's `fixAll`), and writes them as
 * `rebuild --write` does (a backup `<file>.bak`, then an atomic replace keeping the file's
 * permissions). `--dry-run` prints the unified diff instead (secrets masked) and writes nothing.
 * A file NapCat cannot read (a syntax error), one that is not UTF-8, or a read-only one (unless
 * `--force`) is refused and left as it was.
 */

const M = {
  unparsable: 'napcat-config check --fix: {path} has a syntax error, so nothing is fixed in it. Nothing was changed.',
  unreadable: 'napcat-config check --fix: cannot read {path}: {reason}. Nothing was changed.',
  readOnly: 'napcat-config check --fix: {path} is read-only. Nothing was changed; add --force to write it anyway.',
  changedMeanwhile: 'napcat-config check --fix: {path} changed while it was being fixed. The file was not changed; run the command again.',
  unwritable: 'napcat-config check --fix: cannot write {path}: {reason}. The file was not changed.',
  fixed1: '{path}: fixed 1 problem (backup of the original: {backup}):',
  fixedN: '{path}: fixed {n} problems (backup of the original: {backup}):',
  wouldFix1: '{path}: --fix would fix 1 problem (nothing was written):',
  wouldFixN: '{path}: --fix would fix {n} problems (nothing was written):',
  fixLine: '  {line}:{column} {title}',
} satisfies Catalogue<string>;

export interface FixOptions {
  readonly dryRun: boolean;
  readonly force: boolean;
  /** The size limit the file was checked with (`--max-size`), so the write reads it the same way. */
  readonly maxBytes: number;
  /** Where the diff and the list of fixes go: stdout for text output, stderr beside JSON output. */
  readonly out: 'stdout' | 'stderr';
}

/** What was made of one file: the text to report on (fixed, or as it was) and its analysis. */
export interface FixOutcome {
  readonly text: string;
  readonly analysis: Analysis;
  /** The file had to be left as it was for a reason worth exit code 2 (the reason is printed). */
  readonly refused: boolean;
}

const service = getLanguageService();

/**
 * Fixes `file`, whose `text` was checked into `analysis`; `reanalyze` checks a text the way
 * `analysis` was made (same target version, same folder). Never throws: problems are printed on
 * stderr and the file is left unchanged.
 */
export async function fixFile(
  file: string,
  text: string,
  analysis: Analysis,
  reanalyze: (text: string) => Analysis,
  options: FixOptions,
  io: CliIo,
): Promise<FixOutcome> {
  const asWas: FixOutcome = { text, analysis, refused: false };
  const refuse = (message: string): FixOutcome => {
    io.stderr(message + '\n');
    return { ...asWas, refused: true };
  };
  if (!analysis.parsed) return asWas; // above the analysis limit: the finding says so
  if (analysis.parsed.failure) return refuse(localize(M.unparsable, { path: file }));
  const fixes = service.safeFixes(analysis);
  const edits = service.fixAll(analysis);
  if (edits.length === 0) return asWas;

  const fixed = applyEdits(text, edits);
  const lines = new LineIndex(text);
  const list = fixes.map((f) => {
    const at = lines.positionAt(f.edits[0].offset);
    return localize(M.fixLine, { line: at.line + 1, column: at.character + 1, title: f.title }) + '\n';
  });
  const print = options.out === 'stdout' ? io.stdout : io.stderr;
  const n = fixes.length;

  if (options.dryRun) {
    const label = file.split(path.sep).join('/');
    print(unifiedDiff(text, edits, { oldLabel: label, newLabel: label, mapLine: maskText }));
    print(localize(n === 1 ? M.wouldFix1 : M.wouldFixN, { path: file, n }) + '\n' + list.join(''));
    return { text: fixed, analysis: reanalyze(fixed), refused: false };
  }

  // Decoded as NapCat decodes it (and as check did): what was checked is what is written.
  const read = await readSourceConfig(file, { maxBytes: options.maxBytes });
  if ('reason' in read) return refuse(localize(M.unreadable, { path: file, reason: read.reason }));
  if (read.text !== text) return refuse(localize(M.changedMeanwhile, { path: file }));
  const { source } = read;

  const written = await replaceWithBackup(source, Buffer.from(fixed, 'utf8'), { force: options.force });
  if (written.kind !== 'written') return refuse(writeRefusal(written, file, M));
  const backup = backupName(file, written.backup, source.real);
  list.push(...writeNotes(file, source, written).map((note) => note + '\n'));
  print(localize(n === 1 ? M.fixed1 : M.fixedN, { path: file, n, backup }) + '\n' + list.join(''));
  return { text: fixed, analysis: reanalyze(fixed), refused: false };
}
