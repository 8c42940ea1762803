// Builds the shipped bundles as they ship (--production) into out/bench/dist/, whose server the
// benchmark starts, then type-checks and bundles the benchmark into out/bench/bench.js and
// out/bench/probe.js (run by `npm run bench`).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir=out/bench/dist'], { stdio: 'inherit' });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'bench/tsconfig.json'], { stdio: 'inherit' });
await esbuild.build({
  entryPoints: ['bench/bench.ts', 'bench/probe.ts'],
  outdir: 'out/bench',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The same resolution as the shipped bundles (esbuild.mjs): ESM builds of jsonc-parser & co.
  mainFields: ['module', 'main'],
  sourcemap: true,
  logLevel: 'warning',
});
