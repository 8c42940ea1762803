import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { RebuildCommand } from '../../server/src/lsp/protocol';
import type { Ctx } from './ctx';

/** Command factories: each takes the context and returns the command's implementation. */
type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;

const restartServer: CommandFactory = (ctx) => async () => {
  await ctx.restart();
  ctx.outputChannel.info('NapCat language server restarted.');
};

/**
 * "NapCat: Rebuild config": asks the server to rebuild the active (or the menu's) document at its
 * current version. The server applies the result as one version-bound edit, so one undo restores
 * the original and a document changed in the meantime is left alone.
 */
const rebuildConfig: CommandFactory = (ctx) => async (resource?: unknown) => {
  const doc = await documentFor(resource);
  if (!doc) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a NapCat config (onebot11_<uin>.json) to rebuild it.'));
    return;
  }
  const client = await ctx.startedClient();
  if (!client) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('The NapCat language server is not running. Run "NapCat: Restart Language Server" and try again.'),
    );
    return;
  }
  const args: RebuildCommand.Arguments = [client.code2ProtocolConverter.asUri(doc.uri), doc.version];
  // `workspace/executeCommand` answers `any`: the result type of this command is declared in protocol.ts.
  const answer = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: RebuildCommand.command,
    arguments: args,
  })) as RebuildCommand.Result | null;
  if (!answer) return;
  switch (answer.status) {
    case 'edit':
      // The server hands the edit back when the client did not declare workspace/applyEdit.
      if (answer.edit && (await vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(answer.edit)))) {
        void vscode.window.showInformationMessage(answer.message);
      }
      return;
    case 'applied':
    case 'unchanged':
      void vscode.window.showInformationMessage(answer.message);
      return;
    default:
      void vscode.window.showWarningMessage(answer.message);
  }
};

/** The document of a menu's resource argument, else the active editor's document. */
async function documentFor(resource: unknown): Promise<vscode.TextDocument | undefined> {
  // A config node of the NapCat view.
  const node = resource as { type?: unknown; uri?: unknown } | undefined;
  if (node && node.type === 'file' && typeof node.uri === 'string') {
    return (await vscode.window.showTextDocument(vscode.Uri.parse(node.uri), { preserveFocus: true, preview: false })).document;
  }
  if (resource instanceof vscode.Uri) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource.toString());
    return open ?? (await vscode.workspace.openTextDocument(resource));
  }
  return vscode.window.activeTextEditor?.document;
}

/** Command ids (as contributed in package.json) → factories. */
export const COMMANDS: Readonly<Record<string, CommandFactory>> = {
  'napcat.restartServer': restartServer,
  'napcat.rebuildConfig': rebuildConfig,
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, factory] of Object.entries(COMMANDS)) ctx.own(vscode.commands.registerCommand(id, factory(ctx)));
}
