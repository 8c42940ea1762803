import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import {
  ADAPTER_KINDS,
  ConnectionsDescribeCommand,
  ConnectionsEditCommand,
  ConnectionsSuggestCommand,
  ConnectionsValidateCommand,
  KINDS,
  type ConnectionOp,
  type ConnectionsEditResult,
  type EndpointInfo,
  type EntryDescription,
  type EntryField,
  type EntryRef,
} from '../../../server/src/lsp/protocol';
import type { Ctx } from '../ctx';
import { translate as t } from './l10n';
import { fileLabel, kindRole, type TreeNode } from './model';
import type { EndpointsStore } from './store';
import { BACK, inputStep, pickStep, type StepAnswer } from './steps';
import type { EndpointsTree } from './tree';

/**
 * Managing the connections of a config from the NapCat view: add (a multi-step input), enable
 * and disable (the tree item's checkbox), rename, edit the endpoint, set the token, edit the other
 * settings, duplicate, delete. The language server does every edit (`napcat.connections.*`
 * through `workspace/executeCommand`): it validates with the rules the diagnostics use and applies
 * one edit bound to the document's version with `workspace/applyEdit`, so one Undo takes it back.
 * This module only asks and shows; it holds no rule of its own.
 */

export interface ConnectionsFeature {
  readonly store: EndpointsStore;
  readonly tree: EndpointsTree;
  readonly view: vscode.TreeView<TreeNode>;
}

type AdapterKind = EndpointInfo['kind'];

interface EntryTarget {
  readonly uri: string;
  readonly id: string;
}

// ---------------------------------------------------------------------------------------------
// The server's commands

/** The language server's connection commands, on the open document of a config. */
class Connections {
  constructor(
    private readonly client: LanguageClient,
    readonly doc: vscode.TextDocument,
  ) {}

  static async open(ctx: Ctx, uri: string): Promise<Connections | undefined> {
    const client = await ctx.startedClient();
    if (!client) {
      void vscode.window.showErrorMessage(t('The NapCat language server is not running. Run "NapCat: Restart Language Server" and try again.'));
      return undefined;
    }
    // The server edits open documents only (unsaved text included): open the file first.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    return new Connections(client, doc);
  }

  private get uri(): string {
    return this.client.code2ProtocolConverter.asUri(this.doc.uri);
  }

  private run<R>(command: string, args: unknown[]): Promise<R> {
    // `workspace/executeCommand` answers `any`: each command's result type is declared with it.
    return this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<R>;
  }

  edit(op: ConnectionOp, dryRun = false): Promise<ConnectionsEditResult | null> {
    const args: ConnectionsEditCommand.Arguments = [{ uri: this.uri, version: this.doc.version, op, ...(dryRun ? { dryRun } : {}) }];
    return this.run(ConnectionsEditCommand.command, args);
  }

  /** The reason `value` cannot be used for `field`, in the diagnostic's words; undefined when it can (or the server cannot say). */
  async reason(kind: AdapterKind, field: string, value: string, entry?: EntryRef): Promise<string | undefined> {
    const args: ConnectionsValidateCommand.Arguments = [{ uri: this.uri, version: this.doc.version, kind, field, value, ...(entry ? { entry } : {}) }];
    const answer = await this.run<ConnectionsValidateCommand.Result | null>(ConnectionsValidateCommand.command, args).catch(() => null);
    return answer?.reason;
  }

  suggest(kind: AdapterKind): Promise<ConnectionsSuggestCommand.Result | null> {
    const args: ConnectionsSuggestCommand.Arguments = [{ uri: this.uri, version: this.doc.version, kind }];
    return this.run(ConnectionsSuggestCommand.command, args);
  }

  describe(entry: EntryRef): Promise<EntryDescription | null> {
    const args: ConnectionsDescribeCommand.Arguments = [{ uri: this.uri, version: this.doc.version, entry }];
    return this.run(ConnectionsDescribeCommand.command, args);
  }

  /** Applies an edit the server handed back (a client without `workspace/applyEdit`). */
  async applyReturned(answer: ConnectionsEditResult): Promise<boolean> {
    return !!answer.edit && vscode.workspace.applyEdit(await this.client.protocol2CodeConverter.asWorkspaceEdit(answer.edit));
  }
}

// ---------------------------------------------------------------------------------------------
// Running one operation

/**
 * Sends `op`, tells the user what happened and reveals the entry in the editor and the tree.
 * Returns the server's answer when the edit was applied, else undefined (the reason was shown).
 */
