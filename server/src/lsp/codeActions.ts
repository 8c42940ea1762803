import {
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type ExecuteCommandParams,
  type Range,
  type ServerCapabilities,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, type Finding } from '../core';
import { describeSummary, type TextEdit } from '../core/fixes';
import type { ServerContext } from './context';
import { F } from '../service/fixes/messages';
import { getLanguageService } from '../service/languageService';
import { DIAGNOSTIC_SOURCE, findingKey, findingKeyOf, offsetAt, toRange, toWorkspaceEdit } from './convert';
import { RebuildCommand, type RebuildCommandResult } from './protocol';
import { localize } from '../wording';

const service = getLanguageService();

/**
 * Code actions and the rebuild command: quick fixes for the diagnostics the client sends back
 * (matched to the current findings by `code`, range and `data`, never by message text),
 * `source.fixAll.napcat`, `source.napcat.rebuild`, and `workspace/executeCommand napcat.rebuild`.
 *
 * Every edit is a `WorkspaceEdit` bound to the document version it was computed for
 * (`documentChanges` with a versioned `TextDocumentEdit`): a client refuses a stale one instead of
 * applying it to a text it was not made for. Only clients that cannot take `documentChanges` get
 * plain `changes`.
 */

/** `workspace/executeCommand` id, client → server (declared in protocol.ts). */
export const REBUILD_COMMAND = RebuildCommand.command;
/** Applies every safe fix at once (see service/fixes); usable in `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.napcat';
/** The whole-file rebuild as a source action. */
export const REBUILD_KIND = 'source.napcat.rebuild';

/** What `initialize` declares for fixes. */
export function fixCapabilities(): Pick<ServerCapabilities, 'codeActionProvider' | 'executeCommandProvider'> {
  return {
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, REBUILD_KIND] },
    executeCommandProvider: { commands: [REBUILD_COMMAND] },
  };
}

export class FixProvider {
  private readonly documentChanges: boolean;
  private readonly applyEdit: boolean;
  private readonly disabledSupport: boolean;

  constructor(
    private readonly ctx: ServerContext,
    capabilities: ClientCapabilities,
  ) {
    this.documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    this.applyEdit = capabilities.workspace?.applyEdit === true;
    this.disabledSupport = capabilities.textDocument?.codeAction?.disabledSupport === true;
  }

