import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { formatVersion, LATEST, localize, type Catalogue, type Lang, type Message, type MessageArgs, type Version } from '../core';
import { describeSummary, rebuild, type RebuildSummary } from '../core/fixes';
import { answerUsage, isProblem, parseCommandArgs } from './args';
import type { Command, CommandContext } from './command';
import { unifiedDiff } from './diff';
import { EXIT, type ExitCode } from './io';

/**
 * `napcat-config rebuild <file> [--write] [--show-secrets] [--lang en|zh-cn] [--target <version>]`
 *
 * Without `--write`: prints what rebuild would change as a unified diff on stdout (tokens masked
 * unless `--show-secrets`) and the summary on stderr; exits 1 when the file needs changes, 0 when it
 * does not — usable in CI. With `--write`: keeps a backup `<file>.bak` of the original bytes, then
 * replaces the file atomically (a temporary file in the same folder, flushed, then renamed over
 * it), with the original's permissions. Anything that cannot be read, decoded, parsed or written
 * exits 2 with the reason on stderr, and leaves the file — and the folder — as they were.
 *
 * The rebuilt text keeps the original's byte order mark, line endings and every untouched byte; the
 * file is read and written as UTF-8, and a file that is not valid UTF-8 is refused rather than
 * re-encoded.
 */

const M = {
  summary: {
    en: 'rebuild NapCat OneBot 11 configs into named `network` entries (prints a diff, or --write)',
    'zh-cn': '将 NapCat OneBot 11 配置重建为具名 `network` 条目（输出差异，或用 --write 写入）',
  },
  usage: {
    en: `Usage: napcat-config rebuild <file> [options]

Converts a NapCat OneBot 11 config — any legacy shape, missing or duplicate
names — into the named \`network\` form that NapCat v4.1 and later read, with
minimal edits: comments, formatting and every untouched byte stay.

Without --write, prints the changes as a unified diff (tokens masked) and
exits 1 when the file needs them, 0 when it does not.

Options:
  --write                write the result: first a backup <file>.bak, then the
                         file itself, atomically (temporary file + rename)
  --show-secrets         print tokens in the diff as they are (default: ***)
  --lang <en|zh-cn>      message language (default: from LC_ALL / LC_MESSAGES / LANG)
  --target <version>     NapCat version the result is for (default: latest = {latest})
  -h, --help             show this help

Exit codes: 0 nothing to change (or written), 1 changes needed (without --write),
2 the file cannot be read, parsed or written, or bad usage.`,
    'zh-cn': `用法：napcat-config rebuild <文件> [选项]

把 NapCat OneBot 11 配置（任何旧版格式、缺少或重复的名称）转换为 NapCat v4.1
及以后版本读取的具名 \`network\` 格式，只做最小的修改：注释、格式以及所有未改动
的内容都保持原样。

不加 --write 时，以统一差异格式（unified diff）输出修改内容（token 会被遮盖），
文件需要修改时退出码为 1，无需修改时为 0。

选项：
  --write                写入结果：先备份为 <文件>.bak，再以原子方式写入文件本身
                         （临时文件 + 重命名）
  --show-secrets         在差异中原样显示 token（默认显示为 ***）
  --lang <en|zh-cn>      输出语言（默认取自 LC_ALL / LC_MESSAGES / LANG）
  --target <版本>        结果所针对的 NapCat 版本（默认 latest，即 {latest}）
  -h, --help             显示此帮助

退出码：0 无需修改（或已写入）；1 需要修改（未加 --write）；2 文件无法读取、解析
或写入，或用法错误。`,
  },
  oneFile: { en: 'give exactly one file', 'zh-cn': '请指定且只指定一个文件' },
  unreadable: { en: 'napcat-config rebuild: cannot read {path}: {reason}', 'zh-cn': 'napcat-config rebuild：无法读取 {path}：{reason}' },
  notUtf8: {
    en: 'napcat-config rebuild: {path} is not UTF-8 text; NapCat reads configs as UTF-8, and rebuild does not re-encode files. Nothing was changed.',
    'zh-cn': 'napcat-config rebuild：{path} 不是 UTF-8 文本；NapCat 按 UTF-8 读取配置，重建也不会转换文件编码。未做任何修改。',
  },
  refused: { en: 'napcat-config rebuild: {path}: {reason} Nothing was changed.', 'zh-cn': 'napcat-config rebuild：{path}：{reason}未做任何修改。' },
  unwritable: {
    en: 'napcat-config rebuild: cannot write {path}: {reason}. The file was not changed.',
    'zh-cn': 'napcat-config rebuild：无法写入 {path}：{reason}。文件未被修改。',
  },
  changedMeanwhile: {
    en: 'napcat-config rebuild: {path} changed while it was being rebuilt. The file was not changed; run the command again.',
    'zh-cn': 'napcat-config rebuild：重建期间 {path} 被修改了。文件未被修改；请重新运行该命令。',
  },
  unchanged: {
    en: "{path}: already in NapCat's named `network` form with unique names; nothing to change.",
    'zh-cn': '{path}：已经是 NapCat 的具名 `network` 格式，且名称各不相同；无需修改。',
  },
  rebuilt: { en: '{path}: {counts}.', 'zh-cn': '{path}：{counts}。' },
  written: { en: 'Written {path} (backup of the original: {backup}).', 'zh-cn': '已写入 {path}（原文件备份：{backup}）。' },
  needsWrite: {
    en: "Run 'napcat-config rebuild {path} --write' to apply these changes.",
    'zh-cn': "运行 'napcat-config rebuild {path} --write' 以应用这些修改。",
  },
  lineAdded: { en: "  + network.{kind}[{index}] '{name}' ({state}), from {from}", 'zh-cn': "  + network.{kind}[{index}] '{name}'（{state}），来自 {from}" },
  lineRenamed: { en: "  ~ network.{kind}[{index}]: {from} → '{to}'", 'zh-cn': "  ~ network.{kind}[{index}]：{from} → '{to}'" },
  lineRemoved: { en: '  - removed: {keys}', 'zh-cn': '  - 已移除：{keys}' },
  lineSkipped: { en: '  = {from}: already done by {sameAs}', 'zh-cn': '  = {from}：已由 {sameAs} 承担' },
  lineDropped: { en: '  ! {path}: {reason}', 'zh-cn': '  ! {path}：{reason}' },
  enabled: { en: 'enabled', 'zh-cn': '已启用' },
  disabled: { en: 'disabled', 'zh-cn': '未启用' },
  noName: { en: 'no name', 'zh-cn': '无名称' },
  emptyName: { en: "''", 'zh-cn': "''" },
} satisfies Catalogue<string>;

