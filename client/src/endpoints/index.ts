import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { EndpointCodeLenses } from './codeLens';
import { registerEndpointCommands } from './commands';
import { registerConnectionCommands } from './manage';
import { EndpointsStatusBar } from './statusBar';
import { EndpointsStore } from './store';
import { EndpointsTree, VIEW_ID } from './tree';

/** Documents that may be NapCat configs; the server decides (others get no lenses). */
const CONFIG_DOCUMENTS: vscode.DocumentSelector = [
  ...['file', 'untitled'].flatMap((scheme) => ['json', 'jsonc', 'json5'].map((language) => ({ scheme, language }))),
  { scheme: 'file', pattern: '**/onebot11*.json5' },
];

/**
 * The NapCat view and everything around it: the store of endpoints and results, the tree, the
 * code lenses, the status bar item, the commands and the "NapCat" probe log. Everything is owned
 * by the context.
 */
export function registerEndpoints(ctx: Ctx): void {
  const store = ctx.own(new EndpointsStore(ctx));
  const probeLog = ctx.own(vscode.window.createOutputChannel('NapCat', { log: true }));
  const tree = ctx.own(new EndpointsTree(store));
  // Checkboxes are on entries only, each its own `enable`: VS Code must not tick children with a parent.
  const view = ctx.own(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, manageCheckboxStateManually: true }));
  tree.follow(view);
  // The view lists the workspace's configs through the server: showing it starts the server.
  const startIfVisible = () => view.visible && void ctx.start().catch(() => undefined);
  ctx.own(view.onDidChangeVisibility(startIfVisible));
  startIfVisible();
  const lenses = ctx.own(new EndpointCodeLenses(store));
  ctx.own(vscode.languages.registerCodeLensProvider(CONFIG_DOCUMENTS, lenses));
  ctx.own(new EndpointsStatusBar(store));
  registerEndpointCommands(ctx, { store, probeLog });
  registerConnectionCommands(ctx, { store, tree, view });
}
