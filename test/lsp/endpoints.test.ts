import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { analyze, LineIndex, maskToken } from '../../server/src/core';
import {
  EndpointsChangedNotification,
  EndpointsRequest,
  ProbeRequest,
  ProbeResultNotification,
  type ConfigInfo,
  type EndpointInfo,
  type EndpointResult,
  type ProbeResultParams,
} from '../../server/src/lsp/protocol';
import { blackHole, closeAll, closedPort, frameworkServer, napcatWsServer, type BlackHole, type FrameworkServer, type NapCatWsServer } from '../probe/servers';
import { TestClient } from './client';

/**
 * The sidebar's protocol over stdio against the bundled server: `napcat/endpoints` (files on disk
 * and open documents with unsaved edits, shapes, problem counts, ranges, live change
 * notifications) and `napcat/probe` (real servers on 127.0.0.1, results as they come,
 * cancellation, no token ever in a message).
 */

const FRAMEWORK_TOKEN = 'framework-token-71d3';
const NAPCAT_TOKEN = 'napcat-token-4a9f';
const WRONG_TOKEN = 'wrong-token-0c55e';
const SECRETS = [FRAMEWORK_TOKEN, NAPCAT_TOKEN, WRONG_TOKEN];
const DEADLINE_MS = 15_000;

let dir: string;
const uriOf = (file: string) => pathToFileURL(file).toString();

/** Writes `rel` under the temporary folder and returns its file: URI. */
function write(rel: string, text: string): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return uriOf(file);
}

/** Every custom message a client received, with waits on them (each with a deadline). */
class Messages {
  readonly all: { method: string; params: unknown }[] = [];
  private readonly waiters = new Set<{ accept: (m: string, p: unknown) => boolean; resolve: (p: unknown) => void }>();

  constructor(client: TestClient) {
    for (const method of [EndpointsChangedNotification.method, ProbeResultNotification.method]) {
      client.connection.onNotification(method, (params: unknown) => {
        this.all.push({ method, params });
        for (const w of [...this.waiters]) {
          if (w.accept(method, params)) {
            this.waiters.delete(w);
            w.resolve(params);
          }
        }
      });
    }
  }

