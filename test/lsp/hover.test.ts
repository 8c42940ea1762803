import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { TestClient, fileUri, fixture, positionOf } from './client';

const TOKEN = 'secret-token-123';

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

test('hover on an adapter shows what NapCat runs: effective values after defaults, start status, masked token', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = fileUri('onebot11_12345.json');
  const text = fixture('onebot11_12345.json');
  await client.openAndWait(uri, text);

  // Inside the entry, on a value (not on a key).
  const http = markdown(await client.hover(uri, positionOf(text, '"http-api"', 2)));
  assert.match(http, /HTTP server/);
  assert.match(http, /`http-api`/);
  assert.match(http, /`port`: `3000` \(converted from `"3000"`\)/);
  assert.match(http, /`host`: `"127\.0\.0\.1"` \(default\)/, 'a missing key shows its default');
  assert.match(http, /`enableWebsocket`: `false` \(default\)/);
  assert.match(http, /NapCat starts this adapter/);
  assert.match(http, /`token`: set(?! \()/);
  assert.ok(!http.includes(TOKEN));

  // The hover range is the whole entry.
  const hover = await client.hover(uri, positionOf(text, '"http-api"', 2));
  const entryStart = positionOf(text, '{\n        "name": "http-api"');
  assert.deepEqual(hover?.range?.start, entryStart);

  // Replaced by a later entry with the same name.
  const replaced = markdown(await client.hover(uri, positionOf(text, '"ws://127.0.0.1:8080', 3)));
  assert.match(replaced, /does not start/);
  assert.match(replaced, /Replaced by `network\.websocketClients\[1\]`/);
  const winner = markdown(await client.hover(uri, positionOf(text, '"ws://127.0.0.1:8081', 3)));
  assert.match(winner, /NapCat starts this adapter/);
  assert.match(winner, /access_token=\*\*\*/, 'tokens inside URLs are masked');

  // Disabled, nameless: the default name.
  const disabled = markdown(await client.hover(uri, positionOf(text, '"ws://localhost:9000"', 3)));
  assert.match(disabled, /`websocket-client` \(default name\)/);
  assert.match(disabled, /Disabled: `enable` is false/);
  assert.match(disabled, /`token`: empty/);
});

test('no hover anywhere in the file reveals a token', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  for (const name of ['onebot11_12345.json', 'onebot11_30003.json']) {
    const uri = fileUri(name);
    const text = fixture(name);
    await client.openAndWait(uri, text);
    const lines = text.split('\n');
    let hovers = 0;
    for (let line = 0; line < lines.length; line++) {
      for (let character = 0; character <= lines[line].length; character += 2) {
        const hover = await client.hover(uri, { line, character });
        if (!hover) continue;
        hovers++;
        assert.ok(!JSON.stringify(hover).includes(TOKEN), `hover at ${line}:${character} of ${name} shows the token`);
      }
    }
    assert.ok(hovers > 20, `${name}: hovers were answered (${hovers})`);
  }
});

test('hover on a key: meaning, type, default and version, in the user language', async (t) => {
  const en = await TestClient.start();
  const zh = await TestClient.start({ locale: 'zh-cn' });
  t.after(() => Promise.all([en.stop(), zh.stop()]));
  const uri = fileUri('onebot11_12345.json');
  const text = fixture('onebot11_12345.json');
  await en.openAndWait(uri, text);
  await zh.openAndWait(uri, text);

  const port = markdown(await en.hover(uri, positionOf(text, '"port"', 2)));
  assert.match(port, /Port to listen on\./);
  assert.match(port, /Type `integer`/);
  assert.match(port, /Default `3000`/);
  assert.doesNotMatch(port, /Effective values/, 'a key hover, not the adapter hover');
  const range = (await en.hover(uri, positionOf(text, '"port"', 2)))?.range;
  assert.deepEqual(range?.start, positionOf(text, '"port"'));

  const heart = markdown(await en.hover(uri, positionOf(text, '"heartInterval"', 2)));
  assert.match(heart, /Heartbeat interval/);
  assert.match(heart, /Default `30000`/);

  const parse = markdown(await en.hover(uri, positionOf(text, '"parseMultMsg"', 2)));
  assert.match(parse, /Since `NapCat v4\.1\.18`/);

  const kind = markdown(await en.hover(uri, positionOf(text, '"websocketClients"', 2)));
  assert.match(kind, /WebSocket client \(reverse WS\)/);

  const portZh = markdown(await zh.hover(uri, positionOf(text, '"port"', 2)));
  assert.match(portZh, /监听端口。/);
  assert.match(portZh, /类型 `integer`/);
});

test('hover follows the target version: defaults and start status', async (t) => {
  const client = await TestClient.start({ settings: { targetVersion: '4.8.0' } });
  t.after(() => client.stop());
  const uri = fileUri('onebot11_12345.json');
  const text = fixture('onebot11_12345.json');
  await client.openAndWait(uri, text);
  const http = markdown(await client.hover(uri, positionOf(text, '"http-api"', 2)));
  assert.match(http, /`host`: `"0\.0\.0\.0"` \(default\)/, 'before v4.8.106 servers listened on 0.0.0.0');
  assert.match(http, /`enableWebsocket`: `true` \(default\)/, 'before v4.10.30 enableWebsocket defaulted to true');
  const host = markdown(await client.hover(uri, positionOf(text, '"http-api"', 2)));
  assert.match(host, /NapCat v4\.8\.0/);

  // A JSON5 file before v4.4.7: NapCat's JSON.parse cannot read it, nothing starts.
  client.settings = { targetVersion: '4.4.6' };
  const mixed = fileUri('onebot11_10001.json');
  const json5 = fixture('onebot11_10001.json');
  await client.changeConfiguration(null);
  await client.openAndWait(mixed, json5);
  const koishi = markdown(await client.hover(mixed, positionOf(json5, '"koishi"', 1)));
  assert.match(koishi, /does not start/);
  assert.match(koishi, /JSON\.parse/);
});

test('hover on a legacy connection says what NapCat does with it', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = fileUri('onebot11_30003.json');
  const text = fixture('onebot11_30003.json');
  await client.openAndWait(uri, text);
  const post = markdown(await client.hover(uri, positionOf(text, '"http://127.0.0.1:5700/"', 3)));
  assert.match(post, /HTTP client/);
  assert.match(post, /http\.postUrls\[0\]/);
  assert.match(post, /since v4\.4\.0/);
  assert.match(post, /`token`: set/);
  const key = markdown(await client.hover(uri, positionOf(text, '"reverseWs"', 2)));
  assert.match(key, /legacy format of v1\.3\.5–v4\.0/);
  assert.match(key, /since v4\.4\.0/);
});

test('with the JSON Schema shown by the editor, key hovers on onebot11*.json leave the meaning out', async (t) => {
  const client = await TestClient.start({ initializationOptions: { schemaHover: true } });
  t.after(() => client.stop());
  const text = fixture('onebot11_12345.json');
  const covered = fileUri('onebot11_12345.json');
  const json5 = fileUri('onebot11_12345.json5');
  await client.openAndWait(covered, text);
  await client.openAndWait(json5, text);

  const port = markdown(await client.hover(covered, positionOf(text, '"port"', 2)));
  assert.doesNotMatch(port, /Port to listen on\./, 'the schema shows the meaning already');
  assert.match(port, /Type `integer`/);
  assert.match(port, /Default `3000`/);
  // The schema does not apply to .json5 files: the meaning stays.
  assert.match(markdown(await client.hover(json5, positionOf(text, '"port"', 2))), /Port to listen on\./);
});
