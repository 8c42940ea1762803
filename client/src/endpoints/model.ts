import { KINDS, type ConfigInfo, type ConfigLogInfo, type EndpointInfo, type EndpointResult, type ProbeResult, type ProblemCounts } from '../../../server/src/lsp/protocol';

/**
 * What the NapCat view shows, as plain data: the tree of configs → kinds → entries with their
 * labels, descriptions, tooltips (Markdown), icons and context values, built from the server's
 * listing and the probe results. No `vscode` import: the view renders these nodes and owns none
 * of them, and the unit tests build them in plain Node.
 */

/** `vscode.l10n.t` with named arguments: the English text is the key, `{name}` placeholders. */
export type Translate = (message: string, args?: Readonly<Record<string, string | number>>) => string;

/** A probe result as the client keeps it: when it arrived, for the tooltip. */
export interface StoredResult extends EndpointResult {
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/** A codicon and an optional theme colour id. */
export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

interface NodeBase {
  /** Stable across refreshes (keeps expansion and selection). */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** Markdown, every text from the config escaped. */
  readonly tooltip: string;
  readonly icon?: IconSpec;
  readonly contextValue: string;
  /** What a screen reader says (and what the row's aria-label holds). */
  readonly accessibilityLabel: string;
  readonly uri: string;
}

export interface FileNode extends NodeBase {
  readonly type: 'file';
  readonly config: ConfigInfo;
  readonly children: readonly (GroupNode | EndpointNode)[];
}

export interface GroupNode extends NodeBase {
  readonly type: 'group';
  readonly kind: EndpointInfo['kind'];
  readonly children: readonly EndpointNode[];
}

export interface EndpointNode extends NodeBase {
  readonly type: 'endpoint';
  readonly endpoint: EndpointInfo;
  /** The last result that still applies to the entry as written now. */
  readonly result?: StoredResult;
  readonly running: boolean;
  /** The enable checkbox: present on managed entries, checked when `enable` is true. */
  readonly checked?: boolean;
}

export type TreeNode = FileNode | GroupNode | EndpointNode;

export interface TreeInput {
  readonly configs: Iterable<ConfigInfo>;
  readonly results: ReadonlyMap<string, StoredResult>;
  /** `resultKey`s of the entries being probed now. */
  readonly running: ReadonlySet<string>;
  /** `napcat.endpoints.groupByKind`. */
  readonly groupByKind: boolean;
}

/**
 * The tree items' `contextValue`s, which the menus of package.json match (`viewItem`): every
 * prefix names what an item offers, so a menu matches a family with a regular expression.
 */
export const CONTEXT = {
  /** A config: "Add Connection…", tests, logs. */
  file: 'napcat.file',
  /** A config with connections in legacy sections: it offers "Rebuild" too. */
  fileLegacy: 'napcat.file.legacy',
  /** A kind group: `napcat.group.<kind>` ("Add <kind>…"). */
  group: 'napcat.group',
  /** An entry of a `network` list that can be probed (its URL copied) and managed: NapCat connects to it. */
  endpointClient: 'napcat.endpoint.client',
  /** An entry of a `network` list that can be probed and managed: NapCat listens. */
  endpointServer: 'napcat.endpoint.server',
  /** A connection of a legacy section: probed, not managed ("Rebuild" turns it into an entry). */
  endpointLegacy: 'napcat.endpoint.legacy',
  /** A plugin: nothing to connect to; managed (rename, enable, delete…). */
  plugin: 'napcat.plugin',
} as const;

/** NapCat connects (clients) or listens (servers); plugins have no endpoint. */
export type KindRole = 'client' | 'server' | 'plugin';

/** The role of a kind, as the core's schema says. */
export function kindRole(kind: EndpointInfo['kind']): KindRole {
  return KINDS[kind].role;
}

/** Whether the entry is one the sidebar manages (an entry of a `network` list, not a legacy connection). */
export function isManaged(e: EndpointInfo): boolean {
  return !e.legacy;
}

/** The key of an entry's results. */
export function resultKey(uri: string, id: string): string {
  return `${uri}\n${id}`;
}

/** The stored result of `endpoint` if it was probed as written now (same fingerprint). */
export function currentResult(uri: string, endpoint: EndpointInfo, results: ReadonlyMap<string, StoredResult>): StoredResult | undefined {
  const r = results.get(resultKey(uri, endpoint.id));
  return r && r.fingerprint === endpoint.fingerprint ? r : undefined;
}

export type ResultState = 'pass' | 'warning' | 'error' | 'skipped';

/** How a result looks: pass, a pass worth a look (HTTP error status, unverified TLS), failure, or nothing tested. */
export function resultState(result: ProbeResult): ResultState {
  switch (result.kind) {
    case 'ok':
      return (result.httpStatus !== undefined && result.httpStatus >= 400) || result.tls?.verified === false ? 'warning' : 'pass';
    case 'skipped':
    case 'cancelled':
      return 'skipped';
    default:
      return 'error';
  }
}

const STATE_ICON: Readonly<Record<ResultState, IconSpec>> = {
  pass: { id: 'pass', color: 'testing.iconPassed' },
  warning: { id: 'warning', color: 'list.warningForeground' },
  error: { id: 'error', color: 'testing.iconFailed' },
  skipped: { id: 'circle-slash', color: 'disabledForeground' },
};

/** Milliseconds for people: one decimal under 10 ms, whole numbers above. */
export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : String(Math.round(ms))} ms`;
}

/** The short text of a result: the latency when it answered, else the server's label ("refused"). */
export function shortResult(result: EndpointResult): string {
  if (result.result.kind !== 'ok') return result.label;
  // "ok (account not checked)": the latency alone would hide what the test could not check.
  if (result.result.accountUnchecked) return `${result.label}, ${formatMs(result.result.latencyMs)}`;
  const status = result.result.httpStatus;
  return status !== undefined && status >= 400 ? `${formatMs(result.result.latencyMs)} (HTTP ${status})` : formatMs(result.result.latencyMs);
}

export function problemsText(p: ProblemCounts, t: Translate): string {
  const n = p.errors + p.warnings + p.infos + p.hints;
  if (n === 0) return t('no problems');
  return n === 1 ? t('1 problem') : t('{count} problems', { count: n });
}

/** The file's label: the account of `onebot11_<uin>.json`, else the file name. */
export function fileLabel(config: ConfigInfo): string {
  return config.uin ?? config.fileName;
}

/** Builds the whole tree: files sorted by label then URI, entries in file order. */
export function buildTree(input: TreeInput, t: Translate): FileNode[] {
  const configs = [...input.configs].sort((a, b) => compare(fileLabel(a), fileLabel(b)) || compare(a.uri, b.uri));
  return configs.map((config) => fileNode(config, input, t));
}

function fileNode(config: ConfigInfo, input: TreeInput, t: Translate): FileNode {
  const endpoints = config.endpoints.map((e) => endpointNode(config, e, input, t));
  let children: (GroupNode | EndpointNode)[] = endpoints;
  if (input.groupByKind) {
    const groups = new Map<string, EndpointNode[]>();
    for (const node of endpoints) {
      const list = groups.get(node.endpoint.kind) ?? [];
      list.push(node);
      groups.set(node.endpoint.kind, list);
    }
    children = [...groups.values()].map((nodes) => groupNode(config, nodes, t));
  }
  const label = fileLabel(config);
  let description = `${config.shapeLabel} · ${problemsText(config.problems, t)}`;
  if (config.log?.modified !== undefined) description += ` · ${t('log {time}', { time: clock(config.log.modified) })}`;
  return {
    type: 'file',
    id: `file:${config.uri}`,
    uri: config.uri,
    config,
    label,
    description,
    tooltip: fileTooltip(config, t),
    contextValue: config.endpoints.some((e) => e.legacy) ? CONTEXT.fileLegacy : CONTEXT.file,
    accessibilityLabel: `${label}, ${description}`,
    children,
  };
}

function groupNode(config: ConfigInfo, nodes: EndpointNode[], t: Translate): GroupNode {
  const first = nodes[0].endpoint;
  const description = `${first.kindLabel} · ${nodes.length}`;
  const tested = summarize(nodes.map((n) => n.result));
  return {
    type: 'group',
    id: `group:${config.uri}\n${first.kind}`,
    uri: config.uri,
    kind: first.kind,
    label: first.kind,
    description,
    tooltip: `**${escapeMarkdown(first.kind)}** — ${escapeMarkdown(first.kindLabel)}` + (tested.tested > 0 ? `\n\n${escapeMarkdown(summaryText(tested, t))}` : ''),
    contextValue: `${CONTEXT.group}.${first.kind}`,
    accessibilityLabel: `${first.kind}, ${description}`,
    children: nodes,
  };
}

function endpointNode(config: ConfigInfo, e: EndpointInfo, input: TreeInput, t: Translate): EndpointNode {
  const key = resultKey(config.uri, e.id);
  const running = input.running.has(key);
  const result = currentResult(config.uri, e, input.results);
  const parts: string[] = [];
  if (running) parts.push(t('testing…'));
  else if (result) parts.push(shortResult(result));
  else if (!e.enabled) parts.push(t('disabled'));
  if (e.log?.summary) parts.push(t('log: {facts}', { facts: e.log.summary }));
  if (e.legacy) parts.push(t('not started by NapCat {version}', { version: config.targetVersion }));
  if (e.endpoint) parts.push(e.endpoint);
  if (!input.groupByKind) parts.push(e.kindLabel);
  const description = parts.join(' · ');
  return {
    type: 'endpoint',
    id: `endpoint:${key}`,
    uri: config.uri,
    endpoint: e,
    result,
    running,
    label: e.name,
    description,
    tooltip: endpointTooltip(config, e, result, t),
    icon: endpointIcon(e, result, running),
    contextValue: endpointContext(e),
    accessibilityLabel: description ? `${e.name}, ${description}` : e.name,
    ...(isManaged(e) ? { checked: e.enabled } : {}),
  };
}

function endpointContext(e: EndpointInfo): string {
  if (e.legacy) return CONTEXT.endpointLegacy;
  const role = kindRole(e.kind);
  return role === 'plugin' ? CONTEXT.plugin : role === 'client' ? CONTEXT.endpointClient : CONTEXT.endpointServer;
}

function endpointIcon(e: EndpointInfo, result: StoredResult | undefined, running: boolean): IconSpec {
  if (running) return { id: 'loading~spin' };
  if (result) return STATE_ICON[resultState(result.result)];
  if (e.kind === 'plugins') return { id: 'extensions' };
  if (!e.enabled) return { id: 'circle-slash', color: 'disabledForeground' };
  // Untested, but NapCat's log shows it failing.
  if (e.log?.failing) return { id: 'warning', color: 'list.warningForeground' };
  if (!e.starts) return { id: 'circle-slash', color: 'list.warningForeground' };
  return { id: 'circle-large-outline' };
}

function fileTooltip(config: ConfigInfo, t: Translate): string {
  const p = config.problems;
  const lines = [
    `**${escapeMarkdown(config.fileName)}**`,
    '',
    `${t('Shape')}: ${escapeMarkdown(config.shapeLabel)}  `,
    `${t('NapCat version described')}: ${code(config.targetVersion)}  `,
    `${t('Account (X-Self-ID)')}: ${config.uin !== undefined ? code(config.uin) : escapeMarkdown(t('none in the file name'))}  `,
    `${t('Problems')}: ${escapeMarkdown(t('{errors} errors, {warnings} warnings, {infos} infos', { errors: p.errors, warnings: p.warnings, infos: p.infos + p.hints }))}  `,
    `${t('Adapters')}: ${config.endpoints.length}`,
  ];
  if (config.version !== undefined) lines.push('', escapeMarkdown(t('Read from the open editor, unsaved changes included.')));
  if (config.fileReasons.length > 0) lines.push('', ...config.fileReasons.map((r) => `- ${r}`));
  if (config.log) lines.push('', '---', '', ...logLines(config.log, t));
  return lines.join('\n');
}

/** Which NapCat log was read for the file, when, and where its summary is (or why none was read). */
function logLines(log: ConfigLogInfo, t: Translate): string[] {
  const lines: string[] = [];
  if (log.uri !== undefined && log.fileName !== undefined) {
    const when = t('written {modified}, read {read}', { modified: log.modified !== undefined ? clock(log.modified) : '?', read: log.readAt !== undefined ? clock(log.readAt) : '?' });
    lines.push(`**${escapeMarkdown(t('NapCat log'))}**: [${escapeMarkdown(log.fileName)}](${lineLink(log.uri, log.summary?.line)}) (${escapeMarkdown(when)})  `);
  } else lines.push(`**${escapeMarkdown(t('NapCat log'))}**: ${escapeMarkdown(t('none read'))}  `);
  lines.push(escapeMarkdown(log.note) + '  ');
  lines.push(`${escapeMarkdown(log.fromSetting ? t('Folder (setting napcat.logFolder)') : t('Folder'))}: ${code(log.folder)}`);
  return lines;
}

/** A `file:` link that opens the log at a 0-based line (VS Code reads `#L<line>`). */
function lineLink(uri: string, line: number | undefined): string {
  return line !== undefined ? `${uri}#L${line + 1}` : uri;
}

