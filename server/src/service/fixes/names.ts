import { type Analysis, type EntryRef } from '../../core';
import { addNameEdit } from '../../core/fixes';
import type { Fix } from './fix';
import { adapterOf } from './lookup';
import { F } from './messages';
import { localize } from '../../wording';

/**
 * `napcat.duplicate-name`, `napcat.missing-name`, `napcat.reserved-name`: the entry gets the name
 * the rule suggests (unique across the file). Safe.
 */
export function nameFix(analysis: Analysis, text: string, data: EntryRef & { readonly suggestedName: string }): Fix[] {
  const name = data.suggestedName;
  const adapter = adapterOf(analysis, data);
  if (name === '' || !adapter) return [];
  const edits = addNameEdit(text, adapter, name);
  if (edits.length === 0) return [];
  const title = localize(adapter.fields.has('name') ? F.rename : F.addName, { name });
  return [{ kind: 'name', title, edits, preferred: true, safe: true, target: adapter.node.offset, rank: 1 }];
}
