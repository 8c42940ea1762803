import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyTopLevelKey, filesGlob, topLevelField } from '../../server/src/core';
import { defaultPort, defaultPortOf, isLocalHost, isLoopbackHost, isUnspecifiedHost } from '../../server/src/core/text/hosts';
import { searchGlob } from '../../client/src/endpoints/globs';
import { ROOT } from '../helpers/golden';

/**
 * The policies several layers share, each written once: hosts and default ports, the
 * classification of top-level keys, `napcat.files` globs — and a scan of the sources that fails
 * when a second copy appears.
 */

test('default ports: 80 without TLS, 443 with; by WHATWG protocol', () => {
  assert.equal(defaultPort(false), 80);
  assert.equal(defaultPort(true), 443);
  assert.deepEqual(['ws:', 'wss:', 'http:', 'https:', 'ftp:'].map(defaultPortOf), [80, 443, 80, 443, undefined]);
});

test('loopback, unspecified and local hosts', () => {
  for (const h of ['localhost', 'LOCALHOST.', 'bot.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
    assert.ok(isLoopbackHost(h), h);
    assert.ok(isLocalHost(h), h);
    assert.ok(!isUnspecifiedHost(h), h);
  }
  for (const h of ['', '0.0.0.0', '::', '[::]', '::0', '0']) {
    assert.ok(isUnspecifiedHost(h), h);
    assert.ok(isLocalHost(h), h);
    assert.ok(!isLoopbackHost(h), h);
  }
  for (const h of ['192.168.1.10', 'example.com', 'localhost.example.com', '128.0.0.1', '::2']) assert.ok(!isLocalHost(h), h);
});

test('top-level keys: fields, legacy keys of each form, leaked keys, unknown ones (inherited names included)', () => {
  assert.deepEqual(
    ['network', 'musicSignUrl', 'token', 'heartInterval', 'enableHttp', 'httpSecret', 'http', 'reverseWs', 'name', 'pathName', 'colour', 'constructor', 'toString'].map(
      classifyTopLevelKey,
    ),
    ['field', 'field', 'legacy-shared', 'legacy-shared', 'f0', 'f0', 'l1', 'l1', 'leaked', 'leaked', 'unknown', 'unknown', 'unknown'],
  );
  assert.equal(topLevelField('constructor'), undefined);
  assert.equal(topLevelField('network')?.type, 'object');
});

test('napcat.files globs: one normalisation for the server and the client', () => {
  assert.deepEqual(filesGlob('  '), undefined);
  assert.deepEqual(filesGlob('my-bot.json'), { glob: '**/my-bot.json', absolute: false, nocase: false });
  assert.deepEqual(filesGlob('.\\config\\*.json'), { glob: '**/config/*.json', absolute: false, nocase: false });
  assert.deepEqual(filesGlob('**/x.json'), { glob: '**/x.json', absolute: false, nocase: false });
  assert.deepEqual(filesGlob('/srv/napcat/*.json'), { glob: '/srv/napcat/*.json', absolute: true, nocase: false });
  assert.deepEqual(filesGlob('C:\\NapCat\\*.json'), { glob: 'C:/NapCat/*.json', absolute: true, nocase: true });
  assert.equal(searchGlob('config/*.json'), '**/config/*.json');
  assert.equal(searchGlob('/srv/a.json'), undefined);
});

/** Every TypeScript source of the server and the client, with comments stripped. */
function sources(): { file: string; code: string }[] {
  const out: { file: string; code: string }[] = [];
  for (const dir of ['server/src', 'client/src']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.ts')) continue;
      const text = fs.readFileSync(path.join(ROOT, dir, f), 'utf8');
      out.push({ file: `${dir}/${f}`, code: text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1') });
    }
  }
  return out;
}

test('each shared policy is written once: grep finds one implementation', () => {
  const all = sources();
  const where = (re: RegExp) => all.filter((s) => re.test(s.code)).map((s) => s.file);
  // 443 only in hosts.ts (a regular expression listing the canonical ports as `80|443` is no default).
  const ports = all.filter((s) => /\b443\b/.test(s.code.replace(/80\|443/g, ''))).map((s) => s.file);
  assert.deepEqual(ports, ['server/src/core/text/hosts.ts'], 'default ports');
  assert.deepEqual(where(/127\(\?:\\\.\\d\{1,3\}\)\{3\}|\/\^127\\\./), ['server/src/core/text/hosts.ts'], 'loopback predicates');
  assert.deepEqual(where(/=\s*\/[^/\n]*access_token/), [], 'secret parameter tables outside core/secrets.ts');
  assert.deepEqual(where(/export function (maskUrl|maskToken|isSecretKey|isSecretParam|maskText)\b/), ['server/src/core/secrets.ts']);
  assert.deepEqual(where(/\.startsWith\('\.\/'\)/), ['server/src/core/detect.ts'], 'glob normalisation');
  assert.deepEqual(where(/(LEAKED_KEYS|F0_KEYS|L1_KEYS|LEGACY_SHARED_KEYS) as readonly string\[\]\)\.includes|own\(TOP_LEVEL_FIELDS|TOP_LEVEL_FIELDS\[/), ['server/src/core/schema.ts'], 'key classification');
  assert.deepEqual(where(/(interface|class) Endpoint\b|type Endpoint\s*=/), ['server/src/core/rules/runtime.ts'], 'one Endpoint type');
});
