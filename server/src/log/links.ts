import type { Range } from '../core';
import { maskUrl } from '../core/secrets';

/**
 * The links of a log line: http(s) and ws(s) URLs, and paths of NapCat's config files. Both are
 * found by scanning the line once; nothing here backtracks over more than a bounded stretch, so a
 * line of any length costs time in proportion to its length.
 */

export interface UrlLink {
  readonly kind: 'url';
  readonly range: Range;
  /** The URL as written (what the link opens: the WebUI URL carries its token). */
  readonly url: string;
  /** The URL for display: `token=`, `access_token=` and passwords masked (see `maskUrl`). */
  readonly display: string;
  /** True when `display` differs from `url`: the URL holds a secret. */
  readonly secret: boolean;
}

export type PathStyle = 'posix' | 'windows' | 'relative';

export interface PathLink {
  readonly kind: 'path';
  readonly range: Range;
  /** The path as written (`/app/napcat/config/onebot11_12345.json`, `config\webui.json`, …). */
  readonly path: string;
  readonly style: PathStyle;
  /** The file name (`onebot11_12345.json`). */
  readonly name: string;
}

export type LogLink = UrlLink | PathLink;

const URL_START = /\b(?:https?|wss?):\/\//gi;
/** ANSI colour remnant (`[32m`) right after a URL: not part of it. */
const ANSI_REMNANT = /^\[\d{1,3}(?:;\d{1,3})*m/;

function endsUrl(line: string, i: number): boolean {
  const c = line.charCodeAt(i);
  if (c <= 0x20 || c === 0x7f) return true; // white space and control characters (ESC of a colour code)
  switch (line[i]) {
    case ',':
    case ';':
    case "'":
    case '"':
    case '<':
    case '>':
    case '(':
    case ')':
    case '{':
    case '}':
    case '，':
    case '；':
    case '（':
    case '）':
    case '【':
    case '】':
    case '「':
    case '」':
    case '《':
    case '》':
    case '。':
    case '、':
      return true;
    case ']': {
      const next = line[i + 1];
      return next === undefined || next === ',' || next === '，' || /\s/.test(next);
    }
    case '[':
      return ANSI_REMNANT.test(line.slice(i, i + 12));
    default:
      return false;
  }
}

/** Characters a sentence may put right after a URL, not part of it. */
const TRAILING = /[.:!?]+$/;

/** The URLs of one line, whose first character is at `base` in the text. */
export function urlsOf(line: string, base: number): UrlLink[] {
  if (!line.includes('://')) return [];
  const out: UrlLink[] = [];
  URL_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_START.exec(line))) {
    const start = m.index;
    let end = start + m[0].length;
    while (end < line.length && !endsUrl(line, end)) end++;
    let url = line.slice(start, end);
    url = url.replace(TRAILING, '');
    URL_START.lastIndex = Math.max(end, start + m[0].length);
    if (url.length <= m[0].length) continue; // nothing after `://`
    const display = maskUrl(url);
    out.push({ kind: 'url', range: { offset: base + start, length: url.length }, url, display, secret: display !== url });
  }
  return out;
}

/**
 * NapCat's config files: `onebot11.json`, `onebot11_<uin>.json`, `napcat.json`,
 * `napcat_<uin>.json`, `napcat_protocol_<uin>.json`, `webui.json`. Not followed by more of a name
 * (`webui.json.bak`), though a sentence may end right after it.
 */
const CONFIG_NAME = /(?:onebot11(?:_\d+)?|napcat(?:_protocol)?(?:_\d+)?|webui)\.json(?![\w-]|\.\w)/g;
/** A path is not looked for further left than this (a long line is not scanned backwards). */
const MAX_PATH = 1024;
/** Windows' classic path limit: how far back a drive letter is looked for across spaces. */
const MAX_WINDOWS_PATH = 260;

/** Characters that end a path (built from a string literal: the bundle stays ASCII, see lines.ts). */
const STOP = new RegExp(`[\\s"'<>|()[\\]{},，;；:*?（）【】「」《》。、]`);

function isPathChar(c: string): boolean {
  return !STOP.test(c);
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\w.-]/.test(c);
}

/** A drive letter (`C:`) ending right before `i`, itself not part of a longer word. */
function driveBefore(line: string, i: number): boolean {
  return line[i - 1] === ':' && /[A-Za-z]/.test(line[i - 2] ?? '') && !isWordChar(line[i - 3]) && (line[i] === '\\' || line[i] === '/');
}

/**
 * The config file paths of one line, whose first character is at `base` in the text. `taken`
 * are ranges (line-relative) already linked as URLs; a path inside one is not a path.
 */
export function pathsOf(line: string, base: number, taken: readonly { start: number; end: number }[] = []): PathLink[] {
  if (!line.includes('.json')) return [];
  const out: PathLink[] = [];
  CONFIG_NAME.lastIndex = 0;
  /** Where the previous file name ended: no scan goes back past it, so the line is read once. */
  let floor = 0;
  let m: RegExpExecArray | null;
  while ((m = CONFIG_NAME.exec(line))) {
    const nameStart = m.index;
    const end = nameStart + m[0].length;
    const previousEnd = floor;
    floor = end;
    const before = line[nameStart - 1];
    if (before !== undefined && before !== '/' && before !== '\\' && isWordChar(before)) continue;
    if (taken.some((t) => nameStart < t.end && end > t.start)) continue;
    let start = nameStart;
    if (before === '/' || before === '\\') {
      const limit = Math.max(previousEnd, nameStart - MAX_PATH);
      while (start > limit && isPathChar(line[start - 1])) start--;
      if (start - 2 >= previousEnd && driveBefore(line, start)) start -= 2;
      else if (line[start - 1] === ' ' && line.slice(start, nameStart).includes('\\')) start = windowsStartAcrossSpaces(line, start, previousEnd) ?? start;
    }
    let path = line.slice(start, end);
    let rangeStart = start;
    // `file:///app/napcat/config/webui.json`: the path of a file URL.
    if (/^file:$/i.test(line.slice(start - 5, start))) {
      path = path.replace(/^\/\//, '');
      if (/^\/[A-Za-z]:[\\/]/.test(path)) path = path.slice(1);
      rangeStart = start - 5;
    }
    if (taken.some((t) => rangeStart < t.end && end > t.start)) continue;
    const style: PathStyle = /^[A-Za-z]:[\\/]|^\\\\/.test(path) ? 'windows' : path.startsWith('/') ? 'posix' : 'relative';
    out.push({ kind: 'path', range: { offset: base + rangeStart, length: end - rangeStart }, path, style, name: m[0] });
  }
  return out;
}

/**
 * `C:\Program Files\NapCat\config\onebot11.json`: the scan stopped at a space; a drive letter a
 * little further left, with only path characters and spaces in between, starts the path.
 */
function windowsStartAcrossSpaces(line: string, from: number, floor: number): number | undefined {
  const limit = Math.max(floor + 1, from - MAX_WINDOWS_PATH);
  for (let j = from - 1; j >= limit; j--) {
    const c = line[j];
    if (c === ':') return driveBefore(line, j + 1) ? j - 1 : undefined;
    if (c !== ' ' && !isPathChar(c)) return undefined;
  }
  return undefined;
}
