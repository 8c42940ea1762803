import { type FindingBase, type Range, type RelatedInfo } from '../core';
import { errorOf, LOG_CODES, mentionsConnectionError, type LogNote, type Occurrence } from './errors';
import { FactsCollector, type LogFacts } from './facts';
import { headWindow, isChatLine, isStackFrame, lineHead, quotable, roleOf, type Role } from './lines';
import { pathsOf, urlsOf, type LogLink, type UrlLink } from './links';
import { LOG_MESSAGES as L } from './messages';
import { localize } from '../wording';

/**
 * `analyzeLog(text)`: the links and connection errors of a NapCat log. Pure: no editor, no LSP,
 * no I/O; UTF-16 offsets like the config core. `LogAnalyzer` does the same for a log given in
 * pieces (a file read as a stream), holding only the current line and what it will report.
 *
 * Bounded, whatever the size of the log:
 * - Identical errors (same code, same explanation: a reconnect loop prints the same line every
 *   few seconds) become one finding on the first occurrence, which says how many there are and
 *   points at the last one (`related`).
 * - At most `maxPerCode` different errors are reported per code; the lines beyond that become one
 *   `napcat.log-more-errors` finding per code, on the first line left out.
 * - At most `maxLinks` links are returned; one `napcat.log-more-links` finding marks the first link
 *   left out and says how many more there are.
 * One pass over the text; every line is scanned a fixed number of times.
 */

export interface LogOptions {
  /** Different errors reported per code (default 20). */
  readonly maxPerCode?: number;
  /** Links returned (default 5000). */
  readonly maxLinks?: number;
  /**
   * Whether links are collected (default true). Without them no `napcat.log-more-links` finding
   * is made; URLs are still read, for the record an error belongs to.
   */
  readonly links?: boolean;
  /**
   * Only the first this many characters of a line are analysed (default: all of it); the rest
   * still counts for offsets and line numbers. Bounds what `LogAnalyzer` holds for a log whose
   * lines never end.
   */
  readonly maxLineLength?: number;
  /**
   * The host the WebUI listens on, from the config folder's webui.json, when known: the WebUI
   * line (printed with 127.0.0.1) then gets its note only when that host is every interface.
   */
  readonly webuiHost?: string;
}

export const DEFAULT_MAX_PER_CODE = 20;
export const DEFAULT_MAX_LINKS = 5000;

/**
 * Where a range starts: 0-based line and UTF-16 column. Lines end at `\n` (`\r\n` included), as
 * the analysis splits them. The layer counts lines anyway, so a reader that never holds the whole
 * text (the CLI) can place a finding without a line index.
 */
export interface LogPosition {
  readonly line: number;
  readonly character: number;
}

/** A related location of a log finding (the last of repeated errors), with its position. */
export interface LogRelated extends RelatedInfo {
  readonly start: LogPosition;
}

/** A finding of a log: a core finding plus sentences to append to its message. */
export interface LogFinding extends FindingBase {
  /** Hints and the repetition note, appended to the message in this order. */
  readonly notes?: readonly LogNote[];
  /** Lines this finding stands for (1 unless identical errors were grouped; for limits, lines left out). */
  readonly count: number;
  /** The position of `range.offset`. A log finding's range never spans lines. */
  readonly start: LogPosition;
  readonly related?: readonly LogRelated[];
}

export interface LogAnalysis {
  /** In text order. */
  readonly links: readonly LogLink[];
  /** In text order. */
  readonly findings: readonly LogFinding[];
  /** The latest network summary and the connection errors since, per endpoint (see `facts.ts`). */
  readonly facts: LogFacts;
}

/** A finding's full message in `lang`: its sentence and its notes. */
export function logFindingMessage(finding: LogFinding): string {
  let text = localize(finding.message, finding.args);
  for (const note of finding.notes ?? []) text += localize(note.message, note.args);
  return text;
}

/** A range and the position of its start. */
interface Place {
  readonly range: Range;
  readonly start: LogPosition;
}

interface Group {
  readonly first: Occurrence;
  readonly at: LogPosition;
  count: number;
  last: Place;
}

interface Overflow {
  readonly first: Place;
  count: number;
}

/**
 * A short number for each sentence template: templates are constants (one string object each,
 * whose hash the engine keeps), so looking one up is cheap, and a key built of numbers stays short
 * however long the sentences are.
 */
const templateIds = new Map<string, number>();
function templateId(message: string): number {
  let id = templateIds.get(message);
  if (id === undefined) templateIds.set(message, (id = templateIds.size));
  return id;
}

/** Identical errors: same code, same sentence, same arguments, same notes. */
function keyOf(o: Occurrence): string {
  let key = `${templateId(o.message)}${JSON.stringify(o.args)}`;
  for (const n of o.notes) key += `|${templateId(n.message)}${n.args ? JSON.stringify(n.args) : ''}`;
  return key;
}

