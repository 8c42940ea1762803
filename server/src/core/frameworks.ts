import type { Catalogue, Message, MessageArgs } from './i18n';

/**
 * The bot frameworks NapCat's clients talk to, and the paths they serve OneBot 11 on. One table
 * for every use: the names given to client entries (`fixes/names.ts`) and the advice on a URL
 * whose path a framework refused (log findings, `pathAdvice`).
 */
export interface Framework {
  /** Short id, used in generated names (`nonebot-8080`). */
  readonly id: string;
  /** As people write it. */
  readonly label: string;
  /** The path of its reverse WebSocket endpoint (what a websocketClients URL ends in). */
  readonly wsPath: string;
  /** Other paths of its OneBot adapter (HTTP POST routes, a classic mistake that names it). */
  readonly otherPaths: readonly string[];
  /** The port it listens on by default, when its path alone is too common to name it. */
  readonly port?: number;
}

export const FRAMEWORKS: readonly Framework[] = [
  { id: 'nonebot', label: 'NoneBot', wsPath: '/onebot/v11/ws', otherPaths: ['/onebot/v11', '/onebot/v11/http'] },
  { id: 'koishi', label: 'Koishi', wsPath: '/onebot', otherPaths: [] },
  { id: 'astrbot', label: 'AstrBot', wsPath: '/ws', otherPaths: [], port: 6199 },
  { id: 'yunzai', label: 'TRSS-Yunzai', wsPath: '/OneBotv11', otherPaths: [] },
];

/** The framework whose OneBot paths include `path` (compared without trailing slashes, case-insensitively). */
export function frameworkOfPath(path: string, port?: number): Framework | undefined {
  const p = path.replace(/\/+$/, '').toLowerCase();
  return FRAMEWORKS.find(
    (f) => (f.port === undefined || port === f.port) && [f.wsPath, ...f.otherPaths].some((q) => q.toLowerCase() === p),
  );
}

const M = {
  served: ' The path {path} is the one {framework} serves: the path looks right, so check that host and port lead to {framework} (and not to another program), and that its OneBot adapter is enabled.',
  trailingSlash: ' The URL ends in a slash: {framework} serves {served} without it. Remove the trailing slash.',
  classic: ' The URL ends in /onebot/v11, the classic mistake: NoneBot serves reverse WebSocket at /onebot/v11/ws. Add /ws to the URL.',
  httpRoute: ' {path} is an HTTP route of {framework}, not its WebSocket endpoint: use {served}.',
  noPath: ' The URL has no path, and frameworks serve OneBot on one ({paths}): the path of the URL is likely what is wrong. Add the path of your framework.',
  otherPath: ' The path {path} is none of the paths frameworks serve ({paths}), while host and port answered: the path of the URL is likely what is wrong.',
} satisfies Catalogue<string>;

export const FRAMEWORK_MESSAGES = M;

/** `NoneBot /onebot/v11/ws, Koishi /onebot, …`: the paths for a sentence (log findings and probe results). */
export function servedPaths(): string {
  return FRAMEWORKS.map((f) => `${f.label} ${f.wsPath}`).join(', ');
}

/**
 * Which part of a reverse WebSocket URL is likely wrong when the server answered its handshake
 * with a "wrong path" status (403, 404, 405): a sentence (starting with a space, to append to the
 * status's own sentence), or undefined when `path` is exactly a framework's WebSocket path and
 * `status` may just as well be a refused token (403).
 */
export function pathAdvice(path: string, status: number): { readonly message: Message; readonly args?: MessageArgs } | undefined {
  const exact = FRAMEWORKS.find((f) => f.wsPath === path);
  if (exact) return status === 403 ? undefined : { message: M.served, args: { path, framework: exact.label } };
  const bare = path.replace(/\/+$/, '');
  if (bare === '' || bare === '/') return { message: M.noPath, args: { paths: servedPaths() } };
  const slashed = FRAMEWORKS.find((f) => f.wsPath === bare);
  if (slashed) return { message: M.trailingSlash, args: { framework: slashed.label, served: slashed.wsPath } };
  if (bare.toLowerCase() === '/onebot/v11') return { message: M.classic };
  const owner = FRAMEWORKS.find((f) => f.otherPaths.some((q) => q.toLowerCase() === bare.toLowerCase()));
  if (owner) return { message: M.httpRoute, args: { path, framework: owner.label, served: owner.wsPath } };
  return { message: M.otherPath, args: { path, paths: servedPaths() } };
}
