import type { Adapter } from '../model';
import type { TextEdit } from '../fixes/edits';
import { setMemberEdits } from './set';
import type { Style } from './style';

/**
 * Edits that give an entry the name `newName`: its `name` value replaced (quotes kept), or a
 * `name` member added first when it has none. What the name may be is the names rule's business
 * (the service checks the result with it).
 */
export function renameEdits(text: string, adapter: Adapter, newName: string, style: Style): TextEdit[] {
  return setMemberEdits(text, adapter.node, 'name', newName, style);
}