/** `text` (whose first character is at `base`) with each URL in it masked as links display it. */
function maskedText(text: string, base: number): string {
  const urls: UrlLink[] = urlsOf(text, base);
  let out = '';
  let from = 0;
  for (const u of urls) {
    out += text.slice(from, u.range.offset - base) + u.display;
    from = u.range.offset - base + u.range.length;
  }
  return out + text.slice(from);
}

export function analyzeLog(text: string, options: LogOptions = {}): LogAnalysis {
  const analyzer = new LogAnalyzer(options);
  analyzer.write(text);
  return analyzer.end();
}

/**
 * `analyzeLog` for a text given in pieces: `write` each piece (split anywhere, even inside a line
 * or between `\r` and `\n`), then `end` for the analysis. The result is the one `analyzeLog` gives
 * for the whole text. Holds the unfinished line (at most `maxLineLength` characters of it, when
 * set), the groups and the links — never the text.
 */
export class LogAnalyzer {
  private readonly maxPerCode: number;
  private readonly maxLinks: number;
  private readonly withLinks: boolean;
  private readonly maxLine: number;

  private readonly links: LogLink[] = [];
  private linksLeftOut: Overflow | undefined;
  private readonly groups: Group[] = [];
  private readonly byCode = new Map<string, Map<string, Group>>();
  private readonly overflow = new Map<string, Overflow>();

  /** The record the current line belongs to: what its continuation lines inherit. */
  private role: Role = 'other';
  private url: string | undefined;
  /**
   * An `[error]`/`[fatal]` record not yet explained: its first line's message, and where
   * it is. Once a stack frame follows and no line of the record named a connection error, it is
   * reported as an error of NapCat's own.
   */
  private ownError: { readonly text: string; readonly at: Place } | undefined;
  private readonly webuiHost: string | undefined;
  private readonly factsCollector = new FactsCollector();
  /** The timestamp of the current record, as written. */
  private time: string | undefined;

  /** Offset and 0-based number of the current line. */
  private lineStart = 0;
  private lineNumber = 0;
  /** The current line as far as it was written, when a piece ended inside it. */
  private pending = '';
  /** Characters of the current line written so far (more than `pending` once it was cut). */
  private lineLength = 0;
  /** The current line was longer than `maxLine` and its beginning has been analysed. */
  private cut = false;

  constructor(options: LogOptions = {}) {
    this.maxPerCode = Math.max(1, options.maxPerCode ?? DEFAULT_MAX_PER_CODE);
    this.maxLinks = Math.max(0, options.maxLinks ?? DEFAULT_MAX_LINKS);
    this.withLinks = options.links ?? true;
    this.maxLine = Math.max(1, options.maxLineLength ?? Infinity);
    this.webuiHost = options.webuiHost;
  }

  /** Analyses the lines that `piece` completes; keeps an unfinished last line for the next piece. */
  write(piece: string): void {
    let from = 0;
    for (;;) {
      const newline = piece.indexOf('\n', from);
      if (newline < 0) {
        this.append(piece, from, piece.length);
        return;
      }
      if (this.lineLength === 0) {
        // A whole line inside this piece: analysed where it is, not copied.
        const end = newline > from && piece.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
        this.line(piece.slice(from, Math.min(end, from + this.maxLine)));
        this.nextLine(newline - from);
      } else {
        this.append(piece, from, newline);
        this.finishLine();
      }
      from = newline + 1;
    }
  }

  /**
   * The facts of the lines written so far, the unfinished last line left out (it counts once its
   * line break is written). For a log that is still being written: unlike `end`, the analyzer
   * goes on.
   */
  facts(): LogFacts {
    return this.factsCollector.facts();
  }

  /** Analyses the last line (the text need not end with a line break) and returns the analysis. */
  end(): LogAnalysis {
    this.finishLine();
    return { links: this.links, findings: this.findings(), facts: this.factsCollector.facts() };
  }

  private append(piece: string, from: number, to: number): void {
    this.lineLength += to - from;
    if (this.cut || from === to) return;
    this.pending += piece.slice(from, Math.min(to, from + this.maxLine + 2 - this.pending.length));
    // Longer than the limit even without a final `\r`: analyse its beginning now, drop the rest.
    if (this.pending.length > this.maxLine + 1) {
      this.line(this.pending.slice(0, this.maxLine));
      this.pending = '';
      this.cut = true;
    }
  }

  private finishLine(): void {
    if (!this.cut) {
      const p = this.pending;
      const end = p.length > 0 && p.charCodeAt(p.length - 1) === 13 ? p.length - 1 : p.length;
      this.line(p.slice(0, Math.min(end, this.maxLine)));
    }
    this.nextLine(this.lineLength);
  }

  /** Moves past the current line, `length` characters long without its `\n`. */
  private nextLine(length: number): void {
    this.lineStart += length + 1;
    this.lineNumber++;
    this.pending = '';
    this.lineLength = 0;
    this.cut = false;
  }

