import { type Analysis, type FindingOf } from '../../core';
import type { Fix } from './fix';
import { F } from './messages';
import { literalEdits, nodeAt, stringLiteral } from './text';
import { localize } from '../../wording';

/** `napcat.message-format`: the suggested format written; safe when it is 'array'. */
export function messageFormatFix(analysis: Analysis, text: string, finding: FindingOf<'napcat.message-format'>): Fix[] {
  const value = finding.data.suggestion;
  const node = nodeAt(analysis, finding.range.offset, finding.range.length);
  if (!node || node.type !== 'string') return [];
  const edits = literalEdits(text, node, stringLiteral(text, node, value));
  if (edits.length === 0) return [];
  const safe = value === 'array';
  return [{ kind: 'message-format', title: localize(F.messageFormat, { value }), edits, preferred: true, safe, target: node.offset, rank: 1 }];
}
