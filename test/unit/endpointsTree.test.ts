import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { format } from '../../server/src/core';
import type { ConfigInfo, EndpointInfo } from '../../server/src/lsp/protocol';
import type { ProbeResult } from '../../server/src/probe';
import {
  buildTree,
  CONTEXT,
  currentResult,
  endpointAt,
  escapeMarkdown,
  formatMs,
  resultKey,
  resultState,
  shortResult,
  statusText,
  workspaceSummary,
  type EndpointNode,
  type FileNode,
  type GroupNode,
  type StoredResult,
  type Translate,
} from '../../client/src/endpoints/model';
import { searchGlob } from '../../client/src/endpoints/globs';
import { ROOT } from '../helpers/golden';

/**
 * The NapCat view's model, without VS Code: the tree built from the server's listing and the
 * probe results (grouping, labels, descriptions the e2e tests read, icons, tooltips), the status
 * bar summary, and the workspace search globs.
 */

/** English, as `vscode.l10n.t` answers without a bundle. */
const t: Translate = (message, args) => format(message, args ?? {});

const range = (line: number, lines = 3) => ({ start: { line, character: 4 }, end: { line: line + lines, character: 5 } });

function entry(e: Partial<EndpointInfo> & Pick<EndpointInfo, 'id' | 'kind' | 'name'>): EndpointInfo {
  return {
    kindLabel: e.kind === 'websocketClients' ? 'WebSocket client (reverse WS)' : e.kind,
    enabled: true,
    starts: true,
    reasons: [],
    endpoint: '',
    token: '',
    range: range(0),
    selectionRange: range(0, 0),
    fingerprint: `fp-${e.id}`,
    ...e,
  };
}

const URI = 'file:///srv/napcat/config/onebot11_20003.json';

function config(overrides: Partial<ConfigInfo> = {}): ConfigInfo {
  return {
    uri: URI,
    fileName: 'onebot11_20003.json',
    uin: '20003',
    shape: 'N4',
    shapeLabel: 'network (NapCat 4)',
    targetVersion: '4.18.2',
    problems: { errors: 1, warnings: 2, infos: 0, hints: 0 },
    fileReasons: [],
    endpoints: [
      entry({ id: 'websocketClients[0]', kind: 'websocketClients', name: 'nonebot-running', endpoint: 'ws://127.0.0.1:8080/onebot/v11/ws', uin: '20003', range: range(5) }),
      entry({ id: 'websocketClients[1]', kind: 'websocketClients', name: 'koishi-stopped', endpoint: 'ws://127.0.0.1:5140/onebot', token: '***', range: range(10) }),
      entry({ id: 'httpServers[0]', kind: 'httpServers', name: 'http-api', endpoint: '0.0.0.0:3000', enabled: false, starts: false, reasons: ['`enable` is false'], range: range(15) }),
      entry({ id: 'plugins[0]', kind: 'plugins', name: 'my-plugin', skip: 'plugin', starts: false, range: range(20) }),
    ],
    ...overrides,
  };
}

function stored(id: string, result: ProbeResult, label: string, overrides: Partial<StoredResult> = {}): StoredResult {
  return {
    uri: URI,
    id,
    name: id,
    kind: 'websocketClients',
    fingerprint: `fp-${id}`,
    endpoint: '',
    result,
    label,
    detail: `detail of ${id}`,
    failed: result.kind !== 'ok' && result.kind !== 'skipped' && result.kind !== 'cancelled',
    at: new Date(2024, 0, 2, 3, 4, 5).getTime(),
    ...overrides,
  };
}

const results = (...list: StoredResult[]) => new Map(list.map((r) => [resultKey(r.uri, r.id), r]));
const none = new Map<string, StoredResult>();
const endpoints = (file: FileNode): EndpointNode[] => file.children.flatMap((c) => (c.type === 'group' ? [...c.children] : [c]));
const find = (file: FileNode, name: string) => endpoints(file).find((e) => e.label === name) ?? assert.fail(`no ${name}`);

