import { NotificationType, RequestType, type Range, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { AdapterKind, Shape } from '../core';
import type { BadUrlProblem, ProbeResult, SkipReason } from '../probe';
import type { ConnectionList, ConnectionOp, ConnectionRef, EntryDescription, NewEntrySuggestion } from '../service/languageService';

/**
 * The pure pieces of the server the VS Code client needs, re-exported here because the client
 * imports nothing else of the server: the probe result type it renders, and the normalisation of
 * `napcat.files` globs it searches with (one implementation, in the core). Display texts arrive
 * already masked, so the client needs no masking of its own.
 */
export { filesGlob, isConfigFileName, mayBeNapCatConfig, type FilesGlob } from '../core/detect';
export { logFolderOf } from '../log/paths';
export type { ProbeResult } from '../probe';
/** The adapter kinds, their role (client, server, plugin) and label: the sidebar's "Add Connection…" offers them. */
export { ADAPTER_KINDS, KINDS } from '../core/schema';

/**
 * Node options the server runs with, given by whoever starts it (the VS Code client; the README's
 * command line for other editors; the benchmark): a 1 MiB young generation. An edit re-analyses
 * the whole config, and the analysis (syntax tree, model) is alive until the next one, so with
 * V8's default young generation, which grows to 16 MiB per semi-space under back-to-back edits,
 * every scavenge copies one or two whole analyses; with 1 MiB each one copies little, and the
 * server stays smaller. `npm run bench` measures both (latency and memory goals).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=1'];

/**
 * Environment variables the server runs with, set by whoever starts it (as `SERVER_NODE_OPTIONS`).
 * `MALLOC_TRIM_THRESHOLD_` fixes glibc's trim threshold at glibc's own default, 128 KiB. Without
 * it, each time a block of 128 KiB or more that glibc mapped on its own is freed (V8 frees such
 * blocks after compiling the server at start-up, and after reading a large message), glibc raises
 * its trim threshold to twice that size, up to 64 MiB; from then on, memory the server frees stays
 * in the process. With it, the server gives that memory back (`npm run bench`, memory goal; the
 * README's *Performance* has the numbers). Other C libraries (musl, macOS, Windows) ignore it.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: '131072' };

/**
 * Every custom message between the NapCat language server and its clients, in one place. Each
 * message says who sends it to whom, and is declared once as a typed `RequestType` /
 * `NotificationType` that the server and the VS Code client both use (they are built on the same
 * `vscode-jsonrpc`, through `vscode-languageserver` 11 and `vscode-languageclient` 11); every
 * result type is declared here and nowhere else. This is the only server module the client may
 * import. Other editors can speak the same messages (they are plain JSON-RPC).
 *
 * Secrets never cross this protocol: tokens travel only masked (`maskToken`), URLs with their
 * secrets masked (`maskUrl`), and probe results carry texts that the probes already masked.
 */

// ---------------------------------------------------------------------------------------------
// Listing the endpoints of NapCat configs

/**
 * Request, client → server: the NapCat configs among `uris` (each read from its open document,
 * unsaved edits included, else from disk), plus every open document the server recognises as a
 * NapCat config when `openDocuments` is not false. Files that are not NapCat configs, and files
 * that cannot be read, are left out of the answer.
 *
 * The first request also subscribes the client to `napcat/endpointsChanged`.
 */
export namespace EndpointsRequest {
  export const method = 'napcat/endpoints';
  export type Params = EndpointsParams;
  export type Result = EndpointsResult;
  export const type = new RequestType<Params, Result, void>(method);
}

export interface EndpointsParams {
  /** Workspace files (`file:` URIs) to describe, e.g. found by the client's file search. */
  readonly uris?: readonly string[];
  /** Also describe every other open document that is a NapCat config (default true). */
  readonly openDocuments?: boolean;
}

export interface EndpointsResult {
  readonly configs: readonly ConfigInfo[];
}

/** One NapCat config as the language server analysed it. */
export interface ConfigInfo {
  readonly uri: string;
  /** The open document's version that was analysed; absent when the file was read from disk. */
  readonly version?: number;
  /** The last segment of the URI's path, e.g. `onebot11_12345.json`. */
  readonly fileName: string;
  /** The QQ account in `onebot11_<uin>.json`, if the name carries one. */
  readonly uin?: string;
  /** The config's shape (facts §2): `N4`, a legacy form, `mixed`, `empty` or `unknown`. */
  readonly shape: Shape;
  /** The shape for people, in the server's language. */
  readonly shapeLabel: string;
  /** The NapCat version the analysis describes (`napcat.targetVersion`), e.g. `4.17.44`. */
  readonly targetVersion: string;
  /** Diagnostics of the file by severity (the same findings the Problems panel shows). */
  readonly problems: ProblemCounts;
  /** Why NapCat starts nothing from this file (unreadable, discarded, …), in the server's language. */
  readonly fileReasons: readonly string[];
  /** Every adapter entry, in file order (then the connections of legacy sections NapCat reads). */
  readonly endpoints: readonly EndpointInfo[];
  /** The NapCat log read for this config; absent for a document that is not a file on disk. */
  readonly log?: ConfigLogInfo;
}

/**
 * Which NapCat log the server read for a config, and when. The log is the newest in the config's
 * log folder (`logs/` beside its `config/` folder, or the `napcat.logFolder` setting), followed
 * as NapCat writes it: `napcat/endpointsChanged` is sent when what it says changes.
 */
export interface ConfigLogInfo {
  /** The folder looked in (a path of the server's file system). */
  readonly folder: string;
  /** The folder comes from the `napcat.logFolder` setting. */
  readonly fromSetting: boolean;
  /** The log read (`file:` URI); absent when there is none to read (`note` says why). */
  readonly uri?: string;
  readonly fileName?: string;
  /** When NapCat last wrote the log (its modification time), ms since the epoch. */
  readonly modified?: number;
  /** When the server last read it, ms since the epoch. */
  readonly readAt?: number;
  /** The log's latest network summary: its 0-based line and time as written. */
  readonly summary?: { readonly line: number; readonly time?: string };
  /** One sentence in the server's language: where the latest summary is, or why no log was read. */
  readonly note: string;
  /** Set when no log could be read (`note` says why). */
  readonly problem?: true;
}

/** What the config's NapCat log says of one adapter entry (entries of `network` only). */
export interface EndpointLogInfo {
  /** The log (`file:` URI). */
  readonly uri: string;
  /** What NapCat's latest network summary says of the entry. */
  readonly status: 'started' | 'not-started' | 'not-listed' | 'no-summary';
  /** The log has connection errors of this entry since that summary. */
  readonly failing: boolean;
  /** One short line in the server's language: `started`, `not started; failing: connection-refused ×12, last 10:41:07`; '' when the log says nothing of it. */
  readonly summary: string;
  /** Sentences in the server's language: what the summary says, then each kind of error with its count and last time. */
  readonly details: readonly string[];
  /** The 0-based line of the log to show: its last error, else the summary line that lists it. */
  readonly line?: number;
}

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly hints: number;
}

