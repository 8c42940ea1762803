import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from '../../server/src/core';
import { EndpointsRequest, ProbeRequest, type EndpointResult } from '../../server/src/lsp/protocol';
import { buildTree, resultKey, type StoredResult, type TreeNode } from '../../client/src/endpoints/model';
import { runCli, tempDir } from '../cli/run';
import { TestClient } from './client';

/**
 * One config holding a secret in every form of the secrets table (`test/unit/secrets.test.ts`),
 * a legacy config and a NapCat log holding more, fed through every surface that shows a config or
 * a log: the language server over stdio (diagnostics with related information and `data`, hover
 * on every value, outline details, `napcat/endpoints`, `napcat/probe`, log links and
 * diagnostics), the CLI (check as text and JSON, the rebuild diff, ping, log) and the client's
 * tree model built from what the server sent. No secret may appear anywhere; only the file's own
 * text (edits) may hold one, and no surface here returns edits.
 */

const S = {
  token: 'S3CR3T-entry-token',
  apiKey: 'S3CR3T-api-key',
  auth: 'S3CR3T-auth',
  sign: 'S3CR3T-sign',
  key: 'S3CR3T-key',
  password: 'S3CR3T-password',
  pct: 'S3CR3T-percent',
  secret: 'S3CR3T-secret-param',
  tokenParam: 'S3CR3T-token-param',
  userOnly: 'S3CR3T-user-only',
  userPass: 'S3CR3T-user-pass',
  pathParam: 'S3CR3T-path-param',
  inPath: 'S3CR3T-in-path',
  httpToken: 'S3CR3T-http-token',
  legacyUrl: 'S3CR3T-legacy-url',
  legacyToken: 'S3CR3T-legacy-token',
  legacySecret: 'S3CR3T-legacy-secret',
  logUrl: 'S3CR3T-log-url',
  logWebUi: 'S3CR3T-log-webui',
  numeric: '987654321012',
} as const;
const SECRETS = Object.values(S);

/** Port 1 on 127.0.0.1: nothing listens there, so probes and ping are refused at once. */
const CONFIG = JSON.stringify(
  {
    network: {
      websocketClients: [
        { name: 'apikey', enable: true, url: `ws://127.0.0.1:1/ws?api_key=${S.apiKey}`, token: S.token },
        { name: 'params', enable: true, url: `ws://127.0.0.1:1/ws?auth=${S.auth}&sign=${S.sign}&key=${S.key}&password=${S.password}` },
        { name: 'encoded', enable: true, url: `ws://127.0.0.1:1/ws?access%5Ftoken=${S.pct}&secret=${S.secret}&token=${S.tokenParam}` },
        { name: 'useronly', enable: true, url: `ws://${S.userOnly}@127.0.0.1:1/ws` },
        { name: 'userpass', enable: true, url: `ws://bot:${S.userPass}@127.0.0.1:1/ws;access_token=${S.pathParam}` },
        { name: 'inpath', enable: true, url: `ws://127.0.0.1:1/bot/${S.inPath}/ws`, token: S.inPath },
        { name: 'upper', enable: true, url: `WS://127.0.0.1:1/ws?access_token=${S.tokenParam}`, token: S.token },
      ],
      httpServers: [{ name: 'open', enable: true, host: '0.0.0.0', port: 3000, token: S.httpToken }],
      httpClients: [{ name: 'post', enable: true, url: `http://127.0.0.1:1/post?access_token=${S.apiKey}`, token: Number(S.numeric) }],
    },
  },
  null,
  2,
);

const LEGACY = JSON.stringify(
  {
    http: { enable: true, host: '', port: 3000, secret: S.legacySecret, enablePost: true, postUrls: [`http://127.0.0.1:1/?access_token=${S.legacyUrl}`] },
    ws: { enable: false, host: '', port: 3001 },
    reverseWs: { enable: true, urls: [`ws://127.0.0.1:1/ws?access_token=${S.legacyUrl}`, `ws://u:${S.userPass}@127.0.0.1:1/ws`] },
    token: S.legacyToken,
  },
  null,
  2,
);

