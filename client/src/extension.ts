import type * as vscode from 'vscode';
import { ServerGate } from './activation/gate';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { registerEndpoints } from './endpoints';
import { registerLogDetection } from './logs';

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): void {
  ctx = new Ctx(context);
  registerLogDetection(ctx);
  registerCommands(ctx);
  registerEndpoints(ctx);
  // The language server starts when a NapCat config or log is open or in the workspace.
  ctx.own(new ServerGate(ctx));
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
