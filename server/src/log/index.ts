/**
 * NapCat log files: the links (URLs, config file paths) and connection errors of a log text,
 * explained in the probes' words. Pure: no editor, no LSP, no I/O. The language server serves
 * them as document links and diagnostics of `napcat-log` documents; the CLI's `log` command streams
 * log files through `LogAnalyzer`.
 */
export {
  analyzeLog,
  logFindingMessage,
  LogAnalyzer,
  DEFAULT_MAX_LINKS,
  DEFAULT_MAX_PER_CODE,
  type LogAnalysis,
  type LogFinding,
  type LogOptions,
  type LogPosition,
  type LogRelated,
} from './analyze';
export { LOG_CODES, type ErrorEndpoint, type LogNote } from './errors';
export {
  adapterFacts,
  MAX_ENDPOINTS,
  MAX_SUMMARY_ENTRIES,
  type AdapterLogFacts,
  type AdapterTable,
  type EndpointErrors,
  type ErrorTally,
  type LogFacts,
  type LogMoment,
  type LogSummary,
  type SummaryEntry,
  type SummaryStatus,
} from './facts';
export type { LogLink, UrlLink, PathLink, PathStyle } from './links';
export { LOG_MESSAGES } from './messages';
export { resolveConfigPath, napcatRootOf, logFolderOf, logFolderFor, isNapCatLogName, newestLog, type LogFileEntry, type LogFolderChoice, type ResolvedPath } from './paths';
export {
  adapterLogText,
  failingText,
  FACTS_WORDS,
  ERROR_KINDS,
  lineText,
  momentText,
  statusWord,
  talliesText,
  type AdapterLogText,
} from './factsText';
