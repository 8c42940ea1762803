import { LineIndex, type Analysis, type FindingBase, type Message, type Range, type Severity, type Shape } from '../core';
import { logFindingMessage, type LogAnalysis, type LogPosition } from '../log';
import { M } from './messages';
import { localize, wordMessage } from '../wording';

/**
 * Rendering of findings for the terminal (text) and for machines (JSON). Positions are 1-based
 * line and column (UTF-16 code units, like editors); a range's end is the position just after
 * its last character. Findings come with the config's secrets already masked (`maskFinding` in
 * the core), so none reaches the output.
 */

export interface Position {
  readonly line: number;
  readonly column: number;
}
export interface JsonRange {
  readonly start: Position;
  readonly end: Position;
}
export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: JsonRange;
  readonly related?: readonly { readonly message: string; readonly range: JsonRange }[];
}
export interface JsonFileReport {
  readonly file: string;
  readonly shape: Shape;
  readonly diagnostics: readonly JsonDiagnostic[];
}

/** Builds the JSON report of one file (the CLI prints an array of these). */
export function fileReport(file: string, text: string, analysis: Analysis): JsonFileReport {
  const index = new LineIndex(text);
  const range = (r: Range): JsonRange => ({ start: position(index, r.offset), end: position(index, r.offset + r.length) });
  const diagnostics = analysis.findings.map((f): JsonDiagnostic => {
    const d: JsonDiagnostic = { code: f.code, severity: f.severity, message: wordMessage(f), range: range(f.range) };
    if (!f.related?.length) return d;
    return { ...d, related: f.related.map((r) => ({ message: localize(r.message, r.args), range: range(r.range) })) };
  });
  return { file, shape: analysis.model.shape, diagnostics };
}

/** A finding of a log in the JSON report: how many log lines it stands for besides. */
export interface JsonLogDiagnostic extends JsonDiagnostic {
  /** 1, or how many identical errors it groups (or, for `napcat.log-more-*`, how many are left out). */
  readonly count: number;
}
export interface JsonLogReport {
  readonly file: string;
  readonly diagnostics: readonly JsonLogDiagnostic[];
}

/**
 * Builds the JSON report of one log file from its analysis, which carries the positions (the log
 * is read as a stream, never held whole). Messages come with their notes, URLs with their tokens
 * masked by the log layer.
 */
export function logReport(file: string, analysis: LogAnalysis): JsonLogReport {
  // A log finding's range never spans lines: its end is on the line of its start.
  const range = (start: LogPosition, length: number): JsonRange => ({
    start: { line: start.line + 1, column: start.character + 1 },
    end: { line: start.line + 1, column: start.character + length + 1 },
  });
  const diagnostics = analysis.findings.map((f): JsonLogDiagnostic => {
    const d: JsonLogDiagnostic = { code: f.code, severity: f.severity, message: logFindingMessage(f), range: range(f.start, f.range.length), count: f.count };
    if (!f.related?.length) return d;
    return { ...d, related: f.related.map((r) => ({ message: localize(r.message, r.args), range: range(r.start, r.range.length) })) };
  });
  return { file, diagnostics };
}

/**
 * Text lines of one file: `file:line:col severity code message`, each related location on an
 * indented line below (indented so that tools matching `^file:line:col` see one line per finding).
 */
export function textLines(report: { readonly file: string; readonly diagnostics: readonly JsonDiagnostic[] }): string[] {
  const lines: string[] = [];
  for (const d of report.diagnostics) {
    lines.push(`${report.file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${oneLine(d.message)}`);
    for (const r of d.related ?? []) lines.push(`    ${report.file}:${r.range.start.line}:${r.range.start.column} ${oneLine(r.message)}`);
  }
  return lines;
}

function position(index: LineIndex, offset: number): Position {
  const p = index.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

function oneLine(message: string): string {
  return message.replace(/\r?\n/g, ' ');
}

/** Counts of findings by severity. */
export type Counts = Record<Severity, number>;
export function countFindings(findings: readonly FindingBase[], into: Counts): void {
  for (const f of findings) into[f.severity]++;
}

/**
 * The summary line: "3 files checked: 4 problems (1 error, 3 warnings)." in the run's language,
 * `files` being the count of files already worded ("3 files checked", "2 log files read").
 */
export function summaryLine(files: string, counts: Counts): string {
  const say = (one: Message, many: Message, n: number) => localize(n === 1 ? one : many, { n });
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return localize(M.summaryClean, { files });
  const parts: string[] = [];
  if (counts.error) parts.push(say(M.errors1, M.errorsN, counts.error));
  if (counts.warning) parts.push(say(M.warnings1, M.warningsN, counts.warning));
  if (counts.info) parts.push(say(M.infos1, M.infosN, counts.info));
  if (counts.hint) parts.push(say(M.hints1, M.hintsN, counts.hint));
  return localize(M.summary, { files, problems: say(M.problems1, M.problemsN, total), counts: parts.join(localize(M.listSeparator)) });
}

/**
 * The last line of a run that reads files: `summary`, or — when nothing could be read — a line
 * that says so; never "0 files checked: no problems found." for a run that exits 2.
 */
export function closingLine(summary: string, files: number, unreadable: number): string {
  if (files > 0 || unreadable === 0) return summary;
  return localize(M.nothingChecked, { notRead: localize(unreadable === 1 ? M.notRead1 : M.notReadN, { n: unreadable }) });
}
