import { list, text, type Catalogue, type Message, type Text, type TextArg, type TextList } from '../i18n';
import type { LegacyConnectionData, Range, RelatedInfo, Severity } from '../findings';
import { isObject, propMap, valueOf, type Prop } from '../json/nodes';
import type { JsonNode } from '../json/parse';
import { effectiveValue, type Adapter, type ConfigModel, type LegacyConnection, type LegacyPart } from '../model';
import { KINDS, LEAKED_KEYS, LEGACY_SHARED_KEYS } from '../schema';
import { atLeast, formatVersion, type Version } from '../version';
import type { Rule } from './rule';

/**
 * `napcat.legacy-config`: one finding per legacy shape in the file (facts §2): F0 flat keys, the L1
 * `http`/`ws`/`reverseWs` sections, a bare `reverseWs` list, `reverseWs.connections`. The message
 * says what the target NapCat version does with it (reads it, converts it, loses parts of it,
 * throws, or ignores it) and which connections therefore start or not.
 *
 * Severity: `info` when the target version reads or converts the shape without loss (and for dead
 * config: nothing enabled, no URL listed, such as NapCat's own default template); `warning` when
 * nothing that was enabled is lost (a leftover already mirrored in `network`, disabled URLs, a
 * lossy conversion that only loses cosmetic settings); `error` when an enabled connection does not
 * start or NapCat fails to load the file.
 */

const M = {
  headF0: 'This is the flat config format of NapCat v1.0–v1.3.3 (enableHttp, wsReverseUrls, …).',
  headL1: 'This is the legacy config format of NapCat v1.3.5–v4.0 (http / ws / reverseWs).',
  headList: '`reverseWs` is written as a bare list of URLs, a shape from user write-ups that no NapCat version reads.',
  headConnections: '`reverseWs.connections` is a shape from user write-ups that no NapCat version reads.',
  f0Native: 'The target version ({target}) reads it; NapCat v1.3.5–v1.5.x converts it to the nested format at start, and v1.6.0 and later ignore it.',
  f0Migrated: 'The target version ({target}) converts it to the nested format (http / ws / reverseWs) at start; v1.6.0 and later ignore it.',
  f0Ignored: 'NapCat ignores it since v1.6.0.',
  f0Emptied: 'NapCat v4.1.0–v4.3.x does not recognise it and turns the file into an empty config.',
  l1TooOld: 'NapCat before v1.3.5 reads only the flat format and ignores it.',
  l1Native: 'The target version ({target}) reads it; but NapCat v4.1.0–v4.3.x converts it with data loss and v4.4.0 and later ignore it: rewrite it as `network` before upgrading.',
  l1Migrated: 'NapCat v4.1.0–v4.3.x converts it to `network` at start (nothing in this file is lost); v4.4.0 and later ignore it, so rewrite it as `network` now.',
  l1Lossy: 'NapCat v4.1.0–v4.3.x converts it to `network` at start and loses data: {losses}. v4.4.0 and later ignore it; rewrite it as `network`.',
  l1Ignored: 'Since v4.4.0 NapCat ignores it silently.',
  listOld: 'NapCat before v4.1.0 expects `reverseWs: { enable, urls }` instead.',
  listIgnored: 'Since v4.4.0 NapCat ignores `reverseWs` entirely.',
  crash: 'NapCat v4.1.0–v4.3.x takes any `http`, `ws` or `reverseWs` key for the legacy format and converts it at start; here the conversion throws a TypeError ({reason}), so the OneBot network does not start.',
  reasonNoWs: '`heartInterval` is set but there is no `ws` section',
  reasonNoUrls: '`reverseWs.urls` is not a list',
  lossSameName: 'the converted reverse WS connections all get the same name, so only the last one ({url}) connects',
  lossDupUrl: "{url} is listed twice and both copies get the name '{name}', so it connects only once",
  lossPost: '`http.postUrls` is dropped, so events are no longer POSTed to {list}',
  lossSecret: 'the HTTP server gets `http.secret` as its access token instead of `token`, so clients that send `token` are rejected (403)',
  lossSecretEmpty: 'the HTTP server gets the empty `http.secret` as its access token instead of `token`, so it accepts requests without authentication',
  lossHeart: '`heartInterval` ({ms} ms) is applied only to the WebSocket server; the reverse WS connections fall back to 30000 ms',
  lossNetwork: 'the `network` section of this file is discarded',
  lossNetworkEntries: 'the `network` section of this file is discarded, so {list} do not start',
  started: 'It starts: {list}.',
  notStarted: 'None of these starts: {list}.',
  noCounterpart: 'These have no counterpart in `network` and do not start: {list}.',
  rewrite: 'Rewrite them as `network` entries.',
  covered: 'Every enabled connection in it also exists in `network`, so it is only a leftover: delete it to avoid confusion.',
  allDisabled: 'It lists {list}, all disabled: nothing is lost, but nothing here will ever start.',
  dead: 'Nothing in it is enabled or configured: it is dead config that NapCat ignores, safe to delete.',
  connReverse: 'reverse WS {url}',
  connPost: 'HTTP POST {url}',
  connHttp: 'HTTP server {address}',
  connWs: 'WebSocket server {address}',
  more: '{n} more',
  lossSeparator: '; ',
  relatedKey: "'{key}' is part of the same legacy config",
  relatedLost: '{path}: this connection does not start',
} satisfies Catalogue<string>;


