import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/golden';

/**
 * `napcat-config` as people install it: the package `npm pack` makes from the bundles `npm test`
 * has just built, installed with `npm install -g` into an empty prefix, offline and with an empty
 * npm cache (so nothing can come from the registry), then run from a folder outside the repository
 * on copies of the examples. Each command must behave as `node dist/cli.js` does in the repository.
 */

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin?: Record<string, string>;
  files?: string[];
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `napcat-dist-${prefix}-`));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** npm with an empty cache of its own, no registry reachable, no audit or update checks. */
function npm(args: readonly string[], cwd: string, cache: string): SpawnSyncReturns<string> {
  const env = {
    ...process.env,
    npm_config_cache: cache,
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

function run(command: string, args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, env: { PATH: process.env.PATH ?? '', LANG: 'C' }, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the manifest describes a publishable CLI package with nothing to install at run time', () => {
  assert.notEqual(manifest.private, true, 'the package can be published');
  assert.deepEqual(manifest.bin, { 'napcat-config': './dist/cli.js' });
  assert.match(manifest.engines?.node ?? '', /^>=\d+/);
  assert.deepEqual(manifest.dependencies ?? {}, {}, 'the bundles carry their dependencies');
  for (const needed of ['dist/cli.js', 'l10n/*.json', 'schemas/*.json', 'README.md', 'LICENSE']) {
    assert.ok(manifest.files?.includes(needed), `files lists ${needed}`);
  }
});

test('npm pack → npm install -g --offline into an empty prefix → the installed napcat-config runs', { timeout: 300_000 }, () => {
  const work = tempDir('pack');
  const cache = path.join(work, 'npm-cache');
  const packed = npm(['pack', '--json', '--pack-destination', work], ROOT, cache);
  assert.equal(packed.status, 0, `npm pack failed:\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  const shipped = info.files.map((f) => f.path).sort();
  for (const file of ['dist/cli.js', 'dist/server.js', 'l10n/bundle.l10n.zh-cn.json', 'schemas/onebot11.schema.json', 'README.md', 'README.zh-CN.md', 'LICENSE', 'package.json']) {
    assert.ok(shipped.includes(file), `${file} is in the package`);
  }
  const leaked = shipped.filter((f) => /^(test|server|client|out|node_modules|examples|scripts|bench|\.ci)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'));
  assert.deepEqual(leaked, [], 'sources, tests and maps stay out of the package');

  const prefix = path.join(work, 'prefix');
  fs.mkdirSync(prefix);
  const installed = npm(['install', '-g', '--offline', '--prefix', prefix, path.join(work, info.filename)], work, cache);
  assert.equal(installed.status, 0, `npm install -g failed:\n${installed.stdout}\n${installed.stderr}`);
  const bin = path.join(prefix, 'bin', 'napcat-config');
  assert.ok(fs.existsSync(bin), `${bin} is installed`);
  const packageDir = path.join(prefix, 'lib', 'node_modules', 'napcat-config');
  assert.ok(!fs.existsSync(path.join(packageDir, 'node_modules')), 'no dependency was installed beside the bundle');

  // Copies of the examples in a folder that is not the repository.
  const here = path.join(work, 'napcat');
  fs.cpSync(path.join(ROOT, 'examples'), here, { recursive: true });
  const repoCli = path.join(ROOT, 'dist', 'cli.js');
  const same = (args: readonly string[]) => {
    const got = run(bin, args, here);
    const want = run(process.execPath, [repoCli, ...args], here);
    assert.deepEqual(got, want, `installed napcat-config ${args.join(' ')} behaves as dist/cli.js`);
    return got;
  };

  const version = run(bin, ['--version'], here);
  assert.equal(version.status, 0);
  assert.equal(version.stdout.trim(), manifest.version);

  const clean = same(['check', 'clean']);
  assert.equal(clean.status, 0, clean.stdout);
  const legacy = same(['check', 'legacy/onebot11_10001.json']);
  assert.equal(legacy.status, 1, 'a legacy config has errors');
  assert.match(legacy.stdout, /napcat\.\w/);
  // The Chinese bundle is read from the installed package.
  const zh = same(['check', '--lang', 'zh-cn', 'legacy/onebot11_10001.json']);
  assert.match(zh.stdout, /[\u4e00-\u9fff]/, 'messages in Chinese');

  const diff = same(['rebuild', 'legacy/onebot11_10001.json']);
  assert.equal(diff.status, 1, 'a legacy config needs a rebuild');
  assert.match(diff.stdout, /\+\s+"network"/);
  const written = run(bin, ['rebuild', '--write', 'legacy/onebot11_10001.json'], here);
  assert.equal(written.status, 0, written.stderr);
  const rebuilt = JSON.parse(fs.readFileSync(path.join(here, 'legacy', 'onebot11_10001.json'), 'utf8')) as { network?: { websocketClients?: unknown[] } };
  assert.ok((rebuilt.network?.websocketClients?.length ?? 0) > 0, 'rebuild --write wrote named network entries');
  assert.equal(run(bin, ['check', 'legacy/onebot11_10001.json'], here).status, 0, 'the rebuilt config checks clean');

  const log = same(['log', 'logs/napcat_2026-11-20.log']);
  assert.equal(log.status, 1, 'the example log holds an error');
  assert.match(log.stdout, /napcat\.log-port-in-use/);
});
