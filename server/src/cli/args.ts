import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandContext } from './command';
import { EXIT, type ExitCode } from './io';
import { LATEST, parseVersion, type Catalogue, type Lang, type Version } from '../core';
import { localize } from '../wording';

/**
 * Argument parsing shared by every command: the command's own options plus `--lang`, `--target`
 * and `--help`, with one wording for the mistakes they have in common.
 */

const M = {
  badOption: "napcat-config {command}: {problem}. Run 'napcat-config {command} --help' for usage.",
  badLang: "--lang must be 'en' or 'zh-cn', not '{value}'",
  badTarget: "--target must be a NapCat version such as 4.17.44 or 'latest', not '{value}'",
  badMaxSize: "--max-size must be a number of MiB above 0 and at most {most}, not '{value}'",
} satisfies Catalogue<string>;

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON = {
  lang: { type: 'string' },
  target: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export interface CommonArgs<O extends Options> {
  /** The command's own option values (and the common ones). */
  readonly values: ReturnType<typeof parseArgs<{ options: O & typeof COMMON; allowPositionals: true; strict: true }>>['values'];
  readonly positionals: readonly string[];
  readonly target: Version;
  readonly help: boolean;
}

/** A usage problem, already worded in the run's language. */
export interface ArgsProblem {
  readonly problem: string;
}

/**
 * Parses `args` with the command's `options` plus the common ones. Returns the values, or the
 * first problem: an unknown option (Node's own sentence), a bad `--lang` or a bad `--target`.
 */
export function parseCommandArgs<O extends Options>(args: readonly string[], options: O): CommonArgs<O> | ArgsProblem {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { ...options, ...COMMON } });
  } catch (e) {
    // Node's own message, e.g. "Unknown option '--fromat'"; keep its first sentence.
    const text = e instanceof Error ? e.message : String(e);
    return { problem: text.split(/\.\s/)[0].replace(/\.$/, '') };
  }
  const values = parsed.values as CommonArgs<O>['values'] & { lang?: string; target?: string; help?: boolean };
  // The language itself was set for the whole run from the command line (main.ts); here a bad value is a usage problem.
  if (values.lang !== undefined && !langOption(values.lang)) return { problem: localize(M.badLang, { value: values.lang }) };
  const target = values.target === undefined ? LATEST : parseVersion(values.target);
  if (!target) return { problem: localize(M.badTarget, { value: values.target ?? '' }) };
  return { values, positionals: parsed.positionals, target, help: values.help === true };
}

/** Above this, a config cannot be held as one string. */
const MOST_MIB = 256;

/**
 * The size limit in bytes that a `--max-size` value (MiB, default 10) gives, or the usage problem.
 * Shared by every command that reads configs (`check`, `rebuild`), so they refuse the same files.
 */
export function maxSizeOption(value: string | undefined, byDefault: number): number | ArgsProblem {
  if (value === undefined) return byDefault;
  const mib = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!(mib > 0 && mib <= MOST_MIB)) return { problem: localize(M.badMaxSize, { value, most: MOST_MIB }) };
  return Math.floor(mib * 1024 * 1024);
}

/** The language a `--lang` value names (`en`, `zh-cn`, `zh_CN`, any case), or undefined. */
export function langOption(value: string): Lang | undefined {
  const l = value.toLowerCase().replace('_', '-');
  return l === 'en' || l === 'zh-cn' ? l : undefined;
}

export function isProblem<T>(r: T | ArgsProblem): r is ArgsProblem {
  return typeof r === 'object' && r !== null && 'problem' in r;
}

/**
 * The answer to a usage problem (on stderr, exit 2) or to `--help` (the command's usage on stdout,
 * exit 0), in the run's language.
 */
export function answerUsage(
  command: string,
  parsed: ArgsProblem | { readonly help: true },
  ctx: CommandContext,
  usage: () => string,
): ExitCode {
  if ('problem' in parsed) {
    ctx.io.stderr(localize(M.badOption, { command, problem: parsed.problem }) + '\n');
    return EXIT.usage;
  }
  ctx.io.stdout(usage() + '\n');
  return EXIT.ok;
}
