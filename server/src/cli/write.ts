import { type Catalogue, type Message } from '../core';
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { decodeConfig, DEFAULT_MAX_BYTES, readRegularFile, reasonOf } from './read';
import { localize } from '../wording';

/**
 * How the CLI changes a config on disk (`rebuild --write` and every other write): read the file
 * behind any symbolic link, keep a backup of the original bytes, then replace the file, never
 * leaving a half-written config or losing the original, and never changing who may read it.
 *
 * The file is normally replaced atomically: a temporary file in the same folder, with the
 * original's owner, group and mode, flushed and renamed over it. That makes a new inode, which is
 * wrong in three cases, where the file is rewritten in place instead (after the backup is on
 * disk): the file has other hard links (they would keep the old text), it is a mount point (a
 * Docker single-file bind mount: the container would keep seeing the old file, and the rename
 * fails), or its owner cannot be given to a new file (a user other than root rewriting a file it
 * may write but does not own).
 */

/** A config read for rewriting: the path of the file itself (links resolved), its bytes and status. */
export interface SourceFile {
  readonly real: string;
  readonly bytes: Buffer;
  readonly mode: number;
  readonly stat: Stats;
  /** The file is mounted on its own (its device differs from its folder's). */
  readonly mountPoint: boolean;
}

export interface ReadSourceOptions {
  /** Larger files are refused (default: `DEFAULT_MAX_BYTES`, the limit of `check`). */
  readonly maxBytes?: number;
}

/**
 * Reads `file` for rewriting; throws when it is not a readable regular file of at most `maxBytes`
 * bytes (a Node error, or an `Error` whose message is the reason, worded for the user).
 */
