import type { Catalogue, Message, MessageArgs } from '../../i18n';
import type { FindingPayloads, Severity } from '../../findings';
import type { Prop } from '../../json/nodes';
import { ADAPTER_KINDS, LEGACY_SHARED_KEYS, type AdapterKind } from '../../schema';
import { suggestKey } from '../../text/suggest';
import { atLeast } from '../../version';
import { rangeOf, type ValueReporter } from './context';

/**
 * `napcat.unknown-key`, `napcat.unsupported-key` and `napcat.duplicate-key`: the keys NapCat does
 * not read where they are written (unknown, misplaced, a leftover, a legacy setting, a typo with
 * its suggestion), the keys newer than the target version, and keys written twice in one object.
 * Which top-level key is which comes from `classifyTopLevelKey` (schema.ts). The fixes are in
 * `service/fixes/keys.ts`.
 */
const M = {
  // --- unknown-key
  unknown: 'NapCat does not read the key `{key}` here and ignores it.',
  unknownSuggest: 'NapCat does not read the key `{key}` here and ignores it. Did you mean `{suggestion}`?',
  unknownDropped: 'NapCat does not read the key `{key}` here: it drops the key when it loads the file, and the next save from the WebUI removes it.',
  unknownDroppedSuggest: 'NapCat does not read the key `{key}` here: it drops the key when it loads the file, and the next save from the WebUI removes it. Did you mean `{suggestion}`?',
  kindAtTopLevel: '`{key}` belongs inside `network`: NapCat reads adapter lists only from `network.{kind}`, so none of the adapters listed here start.',
  fieldOfOtherKind: 'NapCat does not read `{key}` in a `{kind}` entry; only entries of {kinds} have it. This setting has no effect here.',
  leftover: '`{key}` at the top level is a harmless leftover written by NapCat v1.6.8–v1.8.x; NapCat ignores it and you can delete it.',
  legacyToken: 'The top-level `token` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Each adapter in `network` now has its own `token`: set it there.',
  legacyHeartInterval: 'The top-level `heartInterval` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Set `heartInterval` in each `websocketServers` and `websocketClients` entry instead.',
  legacyDebug: 'The top-level `debug` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Each adapter in `network` now has its own `debug`.',
  legacyMessagePostFormat: "The top-level `messagePostFormat` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Each adapter in `network` now has its own `messagePostFormat` (default 'array').",
  legacyReportSelfMessage: 'The top-level `reportSelfMessage` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Set `reportSelfMessage` in each adapter entry instead.',
  legacyGroupLocalTime: '`GroupLocalTime` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1 and has no replacement for it. You can delete it.',
  // --- unsupported-key
  unsupported: '`{key}` was added in NapCat {since}: NapCat {version} ignores it.',
  // --- duplicate-key
  duplicate: '`{key}` is written again later in this object. NapCat keeps only the last value (as every JSON reader does) and ignores this one.',
  duplicateWinner: 'NapCat uses this `{key}`.',
} satisfies Catalogue<string>;

const LEGACY_RUNTIME: Readonly<Record<(typeof LEGACY_SHARED_KEYS)[number], Message>> = {
  token: M.legacyToken,
  heartInterval: M.legacyHeartInterval,
  debug: M.legacyDebug,
  messagePostFormat: M.legacyMessagePostFormat,
  reportSelfMessage: M.legacyReportSelfMessage,
  GroupLocalTime: M.legacyGroupLocalTime,
};

/** Near misses that edit distance cannot find, keyed by normalised spelling (see suggestKey). */
const NETWORK_ALIASES: Readonly<Record<string, string>> = {
  reversews: 'websocketClients',
  reversewebsocket: 'websocketClients',
  wsreverse: 'websocketClients',
  reversewebsockets: 'websocketClients',
  wsclients: 'websocketClients',
  wsclient: 'websocketClients',
  ws: 'websocketServers',
  websocket: 'websocketServers',
  forwardws: 'websocketServers',
  wsservers: 'websocketServers',
  wsserver: 'websocketServers',
  http: 'httpServers',
  httpserver: 'httpServers',
  httppost: 'httpClients',
  post: 'httpClients',
  sse: 'httpSseServers',
  httpsse: 'httpSseServers',
  plugin: 'plugins',
};
const ENTRY_ALIASES: Readonly<Record<string, string>> = {
  accesstoken: 'token',
  secret: 'token',
  heartbeat: 'heartInterval',
  heartbeatinterval: 'heartInterval',
  heartbeatinterval_ms: 'heartInterval',
  reconnect: 'reconnectInterval',
  reconnectdelay: 'reconnectInterval',
  reportself: 'reportSelfMessage',
  reportselfmsg: 'reportSelfMessage',
  format: 'messagePostFormat',
  postformat: 'messagePostFormat',
  messageformat: 'messagePostFormat',
  msgformat: 'messagePostFormat',
  cors: 'enableCors',
  enabled: 'enable',
};

