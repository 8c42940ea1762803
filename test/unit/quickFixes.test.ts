import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, parseVersion, siblingFacts, type AnalyzeOptions, type Finding } from '../../server/src/core';
import { applyEdits } from '../../server/src/core/fixes';
import { fixAll, fixesFor, type Fix } from '../../server/src/service/fixes';
import { inLang } from '../helpers/l10n';

/**
 * The pure quick fixes of `napcat.coerced-value` and `napcat.account-port-conflict`: each fix is
 * applied to the text and the result analysed again — the finding is gone, every other finding is
 * still there, and only the fixed value's text changed.
 */

const at = (text: string, f: Finding) => text.slice(f.range.offset, f.range.offset + f.range.length);

/** The findings of a text as comparable keys: code and arguments, without offsets. */
function keys(text: string, options: AnalyzeOptions = {}): string[] {
  return analyze(text, options)
    .findings.map((f) => `${f.code} ${JSON.stringify(f.args ?? {})}`)
    .sort();
}

/** The fixes of the finding of `code` whose range holds `written`. */
function fixesOf(text: string, code: string, written: string, options: AnalyzeOptions = {}): { finding: Finding; fixes: Fix[] } {
  const analysis = analyze(text, options);
  const finding = analysis.findings.find((f) => f.code === code && at(text, f) === written);
  assert.ok(finding, `${code} on ${written} in ${text}`);
  return { finding, fixes: fixesFor(analysis, finding) };
}

/**
 * Applies the one fix of the finding on `written`, checks that only that value changed, that the
 * finding is gone and that every other finding stays; returns the fixed text and the fix.
 */
function applyOne(text: string, code: string, written: string, options: AnalyzeOptions = {}): { fixed: string; fix: Fix } {
  const { finding, fixes } = fixesOf(text, code, written, options);
  assert.equal(fixes.length, 1, `one fix for ${code} on ${written}`);
  const fix = fixes[0];
  const fixed = applyEdits(text, fix.edits);
  const start = finding.range.offset;
  const end = start + finding.range.length;
  const delta = fixed.length - text.length;
  assert.equal(fixed.slice(0, start), text.slice(0, start), 'nothing before the value changed');
  assert.equal(fixed.slice(end + delta), text.slice(end), 'nothing after the value changed');
  const before = keys(text, options);
  const after = keys(fixed, options);
  const gone = before.filter((k) => k.startsWith(code + ' '));
  assert.equal(after.filter((k) => k.startsWith(code + ' ')).length, gone.length - 1, `one ${code} fewer`);
  assert.deepEqual(
    after.filter((k) => !k.startsWith(code + ' ')),
    before.filter((k) => !k.startsWith(code + ' ')),
    'every other finding stays',
  );
  return { fixed, fix };
}

const entry = (fields: string) => `{
  // a comment that stays
  "network": {
    "websocketServers": [
      { "name": "ws", "host": "127.0.0.1", "token": "t", ${fields} }
    ]
  }
}
`;

// ---------------------------------------------------------------------------------------------
// napcat.coerced-value

test('coerced-value: a value whose text spells the converted value is rewritten in its type, safe and preferred', () => {
  const cases: [fields: string, written: string, expected: string][] = [
    ['"enable": "true"', '"true"', '"enable": true'],
    ['"enable": "FALSE"', '"FALSE"', '"enable": false'],
    ['"enable": true, "port": "8080"', '"8080"', '"port": 8080'],
    ['"enable": true, "port": " 8080 "', '" 8080 "', '"port": 8080'],
    ["'enable': true, 'port': '3001'", "'3001'", "'port': 3001"],
    ['"enable": true, "heartInterval": "30000"', '"30000"', '"heartInterval": 30000'],
    ['"enable": true, "name": 123', '123', '"name": "123"'],
    ['"enable": true, "debug": "false"', '"false"', '"debug": false'],
  ];
  for (const [fields, written, expected] of cases) {
    const text = entry(fields);
    const { fixed, fix } = applyOne(text, 'napcat.coerced-value', written);
    assert.ok(fixed.includes(expected), `${written} → ${expected}: ${fixed}`);
    assert.equal(fix.safe, true, `${written}: safe`);
    assert.equal(fix.preferred, true, `${written}: preferred`);
    assert.equal(fix.kind, 'coerced-value');
  }
  const { fix } = applyOne(entry('"enable": "true"'), 'napcat.coerced-value', '"true"');
  assert.equal(fix.title, 'Write true, the value NapCat converts this to');
  assert.equal(inLang('zh-cn', () => applyOne(entry('"enable": "true"'), 'napcat.coerced-value', '"true"').fix.title), '改为 true（NapCat 转换后的值）');
  assert.equal(applyOne(entry('"enable": true, "name": 123'), 'napcat.coerced-value', '123').fix.title, 'Write "123", the value NapCat converts this to');
});

