import * as vscode from 'vscode';
import { Config } from '../config';
import { buildTree, type TreeNode } from './model';
import type { EndpointsStore } from './store';
import { translate } from './l10n';

export const VIEW_ID = 'napcat.endpoints';

/**
 * The longest a refresh waits for VS Code to ask for the children of the expanded nodes it was
 * given: it asks for none while the view is hidden.
 */
const SETTLE_MS = 3000;

/**
 * Renders the store as the NapCat view's tree; the nodes are rebuilt from the store on each change.
 *
 * A refresh of the whole tree that reaches VS Code between its listing of a node and its request
 * for that node's children makes the extension host forget the node ("No tree item with id …
 * found"): the request answers nothing and the node shows expanded and empty until the next
 * refresh. At start-up the store changes several times within a second (the listing, then the
 * server's change notifications), so refreshes are held while VS Code is listing the root or has
 * expanded nodes whose children it has not asked for yet, and a refresh is sent only when the tree
 * would look different from the one VS Code last listed.
 */
export class EndpointsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Expanded nodes handed to VS Code whose children it has not asked for yet. */
  private readonly awaiting = new Set<string>();
  /** Nodes the user collapsed: VS Code asks for their children only when they are expanded again. */
  private readonly collapsed = new Set<string>();
  /** Root listings in progress. */
  private listing = 0;
  /** A refresh was sent and VS Code has not listed the root since. */
  private refreshSent = false;
  /** The store changed since the last refresh was sent. */
  private pending = false;
  /** What the last root listing showed (see `signature`); undefined forces the next refresh. */
  private shown: string | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  /** Each node's parent, by node id, as last built. */
  private readonly parents = new Map<string, TreeNode>();

  constructor(private readonly store: EndpointsStore) {
    this.subscriptions = [
      store.onDidChange(() => this.refresh(false)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('napcat.endpoints.groupByKind')) this.refresh(true);
      }),
    ];
  }

  /** Follows the view's expansion state, so that collapsed nodes hold no refresh back. */
  follow(view: vscode.TreeView<TreeNode>): void {
    this.subscriptions.push(
      view.onDidCollapseElement((e) => {
        this.collapsed.add(e.element.id);
        this.awaiting.delete(e.element.id);
        this.flush();
      }),
      view.onDidExpandElement((e) => this.collapsed.delete(e.element.id)),
    );
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) {
      this.awaiting.delete(node.id);
      const children = node.type === 'endpoint' ? [] : [...node.children];
      this.expect(children);
      this.flushSoon();
      return children;
    }
    this.listing++;
    try {
      await this.store.ensureLoaded();
      const nodes = this.build();
      this.shown = signature(nodes);
      this.refreshSent = false;
      this.awaiting.clear();
      this.expect(nodes);
      return nodes;
    } finally {
      this.listing--;
      this.flushSoon();
    }
  }

  /** The parent of a node of the last listing (for `TreeView.reveal`). */
  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node.id);
  }

  /** The node of the entry `id` of `uri` in the tree as it is now, if listed. */
  findEndpoint(uri: string, id: string): TreeNode | undefined {
    const find = (nodes: readonly TreeNode[]): TreeNode | undefined => {
      for (const n of nodes) {
        if (n.type === 'endpoint') {
          if (n.uri === uri && n.endpoint.id === id) return n;
        } else {
          const hit = find(n.children);
          if (hit) return hit;
        }
      }
      return undefined;
    };
    return find(this.build());
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
      if (node.checked !== undefined) {
        item.checkboxState = {
          state: node.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
          tooltip: node.checked ? translate('Enabled: uncheck to disable') : translate('Disabled: check to enable'),
          accessibilityInformation: { label: node.checked ? translate('Enabled') : translate('Disabled') },
        };
      }
    }
    return item;
  }

  /** Renders again even if nothing changed (a checkbox the user ticked shows the file's state again). */
  invalidate(): void {
    this.refresh(true);
  }

  dispose(): void {
    clearTimeout(this.settleTimer);
    for (const d of this.subscriptions) d.dispose();
    this.emitter.dispose();
  }

  private build(): TreeNode[] {
    const { configList, results, running } = this.store;
    const nodes = buildTree({ configs: configList, results, running, groupByKind: new Config().groupByKind }, translate);
    const link = (list: readonly TreeNode[], parent: TreeNode | undefined) => {
      for (const n of list) {
        if (parent) this.parents.set(n.id, parent);
        else this.parents.delete(n.id);
        if (n.type !== 'endpoint') link(n.children, n);
      }
    };
    link(nodes, undefined);
    return nodes;
  }

  /** Expanded nodes among `nodes`, whose children VS Code will ask for next. */
  private expect(nodes: readonly TreeNode[]): void {
    for (const n of nodes) if (n.type !== 'endpoint' && n.children.length > 0 && !this.collapsed.has(n.id)) this.awaiting.add(n.id);
  }

  private refresh(force: boolean): void {
    this.pending = true;
    if (force) this.shown = undefined;
    this.flush();
  }

  /** After the current answer to VS Code is delivered. */
  private flushSoon(): void {
    setTimeout(() => this.flush(), 0);
  }

  /** Sends the pending refresh, unless VS Code is still listing (then it waits, at most `SETTLE_MS`). */
  private flush(): void {
    if (!this.pending) return;
    if (this.listing > 0 || this.refreshSent || this.awaiting.size > 0) {
      this.settleTimer ??= setTimeout(() => {
        this.settleTimer = undefined;
        this.refreshSent = false;
        this.awaiting.clear();
        this.flush();
      }, SETTLE_MS);
      return;
    }
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    this.pending = false;
    if (this.shown !== undefined && signature(this.build()) === this.shown) return;
    this.refreshSent = true;
    this.emitter.fire(undefined);
  }
}

/** Everything VS Code shows of a tree: equal signatures render alike. */
function signature(nodes: readonly TreeNode[]): string {
  const shape = (n: TreeNode): unknown[] => [
    n.id,
    n.label,
    n.description,
    n.tooltip,
    n.icon?.id,
    n.icon?.color,
    n.contextValue,
    n.accessibilityLabel,
    n.type === 'endpoint' ? n.checked : undefined,
    n.type === 'endpoint' ? [] : n.children.map(shape),
  ];
  return JSON.stringify(nodes.map(shape));
}
