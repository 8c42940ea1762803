import { localize, type Catalogue, type Lang, type Message } from '../i18n';
import type { RebuildSummary } from './rebuild';

const M = {
  added1: { en: '1 entry added', 'zh-cn': '新增 1 个条目' },
  addedN: { en: '{n} entries added', 'zh-cn': '新增 {n} 个条目' },
  renamed1: { en: '1 entry renamed', 'zh-cn': '重命名 1 个条目' },
  renamedN: { en: '{n} entries renamed', 'zh-cn': '重命名 {n} 个条目' },
  removed1: { en: '1 legacy key removed', 'zh-cn': '移除 1 个旧版键' },
  removedN: { en: '{n} legacy keys removed', 'zh-cn': '移除 {n} 个旧版键' },
  dropped1: { en: '1 setting with no place in `network` dropped', 'zh-cn': '舍弃 1 个在 `network` 中没有对应项的设置' },
  droppedN: { en: '{n} settings with no place in `network` dropped', 'zh-cn': '舍弃 {n} 个在 `network` 中没有对应项的设置' },
  updated: { en: 'the file was updated', 'zh-cn': '文件已更新' },
  separator: { en: ', ', 'zh-cn': '，' },
} satisfies Catalogue<string>;

/**
 * "2 entries added, 1 legacy key removed" in `lang`: what a rebuild did, in one phrase. The editor's
 * message and the CLI's summary line both use it.
 */
export function describeSummary(s: RebuildSummary, lang: Lang): string {
  const count = (one: Message, many: Message, n: number) => (n === 0 ? [] : [localize(n === 1 ? one : many, lang, { n })]);
  const parts = [
    ...count(M.added1, M.addedN, s.added.length),
    ...count(M.renamed1, M.renamedN, s.renamed.length),
    ...count(M.removed1, M.removedN, s.removed.length),
    ...count(M.dropped1, M.droppedN, s.dropped.length),
  ];
  return parts.length > 0 ? parts.join(localize(M.separator, lang)) : localize(M.updated, lang);
}
