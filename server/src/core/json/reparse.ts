import type { TextEdit } from '../fixes/edits';
import { readToken } from './json5';
import { propertyOfKey, type WritableNode } from './nodes';
import { parsedFrom, type JsonNode, type ParsedText } from './parse';

/**
 * The parse of an edited text, made from the parse of the text before the edit when the edit
 * stays inside one token — a string (quotes included), a number or an unquoted key — and the token
 * read again is one token of the same kind that ends where the edit moved its end. That is what
 * typing in a config mostly is — a URL, a token, a name, a port, or a value pasted over — and
 * then the rest of the text reads as before: the tree is kept, the token's node takes its new
 * value and length, its ancestors their new length, and the nodes after it move by the change in
 * length. Anything else (a quote, a comma, a line break typed; a text NapCat rejects before or
 * after) returns undefined, and the caller parses the whole text.
 *
 * `previous` is consumed: its tree now belongs to the result, with offsets into the new text. It
 * can be consumed once (a second call returns undefined). The result is the tree `parseText(text)`
 * builds, which test/unit/reparse.test.ts checks edit by edit, and the token node that was read
 * again: every node outside its ancestors kept its value (what is built from the tree, such as the
 * model's entries, can be kept for them; model.ts).
 */
export function reparse(previous: ParsedText, edit: TextEdit, text: string): Reparsed | undefined {
  const root = previous.root;
  if (!root || previous.failure !== undefined || consumed.has(previous)) return undefined;
  const before = previous.text;
  const end = edit.offset + edit.length;
  const delta = edit.newText.length - edit.length;
  if (edit.offset < 0 || end > before.length || text.length !== before.length + delta) return undefined;
  // The caller says what changed; the texts confirm it. Compared as slices: `===` compares
  // memory, where `startsWith` of a long string goes character by character, 20 times slower.
  const after = edit.offset + edit.newText.length;
  if (text.slice(edit.offset, after) !== edit.newText || text.slice(0, edit.offset) !== before.slice(0, edit.offset) || text.slice(after) !== before.slice(end)) return undefined;

  const leaf = tokenAround(root, edit.offset, end);
  if (!leaf) return undefined;
  const kind = tokenKind(leaf, before);
  if (!kind) return undefined;
  // The text before the token is the same, so the reader reaches it in the same state; read again,
  // the token must be one token of the same kind (a string still starts with a quote) that ends
  // where the rest of the text, also the same, begins.
  if (kind === 'string' && !isQuote(text.charCodeAt(leaf.offset))) return undefined;
  const read = readToken(text, leaf.offset, kind);
  if (!read || read.end !== leaf.offset + leaf.length + delta) return undefined;

  consumed.add(previous);
  const node = leaf as WritableNode;
  node.value = read.value;
  node.length += delta;
  let child: JsonNode = leaf;
  for (let parent = leaf.parent as WritableNode | undefined; parent; child = parent, parent = parent.parent as WritableNode | undefined) {
    parent.length += delta;
    const siblings = parent.children!;
    const at = siblings.indexOf(child);
    // A key moves the colon after it.
    if (parent.type === 'property' && at === 0 && parent.colonOffset !== undefined) parent.colonOffset += delta;
    for (let i = at + 1; i < siblings.length; i++) shift(siblings[i], delta);
  }
  return { parsed: parsedFrom(text, root, undefined), token: leaf };
}

/** The parse of an edited text made from the previous one, and the token node the edit changed. */
export interface Reparsed {
  readonly parsed: ParsedText;
  /** The node whose value changed (a string, number or key); its ancestors changed length only. */
  readonly token: JsonNode;
}

/** Parses whose tree went to a newer text. */
const consumed = new WeakSet<ParsedText>();

/** The innermost node whose range holds `[from, to]` (ends included), when that is a token (no object, array or property). */
function tokenAround(root: JsonNode, from: number, to: number): JsonNode | undefined {
  const holds = (n: JsonNode) => n.offset <= from && to <= n.offset + n.length;
  let node = holds(root) ? root : undefined;
  while (node?.children) node = node.children.find(holds);
  return node && (node.type === 'string' || node.type === 'number') ? node : undefined;
}

/** How the token of `node` is read again: a quoted string, a number, or an unquoted key. */
function tokenKind(node: JsonNode, text: string): 'string' | 'number' | 'identifier' | undefined {
  if (node.type === 'number') return 'number';
  if (isQuote(text.charCodeAt(node.offset))) return 'string';
  return propertyOfKey(node) ? 'identifier' : undefined;
}

const isQuote = (c: number) => c === 0x22 || c === 0x27;

/** Moves a subtree by `delta`. */
function shift(top: JsonNode, delta: number): void {
  const stack: JsonNode[] = [top];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const m = node as WritableNode;
    m.offset += delta;
    if (m.colonOffset !== undefined) m.colonOffset += delta;
    if (node.children) for (const c of node.children) stack.push(c);
  }
}
