import type { Catalogue } from '../core';

/**
 * Every user-facing string of the command-line tool, in English and Simplified Chinese.
 * Diagnostic messages themselves come from the core; these are the tool's own words.
 */
export const M = {
  usage: `Usage: napcat-config <command> [options]

Commands:
{commands}

Options:
  -h, --help       show this help (or a command's help: napcat-config check --help)
  -v, --version    print the version

Exit codes: 0 no error found, 1 an error-severity finding, 2 a path could not be read or bad usage.`,
  checkSummary: 'check NapCat OneBot 11 config files (onebot11_<uin>.json) and directories',
  checkUsage: `Usage: napcat-config check <file|directory>... [options]

Checks NapCat OneBot 11 configs and prints every finding as
  file:line:column severity code message
A directory means every NapCat config below it: files named onebot11.json or
onebot11_<uin>.json, and any .json/.json5/.jsonc file whose content is a NapCat
OneBot config (node_modules and .git are skipped). A file named explicitly is
always checked; - reads standard input. Only regular files are read: a named
pipe is refused (give - and redirect it), and so is a file above --max-size
(bytes are counted while reading). Files are read as NapCat reads them: UTF-8,
each invalid byte sequence as U+FFFD (a note says how many); UTF-16 is refused.
Control characters from files are printed as \\uXXXX.

Options:
  --fix                  first apply the fixes that are always safe (the editor's
                         "Fix all safe NapCat problems"), writing a backup <file>.bak
                         and then the file atomically; the findings and the exit code
                         are those of the fixed file
  --dry-run              with --fix: print the changes as a unified diff (tokens
                         masked) and write nothing
  --force                with --fix: write read-only files too
  --format <text|json>   output format (default: text)
  --max-size <MiB>       largest file to read (default: {maxSize})
  --lang <en|zh-cn>      message language (default: from LC_ALL / LC_MESSAGES / LANG)
  --target <version>     NapCat version whose behaviour to describe, e.g. 4.8.106 (default: latest = {latest})
  -h, --help             show this help

Exit codes: 0 no error found, 1 an error-severity finding, 2 a path could not be
read, a file could not be fixed (syntax error, read-only, not writable), or bad usage.`,
  fixOnly: '{option} goes with --fix',
  unknownCommand: "napcat-config: unknown command '{command}'. Run 'napcat-config --help' for the list of commands.",
  missingCommand: "napcat-config: no command given. Run 'napcat-config --help' for usage.",
  badFormat: "--format must be 'text' or 'json', not '{value}'",
  noPaths: 'no file or directory given',
  unreadable: 'napcat-config: cannot read {path}: {reason}',
  nothingFound: 'napcat-config: no NapCat config found in {path}',
  notUtf8One: 'napcat-config: {path}: 1 byte sequence is not UTF-8; NapCat reads it as U+FFFD (�), and so does this check.',
  notUtf8Many: 'napcat-config: {path}: {n} byte sequences are not UTF-8; NapCat reads each as U+FFFD (�), and so does this check.',
  notRead1: '1 path could not be read.',
  notReadN: '{n} paths could not be read.',
  nothingChecked: 'No file checked: {notRead}',
  summaryClean: '{files}: no problems found.',
  summary: '{files}: {problems} ({counts}).',
  files1: '1 file checked',
  filesN: '{n} files checked',
  problems1: '1 problem',
  problemsN: '{n} problems',
  errors1: '1 error',
  errorsN: '{n} errors',
  warnings1: '1 warning',
  warningsN: '{n} warnings',
  infos1: '1 info',
  infosN: '{n} infos',
  hints1: '1 hint',
  hintsN: '{n} hints',
  listSeparator: ', ',
} satisfies Catalogue<string>;
