import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSON5 from 'json5';
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { checkGolden, fixturesIn, FIXTURES } from '../helpers/golden';
import {
  analyze,
  parseVersion,
  KINDS,
  ADAPTER_KINDS,
  TOP_LEVEL_FIELDS,
  TIMEOUT_FIELDS,
  LANGS,
  type AnalyzeOptions,
  type FieldSpec,
  type Finding,
} from '../../server/src/core';
import { valuesRule } from '../../server/src/core/rules/values';
import { say } from '../helpers/l10n';

/**
 * Fixtures whose behaviour depends on a comment-free file (targets before v4.4.7 reject comments)
 * carry their target in the file name, `…-v4.3.0.json`; the others use a `// target:` first line.
 */
function options(rel: string): AnalyzeOptions {
  const v = /-v(\d+\.\d+\.\d+)\.[^.]+$/.exec(rel)?.[1];
  return { rules: [valuesRule], ...(v ? { targetVersion: parseVersion(v) } : {}) };
}

const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
const run = (text: string, target?: string) =>
  analyze(text, { rules: [valuesRule], ...(target ? { targetVersion: parseVersion(target) } : {}) }).findings;
const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);
const at = (text: string, f: Finding) => text.slice(f.range.offset, f.range.offset + f.range.length);

for (const rel of fixturesIn('values')) {
  test(`values golden: ${rel}`, () => checkGolden(rel, options(rel)));
}

test('a real-world N4 config as NapCat writes it yields nothing', () => {
  const text = JSON.stringify(
    {
      network: {
        httpServers: [
          {
            enable: true,
            name: 'HTTP',
            host: '127.0.0.1',
            port: 3000,
            enableCors: true,
            enableWebsocket: false,
            messagePostFormat: 'array',
            token: '',
            debug: false,
          },
        ],
        httpSseServers: [],
        httpClients: [],
        websocketServers: [
          {
            enable: true,
            name: 'WebSocket',
            host: '127.0.0.1',
            port: 3001,
            reportSelfMessage: false,
            enableForcePushEvent: true,
            messagePostFormat: 'array',
            token: '',
            debug: false,
            heartInterval: 30000,
          },
        ],
        websocketClients: [
          {
            enable: false,
            name: 'koishi',
            url: 'ws://koishi:5140/onebot',
            reportSelfMessage: false,
            messagePostFormat: 'array',
            token: '',
            debug: false,
            heartInterval: 30000,
            reconnectInterval: 30000,
          },
        ],
        plugins: [],
      },
      musicSignUrl: '',
      enableLocalFile2Url: false,
      parseMultMsg: false,
      imageDownloadProxy: '',
    },
    null,
    2,
  );
  assert.deepEqual(run(text), []);
  assert.deepEqual(run(text, '4.13.5'), []);
});

test('data payloads: suggestions, expected types, converted values', () => {
  const text = read('values/unknown-keys.jsonc');
  const byKey = new Map(
    run(text)
      .filter((f) => f.code === 'napcat.unknown-key')
      .map((f) => [at(text, f), f.data]),
  );
  assert.deepEqual(byKey.get('"websocketClient"'), { key: 'websocketClient', reason: 'typo', suggestion: 'websocketClients' });
  assert.deepEqual(byKey.get('"reverseWS"'), { key: 'reverseWS', reason: 'typo', suggestion: 'websocketClients' });
  assert.deepEqual(byKey.get('"enabled"'), { key: 'enabled', reason: 'typo', suggestion: 'enable' });
  assert.deepEqual(byKey.get('"Token"'), { key: 'Token', reason: 'typo', suggestion: 'token' });
  assert.deepEqual(byKey.get('"heartbeatInterval"'), { key: 'heartbeatInterval', reason: 'typo', suggestion: 'heartInterval' });
  assert.deepEqual(byKey.get('"netwrok"'), { key: 'netwrok', reason: 'typo', suggestion: 'network' });
  assert.deepEqual(byKey.get('"websocketServers"'), {
    key: 'websocketServers',
    reason: 'misplaced',
    target: 'network.websocketServers',
  });
  assert.deepEqual(byKey.get('"name"'), { key: 'name', reason: 'leftover' });
  assert.deepEqual(byKey.get('"color"'), { key: 'color', reason: 'unknown' });
  assert.deepEqual(byKey.get('"host"'), { key: 'host', reason: 'misplaced' });
  for (const f of run(text)) if (f.code === 'napcat.unknown-key') assert.equal(f.unnecessary, true);

  const types = read('values/types.jsonc');
  const byValue = new Map(run(types).map((f) => [`${f.code} ${at(types, f)}`, f.data]));
  assert.deepEqual(byValue.get('napcat.coerced-value "3101"'), { value: 3101 });
  assert.deepEqual(byValue.get('napcat.coerced-value 30000.9'), { value: 30000 });
  assert.deepEqual(byValue.get("napcat.invalid-type 'yes'"), { expected: 'boolean', effect: 'discard' });
  // A converted token: the value is neither shown nor carried, only the repair (quote the written text).
  assert.deepEqual(byValue.get('napcat.coerced-value 123456'), { repair: 'quote' });
  assert.ok(byValue.has('napcat.coerced-value 123456'));

  const fmt = read('values/message-format.jsonc');
  const suggestions = run(fmt)
    .filter((f) => f.code === 'napcat.message-format')
    .map((f) => `${at(fmt, f)}→${(f.data as { suggestion: string }).suggestion}`);
  assert.deepEqual(suggestions, [
    "'String'→string",
    "'CQ'→string",
    "'arr'→array",
    "'json'→array",
    '123→array',
    "'string '→string",
  ]);
});

