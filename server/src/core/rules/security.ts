import type { Catalogue } from '../i18n';
import type { Rule } from './rule';
import { atLeast } from '../version';
import { hostPort } from '../text/urls';
import { Runtime, anchorOf, hostScope, startup } from './runtime';

const M = {
  openAll: {
    en: 'This `{kind}` entry listens on every network interface ({address}) and has no token: anyone who can reach port {port} can use the OneBot API as this QQ account — send messages, read chats, manage groups and friends. Set a `token`, or listen on 127.0.0.1 if only programs on this machine connect (inside Docker the server needs 0.0.0.0: set a token).',
    'zh-cn':
      '此 `{kind}` 条目在所有网卡上监听（{address}），且没有设置 token：任何能访问端口 {port} 的人都可以通过 OneBot API 以此 QQ 账号的身份行事——发送消息、读取聊天记录、管理群和好友。请设置 `token`；如果只有本机程序连接，也可以改为监听 127.0.0.1（在 Docker 容器内服务端需要监听 0.0.0.0，请务必设置 token）。',
  },
  openAddress: {
    en: 'This `{kind}` entry listens on {address}, an address other machines can reach, and has no token: anyone who can reach it can use the OneBot API as this QQ account — send messages, read chats, manage groups and friends. Set a `token`, or listen on 127.0.0.1 if only programs on this machine connect.',
    'zh-cn':
      '此 `{kind}` 条目在 {address} 上监听，其他机器可以访问该地址，且没有设置 token：任何能访问它的人都可以通过 OneBot API 以此 QQ 账号的身份行事——发送消息、读取聊天记录、管理群和好友。请设置 `token`；如果只有本机程序连接，也可以改为监听 127.0.0.1。',
  },
  openDefault: {
    en: 'This `{kind}` entry has no `host`, so NapCat {version} listens on every network interface (0.0.0.0; the default is 127.0.0.1 only since v4.8.106), and it has no token: anyone who can reach port {port} can use the OneBot API as this QQ account — send messages, read chats, manage groups and friends. Set a `token`, or set `host` to 127.0.0.1 if only programs on this machine connect.',
    'zh-cn':
      '此 `{kind}` 条目没有设置 `host`，NapCat {version} 因此会在所有网卡上监听（0.0.0.0；直到 v4.8.106 默认值才改为 127.0.0.1），并且没有设置 token：任何能访问端口 {port} 的人都可以通过 OneBot API 以此 QQ 账号的身份行事——发送消息、读取聊天记录、管理群和好友。请设置 `token`；如果只有本机程序连接，也可以把 `host` 设为 127.0.0.1。',
  },
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
      const hostWritten = e.host?.prop.value !== undefined;
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
