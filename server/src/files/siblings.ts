import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isSiblingFileName, readSibling, type SiblingFile, type SiblingRead } from '../core/siblings';
import { formatVersion, type Version } from '../core/version';

/**
 * The side files of a config folder on disk (`webui.json`, the other accounts'
 * `onebot11_<uin>.json`), for the cross-file checks of the CLI and the language server.
 */

/** Largest sibling file read; NapCat's own side files are a few KiB. */
const MAX_SIBLING_BYTES = 10 * 1024 * 1024;

/** A sibling file with what identifies its text: one read of it from disk, or an open document's version. */
export interface StampedSiblingFile extends SiblingFile {
  /** The file's path or URI, the same for every version of it. */
  readonly key: string;
  readonly stamp: string;
}

/**
 * Reads the sibling files of folders. Each `read` lists the folder and stats the few matching
 * files; a file's text is read again only when its mtime or size changed. Never throws: what
 * cannot be read is left out (the checks that need it are skipped).
 */
export class SiblingFiles {
  private readonly texts = new Map<string, { mtimeMs: number; size: number; text: string; stamp: string }>();
  /** Counts the texts read: a text read again (even with the same mtime and size) gets a new stamp. */
  private readCount = 0;

  async read(dir: string): Promise<readonly StampedSiblingFile[]> {
    let names: string[];
    try {
      names = (await fs.readdir(dir)).filter(isSiblingFileName).sort();
    } catch {
      return [];
    }
    const files: StampedSiblingFile[] = [];
    for (const name of names) {
      const full = path.join(dir, name);
      try {
        const stat = await fs.stat(full);
        if (!stat.isFile() || stat.size > MAX_SIBLING_BYTES) continue;
        let hit = this.texts.get(full);
        if (!hit || hit.mtimeMs !== stat.mtimeMs || hit.size !== stat.size) {
          hit = { mtimeMs: stat.mtimeMs, size: stat.size, text: (await fs.readFile(full)).toString('utf8'), stamp: `disk#${++this.readCount}` };
          this.texts.set(full, hit);
        }
        files.push({ name, text: hit.text, key: full, stamp: hit.stamp });
      } catch {
        this.texts.delete(full);
      }
    }
    return files;
  }

  /**
   * Drops what was read from the folder `dir`, so the next `read` reads every file again. For a
   * change reported by a file watcher: a rewrite that keeps the size within the file system's
   * timestamp resolution (`"port": 3001` → `"port": 3002`) is not seen by the mtime check.
   */
  forget(dir: string): void {
    for (const full of this.texts.keys()) if (path.dirname(full) === dir) this.texts.delete(full);
  }
}

/**
 * What each sibling file says (`readSibling`), kept per file and read again only when the file's
 * stamp (a new read from disk, or a new document version) or the target version changes: a request for a
 * config does not parse the files beside it again.
 */
export class SiblingReads {
  private readonly cache = new Map<string, { stamp: string; read: SiblingRead | undefined }>();

  read(file: StampedSiblingFile, version: Version): SiblingRead | undefined {
    const stamp = `${file.stamp}@${formatVersion(version)}`;
    const hit = this.cache.get(file.key);
    if (hit && hit.stamp === stamp) return hit.read;
    const read = readSibling(file, version);
    this.cache.set(file.key, { stamp, read });
    return read;
  }

  /** Forgets the file `key` (closed, deleted). */
  forget(key: string): void {
    this.cache.delete(key);
  }
}
