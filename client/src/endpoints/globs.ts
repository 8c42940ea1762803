import { filesGlob } from '../../../server/src/lsp/protocol';

/**
 * The files the NapCat view looks for, as workspace search globs. Pure; unit-tested.
 */

/** NapCat's own file names (`onebot11.json`, `onebot11_<uin>.json`; the server checks the exact name). */
export const CONFIG_GLOB = '**/onebot11*.{json,jsonc,json5}';

/** Folders never searched. */
export const SEARCH_EXCLUDE = '**/{node_modules,.git}/**';

/**
 * A `napcat.files` pattern as a glob relative to a workspace folder, normalised as the server
 * matches it (`filesGlob`). Absolute patterns (`/srv/…`, `C:/…`) cannot be searched inside a
 * workspace folder: undefined (the server still checks such files when they are opened).
 */
export function searchGlob(pattern: string): string | undefined {
  const g = filesGlob(pattern);
  return g && !g.absolute ? g.glob : undefined;
}
