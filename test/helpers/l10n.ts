import type { Lang, Message, MessageArgs, Text } from '../../server/src/core';
import { localize, wordMessage } from '../../server/src/wording';
import { speak } from '../../server/src/files/l10n';

/**
 * Runs `fn` with the process speaking `lang` through the shipped l10n bundle, as the CLI and the
 * language server do, then goes back to English.
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

/** `localize` in `lang`. */
export function say(lang: Lang, message: Message, args?: MessageArgs): string {
  return inLang(lang, () => localize(message, args));
}

/** A finding's whole message (every sentence) in `lang`, as the LSP conversion and the CLI word it. */
export function sayFinding(lang: Lang, finding: Text & { readonly sentences?: readonly Text[] }): string {
  return inLang(lang, () => wordMessage(finding));
}
