import type { Catalogue } from '../../i18n';
import type { JsonNode } from '../../json/parse';
import { suggestKey } from '../../text/suggest';
import type { ValueReporter } from './context';

/**
 * `napcat.message-format`: NapCat only checks whether `messagePostFormat` is exactly 'string';
 * any other text means 'array'. The fix is in `service/fixes/messageFormat.ts`.
 */
const M = {
  formatSuggestString: "NapCat only checks whether `messagePostFormat` is exactly 'string' (CQ codes); anything else, {written} included, makes it send message segments ('array'). Did you mean 'string'?",
  formatSuggestArray: "NapCat only checks whether `messagePostFormat` is exactly 'string' (CQ codes); anything else, {written} included, makes it send message segments ('array'). Write 'array' to say what NapCat does.",
} satisfies Catalogue<string>;

/** Reports a `messagePostFormat` value (as NapCat works with it) that is neither 'array' nor 'string'. */
export function checkMessageFormat(r: ValueReporter, node: JsonNode, value: string): void {
  if (value === 'array' || value === 'string') return;
  const suggestion = nearestFormat(value);
  const message = suggestion === 'string' ? M.formatSuggestString : M.formatSuggestArray;
  r.report('napcat.message-format', 'warning', node, message, { written: r.written(node, false) }, { suggestion });
}

/** The intended `messagePostFormat` value behind a misspelling; 'array' when nothing points to 'string'. */
function nearestFormat(value: string): 'array' | 'string' {
  const v = value.trim().toLowerCase();
  if (v === 'string' || v.includes('str') || v.includes('cq') || v === 'text') return 'string';
  if (v === 'array' || v.includes('arr') || v.includes('seg')) return 'array';
  return suggestKey(v, ['array', 'string']) === 'string' ? 'string' : 'array';
}
