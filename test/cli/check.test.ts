import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/golden';
import { place, runCli, tempDir } from './run';

/** `file:line:col severity code message` */
const LINE = /^(.+):(\d+):(\d+) (error|warning|info|hint) (napcat\.[a-z0-9-]+) (.+)$/;

interface JsonReport {
  file: string;
  shape: string;
  diagnostics: {
    code: string;
    severity: string;
    message: string;
    range: { start: { line: number; column: number }; end: { line: number; column: number } };
    related?: { message: string; range: unknown }[];
  }[];
}

function json(stdout: string): JsonReport[] {
  const parsed = JSON.parse(stdout) as JsonReport[];
  assert.ok(Array.isArray(parsed), 'JSON output is an array');
  return parsed;
}

test('--help lists the check command and exits 0; --version prints the package version', () => {
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: napcat-config <command>/);
  assert.match(help.stdout, /^ {2}check {3}/m);
  const checkHelp = runCli(['check', '--help']);
  assert.equal(checkHelp.status, 0);
  assert.match(checkHelp.stdout, /--format <text\|json>/);
  const version = runCli(['--version']);
  assert.equal(version.status, 0);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.stdout.trim(), pkg.version);
});

test('text format: one 1-based `file:line:col severity code message` line per finding, then a summary; exit 1 on an error', () => {
  const r = runCli(['check', 'broken.json']);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  const findings = lines.filter((l) => LINE.test(l));
  assert.ok(findings.length >= 1);
  // The missing comma: NapCat's reader stops at the quote opening "debug" (line 9, column 9).
  const syntax = findings.map((l) => LINE.exec(l)!).find((m) => m[5] === 'napcat.syntax');
  assert.ok(syntax, r.stdout);
  assert.deepEqual(syntax.slice(1, 5), ['broken.json', '9', '9', 'error']);
  assert.match(lines[lines.length - 1], /^1 file checked: \d+ problems? \(\d+ errors?.*\)\.$/);
  assert.equal(r.stderr, '');
});

test('json format: an array with one object per file, shape and 1-based ranges', () => {
  const r = runCli(['check', '--format', 'json', 'broken.json', 'clean.json']);
  assert.equal(r.status, 1, r.stderr);
  const reports = json(r.stdout);
  assert.deepEqual(
    reports.map((x) => x.file),
    ['broken.json', 'clean.json'],
  );
  assert.equal(reports[1].shape, 'N4');
  const syntax = reports[0].diagnostics.find((d) => d.code === 'napcat.syntax');
  assert.ok(syntax);
  assert.equal(syntax.severity, 'error');
  assert.deepEqual(syntax.range, { start: { line: 9, column: 9 }, end: { line: 9, column: 10 } });
  assert.match(syntax.message, /NapCat/);
  for (const report of reports) {
    for (const d of report.diagnostics) {
      assert.ok(d.range.start.line >= 1 && d.range.start.column >= 1, `${d.code} range is 1-based`);
      assert.deepEqual(Object.keys(d).filter((k) => !['code', 'severity', 'message', 'range', 'related'].includes(k)), []);
    }
  }
});

