import { localize, type Lang, type Message, type MessageArgs } from '../../server/src/core';
import { speak } from '../../server/src/files/l10n';

/**
 * Runs `fn` with the process speaking `lang` through the shipped l10n bundle, as the CLI and the
 * language server do, then goes back to English. Findings are worded when they are made, so the
 * analysis belongs inside `fn`.
 */
export function inLang<T>(lang: Lang, fn: () => T): T {
  const problem = speak(lang);
  if (problem) throw new Error(problem);
  try {
    return fn();
  } finally {
    speak('en');
  }
}

/** `localize` in `lang`. Text composed when the finding was made keeps the language of that moment. */
export function say(lang: Lang, message: Message, args?: MessageArgs): string {
  return inLang(lang, () => localize(message, args));
}
