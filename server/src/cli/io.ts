import { escapeControls } from './escape';

/**
 * What a command may touch of the outside world besides the file system. `cli.ts` wires these to
 * the real process; keeping them explicit makes every command callable (and testable) in-process.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard input, for a command that reads it (`napcat-config log -`). */
  readonly stdin: () => AsyncIterable<string | Buffer>;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  // `napcat-config check … | head` closes the pipe early: stop quietly instead of crashing.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(process.exitCode ?? 0);
    });
  }
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    stdin: () => process.stdin,
  };
}

/**
 * `io` with every text written to stdout and stderr passed through `escapeControls`: the one place
 * where output is made safe for a terminal (JSON output included, which escaping keeps exact).
 */
export function escapedIo(io: CliIo): CliIo {
  return { ...io, stdout: (text) => io.stdout(escapeControls(text)), stderr: (text) => io.stderr(escapeControls(text)) };
}

/** Exit codes shared by every command (documented in `--help` and the README). */
export const EXIT = {
  /** Nothing at error severity was found. */
  ok: 0,
  /** At least one error-severity finding (check), or an operation failed (later commands). */
  findings: 1,
  /** A path could not be read, or the command line was wrong. */
  usage: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
