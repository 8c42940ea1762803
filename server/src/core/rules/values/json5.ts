import type { Catalogue } from '../../i18n';
import { atLeast } from '../../version';
import type { ValueReporter } from './context';

/**
 * `napcat.json5-unsupported`: before v4.4.7 NapCat reads its config with `JSON.parse`, so a
 * comment, a trailing comma, any JSON5 syntax or a byte order mark makes the file fail to load
 * (and from v4.1 on, be overwritten with defaults).
 */
const M = {
  plainJsonBefore41: 'NapCat {version} reads this file with JSON.parse, which stops here: comments, trailing commas and other JSON5 syntax are accepted only since v4.4.7. The file fails to load and none of its settings apply.',
  plainJsonOverwrite: 'NapCat {version} reads this file with JSON.parse, which stops here: comments, trailing commas and other JSON5 syntax are accepted only since v4.4.7. NapCat then overwrites the file with empty defaults, and your configuration is lost.',
  bomBefore41: 'This file starts with a byte order mark (BOM), which JSON.parse in NapCat {version} rejects. The file fails to load and none of its settings apply. Save it as UTF-8 without BOM.',
  bomOverwrite: 'This file starts with a byte order mark (BOM), which JSON.parse in NapCat {version} rejects. NapCat then overwrites the file with empty defaults, and your configuration is lost. Save it as UTF-8 without BOM.',
} satisfies Catalogue<string>;

/** Reports the first place plain `JSON.parse` stops at, for a target older than v4.4.7. */
export function checkPlainJson(r: ValueReporter): void {
  const { parsed } = r.ctx;
  if (atLeast(r.ctx.version, '4.4.7') || parsed.failure) return;
  const before41 = !atLeast(r.ctx.version, '4.1.0');
  if (parsed.bom) {
    const message = before41 ? M.bomBefore41 : M.bomOverwrite;
    r.ctx.report({ code: 'napcat.json5-unsupported', severity: 'error', range: { offset: 0, length: 1 }, message, args: { version: r.version } });
    return;
  }
  const range = parsed.firstNonJson();
  if (!range) return;
  const message = before41 ? M.plainJsonBefore41 : M.plainJsonOverwrite;
  r.ctx.report({ code: 'napcat.json5-unsupported', severity: 'error', range, message, args: { version: r.version } });
}
