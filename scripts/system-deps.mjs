#!/usr/bin/env node
// The machine set-up that `npm test` and `npm run demo` run first (and `.ci/run` through `npm test`):
// the Debian packages the end-to-end tests and the demo need, then code-server (test/e2e/setup.mjs).
//
// Missing packages are installed with apt-get when this runs as root, saying what and why; run as
// another user it prints the one `sudo apt-get install …` line to copy and exits with status 1.
// Nothing is done when everything is present (a few quick checks).
//
// Usage: node scripts/system-deps.mjs [--for test|demo] [--check]
//   --for demo: what the demo needs (no browser, no font, no Neovim: you open the demo in your own browser)
//   --check:    say what is missing and exit 1, install nothing
// Importable (pure decisions, probes injected): import { REQUIREMENTS, missingPackages, decide } from './system-deps.mjs'
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every Debian package the tests or the demo need: how to tell it is there (`probe`), what it is
 * for (`why`) and who needs it (`for`). The one list; test/e2e/setup.mjs reads it too.
 */
export const REQUIREMENTS = [
  { pkg: 'chromium', why: 'the browser the end-to-end tests drive', for: ['test'], probe: (p) => p.file(p.chromiumPath) },
  { pkg: 'ripgrep', why: "code-server's search (instead of a binary downloaded from GitHub)", for: ['test', 'demo'], probe: (p) => p.command('rg') },
  { pkg: 'pkg-config', why: "building code-server's native modules", for: ['test', 'demo'], probe: (p) => p.command('pkg-config') },
  { pkg: 'libkrb5-dev', why: "Kerberos headers for code-server's native module", for: ['test', 'demo'], probe: (p) => p.pkgConfig('krb5-gssapi') },
  { pkg: 'build-essential', why: 'make and g++ for native modules', for: ['test', 'demo'], probe: (p) => p.command('make') && p.command('g++') },
  { pkg: 'python3', why: 'node-gyp, which builds native modules', for: ['test', 'demo'], probe: (p) => p.command('python3') },
  { pkg: 'fonts-wqy-microhei', why: 'a Chinese font, so the zh-cn screenshots show the messages', for: ['test'], probe: (p) => p.chineseFont() },
  { pkg: 'neovim', why: 'the Neovim interoperability test of the language server', for: ['test'], probe: (p) => p.command('nvim') },
];

/** The packages `purpose` ('test' or 'demo') needs that the probes do not find, in list order. */
export function missingPackages(probes, purpose = 'test') {
  return REQUIREMENTS.filter((r) => r.for.includes(purpose) && !r.probe(probes)).map(({ pkg, why }) => ({ pkg, why }));
}

/**
 * What to do about `missing`: nothing, install as root, or stop with the line to run.
 *   { action: 'none' }
 *   { action: 'install', commands: [[cmd, ...args], …] }            (root with apt-get)
 *   { action: 'stop', lines: [...] }                                (anyone else)
 */
export function decide(missing, { isRoot, hasAptGet }) {
  if (missing.length === 0) return { action: 'none' };
  const pkgs = missing.map((m) => m.pkg);
  if (isRoot && hasAptGet) {
    return {
      action: 'install',
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', ...pkgs],
      ],
    };
  }
  const lines = hasAptGet
    ? ['Run, then try again:', `  sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`]
    : ['This is not a Debian or Ubuntu system (no apt-get): install the equivalents of these Debian packages, then try again.'];
  return { action: 'stop', lines };
}

/** The list of missing packages with their reasons, one per line. */
export function describe(missing) {
  const width = Math.max(...missing.map((m) => m.pkg.length));
  return missing.map((m) => `  ${m.pkg.padEnd(width)}  ${m.why}`);
}

// ---------------------------------------------------------------------------------------------
// The machine's answers

function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, cmd), fs.constants.X_OK);
      return true;
    } catch {
      /* next */
    }
  }
  return false;
}

/** Probes of this machine. */
export const machine = {
  chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  file: (p) => fs.existsSync(p),
  command: which,
  pkgConfig: (module) => which('pkg-config') && spawnSync('pkg-config', ['--exists', module]).status === 0,
  chineseFont: () => which('fc-list') && (spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout ?? '').trim() !== '',
};

const say = (line) => process.stderr.write(`[system-deps] ${line}\n`);

/** Checks, installs when allowed, and returns the exit status (0: everything is there). */
export function ensureSystemDeps(purpose, { installAllowed = true } = {}) {
  const missing = missingPackages(machine, purpose);
  if (missing.length === 0) return 0;
  const who = purpose === 'demo' ? 'The demo needs' : 'The tests need';
  const plan = decide(missing, { isRoot: installAllowed && process.getuid?.() === 0, hasAptGet: which('apt-get') });
  if (plan.action === 'stop') {
    say(`${who} these Debian packages, missing on this machine:`);
    for (const line of [...describe(missing), ...plan.lines]) say(line);
    return 1;
  }
  say(`${who} these Debian packages; installing them (apt-get, as root):`);
  for (const line of describe(missing)) say(line);
  for (const [cmd, ...args] of plan.commands) {
    say(`$ ${[cmd, ...args].join(' ')}`);
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      say(`${cmd} failed (exit ${r.status ?? r.signal}).`);
      return 1;
    }
  }
  const still = missingPackages(machine, purpose);
  if (still.length > 0) {
    say(`Still missing after the install: ${still.map((m) => m.pkg).join(', ')}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const purpose = args.includes('--for') ? args[args.indexOf('--for') + 1] : 'test';
  if (purpose !== 'test' && purpose !== 'demo') {
    say(`--for takes 'test' or 'demo', not '${purpose}'`);
    process.exit(2);
  }
  const check = args.includes('--check');
  const status = ensureSystemDeps(purpose, { installAllowed: !check });
  if (status !== 0 || check) process.exit(status);
  // code-server for the end-to-end tests and the demo (idempotent: quick when installed). Not a
  // top-level await: setup.mjs imports this module, which must finish evaluating first.
  import('../test/e2e/setup.mjs').then(({ setup, SetupError }) => {
    try {
      setup({ browser: purpose === 'test' });
    } catch (e) {
      if (!(e instanceof SetupError)) throw e;
      say(e.message);
      process.exit(1);
    }
  });
}
