import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { Config, SECTION } from '../config';
import { DETECT_LINES, isCandidate, looksLikeNapCatLog } from './detect';
import { LanguageSwitches } from './switches';

/** The language contributed for NapCat logs (package.json `contributes.languages`). */
export const NAPCAT_LOG = 'napcat-log';

/** Schemes of documents that are files (not output channels, diffs or other views). */
const SCHEMES = new Set(['file', 'vscode-remote']);

/**
 * Gives `.log` files that look like NapCat logs the `napcat-log` language, wherever they are.
 * Files in a NapCat `logs/` folder and `napcat*.log` get it from the manifest's file name
 * patterns; any other `*.log` is claimed by VS Code's own Log language, whose extension match
 * beats a `firstLine` pattern, so the first lines are read here when such a document opens (and
 * for those already open at activation, or when `napcat.logs.detect` is turned on). A language
 * chosen by the user wins for the rest of the session (see `LanguageSwitches`).
 */
export class LogLanguageDetector implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly switches = new LanguageSwitches(NAPCAT_LOG);

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((doc) => this.switches.closed(doc.uri.toString(), doc.languageId)),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (this.switches.opened(doc.uri.toString(), doc.languageId)) this.check(doc);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.logs.detect`)) this.checkOpen();
      }),
    );
    this.checkOpen();
  }

  private checkOpen(): void {
    for (const doc of vscode.workspace.textDocuments) this.check(doc);
  }

  private check(doc: vscode.TextDocument): void {
    if (!SCHEMES.has(doc.uri.scheme) || !isCandidate(doc.languageId, doc.uri.path)) return;
    const uri = doc.uri.toString();
    if (!this.switches.maySwitch(uri) || !new Config(doc.uri).logsDetect) return;
    const lines: string[] = [];
    for (let i = 0; i < Math.min(doc.lineCount, DETECT_LINES); i++) lines.push(doc.lineAt(i).text);
    if (!looksLikeNapCatLog(lines)) return;
    this.switches.switching(uri);
    const done = () => this.switches.done(uri);
    // Rejected when the document closed meanwhile: nothing to do.
    vscode.languages.setTextDocumentLanguage(doc, NAPCAT_LOG).then(done, done);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function registerLogDetection(ctx: Ctx): void {
  ctx.own(new LogLanguageDetector());
}