async function perform(f: ConnectionsFeature, api: Connections, op: ConnectionOp): Promise<ConnectionsEditResult | undefined> {
  let answer: ConnectionsEditResult | null;
  try {
    answer = await api.edit(op);
    // The document changed between the question and the answer: ask again on the new version.
    if (answer?.status === 'stale') answer = await api.edit(op);
    if (!answer) throw new Error(t('the language server does not manage connections (update the extension).'));
  } catch (e) {
    void vscode.window.showErrorMessage(t('The change could not be made: {error}', { error: e instanceof Error ? e.message : String(e) }));
    return undefined;
  }
  if (answer.status === 'edit' && !(await api.applyReturned(answer))) {
    void vscode.window.showWarningMessage(t('The change could not be applied; the file is unchanged.'));
    return undefined;
  }
  if (answer.status !== 'applied' && answer.status !== 'edit') {
    void vscode.window.showWarningMessage(answer.message);
    // A checkbox the user ticked shows the file as it is again.
    f.tree.invalidate();
    return undefined;
  }
  if (answer.rebuilt) void vscode.window.showInformationMessage(answer.message);
  else vscode.window.setStatusBarMessage(`$(check) ${answer.message}`, 5000);
  if (op.action !== 'remove' && answer.entry) await reveal(f, api.doc, answer.entry.id);
  return answer;
}

/** Shows the entry `id` in the editor (selected, focus kept where it is) and selects it in the tree. */
async function reveal(f: ConnectionsFeature, doc: vscode.TextDocument, id: string): Promise<void> {
  const uri = doc.uri.toString();
  const config = await freshConfig(f.store, doc);
  const entry = config?.endpoints.find((e) => e.id === id);
  if (!entry) return;
  const range = new vscode.Range(entry.range.start.line, entry.range.start.character, entry.range.end.line, entry.range.end.character);
  const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: true, preview: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const node = f.tree.findEndpoint(uri, id);
  if (node && f.view.visible) await Promise.resolve(f.view.reveal(node, { select: true, focus: false, expand: true })).catch(() => undefined);
}

