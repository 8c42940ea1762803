import * as vscode from 'vscode';
import type { Ctx } from './ctx';

/** Command factories: each takes the context and returns the command's implementation. */
type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;

const restartServer: CommandFactory = (ctx) => async () => {
  await ctx.restart();
  ctx.outputChannel.info('NapCat language server restarted.');
};

/** Command ids (as contributed in package.json) → factories. */
export const COMMANDS: Readonly<Record<string, CommandFactory>> = {
  'napcat.restartServer': restartServer,
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, factory] of Object.entries(COMMANDS)) ctx.own(vscode.commands.registerCommand(id, factory(ctx)));
}
