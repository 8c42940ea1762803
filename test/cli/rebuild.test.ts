import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { unifiedDiff } from '../../server/src/cli/diff';
import { applyEdits, normalizeEdits, rebuild } from '../../server/src/core/fixes';
import { FIXTURES } from '../helpers/golden';
import { CLI, runCli, tempDir } from './run';

/**
 * `napcat-config rebuild`: the diff, exit codes, the backup and the atomic write, and refusals
 * that leave the folder exactly as it was.
 */

const FIXES = path.join(FIXTURES, 'fixes');
const SECRET = 's3cr3t-t0ken-value';

/** Copies a fixture of test/fixtures/fixes into `dir` under `name`. */
function put(dir: string, fixture: string, name = fixture): string {
  const to = path.join(dir, name);
  fs.copyFileSync(path.join(FIXES, fixture), to);
  return to;
}

function rebuilt(file: string): string {
  const r = rebuild(fs.readFileSync(file, 'utf8'));
  assert.equal(r.kind, 'rebuilt');
  return r.kind === 'rebuilt' ? r.text : '';
}

const listing = (dir: string) => fs.readdirSync(dir).sort();

/** `patch` applies a diff to a copy of `file`; returns the patched text. */
function patched(dir: string, file: string, diff: string): string {
  const diffFile = path.join(dir, 'changes.diff');
  fs.writeFileSync(diffFile, diff);
  const out = path.join(dir, 'patched.out');
  const r = spawnSync('patch', ['-s', '-o', out, file, diffFile], { encoding: 'utf8' });
  assert.equal(r.status, 0, `patch failed: ${r.stdout}${r.stderr}`);
  const text = fs.readFileSync(out, 'utf8');
  fs.rmSync(out);
  fs.rmSync(diffFile);
  return text;
}

const hasPatch = spawnSync('patch', ['--version']).status === 0;

test('--help: rebuild is in the command list and has its own help', () => {
  const help = runCli(['--help']);
  assert.match(help.stdout, /^ {2}rebuild {3}/m);
  const own = runCli(['rebuild', '--help']);
  assert.equal(own.status, 0);
  assert.match(own.stdout, /Usage: napcat-config rebuild <file>/);
  assert.match(own.stdout, /--write/);
  const zh = runCli(['rebuild', '--help', '--lang', 'zh-cn']);
  assert.match(zh.stdout, /用法：napcat-config rebuild <文件>/);
});

