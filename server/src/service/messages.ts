import type { Catalogue } from '../core';

/**
 * Every user-facing string of the language server (hover, symbols), in English and Simplified
 * Chinese. Diagnostics bring their own messages from the core. Log lines stay in English.
 */
export const M = {
  // Adapter status
  starts: '✅ NapCat starts this adapter.',
  notStarted: '⛔ NapCat does not start this adapter:',
  writeUp: 'NapCat never reads `reverseWs.connections`: this connection exists only on paper.',
  unreadable: 'NapCat cannot read this file (see the syntax error), so it starts no adapter from it.',
  jsonParseOnly: 'NapCat {version} reads configs with JSON.parse, which rejects the comments or JSON5 syntax of this file.',
  beforeNetwork: 'NapCat {version} does not read `network` (it appeared in v4.1.0).',
  migrated: 'NapCat {version} migrates the legacy keys of this file into `network` and discards the entries written there.',
  discarded: 'NapCat {version} cannot convert `{path}` to {type}: it discards the whole config and starts no adapter.',
  kindTooNew: 'NapCat {version} does not know `{kind}` (added in {since}).',
  notRegisteredKind: 'NapCat registers no `{kind}` entry at start.',
  shadowedList: 'A later `{kind}` key replaces this whole list: NapCat never reads it.',
  notAnObject: 'This entry is not an object.',
  disabled: 'Disabled: `enable` is {value}.',
  disabledMissing: 'Disabled: `enable` is missing (default false).',
  replaced: 'Replaced by `{other}`, which has the same name `{name}`: NapCat keeps only the last enabled adapter of a name.',
  replacedWsServer: 'Its port {port} stays bound all the same, and every client that connects there is closed.',
  pluginManager: 'The name `plugin_manager` replaces NapCat’s plugin manager when a plugins folder exists.',
  // Adapter hover
  logFacts: 'NapCat’s log {file}:',
  openLogLine: 'Open the log at line {line}',
  defaultName: '(default name)',
  effectiveValues: 'Effective values:',
  isDefault: '(default)',
  coercedFrom: '(converted from {raw})',
  notReadBy: 'not read by NapCat {version} (since {since})',
  tokenEmpty: 'empty (no authentication)',
  tokenSet: 'set',
  ignoredKeys: 'Keys NapCat ignores: {keys}',
  asReadBy: 'As read by NapCat {version} (setting `napcat.targetVersion`).',
  // Key hover
  type: 'Type',
  default: 'Default',
  since: 'Since',
  noDefault: 'none (optional)',
  unknownKey: 'NapCat does not know this key and ignores it (since v4.17.44 it is dropped at load).',
  kindList: 'List of {label} adapters; every entry needs a unique `name`.',
  legacyKey: 'A key of the {form}. {status}',
  leakedKey: 'Written at the top level by NapCat v1.6.8–v1.8.x by mistake; NapCat ignores it.',
  formF0: 'flat format of v1.0–v1.3.3',
  formL1: 'legacy format of v1.3.5–v4.0',
  formList: 'bare `reverseWs` URL list',
  formConnections: '`reverseWs.connections` write-up',
  // Legacy status
  f0Read: 'NapCat {version} reads it.',
  f0Ignored: 'NapCat ignores the flat keys since v1.6.0.',
  l1Read: 'NapCat {version} reads it.',
  l1Migrated: 'NapCat {version} migrates it into `network` once, losing data (names, HTTP POST URLs, secrets).',
  l1Ignored: 'NapCat ignores it since v4.4.0: it starts nothing.',
  neverRead: 'NapCat never reads this shape: it starts nothing.',
  legacyConnection: 'legacy `{path}`',
  legacyDisabled: 'Disabled in the legacy section.',
  // Symbols
  symbolDisabled: 'disabled',
  symbolReplaced: 'replaced',
} satisfies Catalogue<string>;
