import type { TextEdit } from '../../core/fixes';

/**
 * What a quick fix is, whatever its family: a title, minimal edits of the analysed text (UTF-16
 * offsets), and whether `source.fixAll.napcat` applies it.
 */

export type FixKind =
  | 'rebuild'
  | 'name'
  | 'url-scheme'
  | 'url-spaces'
  | 'url-host'
  | 'url-full-width'
  | 'url-fragment'
  | 'port'
  | 'message-format'
  | 'coerced-value'
  | 'rename-key'
  | 'remove-key';

export interface Fix {
  readonly kind: FixKind;
  /** The title in the language of the run (worded when the fix is made). */
  readonly title: string;
  /** Sorted, non-overlapping edits of the analysed text. */
  readonly edits: readonly TextEdit[];
  /** The fix editors may apply without asking (`isPreferred`). */
  readonly preferred: boolean;
  /** Part of `fixAll`. */
  readonly safe: boolean;
  /**
   * What the fix rewrites (the offset of an entry or a value). Fixes with one target write
   * overlapping text; `fixAll` keeps the one with the highest `rank`.
   */
  readonly target: number;
  readonly rank: number;
}

