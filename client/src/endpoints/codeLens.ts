import * as vscode from 'vscode';
import { Config } from '../config';
import { translate } from './l10n';
import { currentResult, resultState, shortResult } from './model';
import type { EndpointsStore } from './store';

const STATE_ICON = { pass: '$(pass)', warning: '$(warning)', error: '$(error)', skipped: '$(circle-slash)' } as const;

/**
 * "Test connection" above each adapter entry of a NapCat config, and the entry's last result
 * beside it. The entries come from the server's listing of the document as it is now.
 */
export class EndpointCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: EndpointsStore) {
    this.subscriptions = [
      store.onDidChange(() => this.emitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('napcat.codeLens.enabled')) this.emitter.fire();
      }),
    ];
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!new Config(doc.uri).codeLensEnabled) return [];
    const uri = doc.uri.toString();
    const config = await this.store.fetch(uri);
    if (!config || token.isCancellationRequested) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const e of config.endpoints) {
      if (e.kind === 'plugins') continue;
      const at = new vscode.Range(e.range.start.line, e.range.start.character, e.range.start.line, e.range.start.character);
      const running = this.store.running.has(`${uri}\n${e.id}`);
      lenses.push(
        new vscode.CodeLens(at, {
          title: running ? `$(loading~spin) ${translate('testing…')}` : translate('Test connection'),
          tooltip: translate('Connect to {endpoint} the way NapCat does', { endpoint: e.endpoint || e.name }),
          command: 'napcat.testEndpoint',
          arguments: [uri, e.id],
        }),
      );
      const result = running ? undefined : currentResult(uri, e, this.store.results);
      if (result) {
        lenses.push(
          new vscode.CodeLens(at, {
            title: `${STATE_ICON[resultState(result.result)]} ${shortResult(result)}`,
            tooltip: result.detail,
            command: 'napcat.showProbeResult',
            arguments: [uri, e.id],
          }),
        );
      }
    }
    return lenses;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.emitter.dispose();
  }
}
