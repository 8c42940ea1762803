import type { Position, Range, TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../core/fixes';

/**
 * The open documents' texts, kept as lines so that an edit costs the lines it touches, not the
 * whole text. `vscode-languageserver-textdocument` rebuilds the full string at every incremental
 * change: on a 300 KB config a burst of 2,000 keystrokes copies 600 MB and spends seconds in the
 * allocator before the server reads the next message. Here an edit splices the array of lines;
 * the text and the line offsets are rebuilt only when asked for (once per analysis, not once per
 * keystroke). Typing inside a line (no end of line inserted or removed) replaces that one line. Positions behave as in `vscode-languageserver-textdocument` (clamped to the text
 * and before the end of a line; `\r\n`, `\n` and `\r` end lines), which a test checks edit by edit.
 */
export class LineDocument implements TextDocument {
  /** Each line with its end of line; the last one has none (and may be empty). */
  private lines: string[];
  private text: string | undefined;
  private offsets: number[] | undefined;
  /** The edit that made this version from the previous one, when `editFrom` can tell it. */
  private last: { readonly from: number; readonly edit: TextEdit } | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.lines = splitLines(content);
    this.text = content;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  getText(range?: Range): string {
    this.text ??= this.lines.join('');
    return range ? this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  offsetAt(position: Position): number {
    const offsets = this.lineOffsets();
    if (position.line >= this.lines.length) return this.length();
    if (position.line < 0) return 0;
    const start = offsets[position.line];
    if (position.character <= 0) return start;
    return start + Math.min(position.character, contentLength(this.lines[position.line]));
  }

  positionAt(offset: number): Position {
    const offsets = this.lineOffsets();
    offset = Math.max(Math.min(offset, this.length()), 0);
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (offsets[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: Math.min(offset - offsets[line], contentLength(this.lines[line])) };
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, this.lines.length - 1);
    const end = line >= this.lines.length ? this.lines[at].length : contentLength(this.lines[at]);
    return { start: { line: at, character: 0 }, end: { line: at, character: end } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lines.length) return '';
    return this.lines[line].slice(contentLength(this.lines[line]));
  }

  /**
   * The edit that made this version from version `from`, in offsets of that version's text: known
   * when one ranged change made it and that text had been read whole since its own change (an
   * analysis read it; during a burst nobody does, and offsets are not computed at each keystroke).
   * The language server re-reads only the edited token of a text it analysed (core `reanalyze`).
   */
  editFrom(from: number): TextEdit | undefined {
    return this.last && this.last.from === from ? this.last.edit : undefined;
  }

  /** Applies the changes of one `didChange`, in order. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const only = changes[0];
    this.last = undefined;
    if (changes.length === 1 && 'range' in only && this.text !== undefined) {
      const [from, to] = ordered(only.range);
      const offset = this.offsetAt(from);
      this.last = { from: this.currentVersion, edit: { offset, length: this.offsetAt(to) - offset, newText: only.text } };
    }
    for (const change of changes) {
      if ('range' in change) this.edit(change.range, change.text);
      else this.lines = splitLines(change.text);
      this.text = undefined;
      this.offsets = undefined;
    }
    this.currentVersion = version;
  }

  private edit(range: Range, text: string): void {
    const [from, to] = ordered(range);
    const [sl, sc] = this.clamp(from);
    const [el, ec] = this.clamp(to);
    const line = this.lines[sl];
    if (sl === el && !hasLineBreak(text) && (text !== '' || sc > 0 || ec < contentLength(line))) {
      // Typing: the edit stays inside one line's content, brings no end of line and leaves some
      // content (an emptied line could join a `\r` before it with its `\n`), so the line keeps its
      // end and no other line changes. Joined, not concatenated: `+` makes a rope that grows one
      // level at each keystroke, which V8 walks again at every read of the line.
      this.lines[sl] = [line.slice(0, sc), text, line.slice(ec)].join('');
      return;
    }
    // Re-split a window of whole lines around the edit, so that an end of line made or broken
    // across the edit's borders (`\r` + `\n`) is read as the full text would be.
    const first = Math.max(sl - 1, 0);
    const last = Math.min(el + 1, this.lines.length - 1);
    let window = '';
    for (let i = first; i < sl; i++) window += this.lines[i];
    window += this.lines[sl].slice(0, sc) + text + this.lines[el].slice(ec);
    for (let i = el + 1; i <= last; i++) window += this.lines[i];
    const replaced = splitLines(window);
    // A window that ends with an end of line is followed by another line: no empty line in between.
    if (last < this.lines.length - 1 && replaced.length > 1 && replaced[replaced.length - 1] === '') replaced.pop();
    this.lines.splice(first, last - first + 1, ...replaced);
  }

  /** A position as (line, column) inside the text, clamped the way `offsetAt` clamps it. */
  private clamp(p: Position): [number, number] {
    if (p.line < 0) return [0, 0];
    if (p.line >= this.lines.length) {
      const lastLine = this.lines.length - 1;
      return [lastLine, this.lines[lastLine].length];
    }
    return [p.line, Math.max(0, Math.min(p.character, contentLength(this.lines[p.line])))];
  }

  private length(): number {
    const offsets = this.lineOffsets();
    return offsets[offsets.length - 1] + this.lines[this.lines.length - 1].length;
  }

  private lineOffsets(): number[] {
    if (!this.offsets) {
      const offsets = new Array<number>(this.lines.length);
      let at = 0;
      for (let i = 0; i < this.lines.length; i++) {
        offsets[i] = at;
        at += this.lines[i].length;
      }
      this.offsets = offsets;
    }
    return this.offsets;
  }
}

/** `TextDocuments` over `LineDocument`s. */
export const LINE_DOCUMENTS: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => new LineDocument(uri, languageId, version, content),
  update: (document, changes, version) => {
    (document as unknown as LineDocument).update(changes, version);
    return document;
  },
};

/** The text's lines, each with its end of line; the last one without (empty after a final end of line). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
    } else if (c !== 10) continue;
    out.push(text.slice(start, i + 1));
    start = i + 1;
  }
  out.push(text.slice(start));
  return out;
}

function hasLineBreak(text: string): boolean {
  return text.includes('\n') || text.includes('\r');
}

/** A line's length without its end of line. */
function contentLength(line: string): number {
  let n = line.length;
  while (n > 0 && (line.charCodeAt(n - 1) === 10 || line.charCodeAt(n - 1) === 13)) n--;
  return n;
}

function ordered(range: Range): [Position, Position] {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? [end, start] : [start, end];
}