/** One adapter entry (one probe target) of a config. */
export interface EndpointInfo {
  /** Stable within the file: `<kind>[<index>]`, or the legacy path. */
  readonly id: string;
  readonly kind: AdapterKind;
  /** The kind for people, in the server's language. */
  readonly kindLabel: string;
  /** The name NapCat registers (the written one or the kind's default). */
  readonly name: string;
  /** `enable` after NapCat's conversion. */
  readonly enabled: boolean;
  /** Whether NapCat starts this entry at the target version. */
  readonly starts: boolean;
  /** Why NapCat does not start it (empty when it does), in the server's language. */
  readonly reasons: readonly string[];
  /** Why a probe skips it without connecting, when it does. */
  readonly skip?: SkipReason;
  /** Where it listens (`host:port`) or connects (the URL, secrets masked); '' for plugins. */
  readonly endpoint: string;
  /**
   * A URL to connect to it, secrets masked: the client URL as NapCat uses it, or for a server
   * `ws://` / `http://` on the address a client on this machine connects to. Absent for plugins.
   */
  readonly url?: string;
  /** The token, masked: '' when none, else `***` (`maskToken` of core/secrets.ts). */
  readonly token: string;
  /** The account of the file name, when it carries one (probes connect as a test account, never as this one). */
  readonly uin?: string;
  /**
   * A connection of a legacy section that NapCat at the target version does not start; "Rebuild"
   * turns it into an entry it starts, and its probe tests what that entry would do.
   */
  readonly legacy?: true;
  /** Set when the URL, host or port cannot be used at all. */
  readonly endpointProblem?: BadUrlProblem;
  /** The whole entry in the document. */
  readonly range: Range;
  /** The part to select when revealing the entry (its `name` value, else the entry's start). */
  readonly selectionRange: Range;
  /**
   * Identifies what a probe of this entry depends on (kind, endpoint, token, options) within
   * one server process; equal fingerprints mean an earlier result still applies. Opaque.
   */
  readonly fingerprint: string;
  /** What the config's NapCat log says of this entry (see `ConfigInfo.log`). */
  readonly log?: EndpointLogInfo;
}

