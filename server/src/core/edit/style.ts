import type { JsonNode } from '../json/parse';
import { commaAfter, detectLayout, isMultiLine, jsonString, renderObject, renderValue, type Layout, type Spelling } from '../fixes/layout';
import { singleQuoted } from '../fixes/literal';

/**
 * How a config writes its keys and strings, so that what an operation adds looks like what is
 * there: NapCat's own saves are plain JSON (`"key": "value"`), hand-written JSON5 files often use
 * unquoted keys and single quotes. Learned from the file itself; plain JSON when it says nothing.
 */
export interface Style {
  readonly layout: Layout;
  /** How keys are written: `"key"`, `'key'` or `key` (unquoted, for keys that are identifiers). */
  readonly keyQuote: '"' | "'" | '';
  /** How strings are written. */
  readonly stringQuote: '"' | "'";
  /** Most multi-line objects and lists of the file end with a comma after their last member (JSON5). */
  readonly trailingComma: boolean;
}

/**
 * The style of `text`, whose tree is `root`: the most common way its keys and its strings are
 * written (ties go to double quotes). Linear in the size of the tree.
 */
export function detectStyle(text: string, root: JsonNode | undefined, layout: Layout = detectLayout(text)): Style {
  const keys = { '"': 0, "'": 0, '': 0 };
  const strings = { '"': 0, "'": 0 };
  let trailing = 0;
  let closed = 0;
  const visit = (node: JsonNode) => {
    const children = node.children ?? [];
    if ((node.type === 'object' || node.type === 'array') && children.length > 0 && isMultiLine(text, node)) {
      closed++;
      if (commaAfter(text, children[children.length - 1]) >= 0) trailing++;
    }
    if (node.type === 'property') {
      const key = node.children?.[0];
      if (key) {
        const q = text[key.offset];
        if (q === '"' || q === "'") keys[q]++;
        else keys['']++;
      }
      const value = node.children?.[1];
      if (value) visit(value);
      return;
    }
    if (node.type === 'string') {
      const q = text[node.offset];
      if (q === '"' || q === "'") strings[q]++;
    }
    for (const c of node.children ?? []) visit(c);
  };
  if (root) visit(root);
  const keyQuote = keys[''] > keys['"'] && keys[''] >= keys["'"] ? '' : keys["'"] > keys['"'] ? "'" : '"';
  const stringQuote = strings["'"] > strings['"'] ? "'" : '"';
  return { layout, keyQuote, stringQuote, trailingComma: trailing * 2 > closed };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A key written in the file's style (a key that is no identifier is quoted even in an unquoted-key file). */
export function renderKey(key: string, style: Style): string {
  if (style.keyQuote === '' && IDENTIFIER.test(key)) return key;
  if (style.keyQuote === "'" || (style.keyQuote === '' && style.stringQuote === "'")) return singleQuoted(key);
  return jsonString(key);
}

/** How the file spells keys and strings, for the layout helpers' renderers. */
function spellingOf(style: Style): Spelling {
  return {
    key: (key) => renderKey(key, style),
    string: (value) => (style.stringQuote === "'" ? singleQuoted(value) : jsonString(value)),
    trailingComma: style.trailingComma,
  };
}

/** A scalar written in the file's style: strings in its quotes, numbers and booleans as JSON. */
export function renderScalar(value: string | number | boolean | null, style: Style): string {
  return renderValue(value, '', style.layout, true, spellingOf(style));
}

/**
 * An object from ordered entries of scalars, in the file's style: over several lines at `indent`
 * (the indentation of the line it starts on), with a trailing comma when the file writes them, or
 * on one line when `compact`.
 */
export function renderEntry(entries: readonly (readonly [string, string | number | boolean | null])[], indent: string, style: Style, compact: boolean): string {
  return renderObject(entries, indent, style.layout, compact, spellingOf(style));
}