  next<T>(method: string, accept: (p: T) => boolean = () => true): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${method}`));
      }, DEADLINE_MS);
      const waiter = {
        accept: (m: string, p: unknown) => m === method && accept(p as T),
        resolve: (p: unknown) => {
          clearTimeout(timer);
          resolve(p as T);
        },
      };
      this.waiters.add(waiter);
    });
  }

  of<T>(method: string): T[] {
    return this.all.filter((m) => m.method === method).map((m) => m.params as T);
  }
}

function list(client: TestClient, params: EndpointsRequest.Params): Promise<EndpointsRequest.Result> {
  return client.request<EndpointsRequest.Result>(EndpointsRequest.method, params);
}

async function one(client: TestClient, uri: string): Promise<ConfigInfo> {
  const { configs } = await list(client, { uris: [uri], openDocuments: false });
  assert.equal(configs.length, 1, `one config for ${uri}: ${JSON.stringify(configs)}`);
  return configs[0];
}

const byName = (config: ConfigInfo, name: string): EndpointInfo =>
  config.endpoints.find((e) => e.name === name) ?? assert.fail(`no endpoint ${name} in ${config.endpoints.map((e) => e.name).join(', ')}`);

function counts(text: string): ConfigInfo['problems'] {
  const c = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const f of analyze(text).findings) c[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : f.severity === 'info' ? 'infos' : 'hints']++;
  return c;
}

/** The LSP range of every adapter entry of `text`, in file order, computed by the core. */
function entryRanges(text: string) {
  const lines = new LineIndex(text);
  return analyze(text).model.adapters.map((a) => ({ start: lines.positionAt(a.node.offset), end: lines.positionAt(a.node.offset + a.node.length) }));
}

const N4 = (entries: { url: string; token?: string; name?: string; enable?: boolean }[]) =>
  JSON.stringify(
    {
      network: {
        httpServers: [{ name: 'http-api', enable: true, host: '0.0.0.0', port: 3000, token: NAPCAT_TOKEN }],
        websocketClients: entries.map((e, i) => ({ name: e.name ?? `client-${i}`, enable: e.enable ?? true, url: e.url, token: e.token ?? '' })),
        plugins: [{ name: 'my-plugin', enable: true }],
      },
    },
    null,
    2,
  ) + '\n';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-lsp-endpoints-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('napcat/endpoints', () => {
  let client: TestClient;
  let messages: Messages;
  before(async () => {
    client = await TestClient.start({ settings: {} });
    messages = new Messages(client);
  });
  after(() => client.stop());

  test('a file on disk: uin, shape, problem counts, every entry with its range, tokens masked', async () => {
    const text = N4([
      { url: 'ws://127.0.0.1:8080/onebot/v11/ws?access_token=' + FRAMEWORK_TOKEN, token: FRAMEWORK_TOKEN, name: 'nonebot' },
      { url: 'ws://127.0.0.1:5140/onebot', name: 'koishi', enable: false },
    ]);
    const uri = write('disk/config/onebot11_123456.json', text);
    const config = await one(client, uri);
    assert.equal(config.fileName, 'onebot11_123456.json');
    assert.equal(config.uin, '123456');
    assert.equal(config.version, undefined, 'read from disk, not from an open document');
    assert.equal(config.shape, 'N4');
    assert.ok(config.shapeLabel.length > 0);
    assert.deepEqual(config.problems, counts(text));
    assert.deepEqual(config.fileReasons, []);
    assert.deepEqual(
      config.endpoints.map((e) => [e.id, e.kind, e.name, e.enabled, e.starts, e.skip]),
      [
        ['httpServers[0]', 'httpServers', 'http-api', true, true, undefined],
        ['websocketClients[0]', 'websocketClients', 'nonebot', true, true, undefined],
        ['websocketClients[1]', 'websocketClients', 'koishi', false, false, undefined],
        ['plugins[0]', 'plugins', 'my-plugin', true, false, 'plugin'],
      ],
    );
    assert.deepEqual(
      config.endpoints.map((e) => e.range),
      entryRanges(text),
      'each range covers the entry object',
    );
    const nonebot = byName(config, 'nonebot');
    const nameAt = new LineIndex(text).positionAt(text.indexOf('"nonebot"'));
    assert.deepEqual(nonebot.selectionRange, { start: nameAt, end: { line: nameAt.line, character: nameAt.character + '"nonebot"'.length } });
    assert.equal(nonebot.token, maskToken(FRAMEWORK_TOKEN));
    assert.equal(nonebot.uin, '123456');
    assert.match(nonebot.endpoint, /^ws:\/\/127\.0\.0\.1:8080\/onebot\/v11\/ws\?access_token=\*\*\*$/);
    assert.equal(nonebot.url, nonebot.endpoint);
    const http = byName(config, 'http-api');
    assert.equal(http.endpoint, '0.0.0.0:3000');
    assert.equal(http.url, 'http://127.0.0.1:3000', 'a server is reached on loopback when it listens on every interface');
    assert.equal(http.token, maskToken(NAPCAT_TOKEN));
    assert.equal(byName(config, 'koishi').token, '');
    assert.ok(byName(config, 'koishi').reasons.length > 0, 'a disabled entry says why it does not start');
    assert.equal(byName(config, 'my-plugin').url, undefined);
    const json = JSON.stringify(config);
    for (const s of SECRETS) assert.ok(!json.includes(s), `${s} leaked`);
  });

  test('shapes and problems: a legacy file, a discarded one, an empty one, and files that are not NapCat configs', async () => {
    const legacy = JSON.stringify({ http: { enable: true, port: 3000 }, ws: { enable: false, port: 3001 }, reverseWs: { enable: true, urls: ['ws://127.0.0.1:8080/ws'] } }, null, 2);
    const legacyUri = write('shapes/onebot11_20001.json', legacy);
    const discarded = JSON.stringify({ network: { httpServers: [{ name: 'api', enable: true, port: 'abc' }] } }, null, 2);
    const discardedUri = write('shapes/onebot11_20002.json', discarded);
    const emptyUri = write('shapes/onebot11.json', '{}\n');
    const otherUri = write('shapes/package.json', '{ "name": "x", "version": "1.0.0" }\n');
    const missingUri = uriOf(path.join(dir, 'shapes', 'onebot11_404.json'));
    const { configs } = await list(client, { uris: [legacyUri, discardedUri, emptyUri, otherUri, missingUri], openDocuments: false });
    assert.deepEqual(
      configs.map((c) => [c.fileName, c.shape]).sort(),
      [
        ['onebot11.json', 'empty'],
        ['onebot11_20001.json', 'L1'],
        ['onebot11_20002.json', 'N4'],
      ],
      'a file that is not a NapCat config and a missing file are left out',
    );
    const l1 = configs.find((c) => c.shape === 'L1')!;
    assert.deepEqual(l1.problems, counts(legacy));
    assert.ok(l1.problems.errors > 0, 'the legacy file has an error');
    // NapCat reads no adapter from a legacy file at the latest version: its connections are listed as not started.
    assert.deepEqual(
      l1.endpoints.map((e) => [e.id, e.kind, e.starts, e.legacy, e.endpoint]),
      [
        ['http', 'httpServers', false, true, '*:3000'],
        ['ws', 'websocketServers', false, true, '*:3001'],
        ['reverseWs.urls[0]', 'websocketClients', false, true, 'ws://127.0.0.1:8080/ws'],
      ],
    );
    assert.match(l1.endpoints[2].reasons[0], /^Not started by NapCat v\d+\.\d+\.\d+: .*legacy section.*"Rebuild"/);
    const dropped = configs.find((c) => c.fileName === 'onebot11_20002.json')!;
    assert.deepEqual(dropped.problems, counts(discarded));
    assert.equal(dropped.fileReasons.length, 1);
    assert.match(dropped.fileReasons[0], /discards the whole config/);
    assert.equal(dropped.endpoints[0].starts, false);
    assert.deepEqual(dropped.endpoints[0].reasons, dropped.fileReasons);
    assert.equal(configs.find((c) => c.shape === 'empty')!.uin, undefined);
  });

  test('an open document is described with its unsaved text; edits and closing are announced', async () => {
    const onDisk = N4([{ url: 'ws://127.0.0.1:8080/onebot/v11/ws', name: 'saved-name' }]);
    const uri = write('live/onebot11_30001.json', onDisk);
    assert.equal(byName(await one(client, uri), 'saved-name').name, 'saved-name');

    const unsaved = onDisk.replace('saved-name', 'unsaved-name');
    let changed = messages.next<EndpointsChangedNotification.Params>(EndpointsChangedNotification.method, (p) => p.uri === uri);
    await client.open(uri, unsaved);
    await changed;
    let config = await one(client, uri);
    assert.equal(config.version, 1);
    byName(config, 'unsaved-name');

    // An incremental edit: rename and break the URL; the counts follow.
    const at = new LineIndex(unsaved).positionAt(unsaved.indexOf('unsaved-name'));
    changed = messages.next<EndpointsChangedNotification.Params>(EndpointsChangedNotification.method, (p) => p.uri === uri);
    await client.change(uri, 2, [{ range: { start: at, end: { line: at.line, character: at.character + 'unsaved-name'.length } }, text: 'edited-name' }]);
    await changed;
    config = await one(client, uri);
    assert.equal(config.version, 2);
    const edited = byName(config, 'edited-name');
    const before = byName(await one(client, uri), 'edited-name');
    assert.equal(before.fingerprint, edited.fingerprint, 'the same entry gives the same fingerprint');

    const urlAt = new LineIndex(unsaved).positionAt(unsaved.indexOf('ws://127.0.0.1:8080'));
    changed = messages.next<EndpointsChangedNotification.Params>(EndpointsChangedNotification.method, (p) => p.uri === uri);
    await client.change(uri, 3, [{ range: { start: urlAt, end: { line: urlAt.line, character: urlAt.character + 'ws://'.length } }, text: 'wss://' }]);
    await changed;
    const secure = byName(await one(client, uri), 'edited-name');
    assert.notEqual(secure.fingerprint, edited.fingerprint, 'another URL, another fingerprint');

    // Closing without saving: the file on disk again.
    changed = messages.next<EndpointsChangedNotification.Params>(EndpointsChangedNotification.method, (p) => p.uri === uri);
    await client.close(uri);
    await changed;
    config = await one(client, uri);
    assert.equal(config.version, undefined);
    byName(config, 'saved-name');
  });

  test('open documents come without being asked for, untitled ones recognised by content included', async () => {
    const untitled = 'untitled:Untitled-7';
    const text = N4([{ url: 'ws://127.0.0.1:8080/onebot/v11/ws', name: 'draft' }]);
    const plain = 'untitled:Untitled-8';
    await client.open(plain, '{ "editor.fontSize": 14 }');
    await client.open(untitled, text);
    const { configs } = await list(client, {});
    const draft = configs.find((c) => c.uri === untitled) ?? assert.fail('the untitled config is listed');
    assert.equal(draft.fileName, 'Untitled-7');
    assert.equal(draft.uin, undefined);
    byName(draft, 'draft');
    assert.ok(!configs.some((c) => c.uri === plain), 'a JSON document that is not a NapCat config is not listed');
    const none = await list(client, { openDocuments: false });
    assert.deepEqual(none.configs, []);
    await client.close(untitled);
    await client.close(plain);
  });

  test('a workspace of 300 configs is listed whole', async () => {
    const uris = Array.from({ length: 300 }, (_, i) => write(`many/${i}/config/onebot11_${10000 + i}.json`, N4([{ url: `ws://127.0.0.1:${1024 + i}/ws`, name: `bot-${i}` }])));
    const { configs } = await list(client, { uris, openDocuments: false });
    assert.equal(configs.length, 300);
    assert.deepEqual(
      configs.map((c) => c.uin),
      uris.map((_, i) => String(10000 + i)),
    );
  });

  test('a settings change announces that every config may have changed', async () => {
    const changed = messages.next<EndpointsChangedNotification.Params>(EndpointsChangedNotification.method, (p) => p.uri === undefined);
    await client.changeConfiguration({ napcat: { targetVersion: '4.0.0' } });
    await changed;
  });
});

