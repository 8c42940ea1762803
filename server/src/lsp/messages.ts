import type { Catalogue } from '../core';

/**
 * Every user-facing string of the language server (hover, symbols), in English and Simplified
 * Chinese. Diagnostics bring their own messages from the core. Log lines stay in English.
 */
export const M = {
  // Adapter status
  starts: { en: '✅ NapCat starts this adapter.', 'zh-cn': '✅ NapCat 会启动此适配器。' },
  notStarted: { en: '⛔ NapCat does not start this adapter:', 'zh-cn': '⛔ NapCat 不会启动此适配器：' },
  writeUp: {
    en: 'NapCat never reads `reverseWs.connections`: this connection exists only on paper.',
    'zh-cn': 'NapCat 从不读取 `reverseWs.connections`：此连接只存在于纸面上。',
  },
  unreadable: {
    en: 'NapCat cannot read this file (see the syntax error), so it starts no adapter from it.',
    'zh-cn': 'NapCat 无法读取此文件（见语法错误），因此不会启动其中任何适配器。',
  },
  jsonParseOnly: {
    en: 'NapCat {version} reads configs with JSON.parse, which rejects the comments or JSON5 syntax of this file.',
    'zh-cn': 'NapCat {version} 使用 JSON.parse 读取配置，无法接受此文件中的注释或 JSON5 语法。',
  },
  beforeNetwork: {
    en: 'NapCat {version} does not read `network` (it appeared in v4.1.0).',
    'zh-cn': 'NapCat {version} 不读取 `network`（v4.1.0 起才有）。',
  },
  migrated: {
    en: 'NapCat {version} migrates the legacy keys of this file into `network` and discards the entries written there.',
    'zh-cn': 'NapCat {version} 会把此文件中的旧版键迁移到 `network`，并丢弃其中已写的条目。',
  },
  discarded: {
    en: 'NapCat {version} cannot convert `{path}` to {type}: it discards the whole config and starts no adapter.',
    'zh-cn': 'NapCat {version} 无法将 `{path}` 转换为 {type}：整个配置被丢弃，不会启动任何适配器。',
  },
  kindTooNew: {
    en: 'NapCat {version} does not know `{kind}` (added in {since}).',
    'zh-cn': 'NapCat {version} 不认识 `{kind}`（{since} 起才有）。',
  },
  notRegisteredKind: {
    en: 'NapCat registers no `{kind}` entry at start.',
    'zh-cn': 'NapCat 启动时不会注册 `{kind}` 中的条目。',
  },
  shadowedList: {
    en: 'A later `{kind}` key replaces this whole list: NapCat never reads it.',
    'zh-cn': '后面另一个 `{kind}` 键替换了整个列表：NapCat 不会读取此列表。',
  },
  notAnObject: { en: 'This entry is not an object.', 'zh-cn': '此条目不是对象。' },
  disabled: { en: 'Disabled: `enable` is {value}.', 'zh-cn': '未启用：`enable` 为 {value}。' },
  disabledMissing: { en: 'Disabled: `enable` is missing (default false).', 'zh-cn': '未启用：缺少 `enable`（默认 false）。' },
  replaced: {
    en: 'Replaced by `{other}`, which has the same name `{name}`: NapCat keeps only the last enabled adapter of a name.',
    'zh-cn': '被同名（`{name}`）的 `{other}` 替换：同一名称 NapCat 只保留最后一个启用的适配器。',
  },
  replacedWsServer: {
    en: 'Its port {port} stays bound all the same, and every client that connects there is closed.',
    'zh-cn': '但它仍占用端口 {port}，连接到该端口的客户端都会被关闭。',
  },
  pluginManager: {
    en: 'The name `plugin_manager` replaces NapCat’s plugin manager when a plugins folder exists.',
    'zh-cn': '当存在 plugins 目录时，名称 `plugin_manager` 会替换 NapCat 的插件管理器。',
  },
  // Adapter hover
  defaultName: { en: '(default name)', 'zh-cn': '（默认名称）' },
  effectiveValues: { en: 'Effective values:', 'zh-cn': '生效值：' },
  isDefault: { en: '(default)', 'zh-cn': '（默认）' },
  coercedFrom: { en: '(converted from {raw})', 'zh-cn': '（由 {raw} 转换）' },
  notReadBy: { en: 'not read by NapCat {version} (since {since})', 'zh-cn': 'NapCat {version} 不读取（{since} 起）' },
  tokenEmpty: { en: 'empty (no authentication)', 'zh-cn': '空（不鉴权）' },
  tokenSet: { en: 'set', 'zh-cn': '已设置' },
  ignoredKeys: { en: 'Keys NapCat ignores: {keys}', 'zh-cn': 'NapCat 忽略的键：{keys}' },
  asReadBy: { en: 'As read by NapCat {version} (setting `napcat.targetVersion`).', 'zh-cn': '按 NapCat {version} 的行为（设置项 `napcat.targetVersion`）。' },
  // Key hover
  type: { en: 'Type', 'zh-cn': '类型' },
  default: { en: 'Default', 'zh-cn': '默认值' },
  since: { en: 'Since', 'zh-cn': '引入版本' },
  noDefault: { en: 'none (optional)', 'zh-cn': '无（可选）' },
  unknownKey: {
    en: 'NapCat does not know this key and ignores it (since v4.17.44 it is dropped at load).',
    'zh-cn': 'NapCat 不认识此键，会忽略它（自 v4.17.44 起加载时会被删除）。',
  },
  kindList: { en: 'List of {label} adapters; every entry needs a unique `name`.', 'zh-cn': '{label}适配器列表；每个条目都需要唯一的 `name`。' },
  legacyKey: {
    en: 'A key of the {form}. {status}',
    'zh-cn': '{form}中的键。{status}',
  },
  leakedKey: {
    en: 'Written at the top level by NapCat v1.6.8–v1.8.x by mistake; NapCat ignores it.',
    'zh-cn': 'NapCat v1.6.8–v1.8.x 误写在顶层的键；NapCat 会忽略它。',
  },
  formF0: { en: 'flat format of v1.0–v1.3.3', 'zh-cn': 'v1.0–v1.3.3 扁平格式' },
  formL1: { en: 'legacy format of v1.3.5–v4.0', 'zh-cn': 'v1.3.5–v4.0 旧版格式' },
  formList: { en: 'bare `reverseWs` URL list', 'zh-cn': '`reverseWs` URL 列表写法' },
  formConnections: { en: '`reverseWs.connections` write-up', 'zh-cn': '`reverseWs.connections` 写法' },
  // Legacy status
  f0Read: { en: 'NapCat {version} reads it.', 'zh-cn': 'NapCat {version} 会读取它。' },
  f0Ignored: { en: 'NapCat ignores the flat keys since v1.6.0.', 'zh-cn': '自 v1.6.0 起 NapCat 忽略这些平铺键。' },
  l1Read: { en: 'NapCat {version} reads it.', 'zh-cn': 'NapCat {version} 会读取它。' },
  l1Migrated: {
    en: 'NapCat {version} migrates it into `network` once, losing data (names, HTTP POST URLs, secrets).',
    'zh-cn': 'NapCat {version} 会将其迁移到 `network`，但会丢失数据（名称、HTTP 上报地址、密钥）。',
  },
  l1Ignored: { en: 'NapCat ignores it since v4.4.0: it starts nothing.', 'zh-cn': '自 v4.4.0 起 NapCat 忽略它：不会启动任何连接。' },
  neverRead: { en: 'NapCat never reads this shape: it starts nothing.', 'zh-cn': 'NapCat 从不读取这种格式：不会启动任何连接。' },
  legacyConnection: { en: 'legacy `{path}`', 'zh-cn': '旧版 `{path}`' },
  legacyDisabled: { en: 'Disabled in the legacy section.', 'zh-cn': '在旧版配置中未启用。' },
  // Symbols
  symbolDisabled: { en: 'disabled', 'zh-cn': '未启用' },
  symbolReplaced: { en: 'replaced', 'zh-cn': '被替换' },
} satisfies Catalogue<string>;
