import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { KINDS, localize, maskUrl, type Adapter, type Analysis, type JsonNode, type LegacyConnection, type LegacyForm } from '../core';
import type { ServerContext } from './context';
import { nodeRange } from './convert';
import { M } from './messages';
import { endpointOf } from './render';
import { adapterStatus, formLabel } from './status';

/**
 * Document symbols for the Outline: `network` → one list per kind → one symbol per adapter (named
 * by its effective name), and the connections of legacy sections under their top-level key.
 */

/** `textDocument/documentSymbol`. */
export async function documentSymbols(ctx: ServerContext, params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc) return [];
  const result = await ctx.analyses.get(doc);
  if (!result) return [];
  return symbolsOf(doc, result.analysis);
}

const ROLE_KIND = { server: SymbolKind.Interface, client: SymbolKind.Event, plugin: SymbolKind.Package } as const;

/** The symbol tree of an analysed document. */
export function symbolsOf(doc: TextDocument, analysis: Analysis): DocumentSymbol[] {
  const { model } = analysis;
  const out: DocumentSymbol[] = [];

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
    const children: DocumentSymbol[] = [];
    for (const [list, adapters] of lists) {
      const owner = list.parent?.type === 'property' ? list.parent : list;
      const kind = adapters[0].kind;
      children.push({
        name: kind,
        detail: localize(KINDS[kind].label),
        kind: SymbolKind.Array,
        range: nodeRange(doc, owner),
        selectionRange: nodeRange(doc, owner.children?.[0] ?? owner),
        children: adapters.map((a) => adapterSymbol(doc, analysis, a)),
      });
    }
    out.push({
      name: 'network',
      kind: SymbolKind.Module,
      range: nodeRange(doc, network.prop),
      selectionRange: nodeRange(doc, network.keyNode),
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
      const symbols = connections.map((c) => legacySymbol(doc, c, part.form));
      if (!prop || (connections.length === 1 && connections[0].path === key)) {
        out.push(...symbols);
        continue;
      }
      out.push({
        name: key,
        detail: localize(formLabel(part.form)),
        kind: prop.value?.type === 'array' ? SymbolKind.Array : SymbolKind.Object,
        range: nodeRange(doc, prop.prop),
        selectionRange: nodeRange(doc, prop.keyNode),
        children: symbols,
      });
    }
  }
  return out;
}

function adapterSymbol(doc: TextDocument, analysis: Analysis, a: Adapter): DocumentSymbol {
  const spec = KINDS[a.kind];
  const status = adapterStatus(analysis, a);
  const detail = [localize(spec.label), endpointOf(a, analysis.version)].filter((s) => s !== '');
  if (!a.enabled) detail.push(`(${localize(M.symbolDisabled)})`);
  else if (status.replacedBy) detail.push(`(${localize(M.symbolReplaced)})`);
  const nameNode = a.fields.get('name')?.prop.value;
  return {
    name: symbolName(a.effectiveName),
    detail: detail.join(' · '),
    kind: ROLE_KIND[spec.role],
    range: nodeRange(doc, a.node),
    selectionRange: nodeRange(doc, nameNode ?? { ...a.node, length: Math.min(a.node.length, 1) }),
  };
}

function legacySymbol(doc: TextDocument, c: LegacyConnection, form: LegacyForm): DocumentSymbol {
  const endpoint = c.url !== undefined ? maskUrl(c.url) : c.port !== undefined ? `${c.host || '0.0.0.0'}:${c.port}` : '';
  const isClient = KINDS[c.kind].role === 'client';
  const detail = [localize(KINDS[c.kind].label)];
  if (!isClient && endpoint) detail.push(endpoint);
  detail.push(localize(formLabel(form)));
  if (!c.enabled) detail.push(`(${localize(M.symbolDisabled)})`);
  return {
    name: symbolName(isClient ? endpoint || c.path : c.path),
    detail: detail.join(' · '),
    kind: ROLE_KIND[KINDS[c.kind].role],
    range: nodeRange(doc, c.node),
    selectionRange: nodeRange(doc, c.node),
  };
}

/** Editors reject empty symbol names. */
function symbolName(name: string): string {
  return name.trim() === '' ? JSON.stringify(name) : name;
}
