import { type Analysis, type FindingOf } from '../../core';
import { jsonString } from '../../core/fixes/layout';
import type { Fix } from './fix';
import { F } from './messages';
import { literalEdits, nodeAt } from './text';
import { localize } from '../../wording';

/**
 * `napcat.coerced-value`: the value written in its declared type, exactly as NapCat converts it
 * (`data.value`, computed by the rule with `coerce`). Safe (fix-all) only when the written text
 * already spells the converted value — quotes, letter case and surrounding white space aside:
 * `"true"` → `true`, `"8080"` → `8080`, `123` → `"123"`. Other conversions are offered one by one,
 * since they show what NapCat does rather than what was meant: `"1"` or `1` → `true`, `3001.5` →
 * `3001`, `"1e3"` → `1` (parseInt), `"0x10"` → `16`.
 *
 * A token's finding carries no value. A token written as a number or boolean is quoted only when
 * its text is exactly the string NapCat makes of it (`123456` → `"123456"`; the rule says so with
 * `repair: 'quote'`), so the token NapCat checks stays the same; for `1e3`, `0x1F`, `1.0` or
 * digits beyond a double's precision no fix is offered, since writing either NapCat's string or
 * the written text would change a secret. The title never shows a token.
 */
export function coercedFix(analysis: Analysis, text: string, finding: FindingOf<'napcat.coerced-value'>): Fix[] {
  const node = nodeAt(analysis, finding.range.offset, finding.range.length);
  if (!node || (node.type !== 'string' && node.type !== 'number' && node.type !== 'boolean')) return [];
  const written = text.slice(node.offset, node.offset + node.length);
  const data = finding.data;
  if (data === undefined) return [];
  const secret = !('value' in data);
  let value: unknown;
  if ('value' in data) value = data.value;
  else {
    if (node.type === 'string') return [];
    value = written; // `repair: 'quote'`: the written text is the token NapCat checks
  }
  let literal: string;
  let spelled: boolean;
  if (typeof value === 'string') {
    if (node.type === 'string') return [];
    literal = jsonString(value);
    spelled = written === value;
  } else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
    literal = String(value);
    const inner = node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
    spelled =
      inner !== undefined &&
      (typeof value === 'boolean' ? inner.toLowerCase() === literal : inner.trim() === literal);
  } else {
    return [];
  }
  const edits = literalEdits(text, node, literal);
  if (edits.length === 0) return [];
  const title = secret ? localize(F.coercedToken) : localize(F.coercedValue, { value: literal });
  return [{ kind: 'coerced-value', title, edits, preferred: spelled, safe: spelled, target: node.offset, rank: 1 }];
}