test('exit 0 when no finding is an error', () => {
  const r = runCli(['check', 'clean.json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, / error napcat\./);
  assert.match(r.stdout, /^1 file checked: /m);
});

test('a directory: configs found by name and by content; node_modules, .git and other JSON skipped', () => {
  const dir = tempDir('walk');
  place(dir, 'napcat/config/onebot11_20001.json', 'clean.json');
  place(dir, 'napcat/config/onebot11.json', 'clean.json');
  place(dir, 'napcat/config/napcat_20001.json', 'not-napcat.json');
  place(dir, 'docker/bot-config.jsonc', 'by-content.jsonc');
  place(dir, 'docker/package.json', 'not-napcat.json');
  place(dir, 'docker/notes.json', 'sniff-only.json');
  place(dir, 'docker/readme.txt', 'clean.json');
  place(dir, 'node_modules/some-pkg/onebot11_20002.json', 'broken.json');
  place(dir, '.git/onebot11_20003.json', 'broken.json');
  const r = runCli(['check', '--format', 'json', '.'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const files = json(r.stdout).map((x) => x.file);
  assert.deepEqual(files, [
    path.join('docker', 'bot-config.jsonc'),
    path.join('napcat', 'config', 'onebot11.json'),
    path.join('napcat', 'config', 'onebot11_20001.json'),
  ]);
  assert.equal(json(r.stdout)[0].shape, 'N4');
  // Text mode walks the same way and counts the files.
  const text = runCli(['check', dir]);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /^3 files checked: /m);
});

test('a file named explicitly is always checked, whatever its name or content', () => {
  const r = runCli(['check', '--format', 'json', 'not-napcat.json']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    json(r.stdout).map((x) => [x.file, x.shape]),
    [['not-napcat.json', 'unknown']],
  );
});

test('an unreadable path exits 2 with a message on stderr, and the other paths are still checked', () => {
  const r = runCli(['check', 'does-not-exist.json', 'broken.json', '--format', 'json']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read does-not-exist\.json: ENOENT/);
  assert.deepEqual(
    json(r.stdout).map((x) => x.file),
    ['broken.json'],
  );

  // Inside a directory: a config that cannot be read (a dangling link) does not stop the walk.
  const dir = tempDir('unreadable');
  place(dir, 'a/onebot11_20001.json', 'broken.json');
  fs.symlinkSync(path.join(dir, 'nowhere.json'), path.join(dir, 'onebot11_20004.json'));
  place(dir, 'z/onebot11_20005.json', 'clean.json');
  const walk = runCli(['check', '.'], { cwd: dir });
  assert.equal(walk.status, 2);
  assert.match(walk.stderr, /cannot read onebot11_20004\.json/);
  assert.match(walk.stdout, /^a\/onebot11_20001\.json:9:9 error napcat\.syntax /m);
  assert.match(walk.stdout, /^2 files checked: /m);
});

test('an empty directory is not an error, but says that nothing was found', () => {
  const dir = tempDir('empty');
  const r = runCli(['check', dir]);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /no NapCat config found/);
  assert.match(r.stdout, /^0 files checked: no problems found\.$/m);
});

test('--lang zh-cn (or a Chinese locale) prints Chinese messages and summary', () => {
  const cjk = /[\u4e00-\u9fff]/;
  for (const r of [runCli(['check', '--lang', 'zh-cn', 'broken.json']), runCli(['check', 'broken.json'], { env: { LANG: 'zh_CN.UTF-8' } })]) {
    assert.equal(r.status, 1);
    const syntax = r.stdout.split('\n').find((l) => l.includes(' napcat.syntax '));
    assert.ok(syntax && cjk.test(syntax), r.stdout);
    assert.match(r.stdout, /^已检查 1 个文件，发现 \d+ 个问题（\d+ 个错误.*）。$/m);
  }
  // LC_ALL wins over LANG; --lang wins over both.
  assert.doesNotMatch(runCli(['check', 'broken.json'], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' } }).stdout, cjk);
  assert.doesNotMatch(runCli(['check', '--lang', 'en', 'broken.json'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout, cjk);
});

test('--target: a version or latest is accepted; anything else exits 2 with a clear message', () => {
  assert.equal(runCli(['check', '--target', '4.3.0', 'clean.json']).status, 0);
  assert.equal(runCli(['check', '--target', 'latest', 'clean.json']).status, 0);
  assert.equal(runCli(['check', '--target=v4.17.44', 'clean.json']).status, 0);
  const bad = runCli(['check', '--target', 'four', 'clean.json']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /--target must be a NapCat version such as 4\.17\.44 or 'latest', not 'four'/);
  assert.match(runCli(['check', '--target', 'four', '--lang', 'zh-cn', 'clean.json']).stderr, /--target 必须是 NapCat 版本号/);
});

test('bad usage exits 2: unknown option, bad --format or --lang, unknown command, no path', () => {
  const cases: [string[], RegExp][] = [
    [['check', '--fromat', 'json', 'clean.json'], /Unknown option '--fromat'/],
    [['check', '--format', 'xml', 'clean.json'], /--format must be 'text' or 'json', not 'xml'/],
    [['check', '--lang', 'fr', 'clean.json'], /--lang must be 'en' or 'zh-cn', not 'fr'/],
    [['check'], /no file or directory given/],
    [['lint', 'clean.json'], /unknown command 'lint'/],
    [[], /no command given/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});

test('tokens written in a config never appear in the output, in any format or language', () => {
  const secrets = [
    'cli-fixture-legacy-secret',
    'cli-fixture-url-token',
    'cli-fixture-legacy-token',
    '987654321',
    'cli-fixture-adapter-token',
    'cli-fixture-typo-token',
    'cli-fixture-array-token',
  ];
  for (const args of [['--format', 'text'], ['--format', 'json'], ['--lang', 'zh-cn'], ['--format', 'json', '--target', '4.2.0']]) {
    const r = runCli(['check', ...args, 'secrets.json']);
    assert.notEqual(r.status, 2, r.stderr);
    assert.ok(r.stdout.length > 0);
    for (const s of secrets) assert.ok(!(r.stdout + r.stderr).includes(s), `${s} printed with ${args.join(' ')}`);
  }
});

test('cross-file checks: the WebUI port of webui.json and the ports of the other accounts in the folder', () => {
  const dir = tempDir('siblings');
  const account = (servers: object[]) => JSON.stringify({ network: { websocketServers: servers } }, null, 2);
  fs.writeFileSync(path.join(dir, 'webui.json'), '{ "host": "0.0.0.0", "port": 6200, "token": "x" }');
  fs.writeFileSync(path.join(dir, 'onebot11_10001.json'), account([{ name: 'a', enable: true, host: '0.0.0.0', port: 3001, token: 't' }]));
  fs.writeFileSync(
    path.join(dir, 'onebot11_10002.json'),
    account([
      { name: 'b', enable: true, host: '127.0.0.1', port: 3001, token: 't' },
      { name: 'c', enable: true, host: '127.0.0.1', port: 6200, token: 't' },
    ]),
  );
  const r = runCli(['check', '.'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr); // warnings only
  const found = r.stdout
    .split('\n')
    .map((l) => LINE.exec(l))
    .filter((m) => m !== null)
    .map((m) => `${m[1]} ${m[4]} ${m[5]}`);
  assert.deepEqual(found.sort(), [
    'onebot11_10001.json warning napcat.account-port-conflict',
    'onebot11_10002.json warning napcat.account-port-conflict',
    'onebot11_10002.json warning napcat.webui-port',
  ]);
  assert.match(r.stdout, /onebot11_10001\.json:\d+:\d+ warning napcat\.account-port-conflict Port 3001 is also bound by `b` \(websocketServers, 127\.0\.0\.1:3001\) in onebot11_10002\.json/);
  assert.match(r.stdout, /Port 6200 is the WebUI port set in webui\.json/);
  // A file named on the command line reads its folder too.
  const one = runCli(['check', path.join(dir, 'onebot11_10001.json')]);
  assert.match(one.stdout, /napcat\.account-port-conflict/);
  // Without the other account, the file is clean.
  fs.rmSync(path.join(dir, 'onebot11_10002.json'));
  const alone = runCli(['check', '.'], { cwd: dir });
  assert.equal(alone.status, 0);
  assert.doesNotMatch(alone.stdout, /napcat\.account-port-conflict/);
});
