import type { PathLink } from './links';

/**
 * Where a config path written in a log leads. A NapCat tree is `<root>/logs/*.log` beside
 * `<root>/config/*.json`, so a log in a `logs` folder knows its config folder. Paths are strings
 * with `/` separators as `uriPath` gives them (`/home/me/napcat/logs/a.log`, `c:/NapCat/logs/a.log`);
 * whether a file exists is asked through `exists`, so this stays free of I/O.
 */

export interface ResolvedPath {
  /** The file to open: absolute, `/`-separated (a Windows path keeps its drive: `C:/…`). */
  readonly path: string;
  /**
   * True when the log names another path (`/app/napcat/config/…` inside Docker) and the file of
   * the same name in the log's own config folder was taken instead.
   */
  readonly mapped: boolean;
}

/** `<root>` of a log at `<root>/logs/<name>`, or undefined when the log is not in a `logs` folder. */
export function napcatRootOf(logFile: string): string | undefined {
  const parts = logFile.split('/');
  if (parts.length < 3 || parts[parts.length - 2].toLowerCase() !== 'logs') return undefined;
  const root = parts.slice(0, -2).join('/');
  return root === '' ? '/' : root;
}

function join(dir: string, ...names: string[]): string {
  return [dir.replace(/\/+$/, ''), ...names].join('/');
}

/** A relative path to a config folder's file: a bare name, or `…/config/<name>` (`./config/…`, `napcat/config/…`). */
function inConfigFolder(path: string): boolean {
  const parts = path.split(/[\\/]/);
  return parts.length === 1 || parts[parts.length - 2].toLowerCase() === 'config';
}

/**
 * The file a path link opens, or undefined when it cannot be resolved (a relative path in a log
 * outside a `logs` folder, or one that does not lead to a config folder):
 * - an absolute path opens itself, unless it does not exist here and `<root>/config/<name>` does
 *   (a log written inside Docker, read through the mounted folder);
 * - a relative path in or under a `config` folder (or a bare file name) opens `<root>/config/<name>`.
 */
export function resolveConfigPath(link: PathLink, logFile: string | undefined, exists: (path: string) => boolean): ResolvedPath | undefined {
  const root = logFile !== undefined ? napcatRootOf(logFile) : undefined;
  const local = root !== undefined ? join(root, 'config', link.name) : undefined;
  if (link.style !== 'relative') {
    const written = link.path.replace(/\\/g, '/');
    if (exists(written)) return { path: written, mapped: false };
    if (local !== undefined && local !== written && exists(local)) return { path: local, mapped: true };
    return { path: written, mapped: false };
  }
  if (local === undefined || !inConfigFolder(link.path)) return undefined;
  return { path: local, mapped: false };
}

/**
 * The folder NapCat writes the logs of a config to: `<root>/logs` beside the config's folder
 * `<root>/config` (the inverse of `napcatRootOf`). `configFile` is absolute and `/`-separated;
 * so is the result. The one rule for "Open Log Folder" and the log facts of the language server.
 */
export function logFolderOf(configFile: string): string {
  const parts = configFile.replace(/\/+$/, '').split('/');
  // `/onebot11.json` has no parent folder to go up from: its log folder is `/logs`.
  const root = parts.slice(0, Math.max(1, parts.length - 2)).join('/');
  return join(root === '' ? '/' : root, 'logs');
}

/**
 * A file name NapCat gives its logs: `<yyyy-MM-dd>_<HH-mm-ss>[.<ms>].log`, the time NapCat
 * started (winston adds a counter before `.log` when a file reaches its size limit and it starts
 * the next one).
 */
const NAPCAT_LOG_NAME = /^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}(?:\.\d+)?\.log$/i;

export function isNapCatLogName(name: string): boolean {
  return NAPCAT_LOG_NAME.test(name);
}

/** A file of a log folder, as listed. */
export interface LogFileEntry {
  readonly name: string;
  readonly mtimeMs: number;
}

/**
 * The log NapCat is writing now, among the files of its log folder: the newest by modification
 * time of those named as NapCat names its logs; when none is, the newest `*.log` (a log saved
 * from `docker logs`, a renamed copy). Ties go to the greater name (NapCat's names sort by time).
 */
export function newestLog(files: readonly LogFileEntry[]): LogFileEntry | undefined {
  const logs = files.filter((f) => /\.log$/i.test(f.name));
  const named = logs.filter((f) => isNapCatLogName(f.name));
  let best: LogFileEntry | undefined;
  for (const f of named.length > 0 ? named : logs) {
    if (!best || f.mtimeMs > best.mtimeMs || (f.mtimeMs === best.mtimeMs && f.name > best.name)) best = f;
  }
  return best;
}

/** Where a config's log folder is, and whether the setting named it. */
export interface LogFolderChoice {
  /** Absolute and `/`-separated. */
  readonly folder: string;
  readonly fromSetting: boolean;
}

/**
 * The log folder of `configFile` (absolute, `/`-separated): the setting `napcat.logFolder` when it
 * is set — absolute, or relative to `base` (the workspace folder; the config's own folder when
 * there is none), e.g. a Docker volume's `./napcat/logs` — else NapCat's own `logFolderOf`.
 */
export function logFolderFor(configFile: string, setting: string, base: string | undefined): LogFolderChoice {
  const written = setting.trim().replace(/\\/g, '/');
  if (written === '') return { folder: logFolderOf(configFile), fromSetting: false };
  const absolute = written.startsWith('/') || /^[A-Za-z]:\//.test(written);
  const from = base ?? configFile.slice(0, Math.max(1, configFile.lastIndexOf('/')));
  return { folder: normalizePath(absolute ? written : `${from.replace(/\/+$/, '')}/${written}`), fromSetting: true };
}

/** `/a/./b/../c/` → `/a/c` (a drive letter or a leading `//` of a share is kept). */
function normalizePath(p: string): string {
  const m = /^(\/\/[^/]+|[A-Za-z]:)?(.*)$/.exec(p)!;
  const prefix = m[1] ?? '';
  const out: string[] = [];
  for (const part of m[2].split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `${prefix}/${out.join('/')}`;
}
