import { getNodeValue } from 'jsonc-parser';
import type { JsonNode } from './parse';

/**
 * Small helpers over the syntax tree. All of them are O(size of the node they are given) and
 * never throw on a partial tree (error recovery can leave properties without values).
 */

/** A node whose fields may be written: one the JSON5 reader builds, or reparse.ts moves. */
export type WritableNode = { -readonly [K in keyof JsonNode]: JsonNode[K] };

export interface Prop {
  readonly key: string;
  /** The property node (`[keyNode, valueNode]`). */
  readonly prop: JsonNode;
  readonly keyNode: JsonNode;
  /** Undefined when recovery left the property without a value. */
  readonly value: JsonNode | undefined;
}

/** The properties of an object node in written order, duplicates included. */
export function propsOf(obj: JsonNode | undefined): Prop[] {
  if (!obj || obj.type !== 'object' || !obj.children) return [];
  const out: Prop[] = [];
  for (const prop of obj.children) {
    const keyNode = prop.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    out.push({ key: keyNode.value, prop, keyNode, value: prop.children?.[1] });
  }
  return out;
}

/** The `Prop` view of a property node whose key is a string. */
export function asProp(prop: JsonNode): Prop {
  const keyNode = prop.children![0];
  return { key: keyNode.value as string, prop, keyNode, value: prop.children![1] };
}

/** Properties by key; for a key written twice the last one wins, as in every JSON reader. */
export function propMap(obj: JsonNode | undefined): Map<string, Prop> {
  const map = new Map<string, Prop>();
  for (const p of propsOf(obj)) map.set(p.key, p);
  return map;
}

/** JavaScript value of a scalar node; for objects and arrays, the whole value (use sparingly). */
export function valueOf(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  if (node.type === 'object' || node.type === 'array') return getNodeValue(node);
  return node.value;
}

/** The items of an array node (empty for anything else). */
export function itemsOf(node: JsonNode | undefined): JsonNode[] {
  return node && node.type === 'array' && node.children ? node.children : [];
}

/** When `node` is the key of a property: that property. */
export function propertyOfKey(node: JsonNode | undefined): JsonNode | undefined {
  const parent = node?.parent;
  return node && parent?.type === 'property' && parent.children?.[0] === node ? parent : undefined;
}

export function isObject(node: JsonNode | undefined): node is JsonNode {
  return node?.type === 'object';
}
