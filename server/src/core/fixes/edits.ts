/**
 * Text edits in UTF-16 offsets of the original text, the currency of every fix. The LSP layer turns
 * them into `TextEdit`s with positions; the CLI applies them. An edit never holds positions.
 */
export interface TextEdit {
  /** Start of the replaced range in the original text. */
  readonly offset: number;
  /** Length of the replaced range (0 for an insertion). */
  readonly length: number;
  readonly newText: string;
}

/**
 * Applies edits to `text`. The edits must not overlap (touching is fine); they may come in any
 * order, and insertions at the same offset are applied in the order given. Throws a RangeError
 * for overlapping or out-of-range edits, which is always a programming error of the caller.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = normalizeEdits(edits);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.offset) + e.newText;
    at = e.offset + e.length;
  }
  if (at > text.length) throw new RangeError('edit past the end of the text');
  return out + text.slice(at);
}

/**
 * Sorts edits by offset (stable: same-offset insertions keep their order, and an insertion comes
 * before a replacement that starts at the same offset), merges what touches the same point, drops
 * no-op edits, and checks that none overlap. The result is what fixes hand out: sorted,
 * non-overlapping, at most one edit per offset.
 */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const indexed = edits.map((e, i) => ({ e, i }));
  indexed.sort((a, b) => a.e.offset - b.e.offset || (a.e.length === 0 ? 0 : 1) - (b.e.length === 0 ? 0 : 1) || a.i - b.i);
  const out: TextEdit[] = [];
  for (const { e } of indexed) {
    if (e.offset < 0 || e.length < 0) throw new RangeError('negative edit range');
    const prev = out[out.length - 1];
    if (prev && e.offset < prev.offset + prev.length) throw new RangeError(`overlapping edits at ${e.offset}`);
    if (prev && e.offset === prev.offset + prev.length && (prev.length === 0 || e.length === 0)) {
      // Touching edits where one is an insertion: one edit, so every offset has a single owner.
      out[out.length - 1] = { offset: prev.offset, length: prev.length + e.length, newText: prev.newText + e.newText };
      continue;
    }
    out.push(e);
  }
  return out.filter((e) => e.length > 0 || e.newText !== '');
}
