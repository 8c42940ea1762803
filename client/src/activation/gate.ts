import * as vscode from 'vscode';
import { Config, SECTION } from '../config';
import type { Ctx } from '../ctx';
import { CONFIG_GLOB, SEARCH_EXCLUDE, searchGlob } from '../endpoints/globs';
import { LOG_LANGUAGE, napcatReason } from './napcatFiles';

/** Documents that are files or new editors (not output channels, diffs, settings or git views). */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote']);

/**
 * Starts the language server the first time a NapCat file is around: a NapCat config or log open
 * in an editor (by name, `napcat.files` or content), or present in the workspace (by name,
 * `napcat.files`, or the NapCat log file patterns of the manifest). The extension activates on any
 * JSON or log document, but until then it runs no process. Once started the server stays; the
 * gate's listeners are released.
 */
export class ServerGate implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private opened = false;
  private search: vscode.CancellationTokenSource | undefined;

  constructor(private readonly ctx: Ctx) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.check(doc)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.searchWorkspace()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.files`)) {
          for (const doc of vscode.workspace.textDocuments) this.check(doc);
          void this.searchWorkspace();
        }
      }),
      // Started some other way (a command, the NapCat view): nothing left to watch for.
      ctx.onDidStartClient(() => this.dispose()),
    );
    for (const doc of vscode.workspace.textDocuments) this.check(doc);
    if (!this.opened) {
      void this.searchWorkspace().then((found) => {
        if (!found && !this.opened) ctx.outputChannel.info('No NapCat config or log open or in the workspace: the language server starts when one is.');
      });
    }
  }

  private check(doc: vscode.TextDocument): void {
    if (this.opened || !SCHEMES.has(doc.uri.scheme)) return;
    const reason = napcatReason({
      languageId: doc.languageId,
      path: doc.uri.path,
      named: namedBySetting(doc),
      text: () => doc.getText(),
    });
    if (reason) this.open(`${vscode.workspace.asRelativePath(doc.uri)} (${reason})`);
  }

  /** Looks for one NapCat file in the workspace; true when one was found (and the server started). */
  private async searchWorkspace(): Promise<boolean> {
    if (this.opened || !vscode.workspace.workspaceFolders?.length) return false;
    this.search?.cancel();
    const search = (this.search = new vscode.CancellationTokenSource());
    const globs = [CONFIG_GLOB, ...logPatterns(this.ctx.extension), ...new Config().files.flatMap((f) => searchGlob(f) ?? [])];
    try {
      for (const glob of globs) {
        const [found] = await vscode.workspace.findFiles(glob, SEARCH_EXCLUDE, 1, search.token);
        if (search.token.isCancellationRequested || this.opened) return this.opened;
        if (found) {
          this.open(`${vscode.workspace.asRelativePath(found)} (workspace)`);
          return true;
        }
      }
    } catch (e) {
      const log = this.ctx.outputChannel;
      log.warn(`Searching the workspace for NapCat files failed: ${String(e)}`);
    } finally {
      search.dispose();
      if (this.search === search) this.search = undefined;
    }
    return false;
  }

  private open(why: string): void {
    if (this.opened) return;
    this.opened = true;
    const log = this.ctx.outputChannel;
    log.info(`Starting the language server for ${why}.`);
    // A failed start is logged in the output channel; `napcat.restartServer` can try again.
    this.ctx.start().catch(() => undefined);
    this.dispose();
  }

  dispose(): void {
    this.search?.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** True when a `napcat.files` pattern of the document's folder names it. */
function namedBySetting(doc: vscode.TextDocument): boolean {
  for (const pattern of new Config(doc.uri).files) {
    const glob = searchGlob(pattern) ?? pattern.trim().replace(/\\/g, '/');
    if (glob !== '' && vscode.languages.match({ pattern: glob }, doc) > 0) return true;
  }
  return false;
}

/** The file name patterns the manifest gives the NapCat Log language (`contributes.languages`). */
function logPatterns(extension: vscode.ExtensionContext): string[] {
  const languages = (extension.extension.packageJSON as { contributes?: { languages?: { id?: string; filenamePatterns?: unknown }[] } }).contributes?.languages;
  const patterns = languages?.find((l) => l.id === LOG_LANGUAGE)?.filenamePatterns;
  return Array.isArray(patterns) ? patterns.filter((p): p is string => typeof p === 'string') : [];
}
