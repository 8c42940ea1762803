import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/golden';

/**
 * scripts/system-deps.mjs, which `npm test` and `npm run demo` run first: from what the probes
 * find to what it installs or prints. The probes are injected (no apt, no machine state); one
 * test runs the script itself with a PATH that hides every tool.
 */

interface Missing {
  pkg: string;
  why: string;
}
type Plan = { action: 'none' } | { action: 'install'; commands: string[][] } | { action: 'stop'; lines: string[] };
interface Probes {
  chromiumPath: string;
  file(p: string): boolean;
  command(name: string): boolean;
  pkgConfig(module: string): boolean;
  chineseFont(): boolean;
}
interface SystemDeps {
  REQUIREMENTS: { pkg: string; for: string[] }[];
  missingPackages(probes: Probes, purpose: 'test' | 'demo'): Missing[];
  decide(missing: Missing[], env: { isRoot: boolean; hasAptGet: boolean }): Plan;
}

const SCRIPT = path.join(ROOT, 'scripts', 'system-deps.mjs');
const load = (): Promise<SystemDeps> => import(pathToFileURL(SCRIPT).href) as Promise<SystemDeps>;

/** A machine with these commands, pkg-config modules and files, and a Chinese font or not. */
function fakeMachine({ commands = [] as string[], modules = [] as string[], files = [] as string[], font = false } = {}): Probes {
  return {
    chromiumPath: '/usr/bin/chromium',
    file: (p) => files.includes(p),
    command: (c) => commands.includes(c),
    pkgConfig: (m) => commands.includes('pkg-config') && modules.includes(m),
    chineseFont: () => font,
  };
}

const EVERYTHING = {
  commands: ['rg', 'pkg-config', 'make', 'g++', 'python3', 'nvim'],
  modules: ['krb5-gssapi'],
  files: ['/usr/bin/chromium'],
  font: true,
};

test('a complete machine: nothing is missing, nothing is done', async () => {
  const deps = await load();
  assert.deepEqual(deps.missingPackages(fakeMachine(EVERYTHING), 'test'), []);
  assert.deepEqual(deps.missingPackages(fakeMachine(EVERYTHING), 'demo'), []);
  assert.deepEqual(deps.decide([], { isRoot: true, hasAptGet: true }), { action: 'none' });
});

test('a bare machine misses every package the tests need; the demo needs neither browser, font nor Neovim', async () => {
  const deps = await load();
  const forTests = deps.missingPackages(fakeMachine(), 'test').map((m) => m.pkg);
  assert.deepEqual(forTests, ['chromium', 'ripgrep', 'pkg-config', 'libkrb5-dev', 'build-essential', 'python3', 'fonts-wqy-microhei', 'neovim']);
  const forDemo = deps.missingPackages(fakeMachine(), 'demo').map((m) => m.pkg);
  assert.deepEqual(forDemo, ['ripgrep', 'pkg-config', 'libkrb5-dev', 'build-essential', 'python3']);
  for (const m of deps.missingPackages(fakeMachine(), 'test')) assert.ok(m.why.length > 10, `${m.pkg} says why it is needed`);
});

test('each probe decides its own package', async () => {
  const deps = await load();
  const without = (change: Partial<typeof EVERYTHING>) => deps.missingPackages(fakeMachine({ ...EVERYTHING, ...change }), 'test').map((m) => m.pkg);
  assert.deepEqual(without({ commands: EVERYTHING.commands.filter((c) => c !== 'rg') }), ['ripgrep']);
  assert.deepEqual(without({ commands: EVERYTHING.commands.filter((c) => c !== 'nvim') }), ['neovim']);
  assert.deepEqual(without({ commands: EVERYTHING.commands.filter((c) => c !== 'g++') }), ['build-essential']);
  assert.deepEqual(without({ modules: [] }), ['libkrb5-dev']);
  // Without pkg-config the Kerberos headers cannot be found either: both are installed.
  assert.deepEqual(without({ commands: EVERYTHING.commands.filter((c) => c !== 'pkg-config') }), ['pkg-config', 'libkrb5-dev']);
  assert.deepEqual(without({ files: [] }), ['chromium']);
  assert.deepEqual(without({ font: false }), ['fonts-wqy-microhei']);
});

test('as root with apt-get: update, then install exactly the missing packages', async () => {
  const deps = await load();
  const missing = deps.missingPackages(fakeMachine({ ...EVERYTHING, commands: ['make', 'g++', 'python3', 'nvim'] }), 'test');
  assert.deepEqual(deps.decide(missing, { isRoot: true, hasAptGet: true }), {
    action: 'install',
    commands: [
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-qq', 'ripgrep', 'pkg-config', 'libkrb5-dev'],
    ],
  });
});

test('as another user: one sudo line to copy, and a stop', async () => {
  const deps = await load();
  const plan = deps.decide([{ pkg: 'ripgrep', why: 'x' }, { pkg: 'neovim', why: 'y' }], { isRoot: false, hasAptGet: true });
  assert.equal(plan.action, 'stop');
  const lines = plan.action === 'stop' ? plan.lines : [];
  assert.equal(lines.filter((l) => l.includes('apt-get install')).length, 1);
  assert.ok(lines.some((l) => l.trim() === 'sudo apt-get update && sudo apt-get install -y ripgrep neovim'), lines.join('\n'));
  // Without apt-get (not Debian), even root gets the list rather than a command that cannot run.
  const elsewhere = deps.decide([{ pkg: 'ripgrep', why: 'x' }], { isRoot: true, hasAptGet: false });
  assert.equal(elsewhere.action, 'stop');
});

test('the script run with every tool hidden (--check): lists what is missing and why, prints the apt line, exits 1', () => {
  // A PATH holding only node and a stand-in apt-get: the probes find no rg, nvim, pkg-config, fc-list…
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-sysdeps-'));
  try {
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    fs.writeFileSync(path.join(bin, 'apt-get'), '#!/bin/sh\necho "apt-get must not run under --check" >&2\nexit 99\n', { mode: 0o755 });
    const r = spawnSync(path.join(bin, 'node'), [SCRIPT, '--for', 'test', '--check'], {
      env: { PATH: bin, CHROMIUM_PATH: path.join(bin, 'no-chromium') },
      encoding: 'utf8',
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /ripgrep\s+code-server's search/);
    assert.match(r.stderr, /neovim\s+the Neovim interoperability test/);
    assert.match(r.stderr, /sudo apt-get update && sudo apt-get install -y chromium ripgrep pkg-config libkrb5-dev build-essential python3 fonts-wqy-microhei neovim/);
    assert.doesNotMatch(r.stderr, /must not run/);
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
});

test('npm test, npm run demo and the e2e set-up all start with the script', () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  assert.match(scripts.test ?? '', /^node scripts\/system-deps\.mjs --for test && /);
  assert.match(scripts.demo ?? '', /^node scripts\/system-deps\.mjs --for demo && /);
  assert.match(scripts['e2e:setup'] ?? '', /^node scripts\/system-deps\.mjs/);
  // CI runs the README's test command, and installs nothing by itself.
  const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
  assert.match(ci, /^npm test$/m);
  assert.doesNotMatch(ci, /apt-get install/);
});
