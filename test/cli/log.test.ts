import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../../server/src/core';
import { DEFAULT_MAX_PER_CODE, LOG_CODES, LOG_MESSAGES as L } from '../../server/src/log';
import { PROBE_MESSAGES as P } from '../../server/src/probe';
import { say } from '../helpers/l10n';
import { CLI_FIXTURES, place, runCli, tempDir } from './run';

/**
 * `napcat-config log` as a child process: exact lines in both languages, JSON, exit codes, the
 * directory walk, unreadable paths, standard input, masked tokens and a log too large to hold.
 */

/** `file:line:col severity code message` */
const LINE = /^(.+):(\d+):(\d+) (error|warning|info|hint) (napcat\.[a-z0-9-]+) (.+)$/;
const TOKENS = ['cli-log-webui-token', 'cli-log-access-token'];

interface JsonLogReport {
  file: string;
  diagnostics: {
    code: string;
    severity: string;
    message: string;
    range: { start: { line: number; column: number }; end: { line: number; column: number } };
    count: number;
    related?: { message: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }[];
  }[];
}

function json(stdout: string): JsonLogReport[] {
  const parsed = JSON.parse(stdout) as JsonLogReport[];
  assert.ok(Array.isArray(parsed), 'JSON output is an array');
  return parsed;
}

/** What `log napcat.log` prints in `lang`, line by line (test/fixtures/cli/napcat.log). */
function expectedLines(lang: Lang, file = 'napcat.log'): string[] {
  return [
    `${file}:6:151 warning ${LOG_CODES.refused} ` +
      say(lang, P.refusedClient, { address: '127.0.0.1:8080' }) +
      say(lang, P.refusedLoopbackClient, { host: '127.0.0.1' }) +
      say(lang, L.repeated, { count: 3 }),
    `    ${file}:14:151 ${say(lang, L.lastOccurrence, { count: 3 })}`,
    `${file}:8:70 error ${LOG_CODES.portInUse} ${say(lang, L.portInUse, { address: '0.0.0.0:3001', code: 'EADDRINUSE' })}`,
    `${file}:9:65 error ${LOG_CODES.portDenied} ${say(lang, L.portDeniedLow, { address: '0.0.0.0:80', port: 80, code: 'EACCES' })}`,
    `${file}:13:142 warning ${LOG_CODES.handshakeTimeout} ${say(lang, L.handshakeTimeout, { url: 'wss://bot.example:8443/ws?access_token=***' })}`,
  ];
}

test('--help: the command is listed and has its own usage; exit 0', () => {
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^ {2}log +explain the connection errors in NapCat log files/m);
  const own = runCli(['log', '--help']);
  assert.equal(own.status, 0);
  assert.equal(own.stderr, '');
  assert.match(own.stdout, /^Usage: napcat-config log <file\|directory>\.\.\. \[options\]$/m);
  assert.match(own.stdout, /--format <text\|json>/);
  assert.match(own.stdout, new RegExp(`at most ${DEFAULT_MAX_PER_CODE} different errors`));
  assert.match(runCli(['log', '-h', '--lang', 'zh-cn']).stdout, /^用法：napcat-config log <文件\|目录>/m);
});

test('text: one line per finding (its last occurrence indented below), a summary; exit 1 on a server that did not start', () => {
  const r = runCli(['log', 'napcat.log']);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, '');
  assert.deepEqual(r.stdout.split('\n'), [...expectedLines('en'), '1 log file read: 4 problems (2 errors, 2 warnings).', '']);
  // Every finding line is `file:line:col severity code message`, so tools matching it see one per finding.
  assert.equal(r.stdout.split('\n').filter((l) => LINE.test(l)).length, 4);
});

test('--lang zh-cn (or a Chinese locale): the same lines in Chinese', () => {
  for (const r of [runCli(['log', '--lang', 'zh-cn', 'napcat.log']), runCli(['log', 'napcat.log'], { env: { LANG: 'zh_CN.UTF-8' } })]) {
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(r.stdout.split('\n'), [...expectedLines('zh-cn'), '已检查 1 个日志文件，发现 4 个问题（2 个错误，2 个警告）。', '']);
  }
  assert.match(runCli(['log', '--lang', 'zh-cn', 'napcat.log']).stdout, /没有权限在 0\.0\.0\.0:80 上监听/);
});

