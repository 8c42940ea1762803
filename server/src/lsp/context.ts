import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyses } from './documents';
import type { Logger } from './guard';
import type { LogAnalyses } from './logs';
import type { LogWatch } from './logWatch';
import type { SettingsStore } from './settings';
import type { Settler } from './settle';

/** What every handler may use; built once in `startServer` after `initialize`. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly settings: SettingsStore;
  readonly analyses: Analyses;
  /** Analyses of `napcat-log` documents (links, connection errors). */
  readonly logs: LogAnalyses;
  /** The NapCat logs of the configs, followed as NapCat writes them (see logWatch.ts). */
  readonly logWatch: LogWatch;
  /** The workspace folders' `file:` URIs (the base of a relative `napcat.logFolder`). */
  readonly workspaceFolders: () => Promise<readonly string[]>;
  readonly log: Logger;
  /** Runs the work that follows edits once they have settled (see settle.ts). */
  readonly settler: Settler;
  /** The client shows key descriptions from our JSON Schema (VS Code); see hover.ts. */
  readonly schemaHover: boolean;
  /** The client pulls diagnostics (`textDocument/diagnostic`); else the server pushes them. */
  readonly pullDiagnostics: boolean;
  /** The client accepts `workspace/diagnostic/refresh`. */
  readonly canRefreshDiagnostics: boolean;
  /** Random per server process: pull result ids from an earlier server never match. */
  readonly session: string;
}
