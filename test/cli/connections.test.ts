import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSON5 from 'json5';
import { commentsOf } from '../helpers/configgen';
import { runCli, tempDir } from './run';

/**
 * `napcat-config connections …` run as the bundled binary on real files: plain JSON as NapCat
 * saves it and JSON5 with comments, the Docker case, every action, refusals (exit 1) and files
 * that cannot be read or parsed (exit 2), each leaving the folder as it was.
 */

const SECRET = 'Very-Secret-Token-77';

/** What NapCat writes for a new account (plain JSON, every kind an empty list). */
const NAPCAT_SAVED = `${JSON.stringify(
  {
    network: { httpServers: [], httpSseServers: [], httpClients: [], websocketServers: [], websocketClients: [], plugins: [] },
    musicSignUrl: '',
    enableLocalFile2Url: false,
    parseMultMsg: false,
  },
  null,
  2,
)}\n`;

/** A hand-written JSON5 config: unquoted keys, single quotes, trailing commas, comments everywhere. */
const JSON5_CONFIG = `// NapCat config of the test bot
{
  network: {
    websocketServers: [
      // forward WebSocket for the dashboard
      {
        name: 'dashboard',
        enable: true,
        host: '127.0.0.1',
        port: 3001, // fixed by the firewall
        token: '${SECRET}',
      },
    ],
    websocketClients: [
      /* NoneBot in the next container */
      {
        name: 'nonebot',
        enable: true,
        url: 'ws://nonebot:8080/onebot/v11/ws',
      },
    ],
  },
  musicSignUrl: '', // keep
}
`;

const listing = (dir: string) => fs.readdirSync(dir).sort();
const comments = commentsOf;

function setup(text: string, name = 'onebot11_123.json', sub = ''): { dir: string; file: string; rel: string } {
  const dir = tempDir('conn');
  fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const rel = path.join(sub, name);
  const file = path.join(dir, rel);
  fs.writeFileSync(file, text);
  return { dir, file, rel };
}

test('Docker: `connections add config/onebot11_<uin>.json --kind websocketClients --name astrbot --url ws://astrbot:6199/ws` is all it takes', () => {
  const { dir, file, rel } = setup(NAPCAT_SAVED, 'onebot11_123.json', 'config');
  fs.chmodSync(file, 0o640);
  const r = runCli(['connections', 'add', 'config/onebot11_123.json', '--kind', 'websocketClients', '--name', 'astrbot', '--url', 'ws://astrbot:6199/ws'], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, `Added WebSocket client (reverse WS) “astrbot”.\nWritten ${rel} (backup of the original: ${rel}.bak).\n`);
  const text = fs.readFileSync(file, 'utf8');
  // Still plain JSON, as NapCat reads and writes it.
  const value = JSON.parse(text) as { network: { websocketClients: Record<string, unknown>[] } };
  assert.deepEqual(value.network.websocketClients, [
    { name: 'astrbot', enable: true, url: 'ws://astrbot:6199/ws', messagePostFormat: 'array', reportSelfMessage: false, reconnectInterval: 5000, token: '', debug: false, heartInterval: 30000 },
  ]);
  assert.equal(fs.readFileSync(file + '.bak', 'utf8'), NAPCAT_SAVED, 'the backup is the original');
  assert.equal(fs.statSync(file).mode & 0o777, 0o640, 'mode kept');
  assert.deepEqual(listing(path.join(dir, 'config')), ['onebot11_123.json', 'onebot11_123.json.bak']);
  const check = runCli(['check', 'config/onebot11_123.json'], { cwd: dir });
  assert.equal(check.stdout, '1 file checked: no problems found.\n');
  assert.equal(check.status, 0);
});

