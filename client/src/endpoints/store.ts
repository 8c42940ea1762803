import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EndpointsChangedNotification,
  EndpointsRequest,
  ProbeRequest,
  ProbeResultNotification,
  type ConfigInfo,
  type EndpointResult,
  type ProbeParams,
} from '../../../server/src/lsp/protocol';
import { Config } from '../config';
import type { Ctx } from '../ctx';
import { CONFIG_GLOB, SEARCH_EXCLUDE, searchGlob } from './globs';
import { resultKey, type StoredResult } from './model';

/** Most files the view lists from a workspace search. */
const MAX_FILES = 5000;
/** Edits arrive per keystroke: the listing is asked again at most this often per burst. */
const REFRESH_DELAY_MS = 150;
/** Probe results of a big run are rendered in batches. */
const RENDER_DELAY_MS = 40;

export class NotRunningError extends Error {
  constructor() {
    super('The NapCat language server is not running.');
  }
}

/**
 * The endpoints the NapCat view, the code lenses and the status bar show: the server's listing of
 * every NapCat config (workspace files found here, open documents found by the server) and the
 * last probe result of each entry. It asks the language server and follows its notifications;
 * the view renders it and never changes it.
 */
export class EndpointsStore implements vscode.Disposable {
  private readonly configs = new Map<string, ConfigInfo>();
  /** Files found by the workspace search and the file watchers. */
  private readonly workspaceFiles = new Set<string>();
  /** Last result of each entry, by `resultKey`. */
  readonly results = new Map<string, StoredResult>();
  /** `resultKey`s of entries being probed now. */
  readonly running = new Set<string>();

  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (batched) when configs, results or running probes change. */
  readonly onDidChange = this.changed.event;