test('json: one object per file with 1-based ranges, the count of lines each finding stands for, and the last occurrence', () => {
  const r = runCli(['log', '--format', 'json', 'napcat.log']);
  assert.equal(r.status, 1, r.stderr);
  const reports = json(r.stdout);
  assert.deepEqual(
    reports.map((x) => Object.keys(x)),
    [['file', 'diagnostics']],
  );
  const [report] = reports;
  assert.equal(report.file, 'napcat.log');
  assert.deepEqual(
    report.diagnostics.map((d) => [d.code, d.severity, d.range.start, d.count]),
    [
      [LOG_CODES.refused, 'warning', { line: 6, column: 151 }, 3],
      [LOG_CODES.portInUse, 'error', { line: 8, column: 70 }, 1],
      [LOG_CODES.portDenied, 'error', { line: 9, column: 65 }, 1],
      [LOG_CODES.handshakeTimeout, 'warning', { line: 13, column: 142 }, 1],
    ],
  );
  // Each range is the text of the error in the log; `end` is the position just after it.
  const text = fs.readFileSync(path.join(CLI_FIXTURES, 'napcat.log'), 'utf8').split('\n');
  const covered = (r: { start: { line: number; column: number }; end: { line: number; column: number } }) => {
    assert.equal(r.end.line, r.start.line);
    return text[r.start.line - 1].slice(r.start.column - 1, r.end.column - 1);
  };
  assert.deepEqual(report.diagnostics.map((d) => covered(d.range)), [
    'connect ECONNREFUSED 127.0.0.1:8080',
    'listen EADDRINUSE: address already in use 0.0.0.0:3001',
    'listen EACCES: permission denied 0.0.0.0:80',
    'Opening handshake has timed out',
  ]);
  for (const d of report.diagnostics) assert.deepEqual(Object.keys(d).filter((k) => !['code', 'severity', 'message', 'range', 'count', 'related'].includes(k)), []);
  assert.deepEqual(
    report.diagnostics[0].related?.map((r) => [r.message, r.range.start, covered(r.range)]),
    [['The last of 3 occurrences', { line: 14, column: 151 }, 'connect ECONNREFUSED 127.0.0.1:8080']],
  );
  // The same messages as the text lines.
  assert.deepEqual(
    report.diagnostics.map((d) => d.message),
    expectedLines('en')
      .filter((l) => LINE.test(l))
      .map((l) => LINE.exec(l)![6]),
  );
});

test('tokens in the log (WebUI URL, access_token) are never printed whole, in any format or language', () => {
  for (const args of [[], ['--format', 'json'], ['--lang', 'zh-cn'], ['--format', 'json', '--lang', 'zh-cn']]) {
    const r = runCli(['log', ...args, 'napcat.log']);
    assert.equal(r.status, 1);
    for (const token of TOKENS) assert.ok(!(r.stdout + r.stderr).includes(token), `${token} printed with ${args.join(' ')}`);
    assert.match(r.stdout, /access_token=\*\*\*/);
  }
});

test('exit 0 when no finding is an error; a log without connection errors is not a problem', () => {
  const dir = tempDir('log-ok');
  fs.writeFileSync(path.join(dir, 'quiet.log'), '07-07 10:40:55 [info] 小明 | [NapCat] [Core] 登录成功\n');
  const quiet = runCli(['log', 'quiet.log'], { cwd: dir });
  assert.equal(quiet.status, 0);
  assert.equal(quiet.stdout, '1 log file read: no problems found.\n');
  const warnings = runCli(['log', path.join('..', 'logs', 'winston.log')]);
  assert.equal(warnings.status, 0, warnings.stdout + warnings.stderr);
  assert.match(warnings.stdout, /^1 log file read: 4 problems \(4 warnings\)\.$/m);
});