test('JSON5 with comments: the new entry in the file style (unquoted keys, single quotes, trailing commas); every comment kept', () => {
  const { dir, file } = setup(JSON5_CONFIG);
  const r = runCli(['connections', 'add', 'onebot11_123.json', '--kind', 'httpClients', '--name', 'koishi-http', '--url', 'http://koishi:5140/onebot'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const text = fs.readFileSync(file, 'utf8');
  assert.deepEqual(comments(text), comments(JSON5_CONFIG));
  assert.match(text, /\n {4}httpClients: \[\n {6}\{\n {8}name: 'koishi-http',\n {8}enable: true,\n {8}url: 'http:\/\/koishi:5140\/onebot',\n/);
  const value = JSON5.parse(text) as { network: { httpClients: { name: string }[]; websocketServers: unknown[]; websocketClients: unknown[] } };
  assert.equal(value.network.httpClients[0].name, 'koishi-http');
  assert.equal(value.network.websocketServers.length, 1);
  assert.equal(value.network.websocketClients.length, 1);
  assert.equal(runCli(['check', 'onebot11_123.json'], { cwd: dir }).status, 0);
});

test('every action in turn on a JSON5 file, each checked by list --json; the token never printed', () => {
  const { dir, file } = setup(JSON5_CONFIG);
  const run = (...args: string[]) => {
    const r = runCli(['connections', ...args], { cwd: dir });
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), 'no token printed');
    return r;
  };
  type Entry = { id: string; kind: string; name: string; enabled: boolean; endpoint: string; tokenSet: boolean };
  const list = () => JSON.parse(run('list', 'onebot11_123.json', '--json').stdout) as { file: string; legacy: boolean; entries: Entry[] };
  const row = (name: string) => list().entries.find((e) => e.name === name);

  assert.deepEqual(list().entries.map((e) => [e.id, e.name, e.enabled, e.endpoint, e.tokenSet]), [
    ['websocketServers[0]', 'dashboard', true, '127.0.0.1:3001', true],
    ['websocketClients[0]', 'nonebot', true, 'ws://nonebot:8080/onebot/v11/ws', false],
  ]);
  const text = run('list', 'onebot11_123.json').stdout;
  assert.equal(
    text,
    [
      'onebot11_123.json: 2 connections',
      '  websocketServers[0]  dashboard  enabled  127.0.0.1:3001                   token set',
      '  websocketClients[0]  nonebot    enabled  ws://nonebot:8080/onebot/v11/ws  no token',
      '',
    ].join('\n'),
  );

  run('rename', 'onebot11_123.json', 'nonebot', 'nonebot-docker');
  assert.ok(row('nonebot-docker'));
  run('disable', 'onebot11_123.json', 'nonebot-docker');
  assert.equal(row('nonebot-docker')?.enabled, false);
  run('enable', 'onebot11_123.json', 'websocketClients[0]');
  assert.equal(row('nonebot-docker')?.enabled, true);
  run('set-url', 'onebot11_123.json', 'nonebot-docker', 'ws://nonebot:8081/onebot/v11/ws');
  assert.equal(row('nonebot-docker')?.endpoint, 'ws://nonebot:8081/onebot/v11/ws');
  run('set-port', 'onebot11_123.json', 'dashboard', '3002', '--host', '0.0.0.0');
  assert.equal(row('dashboard')?.endpoint, '0.0.0.0:3002');
  const token = runCli(['connections', 'set-token', 'onebot11_123.json', 'nonebot-docker', '--token-stdin'], { cwd: dir, input: `${SECRET}-2\n` });
  assert.equal(token.status, 0, token.stderr);
  assert.equal(token.stdout.split('\n')[0], 'Set the token of “nonebot-docker”.');
  assert.equal(row('nonebot-docker')?.tokenSet, true);
  assert.ok(fs.readFileSync(file, 'utf8').includes(`token: '${SECRET}-2'`), 'the token is written in the file style, without the line break');
  run('duplicate', 'onebot11_123.json', 'dashboard');
  assert.deepEqual([row('dashboard-2')?.enabled, row('dashboard-2')?.endpoint], [false, '0.0.0.0:3002']);
  run('set-token', 'onebot11_123.json', 'dashboard-2', '');
  assert.equal(row('dashboard-2')?.tokenSet, false);
  run('remove', 'onebot11_123.json', 'dashboard');
  assert.equal(row('dashboard'), undefined);

  const final = fs.readFileSync(file, 'utf8');
  // The removed entry's own comments went with it; every other comment stayed (the copy has its own).
  assert.deepEqual(comments(final), ['// NapCat config of the test bot', '// fixed by the firewall', '/* NoneBot in the next container */', '// keep']);
  assert.ok(!final.includes('forward WebSocket for the dashboard'), 'the comment above the removed entry went with it');
  assert.equal(runCli(['check', 'onebot11_123.json'], { cwd: dir }).status, 0);
});

test('refused (exit 1): a taken name, a port another account binds, a bad URL, an unknown entry — the reason and a free value printed, nothing written', () => {
  const { dir, file } = setup(JSON5_CONFIG, 'onebot11_10123.json');
  fs.writeFileSync(path.join(dir, 'onebot11_10456.json'), JSON.stringify({ network: { httpServers: [{ name: 'other', enable: true, host: '0.0.0.0', port: 3100 }] } }));
  const before = listing(dir);
  const refused = (args: string[], reason: RegExp, hint?: string) => {
    const r = runCli(['connections', ...args], { cwd: dir });
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, reason);
    assert.match(r.stderr, /Nothing was changed\.\n/);
    if (hint) assert.ok(r.stderr.endsWith(hint + '\n'), r.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), JSON5_CONFIG);
    assert.deepEqual(listing(dir), before, 'no backup, no temporary file');
  };
  refused(['add', 'onebot11_10123.json', '--kind', 'httpServers', '--name', 'nonebot'], /^napcat-config connections: onebot11_10123\.json: Duplicate name 'nonebot'/, 'A free name: nonebot-2');
  refused(['rename', 'onebot11_10123.json', 'dashboard', 'plugin_manager'], /The name 'plugin_manager' is reserved/, 'A free name: plugin_manager-2');
  refused(['add', 'onebot11_10123.json', '--kind', 'httpServers', '--port', '3100'], /Port 3100 is also bound by `other` .* in onebot11_10456\.json/);
  refused(['set-port', 'onebot11_10123.json', 'dashboard', '70000'], /Port 70000 is outside 1–65535/);
  refused(['set-url', 'onebot11_10123.json', 'nonebot', 'ws://0.0.0.0:8080/onebot/v11/ws'], /`0\.0\.0\.0` means “every interface”/);
  refused(['set-url', 'onebot11_10123.json', 'nonebot', 'ws：／／nonebot：8080／onebot／v11／ws'], /full-width characters/);
  refused(['remove', 'onebot11_10123.json', 'koishi'], /This file has no connection named “koishi”\./);
  refused(['set-url', 'onebot11_10123.json', 'dashboard', 'ws://x:1/'], /A WebSocket server has no `url`\./);
});