export class KeyChecks {
  private readonly suggestions = new Map<string, string | undefined>();

  constructor(private readonly r: ValueReporter) {}

  /** Reports a known key newer than the target; true when the target reads it. */
  supported(p: Prop, since: string | undefined): boolean {
    if (!since || atLeast(this.r.ctx.version, since)) return true;
    this.r.ctx.report({
      code: 'napcat.unsupported-key',
      severity: 'warning',
      range: rangeOf(p.keyNode),
      message: M.unsupported,
      args: { key: p.key, since: `v${since}`, version: this.r.version },
      data: { key: p.key, since },
      unnecessary: true,
    });
    return false;
  }

  /** A top-level runtime key of the old format (`token`, `heartInterval`, …) beside an N4 file. */
  legacySetting(p: Prop): void {
    this.unknownKey(p, LEGACY_RUNTIME[p.key as keyof typeof LEGACY_RUNTIME], {}, 'warning', { reason: 'legacy' });
  }

  /** `name` / `pathName` at the top level: written by NapCat v1.6.8–v1.8.x, harmless. */
  leftover(p: Prop): void {
    this.unknownKey(p, M.leftover, {}, 'hint', { reason: 'leftover' });
  }

  /**
   * A top-level key that is (or nearly spells) an adapter kind and holds a list: it belongs in
   * `network`. False when the key is not such a kind.
   */
  kindAtTopLevel(p: Prop): boolean {
    const kind = (ADAPTER_KINDS as readonly string[]).includes(p.key)
      ? (p.key as AdapterKind)
      : (this.suggest('kind', p.key, ADAPTER_KINDS, NETWORK_ALIASES) as AdapterKind | undefined);
    if (!kind || (p.value?.type !== 'array' && p.key !== kind)) return false;
    this.unknownKey(p, M.kindAtTopLevel, { kind }, 'warning', { reason: 'misplaced', target: `network.${kind}` });
    return true;
  }

  /** An adapter key that only other kinds have. */
  fieldOfOtherKind(p: Prop, kind: AdapterKind, kinds: readonly AdapterKind[]): void {
    this.unknownKey(p, M.fieldOfOtherKind, { kind, kinds: kinds.join(', ') }, 'warning', { reason: 'misplaced' });
  }

  /** A key NapCat does not read at this level, with the nearest known key (`level` names the candidates' cache). */
  unknown(p: Prop, level: string, candidates: readonly string[], aliases?: 'network' | 'entry'): void {
    const table = aliases === 'network' ? NETWORK_ALIASES : aliases === 'entry' ? ENTRY_ALIASES : undefined;
    const suggestion = this.suggest(level, p.key, candidates, table);
    const message = this.r.converts
      ? suggestion
        ? M.unknownDroppedSuggest
        : M.unknownDropped
      : suggestion
        ? M.unknownSuggest
        : M.unknown;
    this.unknownKey(
      p,
      message,
      suggestion ? { suggestion } : {},
      'warning',
      suggestion ? { reason: 'typo', suggestion } : { reason: 'unknown' },
    );
  }

  /** A key written again later in the same object: `winner` is the one NapCat keeps. */
  duplicate(p: Prop, winner: Prop): void {
    this.r.ctx.report({
      code: 'napcat.duplicate-key',
      severity: 'warning',
      range: rangeOf(p.keyNode),
      message: M.duplicate,
      args: { key: p.key },
      related: [{ range: rangeOf(winner.keyNode), message: M.duplicateWinner, args: { key: p.key } }],
      data: { key: p.key },
      unnecessary: true,
    });
  }

  private unknownKey(p: Prop, message: Message, args: MessageArgs, severity: Severity, data: Omit<FindingPayloads['napcat.unknown-key'], 'key'>): void {
    this.r.ctx.report({
      code: 'napcat.unknown-key',
      severity,
      range: rangeOf(p.keyNode),
      message,
      args: { key: p.key, ...args },
      data: { key: p.key, ...data },
      unnecessary: true,
    });
  }

  private suggest(
    level: string,
    key: string,
    candidates: readonly string[],
    aliases?: Readonly<Record<string, string>>,
  ): string | undefined {
    const cacheKey = `${level}\u0000${key}`;
    if (this.suggestions.has(cacheKey)) return this.suggestions.get(cacheKey);
    const s = suggestKey(key, candidates, aliases);
    this.suggestions.set(cacheKey, s);
    return s;
  }
}