test('a config → kinds → entries; the file is labelled by its account with shape and problem count', () => {
  const [file] = buildTree({ configs: [config()], results: none, running: new Set(), groupByKind: true }, t);
  assert.equal(file.label, '20003');
  assert.equal(file.description, 'network (NapCat 4) · 3 problems');
  assert.equal(file.contextValue, CONTEXT.file);
  assert.deepEqual(
    file.children.map((g) => [g.type, g.label, g.description]),
    [
      ['group', 'websocketClients', 'WebSocket client (reverse WS) · 2'],
      ['group', 'httpServers', 'httpServers · 1'],
      ['group', 'plugins', 'plugins · 1'],
    ],
  );
  const group = file.children[0] as GroupNode;
  assert.deepEqual(
    group.children.map((e) => [e.label, e.description, e.icon?.id, e.contextValue]),
    [
      ['nonebot-running', 'ws://127.0.0.1:8080/onebot/v11/ws', 'circle-large-outline', CONTEXT.endpointClient],
      ['koishi-stopped', 'ws://127.0.0.1:5140/onebot', 'circle-large-outline', CONTEXT.endpointClient],
    ],
  );
  const off = find(file, 'http-api');
  assert.equal(off.description, 'disabled · 0.0.0.0:3000');
  assert.deepEqual(off.icon, { id: 'circle-slash', color: 'disabledForeground' });
  assert.equal(find(file, 'my-plugin').contextValue, CONTEXT.plugin);
  assert.deepEqual(find(file, 'my-plugin').icon, { id: 'extensions' });
  // Ids are stable and unique: expansion state survives refreshes.
  const ids = [file.id, ...file.children.map((c) => c.id), ...endpoints(file).map((e) => e.id)];
  assert.equal(new Set(ids).size, ids.length);
});

test('managed entries: a checkbox that is their `enable`, context values by role, groups by kind', () => {
  const [file] = buildTree({ configs: [config()], results: none, running: new Set(), groupByKind: true }, t);
  assert.deepEqual(
    endpoints(file).map((e) => [e.label, e.contextValue, e.checked]),
    [
      ['nonebot-running', CONTEXT.endpointClient, true],
      ['koishi-stopped', CONTEXT.endpointClient, true],
      ['http-api', CONTEXT.endpointServer, false],
      ['my-plugin', CONTEXT.plugin, true],
    ],
  );
  assert.deepEqual(
    file.children.map((g) => g.contextValue),
    ['napcat.group.websocketClients', 'napcat.group.httpServers', 'napcat.group.plugins'],
  );
});

test('flat: entries directly under the file, the kind in the description', () => {
  const [file] = buildTree({ configs: [config()], results: none, running: new Set(), groupByKind: false }, t);
  assert.deepEqual(
    file.children.map((c) => [c.type, c.label, c.description]),
    [
      ['endpoint', 'nonebot-running', 'ws://127.0.0.1:8080/onebot/v11/ws · WebSocket client (reverse WS)'],
      ['endpoint', 'koishi-stopped', 'ws://127.0.0.1:5140/onebot · WebSocket client (reverse WS)'],
      ['endpoint', 'http-api', 'disabled · 0.0.0.0:3000 · httpServers'],
      ['endpoint', 'my-plugin', 'plugins'],
    ],
  );
});

test('results: latency when it answered, the short reason otherwise, as text the row and its aria-label carry', () => {
  const r = results(
    stored('websocketClients[0]', { kind: 'ok', latencyMs: 12.4 }, 'ok'),
    stored('websocketClients[1]', { kind: 'refused', latencyMs: 0.8, address: '127.0.0.1:5140', loopback: true }, 'refused'),
  );
  const [file] = buildTree({ configs: [config()], results: r, running: new Set(), groupByKind: true }, t);
  const ok = find(file, 'nonebot-running');
  assert.equal(ok.description, '12 ms · ws://127.0.0.1:8080/onebot/v11/ws');
  assert.match(ok.accessibilityLabel, /^nonebot-running, 12 ms/);
  assert.deepEqual(ok.icon, { id: 'pass', color: 'testing.iconPassed' });
  const refused = find(file, 'koishi-stopped');
  assert.equal(refused.description, 'refused · ws://127.0.0.1:5140/onebot');
  assert.match(refused.accessibilityLabel, /refused/);
  assert.deepEqual(refused.icon, { id: 'error', color: 'testing.iconFailed' });
  assert.match(refused.tooltip, /\*\*Last test\*\* \(03:04:05\): refused/);
  assert.match(refused.tooltip, /detail of websocketClients\\\[1\\\]/);
  assert.match(file.children[0].tooltip, /1 of 2 tested endpoints answer; 1 fail\./);
});

