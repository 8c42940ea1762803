/**
 * TEMPORARY: the connection-management commands of the language server as the shared contract
 * describes them, until they are declared in server/src/lsp/protocol.ts.
 */
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { EndpointInfo } from '../../../server/src/lsp/protocol';

export type AdapterKind = EndpointInfo['kind'];
export type EntryRef = { id: string } | { name: string };
export type ConnectionOp =
  | { action: 'add'; kind: AdapterKind; name?: string; url?: string; host?: string; port?: number; token?: string }
  | { action: 'rename'; entry: EntryRef; newName: string }
  | { action: 'setEnabled'; entry: EntryRef; enable: boolean }
  | { action: 'setUrl'; entry: EntryRef; url: string }
  | { action: 'setPort'; entry: EntryRef; port: number; host?: string }
  | { action: 'setToken'; entry: EntryRef; token: string }
  | { action: 'setField'; entry: EntryRef; field: string; value: unknown }
  | { action: 'duplicate'; entry: EntryRef; newName?: string }
  | { action: 'remove'; entry: EntryRef };

export interface ConnectionEntry {
  readonly kind: AdapterKind;
  readonly index: number;
  readonly id: string;
  readonly name: string;
}

export interface ConnectionsEditResult {
  readonly status: 'applied' | 'not-applied' | 'edit' | 'valid' | 'refused' | 'stale';
  readonly message: string;
  readonly code?: string;
  readonly field?: string;
  readonly suggestion?: string | number;
  readonly entry?: ConnectionEntry;
  readonly version?: number;
  readonly edit?: WorkspaceEdit;
  readonly rebuilt?: boolean;
}

export namespace ConnectionsEditCommand {
  export const command = 'napcat.connections.edit';
  export type Arguments = [{ uri: string; version?: number; op: ConnectionOp; dryRun?: boolean }];
  export type Result = ConnectionsEditResult;
}

export namespace ConnectionsValidateCommand {
  export const command = 'napcat.connections.validate';
  export type Arguments = [{ uri: string; version?: number; kind: AdapterKind; field: string; value: string; entry?: EntryRef }];
  export type Result = { reason?: string; suggestion?: string | number };
}

export namespace ConnectionsSuggestCommand {
  export const command = 'napcat.connections.suggest';
  export type Arguments = [{ uri: string; version?: number; kind: AdapterKind }];
  export type Result = { name: string; url?: string; host?: string; port?: number };
}

export interface DescribedField {
  readonly key: string;
  readonly value: unknown;
  readonly default: unknown;
  readonly type: 'boolean' | 'integer' | 'string' | 'enum';
  readonly options?: readonly string[];
  readonly description: string;
  readonly secret?: true;
}

export interface DescribedEntry {
  readonly kind: AdapterKind;
  readonly id: string;
  readonly name: string;
  readonly fields: readonly DescribedField[];
}

export namespace ConnectionsDescribeCommand {
  export const command = 'napcat.connections.describe';
  export type Arguments = [{ uri: string; version?: number; entry: EntryRef }];
  export type Result = DescribedEntry | null;
}

