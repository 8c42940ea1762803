import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isConfigFileName, mayBeNapCatConfig, type Analysis, type SiblingFile } from '../core';
import { SiblingFiles } from '../files/siblings';
import { decodeConfig, notRegular, readCounted, readRegularFile, reasonOf, type Refusal } from './read';

export { reasonOf } from './read';

/**
 * Turns the paths of the command line into the config files to check (`logFiles` below: into the
 * log files to read). A file named explicitly is always checked; `-` is standard input; a
 * directory is walked for NapCat configs (by file name, or by content for other
 * .json/.json5/.jsonc files). Only regular files are read (read.ts), never more than `maxBytes`.
 * Never throws: problems become `unreadable` items so the other paths are still checked.
 */
export type Collected =
  | {
      readonly kind: 'file';
      readonly path: string;
      readonly text: string;
      readonly analysis: Analysis;
      /** Byte sequences that were not UTF-8, read as U+FFFD (as NapCat reads them). */
      readonly replaced: number;
    }
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

/** How standard input (`-`) is named in the output. */
export const STDIN = '<stdin>';

export interface CollectOptions {
  /** Files (and standard input) larger than this many bytes are not read. */
  readonly maxBytes: number;
  /** Standard input, read when a path is `-`. */
  readonly stdin: () => AsyncIterable<string | Buffer>;
}

export async function* collect(
  paths: readonly string[],
  analyzeText: AnalyzeText,
  options: CollectOptions,
): AsyncGenerator<Collected> {
  const folders = new Folders();
  const { maxBytes } = options;
  for (const p of paths) {
    if (p === '-') {
      const bytes = await readCounted(options.stdin(), maxBytes).catch((e: unknown): Refusal => ({ reason: reasonOf(e) }));
      const read = 'reason' in bytes ? bytes : decodeConfig(bytes);
      yield 'reason' in read
        ? { kind: 'unreadable', path: STDIN, reason: read.reason }
        : { kind: 'file', path: STDIN, text: read.text, replaced: read.replaced, analysis: analyzeText(read.text, STDIN, []) };
      continue;
    }
    const stat = await statOf(p);
    if ('reason' in stat) {
      yield { kind: 'unreadable', path: p, reason: stat.reason };
      continue;
    }
    if (stat.isDirectory()) {
      let found = false;
      for await (const item of walk(p, analyzeText, folders, maxBytes)) {
        // A config that could not be read was found all the same: its reason is enough.
        if (item.kind !== 'nothing-found') found = true;
        yield item;
      }
      if (!found) yield { kind: 'nothing-found', path: p };
    } else {
      const read = await readConfig(p, maxBytes);
      yield 'reason' in read
        ? { kind: 'unreadable', path: p, reason: read.reason }
        : { kind: 'file', path: p, text: read.text, replaced: read.replaced, analysis: analyzeText(read.text, p, await folders.siblings(p)) };
    }
  }
}

async function* walk(dir: string, analyzeText: AnalyzeText, folders: Folders, maxBytes: number): AsyncGenerator<Collected> {
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
    // A pipe or a device with a config's name is reported, never opened (a pipe would block).
    const why = notRegular(stat);
    if (why) {
      yield { kind: 'unreadable', path: full, reason: why };
      continue;
    }
    // A file whose name says nothing and which is bigger than the limit is not a config.
    if (!byName && stat.size > maxBytes) continue;
    const read = await readConfig(full, maxBytes);
    if ('reason' in read) {
      yield { kind: 'unreadable', path: full, reason: read.reason };
      continue;
    }
    if (!byName && !mayBeNapCatConfig(read.text)) continue;
    const analysis = analyzeText(read.text, full, await folders.siblings(full));
    if (!byName && (analysis.model.shape === 'unknown' || analysis.model.shape === 'empty')) continue;
    yield { kind: 'file', path: full, text: read.text, replaced: read.replaced, analysis };
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
 * by the caller, as streams). `-` is standard input; a file named explicitly is always read (if
 * it is a regular file: a pipe is read through `-`); a directory means every `*.log` file below it (NapCat's `logs/` folder, or the
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
      // A named pipe would block until someone writes to it: pipes are read through `-` only.
      const why = notRegular(stat);
      yield why ? { kind: 'unreadable', path: p, reason: why } : { kind: 'file', path: p };
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

/** The text of the config file `file` as NapCat reads it, or why it is not read. */
async function readConfig(file: string, maxBytes: number): Promise<ReturnType<typeof decodeConfig>> {
  const read = await readRegularFile(file, maxBytes);
  return 'reason' in read ? read : decodeConfig(read.bytes);
}