test('a result of the entry as it was written before an edit does not show', () => {
  const r = results(stored('websocketClients[0]', { kind: 'ok', latencyMs: 3 }, 'ok', { fingerprint: 'fp-before-the-edit' }));
  const c = config();
  assert.equal(currentResult(URI, c.endpoints[0], r), undefined);
  const [file] = buildTree({ configs: [c], results: r, running: new Set(), groupByKind: true }, t);
  assert.equal(find(file, 'nonebot-running').description, 'ws://127.0.0.1:8080/onebot/v11/ws');
  assert.equal(find(file, 'nonebot-running').result, undefined);
});

test('running entries spin', () => {
  const running = new Set([resultKey(URI, 'websocketClients[1]')]);
  const [file] = buildTree({ configs: [config()], results: none, running, groupByKind: true }, t);
  const node = find(file, 'koishi-stopped');
  assert.equal(node.running, true);
  assert.deepEqual(node.icon, { id: 'loading~spin' });
  assert.equal(node.description, 'testing… · ws://127.0.0.1:5140/onebot');
});

test('result states: pass, warning (unverified TLS, HTTP error status), error, skipped', () => {
  assert.equal(resultState({ kind: 'ok', latencyMs: 1 }), 'pass');
  assert.equal(resultState({ kind: 'ok', latencyMs: 1, tls: { verified: false, problem: 'self-signed' } }), 'warning');
  assert.equal(resultState({ kind: 'ok', latencyMs: 1, httpStatus: 404 }), 'warning');
  assert.equal(resultState({ kind: 'ok', latencyMs: 1, httpStatus: 405 }), 'warning');
  assert.equal(resultState({ kind: 'timeout', latencyMs: 1, address: 'x:1', phase: 'connect', timeoutMs: 1 }), 'error');
  assert.equal(resultState({ kind: 'skipped', latencyMs: 0, reason: 'disabled' }), 'skipped');
  assert.equal(resultState({ kind: 'cancelled', latencyMs: 4 }), 'skipped');
  assert.equal(shortResult(stored('a', { kind: 'ok', latencyMs: 3.21, httpStatus: 404 }, 'ok')), '3.2 ms (HTTP 404)');
  assert.equal(shortResult(stored('a', { kind: 'timeout', latencyMs: 5000, address: 'x:1', phase: 'handshake', timeoutMs: 5000 }, 'timeout (WebSocket handshake)')), 'timeout (WebSocket handshake)');
  assert.equal(formatMs(0.44), '0.4 ms');
  assert.equal(formatMs(123.6), '124 ms');
});

test('tooltips: details with the masked token only, and every text from the config escaped', () => {
  const hostile = config({
    endpoints: [entry({ id: 'websocketClients[0]', kind: 'websocketClients', name: '**bold** [x](command:evil)', endpoint: 'ws://h/`a`', token: '***' })],
  });
  const [file] = buildTree({ configs: [hostile], results: none, running: new Set(), groupByKind: false }, t);
  const node = endpoints(file)[0];
  assert.ok(node.tooltip.startsWith('**\\*\\*bold\\*\\* \\[x\\](command:evil)**'), node.tooltip);
  assert.ok(node.tooltip.includes('``ws://h/`a` ``') || node.tooltip.includes('`` ws://h/`a` ``'), node.tooltip);
  assert.match(node.tooltip, /Token: `\*\*\*`/);
  assert.match(node.tooltip, /X-Self-ID: none in the file name \(setting napcat\.selfId\)/);
  const off = find(buildTree({ configs: [config()], results: none, running: new Set(), groupByKind: true }, t)[0], 'http-api');
  assert.match(off.tooltip, /NapCat starts it: no\n- `enable` is false/);
  assert.equal(escapeMarkdown('a_b*c'), 'a\\_b\\*c');
});

