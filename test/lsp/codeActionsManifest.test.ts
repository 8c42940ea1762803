import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './client';

/**
 * The wiring of "NapCat: Rebuild Config" in the manifest: the command, its menus, and its strings
 * in both languages (package.nls*.json for the manifest, l10n/ for the client's own messages).
 */

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
  };
  l10n?: string;
}

const read = (rel: string) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as unknown;
const manifest = read('package.json') as Manifest;

test('the rebuild command is contributed, in the palette for JSON editors and in the editor title of NapCat configs', () => {
  const command = manifest.contributes.commands.find((c) => c.command === 'napcat.rebuildConfig');
  assert.ok(command, 'napcat.rebuildConfig is contributed');
  assert.equal(command.title, '%command.rebuildConfig.title%');
  assert.equal(command.category, '%command.category%');
  const title = manifest.contributes.menus['editor/title']?.find((m) => m.command === 'napcat.rebuildConfig');
  assert.ok(title?.when, 'editor/title entry with a when clause');
  // The `when` regular expression, as VS Code reads it, against file names.
  const m = /resourceFilename =~ \/(.+)\/$/.exec(title.when);
  assert.ok(m, title.when);
  const re = new RegExp(m[1]);
  for (const name of ['onebot11.json', 'onebot11_12345.json', 'onebot11_12345.json5']) assert.ok(re.test(name), name);
  for (const name of ['package.json', 'onebot11_abc.json', 'napcat_12345.json', 'xonebot11.json']) assert.ok(!re.test(name), name);
  assert.ok(manifest.contributes.menus.commandPalette?.some((m) => m.command === 'napcat.rebuildConfig' && m.when));
  // The server's command is called by the client, never offered to users directly.
  assert.ok(!manifest.contributes.commands.some((c) => c.command === 'napcat.rebuild'));
});

test('package.nls.json and package.nls.zh-cn.json have the same keys, and every %key% of the manifest', () => {
  const en = read('package.nls.json') as Record<string, string>;
  const zh = read('package.nls.zh-cn.json') as Record<string, string>;
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const used = [...JSON.stringify(manifest).matchAll(/"%([\w.]+)%"/g)].map((x) => x[1]);
  for (const key of used) assert.ok(key in en && en[key] !== '' && zh[key] !== '', key);
  assert.match(zh['command.rebuildConfig.title'], /[\u4e00-\u9fff]/);
});

test('every string the client localizes has a Simplified Chinese translation in l10n/', () => {
  assert.equal(manifest.l10n, './l10n');
  const bundle = read('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
  const dir = path.join(ROOT, 'client', 'src');
  const strings: string[] = [];
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const x of source.matchAll(/l10n\.t\(\s*'((?:\\.|[^'\\])*)'/g)) strings.push(x[1].replace(/\\(.)/g, '$1'));
  }
  assert.ok(strings.length >= 2, 'the client has localized strings');
  for (const s of strings) assert.ok(bundle[s] && /[\u4e00-\u9fff]/.test(bundle[s]), `translated: ${s}`);
});
