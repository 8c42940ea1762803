import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT } from '../helpers/golden';

/**
 * Enforces the import rules of ARCHITECTURE.md by reading every import, export-from, require()
 * and import() of the source files (with TypeScript's own pre-processor, so comments and strings
 * never count). Keep this table and ARCHITECTURE.md in step.
 */

/** The editor API: only the extension client runs inside VS Code. */
const EDITOR = [/^vscode$/];
/** Everything that speaks the Language Server Protocol. */
const LSP = [/^vscode-languageserver(-.*)?(\/.*)?$/, /^vscode-languageclient(\/.*)?$/, /^vscode-jsonrpc(\/.*)?$/];
/** Node modules that do I/O (network, files, processes). */
const NODE_IO = [
  /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dns|dns\/promises|tls|dgram|readline|worker_threads|cluster|inspector)$/,
  /^ws$/,
];

interface Layer {
  readonly name: string;
  /** Files of the layer: a folder (recursively) or single files, relative to the repository. */
  readonly paths: readonly string[];
  /** Module specifiers the layer must not import. */
  readonly deny: readonly RegExp[];
  /** Folders or files that relative imports may reach (the layer itself is always allowed). */
  readonly mayReach: readonly string[];
}

const CORE = 'server/src/core';
const PROBE = 'server/src/probe';
const LSP_DIR = 'server/src/lsp';
const FILES = 'server/src/files';
const LOG = 'server/src/log';
const CLIENT = 'client/src';
const PROTOCOL = `${LSP_DIR}/protocol.ts`;
const SERVICE = 'server/src/service';
/** The language the process speaks and the wording of templates: global state, kept out of the core. */
const WORDING = 'server/src/wording';
/**
 * The probe modules that are plain data and functions (sentences, classification, types): the
 * log layer explains log lines with the probe's sentences, and stays pure by reaching only these.
 */
const PROBE_PURE = ['messages.ts', 'classify.ts', 'types.ts'].map((f) => `${PROBE}/${f}`);

export const LAYERS: readonly Layer[] = [
  /** No language state in the core: it hands out templates and arguments, never worded text. */
  { name: 'core', paths: [CORE], deny: [...EDITOR, ...LSP, ...NODE_IO, /^@vscode\/l10n$/], mayReach: [] },
  { name: 'wording', paths: [WORDING], deny: [...EDITOR, ...LSP, ...NODE_IO], mayReach: [CORE] },
  { name: 'probe', paths: [PROBE], deny: [...EDITOR, ...LSP], mayReach: [CORE, WORDING] },
  { name: 'pure probe modules', paths: PROBE_PURE, deny: [...EDITOR, ...LSP, ...NODE_IO], mayReach: [CORE, WORDING, ...PROBE_PURE] },
  { name: 'files', paths: [FILES], deny: [...EDITOR, ...LSP], mayReach: [CORE, WORDING] },
  { name: 'log', paths: [LOG], deny: [...EDITOR, ...LSP, ...NODE_IO], mayReach: [CORE, WORDING, ...PROBE_PURE] },
  { name: 'service', paths: [SERVICE], deny: [...EDITOR, ...LSP, ...NODE_IO], mayReach: [CORE, WORDING] },
  { name: 'cli', paths: ['server/src/cli.ts', 'server/src/cli'], deny: [...EDITOR, ...LSP], mayReach: [CORE, WORDING, SERVICE, PROBE, FILES, LOG] },
  { name: 'lsp', paths: [LSP_DIR, 'server/src/server.ts'], deny: EDITOR, mayReach: [CORE, WORDING, SERVICE, PROBE, FILES, LOG] },
  /** The VS Code client reaches the server only through the protocol module. */
  { name: 'client', paths: [CLIENT], deny: [], mayReach: [PROTOCOL] },
];

/** Every specifier imported by a TypeScript source text. */
export function importsOf(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** The rule violations of one file of `layer` (empty when it obeys). */
export function violations(layer: Layer, file: string, text: string): string[] {
  const out: string[] = [];
  const own = layer.paths.map((p) => path.join(ROOT, p));
  const reach = [...own, ...layer.mayReach.map((p) => path.join(ROOT, p))];
  for (const spec of importsOf(text)) {
    if (spec.startsWith('.')) {
      const target = path.resolve(path.dirname(file), spec);
      const ok = reach.some((r) => target === r || target.startsWith(r + path.sep) || target === r.replace(/\.ts$/, ''));
      if (!ok) out.push(`${path.relative(ROOT, file)}: '${spec}' reaches ${path.relative(ROOT, target)}, outside what the ${layer.name} layer may import`);
    } else if (layer.deny.some((re) => re.test(spec))) {
      out.push(`${path.relative(ROOT, file)}: the ${layer.name} layer must not import '${spec}'`);
    }
  }
  return out;
}

function sourceFiles(rel: string): string[] {
  const full = path.join(ROOT, rel);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(full, f));
}