test('without --write: a unified diff that patch applies to give the rebuilt text; exit 1; the file untouched', { skip: !hasPatch && 'no patch(1)' }, () => {
  const dir = tempDir('rebuild-diff');
  const file = put(dir, 'onebot11_10001.json');
  const before = fs.readFileSync(file);
  const r = runCli(['rebuild', 'onebot11_10001.json', '--show-secrets'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^--- onebot11_10001\.json\n\+\+\+ onebot11_10001\.json\n@@ -1,28 \+1,\d+ @@\n/);
  assert.equal(patched(dir, file, r.stdout), rebuilt(file));
  assert.ok(fs.readFileSync(file).equals(before), 'the file is untouched');
  assert.deepEqual(listing(dir), ['onebot11_10001.json'], 'nothing else written');
  // The summary goes to stderr (stdout stays a clean patch), in English here.
  assert.match(r.stderr, /^onebot11_10001\.json: 6 entries added, 8 legacy keys removed\.\n/);
  assert.match(r.stderr, /\+ network\.websocketClients\[2\] 'astrbot-6199' \(enabled\), from reverseWs\.urls\[2\]/);
  assert.match(r.stderr, /- removed: http, ws, reverseWs, debug, heartInterval, messagePostFormat, reportSelfMessage, token/);
  assert.match(r.stderr, /--write' to apply these changes/);
});

test('the diff masks tokens unless --show-secrets; the summary follows --lang', () => {
  const dir = tempDir('rebuild-mask');
  put(dir, 'onebot11_10001.json');
  const r = runCli(['rebuild', 'onebot11_10001.json', '--lang', 'zh-cn'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.ok(!r.stdout.includes(SECRET) && !r.stdout.includes('post-signing-secret'), 'no token in the diff');
  assert.match(r.stdout, /^-  "token": "\*\*\*"\n/m);
  assert.match(r.stdout, /^\+ {8}"token": "\*\*\*",\n/m);
  assert.match(r.stderr, /^onebot11_10001\.json：新增 6 个条目，移除 8 个旧版键。\n/);
  assert.match(r.stderr, /（已启用），来自 reverseWs\.urls\[0\]/);
  assert.ok(!r.stderr.includes(SECRET));
});

test('CRLF, tabs, BOM and Chinese comments: the diff keeps each line ending and patch gives the rebuilt bytes', { skip: !hasPatch && 'no patch(1)' }, () => {
  const dir = tempDir('rebuild-crlf');
  const file = put(dir, 'bom-crlf.json', 'onebot11_1.json');
  const r = runCli(['rebuild', 'onebot11_1.json', '--show-secrets'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /\r\n/, 'lines keep their CRLF');
  assert.equal(patched(dir, file, r.stdout), rebuilt(file));
});

test('a file that needs nothing: exit 0, no diff, no file written', () => {
  const dir = tempDir('rebuild-clean');
  put(dir, 'named.json', 'onebot11_1.json');
  for (const args of [['rebuild', 'onebot11_1.json'], ['rebuild', 'onebot11_1.json', '--write']]) {
    const r = runCli(args, { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "onebot11_1.json: already in NapCat's named `network` form with unique names; nothing to change.\n");
    assert.deepEqual(listing(dir), ['onebot11_1.json']);
  }
});

test('--write: a .bak identical to the original, the rebuilt text written atomically with the same mode; then nothing to do', () => {
  const dir = tempDir('rebuild-write');
  const file = put(dir, 'onebot11_10001.json');
  fs.chmodSync(file, 0o640);
  const original = fs.readFileSync(file);
  const expected = rebuilt(file);
  const r = runCli(['rebuild', 'onebot11_10001.json', '--write'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^onebot11_10001\.json: 6 entries added, 8 legacy keys removed\.\n/);
  assert.match(r.stdout, /Written onebot11_10001\.json \(backup of the original: onebot11_10001\.json\.bak\)\.\n$/);
  assert.deepEqual(listing(dir), ['onebot11_10001.json', 'onebot11_10001.json.bak'], 'no temporary file left');
  assert.ok(fs.readFileSync(file + '.bak').equals(original), 'the backup is byte for byte the original');
  assert.equal(fs.readFileSync(file, 'utf8'), expected);
  assert.equal(fs.statSync(file).mode & 0o777, 0o640, 'permissions kept');

  const again = runCli(['rebuild', 'onebot11_10001.json', '--write'], { cwd: dir });
  assert.equal(again.status, 0);
  assert.match(again.stdout, /nothing to change/);
  assert.ok(fs.readFileSync(file + '.bak').equals(original), 'the backup is not replaced');
});

test('--write keeps the BOM and CRLF line endings; an existing, different .bak is never overwritten', () => {
  const dir = tempDir('rebuild-bom');
  const file = put(dir, 'bom-crlf.json', 'onebot11_1.json');
  fs.writeFileSync(file + '.bak', 'an older backup\n');
  const original = fs.readFileSync(file);
  const r = runCli(['rebuild', file, '--write', '--lang', 'zh-cn']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /原文件备份：.*onebot11_1\.json\.bak\.1）。\n$/);
  assert.equal(fs.readFileSync(file + '.bak', 'utf8'), 'an older backup\n');
  assert.ok(fs.readFileSync(file + '.bak.1').equals(original));
  const written = fs.readFileSync(file);
  assert.deepEqual([...written.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
  const text = written.toString('utf8');
  assert.equal(text, rebuilt(file + '.bak.1'));
  assert.ok(!/[^\r]\n/.test(text), 'only CRLF line endings');
  assert.match(text, /反向 WS：机器人框架/);
});

test('a file NapCat cannot read: exit 2 with the reason; nothing written, no .bak, no temporary file', () => {
  const dir = tempDir('rebuild-broken');
  const file = put(dir, 'broken.json', 'onebot11_1.json');
  const original = fs.readFileSync(file);
  for (const args of [['rebuild', 'onebot11_1.json'], ['rebuild', 'onebot11_1.json', '--write']]) {
    const r = runCli(args, { cwd: dir });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^napcat-config rebuild: onebot11_1\.json: NapCat cannot read this file \(line 6, column 3: unexpected .+\)\. .*Nothing was changed\.\n$/);
    assert.ok(fs.readFileSync(file).equals(original));
    assert.deepEqual(listing(dir), ['onebot11_1.json']);
  }
  const zh = runCli(['rebuild', 'onebot11_1.json', '--write', '--lang', 'zh-cn'], { cwd: dir });
  assert.match(zh.stderr, /NapCat 无法读取此文件（第 6 行第 3 列/);
  assert.match(zh.stderr, /未做任何修改。\n$/);
});

test('bytes that are not UTF-8 (here GBK): read as NapCat reads them, U+FFFD, by rebuild as by check; the backup keeps them', () => {
  const dir = tempDir('rebuild-gbk');
  const file = path.join(dir, 'onebot11_1.json');
  const gbkBytes = Buffer.concat([Buffer.from('{ "reverseWs": { "enable": true, "urls": ["ws://a:1/"] }, "x": "'), Buffer.from([0xc4, 0xe3]), Buffer.from('" }')]);
  fs.writeFileSync(file, gbkBytes);
  const note = /onebot11_1\.json: 2 byte sequences are not UTF-8; NapCat reads each as U\+FFFD/;
  const check = runCli(['check', 'onebot11_1.json'], { cwd: dir });
  assert.match(check.stderr, note);
  assert.notEqual(check.status, 2, check.stderr);
  const diff = runCli(['rebuild', 'onebot11_1.json'], { cwd: dir });
  assert.equal(diff.status, 1, diff.stderr);
  assert.match(diff.stderr, note);
  const written = runCli(['rebuild', 'onebot11_1.json', '--write'], { cwd: dir });
  assert.equal(written.status, 0, written.stderr);
  assert.match(written.stderr, note);
  assert.ok(fs.readFileSync(path.join(dir, 'onebot11_1.json.bak')).equals(gbkBytes));
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /"x": "\uFFFD\uFFFD"/);
  assert.match(text, /"websocketClients"/);
  assert.equal(runCli(['rebuild', 'onebot11_1.json'], { cwd: dir }).status, 0);
});

test('a missing file, a directory, bad usage and a target before v4.1.0: exit 2', () => {
  const dir = tempDir('rebuild-usage');
  put(dir, 'onebot11_10001.json');
  const missing = runCli(['rebuild', 'nope.json', '--write'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^napcat-config rebuild: cannot read nope\.json: ENOENT: no such file or directory\n$/);
  assert.equal(runCli(['rebuild', '.'], { cwd: dir }).status, 2);
  assert.match(runCli(['rebuild'], { cwd: dir }).stderr, /give exactly one file/);
  assert.equal(runCli(['rebuild', 'a.json', 'b.json'], { cwd: dir }).status, 2);
  assert.match(runCli(['rebuild', 'onebot11_10001.json', '--wirte'], { cwd: dir }).stderr, /Unknown option '--wirte'/);
  const old = runCli(['rebuild', 'onebot11_10001.json', '--target', '4.0.3', '--write'], { cwd: dir });
  assert.equal(old.status, 2);
  assert.match(old.stderr, /v4\.1\.0 and later only/);
  assert.deepEqual(listing(dir), ['onebot11_10001.json']);
});

test('a read-only folder: exit 2, the file untouched, no .bak, no temporary file', () => {
  const dir = tempDir('rebuild-ro');
  const folder = path.join(dir, 'config');
  fs.mkdirSync(folder);
  const file = put(folder, 'onebot11_10001.json');
  const original = fs.readFileSync(file);
  fs.chmodSync(file, 0o644);
  fs.chmodSync(folder, 0o555);
  fs.chmodSync(dir, 0o755);
  try {
    // root may write anywhere: run the tool as an unprivileged user then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [CLI, 'rebuild', file, '--write'], {
      env: { PATH: process.env.PATH ?? '', LANG: 'C' },
      encoding: 'utf8',
      ...asUser,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^napcat-config rebuild: cannot write .*onebot11_10001\.json: EACCES: permission denied\. The file was not changed\.\n$/);
    assert.ok(fs.readFileSync(file).equals(original));
    assert.deepEqual(listing(folder), ['onebot11_10001.json']);
  } finally {
    fs.chmodSync(folder, 0o755);
  }
});

test('a symbolic link: the file it points at is rewritten, the link stays a link', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir('rebuild-link');
  const real = put(dir, 'onebot11_10001.json', 'real.json');
  fs.symlinkSync('real.json', path.join(dir, 'onebot11_10001.json'));
  const expected = rebuilt(real);
  const r = runCli(['rebuild', 'onebot11_10001.json', '--write'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.lstatSync(path.join(dir, 'onebot11_10001.json')).isSymbolicLink());
  assert.equal(fs.readFileSync(real, 'utf8'), expected);
  assert.match(r.stdout, /backup of the original: \/.*\/real\.json\.bak\)/);
  assert.ok(fs.existsSync(path.join(dir, 'real.json.bak')));
});

// ---------------------------------------------------------------------------------------------
// The unified diff generator on its own: random texts and edits, checked by an independent strict
// applier (every context and removed line must match, every header count must be right), and a
// sample through patch(1) itself.

/** Applies a unified diff to `old`, failing on any mismatch; returns the new text. */
function applyUnified(old: string, diff: string): string {
  const oldLines = old.split(/(?<=\n)/).filter((l) => l !== '');
  const rows = diff.split('\n');
  assert.equal(rows.pop(), '', 'the diff ends with a line break');
  assert.match(rows[0] ?? '', /^--- /);
  assert.match(rows[1] ?? '', /^\+\+\+ /);
  const out: string[] = [];
  let at = 0; // next old line to copy
  let r = 2;
  while (r < rows.length) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(rows[r++]);
    assert.ok(h, `hunk header: ${rows[r - 1]}`);
    const oldCount = h[2] === undefined ? 1 : Number(h[2]);
    const newCount = h[4] === undefined ? 1 : Number(h[4]);
    const oldStart = oldCount === 0 ? Number(h[1]) : Number(h[1]) - 1;
    assert.ok(oldStart >= at, 'hunks in order, not overlapping');
    while (at < oldStart) out.push(oldLines[at++]);
    assert.equal(out.length, newCount === 0 ? Number(h[3]) : Number(h[3]) - 1, 'new start');
    let seenOld = 0;
    let seenNew = 0;
    while (r < rows.length && !rows[r].startsWith('@@')) {
      const row = rows[r++];
      const eol = rows[r] === '\\ No newline at end of file' ? (r++, '') : '\n';
      const line = row.slice(1) + eol;
      if (row[0] === ' ' || row[0] === '-') {
        assert.equal(oldLines[at], line, `old line ${at + 1}`);
        at++;
        seenOld++;
      }
      if (row[0] === ' ' || row[0] === '+') {
        out.push(line);
        seenNew++;
      }
      assert.ok(row[0] === ' ' || row[0] === '-' || row[0] === '+', `row ${JSON.stringify(row)}`);
    }
    assert.equal(seenOld, oldCount, 'old count');
    assert.equal(seenNew, newCount, 'new count');
  }
  while (at < oldLines.length) out.push(oldLines[at++]);
  // Only the very last line may lack a line break (patch(1) rejects a marker anywhere else).
  out.slice(0, -1).forEach((l, i) => assert.ok(l.endsWith('\n'), `new line ${i + 1} ends with a line break`));
  return out.join('');
}

test('unifiedDiff: random texts and edits give a diff that applies exactly', () => {
  const piece = fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '{', '"x": 1,', '\t', '中');
  const text = fc.array(piece, { maxLength: 150 }).map((p) => p.join(''));
  const sample = fc
    .tuple(text, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.array(piece, { maxLength: 5 })), { maxLength: 5 }))
    .map(([t, raw]) => {
      // Non-overlapping edits at random places, sorted; an edit that would overlap the previous one is left out.
      const edits: { offset: number; length: number; newText: string }[] = [];
      const placed = raw.map(([start, length, insert]) => ({ offset: start % (t.length + 1), length, newText: insert.join('') }));
      let min = 0;
      for (const e of placed.sort((a, b) => a.offset - b.offset)) {
        if (e.offset < min) continue;
        const length = Math.min(e.length, t.length - e.offset);
        edits.push({ offset: e.offset, length, newText: e.newText });
        min = e.offset + length + 1;
      }
      return { t, edits: normalizeEdits(edits) };
    });
  fc.assert(
    fc.property(sample, ({ t, edits }) => {
      const expected = applyEdits(t, edits);
      const diff = unifiedDiff(t, edits, { oldLabel: 'a', newLabel: 'b', context: 1 });
      if (expected === t) assert.equal(diff, '');
      else assert.equal(applyUnified(t, diff), expected);
    }),
    { numRuns: 2000 },
  );
});

test('unifiedDiff: edge cases through patch(1)', { skip: !hasPatch && 'no patch(1)' }, () => {
  const dir = tempDir('diff-edges');
  const cases: [string, { offset: number; length: number; newText: string }[]][] = [
    ['a\nb', [{ offset: 3, length: 0, newText: 'c' }]], // into a last line without line break
    ['a\nb\n', [{ offset: 4, length: 0, newText: 'c\n' }]], // appended after the last line break
    ['a\nb\n', [{ offset: 3, length: 1, newText: '' }]], // the final line break removed
    ['a\nb\nc\n', [{ offset: 1, length: 1, newText: '' }]], // two lines joined
    ['', [{ offset: 0, length: 0, newText: '{}\n' }]], // an empty file
    ['1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n', [{ offset: 0, length: 1, newText: 'one' }, { offset: 22, length: 2, newText: '' }]],
  ];
  for (const [text, edits] of cases) {
    const file = path.join(dir, 'f.txt');
    fs.writeFileSync(file, text);
    const diff = unifiedDiff(text, edits, { oldLabel: 'f.txt', newLabel: 'f.txt' });
    const expected = edits.reduceRight((t, e) => t.slice(0, e.offset) + e.newText + t.slice(e.offset + e.length), text);
    assert.equal(applyUnified(text, diff), expected, JSON.stringify(text));
    assert.equal(patched(dir, file, diff), expected, `patch: ${JSON.stringify(text)}\n${diff}`);
  }
});
