import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isSiblingFileName, type SiblingFile } from '../core/siblings';

/**
 * The side files of a config folder on disk (`webui.json`, the other accounts'
 * `onebot11_<uin>.json`), for the cross-file checks of the CLI and the language server.
 */

/** Largest sibling file read; NapCat's own side files are a few KiB. */
const MAX_SIBLING_BYTES = 10 * 1024 * 1024;

/**
 * Reads the sibling files of folders. Each `read` lists the folder and stats the few matching
 * files; a file's text is read again only when its mtime or size changed. Never throws: what
 * cannot be read is left out (the checks that need it are skipped).
 */
export class SiblingFiles {
  private readonly texts = new Map<string, { mtimeMs: number; size: number; text: string }>();

  async read(dir: string): Promise<readonly SiblingFile[]> {
    let names: string[];
    try {
      names = (await fs.readdir(dir)).filter(isSiblingFileName).sort();
    } catch {
      return [];
    }
    const files: SiblingFile[] = [];
    for (const name of names) {
      const full = path.join(dir, name);
      try {
        const stat = await fs.stat(full);
        if (!stat.isFile() || stat.size > MAX_SIBLING_BYTES) continue;
        let hit = this.texts.get(full);
        if (!hit || hit.mtimeMs !== stat.mtimeMs || hit.size !== stat.size) {
          hit = { mtimeMs: stat.mtimeMs, size: stat.size, text: (await fs.readFile(full)).toString('utf8') };
          this.texts.set(full, hit);
        }
        files.push({ name, text: hit.text });
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
