import type { Analysis, JsonNode } from '../../core';

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

export { literalEdits, stringLiteral } from '../../core/fixes/literal';