test('the file: problems in words, a file without uin by its name, files sorted by label', () => {
  const clean = config({ uri: 'file:///a/onebot11.json', fileName: 'onebot11.json', uin: undefined, problems: { errors: 0, warnings: 0, infos: 0, hints: 0 } });
  const one = config({ uri: 'file:///b/onebot11_10001.json', fileName: 'onebot11_10001.json', uin: '10001', problems: { errors: 0, warnings: 0, infos: 1, hints: 0 }, version: 4 });
  const files = buildTree({ configs: [clean, config(), one], results: none, running: new Set(), groupByKind: true }, t);
  assert.deepEqual(
    files.map((f) => [f.label, f.description]),
    [
      ['10001', 'network (NapCat 4) · 1 problem'],
      ['20003', 'network (NapCat 4) · 3 problems'],
      ['onebot11.json', 'network (NapCat 4) · no problems'],
    ],
  );
  assert.match(files[0].tooltip, /unsaved changes included/);
  assert.match(files[2].tooltip, /Account \(X-Self-ID\): none in the file name/);
});

test('status bar: answering of tested, skipped and cancelled not counted, stale results ignored', () => {
  const c = config();
  assert.equal(statusText(workspaceSummary([c], none)), 'NapCat');
  const r = results(
    stored('websocketClients[0]', { kind: 'ok', latencyMs: 3 }, 'ok'),
    stored('websocketClients[1]', { kind: 'refused', latencyMs: 1, address: 'x:1', loopback: true }, 'refused'),
    stored('httpServers[0]', { kind: 'skipped', latencyMs: 0, reason: 'disabled' }, 'skipped (disabled)'),
    stored('plugins[0]', { kind: 'ok', latencyMs: 3 }, 'ok', { fingerprint: 'stale' }),
  );
  const summary = workspaceSummary([c], r);
  assert.deepEqual(summary, { answering: 1, tested: 2, failing: 1 });
  assert.equal(statusText(summary), 'NapCat 1/2');
});

test('the entry under the cursor: the innermost range that contains it', () => {
  const c = config();
  assert.equal(endpointAt(c, 6, 0)?.id, 'websocketClients[0]');
  assert.equal(endpointAt(c, 5, 4)?.id, 'websocketClients[0]');
  assert.equal(endpointAt(c, 5, 3), undefined);
  assert.equal(endpointAt(c, 13, 5)?.id, 'websocketClients[1]');
  assert.equal(endpointAt(c, 30, 0), undefined);
  const nested = config({ endpoints: [entry({ id: 'outer', kind: 'httpServers', name: 'o', range: range(0, 20) }), entry({ id: 'inner', kind: 'httpServers', name: 'i', range: range(5, 2) })] });
  assert.equal(endpointAt(nested, 6, 0)?.id, 'inner');
});

test('napcat.files patterns become workspace search globs as the server matches them', () => {
  assert.equal(searchGlob('*.json'), '**/*.json');
  assert.equal(searchGlob('napcat/config/*.json'), '**/napcat/config/*.json');
  assert.equal(searchGlob('./config/onebot.json'), '**/config/onebot.json');
  assert.equal(searchGlob('**/bots/*.json5'), '**/bots/*.json5');
  assert.equal(searchGlob('config\\onebot.json'), '**/config/onebot.json');
  assert.equal(searchGlob('/srv/napcat/*.json'), undefined);
  assert.equal(searchGlob('C:/napcat/*.json'), undefined);
  assert.equal(searchGlob('  '), undefined);
});

test('the client bundles no analysis or probe code: outside client/src it imports only the protocol module, or types', () => {
  const dir = path.join(ROOT, 'client', 'src');
  const protocol = path.join(ROOT, 'server', 'src', 'lsp', 'protocol');
  const found: string[] = [];
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const file = path.join(dir, rel);
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const spec = statement.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec.text);
      if (target === dir || target.startsWith(dir + path.sep) || target === protocol) continue;
      const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
      const typeOnly =
        (ts.isExportDeclaration(statement) && statement.isTypeOnly) ||
        (clause !== undefined &&
          (clause.isTypeOnly ||
            (clause.name === undefined &&
              clause.namedBindings !== undefined &&
              ts.isNamedImports(clause.namedBindings) &&
              clause.namedBindings.elements.every((e) => e.isTypeOnly))));
      if (!typeOnly) found.push(`${path.relative(ROOT, file)}: ${spec.text}`);
    }
  }
  assert.deepEqual(found, []);
});

