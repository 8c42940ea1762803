/**
 * Every user-facing string of the server, the probes and the CLI is an English template: the
 * template is the text in English and, as in VS Code's own l10n bundles, the key under which the
 * other languages find their translation (`l10n/bundle.l10n.<lang>.json`, shared with the client).
 * Rules keep their templates in a `Catalogue`.
 *
 * The core never words anything: a finding carries its template and arguments, and an argument
 * may itself be a text (`Text`), a list of items (`TextList`, worded "a, b and c" / "a、b 和 c") or
 * a template with arguments. A finding made of several sentences carries the first as its message
 * and the others as `sentences`. Wording happens where a message is shown, in the language the
 * process speaks (`server/src/wording`). So `analyze(text)` is a function of its inputs.
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

/** A template and its arguments, worded where it is shown. */
export interface Text {
  readonly message: Message;
  readonly args?: MessageArgs;
}

/** Items joined for a sentence: "a, b and c" in English, "a、b 和 c" in Chinese. */
export interface TextList {
  readonly list: readonly TextArg[];
  /** Joins the items with this template instead (e.g. '; '), without "and" before the last. */
  readonly separator?: Message;
}

/** An argument: text taken as it is (names, URLs, numbers), or something to word first. */
export type TextArg = string | number | Text | TextList;

export type MessageArgs = Readonly<Record<string, TextArg>>;

/** The bundle format of `@vscode/l10n` (English template → translation). */
export type Bundle = Readonly<Record<string, string | { readonly message: string; readonly comment?: readonly string[] }>>;

/** A text to word where it is shown. */
export function text(message: Message, args?: MessageArgs): Text {
  return args ? { message, args } : { message };
}

/** A list argument. */
export function list(items: readonly TextArg[], separator?: Message): TextList {
  return separator === undefined ? { list: items } : { list: items, separator };
}

export function isText(arg: TextArg): arg is Text {
  return typeof arg === 'object' && 'message' in arg;
}

export function isTextList(arg: TextArg): arg is TextList {
  return typeof arg === 'object' && 'list' in arg;
}

/** Fills `{name}` placeholders with plain arguments; an unknown placeholder is left as written (never throws). */
export function format(template: string, args: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole,
  );
}

/** Normalises a locale string such as `zh-CN`, `zh_CN.UTF-8`, `zh-Hans` or `en-US` to a `Lang`. */
export function toLang(locale: string | undefined): Lang {
  if (!locale) return 'en';
  const l = locale.toLowerCase().replace('_', '-');
  return l.startsWith('zh') ? 'zh-cn' : 'en';
}
