import type { Rule, RuleContext } from './rule';
import { checkDuplicateUrls } from './duplicateUrl';
import { PortCheck, WEBUI_PORT } from './ports';
import { checkClientUrl, type UrlCheck } from './urls';
import { Runtime, startup, type Startup } from './runtime';

/**
 * The endpoints rule: where the adapters of `network` listen and connect, judged the way NapCat's
 * code uses the values (facts §5–§7): the `ws` library for WebSocket clients (WHATWG URL,
 * http→ws), a plain `http`/`https` request for HTTP clients (HTTPS only when the text starts with
 * `https://`), Node's `listen` for servers. Linear: one pass over the endpoints, maps keyed by port
 * and URL. This file runs the checks over what NapCat starts; each code family has its module:
 *
 * - `napcat.url-*` (client URLs) — `urls.ts`
 * - `napcat.port-range`, `napcat.port-conflict`, `napcat.webui-port`, `napcat.account-port-conflict` — `ports.ts`
 * - `napcat.duplicate-url` — `duplicateUrl.ts`
 */
export const endpointsRule: Rule = {
  id: 'endpoints',
  check(ctx) {
    const run = new EndpointCheck(ctx);
    const ports = new PortCheck(ctx, run.rt, run.start, run.webuiPort, run.webuiFile);
    for (const e of run.start.endpoints) {
      if (e.role === 'client') checkClientUrl(run, e);
      else ports.serverPort(e);
    }
    ports.bindings();
    checkDuplicateUrls(ctx, run.start);
  },
};

/** What the checks share: the runtime's reading of values, what starts, the WebUI port (every check reads URLs with `readUrl`, which parses each text once). */
class EndpointCheck implements UrlCheck {
  readonly rt: Runtime;
  readonly start: Startup;
  /** The WebUI port: from the folder's webui.json, else NapCat's default. */
  readonly webuiPort: number;
  readonly webuiFile: string | undefined;

  constructor(readonly ctx: RuleContext) {
    this.rt = new Runtime(ctx.version);
    this.start = startup(ctx.model);
    this.webuiPort = ctx.siblings.webuiPort?.port ?? WEBUI_PORT;
    this.webuiFile = ctx.siblings.webuiPort?.file;
  }
}