export async function readSourceFile(file: string, options: ReadSourceOptions = {}): Promise<SourceFile> {
  // Write through a symbolic link to the file it points at, not over the link itself.
  const real = await fs.realpath(file);
  const read = await readRegularFile(real, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if ('reason' in read) throw new Error(read.reason);
  const folder = await fs.stat(path.dirname(real));
  return { real, bytes: read.bytes, mode: read.stat.mode & 0o7777, stat: read.stat, mountPoint: folder.dev !== read.stat.dev };
}

/** A config read for rewriting and decoded as NapCat decodes it (see `decodeConfig`). */
export interface SourceConfig {
  readonly source: SourceFile;
  readonly text: string;
  /** Byte sequences that were not UTF-8 and became U+FFFD. */
  readonly replaced: number;
}

/**
 * The one way the commands that rewrite a config (`rebuild --write`, `check --fix`,
 * `connections`) read it: `readSourceFile`, then `decodeConfig`. Never throws: a file that cannot
 * be read or decoded gives the reason, worded for the user.
 */
export async function readSourceConfig(file: string, options: ReadSourceOptions = {}): Promise<SourceConfig | { readonly reason: string }> {
  let source: SourceFile;
  try {
    source = await readSourceFile(file, options);
  } catch (e) {
    return { reason: reasonOf(e) };
  }
  const decoded = decodeConfig(source.bytes);
  return 'reason' in decoded ? decoded : { source, text: decoded.text, replaced: decoded.replaced };
}

export interface WriteOptions {
  /** Rewrite a read-only file too (it stays read-only). */
  readonly force?: boolean;
}

/** A backup name that was passed over, and why. */
export interface SkippedBackup {
  readonly path: string;
  /** `link`: a symbolic link (writing there could reach the original); `same-file`: a hard link to the original. */
  readonly why: 'link' | 'same-file';
}

/** Why the file was rewritten in place (same inode) instead of replaced. */
export type InPlaceReason = 'links' | 'mount' | 'owner';

export type WriteResult =
  | {
      readonly kind: 'written';
      readonly backup: string;
      readonly skippedBackups: readonly SkippedBackup[];
      readonly inPlace: InPlaceReason | undefined;
    }
  /** The file changed on disk since it was read: nothing was written. */
  | { readonly kind: 'changed' }
  /** The file is read-only (no write permission) and `force` was not given: nothing was written. */
  | { readonly kind: 'read-only'; readonly mode: number }
  /** Writing failed: the file is as it was. */
  | { readonly kind: 'failed'; readonly error: unknown };

/** A command's own wording of the results that leave the file as it was (`{path}`; `{mode}`, `{reason}`). */
export interface WriteRefusals {
  readonly readOnly: Message;
  readonly changedMeanwhile: Message;
  readonly unwritable: Message;
}

/** Why a write left `file` as it was, in the command's words. */
export function writeRefusal(written: Exclude<WriteResult, { kind: 'written' }>, file: string, m: WriteRefusals): string {
  switch (written.kind) {
    case 'read-only':
      return localize(m.readOnly, { path: file, mode: written.mode.toString(8).padStart(4, '0') });
    case 'changed':
      return localize(m.changedMeanwhile, { path: file });
    case 'failed':
      return localize(m.unwritable, { path: file, reason: reasonOf(written.error) });
  }
}

/** Keeps a backup of `source`'s original bytes, then replaces the file by `next`. */
export async function replaceWithBackup(source: SourceFile, next: Buffer, options: WriteOptions = {}): Promise<WriteResult> {
  const { real, bytes } = source;
  if (!options.force && isReadOnly(source)) return { kind: 'read-only', mode: source.mode };
  let backup: Backup | undefined;
  try {
    backup = await writeBackup(source);
    // Someone else may have saved the file meanwhile: never overwrite what was not rebuilt.
    if (!(await fs.readFile(real)).equals(bytes)) {
      if (backup.created) await fs.rm(backup.path, { force: true });
      return { kind: 'changed' };
    }
    let inPlace: InPlaceReason | undefined = source.stat.nlink > 1 ? 'links' : source.mountPoint ? 'mount' : undefined;
    if (!inPlace) inPlace = await writeAtomically(source, next);
    if (inPlace) await writeInPlace(real, next);
    return { kind: 'written', backup: backup.path, skippedBackups: backup.skipped, inPlace };
  } catch (e) {
    if (backup?.created) await fs.rm(backup.path, { force: true }).catch(() => undefined);
    return { kind: 'failed', error: e };
  }
}

/**
 * The file is marked read-only: no write permission for anyone (what `chmod a-w` and editors'
 * "read-only" make). A file this process may not write for other reasons fails with EACCES.
 */
function isReadOnly(source: SourceFile): boolean {
  return (source.mode & 0o222) === 0;
}

interface Backup {
  readonly path: string;
  /** False when an identical backup already existed (it is kept, not rewritten). */
  readonly created: boolean;
  readonly skipped: readonly SkippedBackup[];
}

/**
 * Saves the original bytes next to the file: `<file>.bak`, or — when a different `<file>.bak`
 * already exists, which is never overwritten — the first free `<file>.bak.1`, `.bak.2`, … A name
 * that is a symbolic link, or another name of the file itself, is never used, not even as an
 * "identical backup": it would not keep the original once the file is rewritten.
 */
async function writeBackup(source: SourceFile): Promise<Backup> {
  const skipped: SkippedBackup[] = [];
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? `${source.real}.bak` : `${source.real}.bak.${n}`;
    try {
      // `wx` (O_CREAT | O_EXCL) never follows a symbolic link, even a dangling one.
      await writeNew(candidate, source.bytes, source);
      await syncFolder(candidate);
      return { path: candidate, created: true, skipped };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const stat = await fs.lstat(candidate).catch(() => undefined);
      if (stat?.isSymbolicLink()) skipped.push({ path: candidate, why: 'link' });
      else if (stat && stat.dev === source.stat.dev && stat.ino === source.stat.ino) skipped.push({ path: candidate, why: 'same-file' });
      else if (stat?.isFile() && (await fs.readFile(candidate)).equals(source.bytes)) return { path: candidate, created: false, skipped };
    }
  }
}

