import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/**
 * A file that another program keeps appending to (NapCat's log), read incrementally: each
 * `update` reads only the bytes written since the last one and hands them, decoded, to a sink
 * (the log layer's `LogAnalyzer`), which keeps what it has learnt of the text before. Memory is
 * one read buffer plus what the sink keeps, whatever the size of the file.
 *
 * The file is read from the start again, with a new sink, when it is no longer the same file
 * (replaced: another inode) or is shorter than what was read (truncated). A file truncated and
 * written past the old length between two updates cannot be told from an append; NapCat never
 * truncates its logs (it starts a new file), so that is left as it is.
 */

/** What receives the text: `write` is called with each decoded piece, in order. */
export interface TailSink {
  write(text: string): void;
}

export type TailUpdate =
  /** Nothing new since the last update. */
  | { readonly kind: 'unchanged' }
  /** Bytes were appended and written to the sink. */
  | { readonly kind: 'appended'; readonly bytes: number }
  /** The file was read from its start into a new sink (the first update, a replaced or truncated file). */
  | { readonly kind: 'restarted'; readonly bytes: number }
  /** The file cannot be read now (the sink and offset are kept). */
  | { readonly kind: 'unreadable'; readonly reason: string };

/** Bytes read at a time. */
const CHUNK = 64 * 1024;

export class FileTail<S extends TailSink> {
  private current: S | undefined;
  private offset = 0;
  private identity: string | undefined;
  private decoder = new StringDecoder('utf8');
  private atStart = true;
  private modified = 0;
  /** Updates run one after another (two change events must not read the same bytes twice). */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly buffer: Buffer;

  /**
   * @param file the absolute path of the file.
   * @param makeSink a new, empty sink: called on the first update and whenever reading starts over.
   */
  constructor(
    readonly file: string,
    private readonly makeSink: () => S,
    chunk = CHUNK,
  ) {
    this.buffer = Buffer.alloc(Math.max(1, chunk));
  }

  /** What was read so far; undefined before the first update that could read the file. */
  get sink(): S | undefined {
    return this.current;
  }

  /** Bytes read so far (the offset of the next read). */
  get bytesRead(): number {
    return this.offset;
  }

  /** The file's modification time at the last read, ms since the epoch (0 before). */
  get modifiedMs(): number {
    return this.modified;
  }

  /** Reads what was appended since the last update. Never rejects. */
  update(): Promise<TailUpdate> {
    const next = this.queue.then(() => this.read());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<TailUpdate> {
    let handle: fs.FileHandle | undefined;
    try {
      // Checked before opening: opening a named pipe would wait for a writer.
      const before = await fs.stat(this.file);
      if (!before.isFile()) return { kind: 'unreadable', reason: before.isDirectory() ? 'EISDIR' : 'EINVAL' };
      handle = await fs.open(this.file, 'r');
      const stat = await handle.stat();
      const identity = `${stat.dev}:${stat.ino}`;
      let restarted = false;
      if (!this.current || identity !== this.identity || stat.size < this.offset) {
        this.current = this.makeSink();
        this.identity = identity;
        this.offset = 0;
        this.decoder = new StringDecoder('utf8');
        this.atStart = true;
        restarted = true;
      }
      this.modified = stat.mtimeMs;
      // Up to the size seen now: what is written meanwhile is read by the next update.
      const end = stat.size;
      const from = this.offset;
      while (this.offset < end) {
        const { bytesRead } = await handle.read(this.buffer, 0, Math.min(this.buffer.length, end - this.offset), this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        this.write(this.decoder.write(this.buffer.subarray(0, bytesRead)));
      }
      const bytes = this.offset - from;
      if (restarted) return { kind: 'restarted', bytes };
      return bytes > 0 ? { kind: 'appended', bytes } : { kind: 'unchanged' };
    } catch (e) {
      return { kind: 'unreadable', reason: reasonOf(e) };
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  private write(text: string): void {
    if (text === '') return;
    // A byte order mark at the start of the file is not text (editors drop it too).
    if (this.atStart && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.atStart = false;
    if (text !== '') this.current!.write(text);
  }
}

/** A file of a folder, as listed for choosing a log. */
export interface ListedFile {
  readonly name: string;
  readonly mtimeMs: number;
}

export type FolderListing = { readonly kind: 'listed'; readonly files: readonly ListedFile[] } | { readonly kind: 'missing' } | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * The regular files of `dir` whose names end in `suffix`, with their modification times. A log
 * folder holds a week of logs at most (NapCat deletes older ones); at most `limit` are stat'ed.
 */
export async function listFiles(dir: string, suffix = '.log', limit = 2000): Promise<FolderListing> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.toLowerCase().endsWith(suffix)).slice(0, limit);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', reason: reasonOf(e) };
  }
  const files: ListedFile[] = [];
  for (const name of names) {
    try {
      const stat = await fs.stat(path.join(dir, name));
      if (stat.isFile()) files.push({ name, mtimeMs: stat.mtimeMs });
    } catch {
      // Deleted meanwhile, or not readable: not a candidate.
    }
  }
  return { kind: 'listed', files };
}

/** A short reason for a failed file operation: the system's code and message, without the path. */
function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') {
    // "ENOENT: no such file or directory, open '/x'": the part before the comma.
    const m = /^([A-Z]+: [^,]+)/.exec(typeof err.message === 'string' ? err.message : '');
    return m ? m[1] : err.code;
  }
  return e instanceof Error ? e.message : String(e);
}
