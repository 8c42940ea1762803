import type { Analysis, Catalogue } from '../core';
import { adapterFacts, failingText, lineText, statusWord, talliesText, type AdapterTable, type ErrorTally, type LogFacts, type LogMoment } from '../log';
import { localize } from '../wording';

/**
 * `napcat-config log <logs> --config <file|dir>`: what each log says about each adapter of the
 * configs — the latest network summary's `started` / `not started` and the connection errors
 * since, matched by the log layer (`adapterFacts`) — as text below the log's findings, or as JSON.
 * Lines are 1-based here, as in the findings.
 */

const M = {
  head: '{log}: the adapters of {config}, from NapCat’s latest network summary (line {line}{time}):',
  headNoSummary: '{log}: the adapters of {config}: this log has no network summary (“配置加载”), so it does not say which adapters NapCat started.',
  atTime: ', {time}',
  unmatchedSummary: '  not an entry of this config: {service} {endpoint}: {status} (line {line})',
  unmatchedErrors: '  errors of an endpoint no entry has: {endpoint}: {errors}',
  unplaced: '  {count} connection errors name no endpoint.',
} satisfies Catalogue<string>;

/** One config's table for one log. */
export interface ConfigTable {
  readonly config: string;
  readonly table: AdapterTable;
}

/** The tables of `facts` for each config. */
export function tablesFor(facts: LogFacts, configs: readonly { readonly path: string; readonly analysis: Analysis }[]): ConfigTable[] {
  return configs.map((c) => ({ config: c.path, table: adapterFacts(facts, c.analysis.model, c.analysis.version) }));
}

/** Text lines of one log's tables. */
export function tableLines(log: string, tables: readonly ConfigTable[]): string[] {
  const out: string[] = [];
  for (const { config, table } of tables) {
    out.push(
      table.summary
        ? localize(M.head, { log, config, line: table.summary.line + 1, time: table.summary.time !== undefined ? localize(M.atTime, { time: table.summary.time }) : '' })
        : localize(M.headNoSummary, { log, config }),
    );
    for (const r of table.rows) {
      let line = `  ${r.kind}[${r.index}] '${r.name}' ${r.endpoint}: ${statusWord(r.status)}`;
      if (r.line !== undefined) line += ` (${lineText(r.line)})`;
      if (r.errors.length > 0) line += `; ${failingText(r.errors)}`;
      out.push(line);
    }
    for (const s of table.unmatchedSummary) {
      out.push(localize(M.unmatchedSummary, { service: s.kind, endpoint: s.endpoint, status: statusWord(s.started ? 'started' : 'not-started'), line: s.line + 1 }));
    }
    for (const e of table.unmatchedErrors) {
      out.push(localize(M.unmatchedErrors, { endpoint: e.endpoint.url ?? e.endpoint.address ?? '', errors: talliesText(e.errors) }));
    }
    if (table.unplaced > 0) out.push(localize(M.unplaced, { count: table.unplaced }));
  }
  return out;
}

interface JsonMoment {
  readonly line: number;
  readonly time?: string;
}
const jsonMoment = (m: LogMoment): JsonMoment => ({ line: m.line + 1, ...(m.time !== undefined && { time: m.time }) });
const jsonTallies = (errors: readonly ErrorTally[]) => errors.map((t) => ({ code: t.code, count: t.count, first: jsonMoment(t.first), last: jsonMoment(t.last) }));

/** The JSON of one log's tables: 1-based lines, endpoints masked. */
export function tablesJson(tables: readonly ConfigTable[]): unknown[] {
  return tables.map(({ config, table }) => ({
    config,
    summary: table.summary ? jsonMoment(table.summary) : null,
    adapters: table.rows.map((r) => ({
      kind: r.kind,
      index: r.index,
      name: r.name,
      endpoint: r.endpoint,
      status: r.status,
      ...(r.line !== undefined && { line: r.line + 1 }),
      errors: jsonTallies(r.errors),
    })),
    unmatchedSummary: table.unmatchedSummary.map((s) => ({ kind: s.kind, endpoint: s.endpoint, started: s.started, line: s.line + 1 })),
    unmatchedErrors: table.unmatchedErrors.map((e) => ({ endpoint: e.endpoint, errors: jsonTallies(e.errors) })),
    unplaced: table.unplaced,
  }));
}
