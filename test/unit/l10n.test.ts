import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { joinList, useBundle } from '../../server/src/wording';
import { ROOT } from '../helpers/golden';
import { inLang } from '../helpers/l10n';

/**
 * Every sentence a user reads goes through l10n, and every language has all of them.
 *
 * The templates are read out of the sources with TypeScript's parser (no build, no running code):
 * - server, probes, CLI: the values of `… satisfies Catalogue<…>` objects, `: Message` constants,
 *   the `label`s and field docs (`f(type, default, doc)`) of the schema, and literal first
 *   arguments of `localize(…)`;
 * - client: literal first arguments of `vscode.l10n.t(…)`, `l10n.t(…)`, `t(…)` and `translate(…)`.
 * The bundles must hold exactly those keys. A string literal that reads like a sentence and is
 * none of the above is reported, unless it is one of the few kinds of text that stay English on
 * purpose (listed in `ENGLISH_ON_PURPOSE`).
 */

type Source = { file: string; sf: ts.SourceFile };

function sources(dir: string): Source[] {
  const abs = path.join(ROOT, dir);
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => {
      const file = path.join(abs, f);
      return { file: path.relative(ROOT, file), sf: ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true) };
    });
}

const SERVER = sources('server/src');
const CLIENT = sources('client/src');

const isText = (n: ts.Node): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);

function calleeName(call: ts.CallExpression): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return `${ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : ts.isIdentifier(e.expression) ? e.expression.text : '?'}.${e.name.text}`;
  return '';
}

/** Is `node` (a string literal) a template the l10n machinery translates? */
function isTemplate(node: ts.Node, client: boolean, file: string): boolean {
  const parent = node.parent;
  if (ts.isCallExpression(parent) && parent.arguments[0] === node) {
    const name = calleeName(parent);
    if (client ? ['t', 'translate', 'l10n.t'].includes(name) : name === 'localize') return true;
  }
  if (client) return false;
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    let obj: ts.Node = parent.parent;
    if (ts.isObjectLiteralExpression(obj)) {
      obj = obj.parent;
      if (ts.isSatisfiesExpression(obj) && ts.isTypeReferenceNode(obj.type) && obj.type.typeName.getText() === 'Catalogue') return true;
    }
    if (file.endsWith(path.join('core', 'schema.ts')) && parent.name.getText() === 'label') return true;
  }
  if (ts.isVariableDeclaration(parent) && parent.type?.getText() === 'Message') return true;
  if (file.endsWith(path.join('core', 'schema.ts')) && ts.isCallExpression(parent) && calleeName(parent) === 'f' && parent.arguments[2] === node) return true;
  return false;
}

function walk(src: Source, visit: (n: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression) => void): void {
  const go = (n: ts.Node) => {
    if (isText(n) || ts.isTemplateExpression(n)) visit(n);
    ts.forEachChild(n, go);
  };
  go(src.sf);
}

