import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { format } from '../../server/src/core';
import type { ConfigInfo, EndpointInfo } from '../../server/src/lsp/protocol';
import { buildTree, type EndpointNode, type FileNode, type Translate } from '../../client/src/endpoints/model';

/**
 * The NapCat view with what NapCat's log says (the server's `log` of a config and of its entries):
 * beside each entry `log: started` or `log: …failing…`, a warning icon for an untested entry the
 * log shows failing, the facts and a link to the log line in the tooltip; the file node says which
 * log was read and when, or why none was.
 */

const t: Translate = (message, args) => format(message, args ?? {});
const LOG = 'file:///srv/napcat/logs/2026-01-02_09-12-00.123.log';
const range = { start: { line: 3, character: 4 }, end: { line: 8, character: 5 } };

function entry(id: string, name: string, log?: EndpointInfo['log']): EndpointInfo {
  return {
    id,
    kind: 'websocketClients',
    kindLabel: 'WebSocket client (reverse WS)',
    name,
    enabled: true,
    starts: true,
    reasons: [],
    endpoint: 'ws://127.0.0.1:8080/onebot/v11/ws',
    token: '',
    range,
    selectionRange: range,
    fingerprint: `fp-${id}`,
    ...(log && { log }),
  };
}

const modified = new Date(2026, 0, 2, 9, 12, 10).getTime();
const config: ConfigInfo = {
  uri: 'file:///srv/napcat/config/onebot11_20003.json',
  fileName: 'onebot11_20003.json',
  uin: '20003',
  shape: 'N4',
  shapeLabel: 'network (NapCat 4)',
  targetVersion: '4.18.2',
  problems: { errors: 0, warnings: 0, infos: 0, hints: 0 },
  fileReasons: [],
  endpoints: [
    entry('websocketClients[0]', 'nonebot', {
      uri: LOG,
      status: 'started',
      failing: true,
      summary: 'started; failing: connection-refused ×12, last 01-02 09:12:10',
      details: ['NapCat’s latest network summary: started (line 4)', 'connection-refused ×12, last 01-02 09:12:10 (line 40)'],
      line: 39,
    }),
    entry('websocketClients[1]', 'koishi', { uri: LOG, status: 'not-started', failing: false, summary: 'not started', details: ['NapCat’s latest network summary: not started (line 5)'], line: 4 }),
    entry('websocketClients[2]', 'elsewhere'),
  ],
  log: {
    folder: '/srv/napcat/logs',
    fromSetting: false,
    uri: LOG,
    fileName: '2026-01-02_09-12-00.123.log',
    modified,
    readAt: modified + 1000,
    summary: { line: 1, time: '01-02 09:12:03' },
    note: 'NapCat’s latest network summary: 01-02 09:12:03 (line 2).',
  },
};

const tree = (c: ConfigInfo) => buildTree({ configs: [c], results: new Map(), running: new Set(), groupByKind: false }, t);
const endpoint = (file: FileNode, name: string) => file.children.find((c): c is EndpointNode => c.type === 'endpoint' && c.label === name) ?? assert.fail(name);

test('each entry says what the log says beside it, the tooltip has the facts and the link to the line', () => {
  const [file] = tree(config);
  const nonebot = endpoint(file, 'nonebot');
  assert.equal(nonebot.description, 'log: started; failing: connection-refused ×12, last 01-02 09:12:10 · ws://127.0.0.1:8080/onebot/v11/ws · WebSocket client (reverse WS)');
  assert.deepEqual(nonebot.icon, { id: 'warning', color: 'list.warningForeground' }, 'untested, failing in the log');
  assert.ok(nonebot.tooltip.includes('- connection-refused ×12, last 01-02 09:12:10 (line 40)'));
  assert.ok(nonebot.tooltip.includes(`[Open the log at line 40](${LOG}#L40)`), nonebot.tooltip);
  assert.ok(nonebot.accessibilityLabel.startsWith('nonebot, log: started; failing'));
  const koishi = endpoint(file, 'koishi');
  assert.ok(koishi.description.startsWith('log: not started · '));
  assert.deepEqual(koishi.icon, { id: 'circle-large-outline' });
  const elsewhere = endpoint(file, 'elsewhere');
  assert.ok(!elsewhere.description.includes('log:'), 'nothing when the log says nothing of it');
});

test('the file node: which log was read and when; or why none', () => {
  const [file] = tree(config);
  assert.ok(file.description.endsWith(' · log 09:12:10'), file.description);
  assert.ok(file.tooltip.includes(`[2026-01-02\\_09-12-00.123.log](${LOG}#L2) (written 09:12:10, read 09:12:11)`), file.tooltip);
  assert.ok(file.tooltip.includes('NapCat’s latest network summary: 01-02 09:12:03 (line 2).'));
  const [none] = tree({ ...config, endpoints: [], log: { folder: '/srv/napcat/logs', fromSetting: true, note: 'There is no log folder at /srv/napcat/logs: NapCat creates it the first time it runs there.', problem: true } });
  assert.ok(!none.description.includes('log'), none.description);
  assert.ok(none.tooltip.includes('**NapCat log**: none read'));
  assert.ok(none.tooltip.includes('There is no log folder at /srv/napcat/logs'));
  assert.ok(none.tooltip.includes('Folder (setting napcat.logFolder): `/srv/napcat/logs`'));
});
