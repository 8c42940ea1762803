import type { JsonNode } from '../json/parse';
import { propsOf } from '../json/nodes';
import type { TextEdit } from '../fixes/edits';
import { appendMembers, prependMember } from '../fixes/insert';
import { literalEdits, stringLiteral } from '../fixes/literal';
import { renderKey, renderScalar, type Style } from './style';

/** A value an operation writes: what NapCat's schema holds in an adapter entry. */
export type Scalar = string | number | boolean;

/**
 * Edits that make `key` of the object `entry` hold `value`, touching nothing else:
 * - a written key (the last one, which NapCat reads, when it is written twice) gets the new
 *   literal over its old one, reduced to the characters that differ; a string keeps its quotes;
 * - a missing key is added, in the file's style: `name` as the entry's first member (where NapCat's
 *   saves put it), any other key after the last member.
 * Empty when `entry` is not an object or already holds exactly this literal.
 */
export function setMemberEdits(text: string, entry: JsonNode, key: string, value: Scalar, style: Style): TextEdit[] {
  if (entry.type !== 'object') return [];
  let written: JsonNode | undefined;
  for (const p of propsOf(entry)) if (p.key === key) written = p.value;
  if (written) {
    const literal = typeof value === 'string' && written.type === 'string' ? stringLiteral(text, written, value) : renderScalar(value, style);
    return literalEdits(text, written, literal);
  }
  const member = `${renderKey(key, style)}: ${renderScalar(value, style)}`;
  if (key === 'name') return prependMember(text, entry, member, style.layout);
  return appendMembers(text, entry, [{ comments: [], render: () => member }], style.layout, true);
}
