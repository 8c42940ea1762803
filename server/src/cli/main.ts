import * as fs from 'node:fs';
import * as path from 'node:path';
import { toLang, type Lang } from '../core';
import { langOption } from './args';
import { checkCommand } from './check';
import { connectionsCommand } from './connections';
import type { Command } from './command';
import { escapedIo, EXIT, type CliIo, type ExitCode } from './io';
import { logCommand } from './log';
import { packageRoot, speak } from '../files/l10n';
import { M } from './messages';
import { pingCommand } from './ping';
import { rebuildCommand } from './rebuild';
import { localize } from '../wording';

/** Every subcommand; `napcat-config <name> …` runs the one with that name. */
export const COMMANDS: readonly Command[] = [checkCommand, rebuildCommand, connectionsCommand, pingCommand, logCommand];

/**
 * Runs `napcat-config` with the arguments after the program name. Returns the exit code; never
 * calls `process.exit`, so output is flushed and tests can call it in-process.
 */
export async function main(argv: readonly string[], rawIo: CliIo): Promise<ExitCode> {
  const io = escapedIo(rawIo);
  const lang = langFrom(argv, io.env);
  speak(lang);
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help' || first === 'help') {
    io.stdout(usage() + '\n');
    return EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(packageVersion() + '\n');
    return EXIT.ok;
  }
  if (first === undefined || first.startsWith('-')) {
    io.stderr(localize(M.missingCommand) + '\n');
    return EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.stderr(localize(M.unknownCommand, { command: first }) + '\n');
    return EXIT.usage;
  }
  return command.run(rest, { io });
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width + 3)}${localize(c.summary)}`).join('\n');
  return localize(M.usage, { commands });
}

/**
 * The language for messages printed before a command has parsed its options: a valid `--lang`
 * anywhere on the command line, else LC_ALL, LC_MESSAGES, LANG (first one set).
 */
function langFrom(argv: readonly string[], env: CliIo['env']): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    const lang = value === undefined ? undefined : langOption(value);
    if (lang) return lang;
  }
  return toLang(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** The version in the package's package.json (dist/cli.js → ../package.json). */
function packageVersion(): string {
  const root = packageRoot();
  try {
    return root ? ((JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown') : 'unknown';
  } catch {
    return 'unknown';
  }
}
