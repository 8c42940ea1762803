import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Analysis, Catalogue, MessageArgs } from '../core';
import { localize } from '../wording';
import { FileTail, listFiles } from '../files/tail';
import { adapterFacts, adapterLogText, LogAnalyzer, logFolderFor, momentText, newestLog, type AdapterLogText, type LogFacts } from '../log';
import type { ServerContext } from './context';
import type { Logger } from './guard';
import type { ConfigLogInfo, EndpointLogInfo } from './protocol';

/**
 * What NapCat's own log says about the adapters of each config, for `napcat/endpoints` and the
 * hover. Each config's log folder is NapCat's `logs/` beside its `config/` folder, or the
 * `napcat.logFolder` setting (`logFolderFor`); in it, the log NapCat writes now (`newestLog`) is
 * read incrementally (`FileTail` feeding a `LogAnalyzer`: only appended bytes, bounded memory)
 * and followed with a watcher on the folder. When what a log says changes — another file, new
 * facts — `onChange` hears the folder, so the client is told (`napcat/endpointsChanged`).
 */

const M = {
  noFolder: 'There is no log folder at {folder}: NapCat creates it the first time it runs there.',
  noLog: 'There is no log file (*.log) in {folder} yet.',
  folderUnreadable: 'Cannot read the log folder {folder}: {reason}',
  logUnreadable: 'Cannot read the log {file}: {reason}',
  noSummary: 'This log has no network summary (“配置加载”): it does not say which adapters NapCat started.',
  summaryAt: 'NapCat’s latest network summary: {moment}.',
} satisfies Catalogue<string>;

/** Characters of a log line analysed (NapCat's error lines, stack included, are a few KiB). */
const MAX_LINE = 64 * 1024;
/** A burst of writes is read once, this long after its last change… */
const DEBOUNCE_MS = 250;
/** …but at least this often while NapCat keeps writing. */
const MAX_WAIT_MS = 1500;
/** Folders followed with a watcher; beyond, a folder is read again only when asked. */
const MAX_WATCHED = 32;
/** Folders whose log is kept (the least recently asked is dropped first). */
const MAX_FOLDERS = 64;

interface Problem {
  readonly message: string;
  readonly args: MessageArgs;
}

interface FolderState {
  tail?: FileTail<LogAnalyzer>;
  problem?: Problem;
  readAt?: number;
  signature?: string;
  watcher?: fs.FSWatcher;
  /** What the watcher watches: the folder, or its parent while the folder does not exist. */
  watched?: string;
  timer?: NodeJS.Timeout;
  burstStart?: number;
  /** The refresh in progress: requests and change events wait for it instead of reading again. */
  refreshing?: Promise<void>;
}

/** One config's log: the per-config part of `napcat/endpoints` and each adapter's facts by id. */
export interface ConfigLog {
  readonly info: ConfigLogInfo;
  /**
   * What the log says of each adapter of `analysis`, by `EndpointInfo.id` (`<kind>[<index>]`).
   * Asked with an analysis taken after the log was read: an analysis is used in the turn it was
   * taken in (lsp/documents.ts).
   */
  adapters(analysis: Analysis): ReadonlyMap<string, EndpointLogInfo>;
}

export class LogWatch {
  private readonly folders = new Map<string, FolderState>();
  private disposed = false;

  /**
   * @param onChange what a folder's log says changed (new facts, another log, a problem), whether
   * a change event or a request read it.
   */
  constructor(
    private readonly log: Logger,
    private readonly onChange: (folder: string) => void,
  ) {}

