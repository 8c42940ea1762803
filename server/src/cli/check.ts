import { analyze, formatVersion, LATEST, siblingFacts, type SiblingFile, type Version } from '../core';
import { answerUsage, isProblem, maxSizeOption, parseCommandArgs } from './args';
import { collect, type AnalyzeText } from './collect';
import { DEFAULT_MAX_BYTES } from './read';
import type { Command, CommandContext } from './command';
import { fixFile } from './fix';
import { EXIT, type ExitCode } from './io';
import { M } from './messages';
import { closingLine, countFindings, fileReport, summaryLine, textLines, type Counts, type JsonFileReport } from './report';
import { localize } from '../wording';

/** `napcat-config check <files|dirs…> [--fix [--dry-run] [--force]] [--format text|json] [--lang en|zh-cn] [--target <version>]` */
export const checkCommand: Command = {
  name: 'check',
  summary: M.checkSummary,
  async run(args, ctx) {
    const parsed = parseCheckArgs(args);
    if (isProblem(parsed) || parsed.help) {
      return answerUsage('check', { ...parsed, help: true }, ctx, () =>
        localize(M.checkUsage, { latest: formatVersion(LATEST), maxSize: DEFAULT_MAX_BYTES / 1024 / 1024 }),
      );
    }
    return check(parsed, ctx);
  },
};

interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: 'text' | 'json';
  readonly target: Version;
  readonly maxBytes: number;
  readonly help: boolean;
  /** Apply the safe fixes (`source.fixAll.napcat`) before reporting. */
  readonly fix: boolean;
  /** With `fix`: print the diff, write nothing. */
  readonly dryRun: boolean;
  /** With `fix`: write read-only files too. */
  readonly force: boolean;
}

type Parsed = CheckOptions | { readonly problem: string };

function parseCheckArgs(args: readonly string[]): Parsed {
  const a = parseCommandArgs(args, {
    format: { type: 'string' },
    'max-size': { type: 'string' },
    fix: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
  });
  if (isProblem(a)) return a;
  const fix = a.values.fix === true;
  if (!fix && a.values['dry-run'] === true) return { problem: localize(M.fixOnly, { option: '--dry-run' }) };
  if (!fix && a.values.force === true) return { problem: localize(M.fixOnly, { option: '--force' }) };
  const format = a.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return { problem: localize(M.badFormat, { value: format }) };
  const maxBytes = maxSizeOption(a.values['max-size'], DEFAULT_MAX_BYTES);
  if (isProblem(maxBytes)) return maxBytes;
  if (!a.help && a.positionals.length === 0) return { problem: localize(M.noPaths) };
  return {
    paths: a.positionals,
    format,
    target: a.target,
    maxBytes,
    help: a.help,
    fix,
    dryRun: a.values['dry-run'] === true,
    force: a.values.force === true,
  };
}

async function check(options: CheckOptions, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
  const reports: JsonFileReport[] = [];
  let files = 0;
  let unreadable = 0;
  // The folder each file was checked with, so that a fixed text is checked the same way.
  const folders = new Map<string, readonly SiblingFile[]>();
  // The text is never longer (in UTF-16 code units) than the bytes it was decoded from, which the
  // reader already limited: the core's own limit is the same.
  const analyzeText: AnalyzeText = (text, file, siblings) => {
    if (options.fix) folders.set(file, siblings);
    return analyze(text, { targetVersion: options.target, maxLength: options.maxBytes, siblings: siblingFacts(file, siblings, options.target) });
  };

  for await (const item of collect(options.paths, analyzeText, { maxBytes: options.maxBytes, stdin: io.stdin })) {
    switch (item.kind) {
      case 'unreadable':
        unreadable++;
        io.stderr(localize(M.unreadable, { path: item.path, reason: item.reason }) + '\n');
        break;
      case 'nothing-found':
        io.stderr(localize(M.nothingFound, { path: item.path }) + '\n');
        break;
      case 'file': {
        files++;
        if (item.replaced > 0) io.stderr(localize(item.replaced === 1 ? M.notUtf8One : M.notUtf8Many, { path: item.path, n: item.replaced }) + '\n');
        let { text, analysis } = item;
        if (options.fix) {
          // Exit codes and the report are those of the fixed text.
          const reanalyze = (fixed: string) => analyzeText(fixed, item.path, folders.get(item.path) ?? []);
          const out = options.format === 'json' ? 'stderr' : 'stdout';
          const fixed = await fixFile(item.path, text, analysis, reanalyze, { dryRun: options.dryRun, force: options.force, maxBytes: options.maxBytes, out }, io);
          if (fixed.refused) unreadable++;
          ({ text, analysis } = fixed);
        }
        countFindings(analysis.findings, counts);
        const report = fileReport(item.path, text, analysis);
        if (options.format === 'json') reports.push(report);
        else {
          const lines = textLines(report);
          if (lines.length) io.stdout(lines.join('\n') + '\n');
        }
        break;
      }
    }
  }

  if (options.format === 'json') io.stdout(JSON.stringify(reports, null, 2) + '\n');
  else io.stdout(closingLine(summary(files, counts), files, unreadable) + '\n');

  if (unreadable) return EXIT.usage;
  return counts.error > 0 ? EXIT.findings : EXIT.ok;
}

/** "3 files checked: 4 problems (1 error, 3 warnings)." in the chosen language. */
export function summary(files: number, counts: Counts): string {
  return summaryLine(localize(files === 1 ? M.files1 : M.filesN, { n: files }), counts);
}
