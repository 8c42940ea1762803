import type { Analysis, JsonNode } from '../../core';
import type { TextEdit } from '../../core/fixes';
import { jsonString } from '../../core/fixes/layout';

/** Text helpers shared by the fix families: finding a node, writing a literal, minimal edits. */

/** The node of the tree with exactly this range (a property's key or value, an item, …). */
export function nodeAt(analysis: Analysis, offset: number, length: number): JsonNode | undefined {
  let node = analysis.parsed?.root;
  while (node) {
    if (node.offset === offset && node.length === length && node.type !== 'property') return node;
    node = childHolding(node.children ?? [], offset, offset + length);
  }
  return undefined;
}

/** The child (children are in text order) whose range holds [start, end). */
function childHolding(children: readonly JsonNode[], start: number, end: number): JsonNode | undefined {
  let lo = 0;
  let hi = children.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (children[mid].offset <= start) lo = mid;
    else hi = mid - 1;
  }
  const c = children[lo];
  return c && c.offset <= start && end <= c.offset + c.length ? c : undefined;
}

/**
 * A string literal for `value` in the quote style of the written node: the same quotes when the
 * value needs no escape in them, a single-quoted JSON5 string kept single-quoted, JSON otherwise.
 */
export function stringLiteral(text: string, node: JsonNode, value: string): string {
  const q = text[node.offset];
  const plain = !/[\\\u0000-\u001f\u2028\u2029]/.test(value);
  if ((q === '"' || q === "'") && plain && !value.includes(q)) return q + value + q;
  if (q === "'") return "'" + jsonString(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'") + "'";
  return jsonString(value);
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