  /** `textDocument/codeAction`. Source actions only when asked for by kind (`only`). */
  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const doc = this.ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const result = await this.ctx.analyses.get(doc);
    // Computed for an older text than the client's: answer nothing rather than something stale.
    if (!result || result.version !== doc.version) return [];
    const { analysis } = result;
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wants(only, CodeActionKind.QuickFix)) actions.push(...this.quickFixes(doc, analysis, params.context.diagnostics));
    if (only && wants(only, FIX_ALL_KIND)) {
      const edits = service.fixAll(analysis);
      if (edits.length > 0) actions.push({ title: localize(F.fixAll), kind: FIX_ALL_KIND, edit: this.edit(doc, edits) });
    }
    if (only && wants(only, REBUILD_KIND)) {
      const r = service.rebuild(analysis);
      const title = localize(F.rebuildSource);
      if (r?.kind === 'rebuilt') actions.push({ title, kind: REBUILD_KIND, edit: this.edit(doc, r.edits) });
      else if (this.disabledSupport) actions.push({ title, kind: REBUILD_KIND, disabled: { reason: this.refusal(r) } });
    }
    return actions;
  }

  /** `workspace/executeCommand`. */
  async executeCommand(params: ExecuteCommandParams): Promise<RebuildCommandResult | null> {
    if (params.command !== REBUILD_COMMAND) return null;
    const [uri, version] = params.arguments ?? [];
    const doc = typeof uri === 'string' ? this.ctx.documents.get(uri) : undefined;
    if (!doc) return { status: 'refused', message: localize(F.notOpen) };
    const stale = (): RebuildCommandResult => ({ status: 'stale', message: localize(F.stale) });
    if (typeof version === 'number' && version !== doc.version) return stale();
    const expected = doc.version;
    const result = await this.ctx.analyses.get(doc);
    if (doc.version !== expected || (result && result.version !== expected)) return stale();
    if (!result) return { status: 'refused', message: localize(F.notNapCat) };
    const r = service.rebuild(result.analysis);
    if (r?.kind === 'unchanged') return { status: 'unchanged', message: localize(F.unchanged), version: expected };
    if (r?.kind !== 'rebuilt') return { status: 'refused', message: this.refusal(r) };

    const edit = this.edit(doc, r.edits);
    const summary = describeSummary(r.summary);
    if (!this.applyEdit) return { status: 'edit', message: localize(F.applied, { summary }), version: expected, edit };
    const applied = await this.ctx.connection.workspace.applyEdit({ label: localize(F.rebuildLabel), edit });
    if (applied.applied) return { status: 'applied', message: localize(F.applied, { summary }), version: expected };
    const reason = applied.failureReason ? ` (${applied.failureReason})` : '';
    return { status: 'not-applied', message: localize(F.notApplied, { reason }), version: expected };
  }

  // -------------------------------------------------------------------------------------------

  private quickFixes(doc: TextDocument, analysis: Analysis, diagnostics: readonly Diagnostic[]): CodeAction[] {
    // One action per fix, listing every diagnostic it resolves (several legacy parts, one rebuild).
    const actions = new Map<string, CodeAction & { diagnostics: Diagnostic[] }>();
    for (const diagnostic of diagnostics) {
      const finding = findingOf(doc, analysis, diagnostic);
      if (!finding) continue;
      for (const fix of service.fixes(analysis, finding)) {
        const key = `${fix.kind}\u0000${fix.target}\u0000${fix.title}`;
        const existing = actions.get(key);
        if (existing) {
          existing.diagnostics.push(diagnostic);
          if (fix.preferred) existing.isPreferred = true;
          continue;
        }
        actions.set(key, {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred,
          edit: this.edit(doc, fix.edits),
        });
      }
    }
    return [...actions.values()];
  }

  /** Edits of the document's current version as a WorkspaceEdit bound to that version. */
  private edit(doc: TextDocument, edits: readonly TextEdit[]): WorkspaceEdit {
    return toWorkspaceEdit(doc, edits, this.documentChanges);
  }

  private refusal(r: ReturnType<typeof service.rebuild>): string {
    if (!r) return localize(F.tooLarge);
    if (r.kind === 'unchanged') return localize(F.unchanged);
    if (r.kind === 'refused') return localize(F.refused, { reason: r.reason });
    return '';
  }

}

/** Whether a code action of `kind` is asked for: no filter, or a requested kind that is `kind` or its parent. */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
}

const findingIndexes = new WeakMap<Analysis, Map<string, Finding[]>>();

/**
 * The current finding a diagnostic sent by the client stands for: same code, same key (see
 * `FINDING_KEY`; a client that dropped `data` is matched by its range's offsets instead) and a
 * range on overlapping lines — lines survive a client's own column encoding. A diagnostic of an
 * older text names offsets that moved and finds nothing, so no fix is computed from stale data.
 */
function findingOf(doc: TextDocument, analysis: Analysis, diagnostic: Diagnostic): Finding | undefined {
  if (typeof diagnostic.code !== 'string') return undefined;
  if (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  let index = findingIndexes.get(analysis);
  if (!index) {
    index = new Map();
    for (const f of analysis.findings) {
      const key = `${f.code} ${findingKey(f)}`;
      const list = index.get(key);
      if (list) list.push(f);
      else index.set(key, [f]);
    }
    findingIndexes.set(analysis, index);
  }
  const start = offsetAt(doc, diagnostic.range.start);
  const key = findingKeyOf(diagnostic.data) ?? `${start}:${offsetAt(doc, diagnostic.range.end) - start}`;
  return index.get(`${diagnostic.code} ${key}`)?.find((f) => linesOverlap(toRange(doc, f.range), diagnostic.range));
}

/** Whether two ranges share a line. */
function linesOverlap(a: Range, b: Range): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}
