import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { registerEndpoints } from './endpoints';
import { registerLogDetection } from './logs';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  ctx = new Ctx(context);
  registerLogDetection(ctx);
  registerCommands(ctx);
  registerEndpoints(ctx);
  // A failed start is logged in the output channel; `napcat.restartServer` can try again.
  await ctx.start().catch(() => undefined);
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
