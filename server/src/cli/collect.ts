import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { DEFAULT_MAX_LENGTH, isConfigFileName, localize, mayBeNapCatConfig, type Analysis, type Catalogue, type SiblingFile } from '../core';
import { SiblingFiles } from '../files/siblings';

/**
 * Turns the paths of the command line into the config files to check (`logFiles` below: into the
 * log files to read). A file named explicitly is always checked; a directory is walked for NapCat
 * configs (by file name, or by content for other .json/.json5/.jsonc files). Never throws:
 * problems become `unreadable` items so the other paths are still checked.
 */
export type Collected =
  | { readonly kind: 'file'; readonly path: string; readonly text: string; readonly analysis: Analysis }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string }
  /** A directory below which no NapCat config was found. */
  | { readonly kind: 'nothing-found'; readonly path: string };

/** Directories never walked into. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** Extensions whose content is sniffed when the file name says nothing. */
const SNIFFED_EXT = /\.json[c5]?$/i;
/**
 * Analyses one config text. `siblings` are the texts of the files of its folder that the core's
 * cross-file checks read (`webui.json`, `onebot11_<uin>.json`), for `siblingFacts`.
 */
export type AnalyzeText = (text: string, file: string, siblings: readonly SiblingFile[]) => Analysis;

/** A file this large cannot be held as one string; report it instead of crashing. */
const MAX_READ_BYTES = 256 * 1024 * 1024;

const M = {
  tooLarge: 'file is larger than {mib} MiB',
} satisfies Catalogue<string>;

export async function* collect(
  paths: readonly string[],
  analyzeText: AnalyzeText,
): AsyncGenerator<Collected> {
  const folders = new Folders();
  for (const p of paths) {
    const stat = await statOf(p);
    if ('reason' in stat) {
      yield { kind: 'unreadable', path: p, reason: stat.reason };
      continue;
    }
    if (stat.isDirectory()) {
      let found = false;
      for await (const item of walk(p, analyzeText, folders)) {
        if (item.kind === 'file') found = true;
        yield item;
      }
      if (!found) yield { kind: 'nothing-found', path: p };
    } else {
      const read = await readText(p, stat.size);
      yield typeof read === 'string'
        ? { kind: 'file', path: p, text: read, analysis: analyzeText(read, p, await folders.siblings(p)) }
        : { kind: 'unreadable', path: p, reason: read.reason };
    }
  }
}

async function* walk(dir: string, analyzeText: AnalyzeText, folders: Folders): AsyncGenerator<Collected> {
  for await (const entry of entriesBelow(dir)) {
    if (entry.kind === 'unreadable') {
      yield entry;
      continue;
    }
    const full = entry.path;
    const byName = isConfigFileName(entry.name);
    if (!byName && !SNIFFED_EXT.test(entry.name)) continue;
    const stat = await statOf(full);
    if ('reason' in stat) {
      if (byName) yield { kind: 'unreadable', path: full, reason: stat.reason };
      continue;
    }
    if (!stat.isFile()) continue;
    const size = stat.size;
    // A file whose name says nothing and which is bigger than anything analysed is not a config.
    if (!byName && size > DEFAULT_MAX_LENGTH) continue;
    const read = await readText(full, size);
    if (typeof read !== 'string') {
      yield { kind: 'unreadable', path: full, reason: read.reason };
      continue;
    }
    if (!byName && !mayBeNapCatConfig(read)) continue;
    const analysis = analyzeText(read, full, await folders.siblings(full));
    if (!byName && (analysis.model.shape === 'unknown' || analysis.model.shape === 'empty')) continue;
    yield { kind: 'file', path: full, text: read, analysis };
  }
}

type Entry =
  | { readonly kind: 'entry'; readonly path: string; readonly name: string }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string };

/**
 * Everything below `dir` that is not a directory, in name order (a folder's files at its place in
 * that order), skipping `node_modules` and `.git`. Symbolic links to directories are not followed
 * (no cycles); links to files are listed. A folder that cannot be listed is an `unreadable` entry.
 */
async function* entriesBelow(dir: string): AsyncGenerator<Entry> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield { kind: 'unreadable', path: dir, reason: reasonOf(e) };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* entriesBelow(full);
      continue;
    }
    yield { kind: 'entry', path: full, name: entry.name };
  }
}

/** A log to read, a path that cannot be read, or a directory without log files. */
export type CollectedLog =
  | { readonly kind: 'file'; readonly path: string }
  /** `-`: standard input. */
  | { readonly kind: 'stdin' }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string }
  | { readonly kind: 'nothing-found'; readonly path: string };

const LOG_EXT = /\.log$/i;

/**
 * Turns the paths of the command line into the log files to read (the files themselves are read
 * by the caller, as streams). `-` is standard input; a file named explicitly is always read (a
 * named pipe too); a directory means every `*.log` file below it (NapCat's `logs/` folder, or the
 * NapCat folder that holds it), walked like the configs' folders. Never throws.
 */
export async function* logFiles(paths: readonly string[]): AsyncGenerator<CollectedLog> {
  for (const p of paths) {
    if (p === '-') {
      yield { kind: 'stdin' };
      continue;
    }
    const stat = await statOf(p);
    if ('reason' in stat) {
      yield { kind: 'unreadable', path: p, reason: stat.reason };
      continue;
    }
    if (!stat.isDirectory()) {
      yield { kind: 'file', path: p };
      continue;
    }
    let found = false;
    for await (const entry of entriesBelow(p)) {
      if (entry.kind === 'unreadable') {
        yield entry;
        continue;
      }
      if (!LOG_EXT.test(entry.name)) continue;
      const stat = await statOf(entry.path);
      if ('reason' in stat) {
        // A `*.log` link that leads nowhere.
        yield { kind: 'unreadable', path: entry.path, reason: stat.reason };
        continue;
      }
      if (!stat.isFile()) continue;
      found = true;
      yield { kind: 'file', path: entry.path };
    }
    if (!found) yield { kind: 'nothing-found', path: p };
  }
}

/** The sibling files of each folder, listed once per run. */
class Folders {
  private readonly files = new SiblingFiles();
  private readonly read = new Map<string, Promise<readonly SiblingFile[]>>();

  siblings(file: string): Promise<readonly SiblingFile[]> {
    const dir = path.dirname(path.resolve(file));
    let list = this.read.get(dir);
    if (!list) this.read.set(dir, (list = this.files.read(dir)));
    return list;
  }
}

/** The path's status (links followed), or why it cannot be read. */
async function statOf(p: string): Promise<Stats | { readonly reason: string }> {
  try {
    return await fs.stat(p);
  } catch (e) {
    return { reason: reasonOf(e) };
  }
}

/** The file's text (UTF-8; a byte order mark is kept, the core knows it), or why it cannot be read. */
async function readText(file: string, size: number): Promise<string | { reason: string }> {
  if (size > MAX_READ_BYTES) return { reason: localize(M.tooLarge, { mib: MAX_READ_BYTES / 1024 / 1024 }) };
  try {
    return (await fs.readFile(file)).toString('utf8');
  } catch (e) {
    return { reason: reasonOf(e) };
  }
}

/** A short reason such as `ENOENT: no such file or directory` (without the path, printed anyway). */
export function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') {
    const text = typeof err.message === 'string' ? err.message : '';
    // Node's messages read "ENOENT: no such file or directory, stat 'x'": keep the part before the comma.
    const m = /^([A-Z]+: [^,]+)/.exec(text);
    return m ? m[1] : err.code;
  }
  return err instanceof Error ? err.message : String(e);
}