/** `10:41:07`, local time. */
function clock(ms: number): string {
  const at = new Date(ms);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

function endpointTooltip(config: ConfigInfo, e: EndpointInfo, result: StoredResult | undefined, t: Translate): string {
  const lines = [`**${escapeMarkdown(e.name)}** — ${escapeMarkdown(e.kindLabel)}`, ''];
  if (e.endpoint) lines.push(`${t('Endpoint')}: ${code(e.endpoint)}  `);
  if (e.kind !== 'plugins') {
    lines.push(`${t('Token')}: ${e.token ? code(e.token) : escapeMarkdown(t('none'))}  `);
    if (e.kind === 'websocketClients') lines.push(`X-Self-ID: ${e.uin !== undefined ? code(e.uin) : escapeMarkdown(t('none in the file name (setting napcat.selfId)'))}  `);
  }
  lines.push(`${t('Enabled')}: ${e.enabled ? t('yes') : t('no')}  `);
  lines.push(`${t('NapCat starts it')}: ${e.starts ? t('yes') : t('no')}`);
  // Reasons are written by the server in Markdown already (inline code for keys).
  if (e.reasons.length > 0) lines.push(...e.reasons.map((r) => `- ${r}`));
  lines.push('', `${escapeMarkdown(config.fileName)} · ${code(e.id)}`);
  if (result) {
    lines.push('', '---', '', `**${escapeMarkdown(t('Last test'))}** (${clock(result.at)}): ${escapeMarkdown(shortResult(result))}`, '', escapeMarkdown(result.detail));
  }
  if (e.log) {
    const head = `**${escapeMarkdown(t('NapCat log'))}**` + (e.log.summary ? `: ${escapeMarkdown(e.log.summary)}` : '');
    lines.push('', '---', '', head, '', ...e.log.details.map((d) => `- ${escapeMarkdown(d)}`));
    if (e.log.line !== undefined) lines.push('', `[${escapeMarkdown(t('Open the log at line {line}', { line: e.log.line + 1 }))}](${lineLink(e.log.uri, e.log.line)})`);
  }
  return lines.join('\n');
}

export interface Summary {
  /** Entries whose current result is ok. */
  readonly answering: number;
  /** Entries with a current result that says something about the endpoint (not skipped or cancelled). */
  readonly tested: number;
  readonly failing: number;
}

function summarize(results: Iterable<StoredResult | undefined>): Summary {
  let answering = 0;
  let tested = 0;
  let failing = 0;
  for (const r of results) {
    if (!r || r.result.kind === 'skipped' || r.result.kind === 'cancelled') continue;
    tested++;
    if (r.result.kind === 'ok') answering++;
    if (r.failed) failing++;
  }
  return { answering, tested, failing };
}

/** How many endpoints of the workspace answered at their last test (results that still apply). */
export function workspaceSummary(configs: Iterable<ConfigInfo>, results: ReadonlyMap<string, StoredResult>): Summary {
  const current: (StoredResult | undefined)[] = [];
  for (const c of configs) for (const e of c.endpoints) current.push(currentResult(c.uri, e, results));
  return summarize(current);
}

export function summaryText(s: Summary, t: Translate): string {
  return t('{answering} of {tested} tested endpoints answer; {failing} fail.', { answering: s.answering, tested: s.tested, failing: s.failing });
}

/** The status bar text: "NapCat 3/5" (answering / tested), or "NapCat" before any test. */
export function statusText(s: Summary): string {
  return s.tested > 0 ? `NapCat ${s.answering}/${s.tested}` : 'NapCat';
}

/** The entry whose range contains the position (the innermost, if entries nest). */
export function endpointAt(config: ConfigInfo, line: number, character: number): EndpointInfo | undefined {
  const inside = config.endpoints.filter((e) => contains(e.range, line, character));
  return inside.sort((a, b) => size(a.range) - size(b.range))[0];
}

type LspRange = EndpointInfo['range'];

function contains(r: LspRange, line: number, character: number): boolean {
  const afterStart = line > r.start.line || (line === r.start.line && character >= r.start.character);
  const beforeEnd = line < r.end.line || (line === r.end.line && character <= r.end.character);
  return afterStart && beforeEnd;
}

function size(r: LspRange): number {
  return (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
}

/** Text shown as is in Markdown (inline: emphasis, code, links, HTML and tables are neutralised). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const padding = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${text}${padding}${fence}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