/** Related locations listed for connections that do not start; the message counts all of them. */
const MAX_RELATED_LOST = 20;

export const legacyRule: Rule = {
  id: 'legacy',
  check(ctx) {
    const { model, version } = ctx;
    if (model.legacy.length === 0) return;
    // The top-level runtime keys (token, heartInterval, …) belong to the L1 part, else to F0.
    const owner = model.legacy.find((p) => p.form === 'L1') ?? model.legacy.find((p) => p.form === 'F0');
    for (const part of model.legacy) {
      const verdict = judge(part, model, version);
      const props = [...part.props].sort((a, b) => a.keyNode.offset - b.keyNode.offset);
      const first = props[0];
      if (!first) continue;
      const related: RelatedInfo[] = props.slice(1).map((p) => ({
        range: rangeOf(p.keyNode),
        message: M.relatedKey,
        args: { key: p.key },
      }));
      // A list of thousands of URLs: point at the first ones (the message already counts them all).
      for (const c of verdict.lost.slice(0, MAX_RELATED_LOST)) {
        if (c.url !== undefined && c.node.type === 'string') {
          related.push({ range: rangeOf(c.node), message: M.relatedLost, args: { path: c.path } });
        }
      }
      const top = model.topLevel;
      ctx.report({
        code: 'napcat.legacy-config',
        severity: verdict.severity,
        range: rangeOf(first.keyNode),
        message: verdict.parts[0].message,
        ...(verdict.parts[0].args && { args: verdict.parts[0].args }),
        ...(verdict.parts.length > 1 && { sentences: verdict.parts.slice(1) }),
        related,
        data: {
          form: part.form,
          keys: props.map((p) => p.key),
          sharedKeys: part === owner ? LEGACY_SHARED_KEYS.filter((k) => top.has(k)) : [],
          leakedKeys: part === owner && part.form === 'L1' ? LEAKED_KEYS.filter((k) => top.has(k)) : [],
          settings: part === owner ? settingsOf(part, top) : {},
          network: isObject(model.network?.value),
          connections: part.connections.map((c) => connectionData(c, model, version)),
        },
      });
    }
  },
};

interface Verdict {
  readonly severity: Severity;
  readonly parts: readonly Text[];
  /** Enabled connections that do not start (for related information). */
  readonly lost: readonly LegacyConnection[];
}

/** What the target version does with one legacy part, as message parts and a severity. */
function judge(part: LegacyPart, model: ConfigModel, version: Version): Verdict {
  const target = { target: formatVersion(version) };
  const head = text({ F0: M.headF0, L1: M.headL1, 'reverseWs-list': M.headList, 'reverseWs-connections': M.headConnections }[part.form]);
  const v41to43 = atLeast(version, '4.1.0') && !atLeast(version, '4.4.0');

  switch (part.form) {
    case 'F0':
      if (!atLeast(version, '1.3.5')) return works(head, text(M.f0Native, target), part);
      if (!atLeast(version, '1.6.0')) return works(head, text(M.f0Migrated, target), part);
      // v4.1–v4.3 convert files that have http/ws/reverseWs; a file with only flat keys (and no
      // network) is not recognised and becomes an empty config.
      if (v41to43 && model.legacy.length === 1 && !isObject(model.network?.value)) {
        return ignored(head, text(M.f0Emptied), part, model, version);
      }
      return ignored(head, text(M.f0Ignored), part, model, version);
    case 'L1':
      if (!atLeast(version, '1.3.5')) return ignored(head, text(M.l1TooOld), part, model, version);
      if (!atLeast(version, '4.1.0')) return works(head, text(M.l1Native, target), part);
      if (v41to43) return migrated(head, part, model, version);
      return ignored(head, text(M.l1Ignored), part, model, version);
    case 'reverseWs-list':
      if (v41to43) return crashed(head, M.reasonNoUrls);
      if (!atLeast(version, '4.1.0')) return ignored(head, text(M.listOld), part, model, version);
      return ignored(head, text(M.listIgnored), part, model, version);
    case 'reverseWs-connections':
      // v4.1–v4.3 run their conversion on any `reverseWs` key and call `reverseWs.urls.map`.
      if (v41to43) return crashed(head, M.reasonNoUrls);
      return ignored(head, undefined, part, model, version);
  }
}

