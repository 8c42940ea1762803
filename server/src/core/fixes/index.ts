/**
 * Fixes: pure functions from a config text to text edits. `rebuild` converts a whole file to the
 * named `network` form; the small builders serve the quick fixes of single findings.
 */
export { applyEdits, normalizeEdits, type TextEdit } from './edits';
export {
  rebuild,
  type RebuildOptions,
  type RebuildResult,
  type RebuildSummary,
  type AddedEntry,
  type RenamedEntry,
  type SkippedConnection,
  type DroppedSetting,
} from './rebuild';
export { renameEdit, addNameEdit, suggestUniqueName, deriveName, type NameSource } from './names';
export { detectLayout, type Layout } from './layout';
export { describeSummary } from './summary';
