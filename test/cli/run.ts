import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, ROOT } from '../helpers/golden';

/** The bundled CLI, as installed (`npm run build` makes it). */
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const CLI_FIXTURES = path.join(FIXTURES, 'cli');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node dist/cli.js <args>` in `cwd` (default: the fixtures folder) with an English
 * environment unless `env` says otherwise; `input` is written to its standard input.
 */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', LANG: 'C', ...options.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? CLI_FIXTURES, env, encoding: 'utf8', timeout: 60_000, input: options.input });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `napcat-cli-${prefix}-`));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Copies a fixture of test/fixtures/cli to `dir/rel` (creating folders). */
export function place(dir: string, rel: string, fixture: string): string {
  const to = path.join(dir, rel);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(path.join(CLI_FIXTURES, fixture), to);
  return to;
}
