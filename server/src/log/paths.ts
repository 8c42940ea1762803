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
