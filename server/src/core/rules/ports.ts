import type { Catalogue } from '../i18n';
import type { Range, RelatedInfo } from '../findings';
import { hostPort, readUrl } from '../text/urls';
import type { SiblingServer } from '../siblings';
import type { RuleContext } from './rule';
import { Runtime, anchorOf, hostScope, isBindablePort, rangeOf, type Endpoint, type Startup } from './runtime';

/**
 * `napcat.port-range`, `napcat.port-conflict`, `napcat.webui-port` (for servers) and
 * `napcat.account-port-conflict`: where the servers of `network` listen, judged the way Node's
 * `listen` takes the values, in the order NapCat binds them (facts §5). Folder facts
 * (`ctx.siblings`): the WebUI port of `webui.json` replaces the default 6099, and the other
 * accounts' servers are checked against this file's. The fixes (a free port) are in
 * `service/fixes/ports.ts`; `FreePorts` finds the port they suggest.
 */

/** NapCat's WebUI listens here by default (facts §1). */
export const WEBUI_PORT = 6099;

const M = {
  // --- port-range
  portOutOfRange: 'Port {port} is outside 1–65535: Node.js rejects it (ERR_SOCKET_BAD_PORT) and this server does not start.',
  portNotInteger: 'Port {port} is not a whole number: Node.js rejects it (ERR_SOCKET_BAD_PORT) and this server does not start.',
  portZero: 'Port 0 makes the system pick a random free port at every start: the server starts, but no framework can know where to connect.',
  // --- port-conflict
  portConflict: 'Port {port} is already taken: `{other}` ({otherKind}) listens on {otherAddress}, and NapCat binds it first. This server ({address}) fails to start with EADDRINUSE.',
  portConflictReplaced: 'Port {port} is held by the `websocketServers` entry `{other}`. Another enabled adapter with that name replaces it, but a WebSocket server binds its port as soon as NapCat creates it, so it keeps {otherAddress} (and closes every connection). This server ({address}) fails to start with EADDRINUSE.',
  portHolder: '`{other}` listens on {otherAddress}.',
  // --- webui-port
  webuiServer: '6099 is the default port of NapCat’s WebUI, which normally starts before the OneBot adapters (it serves the login page). Unless webui.json moves the WebUI elsewhere, this server fails to start with EADDRINUSE.',
  webuiServerFile: 'Port {port} is the WebUI port set in {file}. NapCat’s WebUI normally starts before the OneBot adapters (it serves the login page), so this server fails to start with EADDRINUSE.',
  // --- account-port-conflict
  accountConflict: 'Port {port} is also bound by `{other}` ({otherKind}, {otherAddress}) in {otherFile}, the config of another QQ account in this folder. Two NapCat processes cannot listen on one port: whichever account starts second fails to start its server with EADDRINUSE, so which one fails depends on the order the accounts start in.',
} satisfies Catalogue<string>;

export class PortCheck {
  private free: FreePorts | undefined;
  /** Servers of the other accounts' configs, by port. */
  private readonly accountPorts = new Map<number, { file: string; server: SiblingServer }[]>();

  constructor(
    private readonly ctx: RuleContext,
    private readonly rt: Runtime,
    private readonly start: Startup,
    /** The WebUI port: from the folder's webui.json, else NapCat's default. */
    private readonly webuiPort: number,
    private readonly webuiFile: string | undefined,
  ) {
    for (const account of ctx.siblings.accounts ?? []) {
      for (const server of account.servers) {
        let list = this.accountPorts.get(server.port);
        if (!list) this.accountPorts.set(server.port, (list = []));
        list.push({ file: account.file, server });
      }
    }
  }

  /** `napcat.port-range`: a written port Node's `listen` rejects (or 0). */
  serverPort(e: Endpoint): void {
    const node = e.port?.value;
    if (!node) return; // the default port is valid
    const port = this.rt.listenPort(e);
    if (port === undefined || isBindablePort(port)) return; // not a number at all: the values rule reports it
    const message = !Number.isInteger(port) ? M.portNotInteger : port === 0 ? M.portZero : M.portOutOfRange;
    this.ctx.report({
      code: 'napcat.port-range',
      severity: 'error',
      range: rangeOf(node),
      message,
      args: { port: String(port) },
    });
  }

  /**
   * Port conflicts and the WebUI port among the servers that bind at start. A WebSocket server
   * binds in its constructor, during registration, so every enabled one binds (even when a
   * same-named adapter replaces it) and before any HTTP server, which binds when NapCat opens the
   * adapters that survived registration (facts §5).
   */
  bindings(): void {
    const { registered, opened, replaced } = this.start;
    // Who holds a port: on every interface, first of any host, and per specific host (few hosts,
    // many ports: one map of ports per host, nothing allocated per server).
    const all = new Map<number, Endpoint>();
    const first = new Map<number, Endpoint>();
    const specific = new Map<string, Map<number, Endpoint>>();
    const bind = (e: Endpoint) => {
      const port = this.rt.listenPort(e);
      const host = this.rt.listenHost(e);
      if (port === undefined || host === undefined || !isBindablePort(port)) return;
      const key = hostKey(host);
      let ports = key === '*' ? undefined : specific.get(key);
      if (!ports && key !== '*') specific.set(key, (ports = new Map()));
      const holder = ports ? (all.get(port) ?? ports.get(port)) : first.get(port);
      if (holder) {
        // The conflict is the error to fix; a WebUI remark on the same server would only repeat it.
        this.conflict(e, host, port, holder, replaced.has(holder));
        return; // it failed to bind: it holds nothing
      }
      if (!first.has(port)) first.set(port, e);
      if (ports) ports.set(port, e);
      else all.set(port, e);
      if (port === this.webuiPort) {
        const suggestion = this.suggest(e, port);
        this.ctx.report({
          code: 'napcat.webui-port',
          severity: 'warning',
          range: portRange(e),
          message: this.webuiFile === undefined ? M.webuiServer : M.webuiServerFile,
          ...(this.webuiFile === undefined ? {} : { args: { port, file: this.webuiFile } }),
          ...(suggestion ? { data: { port: suggestion } } : {}),
        });
      }
      this.otherAccounts(e, host, port);
    };
    for (const e of registered) if (e.kind === 'websocketServers') bind(e);
    for (const e of registered) if (e.role === 'server' && e.kind !== 'websocketServers' && opened.has(e)) bind(e);
  }

