import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * How the CLI changes a config on disk (`rebuild --write` and every other write): read the file
 * behind any symbolic link, keep a backup of the original bytes, then replace the file, never
 * leaving a half-written config or losing the original.
 */

/** A config read for rewriting: the path of the file itself (links resolved), its bytes and mode. */
export interface SourceFile {
  readonly real: string;
  readonly bytes: Buffer;
  readonly mode: number;
}

/** Reads `file` for rewriting; throws (with a Node error code) when it is not a readable regular file. */
export async function readSourceFile(file: string): Promise<SourceFile> {
  // Write through a symbolic link to the file it points at, not over the link itself.
  const real = await fs.realpath(file);
  const stat = await fs.stat(real);
  if (!stat.isFile()) throw Object.assign(new Error('EISDIR: not a regular file'), { code: 'EISDIR' });
  return { real, bytes: await fs.readFile(real), mode: stat.mode & 0o7777 };
}

export type WriteResult =
  | { readonly kind: 'written'; readonly backup: string }
  /** The file changed on disk since it was read: nothing was written. */
  | { readonly kind: 'changed' }
  /** Writing failed: the file is as it was. */
  | { readonly kind: 'failed'; readonly error: unknown };

/** Keeps a backup of `source`'s original bytes, then replaces the file by `next`. */
export async function replaceWithBackup(source: SourceFile, next: Buffer): Promise<WriteResult> {
  const { real, bytes, mode } = source;
  let backup: Backup | undefined;
  try {
    backup = await writeBackup(real, bytes, mode);
    // Someone else may have saved the file meanwhile: never overwrite what was not rebuilt.
    if (!(await fs.readFile(real)).equals(bytes)) {
      if (backup.created) await fs.rm(backup.path, { force: true });
      return { kind: 'changed' };
    }
    await writeAtomically(real, next, mode);
  } catch (e) {
    if (backup?.created) await fs.rm(backup.path, { force: true }).catch(() => undefined);
    return { kind: 'failed', error: e };
  }
  return { kind: 'written', backup: backup.path };
}

interface Backup {
  readonly path: string;
  /** False when an identical backup already existed (it is kept, not rewritten). */
  readonly created: boolean;
}

/**
 * Saves the original bytes next to the file: `<file>.bak`, or — when a different `<file>.bak`
 * already exists, which is never overwritten — the first free `<file>.bak.1`, `.bak.2`, …
 */
async function writeBackup(file: string, bytes: Buffer, mode: number): Promise<Backup> {
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? `${file}.bak` : `${file}.bak.${n}`;
    try {
      await writeNew(candidate, bytes, mode);
      return { path: candidate, created: true };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const existing = await fs.readFile(candidate).catch(() => undefined);
      if (existing?.equals(bytes)) return { path: candidate, created: false };
    }
  }
}

/** Creates `file` (failing with EEXIST if it exists) with `bytes`, flushed; removes it again on failure. */
async function writeNew(file: string, bytes: Buffer, mode: number): Promise<void> {
  const handle = await fs.open(file, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(mode);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true }).catch(() => undefined);
    throw e;
  }
  await handle.close();
}

/**
 * Replaces `file` by `bytes` all at once: a temporary file in the same folder (so the rename stays
 * on one file system) is written, flushed and renamed over it. On failure the temporary file is
 * removed and `file` is untouched.
 */
async function writeAtomically(file: string, bytes: Buffer, mode: number): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeNew(tmp, bytes, mode);
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** The backup's name as the user gave the file (relative stays relative); its real path behind a link. */
export function backupName(file: string, backup: string, real: string): string {
  return path.resolve(file) === real && backup.startsWith(real) ? file + backup.slice(real.length) : backup;
}
