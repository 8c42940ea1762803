import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES } from '../helpers/golden';
import { CLI, runCli, tempDir } from './run';

/**
 * The CLI on the files an adversarial user hands it: named pipes, devices, endless streams,
 * UTF-16, control characters; and `rebuild --write` on files owned by someone else, behind a
 * symlinked backup, with hard links or read-only. Every run has the test runner's timeout: a
 * read that blocks or never ends fails the test instead of hanging it.
 */

const LEGACY = path.join(FIXTURES, 'fixes', 'onebot11_10001.json');
const TIMEOUT = { timeout: 60_000 };
const isRoot = process.getuid?.() === 0;
const canMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
const listing = (dir: string) => fs.readdirSync(dir).sort();

function fifo(file: string): string {
  const r = spawnSync('mkfifo', [file]);
  assert.equal(r.status, 0, String(r.stderr));
  return file;
}

test('a named pipe given by name is refused with its cause, never read (no writer: a read would block)', { ...TIMEOUT, skip: !canMkfifo && 'no mkfifo' }, () => {
  const dir = tempDir('fifo');
  fifo(path.join(dir, 'onebot11_1.json'));
  for (const command of ['check', 'rebuild', 'ping', 'log']) {
    const r = runCli([command, 'onebot11_1.json'], { cwd: dir });
    assert.equal(r.status, 2, `${command}: ${r.stderr}`);
    assert.match(r.stderr, /cannot read onebot11_1\.json: it is a named pipe \(FIFO\), not a regular file; to read a pipe, give - and redirect/, command);
    assert.doesNotMatch(r.stderr, /EISDIR/);
    // An exit-2 run never ends as if all went well (rebuild prints nothing on stdout then).
    assert.equal(r.stdout, command === 'rebuild' ? '' : 'No file checked: 1 path could not be read.\n', command);
  }
  const zh = runCli(['check', 'onebot11_1.json', '--lang', 'zh-cn'], { cwd: dir });
  assert.match(zh.stderr, /命名管道/);
});

test('a named pipe found in a directory walk is reported, not opened, and the other configs are still checked', { ...TIMEOUT, skip: !canMkfifo && 'no mkfifo' }, () => {
  const dir = tempDir('fifo-walk');
  fifo(path.join(dir, 'onebot11_1.json'));
  fs.copyFileSync(path.join(FIXTURES, 'cli', 'clean.json'), path.join(dir, 'onebot11_2.json'));
  const r = runCli(['check', '.'], { cwd: dir });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /cannot read onebot11_1\.json: it is a named pipe/);
  assert.doesNotMatch(r.stderr, /no NapCat config found/);
  assert.match(r.stdout, /^1 file checked: /m);
});

test('- reads standard input (a pipe, when asked); its bytes are counted against --max-size', TIMEOUT, () => {
  const clean = fs.readFileSync(path.join(FIXTURES, 'cli', 'clean.json'), 'utf8');
  const ok = runCli(['check', '-'], { input: clean });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^1 file checked/m);
  const big = runCli(['check', '-', '--max-size', '1'], { input: ' '.repeat(1024 * 1024 + 1) });
  assert.equal(big.status, 2);
  assert.match(big.stderr, /cannot read <stdin>: it holds more than the 1 MiB limit \(--max-size\)/);
});

for (const device of ['/dev/zero', '/dev/urandom']) {
  test(`${device}: refused at once as a device (stat says size 0), by check and rebuild`, { ...TIMEOUT, skip: !fs.existsSync(device) && `no ${device}` }, () => {
    for (const command of ['check', 'rebuild']) {
      const r = runCli([command, device]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`cannot read ${device}: it is a device, not a regular file\\n`));
      assert.doesNotMatch(r.stdout, /no problems found/);
    }
  });
}

