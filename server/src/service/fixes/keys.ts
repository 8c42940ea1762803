import { type Analysis, type Finding, type FindingOf } from '../../core';
import { propMap, valueOf } from '../../core/json/nodes';
import { commaAfter, commentsIn, lineStartOf, startsLine } from '../../core/fixes/layout';
import type { Fix } from './fix';
import { commentsOf } from './lookup';
import { F } from './messages';
import { literalEdits, nodeAt, stringLiteral } from './text';
import { localize } from '../../wording';

/** Key fixes: a mistyped key renamed (`napcat.unknown-key`), a duplicate key removed (`napcat.duplicate-key`). Offered, never safe. */

/** `napcat.unknown-key` with a typo suggestion: the key renamed, unless the object already has that key. */
export function renameKeyFix(analysis: Analysis, text: string, finding: FindingOf<'napcat.unknown-key'>): Fix[] {
  const { reason, suggestion } = finding.data;
  if (reason !== 'typo' || suggestion === undefined || suggestion === '') return [];
  const keyNode = nodeAt(analysis, finding.range.offset, finding.range.length);
  const prop = keyNode?.parent;
  if (!keyNode || prop?.type !== 'property' || prop.children?.[0] !== keyNode || typeof keyNode.value !== 'string') return [];
  if (propMap(prop.parent).has(suggestion)) return []; // renaming would write the key twice
  const raw = text.slice(keyNode.offset, keyNode.offset + keyNode.length);
  const literal = raw.startsWith('"') || raw.startsWith("'") || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(suggestion)
    ? stringLiteral(text, keyNode, suggestion)
    : suggestion;
  const edits = literalEdits(text, keyNode, literal);
  if (edits.length === 0) return [];
  const title = localize(F.renameKey, { key: keyNode.value, suggestion });
  return [{ kind: 'rename-key', title, edits, preferred: false, safe: false, target: keyNode.offset, rank: 1 }];
}

/**
 * `napcat.duplicate-key`: removes the occurrence NapCat ignores, only when nothing is lost — its
 * value is a scalar, or equals the value NapCat reads — and no comment lies inside what goes.
 * The whole line goes when the member has a line of its own.
 */
export function removeKeyFix(analysis: Analysis, text: string, finding: Finding): Fix[] {
  const keyNode = nodeAt(analysis, finding.range.offset, finding.range.length);
  const prop = keyNode?.parent;
  if (!keyNode || prop?.type !== 'property' || prop.children?.[0] !== keyNode || typeof keyNode.value !== 'string') return [];
  const key: string = keyNode.value;
  const winner = propMap(prop.parent).get(key);
  if (!winner || winner.prop === prop) return [];
  const value = prop.children?.[1];
  const scalar = value !== undefined && value.type !== 'object' && value.type !== 'array';
  if (!scalar && JSON.stringify(valueOf(value)) !== JSON.stringify(valueOf(winner.value))) return [];
  const comma = commaAfter(text, prop);
  if (comma < 0) return [];
  let end = comma + 1;
  while (text[end] === ' ' || text[end] === '\t') end++;
  let start = prop.offset;
  if (startsLine(text, prop.offset) && (end === text.length || text[end] === '\n' || text[end] === '\r')) {
    start = lineStartOf(text, prop.offset);
    end += text.startsWith('\r\n', end) ? 2 : end < text.length ? 1 : 0;
  }
  if (commentsIn(commentsOf(analysis, text), start, end).length > 0) return [];
  const title = localize(F.removeDuplicateKey, { key });
  return [
    { kind: 'remove-key', title, edits: [{ offset: start, length: end - start, newText: '' }], preferred: false, safe: false, target: prop.offset, rank: 1 },
  ];
}
