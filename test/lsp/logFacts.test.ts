import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EndpointsChangedNotification, EndpointsRequest, type ConfigInfo, type EndpointInfo, type EndpointsChangedParams } from '../../server/src/lsp/protocol';
import { TestClient, positionOf } from './client';
import { napcatStartLog, refusedLine } from '../helpers/napcatLog';

/**
 * What NapCat's own log says, over stdio against the bundled server: a config in `config/` gets
 * the newest log of `logs/` beside it (or of the `napcat.logFolder` setting), each adapter its
 * `started` / `not started` / `failing` with the line, the hover the same; a line NapCat appends
 * while the server runs changes the answer and a `napcat/endpointsChanged` arrives. Expectations
 * come from the log text written here.
 */

const TOKEN = 'lsp-log-facts-token-5b1e';
const NONEBOT = `ws://127.0.0.1:8080/onebot/v11/ws?access_token=${TOKEN}`;
const KOISHI = 'ws://127.0.0.1:5140/onebot';
const CONFIG =
  JSON.stringify(
    {
      network: {
        httpServers: [{ name: 'http-api', enable: true, host: '0.0.0.0', port: 3000 }],
        websocketClients: [
          { name: 'nonebot', enable: true, url: NONEBOT },
          { name: 'koishi', enable: true, url: KOISHI },
        ],
      },
    },
    null,
    2,
  ) + '\n';

/** NapCat's start: the network summary (CRLF, as NapCat on Windows writes it). */
const START = napcatStartLog({ started: NONEBOT, notStarted: KOISHI, eol: '\r\n' });
const REFUSED = (time: string) => refusedLine(time, NONEBOT, '\r\n');
const DEADLINE_MS = 15_000;

let dir: string;

/** A NapCat folder: config/onebot11_10007.json, logs/ with an older and a newer log. Returns the config's URI and the newer log's path. */
function napcatFolder(name: string): { uri: string; log: string; root: string } {
  const root = path.join(dir, name);
  fs.mkdirSync(path.join(root, 'config'), { recursive: true });
  fs.mkdirSync(path.join(root, 'logs'), { recursive: true });
  const config = path.join(root, 'config', 'onebot11_10007.json');
  fs.writeFileSync(config, CONFIG);
  const older = path.join(root, 'logs', '2026-01-01_08-00-00.001.log');
  // The older log says the opposite: reading it instead would show.
  fs.writeFileSync(older, START.replace(/已启动/g, '__').replace(/未启动/g, '已启动').replace(/__/g, '未启动'));
  const past = new Date(Date.now() - 3600_000);
  fs.utimesSync(older, past, past);
  const log = path.join(root, 'logs', '2026-01-02_09-12-00.123.log');
  fs.writeFileSync(log, START);
  return { uri: pathToFileURL(config).toString(), log, root };
}

async function describeConfig(client: TestClient, uri: string): Promise<ConfigInfo> {
  const { configs } = await client.request<EndpointsRequest.Result>(EndpointsRequest.method, { uris: [uri], openDocuments: false });
  assert.equal(configs.length, 1);
  return configs[0];
}

const entry = (config: ConfigInfo, name: string): EndpointInfo => config.endpoints.find((e) => e.name === name) ?? assert.fail(`no entry ${name}`);

