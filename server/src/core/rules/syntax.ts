import type { Catalogue } from '../i18n';
import type { Rule } from './rule';

const M = {
  syntax: {
    en: 'NapCat cannot read this file: unexpected {found} here (NapCat reads configs as JSON5). It logs an error and starts no adapter from this file.',
    'zh-cn': 'NapCat 无法读取此文件：此处出现意外的 {found}（NapCat 按 JSON5 读取配置）。NapCat 会记录错误，此文件中的适配器都不会启动。',
  },
  empty: {
    en: 'The file is empty: NapCat reads no adapter from it.',
    'zh-cn': '文件为空：NapCat 不会从中读取任何适配器。',
  },
  tooDeep: {
    en: 'The file nests arrays or objects too deeply to be a NapCat config; analysis stopped.',
    'zh-cn': '文件中的数组或对象嵌套过深，不可能是 NapCat 配置；已停止分析。',
  },
} satisfies Catalogue<string>;

/** `napcat.syntax`: the first place where NapCat's JSON5 reader fails (one finding at most). */
export const syntaxRule: Rule = {
  id: 'syntax',
  check(ctx) {
    const failure = ctx.parsed.failure;
    if (!failure) return;
    switch (failure.kind) {
      case 'syntax': {
        const { offset, length, found } = failure.problem;
        ctx.report({ code: 'napcat.syntax', severity: 'error', range: { offset, length }, message: M.syntax, args: { found } });
        return;
      }
      case 'empty':
        ctx.report({ code: 'napcat.empty', severity: 'warning', range: { offset: 0, length: 0 }, message: M.empty });
        return;
      case 'too-deep':
        ctx.report({ code: 'napcat.too-deep', severity: 'error', range: { offset: 0, length: 0 }, message: M.tooDeep });
        return;
    }
  },
};
