import { createScanner, SyntaxKind, ScanError } from 'jsonc-parser';
import type { Catalogue, Message, MessageArgs } from '../i18n';
import type { Finding, Range, Severity } from '../findings';
import type { JsonNode } from '../json/parse';
import { propsOf, propMap, type Prop } from '../json/nodes';
import { coerce } from '../coerce';
import type { Adapter, Field } from '../model';
import {
  ADAPTER_KINDS,
  F0_KEYS,
  KINDS,
  L1_KEYS,
  LEAKED_KEYS,
  LEGACY_SHARED_KEYS,
  TIMEOUT_FIELDS,
  TOP_LEVEL_FIELDS,
  type AdapterKind,
  type FieldSpec,
  type FieldType,
} from '../schema';
import { suggestKey } from '../text/suggest';
import { atLeast, formatVersion } from '../version';
import type { Rule, RuleContext } from './rule';

const M = {
  // --- invalid-type, NapCat v4.17.44+ (TypeBox: convert, then check; a failure discards the file)
  invalidDiscard: {
    en: '`{key}` must be of type {type}, and NapCat cannot convert {written} to it. NapCat rejects the whole file when it loads it: the error is logged and no adapter starts.',
    'zh-cn':
      '`{key}` 应为 {type} 类型，而 NapCat 无法将 {written} 转换为该类型。NapCat 加载时会拒绝整个文件：只记录一条错误，所有适配器都不会启动。',
  },
  // --- invalid-type before v4.17.44 (no check at load: what the adapter gets depends on the release)
  oldCoercibleBool: {
    en: '`{key}` should be true or false, not {written}. NapCat {version} does not check types when it loads the file: depending on the release it reads this as {converted} or passes the string on as written, and any non-empty string counts as true. Write {converted}.',
    'zh-cn':
      '`{key}` 应为 true 或 false，而不是 {written}。NapCat {version} 加载配置时不检查类型：视具体版本，它会把该值读作 {converted}，或原样传给适配器——而任何非空字符串都会被当作 true。请直接写 {converted}。',
  },
  oldCoercible: {
    en: '`{key}` should be of type {type}, not {written}. NapCat {version} does not check types when it loads the file: depending on the release it converts this to {converted} or passes it on as written. Write {converted} so every version reads the same value.',
    'zh-cn':
      '`{key}` 应为 {type} 类型，而不是 {written}。NapCat {version} 加载配置时不检查类型：视具体版本，它会将其转换为 {converted}，或原样传给适配器。请直接写 {converted}，这样各版本读到的值都相同。',
  },
  oldCoercibleSecret: {
    en: '`{key}` should be a string. NapCat {version} does not check types when it loads the file: depending on the release it converts this value to a string or passes it on as written, and then no client can present a matching token. Write the token in quotes. (Token values are never shown here.)',
    'zh-cn':
      '`{key}` 应为字符串。NapCat {version} 加载配置时不检查类型：视具体版本，它会把该值转换为字符串，或原样传给适配器——那样任何客户端都无法提供匹配的 token。请用引号把 token 写成字符串。（此处不会显示 token 的值。）',
  },
  oldInvalidBool: {
    en: '`{key}` should be true or false, not {written}. NapCat {version} does not check types and passes the value on as written, where it counts as {truthy}. From v4.17.44 on, such a value makes NapCat reject the whole file.',
    'zh-cn':
      '`{key}` 应为 true 或 false，而不是 {written}。NapCat {version} 不检查类型，会把该值原样传给适配器，在那里它被当作 {truthy}。从 v4.17.44 起，这样的值会导致 NapCat 拒绝整个文件。',
  },
  oldInvalid: {
    en: '`{key}` should be of type {type}, not {written}. NapCat {version} does not check types and passes the value on as written, so this setting does not work as intended. From v4.17.44 on, such a value makes NapCat reject the whole file.',
    'zh-cn':
      '`{key}` 应为 {type} 类型，而不是 {written}。NapCat {version} 不检查类型，会把该值原样传给适配器，因此这项设置无法按预期生效。从 v4.17.44 起，这样的值会导致 NapCat 拒绝整个文件。',
  },
  // --- invalid-type: structure
  rootNotObject: {
    en: 'A NapCat OneBot config must be an object (`{ … }`) with a `network` inside; NapCat cannot read {written}. No adapter starts.',
    'zh-cn': 'NapCat OneBot 配置必须是一个对象（`{ … }`），其中包含 `network`；NapCat 无法读取 {written}。不会启动任何适配器。',
  },
  networkNotObject: {
    en: '`network` must be an object (`{ … }`) holding one list per adapter kind; NapCat cannot read adapters from {written}. No adapter starts.',
    'zh-cn':
      '`network` 必须是一个对象（`{ … }`），每种适配器类型对应其中的一个列表；NapCat 无法从 {written} 中读取适配器。不会启动任何适配器。',
  },
  listObjectEmpty: {
    en: '`{key}` must be a list (`[ { … } ]`). NapCat replaces an object here with an empty list without any message: this adapter never starts. Put the object inside `[ ]`.',
    'zh-cn':
      '`{key}` 必须是列表（`[ { … } ]`）。NapCat 会把这里的对象悄悄替换成空列表：这个适配器永远不会启动。请把该对象放进 `[ ]` 中。',
  },
  listDiscard: {
    en: '`{key}` must be a list of adapter objects (`[ { … } ]`), not {written}. NapCat rejects the whole file when it loads it: the error is logged and no adapter starts.',
    'zh-cn':
      '`{key}` 必须是由适配器对象组成的列表（`[ { … } ]`），而不是 {written}。NapCat 加载时会拒绝整个文件：只记录一条错误，所有适配器都不会启动。',
  },
  listOld: {
    en: '`{key}` must be a list of adapter objects (`[ { … } ]`), not {written}. NapCat {version} does not check this: it cannot start any adapter from it, and setting up the network may fail at this point.',
    'zh-cn':
      '`{key}` 必须是由适配器对象组成的列表（`[ { … } ]`），而不是 {written}。NapCat {version} 不检查这一点：它无法从中启动任何适配器，网络配置的加载也可能在此处失败。',
  },
  entryDiscard: {
    en: 'Each entry of `{kind}` must be an object describing one adapter, not {written}. NapCat rejects the whole file when it loads it: the error is logged and no adapter starts.',
    'zh-cn':
      '`{kind}` 中的每一项都必须是描述一个适配器的对象，而不是 {written}。NapCat 加载时会拒绝整个文件：只记录一条错误，所有适配器都不会启动。',
  },
  entryOld: {
    en: 'Each entry of `{kind}` must be an object describing one adapter, not {written}. NapCat {version} does not check this and cannot start an adapter from it.',
    'zh-cn':
      '`{kind}` 中的每一项都必须是描述一个适配器的对象，而不是 {written}。NapCat {version} 不检查这一点，也无法据此启动适配器。',
  },
  // --- coerced-value (v4.17.44+)
  coerced: {
    en: '`{key}` is of type {type}: NapCat converts {written} to {converted} when it loads the file (and a save from the WebUI writes {converted}).',
    'zh-cn':
      '`{key}` 的类型是 {type}：NapCat 加载文件时会把 {written} 转换为 {converted}（通过 WebUI 保存时也会写成 {converted}）。',
  },
  coercedSecret: {
    en: '`{key}` is a string: NapCat converts this value to a string when it loads the file. (Token values are never shown here.)',
    'zh-cn': '`{key}` 的类型是字符串：NapCat 加载文件时会把该值转换为字符串。（此处不会显示 token 的值。）',
  },
  // --- unknown-key
  unknown: {
    en: 'NapCat does not read the key `{key}` here and ignores it.',
    'zh-cn': 'NapCat 不会读取此处的 `{key}`，该键会被忽略。',
  },
  unknownSuggest: {
    en: 'NapCat does not read the key `{key}` here and ignores it. Did you mean `{suggestion}`?',
    'zh-cn': 'NapCat 不会读取此处的 `{key}`，该键会被忽略。你是不是想写 `{suggestion}`？',
  },
  unknownDropped: {
    en: 'NapCat does not read the key `{key}` here: it drops the key when it loads the file, and the next save from the WebUI removes it.',
    'zh-cn': 'NapCat 不会读取此处的 `{key}`：加载文件时会直接丢弃该键，下次通过 WebUI 保存时它也会从文件中消失。',
  },
  unknownDroppedSuggest: {
    en: 'NapCat does not read the key `{key}` here: it drops the key when it loads the file, and the next save from the WebUI removes it. Did you mean `{suggestion}`?',
    'zh-cn':
      'NapCat 不会读取此处的 `{key}`：加载文件时会直接丢弃该键，下次通过 WebUI 保存时它也会从文件中消失。你是不是想写 `{suggestion}`？',
  },
  kindAtTopLevel: {
    en: '`{key}` belongs inside `network`: NapCat reads adapter lists only from `network.{kind}`, so none of the adapters listed here start.',
    'zh-cn': '`{key}` 应该放在 `network` 里面：NapCat 只从 `network.{kind}` 读取适配器列表，因此这里列出的适配器都不会启动。',
  },
  fieldOfOtherKind: {
    en: 'NapCat does not read `{key}` in a `{kind}` entry; only entries of {kinds} have it. This setting has no effect here.',
    'zh-cn': 'NapCat 不会读取 `{kind}` 条目中的 `{key}`，只有 {kinds} 的条目才有这个键。此设置在这里不起作用。',
  },
  leftover: {
    en: '`{key}` at the top level is a harmless leftover written by NapCat v1.6.8–v1.8.x; NapCat ignores it and you can delete it.',
    'zh-cn': '顶层的 `{key}` 是 NapCat v1.6.8–v1.8.x 写入的无害残留，NapCat 会忽略它，可以放心删除。',
  },
  legacyToken: {
    en: 'The top-level `token` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Each adapter in `network` now has its own `token`: set it there.',
    'zh-cn':
      '顶层的 `token` 属于旧版配置格式（v1.3.5–v4.0），NapCat 自 v4.1 起会忽略它。现在 `network` 中的每个适配器都有自己的 `token`，请在各适配器中设置。',
  },
  legacyHeartInterval: {
    en: 'The top-level `heartInterval` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Set `heartInterval` in each `websocketServers` and `websocketClients` entry instead.',
    'zh-cn':
      '顶层的 `heartInterval` 属于旧版配置格式（v1.3.5–v4.0），NapCat 自 v4.1 起会忽略它。请改为在每个 `websocketServers` 和 `websocketClients` 条目中设置 `heartInterval`。',
  },
  legacyDebug: {
    en: 'The top-level `debug` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Each adapter in `network` now has its own `debug`.',
    'zh-cn':
      '顶层的 `debug` 属于旧版配置格式（v1.3.5–v4.0），NapCat 自 v4.1 起会忽略它。现在 `network` 中的每个适配器都有自己的 `debug`。',
  },
  legacyMessagePostFormat: {
    en: "The top-level `messagePostFormat` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Each adapter in `network` now has its own `messagePostFormat` (default 'array').",
    'zh-cn':
      "顶层的 `messagePostFormat` 属于旧版配置格式（v1.3.5–v4.0），NapCat 自 v4.1 起会忽略它。现在 `network` 中的每个适配器都有自己的 `messagePostFormat`（默认 'array'）。",
  },
  legacyReportSelfMessage: {
    en: 'The top-level `reportSelfMessage` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1. Set `reportSelfMessage` in each adapter entry instead.',
    'zh-cn':
      '顶层的 `reportSelfMessage` 属于旧版配置格式（v1.3.5–v4.0），NapCat 自 v4.1 起会忽略它。请改为在每个适配器条目中设置 `reportSelfMessage`。',
  },
  legacyGroupLocalTime: {
    en: '`GroupLocalTime` is a setting of the old config format (v1.3.5–v4.0); NapCat ignores it since v4.1 and has no replacement for it. You can delete it.',
    'zh-cn': '`GroupLocalTime` 属于旧版配置格式（v1.3.5–v4.0），NapCat 自 v4.1 起会忽略它，也没有替代的设置项，可以删除。',
  },
  // --- unsupported-key
  unsupported: {
    en: '`{key}` was added in NapCat {since}: NapCat {version} ignores it.',
    'zh-cn': '`{key}` 是 NapCat {since} 新增的设置项：NapCat {version} 会忽略它。',
  },
  // --- duplicate-key
  duplicate: {
    en: '`{key}` is written again later in this object. NapCat keeps only the last value (as every JSON reader does) and ignores this one.',
    'zh-cn': '`{key}` 在这个对象中后面又写了一次。NapCat 只保留最后一个值（所有 JSON 解析器都是如此），这里的值会被忽略。',
  },
  duplicateWinner: {
    en: 'NapCat uses this `{key}`.',
    'zh-cn': 'NapCat 使用的是这个 `{key}`。',
  },
  // --- message-format
  formatSuggestString: {
    en: "NapCat only checks whether `messagePostFormat` is exactly 'string' (CQ codes); anything else, {written} included, makes it send message segments ('array'). Did you mean 'string'?",
    'zh-cn':
      "NapCat 只检查 `messagePostFormat` 是否恰好为 'string'（CQ 码）；其他任何值（包括 {written}）都会按消息段数组（'array'）上报。你是不是想写 'string'？",
  },
  formatSuggestArray: {
    en: "NapCat only checks whether `messagePostFormat` is exactly 'string' (CQ codes); anything else, {written} included, makes it send message segments ('array'). Write 'array' to say what NapCat does.",
    'zh-cn':
      "NapCat 只检查 `messagePostFormat` 是否恰好为 'string'（CQ 码）；其他任何值（包括 {written}）都会按消息段数组（'array'）上报。请写成 'array'，与实际行为一致。",
  },
  // --- json5-unsupported
  plainJsonBefore41: {
    en: 'NapCat {version} reads this file with JSON.parse, which stops here: comments, trailing commas and other JSON5 syntax are accepted only since v4.4.7. The file fails to load and none of its settings apply.',
    'zh-cn':
      'NapCat {version} 使用 JSON.parse 读取此文件，解析会在这里失败：注释、尾随逗号等 JSON5 语法要到 v4.4.7 才支持。文件加载失败，其中的设置都不会生效。',
  },
  plainJsonOverwrite: {
    en: 'NapCat {version} reads this file with JSON.parse, which stops here: comments, trailing commas and other JSON5 syntax are accepted only since v4.4.7. NapCat then overwrites the file with empty defaults, and your configuration is lost.',
    'zh-cn':
      'NapCat {version} 使用 JSON.parse 读取此文件，解析会在这里失败：注释、尾随逗号等 JSON5 语法要到 v4.4.7 才支持。随后 NapCat 会用空的默认配置覆盖此文件，你的配置将会丢失。',
  },
  bomBefore41: {
    en: 'This file starts with a byte order mark (BOM), which JSON.parse in NapCat {version} rejects. The file fails to load and none of its settings apply. Save it as UTF-8 without BOM.',
    'zh-cn':
      '此文件以字节顺序标记（BOM）开头，NapCat {version} 使用的 JSON.parse 不接受它。文件加载失败，其中的设置都不会生效。请保存为不带 BOM 的 UTF-8。',
  },
  bomOverwrite: {
    en: 'This file starts with a byte order mark (BOM), which JSON.parse in NapCat {version} rejects. NapCat then overwrites the file with empty defaults, and your configuration is lost. Save it as UTF-8 without BOM.',
    'zh-cn':
      '此文件以字节顺序标记（BOM）开头，NapCat {version} 使用的 JSON.parse 不接受它。随后 NapCat 会用空的默认配置覆盖此文件，你的配置将会丢失。请保存为不带 BOM 的 UTF-8。',
  },
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

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Each kind's fields as a map (no prototype lookups in the hot loop). */
const FIELD_MAPS = Object.fromEntries(
  ADAPTER_KINDS.map((kind) => [kind, new Map(Object.entries(KINDS[kind].fields))]),
) as unknown as Readonly<Record<AdapterKind, ReadonlyMap<string, FieldSpec>>>;

/** Which kinds declare each adapter key (for "only entries of … have it"). */
const KINDS_OF_FIELD: ReadonlyMap<string, readonly AdapterKind[]> = (() => {
  const m = new Map<string, AdapterKind[]>();
  for (const kind of ADAPTER_KINDS) {
    for (const key of Object.keys(KINDS[kind].fields)) {
      const list = m.get(key) ?? [];
      list.push(kind);
      m.set(key, list);
    }
  }
  return m;
})();

/**
 * `napcat.invalid-type`, `napcat.coerced-value`, `napcat.unknown-key`, `napcat.unsupported-key`,
 * `napcat.duplicate-key`, `napcat.message-format` and `napcat.json5-unsupported`: what NapCat
 * makes of every key and value it reads (facts §3, §4). One pass over the root, `network`, every
 * adapter entry and `timeout`; linear in the size of those objects.
 */
export const valuesRule: Rule = {
  id: 'values',
  check(ctx) {
    new ValuesCheck(ctx).run();
  },
};

class ValuesCheck {
  private readonly converts: boolean;
  private readonly version: string;
  /** Index in `model.adapters` of the first entry of each list (the model keeps list order). */
  private readonly listStart = new Map<JsonNode, number>();
  private readonly suggestions = new Map<string, string | undefined>();

  constructor(private readonly ctx: RuleContext) {
    this.converts = atLeast(ctx.version, '4.17.44');
    this.version = formatVersion(ctx.version);
  }

  run(): void {
    const { parsed, model } = this.ctx;
    if (!atLeast(this.ctx.version, '4.4.7') && !parsed.failure) this.checkPlainJson();
    const root = parsed.root;
    if (!root) return;
    if (root.type !== 'object') {
      if (!parsed.failure) {
        const data = this.converts ? { expected: 'object', effect: 'discard' } : { expected: 'object' };
        this.report('napcat.invalid-type', 'error', root, M.rootNotObject, { written: this.written(root, false) }, data);
      }
      return;
    }
    let previous: JsonNode | undefined;
    model.adapters.forEach((a, i) => {
      const list = a.node.parent;
      if (a.origin === 'network' && list && list !== previous && !this.listStart.has(list)) this.listStart.set(list, i);
      previous = list;
    });
    this.checkTopLevel(root);
  }

  // -------------------------------------------------------------------------------------------
  // Levels

  private checkTopLevel(root: JsonNode): void {
    const { model, version } = this.ctx;
    const readsN4 = atLeast(version, '4.1.0');
    const legacyProps = new Set<JsonNode>();
    for (const part of model.legacy) for (const p of part.props) legacyProps.add(p.prop);
    const hasLegacy = model.legacy.length > 0;

    for (const p of propsOf(root)) {
      const winner = model.topLevel.get(p.key);
      if (winner && winner.prop !== p.prop) {
        this.duplicate(p, winner);
        continue;
      }
      if (legacyProps.has(p.prop)) continue;
      if (own(TOP_LEVEL_FIELDS, p.key)) {
        const spec = TOP_LEVEL_FIELDS[p.key];
        if (!this.supported(p, spec.since)) continue;
        if (p.key === 'network') this.checkNetwork(p);
        else if (p.key === 'timeout' && p.value?.type === 'object') this.checkObject(p.value, TIMEOUT_FIELDS, 'timeout');
        else this.checkValue(p, spec);
        continue;
      }
      const legacyKey = (LEGACY_SHARED_KEYS as readonly string[]).includes(p.key);
      if (!readsN4) {
        // Before v4.1 the legacy keys are what NapCat reads; the legacy rule speaks about them.
        if (legacyKey || (F0_KEYS as readonly string[]).includes(p.key) || (L1_KEYS as readonly string[]).includes(p.key))
          continue;
        if ((LEAKED_KEYS as readonly string[]).includes(p.key)) continue;
      }
      if (legacyKey) {
        // Beside another legacy form these keys belong to it, and the legacy rule reports them.
        if (!hasLegacy)
          this.unknownKey(p, LEGACY_RUNTIME[p.key as keyof typeof LEGACY_RUNTIME], {}, 'warning', { reason: 'legacy' });
        continue;
      }
      if ((LEAKED_KEYS as readonly string[]).includes(p.key)) {
        this.unknownKey(p, M.leftover, {}, 'hint', { reason: 'leftover' });
        continue;
      }
      const kind = (ADAPTER_KINDS as readonly string[]).includes(p.key)
        ? (p.key as AdapterKind)
        : (this.suggest('kind', p.key, ADAPTER_KINDS, NETWORK_ALIASES) as AdapterKind | undefined);
      if (kind && (p.value?.type === 'array' || p.key === kind)) {
        this.unknownKey(p, M.kindAtTopLevel, { kind }, 'warning', { reason: 'misplaced', target: `network.${kind}` });
        continue;
      }
      this.unknownGeneric(p, this.suggest('top', p.key, Object.keys(TOP_LEVEL_FIELDS)));
    }
  }

  private checkNetwork(p: Prop): void {
    const node = p.value;
    if (!node) return;
    if (node.type !== 'object') {
      // Since v4.17.44 NapCat's defaults turn a list into an empty `network`; anything else fails the check.
      const effect = !this.converts ? {} : { effect: node.type === 'array' ? 'empty' : 'discard' };
      this.report(
        'napcat.invalid-type',
        'error',
        node,
        M.networkNotObject,
        { written: this.written(node, false) },
        { expected: 'object', ...effect },
      );
      return;
    }
    const winners = propMap(node);
    for (const kp of propsOf(node)) {
      const winner = winners.get(kp.key)!;
      if (winner.prop !== kp.prop) {
        this.duplicate(kp, winner);
        continue;
      }
      if (!own(KINDS, kp.key)) {
        this.unknownGeneric(kp, this.suggest('kind', kp.key, ADAPTER_KINDS, NETWORK_ALIASES));
        continue;
      }
      const kind = kp.key as AdapterKind;
      if (!this.supported(kp, KINDS[kind].since)) continue;
      this.checkList(kp, kind);
    }
  }

  private checkList(p: Prop, kind: AdapterKind): void {
    const list = p.value;
    if (!list) return;
    if (list.type !== 'array') {
      const args = { key: kind, written: this.written(list, false) };
      if (!this.converts)
        this.report('napcat.invalid-type', 'error', list, M.listOld, { ...args, version: this.version }, { expected: 'array' });
      else if (list.type === 'object')
        this.report('napcat.invalid-type', 'error', list, M.listObjectEmpty, args, { expected: 'array', effect: 'empty' });
      else this.report('napcat.invalid-type', 'error', list, M.listDiscard, args, { expected: 'array', effect: 'discard' });
      return;
    }
    const start = this.listStart.get(list);
    const items = list.children ?? [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.type === 'object') {
        const adapter = start === undefined ? undefined : this.ctx.model.adapters[start + i];
        this.checkEntry(kind, item, adapter?.node === item ? adapter : undefined);
        continue;
      }
      const args = { kind, written: this.written(item, false) };
      if (this.converts)
        this.report('napcat.invalid-type', 'error', item, M.entryDiscard, args, { expected: 'object', effect: 'discard' });
      else
        this.report(
          'napcat.invalid-type',
          'warning',
          item,
          M.entryOld,
          { ...args, version: this.version },
          { expected: 'object' },
        );
    }
  }

  /**
   * The hot loop (one call per adapter entry). It reads the model's fields (one map per entry,
   * values already decoded) and settles values that already have their declared type without
   * allocating anything; the syntax nodes are touched only to report.
   */
  private checkEntry(kind: AdapterKind, item: JsonNode, adapter: Adapter | undefined): void {
    const written = adapter?.fields;
    // The model keeps the last of each key: equal sizes mean no key is written twice.
    const specs = FIELD_MAPS[kind];
    if (written && written.size === (item.children?.length ?? 0)) {
      for (const field of written.values()) this.checkField(specs, kind, field, field.raw);
      return;
    }
    for (const p of propsOf(item)) {
      const winner = written?.get(p.key)?.prop;
      if (winner && winner.prop !== p.prop) this.duplicate(p, winner);
      else this.checkField(specs, kind, p, p.value ? (isContainer(p.value) ? CONTAINER : p.value.value) : undefined);
    }
  }

  /**
   * One key of an adapter entry. `raw` is the decoded value (the model's), an object for
   * containers, undefined when recovery left the key without a value. Syntax nodes are read only
   * off the fast path: their many shapes make every property read on them slow.
   */
  private checkField(specs: ReadonlyMap<string, FieldSpec>, kind: AdapterKind, f: Prop | Field, raw: unknown): void {
    const spec = specs.get(f.key);
    if (!spec) {
      const others = KINDS_OF_FIELD.get(f.key);
      if (others) this.unknownKey(propOf(f), M.fieldOfOtherKind, { kind, kinds: others.join(', ') }, 'warning', { reason: 'misplaced' });
      else this.unknownGeneric(propOf(f), this.suggest(`entry:${kind}`, f.key, Object.keys(KINDS[kind].fields), ENTRY_ALIASES));
      return;
    }
    if (spec.since && !this.supported(propOf(f), spec.since)) return;
    if (raw === undefined) return;
    const settled =
      (typeof raw !== 'object' || raw === null) && (this.converts ? hasExactType(raw, spec.type) : typeMatches(raw, spec.type));
    const effective = settled ? raw : this.checkValue(propOf(f), spec);
    if (typeof effective === 'string' && f.key === 'messagePostFormat' && effective !== 'array' && effective !== 'string') {
      this.checkFormat(propOf(f).value!, effective);
    }
  }

  /** `timeout` (and any other plain object of known keys). */
  private checkObject(obj: JsonNode, fields: Readonly<Record<string, FieldSpec>>, level: string): void {
    const winners = propMap(obj);
    for (const p of propsOf(obj)) {
      const winner = winners.get(p.key)!;
      if (winner.prop !== p.prop) {
        this.duplicate(p, winner);
        continue;
      }
      if (!own(fields, p.key)) {
        this.unknownGeneric(p, this.suggest(level, p.key, Object.keys(fields)));
        continue;
      }
      if (this.supported(p, fields[p.key].since)) this.checkValue(p, fields[p.key]);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Values

  /**
   * Checks one value against its declared type and returns the value NapCat works with (after
   * conversion since v4.17.44, as written before), or undefined when it has no usable value.
   */
  private checkValue(p: Prop, spec: FieldSpec): unknown {
    const node = p.value;
    if (!node) return undefined;
    const secret = p.key === 'token';
    const scalar = node.type !== 'object' && node.type !== 'array';
    const raw = scalar ? node.value : undefined;
    const matches = scalar ? typeMatches(raw, spec.type) : node.type === spec.type;
    if (!scalar && matches) return undefined;
    const c = scalar ? coerce(raw, spec.type) : ({ ok: false } as const);

    if (this.converts) {
      if (!c.ok) {
        this.report(
          'napcat.invalid-type',
          'error',
          node,
          M.invalidDiscard,
          {
            key: p.key,
            type: spec.type,
            written: this.written(node, secret),
          },
          { expected: spec.type, effect: 'discard' },
        );
        return undefined;
      }
      if (c.changed) {
        if (secret) this.report('napcat.coerced-value', 'info', node, M.coercedSecret, { key: p.key });
        else {
          this.report(
            'napcat.coerced-value',
            'info',
            node,
            M.coerced,
            {
              key: p.key,
              type: spec.type,
              written: this.written(node, false),
              converted: literal(c.value),
            },
            { value: c.value as string | number | boolean },
          );
        }
      }
      return c.value;
    }

    if (matches) return raw;
    const args: MessageArgs = { key: p.key, type: spec.type, written: this.written(node, secret), version: this.version };
    if (c.ok && secret) {
      this.report('napcat.invalid-type', 'warning', node, M.oldCoercibleSecret, args, { expected: spec.type });
    } else if (c.ok) {
      // The truthiness remark only holds for strings: 0 and 1 mean the same either way.
      const message = spec.type === 'boolean' && typeof raw === 'string' ? M.oldCoercibleBool : M.oldCoercible;
      this.report(
        'napcat.invalid-type',
        'warning',
        node,
        message,
        { ...args, converted: literal(c.value) },
        {
          expected: spec.type,
          value: c.value as string | number | boolean,
        },
      );
    } else if (spec.type === 'boolean') {
      this.report(
        'napcat.invalid-type',
        'warning',
        node,
        M.oldInvalidBool,
        { ...args, truthy: String(Boolean(raw)) },
        { expected: spec.type },
      );
    } else {
      this.report('napcat.invalid-type', 'warning', node, M.oldInvalid, args, { expected: spec.type });
    }
    return raw;
  }

  private checkFormat(node: JsonNode, value: string): void {
    if (value === 'array' || value === 'string') return;
    const suggestion = nearestFormat(value);
    const message = suggestion === 'string' ? M.formatSuggestString : M.formatSuggestArray;
    this.report('napcat.message-format', 'warning', node, message, { written: this.written(node, false) }, { suggestion });
  }

  // -------------------------------------------------------------------------------------------
  // Keys

  /** Reports a known key newer than the target; true when the target reads it. */
  private supported(p: Prop, since: string | undefined): boolean {
    if (!since || atLeast(this.ctx.version, since)) return true;
    this.ctx.report({
      code: 'napcat.unsupported-key',
      severity: 'warning',
      range: rangeOf(p.keyNode),
      message: M.unsupported,
      args: { key: p.key, since: `v${since}`, version: this.version },
      data: { key: p.key, since },
      unnecessary: true,
    });
    return false;
  }

  private unknownGeneric(p: Prop, suggestion: string | undefined): void {
    const message = this.converts
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

  private unknownKey(p: Prop, message: Message, args: MessageArgs, severity: Severity, data: Record<string, string>): void {
    this.ctx.report({
      code: 'napcat.unknown-key',
      severity,
      range: rangeOf(p.keyNode),
      message,
      args: { key: p.key, ...args },
      data: { key: p.key, ...data },
      unnecessary: true,
    });
  }

  private duplicate(p: Prop, winner: Prop): void {
    this.ctx.report({
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

  // -------------------------------------------------------------------------------------------
  // json5-unsupported

  private checkPlainJson(): void {
    const { parsed } = this.ctx;
    const before41 = !atLeast(this.ctx.version, '4.1.0');
    if (parsed.bom) {
      const message = before41 ? M.bomBefore41 : M.bomOverwrite;
      this.ctx.report({
        code: 'napcat.json5-unsupported',
        severity: 'error',
        range: { offset: 0, length: 1 },
        message,
        args: { version: this.version },
      });
      return;
    }
    if (parsed.dialect() === 'json') return;
    const range = firstNonJson(parsed.text);
    if (!range) return;
    const message = before41 ? M.plainJsonBefore41 : M.plainJsonOverwrite;
    this.ctx.report({ code: 'napcat.json5-unsupported', severity: 'error', range, message, args: { version: this.version } });
  }

  // -------------------------------------------------------------------------------------------

  private report(code: string, severity: Severity, node: JsonNode, message: Message, args: MessageArgs, data?: unknown): void {
    const finding: Finding = { code, severity, range: rangeOf(node), message, args, ...(data === undefined ? {} : { data }) };
    this.ctx.report(finding);
  }

  /** The value as written, short, for messages: source text, `{…}`/`[…]`, or `***` for secrets. */
  private written(node: JsonNode, secret: boolean): string {
    if (node.type === 'object') return '{…}';
    if (node.type === 'array') return '[…]';
    if (secret && node.value !== null) return '***';
    const source = this.ctx.text.slice(node.offset, node.offset + node.length);
    return source.length > 40 ? source.slice(0, 37) + '…' : source;
  }
}

function rangeOf(node: JsonNode): Range {
  return { offset: node.offset, length: node.length };
}

/** Whether a written scalar already has the declared type (before v4.17.44 nothing converts it). */
function typeMatches(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
    case 'number':
      // Before v4.17.44 ports and intervals were declared as plain numbers.
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    default:
      return false;
  }
}

const CONTAINER = {};
const isContainer = (node: JsonNode) => node.type === 'object' || node.type === 'array';

/** Whether TypeBox accepts a written scalar as it is (no conversion, no finding). */
function hasExactType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0);
    case 'string':
      return typeof value === 'string';
    default:
      return false;
  }
}

/** A converted value as a JSON literal (language-neutral). */
function literal(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The intended `messagePostFormat` value behind a misspelling; 'array' when nothing points to 'string'. */
function nearestFormat(value: string): 'array' | 'string' {
  const v = value.trim().toLowerCase();
  if (v === 'string' || v.includes('str') || v.includes('cq') || v === 'text') return 'string';
  if (v === 'array' || v.includes('arr') || v.includes('seg')) return 'array';
  return suggestKey(v, ['array', 'string']) === 'string' ? 'string' : 'array';
}

/**
 * The first place where a text that json5 reads stops being plain JSON: a comment, a trailing
 * comma, or a JSON5-only token (single quotes, unquoted keys, hex, Infinity, …).
 */
function firstNonJson(text: string): Range | undefined {
  const scanner = createScanner(text, false);
  let lastComma: Range | undefined;
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    const here = { offset: scanner.getTokenOffset(), length: Math.max(1, scanner.getTokenLength()) };
    if (scanner.getTokenError() !== ScanError.None) return here;
    switch (k) {
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
      case SyntaxKind.Unknown:
        return here;
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        continue;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (lastComma) return lastComma;
        break;
    }
    lastComma = k === SyntaxKind.CommaToken ? here : undefined;
  }
  // Characters JSON.parse rejects but the scanner takes as white space (U+2028/U+2029, U+FEFF …).
  const odd = /[^\x20\t\n\r\S]/.exec(text);
  return odd ? { offset: odd.index, length: 1 } : undefined;
}

/** The syntax view of a field. A model Field builds it on first use: take it only to report. */
function propOf(f: Prop | Field): Prop {
  return 'keyNode' in f ? f : f.prop;
}