/** The target version reads or converts this part without loss. */
function works(head: Text, behaviour: Text, part: LegacyPart): Verdict {
  const on = part.connections.filter((c) => c.enabled);
  const parts: Text[] = [head, behaviour];
  if (on.length > 0) parts.push(text(M.started, { list: connList(on) }));
  return { severity: 'info', parts, lost: [] };
}

function crashed(head: Text, reason: Message): Verdict {
  return { severity: 'error', parts: [head, text(M.crash, { reason: text(reason) })], lost: [] };
}

/**
 * The target version does not start this part. Compared with `network` entries of the same kind
 * and URL (clients) or port (servers), when the target reads `network`: enabled connections
 * without an enabled counterpart are lost (error); otherwise the part is a leftover (warning) or
 * dead config (info).
 */
function ignored(head: Text, behaviour: Text | undefined, part: LegacyPart, model: ConfigModel, version: Version): Verdict {
  const parts: Text[] = behaviour ? [head, behaviour] : [head];
  // NapCat reads `network` only since v4.1.0: before, a counterpart there does not help.
  const hasNetwork = isObject(model.network?.value) && atLeast(version, '4.1.0');
  const enabled = part.connections.filter((c) => c.enabled);
  const lost = enabled.filter((c) => !(hasNetwork && counterpartOf(c, model, version)?.enabled));
  if (lost.length > 0) {
    parts.push(text(hasNetwork ? M.noCounterpart : M.notStarted, { list: connList(lost) }));
    parts.push(text(M.rewrite));
    return { severity: 'error', parts, lost };
  }
  if (enabled.length > 0) return { severity: 'warning', parts: [...parts, text(M.covered)], lost };
  const listed = part.connections.filter((c) => KINDS[c.kind].role === 'client');
  if (listed.length > 0) {
    return { severity: 'warning', parts: [...parts, text(M.allDisabled, { list: connList(listed) })], lost };
  }
  return { severity: 'info', parts: [...parts, text(M.dead)], lost };
}

/**
 * L1 under v4.1.0–v4.3.x: NapCat's own conversion (facts §5) with the losses that apply to this
 * file. Error when the conversion throws or an enabled connection is lost; warning when only
 * settings are lost; info when nothing is.
 */
function migrated(head: Text, part: LegacyPart, model: ConfigModel, version: Version): Verdict {
  const top = model.topLevel;
  const get = (obj: Prop | undefined, key: string) => valueOf(propMap(obj?.value).get(key)?.value);
  const http = top.get('http');
  const ws = top.get('ws');
  const rws = top.get('reverseWs');
  const heart = valueOf(top.get('heartInterval')?.value);

  // The conversion throws before anything starts.
  if (rws && !(isObject(rws.value) && propMap(rws.value).get('urls')?.value?.type === 'array')) {
    return crashed(head, M.reasonNoUrls);
  }
  if (heart && !valueOf(ws?.value)) return crashed(head, M.reasonNoWs);

  const losses: Text[] = [];
  let breaking = false;
  const reverse = part.connections.filter((c) => c.kind === 'websocketClients');
  const reverseOn = reverse.length > 0 && reverse[0].enabled;
  if (!atLeast(version, '4.2.10')) {
    if (reverse.length >= 2) {
      const last = reverse[reverse.length - 1];
      losses.push(text(M.lossSameName, { url: last.url ?? last.path }));
      breaking ||= reverseOn;
    }
  } else {
    const urls = reverse.map((c) => c.url);
    reverse.forEach((c, i) => {
      const firstAt = urls.indexOf(c.url);
      if (firstAt !== i) losses.push(text(M.lossDupUrl, { url: c.url ?? c.path, name: `websocket-client-${firstAt}` }));
    });
  }
  const posts = part.connections.filter((c) => c.kind === 'httpClients');
  if (posts.length > 0) {
    losses.push(text(M.lossPost, { list: list(posts.map((c) => c.url ?? c.path)) }));
    breaking ||= posts[0].enabled;
  }
  if (isObject(http?.value)) {
    const secret = str(get(http, 'secret')) ?? '';
    const token = str(valueOf(top.get('token')?.value)) ?? '';
    if (secret !== token) {
      losses.push(text(secret === '' ? M.lossSecretEmpty : M.lossSecret));
      breaking ||= part.connections.some((c) => c.kind === 'httpServers' && c.enabled);
    }
  }
  if (heart && Number(heart) !== 30000 && reverse.length > 0) losses.push(text(M.lossHeart, { ms: String(heart) }));
  if (isObject(model.network?.value)) {
    const on = model.adapters.filter((a) => a.origin === 'network' && a.enabled);
    if (on.length > 0) {
      losses.push(text(M.lossNetworkEntries, { list: list(on.map((a) => `${a.kind}[${a.index}]`)) }));
      breaking = true;
    } else losses.push(text(M.lossNetwork));
  }

  if (losses.length === 0) return works(head, text(M.l1Migrated), part);
  const losses$ = { losses: list(losses, M.lossSeparator) };
  return { severity: breaking ? 'error' : 'warning', parts: [head, text(M.l1Lossy, losses$)], lost: [] };
}

