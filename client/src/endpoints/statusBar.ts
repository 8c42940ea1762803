import * as vscode from 'vscode';
import { Config } from '../config';
import { translate } from './l10n';
import { statusText, summaryText, workspaceSummary } from './model';
import type { EndpointsStore } from './store';
import { VIEW_ID } from './tree';

/** "NapCat n/m": endpoints answering of those tested, once something was tested. Click: the view. */
export class EndpointsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: EndpointsStore) {
    this.item = vscode.window.createStatusBarItem('napcat.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'NapCat';
    this.item.command = `${VIEW_ID}.focus`;
    this.subscriptions = [
      store.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('napcat.statusBar.enabled')) this.update();
      }),
    ];
    this.update();
  }

  private update(): void {
    const summary = workspaceSummary(this.store.configList, this.store.results);
    if (!new Config().statusBarEnabled || summary.tested === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(plug) ${statusText(summary)}`;
    this.item.tooltip = `${summaryText(summary, translate)}\n${translate('Click to show the NapCat view.')}`;
    this.item.backgroundColor = summary.failing > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.item.dispose();
  }
}
