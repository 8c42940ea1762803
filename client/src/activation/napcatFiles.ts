import { isConfigFileName, mayBeNapCatConfig } from '../../../server/src/lsp/protocol';

/**
 * Whether a document calls for the language server: the client starts it only then, so people
 * who never open a NapCat file pay for nothing but this check. Pure (no `vscode`): unit-tested.
 *
 * The server decides in the end what it analyses; this is the cheaper question "could it be
 * ours?", asked with the server's own name rule and content sniff (server/src/core/detect.ts, re-exported by the protocol module).
 */

/** The languages the server reads configs in (client.ts's document selector). */
export const CONFIG_LANGUAGES: readonly string[] = ['json', 'jsonc', 'json5'];
/** The language of NapCat logs (package.json `contributes.languages`; logs/ gives it to `.log` files). */
export const LOG_LANGUAGE = 'napcat-log';

export interface DocumentFacts {
  readonly languageId: string;
  /** The document's path (any separators), or its name for an untitled document. */
  readonly path: string;
  /** True when a `napcat.files` glob names the document. */
  readonly named: boolean;
  /** The text; read only for config languages whose name says nothing. */
  text(): string;
}

/** Why `doc` is (or may be) a NapCat file, or undefined when it is none of NapCat's. */
export function napcatReason(doc: DocumentFacts): 'log' | 'name' | 'setting' | 'content' | undefined {
  if (doc.languageId === LOG_LANGUAGE) return 'log';
  if (isConfigFileName(doc.path)) return 'name';
  if (doc.named) return 'setting';
  if (CONFIG_LANGUAGES.includes(doc.languageId) && mayBeNapCatConfig(doc.text())) return 'content';
  return undefined;
}