test('exit 2: unreadable, unparsable or read-only files (without --force) and bad arguments leave the folder as it was', () => {
  const { dir, file } = setup('{\n  "network": {\n    "websocketClients": [\n  }\n');
  const before = listing(dir);
  const broken = runCli(['connections', 'add', 'onebot11_123.json', '--kind', 'websocketClients'], { cwd: dir });
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /^napcat-config connections: onebot11_123\.json: NapCat cannot read this file/);
  assert.equal(runCli(['connections', 'list', 'onebot11_123.json'], { cwd: dir }).status, 2);
  assert.deepEqual(listing(dir), before);

  const missing = runCli(['connections', 'list', 'nope.json'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^napcat-config connections: cannot read nope\.json: /);

  fs.writeFileSync(file, NAPCAT_SAVED);
  fs.chmodSync(file, 0o444);
  const readOnly = runCli(['connections', 'add', 'onebot11_123.json', '--kind', 'plugins'], { cwd: dir });
  assert.equal(readOnly.status, 2);
  assert.equal(readOnly.stderr, 'napcat-config connections: onebot11_123.json is read-only. Nothing was written; add --force to write it anyway (it stays read-only).\n');
  assert.equal(fs.readFileSync(file, 'utf8'), NAPCAT_SAVED);
  const forced = runCli(['connections', 'add', 'onebot11_123.json', '--kind', 'plugins', '--force'], { cwd: dir });
  assert.equal(forced.status, 0, forced.stderr);
  assert.equal((JSON.parse(fs.readFileSync(file, 'utf8')) as { network: { plugins: { name: string }[] } }).network.plugins[0].name, 'plugin-1');
  assert.equal(fs.statSync(file).mode & 0o777, 0o444, 'still read-only');

  for (const [args, problem] of [
    [['frobnicate', 'onebot11_123.json'], /unknown action 'frobnicate'/],
    [['add', 'onebot11_123.json'], /add needs --kind/],
    [['add', 'onebot11_123.json', '--kind', 'wsClients'], /--kind must be one of/],
    [['add', 'onebot11_123.json', '--kind', 'httpServers', '--port', 'eighty'], /the port must be a whole number, not 'eighty'/],
    [['rename', 'onebot11_123.json', 'a'], /'rename' takes: <file> <name> <new-name>/],
    [['set-token', 'onebot11_123.json', 'a'], /give the token as an argument, or with --token-stdin/],
    [['list', 'onebot11_123.json', '--name', 'x'], /--name does not go with list/],
  ] as const) {
    const r = runCli(['connections', ...args], { cwd: dir });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, problem);
    assert.match(r.stderr, /Run 'napcat-config connections --help' for usage\./);
  }
});

