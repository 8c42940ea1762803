import type { JsonNode } from '../json/parse';
import { isObject, itemsOf, propMap } from '../json/nodes';
import type { ConfigModel } from '../model';
import type { AdapterKind } from '../schema';
import type { TextEdit } from '../fixes/edits';
import { appendMembers, type NewMember } from '../fixes/insert';
import { isMultiLine, renderContainer } from '../fixes/layout';
import type { Scalar } from './set';
import { renderEntry, renderKey, type Style } from './style';

/** Where a new entry of a kind goes, or why it cannot go anywhere. */
export type AddResult =
  | { readonly ok: true; readonly edits: TextEdit[]; /** Its index in `network.<kind>`. */ readonly index: number }
  | { readonly ok: false; readonly problem: 'no-root' | 'network-not-object' | 'list-not-array' };

/**
 * Edits that append an entry with `values` (in the order given) to `network.<kind>`, creating the
 * list, and `network` itself, when the file has none. Existing text is not touched but for the
 * comma before the insertion point; the entry is written in the file's style (indentation, line
 * ending, quotes, a trailing comma when the list writes one), over several lines in a multi-line
 * file, on one line in a one-line file.
 */
export function addEntryEdits(text: string, model: ConfigModel, kind: AdapterKind, values: readonly (readonly [string, Scalar])[], style: Style): AddResult {
  const root = model.root;
  if (!root) return { ok: false, problem: 'no-root' };
  const expand = isMultiLine(text, root) || (root.children ?? []).length === 0;
  const entry: NewMember = { comments: [], render: (indent, compact) => renderEntry(values, indent, style, compact) };
  const network = model.network;
  if (!network) {
    const member = keyed('network', style, (indent, compact) => container('{', '}', [keyed(kind, style, (i, c) => container('[', ']', [entry], i, c, style))], indent, compact, style));
    return { ok: true, edits: appendMembers(text, root, [member], style.layout, expand), index: 0 };
  }
  if (!isObject(network.value)) return { ok: false, problem: 'network-not-object' };
  const list = propMap(network.value).get(kind);
  if (!list) {
    const member = keyed(kind, style, (indent, compact) => container('[', ']', [entry], indent, compact, style));
    return { ok: true, edits: appendMembers(text, network.value!, [member], style.layout, expand), index: 0 };
  }
  if (list.value?.type !== 'array') return { ok: false, problem: 'list-not-array' };
  return { ok: true, edits: appendMembers(text, list.value, [entry], style.layout, expand), index: itemsOf(list.value).length };
}

/** `key: <value>` as a member to insert. */
function keyed(key: string, style: Style, value: (indent: string, compact: boolean) => string): NewMember {
  return { comments: [], render: (indent, compact) => `${renderKey(key, style)}: ${value(indent, compact)}` };
}

/** An object or array of new members, laid out like `renderEntry`. */
function container(open: string, close: string, members: readonly NewMember[], indent: string, compact: boolean, style: Style): string {
  const items = members.map((m) => m.render(compact ? '' : indent + style.layout.unit, compact));
  return renderContainer(open, close, items, indent, style.layout, compact, style.trailingComma);
}

/** The list node of `network.<kind>` that NapCat reads, if any. */
export function kindList(model: ConfigModel, kind: AdapterKind): JsonNode | undefined {
  const list = propMap(model.network?.value).get(kind)?.value;
  return list?.type === 'array' ? list : undefined;
}
