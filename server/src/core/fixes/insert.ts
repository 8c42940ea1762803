import type { JsonNode } from '../json/parse';
import type { TextEdit } from './edits';
import {
  breakBetween,
  closeOf,
  commaAfter,
  indentOf,
  isMultiLine,
  lineStartOf,
  lineTailEnd,
  memberIndent,
  startsLine,
  type Layout,
} from './layout';

/**
 * Insertions into existing objects and arrays that touch nothing but the insertion point (and a
 * missing comma): neighbours keep their text, comments and formatting. New members follow the
 * container's own layout: one per line at the indentation of the existing members in a multi-line
 * container, inline (`, `-separated) in a one-line container.
 */

export interface NewMember {
  /** Comment texts (verbatim, e.g. `// nonebot`) to place right before the member. */
  readonly comments: readonly string[];
  /** The member: an array item, or `"key": value` for an object. `indent`: its line's indentation. */
  render(indent: string, compact: boolean): string;
}

/**
 * Edits that append `members` at the end of `container` (an object or array node). A trailing
 * comma after the last existing member is kept as a style: the new last member gets one too.
 * `expand`: whether an empty one-line container (`[]`) is opened over several lines (true in a
 * multi-line file).
 */
export function appendMembers(
  text: string,
  container: JsonNode,
  members: readonly NewMember[],
  layout: Layout,
  expand: boolean,
): TextEdit[] {
  if (members.length === 0) return [];
  const children = container.children ?? [];
  const close = closeOf(container);
  const multi = isMultiLine(text, container) || (children.length === 0 && expand);
  const { eol } = layout;

  if (!multi) {
    const inline = members.map((m) => inlineMember(m, eol)).join(', ');
    if (children.length === 0) {
      const pad = text.slice(container.offset + 1, close).trim() === '' ? '' : ' ';
      return [{ offset: close, length: 0, newText: pad + inline }];
    }
    const last = children[children.length - 1];
    const comma = commaAfter(text, last);
    if (comma < 0) return [{ offset: last.offset + last.length, length: 0, newText: ', ' + inline }];
    return [{ offset: comma + 1, length: 0, newText: ' ' + inline + ',' }];
  }

  const indent = memberIndent(text, container, layout);
  const block = (trailing: boolean) =>
    members.map((m) => lines(m, indent, eol)).join(',' + eol) + (trailing ? ',' : '');

  if (children.length === 0) {
    if (isMultiLine(text, container)) {
      if (startsLine(text, close)) return [{ offset: lineStartOf(text, close), length: 0, newText: block(false) + eol }];
      return [{ offset: close, length: 0, newText: eol + block(false) + eol + indentOf(text, container.offset) }];
    }
    // `[]` in a multi-line file: open it up; block comments inside stay in front of the members.
    const inner = text.slice(container.offset + 1, close).trim();
    return [
      {
        offset: container.offset + 1,
        length: close - container.offset - 1,
        newText: (inner ? ' ' + inner : '') + eol + block(false) + eol + indentOf(text, container.offset),
      },
    ];
  }

  const last = children[children.length - 1];
  const lastEnd = last.offset + last.length;
  const comma = commaAfter(text, last);
  const edits: TextEdit[] = [];
  if (comma < 0) edits.push({ offset: lastEnd, length: 0, newText: ',' });
  const tailStart = comma >= 0 ? comma + 1 : lastEnd;
  const after = lineTailEnd(text, tailStart);
  if (after > tailStart && breakBetween(text, tailStart, after)) {
    edits.push({ offset: after, length: 0, newText: block(comma >= 0) + eol });
  } else {
    // The closing bracket follows on the same line: move it to a line of its own.
    let ws = close;
    while (ws > tailStart && (text[ws - 1] === ' ' || text[ws - 1] === '\t')) ws--;
    edits.push({ offset: ws, length: close - ws, newText: eol + block(comma >= 0) + eol + indentOf(text, container.offset) });
  }
  return edits;
}

/** Edits that insert `member` as the first member of `container` (e.g. a `name` at the top of an entry). */
export function prependMember(text: string, container: JsonNode, member: string, layout: Layout): TextEdit[] {
  const children = container.children ?? [];
  const close = closeOf(container);
  const { eol } = layout;
  if (children.length === 0) {
    if (!isMultiLine(text, container)) return [{ offset: container.offset + 1, length: 0, newText: member }];
    const indent = memberIndent(text, container, layout);
    if (startsLine(text, close)) return [{ offset: lineStartOf(text, close), length: 0, newText: indent + member + eol }];
    return [{ offset: close, length: 0, newText: eol + indent + member + eol + indentOf(text, container.offset) }];
  }
  const first = children[0];
  if (isMultiLine(text, container) && startsLine(text, first.offset)) {
    return [{ offset: lineStartOf(text, first.offset), length: 0, newText: indentOf(text, first.offset) + member + ',' + eol }];
  }
  return [{ offset: first.offset, length: 0, newText: member + ', ' }];
}

/** A member on its own lines: its comments, then the member, each line at `indent`. */
export function lines(m: NewMember, indent: string, eol: string): string {
  return m.comments.map((c) => indent + c + eol).join('') + indent + m.render(indent, false);
}

/** A member inline: block comments before it on the same line, a line comment followed by a break. */
export function inlineMember(m: NewMember, eol: string): string {
  return m.comments.map((c) => (c.startsWith('//') ? c + eol : c + ' ')).join('') + m.render('', true);
}
