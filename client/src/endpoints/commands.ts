import * as path from 'node:path';
import * as vscode from 'vscode';
import { logFolderOf, type ConfigInfo, type EndpointInfo, type EndpointResult } from '../../../server/src/lsp/protocol';
import { Config } from '../config';
import type { Ctx } from '../ctx';
import { translate as t } from './l10n';
import { endpointAt, fileLabel, formatMs, resultKey, shortResult, summaryText, type TreeNode } from './model';
import { NotRunningError, type EndpointsStore } from './store';
import { VIEW_ID } from './tree';

/** What the NapCat view's commands share: the store and the probe log ("NapCat" output channel). */
export interface EndpointsFeature {
  readonly store: EndpointsStore;
  readonly probeLog: vscode.LogOutputChannel;
  /** The status-bar message of the last single test, replaced by the next one. */
  lastStatus?: vscode.Disposable;
}

/** Command factories: each takes the context and the feature and returns the command's implementation. */
type CommandFactory = (ctx: Ctx, feature: EndpointsFeature) => (...args: unknown[]) => unknown;

interface EndpointRef {
  readonly uri: string;
  readonly id: string;
}

type Target = { readonly uri: string; readonly ids?: readonly string[] };

/**
 * `napcat.testEndpoint`: from a tree item, a code lens (`uri`, `id`), the entry at the cursor, or a
 * pick. The result shows in the tree, the code lens, the output channel and, for a few seconds, the
 * status bar: no notification, so tests one after another never pile notifications up.
 */
const testEndpoint: CommandFactory = (ctx, f) => async (...args: unknown[]) => {
  const ref = refOf(args) ?? (await refAtCursor(f.store)) ?? (await pickEndpoint(f.store));
  if (!ref) return;
  const results = await runProbes(ctx, f, [{ uri: ref.uri, ids: [ref.id] }], 'one');
  if (!results) return;
  const r = results[0];
  if (!r) {
    void vscode.window.showWarningMessage(t('This entry is no longer in the config.'));
    return;
  }
  f.lastStatus?.dispose();
  const icon = r.failed ? '$(error)' : '$(pass)';
  f.lastStatus = vscode.window.setStatusBarMessage(`${icon} ${t('{name}: {result}', { name: r.name, result: shortResult(r) })}`, STATUS_MS);
};

/** How long a single test's result stays in the status bar. */
const STATUS_MS = 8000;

/** `napcat.testFile`: every entry of one config (tree item, explorer/editor resource, active editor, or a pick). */
const testFile: CommandFactory = (ctx, f) => async (...args: unknown[]) => {
  const uri = fileOf(args) ?? (await activeConfig(f.store))?.uri ?? (await pickConfig(f.store))?.uri;
  if (!uri) return;
  const results = await runProbes(ctx, f, [{ uri }], 'many');
  if (results) reportRun(f, results);
};

/** `napcat.testAll`: every entry of every NapCat config of the workspace and of the open editors. */
const testAll: CommandFactory = (ctx, f) => async () => {
  await f.store.ensureLoaded();
  await f.store.refreshAll();
  const configs = f.store.configList;
  if (configs.length === 0) {
    void vscode.window.showInformationMessage(t('No NapCat config found in this workspace.'));
    return;
  }
  const results = await runProbes(ctx, f, configs.map((c) => ({ uri: c.uri })), 'many');
  if (results) reportRun(f, results);
};

const refresh: CommandFactory = (_ctx, f) => () =>
  vscode.window.withProgress({ location: { viewId: VIEW_ID } }, async () => {
    await f.store.ensureLoaded();
    await f.store.refreshAll();
  });

/** `napcat.copyEndpointUrl`: the URL to reach the entry, secrets masked (they never leave the server). */
const copyEndpointUrl: CommandFactory = (_ctx, f) => async (...args: unknown[]) => {
  const ref = refOf(args) ?? (await refAtCursor(f.store)) ?? (await pickEndpoint(f.store));
  if (!ref) return;
  const entry = await endpointOf(f.store, ref);
  if (!entry?.url) {
    void vscode.window.showWarningMessage(t('{name} has no address to copy.', { name: entry?.name ?? ref.id }));
    return;
  }
  await vscode.env.clipboard.writeText(entry.url);
  if (entry.url.includes('…')) {
    void vscode.window.showInformationMessage(t('Copied {url}. Secrets in the URL are masked; copy them from the config when you need them.', { url: entry.url }));
  } else {
    vscode.window.setStatusBarMessage(t('Copied {url}', { url: entry.url }), 4000);
  }
};

