import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Range } from 'vscode-languageserver';
import { LineIndex } from '../../server/src/core';
import { analyzeLog, LOG_CODES, LOG_MESSAGES, logFindingMessage } from '../../server/src/log';
import { fileUri as logFileUri } from '../../server/src/lsp/logs';
import { TestClient, fileUri, fixture } from './client';
import { normalize } from './expected';
import { say } from '../helpers/l10n';
import { inLang } from '../helpers/l10n';

/**
 * `napcat-log` documents through the real server over stdio: document links (URLs, config paths
 * resolved against the NapCat tree), diagnostics for connection errors (push and pull), tokens
 * masked in every tooltip and message, and no config analysis of a log whatever it contains.
 */

const TOKEN = '3f9a1c7e5b2d';
const WS_TOKEN = 'query-secret-77';

/** A NapCat tree `<tmp>/napcat/{logs,config}` with one account's config on disk. */
function tree(): { root: string; logUri: string; config: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-lsp-logs-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const root = path.join(dir, 'napcat');
  fs.mkdirSync(path.join(root, 'logs'), { recursive: true });
  fs.mkdirSync(path.join(root, 'config'), { recursive: true });
  const config = path.join(root, 'config', 'onebot11_12345.json');
  fs.writeFileSync(config, '{ "network": {} }');
  return { root, logUri: pathToFileURL(path.join(root, 'logs', '2025-03-06.log')).toString(), config };
}

/** An absolute path that exists on no test machine. */
const FOREIGN = '/nonexistent-napcat-test-tree/napcat/config';

const LOG = [
  `07-07 10:40:50 [info] [NapCat] [WebUi] WebUi Local Panel Url: http://127.0.0.1:6099/webui?token=${TOKEN}`,
  '07-07 10:40:51 [info] 小明 | [NapCat] [Config] 读取 config/onebot11_12345.json',
  `07-07 10:40:52 [error] 小明 | [NapCat] [Config] Error: ENOENT: no such file or directory, open '${FOREIGN}/onebot11_12345.json'`,
  `07-07 10:40:53 [info] 小明 | [NapCat] [Config] ${FOREIGN}/webui.json data/onebot11_12345.json`,
  `07-07 10:40:56 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://127.0.0.1:8080/onebot/v11/ws?access_token=${WS_TOKEN}) 连接错误 Error: connect ECONNREFUSED 127.0.0.1:8080`,
  `07-07 10:41:01 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://127.0.0.1:8080/onebot/v11/ws?access_token=${WS_TOKEN}) 连接错误 Error: connect ECONNREFUSED 127.0.0.1:8080`,
  `07-07 10:41:02 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://127.0.0.1:8080/onebot/v11/ws?access_token=${WS_TOKEN}) 连接错误 Error: Opening handshake has timed out`,
  '07-07 10:41:03 [warn] 小明 | [OneBot] [WebSocket Server] Server Error: listen EADDRINUSE: address already in use 0.0.0.0:3001',
  '',
].join('\n');

/** The LSP range of the `nth` occurrence of `needle`, by an independent conversion. */
function rangeOf(text: string, needle: string, nth = 0): Range {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, needle);
  const index = new LineIndex(text);
  return { start: index.positionAt(offset), end: index.positionAt(offset + needle.length) };
}

/** What the server must publish for a log, straight from `analyzeLog`. */
function expectedLogDiagnostics(text: string, uri: string, lang: 'en' | 'zh-cn' = 'en'): Diagnostic[] {
  const index = new LineIndex(text);
  const range = (r: { offset: number; length: number }): Range => ({ start: index.positionAt(r.offset), end: index.positionAt(r.offset + r.length) });
  const severity = { error: 1, warning: 2, info: 3, hint: 4 } as const;
  return analyzeLog(text).findings.map((f) => {
    const d: Diagnostic = { range: range(f.range), severity: severity[f.severity], code: f.code, source: 'napcat', message: inLang(lang, () => logFindingMessage(f)) };
    if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: range(r.range) }, message: say(lang, r.message, r.args) }));
    return d;
  });
}

