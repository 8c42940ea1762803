import type { Analysis, Finding } from '../../core';
import { coercedFix } from './coercedValue';
import type { Fix } from './fix';
import { removeKeyFix, renameKeyFix } from './keys';
import { messageFormatFix } from './messageFormat';
import { nameFix } from './names';
import { portFix } from './ports';
import { rebuildFix } from './rebuild';
import { urlFix, urlRepairFix } from './urls';

/**
 * Quick fixes of single findings, the safe "fix all" set and the whole-file rebuild, as edits in
 * UTF-16 offsets of the analysed text. Pure (no LSP, no I/O): codeActions.ts turns these into
 * code actions. Every fix is chosen by the finding's `code` and `data` (never by its message) and
 * located through the analysis model; where `data` leaves out a value on purpose (a URL that holds
 * credentials), the fix computes it from the written text the way the rule did.
 *
 * Which fixes are safe (applied by `source.fixAll.napcat`, e.g. on save): those that cannot make a
 * working config worse —
 * - names (`napcat.duplicate-name`, `napcat.missing-name`, `napcat.reserved-name`): the suggested
 *   names are unique across the file, so every entry gets its own identity;
 * - URL schemes and white space (`napcat.url-scheme`, `napcat.url-spaces`): what NapCat already does
 *   with the URL, or what it must have to connect at all (a scheme put in front of a text that is
 *   not plainly `host:port…` or `//host…` is offered, not applied);
 * - full-width characters in a URL (`napcat.url-invalid`, `ws：／／host：8080`) written as ASCII, when
 *   the URL holds no secret: the only reading of what was typed;
 * - `napcat.message-format` when the suggestion is 'array' (what NapCat does with any other value);
 * - `napcat.coerced-value` when the written text already spells the value NapCat converts it to
 *   (`"true"` → `true`, `"8080"` → `8080`, a token `123456` → `"123456"`): NapCat reads the same
 *   value before and after, and every version reads the typed value alike.
 * Not safe, offered one by one only: rebuild (restructures the file), the destination host (the
 * user may mean another machine), port moves (frameworks must follow), key renames (a guess),
 * key removals and a URL's fragment removal (delete text), full-width repair of a URL with a token, 'string' as a message format (changes what frameworks receive), and
 * conversions the text does not spell (`"1"` → `true`, `3001.5` → `3001`, `"1e3"` → `1`: what
 * NapCat does, perhaps not what was meant).
 */

export type { Fix, FixKind } from './fix';
export { fixAll, safeFixes } from './fixAll';
export { rebuildOf } from './rebuild';

/**
 * Every fix offered for one finding (empty when none applies). Never throws for a valid analysis.
 * `withRebuild: false` leaves out the whole-file rebuild (which `fixAll` never applies).
 */
export function fixesFor(analysis: Analysis, finding: Finding, withRebuild = true): Fix[] {
  const text = analysis.parsed?.text;
  if (text === undefined || analysis.parsed?.failure) return [];
  switch (finding.code) {
    case 'napcat.legacy-config':
      return withRebuild ? rebuildFix(analysis, true) : [];
    case 'napcat.duplicate-name':
    case 'napcat.missing-name':
      return [...nameFix(analysis, text, finding.data), ...(withRebuild ? rebuildFix(analysis, false) : [])];
    case 'napcat.reserved-name':
      return nameFix(analysis, text, finding.data);
    case 'napcat.url-scheme':
    case 'napcat.url-spaces':
    case 'napcat.url-unspecified-host':
      return urlFix(analysis, text, finding);
    case 'napcat.url-invalid':
      return urlRepairFix(analysis, text, finding);
    case 'napcat.port-conflict':
    case 'napcat.webui-port':
      return portFix(analysis, text, finding, finding.data?.port);
    case 'napcat.account-port-conflict':
      return portFix(analysis, text, finding, finding.data.freePort);
    case 'napcat.coerced-value':
      return coercedFix(analysis, text, finding);
    case 'napcat.message-format':
      return messageFormatFix(analysis, text, finding);
    case 'napcat.unknown-key':
      return renameKeyFix(analysis, text, finding);
    case 'napcat.duplicate-key':
      return removeKeyFix(analysis, text, finding);
    default:
      return [];
  }
}