  /**
   * The log of the config at `uri` (a `file:` URI; others have none), and what it says of each
   * adapter of an analysis of it. `setting` is `napcat.logFolder`, `base` the workspace folder (a
   * path) that a relative setting is resolved against.
   */
  async forConfig(uri: string, setting: string, base: string | undefined): Promise<ConfigLog | undefined> {
    let configFile: string;
    try {
      if (!uri.startsWith('file:')) return undefined;
      configFile = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const choice = logFolderFor(toSlashes(configFile), setting, base !== undefined ? toSlashes(base) : undefined);
    const folder = path.normalize(choice.folder);
    const state = await this.read(folder);
    const facts = state.tail?.sink?.facts();
    const file = state.tail?.file;
    const info: ConfigLogInfo = {
      folder,
      fromSetting: choice.fromSetting,
      ...(file !== undefined && !state.problem && { uri: pathToFileURL(file).toString(), fileName: path.basename(file), modified: state.tail!.modifiedMs }),
      ...(state.readAt !== undefined && { readAt: state.readAt }),
      ...(facts?.summary && { summary: { line: facts.summary.at.line, ...(facts.summary.at.time !== undefined && { time: facts.summary.at.time }) } }),
      note: state.problem
        ? localize(state.problem.message, state.problem.args)
        : facts?.summary
          ? localize(M.summaryAt, { moment: momentText(facts.summary.at) })
          : localize(M.noSummary),
      ...(state.problem && { problem: true as const }),
    };
    const adapters = (analysis: Analysis): ReadonlyMap<string, EndpointLogInfo> => {
      const byId = new Map<string, EndpointLogInfo>();
      if (facts && file !== undefined && !state.problem) {
        const logUri = pathToFileURL(file).toString();
        const table = adapterFacts(facts, analysis.model, analysis.version);
        for (const row of table.rows) {
          const text: AdapterLogText = adapterLogText(row, table.summary);
          byId.set(entryId(row.kind, row.index), { uri: logUri, ...text });
        }
      }
      return byId;
    };
    return { info, adapters };
  }

  /** Stops following every folder. */
  dispose(): void {
    this.disposed = true;
    for (const state of this.folders.values()) {
      clearTimeout(state.timer);
      state.watcher?.close();
    }
    this.folders.clear();
  }

  /** The folder's state after reading what was appended since the last read. */
  private async read(folder: string): Promise<FolderState> {
    let state = this.folders.get(folder);
    // Most recently asked last: a settings change or a closed workspace leaves folders no one asks for.
    if (state) this.folders.delete(folder);
    else state = {};
    this.folders.set(folder, state);
    for (const [old, s] of this.folders) {
      if (this.folders.size <= MAX_FOLDERS) break;
      clearTimeout(s.timer);
      s.watcher?.close();
      this.folders.delete(old);
    }
    await this.refresh(folder, state);
    return state;
  }

  /**
   * One refresh at a time per folder: the configs of a folder listed together (a request for
   * thousands) share the refresh in progress instead of each reading again.
   */
  private async refresh(folder: string, state: FolderState): Promise<boolean> {
    if (state.refreshing) {
      await state.refreshing;
      return false;
    }
    let changed = false;
    const run = (async () => {
      changed = await this.readFolder(folder, state);
    })();
    state.refreshing = run;
    try {
      await run;
    } finally {
      state.refreshing = undefined;
    }
    return changed;
  }

  /** Lists the folder, reads its newest log; true when what it says changed. */
  private async readFolder(folder: string, state: FolderState): Promise<boolean> {
    const listing = await listFiles(folder);
    if (listing.kind === 'missing') {
      state.tail = undefined;
      state.problem = { message: M.noFolder, args: { folder } };
      this.watch(folder, state, path.dirname(folder));
    } else if (listing.kind === 'unreadable') {
      state.tail = undefined;
      state.problem = { message: M.folderUnreadable, args: { folder, reason: listing.reason } };
    } else {
      this.watch(folder, state, folder);
      const newest = newestLog(listing.files);
      if (!newest) {
        state.tail = undefined;
        state.problem = { message: M.noLog, args: { folder } };
      } else {
        const file = path.join(folder, newest.name);
        if (state.tail?.file !== file) state.tail = new FileTail(file, () => new LogAnalyzer({ links: false, maxLineLength: MAX_LINE }));
        const update = await state.tail.update();
        if (update.kind === 'unreadable') state.problem = { message: M.logUnreadable, args: { file, reason: update.reason } };
        else {
          state.problem = undefined;
          if (update.kind !== 'unchanged' || state.readAt === undefined) state.readAt = Date.now();
        }
      }
    }
    const facts: LogFacts | undefined = state.problem ? undefined : state.tail?.sink?.facts();
    const signature = JSON.stringify([state.tail?.file, state.problem, facts]);
    const changed = state.signature !== undefined && signature !== state.signature;
    state.signature = signature;
    // Whoever read it (a change event, a request), the configs of this folder read differently now.
    if (changed && !this.disposed) this.onChange(folder);
    return changed;
  }

  /** Follows `target` (the folder, or its parent until the folder exists) for changes of `folder`. */
  private watch(folder: string, state: FolderState, target: string): void {
    if (this.disposed || state.watched === target) return;
    state.watcher?.close();
    state.watcher = undefined;
    state.watched = undefined;
    const watchedNow = [...this.folders.values()].filter((s) => s.watcher).length;
    if (watchedNow >= MAX_WATCHED) return;
    try {
      // Not persistent: a watcher never keeps the server alive after its client is gone.
      const watcher = fs.watch(target, { persistent: false }, () => this.schedule(folder, state));
      watcher.on('error', () => {
        watcher.close();
        if (state.watcher === watcher) {
          state.watcher = undefined;
          state.watched = undefined;
        }
      });
      state.watcher = watcher;
      state.watched = target;
    } catch {
      // The parent is missing too, or the system has no watcher to spare: read when asked.
    }
  }

  /** A change in a followed folder: read once the burst of writes settles (at most `MAX_WAIT_MS` late). */
  private schedule(folder: string, state: FolderState): void {
    if (this.disposed) return;
    const now = Date.now();
    state.burstStart ??= now;
    clearTimeout(state.timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, state.burstStart + MAX_WAIT_MS - now));
    state.timer = setTimeout(() => {
      state.timer = undefined;
      state.burstStart = undefined;
      if (this.folders.get(folder) !== state) return;
      this.refresh(folder, state).catch((e: unknown) => this.log.error(`Reading the log folder ${folder} failed`, e));
    }, wait);
    state.timer.unref?.();
  }
}

/** The id of a `network` entry, as `EndpointInfo.id` has it (`websocketClients[0]`). */
export function entryId(kind: string, index: number): string {
  return `${kind}[${index}]`;
}

/** A path with `/` separators, as the log layer's path rules take it. */
function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * The log of the config `uri` with the settings that apply to it: `napcat.logFolder`, relative to
 * the workspace folder that holds the config.
 */
export async function configLog(ctx: ServerContext, uri: string): Promise<ConfigLog | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  const settings = await ctx.settings.get(uri);
  let base: string | undefined;
  if (settings.logFolder !== '') {
    const folders = await ctx.workspaceFolders();
    // The innermost workspace folder that holds the config.
    const holding = folders.filter((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`)).sort((a, b) => b.length - a.length)[0];
    try {
      base = holding !== undefined ? fileURLToPath(holding) : undefined;
    } catch {
      base = undefined;
    }
  }
  return ctx.logWatch.forConfig(uri, settings.logFolder, base);
}
