/**
 * What a log line is: the start of a record (a NapCat timestamp, a level or a `[Module]` tag after
 * an optional Docker timestamp) or a continuation (stack frames, the lines of the network summary,
 * console output without a head), and which part of NapCat wrote it. The record's context carries
 * over to its continuation lines, so an error on a line of its own still knows it came from the
 * reverse WebSocket client.
 */

/** Who made the connection an error line is about. */
export type Role =
  /** NapCat's reverse WebSocket client (it dials the framework). */
  | 'ws-client'
  /** NapCat's HTTP client (it POSTs events to the framework). */
  | 'http-client'
  /** One of NapCat's servers (HTTP, HTTP SSE, WebSocket). */
  | 'server'
  /** The OneBot module without a more precise tag: its outgoing connections go to a framework. */
  | 'onebot'
  /** Anything else (the core, the WebUI, plugins, packet backends, …). */
  | 'other';

const DOCKER_TS = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})[ \t]+`;
const NAPCAT_TS = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:[.,]\d{3})?|\d{2}-\d{2} \d{2}:\d{2}:\d{2}`;
const ANSI = String.raw`(?:\x1B\[[0-9;]*[A-Za-z]|\[\d{1,3}(?:;\d{1,3})*m)`;
const LEVEL = String.raw`\[${ANSI}*(?:[Ee][Rr][Rr][Oo][Rr]|[Ff][Aa][Tt][Aa][Ll]|[Ww][Aa][Rr][Nn](?:[Ii][Nn][Gg])?|[Ii][Nn][Ff][Oo]|[Dd][Ee][Bb][Uu][Gg]|[Tt][Rr][Aa][Cc][Ee])${ANSI}*\]`;
/**
 * Docker timestamp (twice when a `docker logs -t` output was itself collected with timestamps),
 * NapCat timestamp, level (an ANSI remnant may stick to its bracket: `[31m[ERROR]`): each
 * optional, in this order.
 */
const HEAD = new RegExp(String.raw`^((?:${DOCKER_TS}){0,2})(?:(${NAPCAT_TS})(?=[ \t]|$)[ \t]*)?${ANSI}*(${LEVEL})?${ANSI}*[ \t]*(\[[^\[\]\s\d])?`);

export interface LineHead {
  /** The line starts a record (else it continues the previous one). */
  readonly recordStart: boolean;
  /** The record's level, lower case, when the line has one (`error`, `warn`, `info`, …). */
  readonly level?: string;
  /** Where the message starts: after the timestamps and the level (0 when the line has neither). */
  readonly messageStart: number;
  /** NapCat's timestamp as written, else Docker's (the last one), when the line has one. */
  readonly time?: string;
  /** Where the line starts after Docker's timestamps (0 without). */
  readonly bodyStart: number;
}

const ANSI_ANY = new RegExp(ANSI, 'g');

/** Whether a line starts a record: it has a NapCat timestamp, a level, or starts with a `[Tag]`. */
export function lineHead(line: string): LineHead {
  const m = HEAD.exec(line);
  if (!m) return { recordStart: false, messageStart: 0, bodyStart: 0 };
  // Cheap for the common shapes (`[error]`, no Docker prefix): this runs for every line.
  const raw = m[3];
  const level = raw === undefined ? undefined : (raw.length > 9 ? raw.replace(ANSI_ANY, '') : raw).slice(1, -1).toLowerCase();
  const messageStart = m[0].length - (m[4]?.length ?? 0);
  const docker = m[1] === '' ? undefined : m[1].trim().split(/[ \t]+/).pop();
  return { recordStart: m[2] !== undefined || m[3] !== undefined || m[4] !== undefined, level, messageStart, time: m[2] ?? docker, bodyStart: m[1].length };
}

/** A Node stack frame (`    at fn (file:1:2)`), after an optional Docker timestamp. */
const STACK_FRAME = new RegExp(String.raw`^(?:${DOCKER_TS})?[ \t]+at [^ \t]`);

export function isStackFrame(line: string): boolean {
  return STACK_FRAME.test(line);
}

/**
 * A line's text as a sentence may quote it: ANSI colour codes and other control characters
 * dropped, white space collapsed, at most `max` characters (an ellipsis marks the cut).
 */
export function quotable(text: string, max = 200): string {
  const clean = text.replace(ANSI_ANY, '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

// Patterns with Chinese words are built from string literals, which the bundler writes as ASCII
// escapes (a regular expression literal it leaves as is, and one non-ASCII character makes V8 hold
// the whole server script as UTF-16: twice the memory).
const WS_CLIENT = new RegExp('WebSocket ?Client|反向 ?WebSocket|WebSocket ?反向|Reverse ?W(?:eb)?S(?:ocket)?', 'i');
const HTTP_CLIENT = new RegExp('Http ?(?:Post ?)?Client|HTTP ?Post|HTTP ?上报', 'i');
const SERVER = new RegExp('(?:WebSocket|Http|SSE)[ \\w]{0,8}Server|Server Adapter|正向 ?WebSocket', 'i');
const ONEBOT = /\[OneBot\]/i;

/** The role named by the words of a line (its tags or NapCat's own wording), if any. */
export function roleOf(text: string): Role | undefined {
  if (WS_CLIENT.test(text)) return 'ws-client';
  if (HTTP_CLIENT.test(text)) return 'http-client';
  if (SERVER.test(text)) return 'server';
  if (ONEBOT.test(text)) return 'onebot';
  return undefined;
}

/** Only this much of a line is searched for its head words (they are at the start). */
const HEAD_WINDOW = 300;
const CHAT = new RegExp('\\] (?:接收 <-|发送 ->) ');

/**
 * A logged QQ message (`接收 <- …`, `发送 -> …`): its text is whatever somebody wrote, so words in
 * it that look like errors are never taken for NapCat's.
 */
export function isChatLine(line: string): boolean {
  return CHAT.test(line.length > HEAD_WINDOW ? line.slice(0, HEAD_WINDOW) : line);
}

/** The part of a line in which its role is looked for. */
export function headWindow(line: string, end = line.length): string {
  return line.slice(0, Math.min(end, HEAD_WINDOW));
}
