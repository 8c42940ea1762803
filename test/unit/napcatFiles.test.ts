import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { napcatReason, type DocumentFacts } from '../../client/src/activation/napcatFiles';
import { ROOT } from '../helpers/golden';

/**
 * Which open documents make the client start the language server (client/src/activation): NapCat
 * configs and logs do, the JSON and log files of everybody else do not, and their text is not
 * even read when the language says they cannot be configs.
 */

function doc(languageId: string, file: string, text = '', named = false): DocumentFacts & { reads: number } {
  const facts = {
    languageId,
    path: file,
    named,
    reads: 0,
    text() {
      facts.reads++;
      return text;
    },
  };
  return facts;
}

const example = (rel: string) => fs.readFileSync(path.join(ROOT, 'examples', rel), 'utf8');

test("NapCat's config names start the server whatever their content", () => {
  for (const name of ['/srv/napcat/config/onebot11.json', '/x/onebot11_10001.json', 'C:\\napcat\\onebot11_123456.json5', '/x/onebot11_10001.jsonc']) {
    assert.equal(napcatReason(doc('json', name, '{}')), 'name', name);
  }
});

test('a NapCat log (the language the client gives them) starts the server', () => {
  assert.equal(napcatReason(doc('napcat-log', '/var/log/bot.log')), 'log');
});

test('a file named by napcat.files starts the server', () => {
  assert.equal(napcatReason(doc('json', '/srv/bots/main.json', '{}', true)), 'setting');
});

test('a JSON document whose content is a NapCat config starts the server, by any name', () => {
  for (const rel of ['clean/onebot11_10009.json', 'reverse-ws-list/onebot11_10004.json', 'json5/onebot11_10008.json']) {
    assert.equal(napcatReason(doc('jsonc', '/tmp/renamed.json', example(rel))), 'content', rel);
  }
});

test("everybody else's JSON and logs do not", () => {
  const pkg = doc('json', '/work/app/package.json', fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(napcatReason(pkg), undefined);
  assert.equal(napcatReason(doc('json', '/work/app/tsconfig.json', '{"compilerOptions":{"strict":true}}')), undefined);
  const log = doc('log', '/work/app/server.log', '2026-11-20 10:00:00 [INFO] listening on 8080\n');
  assert.equal(napcatReason(log), undefined);
  assert.equal(log.reads, 0, 'the text of a non-JSON document is not read');
  assert.equal(napcatReason(doc('plaintext', '/x/notes.txt', '"httpServers": []')), undefined);
});
