import type { Catalogue } from '../core';

/**
 * Every user-facing string of the command-line tool, in English and Simplified Chinese.
 * Diagnostic messages themselves come from the core; these are the tool's own words.
 */
export const M = {
  usage: {
    en: `Usage: napcat-config <command> [options]

Commands:
{commands}

Options:
  -h, --help       show this help (or a command's help: napcat-config check --help)
  -v, --version    print the version

Exit codes: 0 no error found, 1 an error-severity finding, 2 a path could not be read or bad usage.`,
    'zh-cn': `用法：napcat-config <命令> [选项]

命令：
{commands}

选项：
  -h, --help       显示帮助（或某个命令的帮助：napcat-config check --help）
  -v, --version    显示版本号

退出码：0 未发现错误；1 发现错误级别的问题；2 有路径无法读取或用法错误。`,
  },
  checkSummary: {
    en: 'check NapCat OneBot 11 config files (onebot11_<uin>.json) and directories',
    'zh-cn': '检查 NapCat OneBot 11 配置文件（onebot11_<uin>.json）及目录',
  },
  checkUsage: {
    en: `Usage: napcat-config check <file|directory>... [options]

Checks NapCat OneBot 11 configs and prints every finding as
  file:line:column severity code message
A directory means every NapCat config below it: files named onebot11.json or
onebot11_<uin>.json, and any .json/.json5/.jsonc file whose content is a NapCat
OneBot config (node_modules and .git are skipped). A file named explicitly is
always checked.

Options:
  --format <text|json>   output format (default: text)
  --lang <en|zh-cn>      message language (default: from LC_ALL / LC_MESSAGES / LANG)
  --target <version>     NapCat version whose behaviour to describe, e.g. 4.8.106 (default: latest = {latest})
  -h, --help             show this help`,
    'zh-cn': `用法：napcat-config check <文件|目录>... [选项]

检查 NapCat OneBot 11 配置，每个问题输出一行：
  文件:行:列 严重程度 代码 说明
目录表示其下所有 NapCat 配置：文件名为 onebot11.json 或 onebot11_<QQ号>.json
的文件，以及内容是 NapCat OneBot 配置的任意 .json/.json5/.jsonc 文件（跳过
node_modules 和 .git）。在命令行中直接指定的文件总会被检查。

选项：
  --format <text|json>   输出格式（默认 text）
  --lang <en|zh-cn>      输出语言（默认取自 LC_ALL / LC_MESSAGES / LANG）
  --target <版本>        按哪个 NapCat 版本的行为进行说明，例如 4.8.106（默认 latest，即 {latest}）
  -h, --help             显示此帮助`,
  },
  unknownCommand: {
    en: "napcat-config: unknown command '{command}'. Run 'napcat-config --help' for the list of commands.",
    'zh-cn': "napcat-config：未知命令 '{command}'。运行 'napcat-config --help' 查看可用命令。",
  },
  missingCommand: {
    en: "napcat-config: no command given. Run 'napcat-config --help' for usage.",
    'zh-cn': "napcat-config：未指定命令。运行 'napcat-config --help' 查看用法。",
  },
  badFormat: {
    en: "--format must be 'text' or 'json', not '{value}'",
    'zh-cn': "--format 只能是 'text' 或 'json'，而不是 '{value}'",
  },
  noPaths: {
    en: 'no file or directory given',
    'zh-cn': '未指定文件或目录',
  },
  unreadable: {
    en: 'napcat-config: cannot read {path}: {reason}',
    'zh-cn': 'napcat-config：无法读取 {path}：{reason}',
  },
  nothingFound: {
    en: 'napcat-config: no NapCat config found in {path}',
    'zh-cn': 'napcat-config：{path} 中没有找到 NapCat 配置',
  },
  summaryClean: {
    en: '{files}: no problems found.',
    'zh-cn': '已检查 {files}，未发现问题。',
  },
  summary: {
    en: '{files}: {problems} ({counts}).',
    'zh-cn': '已检查 {files}，发现 {problems}（{counts}）。',
  },
  files1: { en: '1 file checked', 'zh-cn': '1 个文件' },
  filesN: { en: '{n} files checked', 'zh-cn': '{n} 个文件' },
  problems1: { en: '1 problem', 'zh-cn': '1 个问题' },
  problemsN: { en: '{n} problems', 'zh-cn': '{n} 个问题' },
  errors1: { en: '1 error', 'zh-cn': '1 个错误' },
  errorsN: { en: '{n} errors', 'zh-cn': '{n} 个错误' },
  warnings1: { en: '1 warning', 'zh-cn': '1 个警告' },
  warningsN: { en: '{n} warnings', 'zh-cn': '{n} 个警告' },
  infos1: { en: '1 info', 'zh-cn': '1 个提示' },
  infosN: { en: '{n} infos', 'zh-cn': '{n} 个提示' },
  hints1: { en: '1 hint', 'zh-cn': '1 个建议' },
  hintsN: { en: '{n} hints', 'zh-cn': '{n} 个建议' },
  listSeparator: { en: ', ', 'zh-cn': '，' },
} satisfies Catalogue<string>;