/**
 * `napcat.openLogFolder`: the folder the server reads the config's log from (the setting
 * `napcat.logFolder`, else NapCat's `logs/` beside its `config/` folder: `logFolderOf`).
 */
const openLogFolder: CommandFactory = (_ctx, f) => async (...args: unknown[]) => {
  const uri = fileOf(args) ?? (await activeConfig(f.store))?.uri ?? (await pickConfig(f.store))?.uri;
  if (!uri) return;
  const file = vscode.Uri.parse(uri);
  if (file.scheme !== 'file') {
    void vscode.window.showInformationMessage(t('Save the config first: its log folder is found beside the folder it is saved in.'));
    return;
  }
  const folder = f.store.config(uri)?.log?.folder;
  const logs = folder !== undefined ? vscode.Uri.file(folder) : file.with({ path: logFolderOf(file.path) });
  let isFolder = false;
  try {
    isFolder = ((await vscode.workspace.fs.stat(logs)).type & vscode.FileType.Directory) !== 0;
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    void vscode.window.showInformationMessage(
      t('There is no log folder at {path}. NapCat writes its logs to the logs folder beside its config folder; it appears once NapCat has run there.', { path: logs.fsPath }),
    );
    return;
  }
  if (vscode.workspace.getWorkspaceFolder(logs)) await vscode.commands.executeCommand('revealInExplorer', logs);
  else await vscode.commands.executeCommand('revealFileInOS', logs);
};

/**
 * `napcat.openLog` (an entry or a file of the view): the NapCat log the server read for the
 * config, at the line that says what the entry's facts say (its last error, else the summary line
 * that lists it), or at the latest network summary for a file.
 */
const openLog: CommandFactory = (_ctx, f) => async (...args: unknown[]) => {
  const uri = fileOf(args) ?? (await activeConfig(f.store))?.uri ?? (await pickConfig(f.store))?.uri;
  if (!uri) return;
  const ref = refOf(args);
  const config = (await f.store.fetch(uri)) ?? f.store.config(uri);
  const entry = ref ? config?.endpoints.find((e) => e.id === ref.id) : undefined;
  const logUri = entry?.log?.uri ?? config?.log?.uri;
  if (!config?.log || logUri === undefined) {
    void vscode.window.showInformationMessage(config?.log?.note ?? t('No NapCat log was read for this config.'));
    return;
  }
  const line = entry?.log?.line ?? config.log.summary?.line;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(logUri));
  const at = new vscode.Range(line ?? 0, 0, line ?? 0, 0);
  const editor = await vscode.window.showTextDocument(doc, { selection: at, preview: true });
  editor.revealRange(at, vscode.TextEditorRevealType.InCenter);
};

/** `napcat.revealEndpoint` (a tree item's click): the entry in the editor, selected. */
const revealEndpoint: CommandFactory = (_ctx, f) => async (...args: unknown[]) => {
  const ref = refOf(args);
  if (!ref) return;
  const entry = await endpointOf(f.store, ref);
  if (!entry) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
  const range = new vscode.Range(entry.range.start.line, entry.range.start.character, entry.range.end.line, entry.range.end.character);
  const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: true, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
};

/** `napcat.showProbeResult` (the result code lens): the full reason of the last result. */
const showProbeResult: CommandFactory = (_ctx, f) => (...args: unknown[]) => {
  const ref = refOf(args);
  const r = ref && f.store.results.get(resultKey(ref.uri, ref.id));
  if (!r) return;
  const text = t('{name}: {result}. {detail}', { name: r.name, result: shortResult(r), detail: r.detail });
  if (r.failed) void vscode.window.showWarningMessage(text);
  else void vscode.window.showInformationMessage(text);
};

/** `napcat.openConfig` (the welcome view's button). */
const openConfig: CommandFactory = () => async () => {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: t('Open NapCat Config'),
    filters: { [t('NapCat OneBot config')]: ['json', 'json5', 'jsonc'] },
  });
  if (picked?.[0]) await vscode.window.showTextDocument(picked[0]);
};

/** Command ids (as contributed in package.json) → factories. */
export const ENDPOINT_COMMANDS: Readonly<Record<string, CommandFactory>> = {
  'napcat.testEndpoint': testEndpoint,
  'napcat.testFile': testFile,
  'napcat.testAll': testAll,
  'napcat.refreshEndpoints': refresh,
  'napcat.copyEndpointUrl': copyEndpointUrl,
  'napcat.openLogFolder': openLogFolder,
  'napcat.openLog': openLog,
  'napcat.revealEndpoint': revealEndpoint,
  'napcat.showProbeResult': showProbeResult,
  'napcat.openConfig': openConfig,
};

