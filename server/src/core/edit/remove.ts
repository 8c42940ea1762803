import type { JsonNode } from '../json/parse';
import type { TextEdit } from '../fixes/edits';
import { closeOf, commaAfter, commentsIn, lineStartOf, lineTailEnd, scanComments, skipTrivia, startsLine, type Comment } from '../fixes/layout';

/**
 * Deleting one item of a list (an adapter entry) together with its own comments, and nothing
 * else. An item's own comments are those inside it, those before it on its first line, the
 * comment lines right above it (no blank line between them and the item, none of them on the
 * previous item's line) and the comments on the rest of its last line. Every other comment stays, and so does every byte outside the span
 * between the item's neighbours. The commas follow the list's style: when the last item goes,
 * the one before it keeps its comma only if the removed one had a trailing comma.
 */
export function removeItemEdits(text: string, list: JsonNode, item: JsonNode, comments: readonly Comment[] = scanComments(text)): TextEdit[] {
  const items = list.children ?? [];
  const i = items.indexOf(item);
  if (i < 0) return [];
  const prev = items[i - 1];
  const next = items[i + 1];
  const end = item.offset + item.length;
  const comma = commaAfter(text, item);
  const tailStart = comma >= 0 ? comma + 1 : end;
  const tailEnd = lineTailEnd(text, tailStart);
  const edits: TextEdit[] = [];
  // The last item goes: the comma before it goes too, unless the list writes trailing commas.
  const dropPrevComma = !next && prev !== undefined && comma < 0;
  const prevComma = prev ? commaAfter(text, prev) : -1;

  const ownLine = firstOnLine(text, item.offset);
  if (ownLine && tailEnd > tailStart) {
    // The item has lines of its own: they go, with the comment lines right above it.
    const chunkStart = prev ? lineTailEnd(text, prevComma + 1) : lineTailEnd(text, list.offset + 1);
    const start = leadingCommentsStart(text, comments, chunkStart, lineStartOf(text, item.offset));
    if (!prev && !next && onlySpace(text, list.offset + 1, start) && onlySpace(text, tailEnd, closeOf(list))) {
      // The list becomes empty: `[]`.
      return [{ offset: list.offset + 1, length: closeOf(list) - list.offset - 1, newText: '' }];
    }
    edits.push({ offset: start, length: tailEnd - start, newText: '' });
    if (dropPrevComma && prevComma >= 0) edits.push({ offset: prevComma, length: 1, newText: '' });
    return edits;
  }

  if (next) {
    // Something follows on the same line: the item, its comma and the space up to the next item.
    const between = commentsIn(comments, tailStart, next.offset);
    edits.push({ offset: item.offset, length: (between.length > 0 ? tailStart : next.offset) - item.offset, newText: '' });
    return edits;
  }
  // The last item, followed on its line by the closing bracket.
  if (prev && commentsIn(comments, prev.offset + prev.length, item.offset).length === 0) {
    // `[a, b]` → `[a]`; `[a, b,]` → `[a,]` (a trailing comma stays a trailing comma).
    const from = comma >= 0 ? prevComma + 1 : prev.offset + prev.length;
    edits.push({ offset: from, length: tailStart - from, newText: '' });
    return edits;
  }
  const start = ownLine ? lineStartOf(text, item.offset) : item.offset;
  if (!prev && !next && onlySpace(text, list.offset + 1, item.offset) && onlySpace(text, tailStart, closeOf(list))) {
    return [{ offset: list.offset + 1, length: closeOf(list) - list.offset - 1, newText: '' }];
  }
  edits.push({ offset: start, length: tailStart - start, newText: '' });
  if (dropPrevComma && prevComma >= 0) edits.push({ offset: prevComma, length: 1, newText: '' });
  return edits;
}

/** True when only white space and comments precede `pos` on its line (they belong to what starts there). */
function firstOnLine(text: string, pos: number): boolean {
  return startsLine(text, pos) || skipTrivia(text, lineStartOf(text, pos)) === pos;
}

/**
 * Where the comment lines right above `lineStart` begin: going up from the item's line, each
 * comment that starts its own line, with no blank line between it and what follows, and not before
 * `limit` (the end of the previous item's line).
 */
function leadingCommentsStart(text: string, comments: readonly Comment[], limit: number, lineStart: number): number {
  const own = commentsIn(comments, limit, lineStart);
  let start = lineStart;
  for (let k = own.length - 1; k >= 0; k--) {
    const c = own[k];
    if (!startsLine(text, c.offset) || lineBreaks(text, c.offset + c.length, start) > 1) break;
    start = lineStartOf(text, c.offset);
  }
  return start;
}

function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** True when [from, to) holds white space only (no comment, no token). */
function onlySpace(text: string, from: number, to: number): boolean {
  return from >= to || (skipTrivia(text, from) >= to && !/\/[/*]/.test(text.slice(from, to)));
}