test('legacy connections: "not started by NapCat <version>" on the entry, and the file offers Rebuild; results still show', () => {
  const legacy = config({
    shape: 'L1',
    shapeLabel: 'legacy (http / ws / reverseWs)',
    endpoints: [entry({ id: 'reverseWs.urls[0]', kind: 'websocketClients', name: 'reverseWs.urls[0]', endpoint: 'ws://127.0.0.1:8080/ws', starts: false, legacy: true, reasons: ['Not started by NapCat v4.18.2'] })],
  });
  const [file] = buildTree({ configs: [legacy], results: none, running: new Set(), groupByKind: false }, t);
  assert.equal(file.contextValue, CONTEXT.fileLegacy);
  const node = find(file, 'reverseWs.urls[0]');
  assert.match(node.description, /^not started by NapCat 4\.18\.2 · ws:\/\/127\.0\.0\.1:8080\/ws/);
  assert.equal(node.contextValue, CONTEXT.endpointLegacy, 'it can be tested, not managed');
  assert.equal(node.checked, undefined, 'no enable checkbox: the connection has no `enable` of its own until the file is rebuilt');
  const tested = stored('reverseWs.urls[0]', { kind: 'refused', latencyMs: 1, address: '127.0.0.1:8080', loopback: true }, 'refused');
  const [after] = buildTree({ configs: [legacy], results: results(tested), running: new Set(), groupByKind: false }, t);
  assert.match(find(after, 'reverseWs.urls[0]').description, /^refused · not started by NapCat 4\.18\.2/);
  // A config without legacy connections is a plain file node.
  assert.equal(buildTree({ configs: [config()], results: none, running: new Set(), groupByKind: false }, t)[0].contextValue, CONTEXT.file);
});

test('the menus of package.json match the context values the tree gives: management on entries of a network list, never on legacy connections', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string }[]; menus: { 'view/item/context': { command: string; when: string }[] } };
  };
  const kinds = ['httpServers', 'httpSseServers', 'httpClients', 'websocketServers', 'websocketClients', 'plugins'];
  const values = [CONTEXT.file, CONTEXT.fileLegacy, ...kinds.map((k) => `${CONTEXT.group}.${k}`), CONTEXT.endpointClient, CONTEXT.endpointServer, CONTEXT.endpointLegacy, CONTEXT.plugin];
  /** The context values a `when` clause's `viewItem` test accepts. */
  const accepted = (when: string): string[] => {
    const eq = /viewItem == ([\w.]+)/.exec(when);
    if (eq) return values.filter((v) => v === eq[1]);
    const re = /viewItem =~ \/(.+?)\//.exec(when);
    assert.ok(re, `a viewItem test in ${when}`);
    return values.filter((v) => new RegExp(re[1]).test(v));
  };
  const menus = manifest.contributes.menus['view/item/context'];
  for (const m of menus) assert.ok(accepted(m.when).length > 0, `${m.command} shows on some item: ${m.when}`);
  const on = (command: string) => new Set(menus.filter((m) => m.command === command).flatMap((m) => accepted(m.when)));
  for (const command of ['napcat.renameConnection', 'napcat.editConnectionSettings', 'napcat.duplicateConnection', 'napcat.deleteConnection']) {
    assert.deepEqual([...on(command)].sort(), [CONTEXT.endpointClient, CONTEXT.endpointServer, CONTEXT.plugin].sort(), command);
  }
  for (const command of ['napcat.editConnectionEndpoint', 'napcat.setConnectionToken']) {
    assert.deepEqual([...on(command)].sort(), [CONTEXT.endpointClient, CONTEXT.endpointServer].sort(), command);
  }
  assert.deepEqual([...on('napcat.addConnection')].sort(), [CONTEXT.file, CONTEXT.fileLegacy].sort());
  for (const k of kinds) assert.deepEqual([...on(`napcat.addConnection.${k}`)], [`${CONTEXT.group}.${k}`]);
  assert.deepEqual([...on('napcat.testEndpoint')].sort(), [CONTEXT.endpointClient, CONTEXT.endpointServer, CONTEXT.endpointLegacy].sort());
  const declared = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const m of menus) assert.ok(declared.has(m.command), `${m.command} is declared`);
});