test('coerced-value: top-level keys and timeout values', () => {
  const text = `{
  "network": {},
  "parseMultMsg": "false",
  "timeout": { "baseTimeout": "10000", "uploadSpeedKBps": "256.5" }
}
`;
  assert.match(applyOne(text, 'napcat.coerced-value', '"false"').fixed, /"parseMultMsg": false,/);
  assert.match(applyOne(text, 'napcat.coerced-value', '"10000"').fixed, /"baseTimeout": 10000,/);
  assert.match(applyOne(text, 'napcat.coerced-value', '"256.5"').fixed, /"uploadSpeedKBps": 256\.5 /);
});

test('coerced-value: conversions the text does not spell are offered, exactly as NapCat converts, but never applied by fix-all', () => {
  const cases: [fields: string, written: string, expected: string][] = [
    ['"enable": "1"', '"1"', '"enable": true'],
    ['"enable": 1', '1', '"enable": true'],
    ['"enable": 0', '0', '"enable": false'],
    ['"enable": true, "port": 3001.5', '3001.5', '"port": 3001'],
    // TypeBox converts with parseInt: "1e3" is 1, "0x10" is 16, "08080" is 8080.
    ['"enable": true, "port": "1e3"', '"1e3"', '"port": 1'],
    ['"enable": true, "port": "0x10"', '"0x10"', '"port": 16'],
    ['"enable": true, "port": "08080"', '"08080"', '"port": 8080'],
    ['"enable": true, "port": true', 'true', '"port": 1'],
    ['"enable": true, "name": 1e3', '1e3', '"name": "1000"'],
  ];
  for (const [fields, written, expected] of cases) {
    const text = entry(fields);
    const { fixed, fix } = applyOne(text, 'napcat.coerced-value', written);
    assert.ok(fixed.includes(expected), `${written} → ${expected}: ${fixed}`);
    assert.equal(fix.safe, false, `${written}: not safe`);
    assert.equal(fix.preferred, false, `${written}: not preferred`);
    assert.deepEqual(fixAll(analyze(text)), [], `${written}: fix-all leaves it`);
  }
});

test('coerced-value: a token is quoted only when that keeps the token NapCat checks, and its value is never in the title', () => {
  const { fixed, fix } = applyOne(entry('"enable": true, "token": 123456'), 'napcat.coerced-value', '123456');
  assert.match(fixed, /"token": "123456"/);
  assert.equal(fix.safe, true);
  assert.equal(fix.title, 'Write this token as a string (NapCat reads the same token)');
  const zhTitle = inLang('zh-cn', () => applyOne(entry('"enable": true, "token": 123456'), 'napcat.coerced-value', '123456').fix.title);
  assert.equal(zhTitle, '将此 token 写成字符串（NapCat 读到的 token 不变）');
  assert.match(applyOne(entry('"enable": true, "token": true'), 'napcat.coerced-value', 'true').fixed, /"token": "true"/);
  // NapCat's string differs from the text: quoting either would change the secret.
  for (const written of ['1e3', '0x1F', '1.0', '12345678901234567890', '+5']) {
    const { fixes } = fixesOf(entry(`"enable": true, "token": ${written}`), 'napcat.coerced-value', written);
    assert.deepEqual(fixes, [], `no fix for the token ${written}`);
  }
  for (const title of [fix.title, zhTitle]) assert.ok(!title.includes('123456'));
});

