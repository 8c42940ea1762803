import type { AdapterKind, Analysis, Finding, Range } from '../core';
import type { RebuildResult, TextEdit } from '../core/fixes';
import {
  describeEntry,
  editConnection,
  listConnections,
  suggestNew,
  validateField,
  type ConnectionList,
  type ConnectionOp,
  type ConnectionOutcome,
  type ConnectionRef,
  type EntryDescription,
  type FieldProblem,
  type NewEntrySuggestion,
} from './connections';
import { describeFile, type FileDescription } from './endpoints';
import { fixAll, fixesFor, rebuildOf, safeFixes, type Fix } from './fixes';
import { hoverAt, type HoverContent, type LogFactsOf } from './hover';
import { adapterStatus, fileReasons, type AdapterStatus, type Reason } from './status';
import { symbolsOf, type OutlineSymbol } from './symbols';

/**
 * The one facade over the service layer, as `getLanguageService()` is in
 * vscode-json-languageservice: every feature takes an analysed text (`analyze` of the core) and
 * returns plain data in UTF-16 offsets of that text. The language server converts the results to
 * LSP (`lsp/convert.ts`); the CLI prints them. Nothing here knows a transport, a file or an editor.
 */
export interface LanguageService {
  /** Every fix offered for one finding; `withRebuild: false` leaves the whole-file rebuild out. */
  fixes(analysis: Analysis, finding: Finding, withRebuild?: boolean): Fix[];
  /** The edits `source.fixAll.napcat` and `napcat-config check --fix` apply (empty: nothing safe to fix). */
  fixAll(analysis: Analysis): TextEdit[];
  /** The fixes behind `fixAll`, in text order, with their titles (what each one changes). */
  safeFixes(analysis: Analysis): readonly Fix[];
  /** The whole-file rebuild; undefined when the text was too large to be analysed. */
  rebuild(analysis: Analysis): RebuildResult | undefined;
  /**
   * The hover at `offset`; `withDocs: false` leaves the meaning of a key out; `logFacts` gives
   * what NapCat's log says of an adapter entry, shown on its hover.
   */
  hover(analysis: Analysis, offset: number, withDocs?: boolean, logFacts?: LogFactsOf): HoverContent | undefined;
  /** The outline. */
  symbols(analysis: Analysis): OutlineSymbol[];
  /** Why NapCat starts nothing from the file's `network`, if so. */
  fileReasons(analysis: Analysis): readonly Reason[];
  /** Whether NapCat starts one adapter, and why not. */
  adapterStatus(analysis: Analysis, adapter: Analysis['model']['adapters'][number]): AdapterStatus;
  /** What a config file is, for the endpoints view: its shape, problems, and the reasons it starts nothing. */
  describeFile(analysis: Analysis): FileDescription;
  /** One connection operation (add, rename, enable, set a value, duplicate, delete): its edits, or why not. */
  editConnection(analysis: Analysis, op: ConnectionOp): ConnectionOutcome;
  /** One value of a connection checked while it is typed: undefined when the rules accept it. */
  validateConnectionField(analysis: Analysis, kind: AdapterKind, field: string, value: string, entry?: ConnectionRef): FieldProblem | undefined;
  /** A free name, endpoint and port for a new connection of a kind. */
  suggestConnection(analysis: Analysis, kind: AdapterKind): NewEntrySuggestion;
  /** Every field of one connection, with its value (tokens masked), default and meaning. */
  describeConnection(analysis: Analysis, entry: ConnectionRef): EntryDescription | undefined;
  /** The connections of the file, short. */
  listConnections(analysis: Analysis): ConnectionList;
}

const SERVICE: LanguageService = {
  fixes: fixesFor,
  fixAll,
  safeFixes,
  rebuild: rebuildOf,
  hover: hoverAt,
  symbols: symbolsOf,
  fileReasons,
  adapterStatus,
  describeFile,
  editConnection,
  validateConnectionField: validateField,
  suggestConnection: suggestNew,
  describeConnection: describeEntry,
  listConnections,
};

/** The language service (stateless: its caches are keyed by analysis and die with it). */
export function getLanguageService(): LanguageService {
  return SERVICE;
}

export type { Fix, FixKind } from './fixes';
export type { EntryLogFacts, HoverContent, LogFactsOf } from './hover';
export type { OutlineKind, OutlineSymbol } from './symbols';
export type { AdapterStatus, Reason } from './status';
export type { FileDescription, ProblemCounts } from './endpoints';
export type {
  ConnectionEntry,
  ConnectionList,
  ConnectionOp,
  ConnectionOutcome,
  ConnectionRef,
  ConnectionRefusal,
  ConnectionSummary,
  EntryDescription,
  EntryField,
  FieldProblem,
  NewEntrySuggestion,
  RefusalCode,
} from './connections';
export type { Range };
