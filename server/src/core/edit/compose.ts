import { applyEdits, normalizeEdits, type TextEdit } from '../fixes/edits';

/**
 * Two rounds of edits as one: `first` applies to `text`, `second` to the result of `first`; the
 * answer applies to `text` and gives the same result (`applyEdits(text, compose(…))` equals
 * `applyEdits(applyEdits(text, first), second)`). Edits stay as small as they were, except that an
 * edit of the second round that touches text written by the first merges with it. Used when an
 * operation on a legacy file runs on its rebuilt text: the editor receives one edit of the
 * original document.
 */
export function composeEdits(text: string, first: readonly TextEdit[], second: readonly TextEdit[]): TextEdit[] {
  const a = normalizeEdits(first);
  const b = normalizeEdits(second);
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const middle = applyEdits(text, a);

  // Spans in the middle text: what the first round wrote, and what the second round replaces.
  // Overlapping or touching spans form one cluster, which becomes one edit of the original text.
  interface Span {
    readonly start: number;
    readonly end: number;
    /** Length change of a first-round edit (0 for the second round's spans). */
    readonly growth: number;
  }
  const spans: Span[] = [];
  let delta = 0;
  for (const e of a) {
    spans.push({ start: e.offset + delta, end: e.offset + delta + e.newText.length, growth: e.newText.length - e.length });
    delta += e.newText.length - e.length;
  }
  for (const e of b) spans.push({ start: e.offset, end: e.offset + e.length, growth: 0 });
  spans.sort((x, y) => x.start - y.start || x.end - y.end);
  const clusters: { start: number; end: number; growth: number }[] = [];
  for (const s of spans) {
    const last = clusters[clusters.length - 1];
    if (last && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      last.growth += s.growth;
    } else clusters.push({ ...s });
  }

  const out: TextEdit[] = [];
  let bi = 0;
  // Length change of the clusters before the current one: middle offset − original offset there.
  let shift = 0;
  for (const c of clusters) {
    const inside: TextEdit[] = [];
    while (bi < b.length && b[bi].offset >= c.start && b[bi].offset + b[bi].length <= c.end) {
      inside.push({ ...b[bi], offset: b[bi].offset - c.start });
      bi++;
    }
    const start = c.start - shift;
    const length = c.end - c.start - c.growth;
    out.push({ offset: start, length, newText: applyEdits(middle.slice(c.start, c.end), inside) });
    shift += c.growth;
  }
  return normalizeEdits(out);
}