/** The `network` entry that does the job of a legacy connection, preferring an enabled one. */
function counterpartOf(c: LegacyConnection, model: ConfigModel, version: Version): Adapter | undefined {
  const matches = model.adapters.filter((a) => {
    if (a.origin !== 'network' || a.kind !== c.kind) return false;
    if (KINDS[c.kind].role === 'client') {
      return c.url !== undefined && normalizeUrl(String(effectiveValue(a, 'url', version))) === normalizeUrl(c.url);
    }
    return c.port !== undefined && effectiveValue(a, 'port', version) === c.port;
  });
  return matches.find((a) => a.enabled) ?? matches[0];
}

/** Scheme and host are case-insensitive and a trailing slash rarely matters to bot frameworks. */
function normalizeUrl(url: string): string {
  const t = url.trim();
  try {
    const u = new URL(t);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return t.replace(/\/+$/, '');
  }
}

/** A connection as carried in `data` (plain JSON): everything the rebuild quick fix needs. */
function connectionData(c: LegacyConnection, model: ConfigModel, version: Version): LegacyConnectionData {
  const cp = counterpartOf(c, model, version);
  return {
    kind: c.kind,
    enabled: c.enabled,
    ...(c.url !== undefined ? { url: c.url } : {}),
    ...(c.host !== undefined ? { host: c.host } : {}),
    ...(c.port !== undefined ? { port: c.port } : {}),
    path: c.path,
    counterpart: cp ? { kind: cp.kind, index: cp.index, enabled: cp.enabled } : null,
    ...(c.path.startsWith('reverseWs.connections') ? { entry: valueOf(c.node) } : {}),
  };
}

/** The runtime settings every legacy adapter shared, under their N4 meaning (`secret`: HTTP POST signing). */
function settingsOf(part: LegacyPart, top: ReadonlyMap<string, Prop>): Record<string, unknown> {
  const v = (k: string) => valueOf(top.get(k)?.value);
  const http = propMap(top.get('http')?.value);
  const out: Record<string, unknown> = {
    token: v('token'),
    heartInterval: v('heartInterval'),
    messagePostFormat: v('messagePostFormat'),
    reportSelfMessage: v('reportSelfMessage'),
    debug: v('debug'),
    secret: part.form === 'L1' ? valueOf(http.get('secret')?.value) : v('httpSecret'),
    enableHeart: part.form === 'L1' ? valueOf(http.get('enableHeart')?.value) : v('enableHttpHeart'),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

const LIST_MAX = 4;

/** A short list such as `reverse WS ws://a/x, HTTP server :3000 and 2 more`. */
function connList(conns: readonly LegacyConnection[]): TextList {
  const items: TextArg[] = conns.slice(0, LIST_MAX).map((c) => connText(c));
  if (conns.length > LIST_MAX) items.push(text(M.more, { n: conns.length - LIST_MAX }));
  return list(items);
}

function connText(c: LegacyConnection): Text {
  const url = c.url ?? c.path;
  const address = `${c.host ?? ''}:${c.port ?? ''}`;
  switch (c.kind) {
    case 'httpClients':
      return text(M.connPost, { url });
    case 'httpServers':
    case 'httpSseServers':
      return text(M.connHttp, { address });
    case 'websocketServers':
      return text(M.connWs, { address });
    default:
      return text(M.connReverse, { url });
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function rangeOf(node: JsonNode): Range {
  return { offset: node.offset, length: node.length };
}