/** 0-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

/** Resolves with the next `napcat/endpointsChanged` for `uri`. */
function nextChange(client: TestClient, uri: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no ${EndpointsChangedNotification.method} for ${uri}`));
    }, DEADLINE_MS);
    const sub = client.connection.onNotification(EndpointsChangedNotification.method, (p: EndpointsChangedParams) => {
      if (p.uri !== uri && p.uri !== undefined) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-lsp-logfacts-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('log facts in napcat/endpoints and the hover', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: {} });
  });
  after(() => client.stop());

  test('the newest log of logs/ beside config/: per adapter what the summary says, with its line', async () => {
    const { uri, log } = napcatFolder('plain');
    const config = await describeConfig(client, uri);
    assert.ok(config.log, 'the config says which log was read');
    assert.equal(config.log.fileName, path.basename(log));
    assert.equal(config.log.uri, pathToFileURL(log).toString());
    assert.equal(config.log.folder, path.dirname(log));
    assert.equal(config.log.fromSetting, false);
    assert.equal(config.log.problem, undefined);
    assert.equal(config.log.summary?.line, lineOf(START, '配置加载'));
    assert.equal(config.log.summary?.time, '01-02 09:12:03');
    assert.ok(typeof config.log.readAt === 'number' && typeof config.log.modified === 'number');

    const http = entry(config, 'http-api').log;
    assert.deepEqual([http?.status, http?.failing, http?.summary, http?.line], ['started', false, 'started', lineOf(START, 'HTTP服务')]);
    const nonebot = entry(config, 'nonebot').log;
    assert.deepEqual([nonebot?.status, nonebot?.failing, nonebot?.summary, nonebot?.line], ['started', false, 'started', lineOf(START, NONEBOT)]);
    const koishi = entry(config, 'koishi').log;
    assert.deepEqual([koishi?.status, koishi?.failing, koishi?.summary, koishi?.line], ['not-started', false, 'not started', lineOf(START, KOISHI)]);
    assert.equal(koishi?.uri, pathToFileURL(log).toString());
    assert.ok(!JSON.stringify(config).includes(TOKEN), 'no token in the answer');
  });

  test('NapCat appends errors: endpointsChanged arrives and the entry is failing, with the count and the last line', async () => {
    const { uri, log } = napcatFolder('append');
    assert.equal(entry(await describeConfig(client, uri), 'nonebot').log?.failing, false);
    let changed = nextChange(client, uri);
    fs.appendFileSync(log, REFUSED('09:12:05'));
    await changed;
    let nonebot = entry(await describeConfig(client, uri), 'nonebot').log;
    assert.equal(nonebot?.status, 'started');
    assert.equal(nonebot?.failing, true);
    assert.equal(nonebot?.summary, 'started; failing: refused ×1, last 01-02 09:12:05');
    // START ends with a line break: the appended line is the one after its last.
    assert.equal(nonebot?.line, START.split('\n').length - 1, 'the appended line');

    // A second error, written in two pieces: the unfinished line does not count until its end is written.
    const second = REFUSED('09:12:10');
    changed = nextChange(client, uri);
    fs.appendFileSync(log, second.slice(0, 40));
    fs.appendFileSync(log, second.slice(40));
    await changed;
    nonebot = entry(await describeConfig(client, uri), 'nonebot').log;
    assert.equal(nonebot?.summary, 'started; failing: refused ×2, last 01-02 09:12:10');
    assert.equal(entry(await describeConfig(client, uri), 'koishi').log?.failing, false, 'the errors are the other entry’s');
  });

  test('NapCat restarts with a new log file: the new one is read, and a reload summary clears earlier errors', async () => {
    const { uri, log } = napcatFolder('restart');
    fs.appendFileSync(log, REFUSED('09:12:05'));
    assert.equal(entry(await describeConfig(client, uri), 'nonebot').log?.failing, true);
    const changed = nextChange(client, uri);
    const next = path.join(path.dirname(log), '2026-01-02_10-00-00.456.log');
    fs.writeFileSync(next, START.replace(`${KOISHI}, : 未启动`, `${KOISHI}, : 已启动`));
    await changed;
    const config = await describeConfig(client, uri);
    assert.equal(config.log?.fileName, path.basename(next));
    assert.deepEqual(
      config.endpoints.map((e) => [e.name, e.log?.status, e.log?.failing]),
      [
        ['http-api', 'started', false],
        ['nonebot', 'started', false],
        ['koishi', 'started', false],
      ],
    );
  });

  test('the hover on an entry shows the same facts, with a link to the log line', async () => {
    const { uri, log } = napcatFolder('hover');
    fs.appendFileSync(log, REFUSED('09:12:05'));
    await client.open(uri, CONFIG);
    const hover = await client.hover(uri, positionOf(CONFIG, '"nonebot"', 1));
    const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(markdown, new RegExp(`NapCat’s log \`${path.basename(log).replace(/\./g, '\\.')}\`:\\*\\* started; failing: refused ×1, last 01-02 09:12:05`));
    const line = START.split('\n').length; // 1-based line of the appended error
    assert.ok(markdown.includes(`](${pathToFileURL(log).toString()}#L${line})`), markdown);
    assert.ok(!markdown.includes(TOKEN));
    await client.close(uri);
  });

  test('no log folder: the config says so, the entries carry nothing; the folder appearing later is noticed', async () => {
    const root = path.join(dir, 'fresh');
    fs.mkdirSync(path.join(root, 'config'), { recursive: true });
    const file = path.join(root, 'config', 'onebot11_10008.json');
    fs.writeFileSync(file, CONFIG);
    const uri = pathToFileURL(file).toString();
    const config = await describeConfig(client, uri);
    assert.equal(config.log?.problem, true);
    assert.equal(config.log?.uri, undefined);
    assert.ok(config.log?.note.includes(path.join(root, 'logs')), config.log?.note);
    assert.ok(config.endpoints.every((e) => e.log === undefined));
    const changed = nextChange(client, uri);
    fs.mkdirSync(path.join(root, 'logs'));
    fs.writeFileSync(path.join(root, 'logs', '2026-01-03_07-00-00.000.log'), START);
    await changed;
    assert.equal(entry(await describeConfig(client, uri), 'nonebot').log?.status, 'started');
  });
});

describe('napcat.logFolder', () => {
  test('a folder relative to the workspace folder (a Docker volume) is read instead of logs/', async () => {
    const workspace = path.join(dir, 'docker');
    const { uri } = napcatFolder('docker');
    const volume = path.join(workspace, 'volumes', 'napcat-logs');
    fs.mkdirSync(volume, { recursive: true });
    // In the volume NapCat says the opposite of logs/: only reading the volume gives this.
    fs.writeFileSync(path.join(volume, '2026-01-05_12-00-00.000.log'), START.replace(`${KOISHI}, : 未启动`, `${KOISHI}, : 已启动`));
    const client = await TestClient.start({ settings: { logFolder: 'volumes/napcat-logs' }, workspaceFolders: [pathToFileURL(workspace).toString()] });
    try {
      const config = await describeConfig(client, uri);
      assert.equal(config.log?.fromSetting, true);
      assert.equal(config.log?.folder, path.join(workspace, 'volumes', 'napcat-logs'));
      assert.equal(entry(config, 'koishi').log?.status, 'started');
    } finally {
      await client.stop();
    }
  });
});
