import type { Message } from '../core';
import type { CliIo, ExitCode } from './io';

/**
 * One subcommand of `napcat-config`. A command receives the arguments after its name, the
 * language resolved from `--lang` or the environment, and the process streams; it returns the exit
 * code. Adding a command (`rebuild`, `ping`, `log`) means adding one file and one line in `main.ts`.
 */
export interface Command {
  readonly name: string;
  /** One line for the command list of `napcat-config --help`. */
  readonly summary: Message;
  run(args: readonly string[], ctx: CommandContext): Promise<ExitCode>;
}

export interface CommandContext {
  readonly io: CliIo;
  /** Language for messages when the command line does not choose one. */
}