export const rebuildCommand: Command = {
  name: 'rebuild',
  summary: M.summary,
  async run(args, ctx) {
    const parsed = parseRebuildArgs(args, ctx.lang);
    if (isProblem(parsed) || parsed.help) {
      return answerUsage('rebuild', { ...parsed, help: true }, ctx, (lang) => localize(M.usage, lang, { latest: formatVersion(LATEST) }));
    }
    return run(parsed, parsed.lang ?? ctx.lang, ctx);
  },
};

interface RebuildOptions {
  readonly file: string;
  readonly write: boolean;
  readonly showSecrets: boolean;
  readonly lang: Lang | undefined;
  readonly target: Version;
  readonly help: boolean;
}

type Parsed = RebuildOptions | { readonly problem: string; readonly lang: Lang | undefined };

function parseRebuildArgs(args: readonly string[], envLang: Lang): Parsed {
  const a = parseCommandArgs(args, { write: { type: 'boolean' }, 'show-secrets': { type: 'boolean' } }, envLang);
  if (isProblem(a)) return a;
  if (!a.help && a.positionals.length !== 1) return { problem: a.say(M.oneFile), lang: a.lang };
  return {
    file: a.positionals[0] ?? '',
    write: a.values.write === true,
    showSecrets: a.values['show-secrets'] === true,
    lang: a.lang,
    target: a.target,
    help: a.help,
  };
}

async function run(options: RebuildOptions, lang: Lang, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const say = (m: Message, a?: MessageArgs) => localize(m, lang, a);
  const file = options.file;

  let bytes: Buffer;
  let mode: number;
  let real: string;
  try {
    // Write through a symbolic link to the file it points at, not over the link itself.
    real = await fs.realpath(file);
    const stat = await fs.stat(real);
    if (!stat.isFile()) throw Object.assign(new Error('EISDIR: not a regular file'), { code: 'EISDIR' });
    mode = stat.mode & 0o7777;
    bytes = await fs.readFile(real);
  } catch (e) {
    io.stderr(say(M.unreadable, { path: file, reason: reasonOf(e) }) + '\n');
    return EXIT.usage;
  }
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) {
    io.stderr(say(M.notUtf8, { path: file }) + '\n');
    return EXIT.usage;
  }

  const result = rebuild(text, { targetVersion: options.target });
  if (result.kind === 'refused') {
    io.stderr(say(M.refused, { path: file, reason: localize(result.reason, lang) }) + '\n');
    return EXIT.usage;
  }
  if (result.kind === 'unchanged') {
    io.stdout(say(M.unchanged, { path: file }) + '\n');
    return EXIT.ok;
  }

  const summary = summaryLines(file, result.summary, lang);
  if (!options.write) {
    const label = file.split(path.sep).join('/');
    io.stdout(unifiedDiff(text, result.edits, { oldLabel: label, newLabel: label, mapLine: options.showSecrets ? undefined : maskSecrets }));
    io.stderr(summary + say(M.needsWrite, { path: file }) + '\n');
    return EXIT.findings;
  }

  const out = Buffer.from(result.text, 'utf8');
  let backup: Backup | undefined;
  try {
    backup = await writeBackup(real, bytes, mode);
    // Someone else may have saved the file meanwhile: never overwrite what was not rebuilt.
    if (!(await fs.readFile(real)).equals(bytes)) {
      if (backup.created) await fs.rm(backup.path, { force: true });
      io.stderr(say(M.changedMeanwhile, { path: file }) + '\n');
      return EXIT.usage;
    }
    await writeAtomically(real, out, mode);
  } catch (e) {
    if (backup?.created) await fs.rm(backup.path, { force: true }).catch(() => undefined);
    io.stderr(say(M.unwritable, { path: file, reason: reasonOf(e) }) + '\n');
    return EXIT.usage;
  }
  io.stdout(summary + say(M.written, { path: file, backup: backupName(file, backup.path, real) }) + '\n');
  return EXIT.ok;
}

