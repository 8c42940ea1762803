import type { JsonNode } from '../json/parse';
import { applyEdits, type TextEdit } from '../fixes/edits';
import { appendMembers } from '../fixes/insert';
import { commaAfter, indentOf, lineTailEnd, startsLine, type Layout } from '../fixes/layout';

/**
 * Edits that insert a copy of the list item `item` right after it. The copy is the item's own
 * text (its key order, unknown keys, comments inside it and spelling kept) with `changes` applied:
 * edits of the original text that lie inside the item (a new name, `enable: false`), computed by
 * the caller with the same functions as any other change. Neighbours are not touched, except for
 * the comma a last item needs before its copy.
 */
export function duplicateItemEdits(text: string, list: JsonNode, item: JsonNode, changes: readonly TextEdit[], layout: Layout): TextEdit[] {
  const end = item.offset + item.length;
  const inside = changes.map((e) => {
    if (e.offset < item.offset || e.offset + e.length > end) throw new RangeError('a change of the copy lies outside the item');
    return { ...e, offset: e.offset - item.offset };
  });
  const copy = applyEdits(text.slice(item.offset, end), inside);
  const items = list.children ?? [];
  if (items[items.length - 1] === item) {
    return appendMembers(text, list, [{ comments: [], render: () => copy }], layout, true);
  }
  const comma = commaAfter(text, item);
  const tail = lineTailEnd(text, comma + 1);
  if (startsLine(text, item.offset) && tail > comma + 1) {
    return [{ offset: tail, length: 0, newText: indentOf(text, item.offset) + copy + ',' + layout.eol }];
  }
  return [{ offset: comma + 1, length: 0, newText: ' ' + copy + ',' }];
}
