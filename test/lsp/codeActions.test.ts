import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, siblingFacts } from '../../server/src/core';
import { applyEdits, rebuild } from '../../server/src/core/fixes';
import { fixAll } from '../../server/src/service/fixes';
import { ROOT, TestClient, fileUri } from './client';
import { expectedDiagnostics, normalize, ownData } from './expected';

/**
 * Quick fixes, fix-all, the rebuild source action and the `napcat.rebuild` command, over stdio
 * against the bundled server: every edit is applied to the text the way an editor would, sent back,
 * and the server's new diagnostics are compared with `analyze()` of the fixed text.
 */

const FIXES = path.join(ROOT, 'test', 'fixtures', 'fixes');
const fixture = (name: string) => fs.readFileSync(path.join(FIXES, name), 'utf8');
/** The token value written in the fixtures; it must never reach a title or a message. */
const SECRET = 's3cr3t-t0ken-value';

/** Every code that has a quick fix, with a text that has it. */
const CASES: readonly (readonly [string, string])[] = [
  ['napcat.legacy-config', fixture('onebot11_10001.json')],
  ['napcat.duplicate-name', fixture('problems.jsonc')],
  ['napcat.missing-name', fixture('problems.jsonc')],
  ['napcat.reserved-name', fixture('problems.jsonc')],
  ['napcat.url-scheme', fixture('problems.jsonc')],
  ['napcat.url-spaces', fixture('problems.jsonc')],
  ['napcat.url-unspecified-host', fixture('problems.jsonc')],
  ['napcat.port-conflict', fixture('problems.jsonc')],
  ['napcat.message-format', fixture('problems.jsonc')],
  ['napcat.unknown-key', fixture('problems.jsonc')],
  ['napcat.duplicate-key', fixture('problems.jsonc')],
  [
    'napcat.port-conflict',
    `{
  "network": {
    "httpServers": [
      { "name": "a", "enable": true },
      { "name": "b", "enable": true }
    ]
  }
}
`,
  ],
  [
    'napcat.coerced-value',
    `{
  // converted by NapCat: some spelled out, some not, and a token
  "network": {
    "websocketServers": [
      { "name": "ws", "enable": "true", "port": '3001', "heartInterval": 1.5, "debug": "1", "token": 42 }
    ]
  },
  "parseMultMsg": "FALSE"
}
`,
  ],
  [
    'napcat.webui-port',
    `{
  'network': {
    websocketServers: [{ name: 'ws', enable: true, port: "6099" }],
    httpServers: [{ name: 'http', enable: true }],
  },
}
`,
  ],
  [
    'napcat.url-invalid',
    `{
  "network": {
    "websocketClients": [
      { "name": "ime", "enable": true, "url": "ws：／／127.0.0.1：8080／onebot／v11／ws" },
      { "name": "hash", "enable": true, "url": "ws://127.0.0.1:8081/ws#x" }
    ]
  }
}
`,
  ],
];

/** The one versioned TextDocumentEdit of a WorkspaceEdit, for `uri` at `version`, applied to `text`. */
function applyVersioned(text: string, edit: WorkspaceEdit | undefined, uri: string, version: number): string {
  assert.ok(edit?.documentChanges, 'the edit uses documentChanges');
  assert.equal(edit.documentChanges.length, 1);
  const change = edit.documentChanges[0] as TextDocumentEdit;
  assert.deepEqual(change.textDocument, { uri, version }, 'the edit is bound to the version it was computed for');
  return TextDocument.applyEdits(TextDocument.create(uri, 'json', version, text), change.edits as TextEdit[]);
}

function counts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of analyze(text).findings) m.set(f.code, (m.get(f.code) ?? 0) + 1);
  return m;
}

let serial = 0;
/** A fresh NapCat config URI for each document of a test. */
const nextUri = () => fileUri(`onebot11_${7000 + serial++}.json`);

/** Sends the whole new text as version `version` and waits for its diagnostics. */
async function resend(client: TestClient, uri: string, version: number, text: string): Promise<Diagnostic[]> {
  const next = client.nextDiagnostics(uri, (p) => p.version === version);
  await client.change(uri, version, [{ text }]);
  return (await next).diagnostics;
}