/** The summary block: one line of counts, then one line per added, renamed, removed, skipped and dropped item. */
function summaryLines(file: string, s: RebuildSummary, lang: Lang): string {
  const say = (m: Message, a?: MessageArgs) => localize(m, lang, a);
  const lines = [say(M.rebuilt, { path: file, counts: describeSummary(s, lang) })];
  for (const a of s.added) {
    lines.push(say(M.lineAdded, { kind: a.kind, index: a.index, name: a.name, state: say(a.enabled ? M.enabled : M.disabled), from: a.from }));
  }
  for (const r of s.renamed) {
    const from = r.from === null ? say(M.noName) : r.from === '' ? say(M.emptyName) : `'${r.from}'`;
    lines.push(say(M.lineRenamed, { kind: r.kind, index: r.index, from, to: r.to }));
  }
  if (s.removed.length > 0) lines.push(say(M.lineRemoved, { keys: s.removed.join(', ') }));
  for (const k of s.skipped) lines.push(say(M.lineSkipped, { from: k.from, sameAs: k.sameAs }));
  for (const d of s.dropped) lines.push(say(M.lineDropped, { path: d.path, reason: localize(d.reason, lang) }));
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Secrets in the diff

const SECRET_MEMBER =
  /((["']?)(?:token|secret|httpSecret|accessToken|access_token)\2\s*:\s*)(?:(["'])((?:\\.|(?!\3)[^\\])+)\3|(-?\d[\w.+-]*))/g;
const SECRET_QUERY = /([?&](?:access_token|token|secret)=)[^&#"'\s]+/gi;
const USER_INFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^/:@\s"']*:)[^/@\s"']+@/gi;

/** A diff line with token values, secret query parameters and URL passwords replaced by `***`. */
export function maskSecrets(line: string): string {
  return line
    .replace(SECRET_MEMBER, (_all, head: string, _q, quote: string | undefined) => (quote ? `${head}${quote}***${quote}` : `${head}***`))
    .replace(SECRET_QUERY, '$1***')
    .replace(USER_INFO, '$1***@');
}

// ---------------------------------------------------------------------------------------------
// Writing

interface Backup {
  readonly path: string;
  /** False when an identical backup already existed (it is kept, not rewritten). */
  readonly created: boolean;
}

/**
 * Saves the original bytes next to the file: `<file>.bak`, or — when a different `<file>.bak`
 * already exists, which is never overwritten — the first free `<file>.bak.1`, `.bak.2`, …
 */
async function writeBackup(file: string, bytes: Buffer, mode: number): Promise<Backup> {
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? `${file}.bak` : `${file}.bak.${n}`;
    try {
      await writeNew(candidate, bytes, mode);
      return { path: candidate, created: true };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const existing = await fs.readFile(candidate).catch(() => undefined);
      if (existing?.equals(bytes)) return { path: candidate, created: false };
    }
  }
}

/** Creates `file` (failing with EEXIST if it exists) with `bytes`, flushed; removes it again on failure. */
async function writeNew(file: string, bytes: Buffer, mode: number): Promise<void> {
  const handle = await fs.open(file, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(mode);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true }).catch(() => undefined);
    throw e;
  }
  await handle.close();
}

/**
 * Replaces `file` by `bytes` all at once: a temporary file in the same folder (so the rename stays
 * on one file system) is written, flushed and renamed over it. On failure the temporary file is
 * removed and `file` is untouched.
 */
async function writeAtomically(file: string, bytes: Buffer, mode: number): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeNew(tmp, bytes, mode);
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** The backup's name as the user gave the file (relative stays relative); its real path behind a link. */
function backupName(file: string, backup: string, real: string): string {
  return path.resolve(file) === real && backup.startsWith(real) ? file + backup.slice(real.length) : backup;
}

/** A short reason such as `ENOENT: no such file or directory` (without the path, printed anyway). */
function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') {
    const m = /^([A-Z]+: [^,]+)/.exec(typeof err.message === 'string' ? err.message : '');
    return m ? m[1] : err.code;
  }
  return err instanceof Error ? err.message : String(e);
}
