#!/usr/bin/env node
// Installs code-server (VS Code in a browser, from the npm registry) into .cache/ for the e2e tests
// and the demo, without any download outside the npm registry. Idempotent: a finished install is
// marked with a stamp and reused; an unfinished one is discarded and redone.
//
// code-server's own npm postinstall cannot be used: it refuses to run as root and then fetches a
// ripgrep binary from GitHub. The steps below are that postinstall, done by hand, with Debian's rg.
//
// Usage: node test/e2e/setup.mjs [--no-browser]   (prints the install folder on its last line;
//        --no-browser: Chromium is not needed, e.g. for the demo, which you open in your own browser)
// Importable: import { setup, CODE_SERVER_DIR } from './setup.mjs'
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, machine, missingPackages } from '../../scripts/system-deps.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER_DIR = path.join(ROOT, '.cache', `code-server-${CODE_SERVER_VERSION}`);
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STAMP = path.join(CODE_SERVER_DIR, '.napcat-e2e-ready');
const STAMP_TEXT = `code-server ${CODE_SERVER_VERSION} node ${process.versions.modules} ${process.arch}\n`;

export class SetupError extends Error {}

function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/**
 * Everything the install and the tests need from the machine: Node 20, and the Debian packages of
 * scripts/system-deps.mjs (which `npm test` and `npm run demo` run first, installing them as root).
 */
export function checkPrerequisites({ browser = true } = {}) {
  const missing = [];
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    missing.push(`Node.js 20 (this is ${process.version}; code-server ${CODE_SERVER_VERSION} runs on Node 20 only)`);
  }
  const packages = missingPackages({ ...machine, chromiumPath: CHROMIUM }, browser ? 'test' : 'demo');
  missing.push(...describe(packages).map((line) => line.trim()));
  if (missing.length > 0) {
    throw new SetupError(
      'Missing on this machine:\n  - ' +
        missing.join('\n  - ') +
        (packages.length > 0 ? `\nOn Debian: sudo apt-get update && sudo apt-get install -y ${packages.map((p) => p.pkg).join(' ')}\n(node scripts/system-deps.mjs installs them when run as root.)` : ''),
    );
  }
}

function run(cmd, args, cwd, env = {}) {
  const started = Date.now();
  log(`$ ${[cmd, ...args].join(' ')}   (in ${path.relative(ROOT, cwd) || '.'})`);
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false', ...env },
  });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new SetupError(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status ?? r.signal}):\n${tail}`);
  }
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.stdout;
}

function log(msg) {
  process.stderr.write(`[e2e setup] ${msg}\n`);
}

/** True when a finished install for this Node ABI is in the cache. */
export function isInstalled() {
  try {
    return fs.readFileSync(STAMP, 'utf8') === STAMP_TEXT;
  } catch {
    return false;
  }
}

/** Installs code-server into CODE_SERVER_DIR unless it is already there; returns that folder. */
export function setup({ browser = true } = {}) {
  checkPrerequisites({ browser });
  if (isInstalled()) return CODE_SERVER_DIR;
  const started = Date.now();
  const cache = path.dirname(CODE_SERVER_DIR);
  const work = `${CODE_SERVER_DIR}.partial`;
  fs.rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });

  // 1. The package itself, from the npm registry, unpacked.
  const tgz = run('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--silent'], work).trim().split('\n').pop();
  run('tar', ['-xzf', tgz, '--strip-components=1'], work);
  fs.rmSync(path.join(work, tgz));
  const vscodeDir = path.join(work, 'lib', 'vscode');

  // 2. Dependencies without install scripts (they would fetch binaries from outside the registry).
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], work);
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);

  // 2b. The one native module of the package root, argon2 (loaded at start even with --auth none),
  //     built here from its sources instead of its prebuilt download.
  run('npm', ['rebuild', 'argon2'], work, { npm_config_build_from_source: 'true' });

  // 3. Debian's ripgrep where @vscode/ripgrep would have downloaded its own.
  const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  fs.copyFileSync(which('rg'), path.join(rgBin, 'rg'));
  fs.chmodSync(path.join(rgBin, 'rg'), 0o755);

  // 4. Native modules, built against this Node. One of them runs `npx node-gyp`: answer its prompt.
  //    @vscode/ripgrep's install script finds the binary of step 3 in place and downloads nothing.
  run('npm', ['rebuild'], vscodeDir, { npm_config_yes: 'true' });

  // 5. The server loads node_modules.asar in a packaged build; here it is the plain folder. The
  //    terminal's `code-server` and browser helpers are links to the Linux scripts, as upstream.
  fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  fs.symlinkSync('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  fs.symlinkSync('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

  // 6. The built-in extensions' shared dependency (TypeScript). Its postinstall only trims files.
  run('npm', ['install', '--omit=dev'], path.join(vscodeDir, 'extensions'));

  const entry = path.join(work, 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) throw new SetupError(`code-server's entry point ${entry} is missing after install`);
  fs.writeFileSync(path.join(work, path.basename(STAMP)), STAMP_TEXT);
  fs.mkdirSync(cache, { recursive: true });
  fs.renameSync(work, CODE_SERVER_DIR);
  log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s: ${CODE_SERVER_DIR}`);
  return CODE_SERVER_DIR;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(setup({ browser: !process.argv.includes('--no-browser') }));
  } catch (e) {
    if (e instanceof SetupError) {
      process.stderr.write(`[e2e setup] ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
