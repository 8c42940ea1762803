// Bundles the three entry points into dist/: the extension client, the language server and the CLI.
// Usage: node esbuild.mjs [--watch] [--production] [--outdir=DIR]   (default outdir: dist)
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser ships a UMD build whose dynamic requires esbuild cannot follow; use its ESM build.
  mainFields: ['module', 'main'],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: `${outdir}/client.js`, external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: `${outdir}/server.js` },
  { entryPoints: ['server/src/cli.ts'], outfile: `${outdir}/cli.js`, banner: { js: '#!/usr/bin/env node' } },
];

for (const entry of entries) {
  const options = { ...common, ...entry };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
  if (production) assertAscii(options.outfile);
}

/**
 * The shipped bundles are ASCII: one other character makes V8 hold the whole script as UTF-16,
 * twice its size in memory. esbuild escapes string literals but not regular expression literals
 * or String.raw templates: write those from string literals.
 */
function assertAscii(file) {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.search(/[^\x00-\x7f]/);
  if (at < 0) return;
  console.error(`${file} is not ASCII at ${at}: …${text.slice(Math.max(0, at - 60), at + 20)}…`);
  process.exit(1);
}