test('coerced-value: fix-all rewrites the spelled conversions in one go, leaves the others and the comments', () => {
  const text = entry('"enable": "true", "port": "3001", "heartInterval": 1.5, "debug": "1", "token": 42');
  const edits = fixAll(analyze(text));
  const fixed = applyEdits(text, edits);
  assert.equal(
    fixed,
    entry('"enable": true, "port": 3001, "heartInterval": 1.5, "debug": "1", "token": "42"'),
  );
  const left = analyze(fixed).findings.filter((f) => f.code === 'napcat.coerced-value').map((f) => at(fixed, f));
  assert.deepEqual(left, ['1.5', '"1"']);
});

test('coerced-value: no finding and no fix before v4.17.44 (NapCat converts nothing there)', () => {
  const text = entry('"enable": "true", "port": "3001"');
  const options = { targetVersion: parseVersion('4.17.43') };
  const analysis = analyze(text, options);
  assert.ok(!analysis.findings.some((f) => f.code === 'napcat.coerced-value'));
  for (const f of analysis.findings) assert.ok(!fixesFor(analysis, f).some((x) => x.kind === 'coerced-value'));
});

// ---------------------------------------------------------------------------------------------
// napcat.account-port-conflict

const account = (servers: Record<string, unknown>[]) => JSON.stringify({ network: { websocketServers: servers } });

test('account-port-conflict: "Move to the free port" skips the ports of this file, of the other accounts and of the WebUI', () => {
  const siblings = siblingFacts('onebot11_10001.json', [
    { name: 'onebot11_10002.json', text: account([{ name: 'a', enable: true, port: 3001 }, { name: 'b', enable: true, port: 3002 }]) },
    { name: 'onebot11_10003.json', text: account([{ name: 'c', enable: true, port: 3004 }]) },
    { name: 'webui.json', text: '{ "port": 3003 }' },
  ]);
  const text = `{
  "network": {
    "httpServers": [{ "name": "mine", "enable": true, "host": "127.0.0.1", "port": 3001, "token": "t" }],
    "websocketServers": [{ "name": "off", "enable": false, "port": 3005 }],
    "websocketClients": [{ "name": "c", "enable": true, "url": "ws://127.0.0.1:3006/ws" }]
  }
}
`;
  const options = { siblings };
  const analysis = analyze(text, options);
  const finding = analysis.findings.find((f) => f.code === 'napcat.account-port-conflict')!;
  assert.deepEqual(finding.data, { port: 3001, otherFile: 'onebot11_10002.json', freePort: 3007 });
  const { fixed, fix } = applyOne(text, 'napcat.account-port-conflict', '3001', options);
  assert.match(fixed, /"name": "mine", "enable": true, "host": "127\.0\.0\.1", "port": 3007,/);
  assert.equal(fix.title, 'Move to the free port 3007');
  assert.equal(inLang('zh-cn', () => applyOne(text, 'napcat.account-port-conflict', '3001', options).fix.title), '改用空闲端口 3007');
  assert.equal(fix.safe, false, 'frameworks must follow a moved port');
  assert.deepEqual(fixAll(analysis), []);
  // The other account's file, seen from there, has no conflict left either.
  const theirs = siblingFacts('onebot11_10002.json', [{ name: 'onebot11_10001.json', text: fixed }]);
  const back = analyze(account([{ name: 'a', enable: true, port: 3001 }]), { siblings: theirs });
  assert.ok(!back.findings.some((f) => f.code === 'napcat.account-port-conflict'));
});

test('account-port-conflict: a port written as a string stays a string; a default port is written into the entry', () => {
  const siblings = siblingFacts('onebot11_10001.json', [{ name: 'onebot11_10002.json', text: account([{ name: 'a', enable: true }]) }]);
  const options = { siblings };
  const quoted = `{ network: { websocketServers: [{ name: 'mine', enable: true, port: '3001' }] } }`;
  const { finding: onString, fixes } = fixesOf(quoted, 'napcat.account-port-conflict', "'3001'", options);
  assert.equal(fixes.length, 1);
  const fixed = applyEdits(quoted, fixes[0].edits);
  assert.equal(fixed, `{ network: { websocketServers: [{ name: 'mine', enable: true, port: '3002' }] } }`);
  // Still a string, so still converted (its own fix writes the number).
  assert.deepEqual(analyze(fixed, options).findings.map((f) => [f.code, at(fixed, f)]), [['napcat.coerced-value', "'3002'"]]);
  assert.equal(onString.range.length, 6);
  const byDefault = `{ "network": { "websocketServers": [{ "name": "mine", "enable": true }] } }`;
  const analysis = analyze(byDefault, options);
  const finding = analysis.findings.find((f) => f.code === 'napcat.account-port-conflict')!;
  const [fix] = fixesFor(analysis, finding);
  const added = applyEdits(byDefault, fix.edits);
  assert.match(added, /"name": "mine", "enable": true, "port": 3002 \}/);
  assert.ok(!analyze(added, options).findings.some((f) => f.code === 'napcat.account-port-conflict'));
});

