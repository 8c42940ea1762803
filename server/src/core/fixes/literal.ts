import type { JsonNode } from '../json/parse';
import type { TextEdit } from './edits';
import { jsonString } from './layout';

/** Writing one value over a written literal: its quote style kept, the edit reduced to what differs. */

/**
 * A string literal for `value` in the quote style of the written node: the same quotes when the
 * value needs no escape in them, a single-quoted JSON5 string kept single-quoted, JSON otherwise.
 */
export function stringLiteral(text: string, node: JsonNode, value: string): string {
  const q = text[node.offset];
  const plain = !/[\\\u0000-\u001f\u2028\u2029]/.test(value);
  if ((q === '"' || q === "'") && plain && !value.includes(q)) return q + value + q;
  if (q === "'") return singleQuoted(value);
  return jsonString(value);
}

/** A single-quoted JSON5 string literal (JSON escapes, `'` escaped, `"` left as it is). */
export function singleQuoted(value: string): string {
  return "'" + jsonString(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'") + "'";
}

/**
 * The edit that turns the written literal of `node` into `literal`, reduced to the characters that
 * differ (so the cursor and the rest of the string stay), never splitting a surrogate pair.
 */
export function literalEdits(text: string, node: JsonNode, literal: string): TextEdit[] {
  const old = text.slice(node.offset, node.offset + node.length);
  if (old === literal) return [];
  let p = 0;
  while (p < old.length && p < literal.length && old[p] === literal[p]) p++;
  if (p > 0 && isHighSurrogate(old.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < old.length - p && s < literal.length - p && old[old.length - 1 - s] === literal[literal.length - 1 - s]) s++;
  if (s > 0 && isLowSurrogate(old.charCodeAt(old.length - s))) s--;
  return [{ offset: node.offset + p, length: old.length - p - s, newText: literal.slice(p, literal.length - s) }];
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