  /** One line (without its line break), whose first character is at `lineStart`. */
  private line(line: string): void {
    const lineStart = this.lineStart;

    // The record: a new one resets what its continuation lines inherit.
    const head = headWindow(line);
    const lh = lineHead(line);
    if (lh.recordStart) {
      this.role = roleOf(head) ?? 'other';
      this.url = undefined;
      this.ownError = undefined;
      this.time = lh.time;
      this.factsCollector.recordStart(head.slice(lh.bodyStart), { line: this.lineNumber, ...(lh.time !== undefined && { time: lh.time }) });
      if (lh.level === 'error' || lh.level === 'fatal') {
        // Kept as written; quoted (masked, cleaned) only in the rare case it is reported.
        const length = Math.min(line.length - lh.messageStart, 300);
        this.ownError = { text: line.slice(lh.messageStart, lh.messageStart + length), at: this.place({ offset: lineStart + lh.messageStart, length }) };
      }
    } else this.factsCollector.continuation(line.slice(lh.bodyStart), this.lineNumber);
    const lineRole = roleOf(head) ?? this.role;

    // Links.
    const urls = urlsOf(line, lineStart);
    if (this.withLinks) {
      const taken = urls.map((u) => ({ start: u.range.offset - lineStart, end: u.range.offset - lineStart + u.range.length }));
      const found: LogLink[] = [...urls, ...pathsOf(line, lineStart, taken)].sort((a, b) => a.range.offset - b.range.offset);
      for (const link of found) {
        if (this.links.length < this.maxLinks) this.links.push(link);
        else if (this.linksLeftOut) this.linksLeftOut.count++;
        else this.linksLeftOut = { first: this.place(link.range), count: 1 };
      }
    }
    const lastWebUrl = [...urls].reverse().find((u) => /^(?:wss?|https?):/i.test(u.url));
    if (lastWebUrl) this.url = lastWebUrl.url;

    // Errors.
    if (isChatLine(line)) return;
    const occurrence = errorOf(line, lineStart, { role: lineRole, url: this.url, webuiHost: this.webuiHost });
    if (occurrence) {
      this.add(occurrence);
      if (occurrence.code !== LOG_CODES.webuiLocal) {
        this.factsCollector.error(occurrence.code, occurrence.endpoint, this.time !== undefined ? { line: this.lineNumber, time: this.time } : { line: this.lineNumber });
      }
      if (occurrence.severity !== 'info') this.ownError = undefined;
    } else if (this.ownError && mentionsConnectionError(line)) {
      this.ownError = undefined;
    } else if (this.ownError && isStackFrame(line)) {
      const { text, at } = this.ownError;
      const first = quotable(maskedText(text, at.range.offset));
      this.ownError = undefined;
      this.add({ code: LOG_CODES.napcatError, severity: 'warning', range: at.range, message: L.napcatError, args: { first }, notes: [] }, at);
    }
  }

  /** A range on the current line, with its position. */
  private place(range: Range): Place {
    return { range, start: { line: this.lineNumber, character: range.offset - this.lineStart } };
  }

  /** Adds an error found on the current line, or at `at` (an earlier line of the record). */
  private add(o: Occurrence, at: Place = this.place(o.range)): void {
    let ofCode = this.byCode.get(o.code);
    if (!ofCode) this.byCode.set(o.code, (ofCode = new Map()));
    const key = keyOf(o);
    const group = ofCode.get(key);
    if (group) {
      group.count++;
      group.last = at;
      return;
    }
    if (ofCode.size < this.maxPerCode) {
      const g: Group = { first: o, at: at.start, count: 1, last: at };
      ofCode.set(key, g);
      this.groups.push(g);
      return;
    }
    const more = this.overflow.get(o.code);
    if (more) more.count++;
    else this.overflow.set(o.code, { first: at, count: 1 });
  }

  private findings(): LogFinding[] {
    const findings: LogFinding[] = this.groups.map(({ first: o, at, count, last }) => {
      const repeated = count > 1;
      return {
        code: o.code,
        severity: o.severity,
        range: o.range,
        start: at,
        message: o.message,
        args: o.args,
        count,
        ...((o.notes.length > 0 || repeated) && { notes: repeated ? [...o.notes, { message: L.repeated, args: { count } }] : o.notes }),
        ...(repeated && { related: [{ range: last.range, start: last.start, message: L.lastOccurrence, args: { count } }] }),
      };
    });
    for (const [code, more] of this.overflow) {
      findings.push({
        code: LOG_CODES.moreFindings,
        severity: 'info',
        range: more.first.range,
        start: more.first.start,
        message: L.moreFindings,
        args: { count: more.count, code, limit: this.maxPerCode },
        count: more.count,
      });
    }
    if (this.linksLeftOut) {
      findings.push({
        code: LOG_CODES.moreLinks,
        severity: 'info',
        range: this.linksLeftOut.first.range,
        start: this.linksLeftOut.first.start,
        message: L.moreLinks,
        args: { count: this.linksLeftOut.count, limit: this.maxLinks },
        count: this.linksLeftOut.count,
      });
    }
    findings.sort((a, b) => a.range.offset - b.range.offset);
    return findings;
  }
}
