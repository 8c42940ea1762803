import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT } from '../helpers/golden';

/**
 * Both languages stay complete: every runtime string of the client (`vscode.l10n.t`, and the
 * `t` / `translate` it is handed to) has its Simplified Chinese text in l10n/, every `%key%` of
 * the manifest has its text in package.nls.json, and package.nls.zh-cn.json has the same keys.
 */

function clientSources(): string[] {
  const dir = path.join(ROOT, 'client', 'src');
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

/** The literal first arguments of `t(…)`, `translate(…)` and `l10n.t(…)` calls. */
function runtimeStrings(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'l10n' ? `l10n.${callee.name.text}` : '';
      const first = node.arguments[0];
      if ((name === 't' || name === 'translate' || name === 'l10n.t') && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) out.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as Record<string, unknown>;

test('every runtime string of the client has a Chinese translation, with the same placeholders', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
  const strings = [...new Set(clientSources().flatMap(runtimeStrings))];
  assert.ok(strings.length > 20, 'the scan finds the strings');
  assert.ok(strings.includes('Test connection'));
  const missing = strings.filter((s) => typeof bundle[s] !== 'string' && typeof (bundle[s] as { message?: unknown } | undefined)?.message !== 'string');
  assert.deepEqual(missing, []);
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const s of strings) {
    const zh = bundle[s];
    const text = typeof zh === 'string' ? zh : (zh as { message: string }).message;
    assert.deepEqual(placeholders(text), placeholders(s), s);
  }
});

test('every %key% of package.json is defined in package.nls.json, and zh-cn has exactly the same keys', () => {
  const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  const en = readJson('package.nls.json');
  const zh = readJson('package.nls.zh-cn.json');
  const used = [...new Set([...manifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]))];
  assert.deepEqual(used.filter((k) => !(k in en)), []);
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const k of Object.keys(en)) assert.ok(typeof zh[k] === 'string' && (zh[k] as string).trim() !== '', k);
});

test('the sidebar is contributed as the e2e tests and the README expect', () => {
  const pkg = readJson('package.json') as {
    contributes: {
      viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
      views: Record<string, { id: string }[]>;
      viewsWelcome: { view: string }[];
      commands: { command: string }[];
      configuration: { properties: Record<string, { default: unknown }> };
    };
    capabilities: { untrustedWorkspaces: { supported: unknown } };
  };
  const c = pkg.contributes;
  const container = c.viewsContainers.activitybar.find((x) => x.id === 'napcat');
  assert.equal(container?.title, 'NapCat');
  assert.ok(fs.existsSync(path.join(ROOT, container.icon)), 'the activity bar icon ships');
  assert.deepEqual(c.views.napcat.map((v) => v.id), ['napcat.endpoints']);
  assert.ok(c.viewsWelcome.some((w) => w.view === 'napcat.endpoints'));
  const commands = new Set(c.commands.map((x) => x.command));
  for (const id of ['napcat.testEndpoint', 'napcat.testFile', 'napcat.testAll', 'napcat.refreshEndpoints', 'napcat.copyEndpointUrl', 'napcat.openLogFolder', 'napcat.openConfig']) {
    assert.ok(commands.has(id), id);
  }
  const defaults = Object.fromEntries(Object.entries(c.configuration.properties).map(([k, v]) => [k, v.default]));
  assert.deepEqual(
    {
      groupByKind: defaults['napcat.endpoints.groupByKind'],
      codeLens: defaults['napcat.codeLens.enabled'],
      statusBar: defaults['napcat.statusBar.enabled'],
      timeout: defaults['napcat.probe.timeoutMs'],
      concurrency: defaults['napcat.probe.concurrency'],
      selfId: defaults['napcat.selfId'],
    },
    { groupByKind: true, codeLens: true, statusBar: true, timeout: 5000, concurrency: 64, selfId: '' },
  );
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  const en = readJson('package.nls.json');
  assert.equal(en['command.testEndpoint.title'], 'Test Connection', 'the e2e tests pick this title in the context menu');
});
