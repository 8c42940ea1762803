/**
 * Whether a `.log` file is a NapCat log, from its first lines (facts §8). Pure: no `vscode`, so
 * the unit tests run it on positive and negative samples.
 *
 * Each line votes once a Docker timestamp (`docker logs -t`), a Compose service prefix
 * (`napcat-1  | `) and ANSI colour codes (or their remnants, `[32m`) are taken off. For NapCat:
 * - a log4js (`2024-11-02 11:38:25 [ERROR]`, ≤ v3.6) or winston (`07-07 10:40:55 [info]`,
 *   v3.6.14+) timestamp and level followed by the account prefix `Bot(12345) |` or a module tag
 *   (`[NapCat]`, `[OneBot]`, `[network]`, `[WebUi]`), or a winston head with a nickname `<nick> |`;
 * - a level-only line with a module tag (`[ERROR] [OneBot] …`);
 * - the WebUI URL line (`WebUi Local Panel Url: …`, `[WebUi] Login Token is …`);
 * - a line of the network summary (`HTTP服务: 0.0.0.0:3000, : 已启动`).
 * Against: a head NapCat never writes (no year with an upper-case level, as NoneBot's loguru
 * does; the year with a lower-case level), or another program's line start (ISO and other
 * timestamps, syslog, an npm debug log, a web server's access log). Nothing: NapCat heads without
 * a tail (NapCat writes those too), stack frames, QR codes, continued messages, level-only lines
 * without a tag.
 *
 * A file is a NapCat log when one of its first `DETECT_LINES` lines votes for NapCat and at least
 * as many vote for it as against it: another program's log that quotes NapCat once stays what it
 * is.
 */

/** How many lines from the start of a document are looked at. */
export const DETECT_LINES = 50;
/** Characters of a line looked at (NapCat's heads are short; a long line's tail is a message). */
const LINE_CAP = 400;

const DOCKER_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})\s+/;
const COMPOSE_PREFIX = /^[A-Za-z0-9][\w.-]*\s*\|\s/;
const ANSI = /\u001b?\[\d{1,3}(?:;\d{1,3})*m/g;

const LEVEL = '(?:debug|info|warn|warning|error|fatal|trace|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|TRACE)';
const TAG = '\\[(?:NapCat|OneBot|network|WebUi|WebUI)\\]';
/** Timestamp (year optional: log4js writes it, winston does not) and level. */
const HEAD = `(\\d{4}-)?\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{3})? \\[(${LEVEL})\\] `;

const TAGGED = new RegExp(`^${HEAD}(?:.{1,64}? \\| )?${TAG}`);
const ACCOUNT = new RegExp(`^${HEAD}Bot\\(\\d{5,12}\\) \\| `);
const NICKNAME = new RegExp(`^${HEAD}\\S.{0,63}? \\| `);
const HEAD_RE = new RegExp(`^${HEAD}`);
const LEVEL_TAGGED = new RegExp(`^\\[${LEVEL}\\] (?:.{1,64}? \\| )?${TAG}`);
const WEBUI = /\bWebU[Ii] (?:(?:Local|User|Public) )?Panel Url: |\[WebU[Ii]\] Login Token is /;
// From a string literal, which the bundler writes as ASCII escapes (see server/src/log/lines.ts).
const SUMMARY = new RegExp('服务: .+, : (?:已启动|未启动)\\s*$');

const FOREIGN = [
  /^\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}/, // ISO, Python logging, nginx error log, go-cqhttp
  /^\[?\d{2}-\d{2} \d{2}:\d{2}:\d{2}/, // MM-DD without NapCat's tail: loguru (NoneBot), …
  /^\[?\d{1,2}:\d{2}:\d{2}/, // a time only
  /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} /, // syslog
  /^\d+ (?:silly|verbose|info|timing|http|notice|warn|error)\b/, // npm debug log
  /^npm (?:ERR!|WARN|info|notice|verb|sill|http)\b/, // npm output
  /^\S+ \S+ \S+ \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:/, // access log (nginx, Apache)
];

/** What one line says: 1 for NapCat, -1 for another program's log, 0 nothing. */
export function lineVote(raw: string): Vote {
  let line = raw.length > LINE_CAP ? raw.slice(0, LINE_CAP) : raw;
  line = line.replace(DOCKER_TIMESTAMP, '').replace(ANSI, '');
  const bare = line.replace(COMPOSE_PREFIX, '');
  const own = ownVote(bare);
  if (own === 1 || (bare !== line && ownVote(line) === 1)) return 1;
  if (own !== undefined) return own;
  return FOREIGN.some((re) => re.test(bare)) ? -1 : 0;
}

type Vote = -1 | 0 | 1;

/**
 * A line in NapCat's own forms: 1 for a NapCat line, 0 for a line NapCat may write too, -1 for a
 * NapCat-like head that NapCat never writes; undefined for a line in none of its forms.
 */
function ownVote(line: string): Vote | undefined {
  if (WEBUI.test(line) || SUMMARY.test(line)) return 1;
  if (line.startsWith('[')) return LEVEL_TAGGED.test(line) ? 1 : undefined;
  const head = HEAD_RE.exec(line);
  if (!head) return undefined;
  if (TAGGED.test(line) || ACCOUNT.test(line)) return 1;
  const year = head[1] !== undefined;
  const lower = head[2] === head[2].toLowerCase();
  // winston (v3.6.14+): no year, lower-case level, the account's nickname before `|`.
  if (!year && lower) return NICKNAME.test(line) ? 1 : 0;
  // log4js (≤ v3.6) wrote the year and upper-case levels, also on lines without an account.
  if (year && !lower) return 0;
  // Anything else is not NapCat's: loguru as NoneBot writes it (no year, upper-case level),
  // winston's default layout with the year and lower-case levels.
  return -1;
}

/** Whether the first lines of a document are those of a NapCat log. */
export function looksLikeNapCatLog(lines: readonly string[]): boolean {
  let ours = 0;
  let theirs = 0;
  for (const line of lines.slice(0, DETECT_LINES)) {
    const vote = lineVote(line);
    if (vote > 0) ours++;
    else if (vote < 0) theirs++;
  }
  return ours > 0 && ours >= theirs;
}

/** The first lines of a text (for callers that have a string rather than a document). */
export function firstLines(text: string, count = DETECT_LINES): string[] {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < count && start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines.push(text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end));
    start = end + 1;
  }
  return lines;
}

/** Languages a `.log` file may have been given before we look at it: VS Code's Log, or plain text. */
export const SWITCHABLE_LANGUAGES: readonly string[] = ['log', 'plaintext'];

/** Whether a document with this language and path is one the detection looks at. */
export function isCandidate(languageId: string, path: string): boolean {
  return SWITCHABLE_LANGUAGES.includes(languageId) && /\.log$/i.test(path);
}
