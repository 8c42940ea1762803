import type { Catalogue } from '../../core';

/**
 * The words of quick fixes and of the rebuild command, in English and Simplified Chinese (the
 * server's language decides). Titles name names, schemes, hosts and ports, never a URL or a value
 * that could hold a token.
 */
export const F = {
  // --- Code action titles
  rebuildLegacy: "Rebuild as NapCat's named `network` config",
  rebuildWhole: 'Rebuild the whole file',
  rebuildSource: 'Rebuild NapCat config',
  fixAll: 'Fix all safe NapCat problems',
  rename: "Rename to '{name}'",
  addName: "Add the name '{name}'",
  replaceScheme: 'Use {scheme}:// in this URL',
  addScheme: 'Add {scheme}:// in front of this URL',
  trimSpaces: 'Remove the white space from this URL',
  replaceHost: 'Connect to {host} instead of {from}',
  movePort: 'Move to the free port {port}',
  messageFormat: "Write '{value}'",
  coercedValue: 'Write {value}, the value NapCat converts this to',
  coercedToken: 'Write this token as a string (NapCat reads the same token)',
  renameKey: 'Rename `{key}` to `{suggestion}`',
  fullWidth: 'Write the full-width characters of this URL as ASCII',
  removeFragment: 'Remove the fragment (#…) from this URL',
  removeDuplicateKey: 'Remove this `{key}` (NapCat reads the later one)',
  // --- Rebuild command (workspace/executeCommand napcat.rebuild)
  rebuildLabel: 'Rebuild NapCat config',
  notOpen: 'The language server does not have this file open; open it in the editor and try again.',
  notNapCat: 'This file is not a NapCat OneBot config, so there is nothing to rebuild.',
  tooLarge: 'This file is above the analysis limit (setting napcat.maxFileSize), so it cannot be rebuilt here.',
  stale: 'The file changed while the rebuild was being prepared; nothing was changed. Run the command again.',
  refused: 'Rebuild refused: {reason}',
  unchanged: "Nothing to rebuild: the file already uses NapCat's named `network` form, with unique names.",
  applied: 'NapCat config rebuilt: {summary}.',
  notApplied: 'The editor did not apply the rebuild{reason}; the file is unchanged.',
} satisfies Catalogue<string>;
