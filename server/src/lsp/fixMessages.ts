import type { Catalogue } from '../core';

/**
 * The words of quick fixes and of the rebuild command, in English and Simplified Chinese (the
 * server's language decides). Titles name names, schemes, hosts and ports, never a URL or a value
 * that could hold a token.
 */
export const F = {
  // --- Code action titles
  rebuildLegacy: {
    en: "Rebuild as NapCat's named `network` config",
    'zh-cn': '重建为 NapCat 的具名 `network` 配置',
  },
  rebuildWhole: { en: 'Rebuild the whole file', 'zh-cn': '重建整个文件' },
  rebuildSource: { en: 'Rebuild NapCat config', 'zh-cn': '重建 NapCat 配置' },
  fixAll: { en: 'Fix all safe NapCat problems', 'zh-cn': '修复所有可安全自动修复的 NapCat 问题' },
  rename: { en: "Rename to '{name}'", 'zh-cn': "重命名为 '{name}'" },
  addName: { en: "Add the name '{name}'", 'zh-cn': "添加名称 '{name}'" },
  replaceScheme: { en: 'Use {scheme}:// in this URL', 'zh-cn': '将此 URL 的协议改为 {scheme}://' },
  addScheme: { en: 'Add {scheme}:// in front of this URL', 'zh-cn': '在此 URL 前加上 {scheme}://' },
  trimSpaces: { en: 'Remove the white space from this URL', 'zh-cn': '删除此 URL 中的空白字符' },
  replaceHost: { en: 'Connect to {host} instead of {from}', 'zh-cn': '改为连接 {host}（而不是 {from}）' },
  movePort: { en: 'Move to the free port {port}', 'zh-cn': '改用空闲端口 {port}' },
  messageFormat: { en: "Write '{value}'", 'zh-cn': "改为 '{value}'" },
  coercedValue: { en: 'Write {value}, the value NapCat converts this to', 'zh-cn': '改为 {value}（NapCat 转换后的值）' },
  coercedToken: {
    en: 'Write this token as a string (NapCat reads the same token)',
    'zh-cn': '将此 token 写成字符串（NapCat 读到的 token 不变）',
  },
  renameKey: { en: 'Rename `{key}` to `{suggestion}`', 'zh-cn': '将 `{key}` 改为 `{suggestion}`' },
  removeDuplicateKey: {
    en: 'Remove this `{key}` (NapCat reads the later one)',
    'zh-cn': '删除此处的 `{key}`（NapCat 读取的是后面那个）',
  },
  // --- Rebuild command (workspace/executeCommand napcat.rebuild)
  rebuildLabel: { en: 'Rebuild NapCat config', 'zh-cn': '重建 NapCat 配置' },
  notOpen: {
    en: 'The language server does not have this file open; open it in the editor and try again.',
    'zh-cn': '语言服务器中没有打开此文件；请在编辑器中打开后重试。',
  },
  notNapCat: {
    en: 'This file is not a NapCat OneBot config, so there is nothing to rebuild.',
    'zh-cn': '此文件不是 NapCat OneBot 配置，没有可以重建的内容。',
  },
  tooLarge: {
    en: 'This file is above the analysis limit (setting napcat.maxFileSize), so it cannot be rebuilt here.',
    'zh-cn': '此文件超过了分析上限（设置项 napcat.maxFileSize），无法在此重建。',
  },
  stale: {
    en: 'The file changed while the rebuild was being prepared; nothing was changed. Run the command again.',
    'zh-cn': '准备重建期间文件发生了变化，未做任何修改。请重新运行该命令。',
  },
  refused: { en: 'Rebuild refused: {reason}', 'zh-cn': '无法重建：{reason}' },
  unchanged: {
    en: "Nothing to rebuild: the file already uses NapCat's named `network` form, with unique names.",
    'zh-cn': '无需重建：此文件已经是 NapCat 的具名 `network` 格式，且名称各不相同。',
  },
  applied: { en: 'NapCat config rebuilt: {summary}.', 'zh-cn': 'NapCat 配置已重建：{summary}。' },
  notApplied: {
    en: 'The editor did not apply the rebuild{reason}; the file is unchanged.',
    'zh-cn': '编辑器未应用重建结果{reason}；文件未被修改。',
  },
} satisfies Catalogue<string>;