test('account-port-conflict and webui-port on one server: the same move, so one action resolves both', () => {
  const siblings = siblingFacts('onebot11_10001.json', [{ name: 'onebot11_10002.json', text: account([{ name: 'a', enable: true, port: 6099 }]) }]);
  const text = `{ "network": { "httpServers": [{ "name": "mine", "enable": true, "port": 6099 }] } }`;
  const analysis = analyze(text, { siblings });
  const both = analysis.findings.filter((f) => f.code === 'napcat.account-port-conflict' || f.code === 'napcat.webui-port');
  assert.equal(both.length, 2);
  const [a, b] = both.map((f) => fixesFor(analysis, f));
  assert.equal(a.length, 1);
  assert.deepEqual(a[0].edits, b[0].edits);
  assert.deepEqual(a[0].title, b[0].title);
  assert.equal(a[0].target, b[0].target);
});

// ---------------------------------------------------------------------------------------------
// napcat.url-invalid

const client = (url: string) => `{
  "network": {
    "websocketClients": [
      { "name": "bot", "enable": true, "url": ${JSON.stringify(url)}, "token": "" } // keep me
    ]
  }
}
`;

test('url-invalid: full-width characters typed with a Chinese input method become ASCII, safe and preferred', () => {
  const written = 'ws：／／127.0.0.1：8080／onebot／v11／ws';
  const text = client(written);
  const { fixed, fix } = applyOne(text, 'napcat.url-invalid', JSON.stringify(written));
  assert.match(fixed, /"url": "ws:\/\/127\.0\.0\.1:8080\/onebot\/v11\/ws"/);
  assert.match(fixed, /\/\/ keep me/);
  assert.deepEqual([fix.kind, fix.safe, fix.preferred], ['url-full-width', true, true]);
  assert.equal(fix.title, 'Write the full-width characters of this URL as ASCII');
  assert.equal(inLang('zh-cn', () => applyOne(text, 'napcat.url-invalid', JSON.stringify(written)).fix.title), '将此 URL 中的全角字符改为半角（ASCII）字符');
  // Fix-all applies it.
  assert.equal(applyEdits(text, fixAll(analyze(text))), fixed);
});

test('url-invalid: with a token in the URL the full-width repair is offered but never applied by fix-all', () => {
  const written = 'ws：／／127.0.0.1：8080／ws?access_token=ｓｅｃｒｅｔ';
  const text = client(written);
  const { fixed, fix } = applyOne(text, 'napcat.url-invalid', JSON.stringify(written));
  assert.match(fixed, /"url": "ws:\/\/127\.0\.0\.1:8080\/ws\?access_token=secret"/);
  assert.equal(fix.safe, false);
  assert.ok(!fix.title.includes('secret') && !fix.title.includes('ｓｅｃｒｅｔ'), 'no token in the title');
  assert.equal(applyEdits(text, fixAll(analyze(text))), text);
});

test('url-invalid: a fragment is removed only on request (it drops text), and unparseable URLs get no guess', () => {
  const written = 'ws://127.0.0.1:8080/onebot/v11/ws#main';
  const text = client(written);
  const { fixed, fix } = applyOne(text, 'napcat.url-invalid', JSON.stringify(written));
  assert.match(fixed, /"url": "ws:\/\/127\.0\.0\.1:8080\/onebot\/v11\/ws"/);
  assert.deepEqual([fix.kind, fix.safe], ['url-fragment', false]);
  assert.equal(applyEdits(text, fixAll(analyze(text))), text);
  for (const bad of ['ws://[::1', 'ws://127.0.0.1:99999999/ws']) {
    const t = client(bad);
    const found = analyze(t).findings.filter((f) => f.code === 'napcat.url-invalid');
    for (const f of found) assert.deepEqual(fixesFor(analyze(t), f), [], `no guess for ${bad}`);
  }
});
