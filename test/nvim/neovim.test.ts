import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/core';
import { SERVER_ENV, SERVER_NODE_OPTIONS } from '../../server/src/lsp/protocol';

/**
 * Neovim as a second real LSP client (Debian's `neovim` package, 0.7.2, installed by `.ci/run`):
 * headless Neovim opens a legacy config with the bundled server attached (`interop.lua`), reads
 * its diagnostics, a hover and the document symbols, and applies the Rebuild quick fix through
 * `vim.lsp.buf.code_action()`; the rebuilt file is then checked on disk.
 */

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const SCRIPT = path.join(ROOT, 'test', 'nvim', 'interop.lua');
const LEGACY = path.join(ROOT, 'test', 'fixtures', 'fixes', 'onebot11_10001.json');

interface Result {
  steps: string[];
  error?: string;
  filetype?: string;
  diagnostics?: string[];
  hover?: string;
  symbols?: string[];
  actions?: string[];
  after?: string[];
}

function nvimVersion(): string {
  const run = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error("nvim is not installed: the interop test needs Debian's neovim package (apt-get install neovim; .ci/run installs it)");
  }
  return run.stdout.split('\n')[0];
}

test('Neovim: diagnostics, hover, symbols and the Rebuild quick fix applied through vim.lsp.buf.code_action', async (t) => {
  const version = nvimVersion();
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-nvim-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const config = path.join(dir, 'onebot11_10001.json');
  fs.copyFileSync(LEGACY, config);
  const resultFile = path.join(dir, 'result.json');

  const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${SCRIPT}`], {
    cwd: dir,
    env: { ...process.env, NAPCAT_NODE: process.execPath, NAPCAT_NODE_OPTIONS: SERVER_NODE_OPTIONS.join(' '), NAPCAT_SERVER_ENV: JSON.stringify(SERVER_ENV), NAPCAT_SERVER: SERVER, NAPCAT_CONFIG: config, NAPCAT_RESULT: resultFile, HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  // A deadline, so that a Neovim waiting for input fails the test instead of hanging it.
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(killer);
  assert.ok(fs.existsSync(resultFile), `${version} wrote no result (exit ${code}): ${output}`);
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as Result;
  assert.equal(result.error, undefined, `${version}, after ${result.steps.join(' → ')}: ${result.error}`);
  assert.deepEqual(result.steps, ['initialized', 'diagnostics', 'hover', 'symbols', 'rebuilt', 'diagnostics after']);

  // The diagnostics are the core's findings of the file.
  const original = fs.readFileSync(LEGACY, 'utf8');
  assert.deepEqual([...(result.diagnostics ?? [])].sort(), analyze(original).findings.map((f) => f.code).sort());
  assert.ok(result.diagnostics?.includes('napcat.legacy-config'));
  assert.match(result.hover ?? '', /\S/, 'a hover text');
  assert.ok((result.symbols ?? []).length > 0, 'document symbols');
  assert.ok(result.actions?.some((a) => /Rebuild/.test(a)), `the Rebuild fix is offered: ${result.actions?.join(', ')}`);

  // The rebuilt file on disk: a NapCat 4 `network` config, no legacy finding left.
  const rebuilt = fs.readFileSync(config, 'utf8');
  assert.notEqual(rebuilt, original);
  const after = analyze(rebuilt);
  assert.equal(after.model.shape, 'N4', rebuilt);
  assert.ok(!after.findings.some((f) => f.code === 'napcat.legacy-config'), rebuilt);
  assert.ok(after.model.adapters.some((a) => a.kind === 'websocketClients' && a.enabled), 'the reverse WebSocket connections are kept');
  assert.ok(!(result.after ?? []).includes('napcat.legacy-config'));
});