function templates(srcs: readonly Source[], client: boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const src of srcs)
    walk(src, (n) => {
      if (isText(n) && isTemplate(n, client, src.file) && !out.has(n.text)) out.set(n.text, `${src.file}:${src.sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
    });
  return out;
}

const SERVER_TEMPLATES = templates(SERVER, false);
const CLIENT_TEMPLATES = templates(CLIENT, true);
const ALL = new Map([...SERVER_TEMPLATES, ...CLIENT_TEMPLATES]);

const bundleOf = (lang: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', `bundle.l10n.${lang}.json`), 'utf8')) as Record<string, string>;
const LANGS = fs
  .readdirSync(path.join(ROOT, 'l10n'))
  .map((f) => /^bundle\.l10n\.(.+)\.json$/.exec(f)?.[1])
  .filter((l): l is string => l !== undefined);
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('the scan finds the templates of every layer', () => {
  assert.ok(SERVER_TEMPLATES.size > 400, `server templates: ${SERVER_TEMPLATES.size}`);
  assert.ok(CLIENT_TEMPLATES.size > 20, `client templates: ${CLIENT_TEMPLATES.size}`);
  for (const layer of ['core/rules', 'core/fixes', 'probe', 'service', 'lsp', 'cli']) {
    assert.ok([...SERVER_TEMPLATES.values()].some((where) => where.includes(`server/src/${layer}/`)), `templates in ${layer}`);
  }
  assert.ok(SERVER_TEMPLATES.has('Whether NapCat starts this adapter.'), 'schema field docs');
  assert.ok(SERVER_TEMPLATES.has('WebSocket client (reverse WS)'), 'schema labels');
  assert.deepEqual(LANGS, ['zh-cn']);
});

for (const lang of LANGS) {
  test(`${lang}: every template has a translation with the same placeholders`, () => {
    const bundle = bundleOf(lang);
    const missing = [...ALL].filter(([k]) => typeof bundle[k] !== 'string' || bundle[k].trim() === '').map(([k, where]) => `${where}: ${k}`);
    assert.deepEqual(missing, []);
    const mismatched = [...ALL.keys()].filter((k) => placeholders(bundle[k]).join() !== placeholders(k).join());
    assert.deepEqual(mismatched, []);
  });

  test(`${lang}: the bundle holds no key that no source uses`, () => {
    const stale = Object.keys(bundleOf(lang)).filter((k) => !ALL.has(k));
    assert.deepEqual(stale, []);
  });
}

/**
 * Text that stays English on purpose, by where it appears:
 * - the output channel log (`log.*`, `logger.*`, `outputChannel.append*`, `console.*`): lines
 *   users paste into bug reports and search for, like VS Code's own logs;
 * - labels of `guard(log, label, …)`, which names a request in those log lines;
 * - patterns: `String.raw` and `new RegExp(…)` sources, which match text NapCat prints;
 * - `Error` objects for faults of the program itself, never shown as a message of their own;
 * - protocol and file-format names, commands, setting ids and keys (no spaces or one word).
 */
const ENGLISH_ON_PURPOSE = /^(log|logger|this\.log|ctx\.log|outputChannel|this\.outputChannel|ctx\.outputChannel|f\.probeLog|this\.output|channel|console)\.(append|appendLine|info|warn|error|debug|trace|log)$/;

/** Single texts that belong to a file format, with the reason. */
const FORMAT_TEXT: readonly (readonly [file: string, text: string, why: string])[] = [
  ['server/src/cli/diff.ts', '\n\\ No newline at end of file\n', 'a line of the unified diff format, which patch(1) reads'],
];

function reasonToStayEnglish(n: ts.Node, file = ''): string | undefined {
  if (isText(n) && FORMAT_TEXT.some(([f, text]) => f === file && text === n.text)) return 'format';
  for (let p: ts.Node | undefined = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isCallExpression(p) && ENGLISH_ON_PURPOSE.test(p.expression.getText())) return 'log';
    if (ts.isCallExpression(p) && p.expression.getText() === 'guard' && p.arguments[1] === n) return 'log';
    if (ts.isNewExpression(p) && /Error$/.test(p.expression.getText())) return 'error';
    if ((ts.isNewExpression(p) && p.expression.getText() === 'RegExp') || (ts.isTaggedTemplateExpression(p) && p.tag.getText() === 'String.raw')) return 'pattern';
    if (ts.isCallExpression(p) && p.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const cls = ts.findAncestor(p, ts.isClassDeclaration);
      if (cls?.heritageClauses?.some((h) => /\bError\b/.test(h.getText()))) return 'error';
    }
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) return 'import';
  }
  return undefined;
}

/** Reads like a sentence: three words of letters, at least one lower-case word of three letters. */
function readsLikeProse(text: string): boolean {
  const t = text.replace(/\{\w+\}/g, 'x').replace(/`[^`]*`/g, 'x');
  if (/^[\w$.-]+$/.test(t) || /^[\s\S]*(\\[dswb]|\(\?[:=!<])/.test(text)) return false; // identifiers, regular expressions
  return /\b[A-Za-z][a-z']+\s+[a-z][a-z']+\s+[a-z][a-z']{2,}\b/.test(t);
}

test('no sentence reaches the user without going through l10n', () => {
  const offenders: string[] = [];
  for (const [srcs, client] of [[SERVER, false], [CLIENT, true]] as const) {
    for (const src of srcs)
      walk(src, (n) => {
        const text = ts.isTemplateExpression(n) ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join('{x}') : n.text;
        if (!readsLikeProse(text)) return;
        if (isText(n) && isTemplate(n, client, src.file)) return;
        if (reasonToStayEnglish(n, src.file)) return;
        offenders.push(`${src.file}:${src.sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${text.slice(0, 90)}`);
      });
  }
  assert.deepEqual(offenders, []);
});

test('the scanner itself: catalogue entries pass, a bare sentence is caught, log lines are allowed', () => {
  const src = (code: string): Source => ({ file: 'server/src/x.ts', sf: ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true) });
  const found = (code: string) => {
    const out: string[] = [];
    walk(src(code), (n) => {
      if (isText(n) && readsLikeProse(n.text) && !isTemplate(n, false, 'server/src/x.ts') && !reasonToStayEnglish(n)) out.push(n.text);
    });
    return out;
  };
  assert.deepEqual(found("const M = { a: 'The port is already in use.' } satisfies Catalogue<string>;"), []);
  assert.deepEqual(found("say(localize('The port is already in use.'));"), []);
  assert.deepEqual(found("log.warn('Could not read the bundle file.');"), []);
  assert.deepEqual(found("connection.window.showErrorMessage('The port is already in use.');"), ['The port is already in use.']);
  assert.deepEqual(found("const re = /\\d+/; const id = 'napcat.probe.timeoutMs';"), []);
  assert.deepEqual(found("const tls = String.raw`certificate has expired`; new RegExp('unable to verify the first certificate');"), []);
});

test('joinList: "a, b and c" in English, "a、b 和 c" in Chinese, and a translation that reorders its placeholders still applies', () => {
  const items = ['a', 'b', 'c'];
  assert.equal(joinList(items), 'a, b and c');
  assert.equal(joinList(['a']), 'a');
  assert.equal(inLang('zh-cn', () => joinList(items)), 'a、b 和 c');
  useBundle('zh-cn', { '{list}, {item}': '{item}; {list}', '{list} and {item}': '{item} after {list}' });
  try {
    assert.equal(joinList(items), 'c after b; a');
  } finally {
    useBundle('en');
  }
  const many = Array.from({ length: 20_000 }, (_, i) => `u${i}`);
  assert.equal(joinList(many), `${many.slice(0, -1).join(', ')} and u19999`);
});