describe('napcat/probe', () => {
  let client: TestClient;
  let messages: Messages;
  let framework: FrameworkServer;
  let napcat: NapCatWsServer;
  let hole: BlackHole;
  let refused: number;

  before(async () => {
    [framework, napcat, hole, refused] = await Promise.all([
      frameworkServer({ token: FRAMEWORK_TOKEN }),
      napcatWsServer({ token: NAPCAT_TOKEN, uin: '12345', nickname: 'cat', appVersion: '4.8.116' }),
      blackHole(),
      closedPort(),
    ]);
    client = await TestClient.start({ settings: {} });
    messages = new Messages(client);
  });
  after(async () => {
    await client.stop();
    await closeAll([framework, napcat, hole]);
  });

  const mixed = () =>
    JSON.stringify(
      {
        network: {
          websocketClients: [
            { name: 'nonebot', enable: true, url: framework.url('/onebot/v11/ws'), token: FRAMEWORK_TOKEN },
            { name: 'dead', enable: true, url: `ws://127.0.0.1:${refused}/onebot/v11/ws`, token: FRAMEWORK_TOKEN },
            { name: 'wrong-token', enable: true, url: framework.url('/onebot/v11/ws'), token: WRONG_TOKEN },
            { name: 'off', enable: false, url: `ws://127.0.0.1:${refused}/off` },
          ],
          websocketServers: [{ name: 'ws-api', enable: true, host: '0.0.0.0', port: napcat.port, token: NAPCAT_TOKEN }],
          plugins: [{ name: 'plugin', enable: true }],
        },
      },
      null,
      2,
    );

  test('every entry of a file: ok, refused, token rejected, skipped; each result also sent as it comes; no token anywhere', async () => {
    const uri = write('probe/config/onebot11_12345.json', mixed());
    const runId = 'run-1';
    const requestsBefore = framework.requests.length;
    const answer = await client.request<ProbeRequest.Result>(ProbeRequest.method, { targets: [{ uri }], timeoutMs: 3000, runId });
    assert.equal(answer.cancelled, false);
    const kinds = answer.results.map((r) => [r.name, r.result.kind, r.failed]);
    assert.deepEqual(kinds, [
      ['nonebot', 'ok', false],
      ['dead', 'refused', true],
      ['wrong-token', 'rejected', true],
      ['off', 'skipped', false],
      ['ws-api', 'ok', false],
      ['plugin', 'skipped', false],
    ]);
    const get = (name: string): EndpointResult => answer.results.find((r) => r.name === name)!;
    assert.equal(get('nonebot').label, 'ok');
    assert.equal(get('dead').label, 'refused');
    assert.match(get('dead').detail, /Nothing is listening on 127\.0\.0\.1:\d+/);
    assert.match(get('wrong-token').detail, /403/);
    assert.ok(get('wrong-token').detail.includes(maskToken(WRONG_TOKEN)), 'the reason names the masked token');
    assert.match(get('ws-api').detail, /4\.8\.116/);
    assert.equal(get('off').label, 'skipped (disabled)');

    // The framework saw NapCat's handshake with a test account, never the uin of the file name.
    const seen = framework.requests.slice(requestsBefore).find((r) => r.headers.authorization === `Bearer ${FRAMEWORK_TOKEN}`);
    assert.match(String(seen?.headers['x-self-id']), /^9\d{12}$/);
    const nonebot = get('nonebot').result;
    assert.equal(nonebot.kind === 'ok' ? nonebot.testSelfId : undefined, seen?.headers['x-self-id']);

    // One notification per result, equal to the answer's results.
    const notified = messages.of<ProbeResultParams>(ProbeResultNotification.method).filter((p) => p.runId === runId);
    assert.equal(notified.length, answer.results.length);
    assert.deepEqual(
      notified.map((n) => n.result).sort((a, b) => a.id.localeCompare(b.id)),
      [...answer.results].sort((a, b) => a.id.localeCompare(b.id)),
    );

    // Results carry the fingerprint of the entry listed by napcat/endpoints.
    const listed = await one(client, uri);
    for (const r of answer.results) assert.equal(r.fingerprint, listed.endpoints.find((e) => e.id === r.id)?.fingerprint, r.id);

    const everything = JSON.stringify(messages.all) + JSON.stringify(answer) + JSON.stringify(listed);
    for (const s of SECRETS) assert.ok(!everything.includes(s), `${s} leaked`);
  });

  test('chosen entries only; a disabled one is probed when asked for with includeDisabled; a test X-Self-ID even with selfId', async () => {
    const text = mixed();
    const uri = write('probe/onebot11.json', text);
    const skipped = await client.request<ProbeRequest.Result>(ProbeRequest.method, { targets: [{ uri, ids: ['websocketClients[3]'] }], timeoutMs: 3000 });
    assert.deepEqual(skipped.results.map((r) => [r.id, r.result.kind]), [['websocketClients[3]', 'skipped']]);
    const probed = await client.request<ProbeRequest.Result>(ProbeRequest.method, {
      targets: [{ uri, ids: ['websocketClients[3]', 'websocketClients[0]'] }],
      timeoutMs: 3000,
      includeDisabled: true,
      selfId: '424242',
    });
    assert.deepEqual(
      probed.results.map((r) => [r.id, r.result.kind]),
      [
        ['websocketClients[0]', 'ok'],
        ['websocketClients[3]', 'refused'],
      ],
      'results in file order',
    );
    assert.match(String(framework.requests.at(-1)?.headers['x-self-id']), /^9\d{12}$/, 'never the account itself');
    // Unsaved edits are what gets probed: the open document points the entry at the closed port.
    await client.open(uri, text.replace(framework.url('/onebot/v11/ws'), `ws://127.0.0.1:${refused}/now-closed`));
    const edited = await client.request<ProbeRequest.Result>(ProbeRequest.method, { targets: [{ uri, ids: ['websocketClients[0]'] }], timeoutMs: 3000 });
    assert.equal(edited.results[0].result.kind, 'refused');
    await client.close(uri);
  });

  // A run that ignored the cancellation would wait for its 10-minute probe timeout: the runner's limit fails it.
  test('$/cancelRequest ends the run at once: finished results stay, the others are cancelled', { timeout: 60_000 }, async () => {
    const text = JSON.stringify({
      network: {
        websocketClients: [
          { name: 'dead', enable: true, url: `ws://127.0.0.1:${refused}/` },
          { name: 'hole-1', enable: true, url: hole.url('/1') },
          { name: 'hole-2', enable: true, url: hole.url('/2') },
        ],
      },
    });
    const uri = write('probe/cancel/onebot11_55555.json', text);
    const runId = 'run-cancel';
    const source = new CancellationTokenSource();
    const first = messages.next<ProbeResultParams>(ProbeResultNotification.method, (p) => p.runId === runId);
    const answer = client.connection.sendRequest<ProbeRequest.Result>(ProbeRequest.method, { targets: [{ uri }], timeoutMs: 10 * 60_000, runId }, source.token);
    const firstResult = await first;
    assert.equal(firstResult.result.result.kind, 'refused');
    source.cancel();
    const result = await answer;
    assert.equal(result.cancelled, true);
    assert.deepEqual(
      result.results.map((r) => [r.name, r.result.kind]),
      [
        ['dead', 'refused'],
        ['hole-1', 'cancelled'],
        ['hole-2', 'cancelled'],
      ],
    );
    source.dispose();
  });

  test('files that are not NapCat configs and unknown ids give no results; bad parameters do not break the server', async () => {
    const other = write('probe/other.json', '{ "a": 1 }');
    const answer = await client.request<ProbeRequest.Result>(ProbeRequest.method, { targets: [{ uri: other }, { uri: 'file:///does/not/exist/onebot11.json' }] });
    assert.deepEqual(answer, { results: [], cancelled: false });
    const bad = await client.request<ProbeRequest.Result>(ProbeRequest.method, { targets: 'nonsense', timeoutMs: 'soon' });
    assert.deepEqual(bad, { results: [], cancelled: false });
    assert.ok(client.alive);
  });
});
