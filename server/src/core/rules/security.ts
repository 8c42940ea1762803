import type { Catalogue } from '../i18n';
import type { Rule } from './rule';
import { atLeast } from '../version';
import { hostPort } from '../text/urls';
import { Runtime, anchorOf, hostScope, startup } from './runtime';

const M = {
  openAll: 'This `{kind}` entry listens on every network interface ({address}) and has no token: anyone who can reach port {port} can use the OneBot API as this QQ account — send messages, read chats, manage groups and friends. Set a `token`, or listen on 127.0.0.1 if only programs on this machine connect (inside Docker the server needs 0.0.0.0: set a token).',
  openAddress: 'This `{kind}` entry listens on {address}, an address other machines can reach, and has no token: anyone who can reach it can use the OneBot API as this QQ account — send messages, read chats, manage groups and friends. Set a `token`, or listen on 127.0.0.1 if only programs on this machine connect.',
  openDefault: 'This `{kind}` entry has no `host`, so NapCat {version} listens on every network interface (0.0.0.0; the default is 127.0.0.1 only since v4.8.106), and it has no token: anyone who can reach port {port} can use the OneBot API as this QQ account — send messages, read chats, manage groups and friends. Set a `token`, or set `host` to 127.0.0.1 if only programs on this machine connect.',
} satisfies Catalogue<string>;

/**
 * `napcat.open-server`: a server NapCat opens at start (enabled, not replaced by a same-named
 * adapter) that listens beyond loopback with an empty token. The host is the written one or the
 * target version's default ('0.0.0.0' before v4.8.106). Data: `{ host, hostWritten, port }`;
 * never the token.
 */
export const securityRule: Rule = {
  id: 'security',
  check(ctx) {
    const { registered, opened } = startup(ctx.model);
    const rt = new Runtime(ctx.version);
    const newDefault = atLeast(ctx.version, '4.8.106');
    for (const e of registered) {
      if (e.role !== 'server' || !opened.has(e) || !rt.tokenEmpty(e)) continue;
      const host = rt.listenHost(e);
      if (host === undefined) continue;
      const scope = hostScope(host);
      if (scope === 'loopback') continue;
      const port = rt.listenPort(e) ?? '?';
      const hostWritten = e.host?.value !== undefined;
      const message = !hostWritten && !newDefault ? M.openDefault : scope === 'all' ? M.openAll : M.openAddress;
      ctx.report({
        code: 'napcat.open-server',
        severity: 'warning',
        range: anchorOf(e, [e.host, e.token, e.port]),
        message,
        args: { kind: e.kind, address: hostPort(host === '' ? '*' : host, port), port: String(port), version: rt.label },
        data: { host, hostWritten, port },
      });
    }
  },
};
