/**
 * The analysis core: parse → model → rules → findings. No `vscode`, no LSP, no I/O; shared by the
 * language server, the CLI and the tests.
 */
export * from './analyze';
export * from './findings';
export * from './i18n';
export * from './version';
export * from './detect';
export * from './siblings';
export * from './secrets';
export { buildModel, effectiveValue, defaultFor } from './model';
export type { ConfigModel, Adapter, Shape, LegacyForm, LegacyPart, LegacyConnection, Field } from './model';
export { parseText } from './json/parse';
export type { ParsedText, JsonNode, Dialect } from './json/parse';
export * from './schema';
export { LineIndex, type LineCol } from './text/lines';
export { mibPair } from './text/size';
export * from './frameworks';