for (const [i, [code, text]] of CASES.entries()) {
  test(`quick fixes for ${code} (case ${i + 1}): applied, re-checked, the diagnostic is gone and nothing new appears`, async (t) => {
    const client = await TestClient.start();
    t.after(() => client.stop());
    const probe = nextUri();
    const { diagnostics } = await client.openAndWait(probe, text);
    const targets = diagnostics.filter((d) => d.code === code);
    assert.ok(targets.length > 0, `the text has ${code}`);
    let offered = 0;
    for (const diagnostic of targets) {
      const count = ((await client.codeActions(probe, diagnostic.range, [diagnostic], ['quickfix'])) ?? []).length;
      for (let n = 0; n < count; n++) {
        offered++;
        // Each action on a fresh copy of the document, as if it were the only one chosen.
        const uri = nextUri();
        await client.openAndWait(uri, text);
        const action = ((await client.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix'])) ?? [])[n];
        assert.equal(action.kind, 'quickfix');
        assert.deepEqual(action.diagnostics, [diagnostic]);
        const fixed = applyVersioned(text, action.edit, uri, 1);
        const after = await resend(client, uri, 2, fixed);
        assert.deepEqual(normalize(after), normalize(expectedDiagnostics(fixed, {}, 'en', uri)), 'the server agrees with analyze()');
        assert.ok(!after.some((d) => d.code === 'napcat.syntax'), `${action.title}: the result parses`);
        const before = counts(text);
        const now = counts(fixed);
        if (/^Rebuild/.test(action.title)) {
          for (const gone of ['napcat.legacy-config', 'napcat.missing-name', 'napcat.duplicate-name']) assert.equal(now.get(gone), undefined, `${action.title}: no ${gone} left`);
        } else {
          assert.ok((now.get(code) ?? 0) < (before.get(code) ?? 0), `${action.title}: one ${code} fewer`);
          for (const [c, n] of now) assert.ok(n <= (before.get(c) ?? 0), `${action.title}: no new ${c}`);
        }
        await client.close(uri);
      }
    }
    assert.ok(offered > 0, `at least one fix for ${code}`);
  });
}

test('what each fix writes: names, URLs (also with a token in the query), ports, formats, keys', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const text = fixture('problems.jsonc');
  const uri = nextUri();
  const { diagnostics } = await client.openAndWait(uri, text);
  const titles = async (code: string, index = 0) => {
    const d = diagnostics.filter((x) => x.code === code)[index];
    assert.ok(d, `${code}[${index}]`);
    const actions = (await client.codeActions(uri, d.range, [d])) ?? [];
    return actions.map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`);
  };
  assert.deepEqual(await titles('napcat.missing-name'), ["Add the name 'websocket-client' *", 'Rebuild the whole file']);
  assert.deepEqual(await titles('napcat.duplicate-name'), ["Rename to 'bot-2' *", 'Rebuild the whole file']);
  assert.deepEqual(await titles('napcat.reserved-name'), ["Rename to 'websocket-server' *"]);
  assert.deepEqual(await titles('napcat.url-spaces'), ['Remove the white space from this URL *']);
  assert.deepEqual(await titles('napcat.url-scheme', 0), ['Use ws:// in this URL *']);
  assert.deepEqual(await titles('napcat.url-scheme', 1), ['Add ws:// in front of this URL *']);
  assert.deepEqual(await titles('napcat.url-scheme', 2), ['Use http:// in this URL *']);
  assert.deepEqual(await titles('napcat.url-unspecified-host'), ['Connect to 127.0.0.1 instead of 0.0.0.0']);
  assert.deepEqual(await titles('napcat.port-conflict'), ['Move to the free port 3002']);
  assert.deepEqual(await titles('napcat.message-format', 0), ["Write 'array' *"]);
  assert.deepEqual(await titles('napcat.message-format', 1), ["Write 'string' *"]);
  assert.deepEqual(await titles('napcat.unknown-key'), ['Rename `tokne` to `token`']);
  assert.deepEqual(await titles('napcat.duplicate-key'), ['Remove this `port` (NapCat reads the later one)']);

  // The URL with a token in its query: `data` leaves the URL out, the fix computes it and keeps the quotes.
  const withToken = diagnostics.filter((d) => d.code === 'napcat.url-scheme')[1];
  assert.equal((withToken.data as { url?: string }).url, undefined, 'no URL with a credential in data');
  const [scheme] = (await client.codeActions(uri, withToken.range, [withToken])) ?? [];
  const fixed = applyVersioned(text, scheme.edit, uri, 1);
  assert.match(fixed, /"url": 'ws:\/\/127\.0\.0\.1:8082\/ws\?access_token=s3cr3t-t0ken-value'/);
  // The edit is minimal: only the inserted scheme.
  const edits = (scheme.edit!.documentChanges![0] as TextDocumentEdit).edits;
  assert.deepEqual(edits.map((e) => (e as TextEdit).newText), ["ws://"]);
});

test('a fix that would break or lose something is not offered', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const text = `{
  "network": {
    "websocketClients": [
      {
        "name": "a",
        "enable": true,
        "tokn": "",
        "token": "",
        "url": "ws://127.0.0.1:8080/ws",
        "url": "ws://127.0.0.1:8081/ws"
      }
    ],
    "httpServers": [{ "name": "h", "port": 3000 }],
    "httpServers": [{ "name": "h", "port": 3001 }]
  }
}
`;
  const uri = nextUri();
  const { diagnostics } = await client.openAndWait(uri, text);
  const actionsFor = async (code: string) => {
    const ds = diagnostics.filter((d) => d.code === code);
    assert.ok(ds.length > 0, code);
    return (await Promise.all(ds.map((d) => client.codeActions(uri, d.range, [d], ['quickfix'])))).flatMap((a) => a ?? []);
  };
  // `tokn` → `token` would write `token` twice.
  assert.deepEqual(await actionsFor('napcat.unknown-key'), []);
  // A scalar the later key overrides can go; a different list cannot (its entries would be lost).
  const removals = await actionsFor('napcat.duplicate-key');
  assert.deepEqual(removals.map((a) => a.title), ['Remove this `url` (NapCat reads the later one)']);
  const fixed = applyVersioned(text, removals[0].edit, uri, 1);
  assert.ok(!fixed.includes('8080'), 'the ignored url is gone');
  assert.match(fixed, /"token": "",\n {8}"url": "ws:\/\/127\.0\.0\.1:8081\/ws"\n/, 'its whole line went, nothing else');
});

test('source.fixAll.napcat: every safe fix as one versioned edit; unsafe findings stay', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const text = fixture('problems.jsonc');
  const uri = nextUri();
  await client.openAndWait(uri, text);
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const actions = (await client.codeActions(uri, whole, [], ['source.fixAll.napcat'])) ?? [];
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.napcat');
  assert.equal(actions[0].title, 'Fix all safe NapCat problems');
  const fixed = applyVersioned(text, actions[0].edit, uri, 1);
  assert.equal(fixed, applyEdits(text, fixAll(analyze(text))), 'the edit the pure fix-all computes');

  const after = await resend(client, uri, 2, fixed);
  assert.deepEqual(normalize(after), normalize(expectedDiagnostics(fixed, {}, 'en', uri)));
  const left = counts(fixed);
  for (const gone of ['napcat.missing-name', 'napcat.duplicate-name', 'napcat.reserved-name', 'napcat.url-spaces', 'napcat.url-scheme']) {
    assert.equal(left.get(gone), undefined, `no ${gone} left`);
  }
  // Not safe, so still there: destination host, port conflict, duplicate key, typo, 'string' format.
  for (const kept of ['napcat.url-unspecified-host', 'napcat.port-conflict', 'napcat.duplicate-key', 'napcat.unknown-key']) {
    assert.equal(left.get(kept), 1, `${kept} is left for the user`);
  }
  assert.equal(left.get('napcat.message-format'), 1, "'arr' → 'array' was fixed, 'strin' was not");
  assert.match(fixed, /"messagePostFormat": "array"/);
  assert.match(fixed, /"messagePostFormat": "strin"/);
  assert.match(fixed, /\/\/ Several problems at once/, 'comments stay');
  assert.match(fixed, /"url": 'ws:\/\/127\.0\.0\.1:8082\/ws\?access_token=/, 'host:port got its scheme');

  // Asked for by the parent kind too (editor.codeActionsOnSave: source.fixAll); never without a kind.
  const byParent = (await client.codeActions(uri, whole, [], ['source.fixAll'])) ?? [];
  assert.deepEqual(byParent.map((a) => a.kind), [], 'nothing left to fix at version 2');
  await client.change(uri, 3, [{ text }]);
  assert.deepEqual(((await client.codeActions(uri, whole, [], ['source.fixAll'])) ?? []).map((a) => a.kind), ['source.fixAll.napcat']);
  assert.deepEqual(((await client.codeActions(uri, whole, [])) ?? []).filter((a) => a.kind?.startsWith('source')), []);
});

test('rebuild of a legacy file with several reverse WS URLs: quick fix, source action and command give rebuild() byte for byte', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const text = fixture('onebot11_10001.json');
  const expected = rebuild(text);
  assert.equal(expected.kind, 'rebuilt');
  const rebuilt = expected.kind === 'rebuilt' ? expected.text : '';

  const uri = nextUri();
  const { diagnostics } = await client.openAndWait(uri, text);
  const legacy = diagnostics.find((d) => d.code === 'napcat.legacy-config')!;
  const [quick] = (await client.codeActions(uri, legacy.range, [legacy])) ?? [];
  assert.equal(quick.title, "Rebuild as NapCat's named `network` config");
  assert.equal(quick.isPreferred, true, 'preferred for a legacy diagnostic');
  assert.equal(applyVersioned(text, quick.edit, uri, 1), rebuilt);

  const [source] = (await client.codeActions(uri, legacy.range, [], ['source.napcat.rebuild'])) ?? [];
  assert.equal(source.kind, 'source.napcat.rebuild');
  assert.equal(applyVersioned(text, source.edit, uri, 1), rebuilt);

  const result = await client.executeCommand<{ status: string; message: string; version: number }>('napcat.rebuild', [uri, 1]);
  assert.equal(result.status, 'applied');
  assert.equal(result.version, 1);
  assert.equal(result.message, 'NapCat config rebuilt: 6 entries added, 8 legacy keys removed.');
  assert.equal(client.applyEditRequests.length, 1, 'one workspace/applyEdit: one undo step');
  const request = client.applyEditRequests[0];
  assert.equal(request.label, 'Rebuild NapCat config');
  assert.equal(applyVersioned(text, request.edit, uri, 1), rebuilt);

  // Applied and sent back, the file has nothing left to rebuild.
  const after = await resend(client, uri, 2, rebuilt);
  assert.ok(!after.some((d) => ['napcat.legacy-config', 'napcat.missing-name', 'napcat.duplicate-name'].includes(String(d.code))));
  const again = await client.executeCommand<{ status: string; message: string }>('napcat.rebuild', [uri, 2]);
  assert.deepEqual(again.status, 'unchanged');
  assert.match(again.message, /^Nothing to rebuild/);
});

test('stale versions: edits carry their version; after didChange an old rebuild is refused and old diagnostics get no fix', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const text = fixture('onebot11_10001.json');
  const uri = nextUri();
  const { diagnostics } = await client.openAndWait(uri, text);
  const old = diagnostics.find((d) => d.code === 'napcat.legacy-config')!;
  const [v1] = (await client.codeActions(uri, old.range, [old])) ?? [];
  assert.equal((v1.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 1);

  // Version 2: one line more at the top, so every finding moves.
  const changed = '// edited\n' + text;
  const fresh = await resend(client, uri, 2, changed);
  assert.deepEqual(await client.codeActions(uri, old.range, [old]), [], 'a diagnostic of version 1 gets no fix at version 2');
  const stale = await client.executeCommand<{ status: string; message: string }>('napcat.rebuild', [uri, 1]);
  assert.equal(stale.status, 'stale');
  assert.match(stale.message, /changed/);
  assert.equal(client.applyEditRequests.length, 0, 'nothing was sent to apply');

  const current = fresh.find((d) => d.code === 'napcat.legacy-config')!;
  const [v2] = (await client.codeActions(uri, current.range, [current])) ?? [];
  assert.equal(applyVersioned(changed, v2.edit, uri, 2), (rebuild(changed) as { text: string }).text);

  // An editor that refuses the edit (e.g. the document moved on meanwhile): reported, nothing claimed.
  client.applyEdit = () => ({ applied: false, failureReason: 'document version mismatch' });
  const refused = await client.executeCommand<{ status: string; message: string }>('napcat.rebuild', [uri, 2]);
  assert.equal(refused.status, 'not-applied');
  assert.match(refused.message, /document version mismatch/);
});

test('the rebuild command explains a refusal, an unchanged file and a file that is not a NapCat config', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const broken = nextUri();
  await client.openAndWait(broken, fixture('broken.json'));
  const r1 = await client.executeCommand<{ status: string; message: string }>('napcat.rebuild', [broken, 1]);
  assert.equal(r1.status, 'refused');
  assert.match(r1.message, /^Rebuild refused: NapCat cannot read this file \(line 6, column 3/);
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const [disabled] = (await client.codeActions(broken, whole, [], ['source.napcat.rebuild'])) ?? [];
  assert.equal(disabled.edit, undefined);
  assert.match(disabled.disabled?.reason ?? '', /line 6, column 3/);

  const named = nextUri();
  await client.openAndWait(named, fixture('named.json'));
  const r2 = await client.executeCommand<{ status: string }>('napcat.rebuild', [named, 1]);
  assert.equal(r2.status, 'unchanged');

  const other = fileUri('package-like.json');
  await client.open(other, '{ "name": "x", "version": "1.0.0" }');
  const r3 = await client.executeCommand<{ status: string; message: string }>('napcat.rebuild', [other, 1]);
  assert.equal(r3.status, 'refused');
  assert.match(r3.message, /not a NapCat OneBot config/);
  const r4 = await client.executeCommand<{ status: string }>('napcat.rebuild', [fileUri('never-opened.json'), 1]);
  assert.equal(r4.status, 'refused');
  assert.equal(client.applyEditRequests.length, 0);
});

test('zh-cn: titles and command messages in Simplified Chinese', async (t) => {
  const client = await TestClient.start({ locale: 'zh-cn' });
  t.after(() => client.stop());
  const text = fixture('problems.jsonc');
  const uri = nextUri();
  const { diagnostics } = await client.openAndWait(uri, text);
  const dup = diagnostics.find((d) => d.code === 'napcat.duplicate-name')!;
  const titles = ((await client.codeActions(uri, dup.range, [dup])) ?? []).map((a) => a.title);
  assert.deepEqual(titles, ["重命名为 'bot-2'", '重建整个文件']);
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const [all] = (await client.codeActions(uri, whole, [], ['source.fixAll.napcat'])) ?? [];
  assert.equal(all.title, '修复所有可安全自动修复的 NapCat 问题');

  const legacy = nextUri();
  const legacyText = fixture('onebot11_10001.json');
  const ld = (await client.openAndWait(legacy, legacyText)).diagnostics.find((d) => d.code === 'napcat.legacy-config')!;
  assert.equal(((await client.codeActions(legacy, ld.range, [ld])) ?? [])[0].title, '重建为 NapCat 的具名 `network` 配置');
  const done = await client.executeCommand<{ status: string; message: string }>('napcat.rebuild', [legacy, 1]);
  assert.equal(done.status, 'applied');
  assert.equal(done.message, 'NapCat 配置已重建：新增 6 个条目，移除 8 个旧版键。');
  assert.equal(client.applyEditRequests[0].label, '重建 NapCat 配置');
});

test('no token in any title or message', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const seen: string[] = [];
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const name of ['problems.jsonc', 'onebot11_10001.json', 'bom-crlf.json', 'broken.json', 'named.json']) {
    const uri = nextUri();
    const { diagnostics } = await client.openAndWait(uri, fixture(name));
    for (const d of diagnostics) {
      const actions: CodeAction[] = (await client.codeActions(uri, d.range, [d])) ?? [];
      seen.push(...actions.map((a) => a.title));
    }
    const sources = (await client.codeActions(uri, whole, [], ['source'])) ?? [];
    seen.push(...sources.map((a) => `${a.title} ${a.disabled?.reason ?? ''}`));
    client.applyEdit = () => ({ applied: false });
    seen.push((await client.executeCommand<{ message: string }>('napcat.rebuild', [uri, 1])).message);
  }
  assert.ok(seen.length > 20, `${seen.length} titles and messages`);
  for (const s of seen) {
    assert.ok(!s.includes(SECRET), `no token in ${JSON.stringify(s)}`);
    assert.ok(!/access_token|:\/\/\S/.test(s), `no URL in ${JSON.stringify(s)}`);
  }
});

test('initialize declares the code action kinds and the rebuild command (the connection commands follow it)', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const caps = client.initializeResult.capabilities;
  assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.napcat', 'source.napcat.rebuild'] });
  assert.equal(caps.executeCommandProvider?.commands[0], 'napcat.rebuild');
});

test('a port move keeps the written type, and adds `port` to an entry that uses the default', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const moved = async (text: string, code: string) => {
    const uri = nextUri();
    const d = (await client.openAndWait(uri, text)).diagnostics.find((x) => x.code === code)!;
    const [action] = (await client.codeActions(uri, d.range, [d])) ?? [];
    return applyVersioned(text, action.edit, uri, 1);
  };
  const asString = await moved(CASES.find(([c]) => c === 'napcat.webui-port')![1], 'napcat.webui-port');
  assert.match(asString, /port: "6100"/);
  const added = await moved(CASES.filter(([c]) => c === 'napcat.port-conflict')[1][1], 'napcat.port-conflict');
  assert.equal(
    added,
    `{
  "network": {
    "httpServers": [
      { "name": "a", "enable": true },
      { "name": "b", "enable": true, "port": 3001 }
    ]
  }
}
`,
  );
});

test('fix-all leaves a scheme guess alone: `ws//host` may be a mistyped scheme, so it is only offered', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  const text = `{
  "network": {
    "websocketClients": [{ "name": "a", "enable": true, "url": "ws//127.0.0.1:8080/ws" }]
  }
}
`;
  const uri = nextUri();
  const { diagnostics } = await client.openAndWait(uri, text);
  const d = diagnostics.find((x) => x.code === 'napcat.url-scheme')!;
  const offered = (await client.codeActions(uri, d.range, [d])) ?? [];
  assert.deepEqual(offered.map((a) => [a.title, a.isPreferred]), [['Add ws:// in front of this URL', false]], 'offered, not preferred');
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  assert.deepEqual(await client.codeActions(uri, whole, [], ['source.fixAll.napcat']), []);
});

/** A code action without its title: what it does. */
function behaviour(a: CodeAction): unknown {
  return { kind: a.kind, isPreferred: a.isPreferred ?? false, edit: a.edit, command: a.command?.command, arguments: a.command?.arguments, disabled: a.disabled !== undefined };
}

test('translated messages do not change what the quick fixes do (en and zh-cn servers side by side)', async (t) => {
  const en = await TestClient.start();
  const zh = await TestClient.start({ locale: 'zh-cn' });
  t.after(() => Promise.all([en.stop(), zh.stop()]));
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  let compared = 0;
  let titlesDiffer = 0;
  for (const name of ['problems.jsonc', 'onebot11_10001.json', 'bom-crlf.json', 'named.json']) {
    const uri = nextUri();
    const text = fixture(name);
    const [de, dz] = [(await en.openAndWait(uri, text)).diagnostics, (await zh.openAndWait(uri, text)).diagnostics];
    // Same findings, same places, same codes and data; only the words differ.
    assert.deepEqual(
      dz.map((d) => [d.code, d.range, d.severity, d.data]),
      de.map((d) => [d.code, d.range, d.severity, d.data]),
      name,
    );
    for (let i = 0; i < de.length; i++) {
      assert.ok(/[\u4e00-\u9fff]/.test(String(dz[i].message)), `${name}: ${dz[i].code} is worded in Chinese: ${dz[i].message}`);
      // Each server gets its own diagnostic back, as an editor sends it.
      const ae = (await en.codeActions(uri, de[i].range, [de[i]])) ?? [];
      const az = (await zh.codeActions(uri, dz[i].range, [dz[i]])) ?? [];
      assert.deepEqual(az.map(behaviour), ae.map(behaviour), `${name}: actions for ${de[i].code}`);
      // And a Chinese diagnostic handed to the English server (a client that kept old messages) changes nothing either.
      const crossed = (await en.codeActions(uri, dz[i].range, [dz[i]])) ?? [];
      assert.deepEqual(crossed.map(behaviour), ae.map(behaviour), `${name}: ${de[i].code} keyed on code and data, not words`);
      compared += ae.length;
      titlesDiffer += ae.filter((a, k) => a.title !== az[k].title).length;
    }
    for (const only of [['source.fixAll.napcat'], ['source']]) {
      const se = (await en.codeActions(uri, whole, [], only)) ?? [];
      const sz = (await zh.codeActions(uri, whole, [], only)) ?? [];
      assert.deepEqual(sz.map(behaviour), se.map(behaviour), `${name}: ${only[0]}`);
    }
  }
  assert.ok(compared > 15, `${compared} actions compared`);
  assert.equal(titlesDiffer, compared, 'every title is translated');
});

test('the server speaks the bundle its client hands it, and falls back to English when it cannot read it', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-l10n-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const key = 'Fix all safe NapCat problems';
  assert.ok(shipped[key], 'the fix-all title is in the shipped bundle');
  const custom = path.join(dir, 'bundle.l10n.zh-cn.json');
  fs.writeFileSync(custom, JSON.stringify({ ...shipped, [key]: '修复全部（自定义包）' }));
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const titleWith = async (initializationOptions: unknown) => {
    const client = await TestClient.start({ locale: 'zh-cn', initializationOptions });
    try {
      const uri = nextUri();
      await client.openAndWait(uri, fixture('problems.jsonc'));
      return ((await client.codeActions(uri, whole, [], ['source.fixAll.napcat'])) ?? [])[0]?.title;
    } finally {
      await client.stop();
    }
  };
  assert.equal(await titleWith({ locale: 'zh-cn', l10nBundle: custom }), '修复全部（自定义包）');
  assert.equal(await titleWith({ locale: 'zh-cn' }), shipped[key]);
  assert.equal(await titleWith({ locale: 'zh-cn', l10nBundle: path.join(dir, 'missing.json') }), key);
});

test('coerced values: titles, preferred when the text spells the value, fix-all, zh-cn; no token in a title', async (t) => {
  const text = CASES.find(([c]) => c === 'napcat.coerced-value')![1];
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const [locale, expected, fixAllTitle] of [
    [
      'en',
      [
        'Write true, the value NapCat converts this to *',
        'Write 3001, the value NapCat converts this to *',
        'Write 1, the value NapCat converts this to',
        'Write true, the value NapCat converts this to',
        'Write this token as a string (NapCat reads the same token) *',
        'Write false, the value NapCat converts this to *',
      ],
      'Fix all safe NapCat problems',
    ],
    [
      'zh-cn',
      [
        '改为 true（NapCat 转换后的值） *',
        '改为 3001（NapCat 转换后的值） *',
        '改为 1（NapCat 转换后的值）',
        '改为 true（NapCat 转换后的值）',
        '将此 token 写成字符串（NapCat 读到的 token 不变） *',
        '改为 false（NapCat 转换后的值） *',
      ],
      '修复所有可安全自动修复的 NapCat 问题',
    ],
  ] as const) {
    const client = await TestClient.start({ locale });
    t.after(() => client.stop());
    const uri = nextUri();
    const { diagnostics } = await client.openAndWait(uri, text);
    const coerced = diagnostics.filter((d) => d.code === 'napcat.coerced-value');
    const titles: string[] = [];
    for (const d of coerced) {
      for (const a of (await client.codeActions(uri, d.range, [d], ['quickfix'])) ?? []) titles.push(`${a.title}${a.isPreferred ? ' *' : ''}`);
    }
    assert.deepEqual(titles, expected);
    for (const title of titles) assert.ok(!title.includes('42'), 'no token value in a title');

    const [all] = (await client.codeActions(uri, whole, [], ['source.fixAll.napcat'])) ?? [];
    assert.equal(all.title, fixAllTitle);
    const fixed = applyVersioned(text, all.edit, uri, 1);
    assert.equal(fixed, applyEdits(text, fixAll(analyze(text))));
    assert.match(fixed, /"enable": true, "port": 3001, "heartInterval": 1\.5, "debug": "1", "token": "42"/);
    assert.match(fixed, /"parseMultMsg": false/);
    assert.match(fixed, /\/\/ converted by NapCat/);
    const after = await resend(client, uri, 2, fixed);
    assert.deepEqual(normalize(after), normalize(expectedDiagnostics(fixed, {}, locale, uri)));
    const doc = TextDocument.create(uri, 'json', 2, fixed);
    assert.deepEqual(
      after.filter((d) => d.code === 'napcat.coerced-value').map((d) => doc.getText(d.range)),
      ['1.5', '"1"'],
      'heartInterval 1.5 and debug "1" are left for the user',
    );
  }
});

test('account-port-conflict: "Move to the free port" avoids this file, the other accounts and webui.json; applied, the conflict is gone', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-lsp-fix-account-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const other = JSON.stringify({
    network: {
      websocketServers: [
        { name: 'a', enable: true, host: '0.0.0.0', port: 3001, token: 't' },
        { name: 'b', enable: true, host: '127.0.0.1', port: 3002, token: 't' },
      ],
    },
  });
  const files = [
    { name: 'onebot11_10002.json', text: other },
    { name: 'webui.json', text: '{ "port": 3003 }' },
  ];
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.text);
  const text = `{
  "network": {
    "httpServers": [{ "name": "mine", "enable": true, "host": "127.0.0.1", "port": 3001, "token": "t" }],
    "websocketClients": [{ "name": "c", "enable": true, "url": "ws://127.0.0.1:3004/ws" }]
  }
}
`;
  const client = await TestClient.start();
  t.after(() => client.stop());
  const uri = pathToFileURL(path.join(dir, 'onebot11_10001.json')).toString();
  const options = { siblings: siblingFacts('onebot11_10001.json', files) };
  const { diagnostics } = await client.openAndWait(uri, text);
  assert.deepEqual(normalize(diagnostics), normalize(expectedDiagnostics(text, options, 'en', uri)));
  const d = diagnostics.find((x) => x.code === 'napcat.account-port-conflict')!;
  assert.deepEqual(ownData(d), { port: 3001, otherFile: 'onebot11_10002.json', freePort: 3005 });
  const actions = (await client.codeActions(uri, d.range, [d], ['quickfix'])) ?? [];
  assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Move to the free port 3005', false]]);
  const fixed = applyVersioned(text, actions[0].edit, uri, 1);
  assert.equal(fixed, text.replace('"port": 3001', '"port": 3005'));
  const after = await resend(client, uri, 2, fixed);
  assert.ok(!after.some((x) => x.code === 'napcat.account-port-conflict'));
  assert.deepEqual(normalize(after), normalize(expectedDiagnostics(fixed, options, 'en', uri)));
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  assert.deepEqual(await client.codeActions(uri, whole, [], ['source.fixAll.napcat']), [], 'a port move is never applied on save');
});