test('a directory: every *.log file below it in name order; node_modules, .git and other files skipped', () => {
  const dir = tempDir('log-walk');
  place(dir, 'napcat/logs/2025-03-06_16-01-02.log', 'napcat.log');
  fs.writeFileSync(path.join(dir, 'napcat/logs/OLD.LOG'), '[INFO] [NapCat] start\n');
  place(dir, 'napcat/logs/notes.txt', 'napcat.log');
  place(dir, 'napcat/config/onebot11_12345.json', 'clean.json');
  place(dir, 'napcat/node_modules/pkg/debug.log', 'napcat.log');
  place(dir, '.git/x.log', 'napcat.log');
  place(dir, 'docker.log', 'napcat.log');
  const r = runCli(['log', '--format', 'json', '.'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, '');
  const reports = json(r.stdout);
  assert.deepEqual(
    reports.map((x) => [x.file, x.diagnostics.length]),
    [
      ['docker.log', 4],
      [path.join('napcat', 'logs', '2025-03-06_16-01-02.log'), 4],
      [path.join('napcat', 'logs', 'OLD.LOG'), 0],
    ],
  );
  // Text: the NapCat folder's logs, with the paths as reached, and the files counted.
  const text = runCli(['log', 'napcat'], { cwd: dir });
  assert.equal(text.status, 1);
  assert.deepEqual(text.stdout.split('\n'), [...expectedLines('en', path.join('napcat', 'logs', '2025-03-06_16-01-02.log')), '2 log files read: 4 problems (2 errors, 2 warnings).', '']);
  // A folder without logs is no error, but says so.
  const none = runCli(['log', path.join(dir, 'napcat', 'config')]);
  assert.equal(none.status, 0);
  assert.match(none.stderr, /^napcat-config: no log file \(\*\.log\) found in .*config$/m);
  assert.equal(none.stdout, '0 log files read: no problems found.\n');
  assert.match(runCli(['log', '--lang', 'zh-cn', path.join(dir, 'napcat', 'config')]).stderr, /中没有找到日志文件（\*\.log）/);
});

test('an unreadable path exits 2 with the reason on stderr; the other paths are still read', () => {
  const r = runCli(['log', 'missing.log', 'napcat.log']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'napcat-config: cannot read missing.log: ENOENT: no such file or directory\n');
  assert.deepEqual(r.stdout.split('\n'), [...expectedLines('en'), '1 log file read: 4 problems (2 errors, 2 warnings).', '']);
  assert.equal(runCli(['log', '--format', 'json', 'missing.log']).stdout, '[]\n');

  // Inside a directory: a *.log link that leads nowhere does not stop the walk.
  const dir = tempDir('log-unreadable');
  place(dir, 'logs/a.log', 'napcat.log');
  fs.symlinkSync(path.join(dir, 'nowhere.log'), path.join(dir, 'logs', 'b.log'));
  place(dir, 'logs/c.log', 'napcat.log');
  const walk = runCli(['log', 'logs'], { cwd: dir });
  assert.equal(walk.status, 2);
  assert.match(walk.stderr, /^napcat-config: cannot read logs\/b\.log: ENOENT/);
  assert.match(walk.stdout, /^logs\/c\.log:9:65 error napcat\.log-port-denied /m);
  assert.match(walk.stdout, /^2 log files read: 8 problems \(4 errors, 4 warnings\)\.$/m);
});

test('a file that cannot be opened exits 2', { skip: process.getuid?.() === 0 ? 'root reads any file' : false }, () => {
  const dir = tempDir('log-denied');
  const file = place(dir, 'secret.log', 'napcat.log');
  fs.chmodSync(file, 0o000);
  const r = runCli(['log', 'secret.log'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read secret\.log: EACCES/);
});

test('standard input: - reads what is piped in (docker logs napcat 2>&1 | napcat-config log -)', () => {
  const input = fs.readFileSync(path.join(CLI_FIXTURES, 'napcat.log'), 'utf8');
  const r = runCli(['log', '-'], { input });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(r.stdout.split('\n'), [...expectedLines('en', '<stdin>'), '1 log file read: 4 problems (2 errors, 2 warnings).', '']);
  // With files, in the order given.
  const both = runCli(['log', '--format', 'json', 'napcat.log', '-'], { input: '[ERROR] [OneBot] Error: listen EADDRNOTAVAIL: address not available 10.1.2.3:3000\n' });
  assert.deepEqual(
    json(both.stdout).map((x) => [x.file, x.diagnostics.map((d) => d.code)]),
    [
      ['napcat.log', [LOG_CODES.refused, LOG_CODES.portInUse, LOG_CODES.portDenied, LOG_CODES.handshakeTimeout]],
      ['<stdin>', [LOG_CODES.addressNotAvailable]],
    ],
  );
});

test('bad usage exits 2: no path, a bad --format or --lang, an unknown option', () => {
  const cases: [string[], RegExp][] = [
    [['log'], /^napcat-config log: no file or directory given\. Run 'napcat-config log --help' for usage\.$/m],
    [['log', '--format', 'xml', 'napcat.log'], /--format must be 'text' or 'json', not 'xml'/],
    [['log', '--lang', 'fr', 'napcat.log'], /--lang must be 'en' or 'zh-cn', not 'fr'/],
    [['log', '--json', 'napcat.log'], /Unknown option '--json'/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
  }
});

test('a log too large to hold: streamed, and the output stays small whatever the size', () => {
  const dir = tempDir('log-huge');
  const file = path.join(dir, 'huge.log');
  const fd = fs.openSync(file, 'w');
  let lines = 0;
  let refused = 0;
  let denied = 0;
  try {
    // About 50 MiB of distinct errors: each port is another error, so only the limits keep the output small.
    for (let block = 0; block < 160; block++) {
      const out: string[] = [];
      for (let k = 0; k < 2500; k++, lines++) {
        const i = lines;
        const host = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        if (i % 3 === 0) {
          refused++;
          out.push(`07-07 10:40:55 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://${host}:8080/ws?access_token=huge-secret-${i}) 连接错误 Error: connect ECONNREFUSED ${host}:8080`);
        } else if (i % 3 === 1) {
          out.push('    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)');
        } else {
          denied++;
          out.push(`07-07 10:40:56 [warn] 小明 | [OneBot] [Http Server] Server Error: listen EACCES: permission denied ${host}:3000 ${'.'.repeat(60)}`);
        }
      }
      fs.writeSync(fd, out.join('\n') + '\n');
    }
    // A line of 8 MiB without a break (a dumped payload), then one more error whose position must be right.
    fs.writeSync(fd, '[ERROR] [OneBot] Error: listen EADDRINUSE: address already in use 0.0.0.0:3001 ');
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 8; i++) fs.writeSync(fd, chunk);
    fs.writeSync(fd, ' Error: connect ECONNREFUSED 10.9.9.9:1\n');
    fs.writeSync(fd, '  [ERROR] [OneBot] [Http Server] Server Error: listen EADDRNOTAVAIL: address not available 192.168.1.20:3000\n');
  } finally {
    fs.closeSync(fd);
  }
  assert.ok(fs.statSync(file).size > 56 * 1024 * 1024, `${fs.statSync(file).size} bytes`);

  const r = runCli(['log', 'huge.log'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, '');
  assert.ok(r.stdout.length < 64 * 1024, `${r.stdout.length} characters of output`);
  const found = r.stdout
    .split('\n')
    .map((l) => LINE.exec(l))
    .filter((m) => m !== null);
  const codes = (code: string) => found.filter((m) => m[5] === code).length;
  assert.equal(codes(LOG_CODES.refused), DEFAULT_MAX_PER_CODE);
  assert.equal(codes(LOG_CODES.portDenied), DEFAULT_MAX_PER_CODE);
  assert.equal(codes(LOG_CODES.moreFindings), 2);
  assert.match(r.stdout, new RegExp(`This log has ${refused - DEFAULT_MAX_PER_CODE} more lines with errors of this kind \\(${LOG_CODES.refused}\\)`));
  assert.match(r.stdout, new RegExp(`This log has ${denied - DEFAULT_MAX_PER_CODE} more lines with errors of this kind \\(${LOG_CODES.portDenied}\\)`));
  // The long line's own error, and the line after it at its place.
  assert.match(r.stdout, new RegExp(`^huge\\.log:${lines + 1}:25 error ${LOG_CODES.portInUse} `, 'm'));
  assert.match(r.stdout, new RegExp(`^huge\\.log:${lines + 2}:48 error ${LOG_CODES.addressNotAvailable} `, 'm'));
  assert.ok(!r.stdout.includes('huge-secret-'), 'tokens masked');
  assert.match(r.stdout, /^1 log file read: 44 problems \(22 errors, 20 warnings, 2 infos\)\.$/m);
});
