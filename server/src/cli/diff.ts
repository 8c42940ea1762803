import type { TextEdit } from '../core/fixes';

/**
 * A unified diff (the format of `diff -u`, which `patch` and `git apply` read) between a text and
 * the text that a set of edits makes of it. Built from the edits themselves rather than by
 * comparing the two texts: every edit becomes the lines it touches, lines equal on both sides at
 * the edges of a change become context, and changes closer than twice the context share a hunk.
 * Linear in the size of the text.
 *
 * Lines keep their own line ending (a CRLF file gives `…\r\n` lines, as GNU diff prints them), and
 * a last line without one is followed by `\ No newline at end of file`.
 */

export interface DiffOptions {
  /** Names on the `---` and `+++` lines. */
  readonly oldLabel: string;
  readonly newLabel: string;
  /** Lines of context around each change (default 3). */
  readonly context?: number;
  /** Applied to every printed line (e.g. to mask secrets); must keep the line ending. */
  readonly mapLine?: (line: string) => string;
}

/** A change in lines of the old text: the `removed` lines from `oldStart` on become the `added` ones. */
interface Change {
  readonly oldStart: number;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/** Splits a text into lines that keep their `\n` (the last one may have none). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', at)) {
    out.push(text.slice(at, i + 1));
    at = i + 1;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/**
 * The unified diff of `text` and `applyEdits(text, edits)`; '' when the edits change nothing.
 * `edits` must be sorted and non-overlapping (as `normalizeEdits` returns them).
 */
export function unifiedDiff(text: string, edits: readonly TextEdit[], options: DiffOptions): string {
  const lines = splitLines(text);
  const starts: number[] = [];
  for (let k = 0, at = 0; k < lines.length; at += lines[k].length, k++) starts.push(at);
  starts.push(text.length);
  // After a final line break (or in an empty text) the end of the text is a virtual empty line
  // where appended text goes; otherwise it belongs to the last line.
  const virtual = text === '' || text.endsWith('\n');
  const lineOf = (offset: number): number => {
    if (offset >= text.length) return virtual ? lines.length : lines.length - 1;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const lineEnd = (line: number): number => starts[Math.min(line + 1, lines.length)];

  const changes: Change[] = [];
  let i = 0;
  while (i < edits.length) {
    const first = lineOf(edits[i].offset);
    const spanStart = starts[first];
    let spanEnd = lineEnd(first);
    let replaced = '';
    let at = spanStart;
    for (;;) {
      // Every edit that starts inside the span (or at the very end of the text) belongs to it.
      while (i < edits.length && (edits[i].offset < spanEnd || (edits[i].offset === spanEnd && spanEnd === text.length))) {
        const e = edits[i++];
        replaced += text.slice(at, e.offset) + e.newText;
        at = e.offset + e.length;
        if (at > spanEnd) spanEnd = starts[lineOf(at)] === at ? at : lineEnd(lineOf(at));
      }
      const candidate = replaced + text.slice(at, spanEnd);
      // A change that ends inside a line (a removed line break) takes the rest of that line.
      if (!candidate.endsWith('\n') && spanEnd < text.length) {
        replaced = candidate;
        at = spanEnd;
        spanEnd = lineEnd(lineOf(spanEnd));
        continue;
      }
      replaced = candidate;
      break;
    }
    const removed = splitLines(text.slice(spanStart, spanEnd));
    const added = splitLines(replaced);
    // Lines equal on both sides at the edges are context, not change.
    let head = 0;
    while (head < removed.length && head < added.length && removed[head] === added[head]) head++;
    let tail = 0;
    while (tail < removed.length - head && tail < added.length - head && removed[removed.length - 1 - tail] === added[added.length - 1 - tail]) tail++;
    if (removed.length - head - tail === 0 && added.length - head - tail === 0) continue;
    changes.push({
      oldStart: first + head,
      removed: removed.slice(head, removed.length - tail),
      added: added.slice(head, added.length - tail),
    });
  }
  if (changes.length === 0) return '';

  const context = options.context ?? 3;
  const show = options.mapLine ?? ((l: string) => l);
  const lineText = (prefix: string, line: string): string =>
    prefix + show(line) + (line.endsWith('\n') ? '' : '\n\\ No newline at end of file\n');
  let out = `--- ${options.oldLabel}\n+++ ${options.newLabel}\n`;
  let delta = 0; // new line number minus old line number before the current change
  let c = 0;
  while (c < changes.length) {
    // A hunk: changes whose gaps are at most 2 × context lines.
    let last = c;
    while (last + 1 < changes.length && changes[last + 1].oldStart - (changes[last].oldStart + changes[last].removed.length) <= 2 * context) last++;
    const from = Math.max(0, changes[c].oldStart - context);
    const to = Math.min(lines.length, changes[last].oldStart + changes[last].removed.length + context);
    let body = '';
    let oldCount = 0;
    let newCount = 0;
    let line = from;
    const newFrom = from + delta;
    for (let k = c; k <= last; k++) {
      const ch = changes[k];
      for (; line < ch.oldStart; line++, oldCount++, newCount++) body += lineText(' ', lines[line]);
      for (const l of ch.removed) body += lineText('-', l);
      for (const l of ch.added) body += lineText('+', l);
      oldCount += ch.removed.length;
      newCount += ch.added.length;
      line += ch.removed.length;
      delta += ch.added.length - ch.removed.length;
    }
    for (; line < to; line++, oldCount++, newCount++) body += lineText(' ', lines[line]);
    out += `@@ -${range(from, oldCount)} +${range(newFrom, newCount)} @@\n` + body;
    c = last + 1;
  }
  return out;
}

/** `start,count` of a hunk header (1-based; an empty range names the line before it, as GNU diff does). */
function range(start0: number, count: number): string {
  const start = count === 0 ? start0 : start0 + 1;
  return count === 1 ? `${start}` : `${start},${count}`;
}
