import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Position } from 'vscode-languageserver';
import { ROOT, TestClient, fileUri } from './client';

// What clients other than VS Code do to the diagnostics they send back with a code action
// request, and the quick fixes must survive: Neovim drops `null` members when it reads a server
// message; a client counting columns in UTF-8 bytes re-encodes every position; Neovim 0.7 sends
// the settings only as `init_options.settings`.

const FIXES = path.join(ROOT, 'test', 'fixtures', 'fixes');

/** The value as Neovim reads it: object members that are null are gone. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, dropNulls(v)]));
  }
  return value;
}

function hasNull(value: unknown): boolean {
  if (value === null) return true;
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNull);
  return false;
}

/** A position with its column counted in UTF-8 bytes, as a client with `positionEncoding: utf-8` would send it. */
function utf8(text: string, p: Position): Position {
  const line = text.split('\n')[p.line] ?? '';
  return { line: p.line, character: Buffer.byteLength(line.slice(0, p.character), 'utf8') };
}

async function titlesFor(client: TestClient, uri: string, diagnostic: Diagnostic): Promise<string[]> {
  const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix'])) ?? [];
  return actions.map((a) => a.title);
}

test('null members dropped from data (Neovim): the legacy Rebuild and the duplicate-name fixes are still offered', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  // A disabled entry that shares its name: nothing replaces it, its data says `"winner": null`.
  const duplicate = `{
  "network": {
    "websocketClients": [
      { "name": "bot", "enable": false, "url": "ws://127.0.0.1:8080/onebot/v11/ws" },
      { "name": "bot", "enable": true, "url": "ws://127.0.0.1:8081/onebot/v11/ws" }
    ]
  }
}
`;
  const cases: [string, string, string, RegExp][] = [
    ['onebot11_10001.json', fs.readFileSync(path.join(FIXES, 'onebot11_10001.json'), 'utf8'), 'napcat.legacy-config', /Rebuild/],
    ['onebot11_43212.json', duplicate, 'napcat.duplicate-name', /Rename/],
  ];
  for (const [file, text, code, title] of cases) {
    const uri = fileUri(file);
    const { diagnostics } = await client.openAndWait(uri, text);
    const withNull = diagnostics.filter((d) => d.code === code && hasNull(d.data));
    assert.ok(withNull.length > 0, `${file}: a ${code} diagnostic whose data holds null (the case to survive)`);
    for (const d of withNull) {
      const exact = await titlesFor(client, uri, d);
      assert.ok(exact.some((x) => title.test(x)), `${file}: offered as published: ${exact.join(', ')}`);
      const neovim = await titlesFor(client, uri, { ...d, data: dropNulls(d.data) });
      assert.deepEqual(neovim, exact, `${file}: the same fixes without the null members`);
    }
  }
});

test('a range re-encoded in UTF-8 columns on a line with Chinese text still finds its fix', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = fileUri('onebot11_43210.json');
  const text = `{
  "network": {
    "websocketClients": [
      { "name": "机器人", "enable": true, "url": "ws://127.0.0.1:8080/onebot/v11/ws" },
      { "name": "机器人", "enable": true, "url": "ws://127.0.0.1:8081/onebot/v11/ws" }
    ]
  }
}
`;
  const { diagnostics } = await client.openAndWait(uri, text);
  const dup = diagnostics.find((d) => d.code === 'napcat.duplicate-name');
  assert.ok(dup, JSON.stringify(diagnostics.map((d) => d.code)));
  const reencoded: Diagnostic = { ...dup, range: { start: utf8(text, dup.range.start), end: utf8(text, dup.range.end) } };
  assert.notDeepEqual(reencoded.range, dup.range, 'the columns differ once counted in bytes');
  const exact = await titlesFor(client, uri, dup);
  assert.ok(exact.some((x) => /Rename/.test(x)), exact.join(', '));
  assert.deepEqual(await titlesFor(client, uri, reencoded), exact);
  assert.deepEqual(await titlesFor(client, uri, { ...reencoded, data: dropNulls(reencoded.data) }), exact);

  // A diagnostic of another finding (another code, or a key that names no finding) finds nothing.
  assert.deepEqual(await titlesFor(client, uri, { ...reencoded, code: 'napcat.url-scheme' }), []);
  assert.deepEqual(await titlesFor(client, uri, { ...reencoded, data: { ...(reencoded.data as object), finding: '1:1' } }), []);
});

test('Neovim 0.7: settings from init_options.settings when workspace/configuration answers null', async (t) => {
  const text = '{ "network": { "websocketServers": [ { "name": "ws", "enable": true, "port": 3001 } ] } }';
  const versionFinding = async (initializationOptions: unknown) => {
    // The client declares workspace/configuration but has no `napcat` section: it answers null.
    const client = await TestClient.start({ configuration: true, settings: null, initializationOptions });
    t.after(() => client.stop());
    const { diagnostics } = await client.openAndWait(fileUri('onebot11_43211.json'), text);
    return diagnostics.map((d) => d.code);
  };
  const latest = await versionFinding(undefined);
  // NapCat before v4.1.0 has no `network`: the same text reads differently.
  const old = await versionFinding({ settings: { targetVersion: '4.0.0' } });
  assert.notDeepEqual(old, latest, `targetVersion 4.0.0 from init_options changes the findings: ${old.join(', ')}`);
});