  /**
   * The first server of each other account that binds the same port on an overlapping host.
   * `data`: the shared `port`, the other account's file (`otherFile`) and, for the quick fix, the
   * next port above it that no server of this file or of the other accounts uses and that is not
   * the WebUI's (`freePort`; absent past 65535).
   */
  private otherAccounts(e: Endpoint, host: string, port: number): void {
    const list = this.accountPorts.get(port);
    if (!list) return;
    const key = hostKey(host);
    const seen = new Set<string>();
    for (const { file, server } of list) {
      if (seen.has(file)) continue;
      const other = hostKey(server.host);
      if (key !== '*' && other !== '*' && key !== other) continue;
      seen.add(file);
      // Free in this file, in every other account's servers and away from the WebUI port.
      const freePort = this.suggest(e, port);
      this.ctx.report({
        code: 'napcat.account-port-conflict',
        severity: 'warning',
        range: anchorOf(e, [e.port]),
        message: M.accountConflict,
        args: { port, other: server.name, otherKind: server.kind, otherAddress: address(server.host, port), otherFile: file },
        data: { port, otherFile: file, ...(freePort ? { freePort } : {}) },
      });
    }
  }

  private conflict(e: Endpoint, host: string, port: number, holder: Endpoint, holderReplaced: boolean): void {
    const holderHost = this.rt.listenHost(holder) ?? '';
    const args = {
      port,
      other: holder.adapter.effectiveName,
      otherKind: holder.kind,
      otherAddress: address(holderHost, port),
      address: address(host, port),
    };
    const related: RelatedInfo[] = [{ range: portRange(holder), message: M.portHolder, args }];
    const suggestion = this.suggest(e, port);
    this.ctx.report({
      code: 'napcat.port-conflict',
      severity: 'error',
      range: portRange(e),
      message: holderReplaced ? M.portConflictReplaced : M.portConflict,
      args,
      related,
      ...(suggestion ? { data: { port: suggestion } } : {}),
    });
  }

  private suggest(e: Endpoint, port: number): number | undefined {
    this.free ??= new FreePorts(this.start.endpoints, this.rt, [this.webuiPort, ...this.accountPorts.keys()]);
    return this.free.next(e, port);
  }

}

function portRange(e: Endpoint): Range {
  return anchorOf(e, [e.port, e.host]);
}

function hostKey(host: string): string {
  if (host === '127.0.0.1') return host;
  if (hostScope(host) === 'all') return '*';
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === 'localhost.' ? '127.0.0.1' : h;
}

function address(host: string, port: number): string {
  return hostPort(host === '' ? '*' : host, port);
}

/**
 * Next free port above a given one, skipping every port the file mentions (servers of any state,
 * explicit ports of client URLs, the WebUI's 6099), the folder's (WebUI port of webui.json, the
 * other accounts' servers) and every port already suggested. Amortised near-constant per query (a union-find "next free" structure with path compression).
 */
class FreePorts {
  private readonly next_ = new Map<number, number>();
  private readonly given = new Map<Endpoint, number | undefined>();

  constructor(endpoints: readonly Endpoint[], rt: Runtime, taken: Iterable<number>) {
    this.use(WEBUI_PORT);
    for (const p of taken) this.use(p);
    for (const e of endpoints) {
      if (e.role === 'client') {
        const raw = e.url?.raw;
        const port = typeof raw === 'string' ? readUrl(raw)?.port : undefined;
        if (port) this.use(Number(port));
      } else {
        const p = rt.listenPort(e);
        if (p !== undefined && isBindablePort(p)) this.use(p);
      }
    }
  }

  private use(p: number): void {
    this.next_.set(p, p + 1);
  }

  private find(p: number): number {
    let root = p;
    while (this.next_.has(root)) root = this.next_.get(root)!;
    // Path compression.
    while (p !== root) {
      const n = this.next_.get(p)!;
      this.next_.set(p, root);
      p = n;
    }
    return root;
  }

  /** A free port above `p` for `e` (then reserved; one per endpoint), or undefined past 65535. */
  next(e: Endpoint, p: number): number | undefined {
    if (this.given.has(e)) return this.given.get(e);
    let port: number | undefined = this.find(p + 1);
    if (port > 65535) port = undefined;
    else this.use(port);
    this.given.set(e, port);
    return port;
  }
}

