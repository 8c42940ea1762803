import { localize, type Finding, type Range } from '../core';
import { errorOf, LOG_CODES, type LogNote, type Occurrence } from './errors';
import { headWindow, isChatLine, lineHead, roleOf, type Role } from './lines';
import { pathsOf, urlsOf, type LogLink } from './links';
import { LOG_MESSAGES as L } from './messages';

/**
 * `analyzeLog(text)`: the links and connection errors of a NapCat log. Pure: no editor, no LSP,
 * no I/O; UTF-16 offsets like the config core.
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
}

export const DEFAULT_MAX_PER_CODE = 20;
export const DEFAULT_MAX_LINKS = 5000;

/** A finding of a log: a core finding plus sentences to append to its message. */
export interface LogFinding extends Finding {
  /** Hints and the repetition note, appended to the message in this order. */
  readonly notes?: readonly LogNote[];
  /** Lines this finding stands for (1 unless identical errors were grouped; for limits, lines left out). */
  readonly count: number;
}

export interface LogAnalysis {
  /** In text order. */
  readonly links: readonly LogLink[];
  /** In text order. */
  readonly findings: readonly LogFinding[];
}

/** A finding's full message in `lang`: its sentence and its notes. */
export function logFindingMessage(finding: LogFinding): string {
  let text = localize(finding.message, finding.args);
  for (const note of finding.notes ?? []) text += localize(note.message, note.args);
  return text;
}

interface Group {
  readonly first: Occurrence;
  count: number;
  last: Range;
}

interface Overflow {
  readonly first: Range;
  count: number;
}

/** Identical errors: same code, same sentence, same arguments, same notes. */
function keyOf(o: Occurrence): string {
  return JSON.stringify([o.message, o.args, o.notes.map((n) => [n.message, n.args ?? null])]);
}

export function analyzeLog(text: string, options: LogOptions = {}): LogAnalysis {
  const maxPerCode = Math.max(1, options.maxPerCode ?? DEFAULT_MAX_PER_CODE);
  const maxLinks = Math.max(0, options.maxLinks ?? DEFAULT_MAX_LINKS);

  const links: LogLink[] = [];
  let linksLeftOut: Overflow | undefined;
  const groups: Group[] = [];
  const byCode = new Map<string, Map<string, Group>>();
  const overflow = new Map<string, Overflow>();

  let role: Role = 'other';
  let url: string | undefined;

  let lineStart = 0;
  for (;;) {
    let newline = text.indexOf('\n', lineStart);
    if (newline < 0) newline = text.length;
    const lineEnd = newline > lineStart && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const line = text.slice(lineStart, lineEnd);

    // The record: a new one resets what its continuation lines inherit.
    const head = headWindow(line);
    if (lineHead(line).recordStart) {
      role = roleOf(head) ?? 'other';
      url = undefined;
    }
    const lineRole = roleOf(head) ?? role;

    // Links.
    const urls = urlsOf(line, lineStart);
    const taken = urls.map((u) => ({ start: u.range.offset - lineStart, end: u.range.offset - lineStart + u.range.length }));
    const found: LogLink[] = [...urls, ...pathsOf(line, lineStart, taken)].sort((a, b) => a.range.offset - b.range.offset);
    for (const link of found) {
      if (links.length < maxLinks) links.push(link);
      else if (linksLeftOut) linksLeftOut.count++;
      else linksLeftOut = { first: link.range, count: 1 };
    }
    const lastWebUrl = [...urls].reverse().find((u) => /^(?:wss?|https?):/i.test(u.url));
    if (lastWebUrl) url = lastWebUrl.url;

    // Errors.
    if (!isChatLine(line)) {
      const occurrence = errorOf(line, lineStart, { role: lineRole, url });
      if (occurrence) add(occurrence);
    }

    if (newline >= text.length) break;
    lineStart = newline + 1;
  }

  function add(o: Occurrence): void {
    let ofCode = byCode.get(o.code);
    if (!ofCode) byCode.set(o.code, (ofCode = new Map()));
    const key = keyOf(o);
    const group = ofCode.get(key);
    if (group) {
      group.count++;
      group.last = o.range;
      return;
    }
    if (ofCode.size < maxPerCode) {
      const g: Group = { first: o, count: 1, last: o.range };
      ofCode.set(key, g);
      groups.push(g);
      return;
    }
    const more = overflow.get(o.code);
    if (more) more.count++;
    else overflow.set(o.code, { first: o.range, count: 1 });
  }

  const findings: LogFinding[] = groups.map(({ first: o, count, last }) => {
    const repeated = count > 1;
    return {
      code: o.code,
      severity: o.severity,
      range: o.range,
      message: o.message,
      args: o.args,
      count,
      ...((o.notes.length > 0 || repeated) && { notes: repeated ? [...o.notes, { message: L.repeated, args: { count } }] : o.notes }),
      ...(repeated && { related: [{ range: last, message: L.lastOccurrence, args: { count } }] }),
    };
  });
  for (const [code, more] of overflow) {
    findings.push({
      code: LOG_CODES.moreFindings,
      severity: 'info',
      range: more.first,
      message: L.moreFindings,
      args: { count: more.count, code, limit: maxPerCode },
      count: more.count,
    });
  }
  if (linksLeftOut) {
    findings.push({
      code: LOG_CODES.moreLinks,
      severity: 'info',
      range: linksLeftOut.first,
      message: L.moreLinks,
      args: { count: linksLeftOut.count, limit: maxLinks },
      count: linksLeftOut.count,
    });
  }
  findings.sort((a, b) => a.range.offset - b.range.offset);
  return { links, findings };
}