test('initialize declares document links', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  assert.deepEqual(client.initializeResult.capabilities.documentLinkProvider, { resolveProvider: false });
});

test('document links of a log in a NapCat tree: URLs, relative and absolute config paths, masked tooltips', async (t) => {
  const { root, logUri, config } = tree();
  const client = await TestClient.start();
  t.after(() => client.stop());
  await client.openAndWait(logUri, LOG, 'napcat-log');
  const links = (await client.links(logUri)) ?? [];
  const local = pathToFileURL(config).toString();
  assert.deepEqual(
    links.map((l) => [l.range, l.target, l.tooltip]),
    [
      [rangeOf(LOG, `http://127.0.0.1:6099/webui?token=${TOKEN}`), `http://127.0.0.1:6099/webui?token=${TOKEN}`, 'Open http://127.0.0.1:6099/webui?token=*** (token hidden here)'],
      [rangeOf(LOG, 'config/onebot11_12345.json'), local, `Open ${config.replace(/\\/g, '/')}`],
      [
        rangeOf(LOG, `${FOREIGN}/onebot11_12345.json`),
        local,
        `Open ${config.replace(/\\/g, '/')} (the log names ${FOREIGN}/onebot11_12345.json, which is not on this machine)`,
      ],
      [rangeOf(LOG, `${FOREIGN}/webui.json`), `file://${FOREIGN}/webui.json`, `Open ${FOREIGN}/webui.json`],
      ...[0, 1, 2].map((i) => [
        rangeOf(LOG, `ws://127.0.0.1:8080/onebot/v11/ws?access_token=${WS_TOKEN}`, i),
        `ws://127.0.0.1:8080/onebot/v11/ws?access_token=${WS_TOKEN}`,
        'Open ws://127.0.0.1:8080/onebot/v11/ws?access_token=*** (token hidden here)',
      ]),
    ],
    'data/onebot11_12345.json is not in a config folder: no link',
  );
  assert.ok(fs.existsSync(path.join(root, 'config', 'onebot11_12345.json')));
  for (const l of links) {
    assert.ok(!l.tooltip?.includes(TOKEN) && !l.tooltip?.includes(WS_TOKEN), l.tooltip);
  }
});

test('document links of an untitled log: URLs only (relative paths have nothing to resolve against), tooltips in Chinese', async (t) => {
  const client = await TestClient.start({ locale: 'zh-cn' });
  t.after(() => client.stop());
  const uri = 'untitled:Untitled-1';
  await client.openAndWait(uri, LOG, 'napcat-log');
  const links = (await client.links(uri)) ?? [];
  assert.deepEqual(
    links.filter((l) => l.target?.startsWith('file:')).map((l) => l.target),
    [`file://${FOREIGN}/onebot11_12345.json`, `file://${FOREIGN}/webui.json`],
    'absolute paths only',
  );
  assert.equal(links[0].tooltip, '打开 http://127.0.0.1:6099/webui?token=***（此处隐藏了 token）');
});