/**
 * Notification, server → client: the endpoints of `uri` may have changed (an edit, unsaved or
 * not, a close, which falls back to the file on disk, or what its NapCat log says); without
 * `uri`, those of every config (settings changed). Sent only to clients that have sent
 * `napcat/endpoints`.
 */
export namespace EndpointsChangedNotification {
  export const method = 'napcat/endpointsChanged';
  export type Params = EndpointsChangedParams;
  export const type = new NotificationType<Params>(method);
}

export interface EndpointsChangedParams {
  readonly uri?: string;
}

// ---------------------------------------------------------------------------------------------
// Probing

/**
 * Request, client → server: probe the endpoints of the given configs from the server process,
 * the way NapCat or its counterpart connects, at most `concurrency` at a time. With a `runId`,
 * each result is also sent as `napcat/probeResult` as soon as it is known. `$/cancelRequest`
 * stops the run: unfinished probes end as `cancelled` and the answer comes at once.
 */
export namespace ProbeRequest {
  export const method = 'napcat/probe';
  export type Params = ProbeParams;
  export type Result = ProbeRunResult;
  export const type = new RequestType<Params, Result, void>(method);
}

export interface ProbeParams {
  /** The configs, and in each the entries (`EndpointInfo.id`) to probe; all when `ids` is absent. */
  readonly targets: readonly { readonly uri: string; readonly ids?: readonly string[] }[];
  /** Milliseconds before one probe gives up (default 5000). */
  readonly timeoutMs?: number;
  /** Probes at the same time (default 64). */
  readonly concurrency?: number;
  /** X-Self-ID for configs whose file name carries no QQ number. */
  readonly selfId?: string;
  /** Probe disabled and replaced entries too (a person asked for this one entry). Default false. */
  readonly includeDisabled?: boolean;
  /** Chosen by the client; names the `napcat/probeResult` notifications of this run. */
  readonly runId?: string;
}

export interface ProbeRunResult {
  /** One per probed entry, in the order of `targets` and file order. */
  readonly results: readonly EndpointResult[];
  /** True when the run was cancelled (some results are then `cancelled`). */
  readonly cancelled: boolean;
}

/** The result of probing one entry. */
export interface EndpointResult {
  readonly uri: string;
  readonly id: string;
  readonly name: string;
  readonly kind: AdapterKind;
  /** The entry's fingerprint when it was probed (see `EndpointInfo.fingerprint`). */
  readonly fingerprint: string;
  /** Where it connected, secrets masked. */
  readonly endpoint: string;
  /** The result itself; free texts in it were masked by the probe. */
  readonly result: ProbeResult;
  /** Short form in the server's language: "ok", "refused", "timeout (TCP connect)", "HTTP 404", … */
  readonly label: string;
  /** What the result means and what usually causes it, in the server's language. */
  readonly detail: string;
  /** True when the endpoint does not work as configured (not ok, skipped or cancelled). */
  readonly failed: boolean;
}

/** Notification, server → client: one result of the probe run `runId`, as soon as it is known. */
export namespace ProbeResultNotification {
  export const method = 'napcat/probeResult';
  export type Params = ProbeResultParams;
  export const type = new NotificationType<Params>(method);
}

export interface ProbeResultParams {
  readonly runId: string;
  readonly result: EndpointResult;
}

// ---------------------------------------------------------------------------------------------
// Rebuilding a config

/**
 * Command, client → server, through the standard `workspace/executeCommand` (the server declares
 * it in `executeCommandProvider`): rebuild the document `uri` at `version` (default: the current
 * one). The answer is a `RebuildCommand.Result`.
 */
export namespace RebuildCommand {
  export const command = 'napcat.rebuild';
  /** `[uri, version?]`. */
  export type Arguments = [uri: string, version?: number];
  export type Result = RebuildCommandResult;
}

/**
 * The answer to `workspace/executeCommand napcat.rebuild` (server → client). `message` is in the
 * server's language, ready to be shown. With `workspace/applyEdit` the server applies the edit
 * itself (`applied` / `not-applied`); a client without it gets the edit back (`edit`).
 */
export interface RebuildCommandResult {
  readonly status: 'applied' | 'not-applied' | 'edit' | 'unchanged' | 'refused' | 'stale';
  readonly message: string;
  /** The document version the edit was computed for. */
  readonly version?: number;
  readonly edit?: WorkspaceEdit;
}

// ---------------------------------------------------------------------------------------------
// Managing connections (adapter entries)

