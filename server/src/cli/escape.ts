/**
 * Text printed by the CLI carries characters taken from files (keys, names, URLs, paths, log
 * lines). A control character among them could move the cursor, retitle the window or clear the
 * screen of the terminal — or of a CI log viewer — that shows it. Every byte the CLI writes passes
 * through `escapeControls` (`escapedIo` in io.ts), so no command can forget it.
 */

/**
 * C0 controls, DEL, C1 controls, and UTF-16 surrogates without their other half (which would be
 * written as U+FFFD, hiding what the file holds).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` with every control character written as `\uXXXX`, except the line structure of printed
 * text: line feeds, tabs, and a carriage return just before a line feed (the CRLF lines of a diff).
 * `\uXXXX` is also JSON's own escape, so JSON output escaped this way parses to the same values.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c, at: number) => {
    if (c === '\n' || c === '\t' || (c === '\r' && text.charCodeAt(at + 1) === 10)) return c;
    return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  });
}
