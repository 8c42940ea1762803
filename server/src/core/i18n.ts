/**
 * Tiny message catalogue for the core. Every user-facing string of the core lives in a
 * `Catalogue`: one English and one Simplified Chinese template per key. TypeScript enforces
 * that both languages define exactly the same keys, so a missing translation is a compile error.
 *
 * Templates use `{name}` placeholders, filled by `format`.
 */
export type Lang = 'en' | 'zh-cn';

export const LANGS: readonly Lang[] = ['en', 'zh-cn'];

/** A pair of templates for one message. */
export interface Message {
  readonly en: string;
  readonly 'zh-cn': string;
}

export type Catalogue<K extends string> = { readonly [key in K]: Message };

export type MessageArgs = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; an unknown placeholder is left as written (never throws). */
export function format(template: string, args: MessageArgs = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole,
  );
}

/** Returns the message in `lang` with its placeholders filled. */
export function localize(message: Message, lang: Lang, args?: MessageArgs): string {
  return format(message[lang], args);
}

/** Normalises a locale string such as `zh-CN`, `zh_CN.UTF-8`, `zh-Hans` or `en-US` to a `Lang`. */
export function toLang(locale: string | undefined): Lang {
  if (!locale) return 'en';
  const l = locale.toLowerCase().replace('_', '-');
  return l.startsWith('zh') ? 'zh-cn' : 'en';
}

/** Joins a list for a sentence in the given language: "a, b and c" / "a、b 和 c". */
export function joinList(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1);
  const last = items[items.length - 1];
  return lang === 'zh-cn' ? `${head.join('、')} 和 ${last}` : `${head.join(', ')} and ${last}`;
}
