import { KINDS, maskUrl, type Adapter, type Analysis, type JsonNode, type LegacyConnection, type LegacyForm, type Range } from '../core';
import { M } from './messages';
import { endpointOf } from './render';
import { adapterStatus, formLabel } from './status';
import { localize } from '../wording';

/**
 * Document symbols for the Outline: `network` → one list per kind → one symbol per adapter (named
 * by its effective name), and the connections of legacy sections under their top-level key.
 */

/** What a symbol stands for; the LSP conversion maps it to a `SymbolKind`. */
export type OutlineKind = 'module' | 'array' | 'object' | 'server' | 'client' | 'plugin';

/** One symbol of the outline, in offsets of the analysed text. */
export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: OutlineKind;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children?: readonly OutlineSymbol[];
}

function nodeRange(node: Range): Range {
  return { offset: node.offset, length: node.length };
}

/** The symbol tree of an analysed document. */
export function symbolsOf(analysis: Analysis): OutlineSymbol[] {
  const { model } = analysis;
  const out: OutlineSymbol[] = [];

  const network = model.network;
  if (network && network.value?.type === 'object') {
    // Group by the list node: a kind written twice gives two lists, as in the file.
    const lists = new Map<JsonNode, Adapter[]>();
    for (const a of model.adapters) {
      if (a.origin !== 'network' || !a.node.parent) continue;
      const list = lists.get(a.node.parent) ?? [];
      list.push(a);
      lists.set(a.node.parent, list);
    }
    const children: OutlineSymbol[] = [];
    for (const [list, adapters] of lists) {
      const owner = list.parent?.type === 'property' ? list.parent : list;
      const kind = adapters[0].kind;
      children.push({
        name: kind,
        detail: localize(KINDS[kind].label),
        kind: 'array',
        range: nodeRange(owner),
        selectionRange: nodeRange(owner.children?.[0] ?? owner),
        children: adapters.map((a) => adapterSymbol(analysis, a)),
      });
    }
    out.push({
      name: 'network',
      kind: 'module',
      range: nodeRange(network.prop),
      selectionRange: nodeRange(network.keyNode),
      children,
    });
  }

  for (const part of model.legacy) {
    // Group connections by the top-level key they are written under.
    const groups = new Map<string, LegacyConnection[]>();
    for (const c of part.connections) {
      const key = /^[^.[]+/.exec(c.path)?.[0] ?? c.path;
      const group = groups.get(key) ?? [];
      group.push(c);
      groups.set(key, group);
    }
    for (const [key, connections] of groups) {
      const prop = model.topLevel.get(key);
      const symbols = connections.map((c) => legacySymbol(c, part.form));
      if (!prop || (connections.length === 1 && connections[0].path === key)) {
        out.push(...symbols);
        continue;
      }
      out.push({
        name: key,
        detail: localize(formLabel(part.form)),
        kind: prop.value?.type === 'array' ? 'array' : 'object',
        range: nodeRange(prop.prop),
        selectionRange: nodeRange(prop.keyNode),
        children: symbols,
      });
    }
  }
  return out;
}

function adapterSymbol(analysis: Analysis, a: Adapter): OutlineSymbol {
  const spec = KINDS[a.kind];
  const status = adapterStatus(analysis, a);
  const detail = [localize(spec.label), endpointOf(a, analysis.version)].filter((s) => s !== '');
  if (!a.enabled) detail.push(`(${localize(M.symbolDisabled)})`);
  else if (status.replacedBy) detail.push(`(${localize(M.symbolReplaced)})`);
  const nameNode = a.fields.get('name')?.value;
  return {
    name: symbolName(a.effectiveName),
    detail: detail.join(' · '),
    kind: spec.role,
    range: nodeRange(a.node),
    selectionRange: nodeRange(nameNode ?? { ...a.node, length: Math.min(a.node.length, 1) }),
  };
}

function legacySymbol(c: LegacyConnection, form: LegacyForm): OutlineSymbol {
  const endpoint = c.url !== undefined ? maskUrl(c.url) : c.port !== undefined ? `${c.host || '0.0.0.0'}:${c.port}` : '';
  const isClient = KINDS[c.kind].role === 'client';
  const detail = [localize(KINDS[c.kind].label)];
  if (!isClient && endpoint) detail.push(endpoint);
  detail.push(localize(formLabel(form)));
  if (!c.enabled) detail.push(`(${localize(M.symbolDisabled)})`);
  return {
    name: symbolName(isClient ? endpoint || c.path : c.path),
    detail: detail.join(' · '),
    kind: KINDS[c.kind].role,
    range: nodeRange(c.node),
    selectionRange: nodeRange(c.node),
  };
}

/** Editors reject empty symbol names. */
function symbolName(name: string): string {
  return name.trim() === '' ? JSON.stringify(name) : name;
}