  private loaded: Promise<void> | undefined;
  private readonly pending = new Set<string>();
  private pendingAll = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private renderTimer: NodeJS.Timeout | undefined;
  /** Listeners of the probe runs in flight, by run id. */
  private readonly runs = new Map<string, (r: EndpointResult) => void>();
  private runCounter = 0;
  private bindings: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx) {
    ctx.own(ctx.onDidStartClient((client) => this.bind(client)));
    ctx.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('napcat.files') || !this.loaded) return;
        this.watch();
        this.schedule(undefined);
      }),
    );
    ctx.own(vscode.workspace.onDidChangeWorkspaceFolders(() => this.loaded && this.schedule(undefined)));
  }

  /** Every config known, in no particular order. */
  get configList(): ConfigInfo[] {
    return [...this.configs.values()];
  }

  config(uri: string): ConfigInfo | undefined {
    return this.configs.get(uri);
  }

  /** Lists the workspace once (the first time the view or a command needs it). */
  ensureLoaded(): Promise<void> {
    if (!this.loaded) {
      this.loaded = this.refreshAll();
      this.watch();
    }
    return this.loaded;
  }

  /** Searches the workspace again and asks the server about every config (starting it if needed: the view or a command asks). */
  async refreshAll(): Promise<void> {
    const client = await this.ctx.startedClient();
    if (!client) return;
    const files = await findConfigFiles();
    this.workspaceFiles.clear();
    for (const f of files) this.workspaceFiles.add(f);
    try {
      const answer = await client.sendRequest(EndpointsRequest.type, { uris: files });
      this.configs.clear();
      for (const c of answer.configs) this.configs.set(c.uri, c);
    } catch (e) {
      this.ctx.outputChannel.error(`${EndpointsRequest.method} failed: ${String(e)}`);
    }
    this.render();
  }

  /** Asks the server again about these files; files no longer open nor in the workspace are dropped. */
  async refresh(uris: readonly string[]): Promise<void> {
    const client = this.ctx.languageClient;
    if (!client) return;
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const asked = uris.filter((u) => this.workspaceFiles.has(u) || open.has(u));
    for (const u of uris) if (!asked.includes(u)) this.configs.delete(u);
    if (asked.length > 0) {
      try {
        const answer = await client.sendRequest(EndpointsRequest.type, { uris: asked, openDocuments: false });
        const found = new Map(answer.configs.map((c) => [c.uri, c]));
        for (const u of asked) {
          const c = found.get(u);
          if (c) this.configs.set(u, c);
          else this.configs.delete(u);
        }
      } catch (e) {
        this.ctx.outputChannel.error(`${EndpointsRequest.method} failed: ${String(e)}`);
      }
    }
    this.render();
  }

  /** The server's current description of one document or file, without touching the store. */
  async fetch(uri: string): Promise<ConfigInfo | undefined> {
    const client = this.ctx.languageClient;
    if (!client) return undefined;
    try {
      const answer = await client.sendRequest(EndpointsRequest.type, { uris: [uri], openDocuments: false });
      return answer.configs.find((c) => c.uri === uri);
    } catch (e) {
      this.ctx.outputChannel.error(`${EndpointsRequest.method} failed: ${String(e)}`);
      return undefined;
    }
  }

  /**
   * Probes in the server process. Each result is stored and handed to `onResult` as it arrives;
   * the entries show as running meanwhile. Cancelling `token` cancels the request (the server
   * then answers at once). Throws `NotRunningError` when there is no language server.
   */
  async probe(params: Omit<ProbeParams, 'runId'>, token: vscode.CancellationToken, onResult: (r: EndpointResult) => void): Promise<EndpointResult[]> {
    const client = this.ctx.languageClient;
    if (!client) throw new NotRunningError();
    // A config tested from its code lens before the view was ever shown: list it, for the status bar.
    const unlisted = params.targets.map((x) => x.uri).filter((u) => !this.configs.has(u));
    if (unlisted.length > 0) await this.refresh(unlisted);
    const runId = `run-${Date.now().toString(36)}-${++this.runCounter}`;
    const keys = params.targets.flatMap((t) => (t.ids ?? this.configs.get(t.uri)?.endpoints.map((e) => e.id) ?? []).map((id) => resultKey(t.uri, id)));
    for (const k of keys) this.running.add(k);
    this.render();
    const delivered = new Set<string>();
    const deliver = (r: EndpointResult) => {
      const key = resultKey(r.uri, r.id);
      if (delivered.has(key)) return;
      delivered.add(key);
      this.results.set(key, { ...r, at: Date.now() });
      this.running.delete(key);
      this.render();
      onResult(r);
    };
    this.runs.set(runId, deliver);
    try {
      const answer = await client.sendRequest(ProbeRequest.type, { ...params, runId }, token);
      // Results whose notification was not seen (a client that missed it) still count.
      for (const r of answer.results) deliver(r);
      return [...answer.results];
    } catch (e) {
      if (token.isCancellationRequested) return [];
      throw e;
    } finally {
      this.runs.delete(runId);
      for (const k of keys) this.running.delete(k);
      this.render();
    }
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    clearTimeout(this.renderTimer);
    for (const d of [...this.bindings, ...this.watchers]) d.dispose();
    this.changed.dispose();
  }

  private bind(client: LanguageClient): void {
    for (const d of this.bindings.splice(0)) d.dispose();
    this.bindings.push(
      client.onNotification(EndpointsChangedNotification.type, (p) => this.schedule(p?.uri)),
      client.onNotification(ProbeResultNotification.type, (p) => this.runs.get(p.runId)?.(p.result)),
    );
    // A restarted server: list again (results stay, but only those that still apply show).
    if (this.loaded) this.schedule(undefined);
  }

  /** Refreshes `uri` (or everything) soon, once per burst of changes. */
  private schedule(uri: string | undefined): void {
    if (uri === undefined) this.pendingAll = true;
    else this.pending.add(uri);
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      const all = this.pendingAll;
      const uris = [...this.pending];
      this.pendingAll = false;
      this.pending.clear();
      void (all ? this.refreshAll() : this.refresh(uris));
    }, REFRESH_DELAY_MS);
  }

  private render(): void {
    if (this.renderTimer) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      this.changed.fire();
    }, RENDER_DELAY_MS);
  }

  /** Watches the files the search looks for: created, changed and deleted configs show at once. */
  private watch(): void {
    for (const d of this.watchers.splice(0)) d.dispose();
    for (const pattern of searchPatterns()) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      this.watchers.push(
        watcher,
        watcher.onDidCreate((uri) => {
          this.workspaceFiles.add(uri.toString());
          this.schedule(uri.toString());
        }),
        watcher.onDidChange((uri) => this.schedule(uri.toString())),
        watcher.onDidDelete((uri) => {
          this.workspaceFiles.delete(uri.toString());
          this.schedule(uri.toString());
        }),
      );
    }
  }
}

/** NapCat's file names everywhere, and the `napcat.files` patterns of each workspace folder. */
function searchPatterns(): vscode.GlobPattern[] {
  const patterns: vscode.GlobPattern[] = [CONFIG_GLOB];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const p of new Config(folder.uri).files) {
      const glob = searchGlob(p);
      if (glob) patterns.push(new vscode.RelativePattern(folder, glob));
    }
  }
  return patterns;
}

async function findConfigFiles(): Promise<string[]> {
  const found = await Promise.all(searchPatterns().map((p) => Promise.resolve(vscode.workspace.findFiles(p, SEARCH_EXCLUDE, MAX_FILES)).catch(() => [] as vscode.Uri[])));
  return [...new Set(found.flat().map((u) => u.toString()))];
}
