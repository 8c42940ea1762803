import * as vscode from 'vscode';
import { Config } from '../config';
import { buildTree, type TreeNode } from './model';
import type { EndpointsStore } from './store';
import { translate } from './l10n';

export const VIEW_ID = 'napcat.endpoints';

/** Renders the store as the NapCat view's tree; the nodes are rebuilt from the store on each change. */
export class EndpointsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: EndpointsStore) {
    this.subscriptions = [
      store.onDidChange(() => this.emitter.fire(undefined)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('napcat.endpoints.groupByKind')) this.emitter.fire(undefined);
      }),
    ];
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.type === 'endpoint' ? [] : [...node.children];
    await this.store.ensureLoaded();
    const { configList, results, running } = this.store;
    return buildTree({ configs: configList, results, running, groupByKind: new Config().groupByKind }, translate);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state =
      node.type === 'endpoint'
        ? vscode.TreeItemCollapsibleState.None
        : node.children.length > 0
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = new vscode.MarkdownString(node.tooltip);
    item.contextValue = node.contextValue;
    item.accessibilityInformation = { label: node.accessibilityLabel };
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    if (node.type === 'file') {
      item.resourceUri = vscode.Uri.parse(node.uri);
      item.iconPath = vscode.ThemeIcon.File;
    }
    if (node.type === 'endpoint') {
      item.command = { command: 'napcat.revealEndpoint', title: translate('Go to Entry'), arguments: [node.uri, node.endpoint.id] };
    }
    return item;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.emitter.dispose();
  }
}
