import { constants, type Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import { DEFAULT_MAX_LENGTH, mibPair, type Catalogue } from '../core';
import { localize } from '../wording';

/**
 * How the CLI reads a config: only a regular file, or standard input when the command line says
 * `-`; never more bytes than the size limit, counted while reading (a device or a growing file can
 * say anything in `stat`); decoded as NapCat decodes it. Every refusal names its real cause.
 */

/** The default of `--max-size`: the language server's default analysis limit, in bytes. */
export const DEFAULT_MAX_BYTES = DEFAULT_MAX_LENGTH;
/** Bytes read at a time. */
const PIECE = 64 * 1024;

const M = {
  fifo: 'it is a named pipe (FIFO), not a regular file; to read a pipe, give - and redirect the pipe to standard input',
  device: 'it is a device, not a regular file',
  socket: 'it is a socket, not a regular file',
  directory: 'EISDIR: it is a directory, not a file',
  other: 'it is not a regular file',
  tooLarge: 'it is {size} MiB, above the {limit} MiB limit (--max-size)',
  streamTooLarge: 'it holds more than the {limit} MiB limit (--max-size)',
  utf16: 'this file is UTF-16 ({order}); NapCat reads UTF-8. Save it as UTF-8 and try again',
  littleEndian: 'little-endian',
  bigEndian: 'big-endian',
} satisfies Catalogue<string>;

export type Refusal = { readonly reason: string };

/** Why a file of this status is not read (it is not a regular file), or undefined when it is. */
export function notRegular(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return localize(M.directory);
  if (stat.isFIFO()) return localize(M.fifo);
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return localize(M.device);
  if (stat.isSocket()) return localize(M.socket);
  return localize(M.other);
}

/**
 * The bytes of the regular file `file` (links followed) and its status, at most `maxBytes` of them,
 * or why it is not read. Never blocks on a named pipe: the file is opened without waiting for a
 * writer and refused by its status before anything is read.
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<{ readonly bytes: Buffer; readonly stat: Stats } | Refusal> {
  let handle: fs.FileHandle | undefined;
  try {
    // The status first, so a device or pipe is not even opened; again after opening, for the file
    // that was actually opened.
    const why = notRegular(await fs.stat(file));
    if (why) return { reason: why };
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = await handle.stat();
    const whyNot = notRegular(stat);
    if (whyNot) return { reason: whyNot };
    if (stat.size > maxBytes) return { reason: tooLarge(stat.size, maxBytes) };
    const bytes = await readCounted(pieces(handle), maxBytes);
    return 'reason' in bytes ? bytes : { bytes, stat };
  } catch (e) {
    return { reason: reasonOf(e) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The pieces of an open file, read in order until its end. */
async function* pieces(handle: fs.FileHandle): AsyncGenerator<Buffer> {
  for (;;) {
    const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(PIECE), 0, PIECE, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

/**
 * All bytes of `source` (standard input, or an open file), or a refusal as soon as they exceed
 * `maxBytes`: the reading stops there, so memory stays bounded by the limit.
 */
export async function readCounted(source: AsyncIterable<string | Buffer>, maxBytes: number): Promise<Buffer | Refusal> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const piece of source) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    total += bytes.length;
    if (total > maxBytes) return { reason: localize(M.streamTooLarge, { limit: mibPair(total, maxBytes).limit }) };
    parts.push(bytes);
  }
  return Buffer.concat(parts, total);
}

function tooLarge(size: number, maxBytes: number): string {
  return localize(M.tooLarge, mibPair(size, maxBytes));
}

/** A config's text as NapCat reads it, and how many byte sequences were not UTF-8. */
export interface Decoded {
  readonly text: string;
  /** Invalid UTF-8 sequences, each read as U+FFFD (as Node's `readFileSync(…, 'utf-8')` does). */
  readonly replaced: number;
}

/**
 * Decodes a config the way NapCat does: `fs.readFileSync(file, 'utf-8')`, so every byte sequence
 * that is not UTF-8 becomes U+FFFD, then json5. A byte order mark is kept (the core knows it).
 * UTF-16 is refused with its name: NapCat would read such a file as garbage and fail to parse it,
 * and showing it as UTF-8 prints NUL bytes and `unexpected '�'`.
 */
export function decodeConfig(bytes: Buffer): Decoded | Refusal {
  const order = utf16Order(bytes);
  if (order) return { reason: localize(M.utf16, { order: localize(order === 'le' ? M.littleEndian : M.bigEndian) }) };
  const text = bytes.toString('utf8');
  return { text, replaced: count(text, '\ufffd') - countBytes(bytes, REPLACEMENT_UTF8) };
}

const REPLACEMENT_UTF8 = Buffer.from('\ufffd', 'utf8');

/**
 * 'le' or 'be' when `bytes` look like UTF-16: a UTF-16 byte order mark, or (without one) the NUL
 * bytes that ASCII text in UTF-16 has in every other place — a UTF-8 config has none.
 */
function utf16Order(bytes: Buffer): 'le' | 'be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  const pairs = Math.floor(Math.min(bytes.length, 1024) / 2);
  if (pairs === 0) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenNul++;
    if (bytes[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul * 2 > pairs && evenNul * 8 < pairs) return 'le';
  if (evenNul * 2 > pairs && oddNul * 8 < pairs) return 'be';
  return undefined;
}

function count(text: string, c: string): number {
  let n = 0;
  for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) n++;
  return n;
}

function countBytes(bytes: Buffer, seq: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(seq); i >= 0; i = bytes.indexOf(seq, i + seq.length)) n++;
  return n;
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