const LOG = [
  `07-07 10:40:50 [info] [NapCat] [WebUi] WebUi Local Panel Url: http://127.0.0.1:6099/webui?token=${S.logWebUi}`,
  `07-07 10:40:56 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://127.0.0.1:1/onebot/v11/ws?access_token=${S.logUrl}) 连接错误 Error: connect ECONNREFUSED 127.0.0.1:1`,
  `07-07 10:41:02 [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://bot:${S.userPass}@127.0.0.1:1/ws;access_token=${S.pathParam}) 连接错误 Error: Opening handshake has timed out`,
  '',
].join('\n');

function assertNoSecret(surface: string, output: string): void {
  for (const s of SECRETS) assert.ok(!output.includes(s), `${surface} shows ${s}:\n${output}`);
}

/** Every position of the text where a string or number value starts (and one inside it). */
function valuePositions(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/:\s*("|\d)/g)) {
      const at = m.index! + m[0].length - 1;
      out.push({ line: i, character: at + 1 }, { line: i, character: at + 8 });
    }
    const key = line.search(/"/);
    if (key >= 0) out.push({ line: i, character: key + 1 });
  });
  return out;
}

function folder(): { dir: string; config: string; legacy: string; log: string } {
  const dir = tempDir('secrets');
  const config = path.join(dir, 'onebot11_12345.json');
  const legacy = path.join(dir, 'legacy', 'onebot11_67890.json');
  const log = path.join(dir, 'napcat.log');
  fs.mkdirSync(path.dirname(legacy));
  fs.writeFileSync(config, CONFIG);
  fs.writeFileSync(legacy, LEGACY);
  fs.writeFileSync(log, LOG);
  return { dir, config, legacy, log };
}

test('the inputs hold every secret of the table in clear (so the checks below can fail)', () => {
  const all = CONFIG + LEGACY + LOG;
  for (const s of SECRETS) assert.ok(all.includes(s), s);
});

test('language server: diagnostics, related information, data, hover, outline, connection commands, endpoints, probes, log links — no secret', async (t) => {
  const files = folder();
  for (const locale of ['en', 'zh-cn']) {
    const client = await TestClient.start({ locale });
    t.after(() => client.stop());
    const seen: string[] = [];
    for (const [file, text] of [
      [files.config, CONFIG],
      [files.legacy, LEGACY],
    ] as const) {
      const uri = pathToFileURL(file).toString();
      const published = await client.openAndWait(uri, text);
      assert.ok(published.diagnostics.length > 0, `${file} has findings`);
      assertNoSecret(`diagnostics of ${path.basename(file)} (${locale})`, JSON.stringify(published.diagnostics));
      const pulled = await client.pull(uri);
      assertNoSecret(`pulled diagnostics (${locale})`, JSON.stringify(pulled));
      for (const position of valuePositions(text)) {
        const hover = await client.hover(uri, position);
        if (hover) seen.push(JSON.stringify(hover));
        assertNoSecret(`hover at ${position.line}:${position.character} (${locale})`, JSON.stringify(hover));
      }
      const symbols = await client.symbols(uri);
      assert.ok(JSON.stringify(symbols).includes('***'), 'the outline shows masked URLs');
      assertNoSecret(`outline (${locale})`, JSON.stringify(symbols));

      // Connection management: the list, every entry's fields, and the answers to edits (dry runs).
      const list = await client.executeCommand<{ entries: { id: string }[] }>('napcat.connections.list', [{ uri }]);
      assert.ok(list.entries.length > 0);
      assertNoSecret(`napcat.connections.list (${locale})`, JSON.stringify(list));
      for (const { id } of list.entries) {
        const described = await client.executeCommand<unknown>('napcat.connections.describe', [{ uri, entry: { id } }]);
        assertNoSecret(`napcat.connections.describe ${id} (${locale})`, JSON.stringify(described));
        for (const op of [
          { action: 'setEnabled', entry: { id }, enable: false },
          { action: 'rename', entry: { id }, newName: 'params' },
          { action: 'setToken', entry: { id }, token: 'x' },
          { action: 'duplicate', entry: { id } },
        ]) {
          const answer = await client.executeCommand<unknown>('napcat.connections.edit', [{ uri, op, dryRun: true }]);
          assertNoSecret(`napcat.connections.edit ${op.action} ${id} (${locale})`, JSON.stringify(answer));
        }
      }
    }
    assert.ok(seen.some((h) => h.includes('***')), 'some hover shows a masked URL');

    const uris = [files.config, files.legacy].map((f) => pathToFileURL(f).toString());
    const listing = await client.request<EndpointsRequest.Result>(EndpointsRequest.method, { uris, openDocuments: false });
    assert.ok(listing.configs.length >= 1);
    assertNoSecret(`napcat/endpoints (${locale})`, JSON.stringify(listing));
    const run = await client.request<ProbeRequest.Result>(ProbeRequest.method, { targets: [{ uri: uris[0] }], timeoutMs: 2000 });
    assert.ok(run.results.length > 0);
    assertNoSecret(`napcat/probe (${locale})`, JSON.stringify(run));

    // The client's tree, built as the NapCat view builds it from these answers.
    const results = new Map<string, StoredResult>(run.results.map((r: EndpointResult) => [resultKey(r.uri, r.id), { ...r, at: 0 }]));
    for (const groupByKind of [false, true]) {
      const tree = buildTree({ configs: listing.configs, results, running: new Set(), groupByKind }, (m, a) => format(m, a ?? {}));
      const texts: string[] = [];
      const walk = (n: TreeNode): void => {
        texts.push(n.label, n.description, n.tooltip, n.accessibilityLabel);
        if (n.type !== 'endpoint') n.children.forEach(walk);
      };
      tree.forEach(walk);
      assert.ok(texts.join('\n').includes('***'), 'the tree shows masked URLs');
      assertNoSecret(`tree labels and tooltips (${locale})`, texts.join('\n'));
    }

    const logUri = pathToFileURL(files.log).toString();
    const logDiagnostics = await client.openAndWait(logUri, LOG, 'napcat-log');
    assertNoSecret(`log diagnostics (${locale})`, JSON.stringify(logDiagnostics));
    const links = (await client.links(logUri)) ?? [];
    assert.ok(links.length >= 3, JSON.stringify(links));
    assertNoSecret(`log link tooltips (${locale})`, JSON.stringify(links.map((l) => [l.tooltip, l.range])));
  }
});