export function registerEndpointCommands(ctx: Ctx, feature: EndpointsFeature): void {
  for (const [id, factory] of Object.entries(ENDPOINT_COMMANDS)) ctx.own(vscode.commands.registerCommand(id, factory(ctx, feature)));
}

// ---------------------------------------------------------------------------------------------
// Running probes

/**
 * Probes `targets` in the server after asking for workspace trust, with progress (a cancellable
 * notification for runs of several entries) and one log line per result. Undefined when nothing
 * ran (not trusted, no server).
 */
async function runProbes(ctx: Ctx, f: EndpointsFeature, targets: readonly Target[], mode: 'one' | 'many'): Promise<EndpointResult[] | undefined> {
  if (!(await ensureTrusted())) return undefined;
  if (!(await ctx.startedClient())) {
    void vscode.window.showErrorMessage(t('The NapCat language server is not running. Run "NapCat: Restart Language Server" and try again.'));
    return undefined;
  }
  const settings = new Config();
  // Count what will be probed, for the progress (a file from the explorer may not be listed yet).
  const counts = await Promise.all(targets.map(async (x) => x.ids?.length ?? (f.store.config(x.uri) ?? (await f.store.fetch(x.uri)))?.endpoints.length ?? 0));
  const total = Math.max(1, counts.reduce((a, b) => a + b, 0));
  // X-Self-ID is a per-folder setting: one request per distinct value.
  const bySelfId = new Map<string, Target[]>();
  for (const target of targets) {
    const selfId = new Config(vscode.Uri.parse(target.uri)).selfId ?? '';
    bySelfId.set(selfId, [...(bySelfId.get(selfId) ?? []), target]);
  }
  const name = mode === 'one' && targets[0]?.ids?.[0] !== undefined ? endpointName(f.store, targets[0].uri, targets[0].ids[0]) : undefined;
  const title = mode === 'one' ? t('Testing {name}…', { name: name ?? targets[0]?.ids?.[0] ?? '' }) : t('Testing NapCat endpoints…');
  try {
    return await vscode.window.withProgress(
      { location: mode === 'one' ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title, cancellable: mode === 'many' },
      async (progress, token) => {
        let done = 0;
        const onResult = (r: EndpointResult) => {
          done++;
          logResult(f, r);
          progress.report({ increment: 100 / total, message: `${Math.min(done, total)}/${total}` });
        };
        const runs = [...bySelfId].map(([selfId, group]) =>
          f.store.probe(
            {
              targets: group,
              timeoutMs: settings.probeTimeoutMs,
              concurrency: settings.probeConcurrency,
              ...(selfId ? { selfId } : {}),
              includeDisabled: mode === 'one',
            },
            token,
            onResult,
          ),
        );
        const results = (await Promise.all(runs)).flat();
        if (token.isCancellationRequested) f.probeLog.info(`cancelled after ${done} of ${total}`);
        return results;
      },
    );
  } catch (e) {
    if (e instanceof NotRunningError) {
      void vscode.window.showErrorMessage(t('The NapCat language server is not running. Run "NapCat: Restart Language Server" and try again.'));
      return undefined;
    }
    f.probeLog.error(`probe failed: ${String(e)}`);
    void vscode.window.showErrorMessage(t('Testing failed: {error}', { error: e instanceof Error ? e.message : String(e) }));
    return undefined;
  }
}

/** Probing contacts the addresses written in the config: only in a trusted workspace. */
async function ensureTrusted(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = t('Manage Workspace Trust');
  const choice = await vscode.window.showWarningMessage(
    t('Testing a connection contacts the addresses written in the config. This workspace is in Restricted Mode: trust it first, then test again.'),
    { modal: true },
    manage,
  );
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/**
 * One line per probe: file, entry, URL (secrets masked), result, latency, and what the result
 * means, which for a success says what the test did to the other side (a reverse WebSocket's
 * test account, for one).
 */
function logResult(f: EndpointsFeature, r: EndpointResult): void {
  const file = path.posix.basename(vscode.Uri.parse(r.uri).path);
  const line = `${file} · ${r.name} (${r.id}) · ${r.endpoint || '—'} · ${r.label} · ${formatMs(r.result.latencyMs)} — ${r.detail}`;
  if (r.failed) f.probeLog.warn(line);
  else f.probeLog.info(line);
}

function reportRun(f: EndpointsFeature, results: readonly EndpointResult[]): void {
  if (results.length === 0) {
    void vscode.window.showInformationMessage(t('There is no adapter entry to test.'));
    return;
  }
  const cancelled = results.filter((r) => r.result.kind === 'cancelled').length;
  const tested = results.filter((r) => r.result.kind !== 'skipped' && r.result.kind !== 'cancelled');
  const summary = {
    answering: tested.filter((r) => r.result.kind === 'ok').length,
    tested: tested.length,
    failing: tested.filter((r) => r.failed).length,
  };
  // Cancelled before any answer: only say so ("0 of 0 answering" tells nothing).
  let text = summary.tested > 0 || cancelled === 0 ? summaryText(summary, t) : '';
  if (cancelled > 0) text = `${t('Cancelled: {count} endpoints were not tested.', { count: cancelled })} ${text}`.trim();
  const showLog = t('Show Log');
  const shown = summary.failing > 0 ? vscode.window.showWarningMessage(text, showLog) : vscode.window.showInformationMessage(text);
  void Promise.resolve(shown).then((choice) => choice === showLog && f.probeLog.show(true));
}

// ---------------------------------------------------------------------------------------------
// Arguments

function isNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'type' in value && 'uri' in value && typeof (value as { uri: unknown }).uri === 'string';
}

