import * as l10n from '@vscode/l10n';
import { isText, isTextList, type Bundle, type Catalogue, type Lang, type Message, type MessageArgs, type Text, type TextArg } from '../core/i18n';

/**
 * The language the process speaks, and the wording of templates in it. The core hands out
 * templates and arguments only (`core/i18n.ts`); the layers that show text — the service (hover,
 * fix titles), the probes' and the log's sentences, the LSP conversion and the CLI's output —
 * word them here. Each shell sets the language once at start (`useBundle`, through
 * `files/l10n.ts`'s `speak`): the language server from the bundle its client sent, the CLI from
 * `--lang` or the locale. Tests switch languages with it.
 */

let current: Lang = 'en';

/** Makes `localize` answer in `lang`, translating with `bundle` (English needs none). */
export function useBundle(lang: Lang, bundle?: Bundle): void {
  current = lang === 'en' || !bundle ? 'en' : lang;
  l10n.config({ contents: current === 'en' ? {} : (bundle as l10n.l10nJsonFormat) });
}

/** The message in the configured language, its placeholders filled (nested texts and lists worded first). */
export function localize(message: Message, args?: MessageArgs): string {
  if (!args) return l10n.t(message);
  let plain: Record<string, string | number> | undefined;
  for (const key of Object.keys(args)) {
    const arg = args[key];
    if (typeof arg === 'object') (plain ??= { ...(args as Record<string, string | number>) })[key] = wordArg(arg);
  }
  return l10n.t(message, plain ?? (args as Record<string, string | number>));
}

/** A text in the configured language. */
export function word(t: Text): string {
  return localize(t.message, t.args);
}

/**
 * A finding's message (its template and arguments, then its further sentences), joined as the
 * configured language joins sentences.
 */
export function wordMessage(m: Text & { readonly sentences?: readonly Text[] }): string {
  const head = word(m);
  return m.sentences && m.sentences.length > 0 ? [head, ...m.sentences.map(word)].join(SENTENCE_GAP[current]) : head;
}

function wordArg(arg: TextArg): string {
  if (typeof arg !== 'object') return String(arg);
  if (isText(arg)) return word(arg);
  if (isTextList(arg)) return arg.separator === undefined ? joinList(arg.list.map(wordArg)) : arg.list.map(wordArg).join(l10n.t(arg.separator));
  return String(arg);
}

const LIST = {
  item: '{list}, {item}',
  last: '{list} and {item}',
} satisfies Catalogue<string>;

/**
 * What a list template puts between `{list}` and `{item}` ("、", " and " …), when the translation
 * keeps that order with nothing around them; else undefined.
 */
function separatorOf(template: Message): string | undefined {
  const text = l10n.t(template, { list: '\u0000', item: '\u0001' });
  return text.startsWith('\u0000') && text.endsWith('\u0001') ? text.slice(1, -1) : undefined;
}

/**
 * Joins a list for a sentence in the configured language: "a, b and c" / "a、b 和 c". Linear in
 * the length of the result: each template is worded once; a translation that reorders its
 * placeholders is applied item by item instead.
 */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1);
  const last = items[items.length - 1];
  const comma = separatorOf(LIST.item);
  const and = separatorOf(LIST.last);
  if (comma !== undefined && and !== undefined) return head.join(comma) + and + last;
  let list = head[0];
  for (let i = 1; i < head.length; i++) list = l10n.t(LIST.item, { list, item: head[i] });
  return l10n.t(LIST.last, { list, item: last });
}

/** What separates two sentences: a space in English, nothing after a Chinese full stop. */
const SENTENCE_GAP: Readonly<Record<Lang, string>> = { en: ' ', 'zh-cn': '' };
