import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT } from '../helpers/golden';
import {
  EndpointsChangedNotification,
  EndpointsRequest,
  ProbeRequest,
  ProbeResultNotification,
  RebuildCommand,
} from '../../server/src/lsp/protocol';
import { REBUILD_COMMAND, fixCapabilities } from '../../server/src/lsp/codeActions';

/**
 * Every custom message is declared once, as a typed object in server/src/lsp/protocol.ts, and
 * server and client send and handle it through that object: no method name written as a string
 * anywhere else, no call that passes `.method` where the typed `.type` belongs.
 */

const PROTOCOL = path.join(ROOT, 'server/src/lsp/protocol.ts');

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(ROOT, dir, f));
}

/** String literals of a TypeScript text (comments never count). */
function stringLiterals(file: string): { text: string; line: number }[] {
  const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { text: string; line: number }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteralLike(n)) out.push({ text: n.text, line: src.getLineAndCharacterOfPosition(n.getStart()).line + 1 });
    n.forEachChild(visit);
  };
  visit(src);
  return out;
}

/** Calls `x.<name>(first, …)` whose first argument is a property access ending in `.method`. */
function untypedCalls(file: string): string[] {
  const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names = new Set(['sendRequest', 'onRequest', 'sendNotification', 'onNotification']);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && names.has(n.expression.name.text)) {
      const first = n.arguments[0];
      if (first && (ts.isStringLiteralLike(first) || (ts.isPropertyAccessExpression(first) && first.name.text === 'method'))) {
        out.push(`${path.relative(ROOT, file)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${n.getText().slice(0, 80)}`);
      }
    }
    n.forEachChild(visit);
  };
  visit(src);
  return out;
}

const METHODS = [EndpointsRequest.method, ProbeRequest.method, EndpointsChangedNotification.method, ProbeResultNotification.method];

test('custom method names and the rebuild command id are written only in protocol.ts', () => {
  const names = new Set<string>([...METHODS, RebuildCommand.command]);
  const found = [...sources('server/src'), ...sources('client/src')]
    .filter((f) => f !== PROTOCOL)
    .flatMap((f) => stringLiterals(f).filter((s) => names.has(s.text)).map((s) => `${path.relative(ROOT, f)}:${s.line}: '${s.text}'`));
  assert.deepEqual(found, []);
});

test('server and client send and handle custom messages through the typed objects', () => {
  const found = [...sources('server/src'), ...sources('client/src')].flatMap(untypedCalls);
  assert.deepEqual(found, []);
  // The checker itself finds the untyped forms.
  const probe = path.join(ROOT, 'out', 'protocol-probe.ts');
  fs.mkdirSync(path.dirname(probe), { recursive: true });
  fs.writeFileSync(probe, "c.sendRequest(EndpointsRequest.method, {});\nc.onNotification('napcat/probeResult', f);\nc.sendRequest(EndpointsRequest.type, {});\n");
  try {
    assert.equal(untypedCalls(probe).length, 2);
  } finally {
    fs.rmSync(probe);
  }
});

test('the typed objects carry the documented method names; the server offers the rebuild command', () => {
  assert.deepEqual(
    [EndpointsRequest.type.method, ProbeRequest.type.method, EndpointsChangedNotification.type.method, ProbeResultNotification.type.method],
    ['napcat/endpoints', 'napcat/probe', 'napcat/endpointsChanged', 'napcat/probeResult'],
  );
  assert.equal(REBUILD_COMMAND, RebuildCommand.command);
  assert.deepEqual(fixCapabilities().executeCommandProvider?.commands, ['napcat.rebuild']);
});
