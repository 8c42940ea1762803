import type { ClientCapabilities, ExecuteCommandParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { localize } from '../wording';
import type { AdapterKind, Catalogue } from '../core';
import { getLanguageService, type ConnectionOp, type ConnectionRef } from '../service/languageService';
import type { ServerContext } from './context';
import type { DocumentAnalysis } from './documents';
import { toWorkspaceEdit } from './convert';
import {
  ConnectionsDescribeCommand,
  ConnectionsEditCommand,
  ConnectionsListCommand,
  ConnectionsSuggestCommand,
  ConnectionsValidateCommand,
  type ConnectionsEditParams,
  type ConnectionsEditResult,
  type ConnectionsListResult,
  type ConnectionsValidateParams,
  type ConnectionsValidateResult,
} from './protocol';

const service = getLanguageService();

/**
 * `workspace/executeCommand` for the `napcat.connections.*` commands (see protocol.ts): each one
 * finds the open document, takes its analysis (the one diagnostics use) and asks the service.
 * An edit is applied by the server with `workspace/applyEdit`, as one versioned edit.
 */

export const CONNECTION_COMMANDS: readonly string[] = [
  ConnectionsEditCommand.command,
  ConnectionsValidateCommand.command,
  ConnectionsSuggestCommand.command,
  ConnectionsDescribeCommand.command,
  ConnectionsListCommand.command,
];

const M = {
  notOpen: 'The language server does not have this file open; open it in the editor and try again.',
  notNapCat: 'This file is not a NapCat OneBot config, so it has no connections to manage.',
  badArguments: 'The command {command} needs one argument object with the document’s `uri`.',
  stale: 'The file changed while the change was being prepared; nothing was changed. Try again.',
  notApplied: 'The editor did not apply the change{reason}; the file is unchanged.',
  // Undo labels (what the editor shows in its history).
  add: 'Add connection',
  rename: 'Rename connection',
  enable: 'Enable connection',
  disable: 'Disable connection',
  url: 'Change connection URL',
  port: 'Change connection port',
  token: 'Set connection token',
  field: 'Change connection setting',
  duplicate: 'Duplicate connection',
  remove: 'Delete connection',
} satisfies Catalogue<string>;

function label(op: ConnectionOp): string {
  switch (op.action) {
    case 'add':
      return localize(M.add);
    case 'rename':
      return localize(M.rename);
    case 'setEnabled':
      return localize(op.enable ? M.enable : M.disable);
    case 'setUrl':
      return localize(M.url);
    case 'setPort':
      return localize(M.port);
    case 'setToken':
      return localize(M.token);
    case 'duplicate':
      return localize(M.duplicate);
    case 'remove':
      return localize(M.remove);
    default:
      return localize(M.field);
  }
}

interface Target {
  readonly doc: TextDocument;
  readonly result: DocumentAnalysis;
}

export class ConnectionCommands {
  private readonly documentChanges: boolean;
  private readonly applyEdit: boolean;

  constructor(
    private readonly ctx: ServerContext,
    capabilities: ClientCapabilities,
  ) {
    this.documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    this.applyEdit = capabilities.workspace?.applyEdit === true;
  }

  handles(command: string): boolean {
    return CONNECTION_COMMANDS.includes(command);
  }

  /**
   * One of `CONNECTION_COMMANDS`; the answer types are in protocol.ts. Arguments arrive as plain
   * JSON and are passed on as they are: the service refuses (never throws on) a value of any shape.
   */
  async execute(params: ExecuteCommandParams): Promise<unknown> {
    const arg = params.arguments?.[0] as { uri?: unknown; version?: unknown } | undefined;
    const uri = typeof arg?.uri === 'string' ? arg.uri : undefined;
    switch (params.command) {
      case ConnectionsEditCommand.command:
        return this.edit(uri, arg as Partial<ConnectionsEditParams> | undefined);
      case ConnectionsValidateCommand.command:
        return this.validate(uri, arg as Partial<ConnectionsValidateParams> | undefined);
      case ConnectionsSuggestCommand.command: {
        const target = await this.target(uri);
        const kind = (arg as { kind?: unknown } | undefined)?.kind;
        return isTarget(target) ? service.suggestConnection(target.result.analysis, kind as AdapterKind) : null;
      }
      case ConnectionsDescribeCommand.command: {
        const target = await this.target(uri);
        const entry = (arg as { entry?: unknown } | undefined)?.entry;
        return isTarget(target) && entry ? (service.describeConnection(target.result.analysis, entry as ConnectionRef) ?? null) : null;
      }
      case ConnectionsListCommand.command: {
        const target = await this.target(uri);
        if (!isTarget(target)) return null;
        const result: ConnectionsListResult = service.listConnections(target.result.analysis);
        return result;
      }
      default:
        return null;
    }
  }

  /**
   * The open document and its analysis for its current version; else why not (worded). The
   * version is read again after the analysis, which may wait for settings: an edit that arrives
   * meanwhile makes the answer `stale`.
   */
  private async target(uri: string | undefined): Promise<Target | { readonly problem: 'not-open' | 'not-napcat' | 'stale' }> {
    const doc = uri !== undefined ? this.ctx.documents.get(uri) : undefined;
    if (!doc) return { problem: 'not-open' };
    const version = doc.version;
    const result = await this.ctx.analyses.get(doc);
    if (this.ctx.documents.get(doc.uri)?.version !== version || (result && result.version !== version)) return { problem: 'stale' };
    if (!result) return { problem: 'not-napcat' };
    return { doc, result };
  }

  private async validate(uri: string | undefined, arg: Partial<ConnectionsValidateParams> | undefined): Promise<ConnectionsValidateResult> {
    const target = await this.target(uri);
    if (!isTarget(target)) return { reason: problemText(target.problem) };
    const { kind, field, value, entry } = arg ?? {};
    if (typeof field !== 'string') return { reason: localize(M.badArguments, { command: ConnectionsValidateCommand.command }) };
    const problem = service.validateConnectionField(target.result.analysis, kind as AdapterKind, field, typeof value === 'string' ? value : String(value ?? ''), entry);
    return problem ?? {};
  }

  private async edit(uri: string | undefined, arg: Partial<ConnectionsEditParams> | undefined): Promise<ConnectionsEditResult> {
    if (!arg || !arg.op || typeof arg.op !== 'object') return { status: 'refused', message: localize(M.badArguments, { command: ConnectionsEditCommand.command }) };
    const doc = uri !== undefined ? this.ctx.documents.get(uri) : undefined;
    if (doc && typeof arg.version === 'number' && arg.version !== doc.version) return { status: 'stale', message: localize(M.stale) };
    const target = await this.target(uri);
    if (!isTarget(target)) return { status: target.problem === 'stale' ? 'stale' : 'refused', message: problemText(target.problem) };
    const version = target.doc.version;
    const outcome = service.editConnection(target.result.analysis, arg.op);
    if (!outcome.ok) {
      const { code, reason, field, suggestion } = outcome;
      return { status: 'refused', message: reason, code, ...(field !== undefined ? { field } : {}), ...(suggestion !== undefined ? { suggestion } : {}), version };
    }
    const done = { message: outcome.message, entry: outcome.entry, version, ...(outcome.rebuilt ? { rebuilt: true } : {}) };
    if (arg.dryRun === true) return { status: 'valid', ...done };
    if (outcome.edits.length === 0) return { status: 'applied', ...done };
    const edit = toWorkspaceEdit(target.doc, outcome.edits, this.documentChanges);
    if (!this.applyEdit) return { status: 'edit', ...done, edit };
    const applied = await this.ctx.connection.workspace.applyEdit({ label: label(arg.op), edit });
    if (applied.applied) return { status: 'applied', ...done };
    const reason = applied.failureReason ? ` (${applied.failureReason})` : '';
    return { status: 'not-applied', message: localize(M.notApplied, { reason }), version };
  }
}

function isTarget(t: Target | { readonly problem: string }): t is Target {
  return 'doc' in t;
}

function problemText(problem: 'not-open' | 'not-napcat' | 'stale'): string {
  return localize(problem === 'not-open' ? M.notOpen : problem === 'stale' ? M.stale : M.notNapCat);
}