test('--dry-run prints the diff with tokens masked and writes nothing; a legacy file is rebuilt first and says so', () => {
  const { dir, file } = setup(JSON5_CONFIG);
  const r = runCli(['connections', 'set-token', 'onebot11_123.json', 'nonebot', SECRET, '--dry-run'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stdout.includes(SECRET));
  assert.match(r.stdout, /^\+ {8}token: '\*\*\*',$/m);
  assert.ok(r.stdout.endsWith('Set the token of “nonebot”.\n(--dry-run: nothing was written)\n'));
  assert.equal(fs.readFileSync(file, 'utf8'), JSON5_CONFIG);
  assert.deepEqual(listing(dir), ['onebot11_123.json']);

  const legacy = setup('{\n  "reverseWs": { "enable": true, "urls": ["ws://127.0.0.1:8080/onebot/v11/ws"] },\n  "token": ""\n}\n');
  const list = runCli(['connections', 'list', 'onebot11_123.json'], { cwd: legacy.dir });
  assert.match(list.stdout, /This file has legacy sections: any change rebuilds it first\./);
  assert.match(list.stdout, /reverseWs\.urls\[0\] {2}reverseWs\.urls\[0\] {2}enabled {2}ws:\/\/127\.0\.0\.1:8080\/onebot\/v11\/ws {2}no token \(legacy\)/);
  const added = runCli(['connections', 'add', 'onebot11_123.json', '--kind', 'websocketClients', '--name', 'astrbot', '--url', 'ws://astrbot:6199/ws'], { cwd: legacy.dir });
  assert.equal(added.status, 0, added.stderr);
  assert.match(added.stdout, /^Added WebSocket client \(reverse WS\) “astrbot”\. The file was in a legacy form, so it was rebuilt first \(/);
  const value = JSON.parse(fs.readFileSync(legacy.file, 'utf8')) as Record<string, unknown> & { network: { websocketClients: { url: string }[] } };
  assert.equal(value.reverseWs, undefined);
  assert.deepEqual(value.network.websocketClients.map((c) => c.url), ['ws://127.0.0.1:8080/onebot/v11/ws', 'ws://astrbot:6199/ws']);
  assert.equal(runCli(['check', 'onebot11_123.json'], { cwd: legacy.dir }).status, 0);
});

test('--lang zh-cn: messages and refusals in Chinese', () => {
  const { dir } = setup(NAPCAT_SAVED);
  const r = runCli(['connections', 'add', 'onebot11_123.json', '--kind', 'websocketServers', '--lang', 'zh-cn'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^已添加WebSocket 服务端（正向 WS）“ws-server-3001”。\n已写入 onebot11_123\.json（原文件备份：onebot11_123\.json\.bak）。\n$/);
  const again = runCli(['connections', 'add', 'onebot11_123.json', '--kind', 'httpServers', '--port', '3001', '--lang', 'zh-cn'], { cwd: dir });
  assert.equal(again.status, 1);
  assert.match(again.stderr, /^napcat-config connections：onebot11_123\.json：.*3001.*未作任何修改。\n可用的端口：\d+\n$/s);
});
