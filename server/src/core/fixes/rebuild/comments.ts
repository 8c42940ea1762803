import { itemsOf } from '../../json/nodes';
import { type JsonNode } from '../../json/parse';
import { type Comment, breakBetween, commentsIn } from '../layout';
import { chunkOf } from './emit';
import { RebuildState } from './state';
import { type Planned, type Removal } from './types';

/** Comments of removed sections: each goes with the new entry it describes, or stays where it was. */

/**
 * Each comment inside a removed property goes with the new entry it describes: inside a URL list,
 * the item it sits in, trails on its line, or precedes; elsewhere in the section, the section's
 * first entry. A comment that describes nothing that moved stays where the property was.
 */
export function placeComments(s: RebuildState, removals: Removal[]): void {
  for (const r of removals) {
    const [start, end] = chunkOf(s, r.prop);
    for (const c of commentsIn(s.comments, start, end)) {
      let target: Planned | undefined = r.fallback;
      const list = r.lists.find((l) => c.offset > l.offset && c.offset < l.offset + l.length);
      if (list) target = itemOwner(s, list, c) ?? (itemsOf(list).length === 0 ? r.fallback : undefined);
      if (target?.name !== undefined) target.comments.push(c);
      else r.leftover.push(c);
    }
  }
}

export function itemOwner(s: RebuildState, list: JsonNode, c: Comment): Planned | undefined {
  const items = itemsOf(list);
  let prev: JsonNode | undefined;
  for (const item of items) {
    const end = item.offset + item.length;
    if (c.offset >= item.offset && c.offset < end) {
      // Inside an entry object: that entry; it is the nearest item in any case.
      return s.byItem.get(item);
    }
    if (end <= c.offset) prev = item;
    else {
      // `item` is the next one: a comment trailing the previous item on its line goes with it.
      if (prev && !breakBetween(s.text, prev.offset + prev.length, c.offset)) return s.byItem.get(prev);
      return s.byItem.get(item);
    }
  }
  return prev ? s.byItem.get(prev) : undefined;
}
