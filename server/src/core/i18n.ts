import * as l10n from '@vscode/l10n';

/**
 * Every user-facing string of the server, the probes and the CLI is an English template: the
 * template is the text in English and, as in VS Code's own l10n bundles, the key under which the
 * other languages find their translation (`l10n/bundle.l10n.<lang>.json`, shared with the client).
 * Rules keep their templates in a `Catalogue`; `localize` turns one into text in the language the
 * process was configured for (`@vscode/l10n`: the language server gets its bundle from the client
 * at start, the CLI picks one from `--lang` or the locale). Nothing here reads files: the shells
 * call `useBundle` with the bundle's contents.
 *
 * Templates use `{name}` placeholders. `test/unit/l10n.test.ts` checks that every template of the
 * sources has its translation, with the same placeholders, and that the bundles hold nothing else.
 */
export type Lang = 'en' | 'zh-cn';

/** Every language with a bundle (English is the sources' own). */
export const LANGS: readonly Lang[] = ['en', 'zh-cn'];

/** An English template; also its key in the l10n bundles. */
export type Message = string;

export type Catalogue<K extends string> = { readonly [key in K]: Message };

export type MessageArgs = Readonly<Record<string, string | number>>;

/** The bundle format of `@vscode/l10n` (English template → translation). */
export type Bundle = Readonly<Record<string, string | { readonly message: string; readonly comment?: readonly string[] }>>;

let current: Lang = 'en';

/**
 * Makes `localize` answer in `lang`, translating with `bundle` (English needs none). Called once
 * by each shell at start; tests call it to switch languages.
 */
export function useBundle(lang: Lang, bundle?: Bundle): void {
  current = lang === 'en' || !bundle ? 'en' : lang;
  l10n.config({ contents: current === 'en' ? {} : (bundle as l10n.l10nJsonFormat) });
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written (never throws). */
export function format(template: string, args: MessageArgs = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole,
  );
}

/** The message in the configured language, its placeholders filled. */
export function localize(message: Message, args?: MessageArgs): string {
  return args ? l10n.t(message, args as Record<string, string | number>) : l10n.t(message);
}

/** Normalises a locale string such as `zh-CN`, `zh_CN.UTF-8`, `zh-Hans` or `en-US` to a `Lang`. */
export function toLang(locale: string | undefined): Lang {
  if (!locale) return 'en';
  const l = locale.toLowerCase().replace('_', '-');
  return l.startsWith('zh') ? 'zh-cn' : 'en';
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
  const text = localize(template, { list: '\u0000', item: '\u0001' });
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
  for (let i = 1; i < head.length; i++) list = localize(LIST.item, { list, item: head[i] });
  return localize(LIST.last, { list, item: last });
}

/** What separates two sentences: a space in English, nothing after a Chinese full stop. */
const SENTENCE_GAP: Readonly<Record<Lang, string>> = { en: ' ', 'zh-cn': '' };

/** A message part: a template and its arguments. */
export type Part = readonly [Message, MessageArgs | undefined];

/**
 * Joins the parts, each localized, into one text in the configured language. The result is final
 * text: findings carrying it have no `args`, so text taken from the file (names, URLs) is never
 * formatted twice.
 */
export function compose(parts: readonly Part[]): string {
  return parts.map(([m, args]) => localize(m, args)).join(SENTENCE_GAP[current]);
}
