import type { Message, MessageArgs, Text } from './i18n';

/**
 * A finding is what a rule reports: a stable `code`, a severity, a range in UTF-16 offsets of the
 * document text, and a message: a template and its arguments (and, for a message of several
 * sentences, the sentences after the first), worded where it is shown (`server/src/wording`).
 * Findings never hold positions (line/column) or worded text; those are made at the edges (LSP,
 * CLI) from the offsets and templates.
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

/**
 * What every finding has, whatever its code. The log layer's findings (`napcat.log-*`) are of this
 * shape; a config finding is one member of the `Finding` union below.
 */
export interface FindingBase {
  /** Stable code, e.g. `napcat.duplicate-name`; quick fixes key on it, never on the message. */
  readonly code: string;
  readonly severity: Severity;
  readonly range: Range;
  readonly message: Message;
  readonly args?: MessageArgs;
  /** The sentences after the first, when the message has several (worded and joined with it). */
  readonly sentences?: readonly Text[];
  readonly related?: readonly RelatedInfo[];
  /** Machine-readable payload for quick fixes (plain JSON only). */
  readonly data?: unknown;
  /** Rendered faded in editors (e.g. keys NapCat ignores). */
  readonly unnecessary?: boolean;
}

/** An adapter entry a finding refers to. */
export interface EntryRef {
  readonly kind: string;
  readonly index: number;
  readonly origin: 'network' | 'reverseWs.connections';
  /** JSON path of the entry, e.g. `['network', 'websocketClients', 1]`. */
  readonly path: readonly (string | number)[];
}

/** A connection of a legacy section, as `napcat.legacy-config` describes it. */
export interface LegacyConnectionData {
  readonly kind: string;
  readonly enabled: boolean;
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  readonly path: string;
  /** The `network` entry of the same kind and URL/port, when the file has one. */
  readonly counterpart: { readonly kind: string; readonly index: number; readonly enabled: boolean } | null;
  /** `reverseWs.connections` only: the entry as written (name, token, …). */
  readonly entry?: unknown;
}

/**
 * The payload (`data`) of each config finding code: what a fix or another tool needs, so that no
 * fix reads message arguments or recomputes what the rule found. `undefined`: the code carries no
 * payload; a union with `undefined`: only some findings of the code carry one. A payload never
 * holds a secret: where the repair would show one (a URL with a token), it carries a description
 * of the repair instead (`scheme`, `repair`, `host`), and the fix applies it to the written text
 * with the same function the rule used (`repairUrl`).
 */
export interface FindingPayloads {
  'napcat.syntax': undefined;
  'napcat.empty': undefined;
  'napcat.too-deep': undefined;
  'napcat.too-large': undefined;
  'napcat.json5-unsupported': undefined;
  'napcat.legacy-config': {
    readonly form: 'F0' | 'L1' | 'reverseWs-list' | 'reverseWs-connections';
    readonly keys: readonly string[];
    readonly sharedKeys: readonly string[];
    readonly leakedKeys: readonly string[];
    readonly settings: Readonly<Record<string, unknown>>;
    readonly network: boolean;
    readonly connections: readonly LegacyConnectionData[];
  };
  'napcat.duplicate-name': EntryRef & {
    readonly name: string;
    readonly suggestedName: string;
    readonly enabled?: boolean;
    readonly winner: EntryRef | null;
    readonly others: readonly EntryRef[];
    readonly othersCount?: number;
  };
  'napcat.missing-name': EntryRef & {
    readonly empty: boolean;
    readonly defaultName: string;
    readonly suggestedName: string;
    readonly collidesWith: readonly EntryRef[];
    readonly collidesWithCount: number;
  };
  'napcat.reserved-name': EntryRef & { readonly name: string; readonly suggestedName: string };
  /** `url`: the URL with the scheme `scheme`, unless the written URL holds credentials. */
  'napcat.url-scheme': { readonly url?: string; readonly scheme: string };
  /** `url`: the URL without white space, unless the written URL holds credentials. */
  'napcat.url-spaces': { readonly url?: string };
  /** `url`: the URL to `host` replaced by a loopback address, unless the written URL holds credentials. */
  'napcat.url-unspecified-host': { readonly url?: string; readonly host: string };
  /** With `repair`: the one clear repair (`url`: its result, unless the written URL holds credentials). */
  'napcat.url-invalid': { readonly url?: string; readonly repair: 'full-width' | 'fragment' } | undefined;
  'napcat.port-range': undefined;
  /** `port`: a free port to move the server to. */
  'napcat.webui-port': { readonly port: number } | undefined;
  'napcat.port-conflict': { readonly port: number } | undefined;
  'napcat.account-port-conflict': { readonly port: number; readonly otherFile: string; readonly freePort?: number };
  'napcat.duplicate-url': undefined;
  'napcat.open-server': { readonly host: string; readonly hostWritten: boolean; readonly port: number | string };
  'napcat.invalid-type': {
    readonly expected: string;
    readonly effect?: 'discard' | 'empty';
    readonly value?: string | number | boolean;
  };
  /**
   * `value`: the value in its declared type, as NapCat converts it. A token carries no value; when
   * its written text is exactly the string NapCat makes of it, `repair: 'quote'` says that
   * quoting the written text keeps the token NapCat checks.
   */
  'napcat.coerced-value': { readonly value: string | number | boolean } | { readonly repair: 'quote' } | undefined;
  'napcat.message-format': { readonly suggestion: 'array' | 'string' };
  'napcat.unknown-key': {
    readonly key: string;
    readonly reason: 'legacy' | 'leftover' | 'misplaced' | 'typo' | 'unknown';
    readonly suggestion?: string;
    readonly target?: string;
  };
  'napcat.unsupported-key': { readonly key: string; readonly since: string };
  'napcat.duplicate-key': { readonly key: string };
}

export type FindingCode = keyof FindingPayloads;

/** The finding of one code, its `data` typed (required when every finding of the code has one). */
export type FindingOf<C extends FindingCode> = Omit<FindingBase, 'code' | 'data'> & { readonly code: C } & (FindingPayloads[C] extends undefined
    ? { readonly data?: undefined }
    : undefined extends FindingPayloads[C]
      ? { readonly data?: Exclude<FindingPayloads[C], undefined> }
      : { readonly data: FindingPayloads[C] });

/** A config finding: discriminated on `code`, so a fix that switches on it gets the payload's type. */
export type Finding = { [C in FindingCode]: FindingOf<C> }[FindingCode];

/** The payload argument of a report helper for code `C`: optional exactly when the code's payload is. */
export type PayloadArgs<C extends FindingCode> = undefined extends FindingPayloads[C]
  ? [data?: FindingPayloads[C]]
  : [data: FindingPayloads[C]];

/**
 * A finding of code `C` with its payload (typed by `PayloadArgs<C>` at the call), for report
 * helpers that take the code as a parameter: the one place where a generic code meets the union.
 */
export function findingOf<C extends FindingCode>(
  base: Omit<FindingBase, 'code' | 'data'> & { readonly code: C },
  ...[data]: PayloadArgs<C>
): Finding {
  return (data === undefined ? base : { ...base, data }) as unknown as Finding;
}