test('CLI: check (text and JSON), the rebuild diff, connections, ping and log — no secret, in either language', () => {
  const files = folder();
  for (const lang of ['en', 'zh-cn']) {
    for (const format of ['text', 'json']) {
      const r = runCli(['check', '--format', format, '--lang', lang, files.config, files.legacy]);
      assert.equal(r.status, 1, r.stderr);
      assertNoSecret(`check --format ${format} --lang ${lang}`, r.stdout + r.stderr);
    }
    const diff = runCli(['rebuild', '--lang', lang, files.legacy]);
    assert.equal(diff.status, 1, diff.stderr);
    assert.match(diff.stdout, /^\+.*"token": "\*\*\*"/m, 'the diff shows the tokens it writes, masked');
    assertNoSecret(`rebuild diff --lang ${lang}`, diff.stdout + diff.stderr);
    for (const args of [[], ['--json']]) {
      const ping = runCli(['ping', ...args, '--timeout', '2000', '--lang', lang, files.config]);
      assert.equal(ping.status, 1, ping.stderr);
      assert.match(ping.stdout, /\*\*\*/);
      assertNoSecret(`ping ${args.join(' ')} --lang ${lang}`, ping.stdout + ping.stderr);
    }
    for (const file of [files.config, files.legacy]) {
      for (const args of [['list', file], ['list', file, '--json'], ['disable', file, 'websocketClients[0]', '--dry-run'], ['rename', file, 'websocketClients[0]', 'params', '--dry-run']]) {
        const r = runCli(['connections', ...args, '--lang', lang]);
        assert.notEqual(r.status, 2, r.stderr);
        assertNoSecret(`connections ${args.join(' ')} --lang ${lang}`, r.stdout + r.stderr);
      }
    }
    for (const args of [[], ['--format', 'json']]) {
      const log = runCli(['log', ...args, '--lang', lang, files.log]);
      assert.notEqual(log.status, 2, log.stderr);
      assertNoSecret(`log ${args.join(' ')} --lang ${lang}`, log.stdout + log.stderr);
    }
  }
  const shown = runCli(['rebuild', '--show-secrets', files.legacy]);
  assert.ok(shown.stdout.includes(S.legacyToken), '--show-secrets prints them: the check above can fail');
});
