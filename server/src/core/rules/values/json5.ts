import { createScanner, SyntaxKind, ScanError } from 'jsonc-parser';
import type { Catalogue } from '../../i18n';
import type { Range } from '../../findings';
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
  if (parsed.dialect() === 'json') return;
  const range = firstNonJson(parsed.text);
  if (!range) return;
  const message = before41 ? M.plainJsonBefore41 : M.plainJsonOverwrite;
  r.ctx.report({ code: 'napcat.json5-unsupported', severity: 'error', range, message, args: { version: r.version } });
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