/** The server's description of the document at its current version (the store follows a little later). */
async function freshConfig(store: EndpointsStore, doc: vscode.TextDocument) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const config = await store.fetch(doc.uri.toString());
    if (!config || config.version === undefined || config.version >= doc.version) {
      await store.refresh([doc.uri.toString()]);
      return config;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Adding

interface KindItem extends vscode.QuickPickItem {
  readonly adapterKind: AdapterKind;
}

/** What each kind is, in one line, for the kind step. */
function kindDetail(kind: AdapterKind): string {
  switch (kind) {
    case 'websocketClients':
      return t('NapCat connects to your bot framework (NoneBot, Koishi, AstrBot…) over WebSocket.');
    case 'httpClients':
      return t('NapCat POSTs every event to a URL of your bot framework.');
    case 'websocketServers':
      return t('NapCat listens for WebSocket connections; the framework connects to it (forward WS).');
    case 'httpServers':
      return t('NapCat answers OneBot API calls over HTTP on a port of this machine.');
    case 'httpSseServers':
      return t('NapCat answers API calls over HTTP and streams events as Server-Sent Events.');
    case 'plugins':
      return t('A NapCat plugin adapter: no network endpoint.');
  }
}

export function kindLabel(kind: AdapterKind): string {
  return t(KINDS[kind].label);
}

/** `host:port`, `[v6]:port` or a bare port → its parts (the host '' when absent). */
function splitHostPort(value: string): { host: string; port: string } {
  const text = value.trim();
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (v6) return { host: v6[1], port: v6[2] ?? '' };
  if (/^\d*$/.test(text)) return { host: '', port: text };
  const at = text.lastIndexOf(':');
  return at < 0 ? { host: text, port: '' } : { host: text.slice(0, at), port: text.slice(at + 1) };
}

function joinHostPort(host: string | undefined, port: number | undefined): string {
  const h = host && host.includes(':') ? `[${host}]` : (host ?? '');
  return port === undefined ? h : `${h}:${port}`;
}

/** The reason a `host:port` text cannot be used (host first, then port). */
async function hostPortReason(api: Connections, kind: AdapterKind, value: string, fallbackHost: string | undefined, entry?: EntryRef): Promise<string | undefined> {
  const { host, port } = splitHostPort(value);
  if (port === '') return t('Write the port after the address, e.g. {example}.', { example: joinHostPort(fallbackHost || '127.0.0.1', 3001) });
  return (await api.reason(kind, 'host', host || fallbackHost || '', entry)) ?? (await api.reason(kind, 'port', port, entry));
}

/**
 * "Add Connection…": kind → name → endpoint → token, each validated live by the server; Back
 * returns to the previous step with its answer kept, Escape leaves the file untouched.
 */
async function addConnection(ctx: Ctx, f: ConnectionsFeature, uri: string, presetKind?: AdapterKind): Promise<void> {
  const api = await Connections.open(ctx, uri);
  if (!api) return;
  const file = f.store.config(uri);
  const title = t('Add a connection to {file}', { file: file ? fileLabel(file) : api.doc.uri.path.split('/').pop() ?? uri });
  const state: { kind?: AdapterKind; name?: string; endpoint?: string; token?: string } = { kind: presetKind };
  let suggestion: ConnectionsSuggestCommand.Result | undefined;
  let suggestedFor: AdapterKind | undefined;
  type Step = 'kind' | 'name' | 'endpoint' | 'token';
  // A plugin has no endpoint and no token.
  const steps = (): Step[] => [...(presetKind ? [] : ['kind' as const]), 'name', ...(state.kind && kindRole(state.kind) === 'plugin' ? [] : (['endpoint', 'token'] as const))];
  let index = 0;
  for (;;) {
    const order = steps();
    if (index >= order.length) break;
    const position = { title, step: index + 1, totalSteps: order.length, back: index > 0 };
    const step = order[index];
    let answer: StepAnswer<unknown>;
    if (step === 'kind') {
      const items: KindItem[] = ADAPTER_KINDS.map((kind) => ({ adapterKind: kind, label: kindLabel(kind), description: kind, detail: kindDetail(kind) }));
      answer = await pickStep({ ...position, items, placeholder: t('What should NapCat do?'), active: items.find((i) => i.adapterKind === state.kind) ?? items.find((i) => i.adapterKind === 'websocketClients') });
      if (answer !== BACK && answer !== undefined) {
        const kind = (answer as KindItem).adapterKind;
        if (kind !== state.kind) state.name = state.endpoint = undefined;
        state.kind = kind;
      }
    } else {
      const kind = state.kind!;
      if (suggestedFor !== kind) {
        suggestion = (await api.suggest(kind).catch(() => null)) ?? undefined;
        suggestedFor = kind;
      }
      if (step === 'name') {
        answer = await inputStep({
          ...position,
          value: state.name ?? suggestion?.name ?? '',
          prompt: t('A name for the new {kind}: unique in the file, it is its identity in NapCat.', { kind: kindLabel(kind) }),
          validate: (value) => api.reason(kind, 'name', value),
        });
        if (typeof answer === 'string') state.name = answer;
      } else if (step === 'endpoint') {
        if (kindRole(kind) === 'client') {
          answer = await inputStep({
            ...position,
            value: state.endpoint ?? suggestion?.url ?? '',
            prompt: kind === 'websocketClients' ? t('The WebSocket URL NapCat connects to (ws:// or wss://), as your bot framework documents it.') : t('The URL NapCat POSTs events to (http:// or https://).'),
            validate: (value) => api.reason(kind, 'url', value),
          });
        } else {
          answer = await inputStep({
            ...position,
            value: state.endpoint ?? joinHostPort(suggestion?.host, suggestion?.port),
            prompt: t('Where NapCat listens, as address:port (127.0.0.1 is this machine only, 0.0.0.0 every interface). A free port is suggested.'),
            validate: (value) => hostPortReason(api, kind, value, suggestion?.host),
          });
        }
        if (typeof answer === 'string') state.endpoint = answer;
      } else {
        answer = await inputStep({
          ...position,
          value: state.token ?? '',
          password: true,
          prompt: t('Optional: the token (access token) the other side expects. Leave empty for none.'),
          validate: (value) => api.reason(kind, 'token', value),
        });
        if (typeof answer === 'string') state.token = answer;
      }
    }
    if (answer === undefined) return;
    if (answer === BACK) index = Math.max(0, index - 1);
    else index++;
  }

  const kind = state.kind!;
  const where = state.endpoint === undefined ? undefined : splitHostPort(state.endpoint);
  const op: ConnectionOp = {
    action: 'add',
    kind,
    name: state.name,
    ...(state.endpoint !== undefined && kindRole(kind) === 'client' ? { url: state.endpoint.trim() } : {}),
    ...(where && kindRole(kind) === 'server' ? { port: Number(where.port), ...(where.host ? { host: where.host } : {}) } : {}),
    ...(state.token ? { token: state.token } : {}),
  };
  const done = await perform(f, api, op);
  if (done?.entry && kindRole(kind) === 'client') {
    const test = t('Test Connection');
    const choice = await vscode.window.showInformationMessage(done.message, test);
    if (choice === test) await vscode.commands.executeCommand('napcat.testEndpoint', uri, done.entry.id);
  }
}

// ---------------------------------------------------------------------------------------------
// Editing one entry

async function entryOf(f: ConnectionsFeature, target: EntryTarget): Promise<EndpointInfo | undefined> {
  const config = (await f.store.fetch(target.uri)) ?? f.store.config(target.uri);
  const entry = config?.endpoints.find((e) => e.id === target.id);
  if (!entry) void vscode.window.showWarningMessage(t('This entry is no longer in the config.'));
  return entry;
}

async function rename(ctx: Ctx, f: ConnectionsFeature, target: EntryTarget): Promise<void> {
  const entry = await entryOf(f, target);
  const api = entry && (await Connections.open(ctx, target.uri));
  if (!entry || !api) return;
  const ref = { id: entry.id };
  const name = await inputStep({
    title: t('Rename {name}', { name: entry.name }),
    value: entry.name,
    prompt: t('The new name: unique in the file, it is the connection\'s identity in NapCat.'),
    validate: async (value) => (value === entry.name ? undefined : api.reason(entry.kind, 'name', value, ref)),
  });
  if (typeof name !== 'string' || name === entry.name) return;
  await perform(f, api, { action: 'rename', entry: ref, newName: name });
}

async function editEndpoint(ctx: Ctx, f: ConnectionsFeature, target: EntryTarget): Promise<void> {
  const entry = await entryOf(f, target);
  const api = entry && (await Connections.open(ctx, target.uri));
  if (!entry || !api) return;
  const ref = { id: entry.id };
  const described = await api.describe(ref).catch(() => null);
  const value = (key: string) => described?.fields.find((x) => x.key === key)?.value;
  if (kindRole(entry.kind) === 'client') {
    const current = typeof value('url') === 'string' ? (value('url') as string) : entry.endpoint;
    const url = await inputStep({
      title: t('Endpoint of {name}', { name: entry.name }),
      value: current,
      prompt: entry.kind === 'websocketClients' ? t('The WebSocket URL NapCat connects to (ws:// or wss://), as your bot framework documents it.') : t('The URL NapCat POSTs events to (http:// or https://).'),
      validate: (v) => api.reason(entry.kind, 'url', v, ref),
    });
    if (typeof url !== 'string' || url === current) return;
    await perform(f, api, { action: 'setUrl', entry: ref, url: url.trim() });
  } else if (kindRole(entry.kind) === 'server') {
    const host = typeof value('host') === 'string' ? (value('host') as string) : undefined;
    const port = typeof value('port') === 'number' ? (value('port') as number) : undefined;
    const current = host !== undefined || port !== undefined ? joinHostPort(host, port) : entry.endpoint;
    const answer = await inputStep({
      title: t('Endpoint of {name}', { name: entry.name }),
      value: current,
      prompt: t('Where NapCat listens, as address:port (127.0.0.1 is this machine only, 0.0.0.0 every interface).'),
      validate: (v) => hostPortReason(api, entry.kind, v, host, ref),
    });
    if (typeof answer !== 'string' || answer === current) return;
    const parts = splitHostPort(answer);
    await perform(f, api, { action: 'setPort', entry: ref, port: Number(parts.port), ...(parts.host ? { host: parts.host } : {}) });
  }
}

async function setToken(ctx: Ctx, f: ConnectionsFeature, target: EntryTarget): Promise<void> {
  const entry = await entryOf(f, target);
  const api = entry && (await Connections.open(ctx, target.uri));
  if (!entry || !api) return;
  const ref = { id: entry.id };
  // The token is never shown: the box starts empty and says only whether one is set.
  const token = await inputStep({
    title: t('Token of {name}', { name: entry.name }),
    value: '',
    password: true,
    prompt: entry.token ? t('A token is set (***). Type the new one, or leave empty to remove it.') : t('No token is set. Type the token the other side expects.'),
    validate: (v) => api.reason(entry.kind, 'token', v, ref),
  });
  if (typeof token !== 'string' || (token === '' && !entry.token)) return;
  await perform(f, api, { action: 'setToken', entry: ref, token });
}

/** The fields "Edit Settings…" leaves to their own actions. */
const OWN_ACTIONS = new Set(['name', 'enable', 'url', 'host', 'port', 'token']);

function show(value: unknown): string {
  if (value === undefined) return t('not set');
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

interface FieldItem extends vscode.QuickPickItem {
  readonly field: EntryField;
}

/** "Edit Settings…": every other field with its value, NapCat's default and what it does; one edit per change, until Escape. */
async function editSettings(ctx: Ctx, f: ConnectionsFeature, target: EntryTarget): Promise<void> {
  const entry = await entryOf(f, target);
  const api = entry && (await Connections.open(ctx, target.uri));
  if (!entry || !api) return;
  const ref = { id: entry.id };
  let last: string | undefined;
  for (;;) {
    const described = await api.describe(ref).catch(() => null);
    if (!described) {
      void vscode.window.showWarningMessage(t('This entry is no longer in the config.'));
      return;
    }
    const items: FieldItem[] = described.fields
      .filter((x) => !OWN_ACTIONS.has(x.key) && !x.secret)
      .map((x) => ({
        field: x,
        label: x.key,
        description: `${show(x.value)} · ${t('NapCat default: {value}', { value: show(x.default) })}`,
        detail: x.description,
      }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage(t('{name} has no other settings.', { name: described.name }));
      return;
    }
    const picked = await pickStep({
      title: t('Settings of {name}', { name: described.name }),
      items,
      placeholder: t('Choose a setting to change (Escape when done)'),
      active: items.find((i) => i.field.key === last),
      matchOnDetail: true,
    });
    if (!picked || picked === BACK) return;
    last = picked.field.key;
    const value = await askValue(api, described, picked.field, ref);
    // Back, Escape or the same value: the list again.
    if (value === BACK || value === undefined) continue;
    await perform(f, api, { action: 'setField', entry: ref, field: picked.field.key, value: value.value });
  }
}

/** A new value for one field: a pick for booleans and enumerations, a validated input otherwise. */
async function askValue(api: Connections, entry: EntryDescription, field: EntryField, ref: EntryRef): Promise<StepAnswer<{ value: unknown }>> {
  const title = t('{name}: {field}', { name: entry.name, field: field.key });
  if (field.type === 'boolean' || field.type === 'enum') {
    const options: unknown[] = field.type === 'boolean' ? [true, false] : [...(field.options ?? [])];
    const items = options.map((o) => ({
      label: String(o),
      description: [o === field.value ? t('current') : '', o === field.default ? t('NapCat default') : ''].filter(Boolean).join(' · '),
      value: o,
    }));
    const picked = await pickStep({ title, items, placeholder: field.description, active: items.find((i) => i.value === field.value), back: true });
    return picked === BACK || picked === undefined ? picked : picked.value === field.value ? undefined : { value: picked.value };
  }
  const current = field.value === undefined ? '' : String(field.value);
  const text = await inputStep({
    title,
    value: current,
    prompt: `${field.description} ${t('NapCat default: {value}', { value: show(field.default) })}`,
    back: true,
    validate: (v) => api.reason(entry.kind, field.key, v, ref),
  });
  if (text === BACK || text === undefined) return text;
  if (text === current) return undefined;
  return { value: field.type === 'integer' ? Number(text.trim()) : text };
}

async function duplicate(ctx: Ctx, f: ConnectionsFeature, target: EntryTarget): Promise<void> {
  const entry = await entryOf(f, target);
  const api = entry && (await Connections.open(ctx, target.uri));
  if (!entry || !api) return;
  await perform(f, api, { action: 'duplicate', entry: { id: entry.id } });
}

async function remove(ctx: Ctx, f: ConnectionsFeature, target: EntryTarget): Promise<void> {
  const entry = await entryOf(f, target);
  if (!entry) return;
  const config = f.store.config(target.uri);
  const confirm = t('Delete');
  const choice = await vscode.window.showWarningMessage(
    t('Delete the {kind} “{name}” from {file}?', { kind: entry.kindLabel, name: entry.name, file: config?.fileName ?? target.uri }),
    { modal: true, detail: t('The entry is removed from the file with its comments. Undo (Ctrl+Z) in the editor brings it back.') },
    confirm,
  );
  if (choice !== confirm) return;
  const api = await Connections.open(ctx, target.uri);
  if (api) await perform(f, api, { action: 'remove', entry: { id: entry.id } });
}

/** The checkbox of an entry: `enable` set to the box's state, one edit per entry. */
async function setEnabled(ctx: Ctx, f: ConnectionsFeature, changes: readonly (readonly [TreeNode, vscode.TreeItemCheckboxState])[]): Promise<void> {
  for (const [node, state] of changes) {
    if (node.type !== 'endpoint') continue;
    const api = await Connections.open(ctx, node.uri);
    if (!api) return;
    await perform(f, api, { action: 'setEnabled', entry: { id: node.endpoint.id }, enable: state === vscode.TreeItemCheckboxState.Checked });
  }
}

// ---------------------------------------------------------------------------------------------
// Commands

function isNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'type' in value && typeof (value as { uri?: unknown }).uri === 'string';
}

/** The entry of a tree item, or `(uri, id)`. */
function targetOf(args: readonly unknown[]): EntryTarget | undefined {
  const [a, b] = args;
  if (isNode(a) && a.type === 'endpoint') return { uri: a.uri, id: a.endpoint.id };
  if (typeof a === 'string' && typeof b === 'string') return { uri: a, id: b };
  return undefined;
}

/** The config of a tree item, a resource, a URI string, else the active editor's NapCat config or a pick. */
async function configOf(f: ConnectionsFeature, args: readonly unknown[]): Promise<string | undefined> {
  const [a] = args;
  if (isNode(a)) return a.uri;
  if (a instanceof vscode.Uri) return a.toString();
  if (typeof a === 'string') return a;
  const doc = vscode.window.activeTextEditor?.document;
  const active = doc && (await f.store.fetch(doc.uri.toString()));
  if (active) return active.uri;
  await f.store.ensureLoaded();
  const configs = f.store.configList.sort((x, y) => fileLabel(x).localeCompare(fileLabel(y)));
  if (configs.length === 0) {
    void vscode.window.showInformationMessage(t('No NapCat config found in this workspace.'));
    return undefined;
  }
  if (configs.length === 1) return configs[0].uri;
  const picked = await vscode.window.showQuickPick(
    configs.map((c) => ({ label: fileLabel(c), description: c.fileName, detail: vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri)), uri: c.uri })),
    { placeHolder: t('Choose a NapCat config') },
  );
  return picked?.uri;
}