/**
 * Creates `file` (failing with EEXIST if it exists) with `bytes`, flushed, with the owner, group
 * and mode of `like`; removes it again on failure. Returns false when the owner or group could not
 * be given (only root may give a file away): the file then belongs to this process's user.
 */
async function writeNew(file: string, bytes: Buffer, like: SourceFile): Promise<boolean> {
  const handle = await fs.open(file, 'wx', like.mode);
  let owned = true;
  try {
    await handle.writeFile(bytes);
    const made = await handle.stat();
    if (made.uid !== like.stat.uid || made.gid !== like.stat.gid) {
      owned = await handle.chown(like.stat.uid, like.stat.gid).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code === 'EPERM') return false;
          throw e;
        },
      );
    }
    // After chown, which clears set-id bits.
    await handle.chmod(like.mode);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true }).catch(() => undefined);
    throw e;
  }
  await handle.close();
  return owned;
}

/**
 * Replaces the file by `bytes` all at once: a temporary file in the same folder (so the rename
 * stays on one file system) is written, flushed and renamed over it. Returns why the file must be
 * rewritten in place instead, when the temporary file cannot have its owner or the file cannot be
 * renamed over (a mount point); the temporary file is then removed and the file untouched.
 */
async function writeAtomically(source: SourceFile, bytes: Buffer): Promise<InPlaceReason | undefined> {
  const file = source.real;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const owned = await writeNew(tmp, bytes, source);
  try {
    if (!owned) return 'owner';
    await fs.rename(tmp, file);
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EBUSY') return 'mount';
    throw e;
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

/**
 * Rewrites the file's own bytes (same inode: hard links and bind mounts see the change). Not
 * atomic — which is why it runs only after the backup is flushed to disk.
 */
async function writeInPlace(file: string, bytes: Buffer): Promise<void> {
  const handle = await fs.open(file, constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    await handle.writeFile(bytes);
    await handle.truncate(bytes.length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes the folder entry of a new file, so the backup survives a crash that follows. */
async function syncFolder(file: string): Promise<void> {
  const dir = await fs.open(path.dirname(file), 'r').catch(() => undefined);
  if (!dir) return;
  await dir.sync().catch(() => undefined);
  await dir.close().catch(() => undefined);
}

/** The backup's name as the user gave the file (relative stays relative); its real path behind a link. */
export function backupName(file: string, backup: string, real: string): string {
  return path.resolve(file) === real && backup.startsWith(real) ? file + backup.slice(real.length) : backup;
}

const N = {
  skippedLink: 'Not used as the backup: {bak} is a symbolic link (writing through it could reach the original).',
  skippedSameFile: 'Not used as the backup: {bak} is another name (hard link) of {path} itself.',
  inPlaceLinks: 'Written in place (same inode): {path} has other hard links, which now show the new text too.',
  inPlaceMount: 'Written in place (same inode): {path} is a mount point (such as a Docker bind mount), which a new file would not replace.',
  inPlaceOwner: 'Written in place (same inode): a new file could not be given the owner of {path}.',
} satisfies Catalogue<string>;

const IN_PLACE = { links: N.inPlaceLinks, mount: N.inPlaceMount, owner: N.inPlaceOwner } as const satisfies Record<InPlaceReason, string>;

/** What the user should know about a write of `file`: backup names passed over, an in-place write. */
export function writeNotes(file: string, source: SourceFile, written: Extract<WriteResult, { readonly kind: 'written' }>): string[] {
  const notes = written.skippedBackups.map((s) =>
    localize(s.why === 'link' ? N.skippedLink : N.skippedSameFile, { bak: backupName(file, s.path, source.real), path: file }),
  );
  if (written.inPlace) notes.push(localize(IN_PLACE[written.inPlace], { path: file }));
  return notes;
}
