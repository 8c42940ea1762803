import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core';
import { applyEdits } from '../../server/src/core/fixes';
import { getLanguageService } from '../../server/src/service/languageService';
import { CLI_FIXTURES, runCli, tempDir } from './run';

/**
 * `napcat-config check --fix [--dry-run] [--force]` on real files: the same edits as the editor's
 * `source.fixAll.napcat`, written with a backup and the file's mode, the findings and exit code
 * of the fixed text; refusals (syntax error, read-only file) that leave the folder as it was.
 */

const FIX = path.join(CLI_FIXTURES, 'fix');
const SECRETS = ['s3cr3t-token-value', 'another-secret-token'];
const listing = (dir: string) => fs.readdirSync(dir).sort();

function put(dir: string, fixture: string, name = fixture): string {
  const to = path.join(dir, name);
  fs.copyFileSync(path.join(FIX, fixture), to);
  return to;
}

/** What the editor's fix-all makes of a text (the service the language server calls). */
function editorFixAll(text: string): string {
  return applyEdits(text, getLanguageService().fixAll(analyze(text)));
}

for (const [fixture, count, titles] of [
  ['onebot11_10001.json', 4, ["Write true, the value NapCat converts this to", 'Add ws:// in front of this URL', "Write 'array'", "Rename to 'koishi-2'"]],
  ['onebot11_10002.json5', 3, ['Write true, the value NapCat converts this to', 'Write 3000, the value NapCat converts this to', 'Remove the white space from this URL']],
] as const) {
  test(`--fix on ${fixture} (comments kept): the editor's fix-all set, a backup, the mode kept, the report of the fixed text`, () => {
    const dir = tempDir('fix');
    const file = put(dir, fixture);
    fs.chmodSync(file, 0o640);
    const original = fs.readFileSync(file);
    const expected = fs.readFileSync(path.join(FIX, `${fixture}.fixed`), 'utf8');
    assert.equal(editorFixAll(original.toString('utf8')), expected, 'the golden file is what the editor applies');
    assert.notEqual(expected, original.toString('utf8'));

    const before = runCli(['check', fixture], { cwd: dir });
    const r = runCli(['check', fixture, '--fix'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(fs.readFileSync(file, 'utf8'), expected);
    assert.ok(fs.readFileSync(file + '.bak').equals(original), 'the backup is byte for byte the original');
    assert.equal(fs.statSync(file).mode & 0o777, 0o640, 'permissions kept');
    assert.deepEqual(listing(dir), [fixture, `${fixture}.bak`], 'no temporary file left');
    assert.ok(r.stdout.startsWith(`${fixture}: fixed ${count} problems (backup of the original: ${fixture}.bak):\n`), r.stdout);
    for (const title of titles) assert.match(r.stdout, new RegExp(`^  \\d+:\\d+ ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    // The report and the exit code are those of the fixed text: what `check` says of it afterwards.
    const after = runCli(['check', fixture], { cwd: dir });
    assert.ok(r.stdout.endsWith(after.stdout), `${r.stdout}\n---\n${after.stdout}`);
    assert.equal(r.status, after.status);
    assert.equal(after.stdout, '1 file checked: no problems found.\n');
    assert.notEqual(before.stdout, after.stdout);
    for (const secret of SECRETS) assert.ok(!r.stdout.includes(secret));

    const again = runCli(['check', fixture, '--fix'], { cwd: dir });
    assert.equal(again.stdout, after.stdout, 'nothing left to fix');
    assert.equal(fs.readFileSync(file, 'utf8'), expected);
    assert.ok(fs.readFileSync(file + '.bak').equals(original), 'the backup is not replaced');
  });
}

test('--fix: a file with an error-severity finding that no safe fix repairs exits 1 before and 0 after; the exit code follows the fixed text', () => {
  const dir = tempDir('fix-exit');
  put(dir, 'onebot11_10001.json');
  assert.equal(runCli(['check', 'onebot11_10001.json'], { cwd: dir }).status, 1, 'napcat.url-scheme is an error');
  assert.equal(runCli(['check', 'onebot11_10001.json', '--fix'], { cwd: dir }).status, 0);
});

test('--fix --dry-run: the unified diff with tokens masked, nothing written, the exit code of the fixed text', () => {
  const dir = tempDir('fix-dry');
  const file = put(dir, 'onebot11_10001.json');
  const original = fs.readFileSync(file);
  const r = runCli(['check', 'onebot11_10001.json', '--fix', '--dry-run'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(listing(dir), ['onebot11_10001.json'], 'no backup, no temporary file');
  assert.ok(fs.readFileSync(file).equals(original), 'the file is unchanged');
  assert.ok(r.stdout.startsWith('--- onebot11_10001.json\n+++ onebot11_10001.json\n@@ '), r.stdout);
  assert.match(r.stdout, /^-        "enable": "true", \/\/ written as a string$/m);
  assert.match(r.stdout, /^\+        "enable": true, \/\/ written as a string$/m);
  assert.match(r.stdout, /^\+        "url": "ws:\/\/127\.0\.0\.1:5140\/onebot\?access_token=\*\*\*",$/m);
  assert.match(r.stdout, /^ {9}"token": "\*\*\*",$/m);
  for (const secret of SECRETS) assert.ok(!r.stdout.includes(secret), 'no token in clear');
  assert.match(r.stdout, /^onebot11_10001\.json: --fix would fix 4 problems \(nothing was written\):$/m);
  assert.ok(r.stdout.endsWith('1 file checked: no problems found.\n'));

  const zh = runCli(['check', 'onebot11_10001.json', '--fix', '--dry-run', '--lang', 'zh-cn'], { cwd: dir });
  assert.match(zh.stdout, /^onebot11_10001\.json：--fix 将修复 4 个问题（未写入任何内容）：$/m);
  assert.ok(fs.readFileSync(file).equals(original));
});

test('--fix refuses a read-only file (exit 2, nothing written) unless --force, which keeps its mode', () => {
  const dir = tempDir('fix-readonly');
  const file = put(dir, 'onebot11_10002.json5');
  fs.chmodSync(file, 0o444);
  const original = fs.readFileSync(file);
  const r = runCli(['check', 'onebot11_10002.json5', '--fix'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'napcat-config check --fix: onebot11_10002.json5 is read-only. Nothing was changed; add --force to write it anyway.\n');
  assert.ok(fs.readFileSync(file).equals(original));
  assert.deepEqual(listing(dir), ['onebot11_10002.json5']);
  // The findings of the file as it is are still reported.
  assert.match(r.stdout, /napcat\.url-spaces/);

  const zh = runCli(['check', 'onebot11_10002.json5', '--fix', '--lang', 'zh-cn'], { cwd: dir });
  assert.equal(zh.status, 2);
  assert.equal(zh.stderr, 'napcat-config check --fix：onebot11_10002.json5 是只读文件。未做任何修改；如仍要写入，请加上 --force。\n');

  const forced = runCli(['check', 'onebot11_10002.json5', '--fix', '--force'], { cwd: dir });
  assert.equal(forced.status, 0, forced.stderr);
  assert.equal(fs.readFileSync(file, 'utf8'), fs.readFileSync(path.join(FIX, 'onebot11_10002.json5.fixed'), 'utf8'));
  assert.equal(fs.statSync(file).mode & 0o777, 0o444, 'still read-only');
  assert.ok(fs.readFileSync(file + '.bak').equals(original));
});

test('--fix refuses a file NapCat cannot read (exit 2, nothing written) and still reports its syntax error', () => {
  const dir = tempDir('fix-broken');
  const file = path.join(dir, 'onebot11_1.json');
  fs.copyFileSync(path.join(CLI_FIXTURES, 'broken.json'), file);
  const original = fs.readFileSync(file);
  const r = runCli(['check', 'onebot11_1.json', '--fix'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'napcat-config check --fix: onebot11_1.json has a syntax error, so nothing is fixed in it. Nothing was changed.\n');
  assert.match(r.stdout, /napcat\.syntax/);
  assert.ok(fs.readFileSync(file).equals(original));
  assert.deepEqual(listing(dir), ['onebot11_1.json']);
  const dry = runCli(['check', 'onebot11_1.json', '--fix', '--dry-run'], { cwd: dir });
  assert.equal(dry.status, 2);
  assert.deepEqual(listing(dir), ['onebot11_1.json']);
});

test('--fix with --format json: stdout stays one JSON document of the fixed file, the list of fixes goes to stderr', () => {
  const dir = tempDir('fix-json');
  put(dir, 'onebot11_10002.json5');
  const r = runCli(['check', 'onebot11_10002.json5', '--fix', '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 0);
  const reports = JSON.parse(r.stdout) as { file: string; diagnostics: unknown[] }[];
  assert.deepEqual(reports.map((x) => [x.file, x.diagnostics.length]), [['onebot11_10002.json5', 0]]);
  assert.match(r.stderr, /^onebot11_10002\.json5: fixed 3 problems/);
});

test('--dry-run and --force go with --fix; --help documents all three in both languages', () => {
  for (const option of ['--dry-run', '--force']) {
    const r = runCli(['check', 'x.json', option]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`${option} goes with --fix`));
  }
  const help = runCli(['check', '--help']);
  for (const option of ['--fix', '--dry-run', '--force']) assert.match(help.stdout, new RegExp(`^  ${option} `, 'm'));
  const zh = runCli(['check', '--help', '--lang', 'zh-cn']);
  assert.match(zh.stdout, /--fix {18}先应用总是安全的修复/);
});
