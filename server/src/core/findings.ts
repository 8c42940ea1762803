import type { Message, MessageArgs } from './i18n';

/**
 * A finding is what a rule reports: a stable `code`, a severity, a range in UTF-16 offsets of the
 * document text, and a message (templates in every language plus arguments). Findings never hold
 * positions (line/column); those are computed at the edges (LSP, CLI) from the offsets.
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Range {
  readonly offset: number;
  readonly length: number;
}

export interface RelatedInfo {
  readonly range: Range;
  readonly message: Message;
  readonly args?: MessageArgs;
}

export interface Finding {
  /** Stable code, e.g. `napcat.duplicate-name`; quick fixes key on it, never on the message. */
  readonly code: string;
  readonly severity: Severity;
  readonly range: Range;
  readonly message: Message;
  readonly args?: MessageArgs;
  readonly related?: readonly RelatedInfo[];
  /** Machine-readable payload for quick fixes (plain JSON only). */
  readonly data?: unknown;
  /** Rendered faded in editors (e.g. keys NapCat ignores). */
  readonly unnecessary?: boolean;
}
