import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/golden';

/**
 * What the Visual Studio Marketplace and Open VSX show of the extension: icon, banner, categories,
 * keywords, description in both languages, changelog. (`test/cli/package.test.ts` packages the
 * .vsix and checks that vsce has nothing to warn about.)
 */

interface Manifest {
  version: string;
  displayName?: string;
  description?: string;
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  categories?: string[];
  keywords?: string[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

test('the icon is a 128×128 PNG, and exactly what scripts/icon.mjs draws', () => {
  assert.equal(manifest.icon, 'resources/icon.png');
  const png = fs.readFileSync(path.join(ROOT, manifest.icon));
  assert.equal(png.toString('latin1', 1, 4), 'PNG');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  assert.equal(png.readUInt32BE(16), 128, 'width');
  assert.equal(png.readUInt32BE(20), 128, 'height');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-icon-')), 'icon.png');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'icon.mjs'), out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.readFileSync(out).equals(png), 'resources/icon.png is up to date with scripts/icon.mjs');
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
});

test('the listing fields are set, and the description exists in English and Chinese', () => {
  assert.equal(manifest.displayName, 'NapCat Config');
  assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
  assert.ok(manifest.galleryBanner?.theme === 'dark' || manifest.galleryBanner?.theme === 'light');
  assert.ok((manifest.categories ?? []).includes('Linters'));
  assert.ok((manifest.keywords ?? []).length >= 5 && (manifest.keywords ?? []).length <= 30, 'the Marketplace takes at most 30 keywords');
  assert.equal(manifest.description, '%description%');
  const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const zh = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  assert.match(en.description ?? '', /NapCat/);
  assert.match(zh.description ?? '', /[\u4e00-\u9fff]/);
});

test('CHANGELOG.md has a section for the current version', () => {
  const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}$`, 'm'));
});