test('ranges sit exactly on the offending key or value', () => {
  const text = read('values/duplicates.jsonc');
  const dups = run(text).filter((f) => f.code === 'napcat.duplicate-key');
  assert.deepEqual(
    dups.map((f) => at(text, f)),
    ['"musicSignUrl"', '"websocketClients"', '"enable"', '"baseTimeout"'],
  );
  for (const f of dups) {
    // The finding is on the first (ignored) occurrence; the related entry on the one NapCat keeps.
    assert.ok(f.related![0].range.offset > f.range.offset);
    assert.equal(text.slice(f.related![0].range.offset, f.related![0].range.offset + f.related![0].range.length), at(text, f));
  }
});

test('no token value ever appears in a message or in data', () => {
  for (const rel of fixturesIn('values')) {
    const text = read(rel);
    const secrets = tokensIn(text);
    const { findings } = analyze(text, options(rel));
    for (const f of findings) {
      for (const lang of LANGS) {
        const rendered = say(lang, f.message, f.args) + JSON.stringify(f.data ?? null) + JSON.stringify(f.args ?? {});
        for (const s of secrets) assert.ok(!rendered.includes(s), `${rel}: ${f.code} reveals a token`);
      }
    }
  }
});

test('every message renders completely in both languages', () => {
  for (const rel of fixturesIn('values')) {
    const { findings } = analyze(read(rel), options(rel));
    for (const f of findings) {
      for (const lang of LANGS) {
        const s = say(lang, f.message, f.args);
        assert.doesNotMatch(s, /\{\w+\}/, `${rel}: ${f.code} has an unfilled placeholder in ${lang}`);
        for (const r of f.related ?? []) assert.doesNotMatch(say(lang, r.message, r.args), /\{\w+\}/);
      }
      assert.match(say('zh-cn', f.message, f.args), /[\u4e00-\u9fff]/, `${rel}: ${f.code} zh-cn is not Chinese`);
    }
  }
});

test('zh-cn rendering reads naturally', () => {
  const text = '{"network": {"websocketClients": [{"name": "a", "enabled": true, "enable": "true"}]}}';
  const zh = run(text).map((f) => say('zh-cn', f.message, f.args));
  assert.deepEqual(zh, [
    'NapCat 不会读取此处的 `enabled`：加载文件时会直接丢弃该键，下次通过 WebUI 保存时它也会从文件中消失。你是不是想写 `enable`？',
    '`enable` 的类型是 boolean：NapCat 加载文件时会把 "true" 转换为 true（通过 WebUI 保存时也会写成 true）。',
  ]);
});

test('version matters: the same value is an error, a conversion or an unchecked warning', () => {
  const text = '{"network": {"websocketServers": [{"name": "v", "enable": "yes", "port": "3001"}]}}';
  assert.deepEqual(
    run(text).map((f) => `${f.severity} ${f.code}`),
    ['error napcat.invalid-type', 'info napcat.coerced-value'],
  );
  assert.deepEqual(
    run(text, '4.17.43').map((f) => `${f.severity} ${f.code}`),
    ['warning napcat.invalid-type', 'warning napcat.invalid-type'],
  );
});