test('diagnostics of a log (push): one per kind of error, grouped, source napcat, the probe’s words, no token', async (t) => {
  const { logUri } = tree();
  const client = await TestClient.start();
  t.after(() => client.stop());
  const { diagnostics, version } = await client.openAndWait(logUri, LOG, 'napcat-log');
  assert.equal(version, 1);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.range]),
    [
      [LOG_CODES.refused, 2, rangeOf(LOG, 'connect ECONNREFUSED 127.0.0.1:8080', 0)],
      [LOG_CODES.handshakeTimeout, 2, rangeOf(LOG, 'Opening handshake has timed out')],
      [LOG_CODES.portInUse, 1, rangeOf(LOG, 'listen EADDRINUSE: address already in use 0.0.0.0:3001')],
    ],
  );
  const refused = diagnostics[0];
  assert.equal(refused.source, 'napcat');
  assert.match(String(refused.message), /^Nothing is listening on 127\.0\.0\.1:8080 \(connection refused\): the bot framework is not running/);
  assert.match(String(refused.message), /host\.docker\.internal/);
  assert.match(String(refused.message), /appears 2 times in this log/);
  assert.deepEqual(refused.relatedInformation, [{ location: { uri: logUri, range: rangeOf(LOG, 'connect ECONNREFUSED 127.0.0.1:8080', 1) }, message: 'The last of 2 occurrences' }]);
  assert.match(String(diagnostics[1].message), /ws:\/\/127\.0\.0\.1:8080\/onebot\/v11\/ws\?access_token=\*\*\*/);
  assert.ok(!JSON.stringify(diagnostics).includes(WS_TOKEN) && !JSON.stringify(diagnostics).includes(TOKEN));
  assert.deepEqual(normalize(diagnostics), normalize(expectedLogDiagnostics(LOG, logUri)));

  // An edit re-checks; closing clears.
  const next = client.nextDiagnostics(logUri, (p) => p.version === 2);
  await client.change(logUri, 2, [{ text: fixture('../logs/winston.log') }]);
  const second = await next;
  assert.deepEqual(normalize(second.diagnostics), normalize(expectedLogDiagnostics(fixture('../logs/winston.log'), logUri)));
  const cleared = client.nextDiagnostics(logUri, (p) => p.diagnostics.length === 0);
  await client.close(logUri);
  await cleared;
});

test('diagnostics of a log (pull), in Chinese, with an unchanged result id for the same version', async (t) => {
  const client = await TestClient.start({ pull: true, locale: 'zh-CN' });
  t.after(() => client.stop());
  const uri = 'untitled:Untitled-2';
  await client.open(uri, LOG, 'napcat-log');
  const report = await client.pull(uri);
  assert.equal(report.kind, 'full');
  const items = report.kind === 'full' ? report.items : [];
  assert.deepEqual(normalize(items), normalize(expectedLogDiagnostics(LOG, uri, 'zh-cn')));
  assert.match(String(items[0].message), /^127\.0\.0\.1:8080 上没有程序在监听/);
  assert.equal((await client.pull(uri, report.resultId)).kind, 'unchanged');
});

test('a log is never a config: no config diagnostics, hover, symbols or code actions, whatever its text', async (t) => {
  const client = await TestClient.start();
  t.after(() => client.stop());
  // A config with a duplicate name and a syntax error: as JSON it has findings, as a log none.
  const text = fixture('onebot11_12345.json') + '\n,';
  const asJson = await client.openAndWait(fileUri('onebot11_12345.json'), text);
  assert.ok(asJson.diagnostics.length > 0, 'the same text as a config has findings');

  const uri = fileUri('logs/onebot11_12345.log');
  const { diagnostics } = await client.openAndWait(uri, text, 'napcat-log');
  assert.deepEqual(diagnostics, []);
  assert.equal(await client.hover(uri, { line: 1, character: 4 }), null);
  assert.deepEqual(await client.symbols(uri), []);
  const all = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
  assert.deepEqual(await client.codeActions(uri, all, []), []);
  // And a config gets no document links.
  assert.deepEqual(await client.links(fileUri('onebot11_12345.json')), []);
});

test('the log messages the server sends are the catalogue’s', () => {
  // Guards the exact tooltip strings asserted above against drift in the catalogue.
  assert.equal(say('en', LOG_MESSAGES.openUrlMasked, { url: 'u' }), 'Open u (token hidden here)');
  assert.equal(say('en', LOG_MESSAGES.lastOccurrence, { count: 2 }), 'The last of 2 occurrences');
});

test('file: URIs for paths written on any machine', () => {
  assert.equal(logFileUri('/app/napcat/config/onebot11_12345.json'), 'file:///app/napcat/config/onebot11_12345.json');
  assert.equal(logFileUri('C:/Program Files/NapCat/config/webui.json'), 'file:///C:/Program%20Files/NapCat/config/webui.json');
  assert.equal(logFileUri('//nas/share/napcat/config/webui.json'), 'file://nas/share/napcat/config/webui.json');
  assert.equal(logFileUri('/home/me/配置/#1/webui.json'), 'file:///home/me/%E9%85%8D%E7%BD%AE/%231/webui.json');
});