/** The entry named by a command's arguments: a tree item, (`uri`, `id`), or `{ uri, id }`. */
function refOf(args: readonly unknown[]): EndpointRef | undefined {
  const [a, b] = args;
  if (isNode(a) && a.type === 'endpoint') return { uri: a.uri, id: a.endpoint.id };
  if (typeof b === 'string' && (typeof a === 'string' || a instanceof vscode.Uri)) return { uri: a.toString(), id: b };
  if (typeof a === 'object' && a !== null && typeof (a as EndpointRef).uri === 'string' && typeof (a as EndpointRef).id === 'string') {
    return { uri: (a as EndpointRef).uri, id: (a as EndpointRef).id };
  }
  return undefined;
}

/** The config named by a command's arguments: any tree item, a resource (explorer, editor title), a URI string. */
function fileOf(args: readonly unknown[]): string | undefined {
  const [a] = args;
  if (isNode(a)) return a.uri;
  if (a instanceof vscode.Uri) return a.toString();
  if (typeof a === 'string') return a;
  return undefined;
}

async function activeConfig(store: EndpointsStore): Promise<ConfigInfo | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  return doc ? store.fetch(doc.uri.toString()) : undefined;
}

/** The entry under the cursor of the active editor. */
async function refAtCursor(store: EndpointsStore): Promise<EndpointRef | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const config = await store.fetch(editor.document.uri.toString());
  const at = editor.selection.active;
  const entry = config && endpointAt(config, at.line, at.character);
  return entry && entry.kind !== 'plugins' ? { uri: config.uri, id: entry.id } : undefined;
}

/** The entry as the server describes it now (fresh ranges), else as last listed. */
async function endpointOf(store: EndpointsStore, ref: EndpointRef): Promise<EndpointInfo | undefined> {
  const config = (await store.fetch(ref.uri)) ?? store.config(ref.uri);
  return config?.endpoints.find((e) => e.id === ref.id);
}

function endpointName(store: EndpointsStore, uri: string, id: string): string | undefined {
  return store.config(uri)?.endpoints.find((e) => e.id === id)?.name;
}

async function pickConfig(store: EndpointsStore): Promise<ConfigInfo | undefined> {
  await store.ensureLoaded();
  const configs = store.configList.sort((a, b) => fileLabel(a).localeCompare(fileLabel(b)));
  if (configs.length === 0) {
    void vscode.window.showInformationMessage(t('No NapCat config found in this workspace.'));
    return undefined;
  }
  if (configs.length === 1) return configs[0];
  const picked = await vscode.window.showQuickPick(
    configs.map((c) => ({ label: fileLabel(c), description: c.fileName, detail: vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri)), config: c })),
    { placeHolder: t('Choose a NapCat config') },
  );
  return picked?.config;
}

async function pickEndpoint(store: EndpointsStore): Promise<EndpointRef | undefined> {
  await store.ensureLoaded();
  const items = store.configList
    .sort((a, b) => fileLabel(a).localeCompare(fileLabel(b)))
    .flatMap((c) =>
      c.endpoints
        .filter((e) => e.kind !== 'plugins')
        .map((e) => ({ label: e.name, description: e.endpoint, detail: `${fileLabel(c)} · ${e.kind}`, ref: { uri: c.uri, id: e.id } })),
    );
  if (items.length === 0) {
    void vscode.window.showInformationMessage(t('No NapCat config found in this workspace.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: t('Choose an endpoint'), matchOnDescription: true, matchOnDetail: true });
  return picked?.ref;
}