test('an endless stream through -: reading stops at the limit, memory stays bounded', TIMEOUT, async () => {
  // /dev/zero piped into standard input never ends: only the byte count can stop it.
  const child = spawn(process.execPath, [CLI, 'check', '-', '--max-size', '2'], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', LANG: 'C' } });
  const zeros = fs.createReadStream('/dev/zero');
  zeros.pipe(child.stdin);
  child.stdin.on('error', () => undefined);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  zeros.destroy();
  assert.equal(code, 2, stderr);
  assert.match(stderr, /cannot read <stdin>: it holds more than the 2 MiB limit/);
});

test('the size limit in messages: never "10.0 MiB, above the 10.0 MiB limit"; check and rebuild share --max-size', TIMEOUT, () => {
  const dir = tempDir('size');
  const file = path.join(dir, 'onebot11_1.json');
  fs.writeFileSync(file, Buffer.concat([fs.readFileSync(LEGACY), Buffer.alloc(10 * 1024 * 1024 + 1 - fs.statSync(LEGACY).size, ' ')]));
  for (const command of ['check', 'rebuild']) {
    const r = runCli([command, 'onebot11_1.json'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cannot read onebot11_1\.json: it is 10\.000001 MiB, above the 10 MiB limit \(--max-size\)\n$/);
    assert.doesNotMatch(r.stdout, /no problems found/);
  }
  assert.equal(runCli(['rebuild', 'onebot11_1.json', '--max-size', '11', '--write'], { cwd: dir }).status, 0);
  assert.notEqual(runCli(['check', 'onebot11_1.json', '--max-size', '11'], { cwd: dir }).status, 2);
  const bad = runCli(['check', 'onebot11_1.json', '--max-size', 'lots'], { cwd: dir });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--max-size must be a number of MiB above 0/);
});

test('UTF-16 files, with or without a byte order mark, are named as such; no NUL byte is printed', TIMEOUT, () => {
  const dir = tempDir('utf16');
  const text = '{ "network": { "websocketClients": [] } }\n';
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  fs.writeFileSync(path.join(dir, 'onebot11_1.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
  fs.writeFileSync(path.join(dir, 'onebot11_2.json'), le);
  fs.writeFileSync(path.join(dir, 'onebot11_3.json'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  const r = runCli(['check', '.'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /onebot11_1\.json: this file is UTF-16 \(little-endian\); NapCat reads UTF-8/);
  assert.match(r.stderr, /onebot11_2\.json: this file is UTF-16 \(little-endian\); NapCat reads UTF-8/);
  assert.match(r.stderr, /onebot11_3\.json: this file is UTF-16 \(big-endian\); NapCat reads UTF-8/);
  assert.doesNotMatch(r.stdout + r.stderr, /\u0000|unexpected/);
  assert.match(r.stdout, /^No file checked: 3 paths could not be read\.\n$/);
  const rebuilt = runCli(['rebuild', 'onebot11_2.json', '--write'], { cwd: dir });
  assert.equal(rebuilt.status, 2);
  assert.match(rebuilt.stderr, /UTF-16/);
  assert.deepEqual(listing(dir), ['onebot11_1.json', 'onebot11_2.json', 'onebot11_3.json']);
});

test('control characters from a file are printed escaped in text (keys, names, paths); JSON keeps the exact values', TIMEOUT, () => {
  const dir = tempDir('controls');
  const key = 'k\u001b]0;owned\u0007\u001b[2J\u009b\u007f';
  fs.writeFileSync(path.join(dir, 'onebot11_1.json'), JSON.stringify({ network: {}, [key]: 1 }));
  const r = runCli(['check', 'onebot11_1.json'], { cwd: dir });
  assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  assert.ok(r.stdout.includes('k\\u001b]0;owned\\u0007\\u001b[2J\\u009b\\u007f'), r.stdout);
  const json = runCli(['check', 'onebot11_1.json', '--format', 'json'], { cwd: dir });
  assert.doesNotMatch(json.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  const report = JSON.parse(json.stdout) as { diagnostics: { code: string; message: string }[] }[];
  const unknown = report[0].diagnostics.find((d) => d.code === 'napcat.unknown-key');
  assert.ok(unknown?.message.includes(key), 'the JSON message holds the key exactly');
  // A file name with an escape sequence; a lone surrogate in a value.
  const odd = 'onebot11_\u001b[31m2.json';
  fs.writeFileSync(path.join(dir, odd), '{ "network": { "websocketClients": [ { "name": "\\ud800", "url": 5 } ] } }');
  const named = runCli(['check', odd], { cwd: dir });
  assert.ok(named.stdout.includes('onebot11_\\u001b[31m2.json:'), named.stdout);
  assert.doesNotMatch(named.stdout, /\u001b|\ufffd/);
});

test('every command escapes control characters in what it prints, its own messages included', TIMEOUT, () => {
  const dir = tempDir('controls-all');
  const name = 'x\u001b]0;owned\u0007\u009b.json';
  for (const command of ['check', 'rebuild', 'ping', 'log', 'no-such-command\u001b[2J']) {
    const r = runCli([command, name], { cwd: dir });
    assert.equal(r.status, 2, command);
    assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, command);
    assert.match(r.stderr, /\\u001b/, command);
  }
});

test('the rebuild summary and diff escape control characters from the file too', TIMEOUT, () => {
  const dir = tempDir('controls-rebuild');
  fs.writeFileSync(path.join(dir, 'onebot11_1.json'), '{ "reverseWs": { "enable": true, "urls": ["ws://a:1/\u001b[2J"] } }\n');
  const r = runCli(['rebuild', 'onebot11_1.json'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, /\u001b/);
  assert.match(r.stdout, /\\u001b\[2J/);
});

// ---------------------------------------------------------------------------------------------
// Safe writes

test('--write as root on a nobody:nogroup 0600 config: the result and its backup stay nobody:nogroup 0600', { ...TIMEOUT, skip: !isRoot && 'needs root' }, () => {
  const dir = tempDir('owner');
  const file = path.join(dir, 'onebot11_1.json');
  fs.copyFileSync(LEGACY, file);
  fs.chownSync(file, 65534, 65534);
  fs.chmodSync(file, 0o600);
  const r = runCli(['rebuild', 'onebot11_1.json', '--write'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  for (const f of [file, file + '.bak']) {
    const s = fs.statSync(f);
    assert.deepEqual([s.uid, s.gid, s.mode & 0o7777], [65534, 65534, 0o600], f);
  }
  assert.match(fs.readFileSync(file, 'utf8'), /"websocketClients"/);
});

test('a user who may write a config but not own it: written in place, so the owner stays', { ...TIMEOUT, skip: !isRoot && 'needs root to run as another user' }, () => {
  const dir = tempDir('not-owner');
  fs.chmodSync(dir, 0o777);
  const file = path.join(dir, 'onebot11_1.json');
  fs.copyFileSync(LEGACY, file);
  fs.chmodSync(file, 0o666);
  const r = spawnSync(process.execPath, [CLI, 'rebuild', 'onebot11_1.json', '--write'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', LANG: 'C' },
    encoding: 'utf8',
    uid: 65534,
    gid: 65534,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Written in place \(same inode\): a new file could not be given the owner of onebot11_1\.json/);
  const s = fs.statSync(file);
  assert.deepEqual([s.uid, s.gid, s.mode & 0o777], [0, 0, 0o666]);
  assert.match(fs.readFileSync(file, 'utf8'), /"websocketClients"/);
  assert.deepEqual(listing(dir), ['onebot11_1.json', 'onebot11_1.json.bak'], 'no temporary file left');
});

test('a .bak that is a symbolic link to the original is never used: another backup name, and the output says so', TIMEOUT, () => {
  const dir = tempDir('bak-link');
  const file = path.join(dir, 's.json');
  fs.copyFileSync(LEGACY, file);
  const original = fs.readFileSync(file);
  fs.symlinkSync('s.json', path.join(dir, 's.json.bak'));
  const r = runCli(['rebuild', 's.json', '--write'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Written s\.json \(backup of the original: s\.json\.bak\.1\)\.\nNot used as the backup: s\.json\.bak is a symbolic link/);
  assert.ok(fs.readFileSync(file + '.bak.1').equals(original), 'the original is kept');
  assert.ok(fs.lstatSync(file + '.bak').isSymbolicLink());
});

test('a config with another hard link: written in place, both names see the result', TIMEOUT, () => {
  const dir = tempDir('hardlink');
  const file = path.join(dir, 'onebot11_1.json');
  fs.copyFileSync(LEGACY, file);
  const other = path.join(dir, 'mounted.json');
  fs.linkSync(file, other);
  const original = fs.readFileSync(file);
  const inode = fs.statSync(file).ino;
  const r = runCli(['rebuild', 'onebot11_1.json', '--write'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Written in place \(same inode\): onebot11_1\.json has other hard links/);
  assert.equal(fs.statSync(file).ino, inode);
  assert.equal(fs.readFileSync(other, 'utf8'), fs.readFileSync(file, 'utf8'));
  assert.match(fs.readFileSync(other, 'utf8'), /"websocketClients"/);
  assert.ok(fs.readFileSync(file + '.bak').equals(original));
  assert.deepEqual(listing(dir), ['mounted.json', 'onebot11_1.json', 'onebot11_1.json.bak']);
});

test('a config that is a single-file bind mount (as Docker makes them): written in place, the mounted file sees the result', TIMEOUT, (t) => {
  const dir = tempDir('bind');
  const host = path.join(dir, 'host.json');
  const file = path.join(dir, 'onebot11_1.json');
  fs.copyFileSync(LEGACY, host);
  fs.writeFileSync(file, '');
  if (!isRoot) {
    // Only root may mount; CI and the project's machines run as root, where this test always runs.
    t.skip('needs root to mount');
    return;
  }
  const mount = spawnSync('mount', ['--bind', host, file], { encoding: 'utf8' });
  assert.equal(mount.status, 0, `mount --bind failed: ${mount.stderr}`);
  try {
    const r = runCli(['rebuild', 'onebot11_1.json', '--write'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Written in place \(same inode\): onebot11_1\.json is a mount point/);
    assert.match(fs.readFileSync(host, 'utf8'), /"websocketClients"/, 'the mounted file holds the result');
    assert.ok(fs.readFileSync(file + '.bak').equals(fs.readFileSync(LEGACY)));
  } finally {
    spawnSync('umount', [file]);
  }
});

test('a .bak that is a hard link to the config itself is passed over too (it would change with the file)', TIMEOUT, () => {
  const dir = tempDir('bak-hardlink');
  const file = path.join(dir, 'c.json');
  fs.copyFileSync(LEGACY, file);
  const original = fs.readFileSync(file);
  fs.linkSync(file, file + '.bak');
  const r = runCli(['rebuild', 'c.json', '--write'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /backup of the original: c\.json\.bak\.1\)[\s\S]*c\.json\.bak is another name \(hard link\) of c\.json/);
  assert.ok(fs.readFileSync(file + '.bak.1').equals(original));
});

test('a read-only (0444) config: exit 2 and nothing written unless --force, which keeps it 0444', TIMEOUT, () => {
  const dir = tempDir('readonly');
  const file = path.join(dir, 'onebot11_1.json');
  fs.copyFileSync(LEGACY, file);
  fs.chmodSync(file, 0o444);
  const original = fs.readFileSync(file);
  const r = runCli(['rebuild', 'onebot11_1.json', '--write'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^napcat-config rebuild: onebot11_1\.json is read-only \(mode 0444\)\. Nothing was written; add --force/);
  assert.ok(fs.readFileSync(file).equals(original));
  assert.deepEqual(listing(dir), ['onebot11_1.json']);
  const forced = runCli(['rebuild', 'onebot11_1.json', '--write', '--force'], { cwd: dir });
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(fs.readFileSync(file, 'utf8'), /"websocketClients"/);
  assert.equal(fs.statSync(file).mode & 0o777, 0o444);
});

test('CR-only line endings stay CR-only in the rebuilt file', TIMEOUT, () => {
  const dir = tempDir('cr');
  const file = path.join(dir, 'onebot11_1.json');
  fs.writeFileSync(file, fs.readFileSync(LEGACY, 'utf8').replace(/\r?\n/g, '\r'));
  const r = runCli(['rebuild', 'onebot11_1.json', '--write'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /"websocketClients"/);
  assert.ok(!text.includes('\n'), 'no LF');
});
