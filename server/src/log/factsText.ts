import type { Catalogue, Message } from '../core';
import { localize } from '../wording';
import { LOG_CODES } from './errors';
import type { AdapterLogFacts, ErrorTally, LogMoment, SummaryStatus } from './facts';

/**
 * The words for what a log says about an adapter (`adapterFacts`), in one place for every
 * surface: the CLI's per-adapter table, the endpoints view and the hover. Lines are 1-based
 * here, as people count them.
 */

export const FACTS_WORDS = {
  started: 'started',
  notStarted: 'not started',
  notListed: 'not in the summary',
  noSummary: 'no summary',
  failing: 'failing: {errors}',
  statusAndErrors: '{status}; {errors}',
  tally: '{kind} ×{count}, last {last}',
  moment: 'line {line}',
  momentTime: '{time} (line {line})',
  summaryLine: 'NapCat’s latest network summary: {status} ({moment})',
  summaryNone: 'The log has no network summary (“配置加载”): it does not say whether NapCat started this entry.',
  summaryMissing: 'NapCat’s latest network summary ({moment}) does not list this entry: the log is older than the entry, or of another config.',
  errorsSince: 'Connection errors since: {errors}',
} satisfies Catalogue<string>;

const W = FACTS_WORDS;

/** What went wrong, in a word or two, for a line of the view: `refused ×12`. */
export const ERROR_KINDS = {
  refused: 'refused',
  dns: 'host not found',
  unreachable: 'unreachable',
  timeout: 'timed out',
  handshakeTimeout: 'handshake timed out',
  reset: 'reset by the peer',
  hangUp: 'closed before answering',
  connectNotAvailable: 'address not available',
  closed: 'closed',
  portInUse: 'port in use',
  portDenied: 'port not permitted',
  addressNotAvailable: 'address not available',
  token: 'token rejected',
  forbidden: 'forbidden',
  path: 'wrong path',
  notWebSocket: 'not a WebSocket endpoint',
  response: 'unexpected answer',
  tls: 'TLS error',
  napcatError: 'NapCat error',
  webuiLocal: 'WebUI address',
  moreFindings: 'more errors',
  moreLinks: 'more links',
} satisfies Catalogue<keyof typeof LOG_CODES>;

const KIND_OF_CODE: ReadonlyMap<string, Message> = new Map(
  (Object.keys(LOG_CODES) as (keyof typeof LOG_CODES)[]).map((k) => [LOG_CODES[k], ERROR_KINDS[k]]),
);

/** The kind of a log error in a word or two; a code this table does not know, without its prefix. */
function errorKind(code: string): string {
  const kind = KIND_OF_CODE.get(code);
  return kind ? localize(kind) : code.replace(/^napcat\.log-/, '');
}

const STATUS: Record<SummaryStatus, Message> = {
  started: W.started,
  'not-started': W.notStarted,
  'not-listed': W.notListed,
  'no-summary': W.noSummary,
};

/** `started`, `not started`, … */
export function statusWord(status: SummaryStatus): string {
  return localize(STATUS[status]);
}

/** `07-07 10:41:07 (line 17)`, or `line 17` for a record without a timestamp. */
export function momentText(m: LogMoment): string {
  return localize(m.time !== undefined ? W.momentTime : W.moment, { line: m.line + 1, time: m.time ?? '' });
}

/** `line 17`. */
export function lineText(line: number): string {
  return localize(W.moment, { line: line + 1 });
}

/**
 * `refused ×3, last 07-07 10:41:07 (line 17); …`: each kind of error (in a word or two), how
 * often, and the last time. `short` leaves the line out when the record
 * has a time (for a line of the endpoints view).
 */
export function talliesText(errors: readonly ErrorTally[], short = false): string {
  return errors
    .map((t) => localize(W.tally, { kind: errorKind(t.code), count: t.count, last: short && t.last.time !== undefined ? t.last.time : momentText(t.last) }))
    .join('; ');
}

/** `failing: refused ×3, …`. */
export function failingText(errors: readonly ErrorTally[], short = false): string {
  return localize(W.failing, { errors: talliesText(errors, short) });
}

/** What a log says about one adapter, worded for the endpoints view and the hover. */
export interface AdapterLogText {
  readonly status: SummaryStatus;
  /** The log has connection errors of this entry since its latest summary. */
  readonly failing: boolean;
  /** One short line: `started`, `not started`, `started; failing: refused ×12, last 07-07 10:41:07`. */
  readonly summary: string;
  /** Sentences: what the summary says (with its line), then the errors since (each kind with its count and last time). */
  readonly details: readonly string[];
  /** The 0-based line to open: the last error's, else the summary line that lists the entry. */
  readonly line?: number;
}

/**
 * The words for one row of `adapterFacts`. A log without a summary says nothing of the entry's
 * start, so `summary` then holds only its errors (empty when it has none).
 */
export function adapterLogText(row: AdapterLogFacts, summaryAt: LogMoment | undefined): AdapterLogText {
  const failing = row.errors.length > 0;
  const status = row.status !== 'no-summary' ? statusWord(row.status) : '';
  const errors = failing ? failingText(row.errors, true) : '';
  const summary = status !== '' && errors !== '' ? localize(W.statusAndErrors, { status, errors }) : status || errors;
  const details: string[] = [];
  if (row.status === 'no-summary' || !summaryAt) details.push(localize(W.summaryNone));
  else if (row.status === 'not-listed') details.push(localize(W.summaryMissing, { moment: momentText(summaryAt) }));
  else details.push(localize(W.summaryLine, { status: statusWord(row.status), moment: lineText(row.line ?? summaryAt.line) }));
  if (failing) details.push(localize(W.errorsSince, { errors: talliesText(row.errors) }));
  let line = row.line;
  for (const t of row.errors) if (line === undefined || t.last.line > line) line = t.last.line;
  return { status: row.status, failing, summary, details, ...(line !== undefined && { line }) };
}