test('json5-unsupported costs nothing for targets that read JSON5, and points at the first non-JSON token', () => {
  const text = '{\n  "network": {}, // c\n}';
  assert.deepEqual(codes(run(text)), []);
  const old = run(text, '4.4.6');
  assert.deepEqual(codes(old), ['napcat.json5-unsupported']);
  assert.equal(at(text, old[0]), '// c');
  const trailing = '{"network": {"websocketClients": [],}}';
  assert.equal(at(trailing, run(trailing, '4.2.0')[0]), ',');
  const quotes = "{'network': {}}";
  assert.equal(at(quotes, run(quotes, '4.2.0')[0]), "'network'");
  // An unquoted key that is also a JSON word: JSON.parse stops there too.
  const word = '{"network": {}, null: 1}';
  assert.equal(at(word, run(word, '4.2.0').find((f) => f.code === 'napcat.json5-unsupported')!), 'null');
  // A syntax error is the syntax rule's business.
  assert.deepEqual(codes(run('{"network": {', '4.2.0')), []);
});

// ---------------------------------------------------------------------------------------------
// NapCat's own loader as the oracle: since v4.17.44 it runs TypeBox Default, Convert and Check
// over its schema (arrays default to [], `network` to {}); a failed check discards the file.

function fieldSchema(spec: FieldSpec): TSchema {
  const opts = spec.default === undefined ? {} : { default: spec.default };
  switch (spec.type) {
    case 'boolean':
      return Type.Boolean(opts);
    case 'integer':
      return Type.Integer(opts);
    case 'number':
      return Type.Number(opts);
    case 'string':
      return Type.String(opts);
    default:
      return Type.Unknown();
  }
}

function objectSchema(fields: Readonly<Record<string, FieldSpec>>, defaults: Record<string, unknown> = {}): TSchema {
  const props: Record<string, TSchema> = {};
  for (const [key, spec] of Object.entries(fields)) {
    const s = fieldSchema(spec);
    const d = key === 'name' ? undefined : spec.default;
    props[key] = d === undefined && key !== 'name' ? Type.Optional(s) : s;
  }
  return Type.Object(props, defaults);
}

const NAPCAT_SCHEMA: TSchema = (() => {
  const network: Record<string, TSchema> = {};
  for (const kind of ADAPTER_KINDS) {
    const fields = { ...KINDS[kind].fields, name: { ...KINDS[kind].fields.name, default: KINDS[kind].defaultName } };
    network[kind] = Type.Array(objectSchema(fields), { default: [] });
  }
  const top: Record<string, TSchema> = { network: Type.Object(network, { default: {} }) };
  for (const [key, spec] of Object.entries(TOP_LEVEL_FIELDS)) {
    if (key === 'network') continue;
    top[key] = key === 'timeout' ? Type.Optional(objectSchema(TIMEOUT_FIELDS)) : fieldSchema(spec);
  }
  return Type.Object(top);
})();

function napcatDiscards(value: unknown): boolean {
  let data = Value.Default(NAPCAT_SCHEMA, structuredClone(value));
  data = Value.Convert(NAPCAT_SCHEMA, data);
  return !Value.Check(NAPCAT_SCHEMA, data);
}

test('the "discards the whole file" findings agree with TypeBox on every fixture', () => {
  const samples: string[] = [];
  for (const rel of fixturesIn('values')) {
    const text = read(rel);
    if (/^\uFEFF?\/\/\s*target:/.test(text) || /-v\d/.test(rel)) continue; // newest NapCat only
    samples.push(text);
  }
  samples.push(
    '{"network": {"websocketClients": [{"enable": "true"}]}}',
    '{"network": {"websocketClients": [{"enable": "maybe"}]}}',
    '{"network": {"httpServers": [{"port": "80a"}]}}',
    '{"network": {"httpServers": [{"port": "8080"}]}, "parseMultMsg": "1"}',
    '{"network": {"httpClients": "x"}}',
    '{"network": {"httpClients": {"url": "http://x"}}}',
    '{"network": {"plugins": [null]}}',
    '{"network": {}, "musicSignUrl": null}',
    '{"network": {}, "timeout": {"maxTimeout": "soon"}}',
  );
  for (const text of samples) {
    const discards = napcatDiscards(JSON5.parse(text));
    const findings = run(text);
    const says = findings.some((f) => (f.data as { effect?: string } | undefined)?.effect === 'discard');
    assert.equal(says, discards, `discard disagreement on ${text.slice(0, 120)}`);
    if (!discards)
      for (const f of findings)
        assert.notEqual(
          f.severity === 'error' && f.code === 'napcat.invalid-type' && (f.data as { effect?: string }).effect === 'discard',
          true,
        );
  }
});

/** Every non-empty token value written in a fixture (any depth). */
function tokensIn(text: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (/token|secret/i.test(k) && (typeof x === 'string' || typeof x === 'number') && String(x).length >= 3)
          out.push(String(x));
        walk(x);
      }
    }
  };
  try {
    walk(JSON5.parse(text.replace(/^\uFEFF/, '')));
  } catch {
    // not readable: no tokens to protect
  }
  return out;
}