for (const layer of LAYERS) {
  test(`the ${layer.name} layer imports only what ARCHITECTURE.md allows`, () => {
    const files = layer.paths.flatMap(sourceFiles);
    if (layer.name === 'core') assert.ok(files.length > 5, 'the core sources are where ARCHITECTURE.md says');
    if (layer.name === 'service') assert.ok(files.length > 5, 'the service sources are where ARCHITECTURE.md says');
    const found = files.flatMap((f) => violations(layer, f, fs.readFileSync(f, 'utf8')));
    assert.deepEqual(found, []);
  });
}

test('nothing outside client/ imports the vscode editor API', () => {
  const found = sourceFiles('server/src').flatMap((f) =>
    importsOf(fs.readFileSync(f, 'utf8'))
      .filter((s) => s === 'vscode')
      .map((s) => `${path.relative(ROOT, f)} imports '${s}'`),
  );
  assert.deepEqual(found, []);
});

test('the checker itself catches every form of import, and ignores comments and strings', () => {
  const core = LAYERS.find((l) => l.name === 'core')!;
  const file = path.join(ROOT, CORE, 'rules', 'example.ts');
  const bad = [
    "import * as fs from 'node:fs';",
    "import { readFile } from 'fs/promises';",
    "import type { Connection } from 'vscode-languageserver/node';",
    "export { Diagnostic } from 'vscode-languageserver-types';",
    "const net = require('net');",
    "const http = await import('node:http');",
    "import 'ws';",
    "import * as vscode from 'vscode';",
    "import { x } from 'vscode-jsonrpc';",
    "import { startServer } from '../../lsp/handlers';",
    "import { main } from '../../cli/main';",
  ];
  for (const line of bad) assert.equal(violations(core, file, line).length, 1, line);
  const fine = [
    "import { parseTree } from 'jsonc-parser';",
    "import { KINDS } from '../schema';",
    "import type { Rule } from './rule';",
    "// import * as fs from 'fs';",
    "/* require('net') */ const s = \"import 'http'\";",
  ];
  for (const line of fine) assert.deepEqual(violations(core, file, line), [], line);
});

test('the log layer reaches the probe only through its pure modules', () => {
  const log = LAYERS.find((l) => l.name === 'log')!;
  const file = path.join(ROOT, LOG, 'errors.ts');
  for (const line of [
    "import { probe } from '../probe';",
    "import { probe } from '../probe/probe';",
    "import { wsUrl } from '../probe/websocket';",
    "import * as fs from 'node:fs';",
    "import { TextDocument } from 'vscode-languageserver-textdocument';",
    "import { documentLinks } from '../lsp/logs';",
  ])
    assert.equal(violations(log, file, line).length, 1, line);
  for (const line of ["import { PROBE_MESSAGES } from '../probe/messages';", "import { maskUrl } from '../core/secrets';", "import { localize } from '../core';"])
    assert.deepEqual(violations(log, file, line), [], line);
});

test('the client reaches the server only through the protocol module', () => {
  const client = LAYERS.find((l) => l.name === 'client')!;
  const file = path.join(ROOT, CLIENT, 'endpoints', 'model.ts');
  for (const line of [
    "import type { ProbeResult } from '../../../server/src/probe';",
    "import { maskUrl } from '../../../server/src/core/secrets';",
    "import { analyze } from '../../../server/src/core';",
    "import { Analyses } from '../../../server/src/lsp/documents';",
  ])
    assert.equal(violations(client, file, line).length, 1, line);
  for (const line of [
    "import type { ProbeResult } from '../../../server/src/lsp/protocol';",
    "import { Config } from '../config';",
    "import * as vscode from 'vscode';",
    "import { LanguageClient } from 'vscode-languageclient/node';",
  ])
    assert.deepEqual(violations(client, file, line), [], line);
});

test('the service layer reaches only the core, and the shells reach the service', () => {
  const service = LAYERS.find((l) => l.name === 'service')!;
  const file = path.join(ROOT, SERVICE, 'fixes', 'example.ts');
  for (const line of [
    "import type { Diagnostic } from 'vscode-languageserver';",
    "import { TextDocument } from 'vscode-languageserver-textdocument';",
    "import * as fs from 'node:fs';",
    "import { toRange } from '../../lsp/convert';",
    "import { main } from '../../cli/main';",
    "import { probe } from '../../probe';",
    "import { SiblingFiles } from '../../files/siblings';",
    "import { analyzeLog } from '../../log';",
  ])
    assert.equal(violations(service, file, line).length, 1, line);
  for (const line of ["import { analyze } from '../../core';", "import { F } from './messages';", "import { hoverAt } from '../hover';"])
    assert.deepEqual(violations(service, file, line), [], line);
  for (const shell of ['lsp', 'cli']) {
    const layer = LAYERS.find((l) => l.name === shell)!;
    const from = path.join(ROOT, layer.paths[layer.paths.length - 1], 'x.ts');
    assert.deepEqual(violations(layer, from, "import { getLanguageService } from '../service/languageService';"), [], shell);
  }
});

test('every source file of the server belongs to a layer of the table', () => {
  const covered = (f: string) =>
    LAYERS.some((l) => l.paths.some((p) => f === path.join(ROOT, p) || f.startsWith(path.join(ROOT, p) + path.sep)));
  const orphans = sourceFiles('server/src').filter((f) => !covered(f)).map((f) => path.relative(ROOT, f));
  assert.deepEqual(orphans, []);
});