type EntryCommand = (ctx: Ctx, f: ConnectionsFeature, target: EntryTarget) => Promise<void>;

const ENTRY_COMMANDS: Readonly<Record<string, EntryCommand>> = {
  'napcat.renameConnection': rename,
  'napcat.editConnectionEndpoint': editEndpoint,
  'napcat.setConnectionToken': setToken,
  'napcat.editConnectionSettings': editSettings,
  'napcat.duplicateConnection': duplicate,
  'napcat.deleteConnection': remove,
};

/** `napcat.addConnection` (a config) and `napcat.addConnection.<kind>` (a kind group). */
export const ADD_COMMAND = 'napcat.addConnection';

export function registerConnectionCommands(ctx: Ctx, f: ConnectionsFeature): void {
  const guard = (body: () => Promise<void>) =>
    body().catch((e: unknown) => {
      ctx.outputChannel.error(`connection command failed: ${String(e)}`);
      void vscode.window.showErrorMessage(t('The change could not be made: {error}', { error: e instanceof Error ? e.message : String(e) }));
    });
  ctx.own(
    vscode.commands.registerCommand(ADD_COMMAND, (...args: unknown[]) =>
      guard(async () => {
        const uri = await configOf(f, args);
        if (uri) await addConnection(ctx, f, uri);
      }),
    ),
  );
  for (const kind of ADAPTER_KINDS) {
    ctx.own(
      vscode.commands.registerCommand(`${ADD_COMMAND}.${kind}`, (...args: unknown[]) =>
        guard(async () => {
          const uri = await configOf(f, args);
          if (uri) await addConnection(ctx, f, uri, kind);
        }),
      ),
    );
  }
  for (const [id, command] of Object.entries(ENTRY_COMMANDS)) {
    ctx.own(
      vscode.commands.registerCommand(id, (...args: unknown[]) =>
        guard(async () => {
          const target = targetOf(args);
          if (target) await command(ctx, f, target);
        }),
      ),
    );
  }
  ctx.own(f.view.onDidChangeCheckboxState((e) => void guard(() => setEnabled(ctx, f, e.items))));
}
