import type { JsonNode } from '../core';

/**
 * Finding nodes by offset. Iterative (no recursion), with a binary search among children, so
 * deeply nested or very wide documents cost O(depth · log width).
 */

function contains(node: JsonNode, offset: number): boolean {
  return offset >= node.offset && offset < node.offset + node.length;
}

function childAt(children: readonly JsonNode[] | undefined, offset: number): JsonNode | undefined {
  if (!children) return undefined;
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = children[mid];
    if (offset < c.offset) hi = mid - 1;
    else if (offset >= c.offset + c.length) lo = mid + 1;
    else return c;
  }
  return undefined;
}

/** The nodes containing `offset`, from `root` down to the innermost one (empty if none). */
export function nodePathAt(root: JsonNode | undefined, offset: number): JsonNode[] {
  const path: JsonNode[] = [];
  let node = root && contains(root, offset) ? root : undefined;
  while (node) {
    path.push(node);
    node = childAt(node.children, offset);
  }
  return path;
}

