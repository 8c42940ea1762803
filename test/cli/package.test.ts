import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/golden';
import { tempDir } from './run';

/**
 * The .vsix holds exactly what ships: the three bundles, the manifest and its strings, the README
 * files and their screenshots, the licence, the changelog, the icon, the log grammar and the JSON
 * schemas (package.json `files`, the one allow-list of both the .vsix and the npm package). Runs the vsce command of
 * `npm run package` over the bundles that `npm test` has just built (the production build is the
 * same entry points, minified).
 */

/** Every allowed entry of the archive; anything else is a leak. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/(readme|README)\.md$/,
  /^extension\/README\.zh-CN\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/(changelog|CHANGELOG)\.md$/,
  /^extension\/resources\/icon\.png$/,
  /^extension\/dist\/(client|server|cli)\.js$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/resources\/[\w.-]+\.svg$/,
  /^extension\/docs\/images\/[\w.-]+\.png$/,
  /^extension\/schemas\/[\w.-]+\.json$/,
];
const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/README.zh-CN.md',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/resources/icon.png',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/cli.js',
  'extension/resources/napcat.svg',
  'extension/syntaxes/napcat-log.tmLanguage.json',
  'extension/schemas/onebot11.schema.json',
  'extension/schemas/napcat.schema.json',
  'extension/schemas/webui.schema.json',
];

/** The file names in a zip archive, read from its central directory. */
export function zipEntries(zip: Buffer): string[] {
  // End of central directory: signature 0x06054b50, at most 64 KiB of comment after it.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

test('the .vsix ships only the allow-listed files', { timeout: 60_000 }, () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  // "node esbuild.mjs --production && vsce package … --out napcat-config.vsix"
  const vsceCommand = pkg.scripts.package.split('&&').map((s) => s.trim()).find((s) => s.startsWith('vsce '));
  assert.ok(vsceCommand, 'the package script runs vsce');
  const out = path.join(tempDir('vsix'), 'napcat-config.vsix');
  const args = vsceCommand.split(/\s+/).slice(1);
  args.splice(args.indexOf('--out'), 2, '--out', out);
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(r.status, 0, `vsce failed:\n${r.stdout}\n${r.stderr}`);
  // Marketplace-ready: no warning (missing repository, licence, icon, ignore strategy…) to wave through.
  assert.doesNotMatch(`${r.stdout}\n${r.stderr}`, /WARNING|warn/i, 'vsce packages without a warning');
  assert.ok(!args.includes('--allow-missing-repository'), 'no warning is silenced');

  const entries = zipEntries(fs.readFileSync(out)).filter((e) => !e.endsWith('/'));
  const leaked = entries.filter((e) => !ALLOWED.some((re) => re.test(e)));
  assert.deepEqual(leaked, [], 'files outside the allow-list');
  for (const file of REQUIRED) assert.ok(entries.includes(file), `${file} is in the .vsix`);
  // The README's images are relative links: each must exist and ship, or the extension page shows a hole.
  for (const readme of ['README.md', 'README.zh-CN.md']) {
    const images = [...fs.readFileSync(path.join(ROOT, readme), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length > 0, `${readme} shows a screenshot`);
    for (const image of images) assert.ok(entries.includes(`extension/${image}`), `${readme}: ${image} is in the .vsix`);
  }
});

test('zipEntries reads the central directory of a real archive', () => {
  // A stored (uncompressed) archive with one entry "a.txt" holding "hi", written by hand.
  const name = Buffer.from('a.txt');
  const data = Buffer.from('hi');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  const zip = Buffer.concat([local, name, data, central, name, eocd]);
  assert.deepEqual(zipEntries(zip), ['a.txt']);
});