/**
 * The connection commands, client → server, through the standard `workspace/executeCommand`
 * (declared in `executeCommandProvider`). Each takes one argument object naming an open document
 * (`uri`, and optionally the `version` the client saw). They are the same operations as
 * `napcat-config connections …`; the VS Code client sends them as `ExecuteCommandRequest`s
 * itself rather than through VS Code's command registry.
 *
 * Entries are named by their id (`EndpointInfo.id`, e.g. `websocketClients[2]`, stable within one
 * document version; a legacy connection's id names the entry its rebuild makes) or by their name.
 * Tokens travel only towards the server (in `op`); answers never hold one.
 */
export type { ConnectionOp, ConnectionRef as EntryRef, EntryDescription, EntryField, NewEntrySuggestion, RefusalCode } from '../service/languageService';

/**
 * `napcat.connections.edit`: applies one operation. Without `dryRun` the server applies the edit
 * itself with `workspace/applyEdit` (one versioned `TextDocumentEdit`, so one Undo in the editor)
 * and answers `applied` / `not-applied`; a client without `workspace/applyEdit` gets the edit back
 * (`edit`). With `dryRun` nothing is applied: `valid` or `refused`. A legacy-shaped file is
 * rebuilt first, in the same edit (`rebuilt: true`, and the message says so).
 */
export namespace ConnectionsEditCommand {
  export const command = 'napcat.connections.edit';
  export type Arguments = [ConnectionsEditParams];
  export type Result = ConnectionsEditResult;
}

export interface ConnectionsEditParams {
  readonly uri: string;
  /** The document version the client saw; the answer is `stale` when the document has moved on. */
  readonly version?: number;
  readonly op: ConnectionOp;
  readonly dryRun?: boolean;
}

export interface ConnectionsEditResult {
  readonly status: 'applied' | 'not-applied' | 'edit' | 'valid' | 'refused' | 'stale';
  /** What was done, or why not, in the server's language (for a value: the diagnostic's words). */
  readonly message: string;
  /** Why it was refused (`ConnectionRefusal.code`: `name-taken`, `port-taken`, `bad-url`, …). */
  readonly code?: string;
  /** The field a refusal is about. */
  readonly field?: string;
  /** A value that would be accepted: the next free name or port. */
  readonly suggestion?: string | number;
  /** The entry made or changed (for a removal: as it was), in the edited text. */
  readonly entry?: { readonly kind: AdapterKind; readonly index: number; readonly id: string; readonly name: string };
  /** The document version the edit was computed for. */
  readonly version?: number;
  readonly edit?: WorkspaceEdit;
  /** The file was in a legacy shape and the edit rebuilds it first. */
  readonly rebuilt?: boolean;
}

/**
 * `napcat.connections.validate`: one value checked while the user types it (`reason` absent: valid).
 * A document that is not open, or not a NapCat config, gets a `reason` saying so.
 */
export namespace ConnectionsValidateCommand {
  export const command = 'napcat.connections.validate';
  export type Arguments = [ConnectionsValidateParams];
  export type Result = ConnectionsValidateResult;
}

export interface ConnectionsValidateParams {
  readonly uri: string;
  readonly version?: number;
  readonly kind: AdapterKind;
  /** `name`, `url`, `host`, `port`, or another field of the kind. */
  readonly field: string;
  /** The value as typed. */
  readonly value: string;
  /** The entry being edited; absent for a new entry of `kind`. */
  readonly entry?: ConnectionRef;
}

export interface ConnectionsValidateResult {
  readonly reason?: string;
  readonly suggestion?: string | number;
}

/** `napcat.connections.suggest`: a free name, NapCat's default URL or host, a free port, for a new entry of `kind`. Null when the document is not open or not a NapCat config. */
export namespace ConnectionsSuggestCommand {
  export const command = 'napcat.connections.suggest';
  export type Arguments = [{ readonly uri: string; readonly version?: number; readonly kind: AdapterKind }];
  export type Result = NewEntrySuggestion | null;
}

/** `napcat.connections.describe`: every field of one entry (value, NapCat's default, type, meaning; tokens masked), or null. */
export namespace ConnectionsDescribeCommand {
  export const command = 'napcat.connections.describe';
  export type Arguments = [{ readonly uri: string; readonly version?: number; readonly entry: ConnectionRef }];
  export type Result = EntryDescription | null;
}

/** `napcat.connections.list`: the entries of a config, short (for editors without the sidebar), or null. */
export namespace ConnectionsListCommand {
  export const command = 'napcat.connections.list';
  export type Arguments = [{ readonly uri: string; readonly version?: number }];
  export type Result = ConnectionsListResult | null;
}

/** The service's list as it is: each entry's id, kind, name, state, masked endpoint, whether a token is set, and `legacy` for a connection of a legacy section. */
export type ConnectionsListResult = ConnectionList;
