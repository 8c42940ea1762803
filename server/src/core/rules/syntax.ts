import type { Catalogue } from '../i18n';
import type { Rule } from './rule';

const M = {
  syntax: 'NapCat cannot read this file: unexpected {found} here (NapCat reads configs as JSON5). It logs an error and starts no adapter from this file.',
  empty: 'The file is empty: NapCat reads no adapter from it.',
  tooDeep: 'The file nests arrays or objects too deeply to be a NapCat config; analysis stopped.',
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
