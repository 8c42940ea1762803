import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ClientCapabilities,
  getLanguageService,
  TextDocument,
  type CompletionItem,
  type Diagnostic,
  type JSONSchema,
  type LanguageService,
  type MarkupContent,
  type SchemaConfiguration,
} from 'vscode-json-languageservice';
import { FIXTURES, ROOT } from '../helpers/golden';
import { ADAPTER_KINDS, KINDS, TIMEOUT_FIELDS, TOP_LEVEL_FIELDS, analyze, parseVersion, type AdapterKind } from '../../server/src/core';

/**
 * The JSON Schemas in schemas/, run by vscode-json-languageservice (the service behind VS Code's
 * JSON support, which reads them through `contributes.jsonValidation`).
 *
 * Decision under test: the schemas describe and never validate. Our language server reports wrong
 * types, unknown keys, `messagePostFormat` values, ports, names and JSON5 syntax, each for the NapCat
 * version in use; a schema that checked the same things would report them twice. So the schemas
 * hold descriptions (English and Chinese), defaults, examples and snippets, and no validating
 * keyword; completion and hover still work from those.
 */

const SCHEMAS = path.join(ROOT, 'schemas');
const ZH = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const readSchema = (name: string) => JSON.parse(fs.readFileSync(path.join(SCHEMAS, name), 'utf8')) as JSONSchema;

interface JsonValidation {
  fileMatch: string | string[];
  url: string;
}
const contributions = () =>
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation?: JsonValidation[] } })
    .contributes.jsonValidation ?? [];

/** A JSON language service configured the way VS Code configures it from package.json. */
function service(extra: SchemaConfiguration[] = []): LanguageService {
  const ls = getLanguageService({ clientCapabilities: ClientCapabilities.LATEST });
  const schemas: SchemaConfiguration[] = contributions().map((c) => ({
    uri: `napcat-config:${c.url}`,
    fileMatch: typeof c.fileMatch === 'string' ? [c.fileMatch] : c.fileMatch,
    schema: JSON.parse(fs.readFileSync(path.join(ROOT, c.url), 'utf8')) as JSONSchema,
  }));
  ls.configure({ validate: true, schemas: [...schemas, ...extra] });
  return ls;
}

const CONFIG_URI = 'file:///opt/napcat/config/onebot11_12345.json';
/** VS Code's settings for the `json` language: comments and trailing commas are errors. */
const JSON_SETTINGS = { comments: 'error', trailingCommas: 'error' } as const;

async function validate(ls: LanguageService, text: string, uri = CONFIG_URI): Promise<Diagnostic[]> {
  const doc = TextDocument.create(uri, 'json', 1, text);
  return ls.doValidation(doc, ls.parseJSONDocument(doc), JSON_SETTINGS);
}

/** Completion at the `|` of `text`. */
async function complete(text: string, uri = CONFIG_URI): Promise<CompletionItem[]> {
  const offset = text.indexOf('|');
  assert.ok(offset >= 0);
  const doc = TextDocument.create(uri, 'json', 1, text.slice(0, offset) + text.slice(offset + 1));
  const ls = service();
  const list = await ls.doComplete(doc, doc.positionAt(offset), ls.parseJSONDocument(doc));
  return list?.items ?? [];
}
const labels = (items: readonly CompletionItem[]) => items.map((i) => i.label).sort();

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, 'schema', name), 'utf8');

/**
 * The same service with a schema that describes nothing but allows comments: what VS Code reports on
 * its own (syntax, duplicate keys). Our schema must not add a single diagnostic to that.
 */
const NEUTRAL: SchemaConfiguration = {
  uri: 'test:neutral',
  fileMatch: ['neutral/*.json'],
  schema: { allowComments: true, allowTrailingCommas: true } as JSONSchema,
};

/**
 * What a schema that validates would look like (types, enum, required, no unknown keys, port range):
 * the contrast that shows the fixtures really contain mistakes a schema could flag.
 */
function validatingSchema(): JSONSchema {
  const t = (type: string) => (type === 'integer' || type === 'number' ? 'number' : type);
  const entry = (kind: AdapterKind): JSONSchema => ({
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(KINDS[kind].fields).map(([k, f]) => {
        const s: JSONSchema = { type: t(f.type) };
        if (k === 'messagePostFormat') s.enum = ['array', 'string'];
        if (k === 'port') Object.assign(s, { type: 'integer', minimum: 1, maximum: 65535 });
        return [k, s];
      }),
    ),
  });
  return {
    type: 'object',
    additionalProperties: false,
    allowComments: true,
    allowTrailingCommas: true,
    properties: {
      ...Object.fromEntries(Object.entries(TOP_LEVEL_FIELDS).map(([k, f]) => [k, { type: t(f.type) }])),
      network: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(ADAPTER_KINDS.map((k) => [k, { type: 'array', items: entry(k) }])),
      },
      timeout: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(Object.entries(TIMEOUT_FIELDS).map(([k, f]) => [k, { type: t(f.type) }])),
      },
    },
  } as JSONSchema;
}

const strip = (d: Diagnostic) => ({ range: d.range, message: d.message, severity: d.severity, code: d.code });

// ------------------------------------------------------------------------------------------------
// Generated, complete, descriptive

test('the committed schemas are what scripts/gen-schema.mjs writes from server/src/core/schema.ts', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-schema-'));
  try {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-schema.mjs'), '--out', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const generated = fs.readdirSync(out).sort();
    assert.deepEqual(generated, ['napcat.schema.json', 'onebot11.schema.json', 'webui.schema.json']);
    assert.deepEqual(fs.readdirSync(SCHEMAS).sort(), generated, 'schemas/ holds exactly the generated files');
    for (const name of generated) {
      assert.equal(
        fs.readFileSync(path.join(SCHEMAS, name), 'utf8'),
        fs.readFileSync(path.join(out, name), 'utf8'),
        `schemas/${name} is out of date: run node scripts/gen-schema.mjs`,
      );
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('the onebot11 schema holds every kind and key of schema.ts, with its default and both languages', () => {
  const s = readSchema('onebot11.schema.json') as JSONSchema & { definitions: Record<string, JSONSchema> };
  const network = s.properties!.network as JSONSchema;
  assert.deepEqual(Object.keys(network.properties!), [...ADAPTER_KINDS]);
  for (const kind of ADAPTER_KINDS) {
    assert.deepEqual((network.properties![kind] as JSONSchema).items, { $ref: `#/definitions/${kind}` });
    const props = s.definitions[kind].properties!;
    assert.deepEqual(Object.keys(props), Object.keys(KINDS[kind].fields), `keys of ${kind}`);
    for (const [key, field] of Object.entries(KINDS[kind].fields)) {
      const p = props[key] as JSONSchema;
      assert.equal(p.default, field.default, `default of ${kind}.${key}`);
      for (const text of [field.doc, ZH[field.doc]]) {
        assert.ok(p.description!.includes(text), `${kind}.${key} description has ${text}`);
        assert.ok(p.markdownDescription!.includes(text), `${kind}.${key} markdown has ${text}`);
      }
      if (field.since) assert.ok(p.markdownDescription!.includes(`v${field.since}`), `${kind}.${key} says since`);
    }
  }
  assert.deepEqual(Object.keys(s.properties!), Object.keys(TOP_LEVEL_FIELDS));
  for (const [key, field] of Object.entries(TOP_LEVEL_FIELDS)) {
    const p = s.properties![key] as JSONSchema;
    assert.equal(p.default, field.default, `default of ${key}`);
    assert.ok(p.description!.includes(field.doc) && p.description!.includes(ZH[field.doc]), key);
  }
  const timeout = (s.properties!.timeout as JSONSchema).properties!;
  assert.deepEqual(Object.keys(timeout), Object.keys(TIMEOUT_FIELDS));
});

/** Keywords that make vscode-json-languageservice report something. */
const VALIDATING = [
  'type', 'enum', 'const', 'required', 'additionalProperties', 'additionalItems', 'patternProperties',
  'propertyNames', 'dependencies', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minLength', 'maxLength', 'pattern', 'format', 'minItems', 'maxItems', 'uniqueItems',
  'contains', 'minProperties', 'maxProperties', 'not', 'anyOf', 'oneOf', 'allOf', 'if', 'then', 'else',
  'deprecationMessage', 'deprecated', 'errorMessage', 'patternErrorMessage',
];

test('no schema has a validating keyword anywhere', () => {
  for (const name of fs.readdirSync(SCHEMAS)) {
    const found: string[] = [];
    const walk = (v: unknown, where: string, inData: boolean): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`, inData));
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (!inData && VALIDATING.includes(k)) found.push(`${where}.${k}`);
          // Snippet bodies, defaults and examples are data, and `properties` maps names to schemas.
          const data = inData || ['body', 'default', 'examples'].includes(k);
          walk(x, `${where}.${k}`, data);
        }
    };
    walk(readSchema(name), name, false);
    assert.deepEqual(found, [], `${name} only describes`);
  }
  // The walker finds such a keyword when there is one.
  assert.ok(VALIDATING.includes('type'));
});

test('every schema is valid JSON Schema draft-07', async () => {
  const ls = getLanguageService({});
  ls.configure({ validate: true, schemas: [{ uri: 'http://json-schema.org/draft-07/schema#', fileMatch: ['*.schema.json'] }] });
  for (const name of fs.readdirSync(SCHEMAS)) {
    const doc = TextDocument.create(`file:///x/${name}`, 'json', 1, fs.readFileSync(path.join(SCHEMAS, name), 'utf8'));
    assert.deepEqual(await ls.doValidation(doc, ls.parseJSONDocument(doc)), [], name);
  }
  // The meta-schema is applied: a wrong type of `title` is reported.
  const bad = TextDocument.create('file:///x/bad.schema.json', 'json', 1, '{ "title": 1 }');
  assert.ok((await ls.doValidation(bad, ls.parseJSONDocument(bad))).length > 0);
});

// ------------------------------------------------------------------------------------------------
// Never the same problem twice

for (const name of ['types.json', 'keys.json', 'values.json']) {
  test(`${name}: our rules report its mistakes, and the schema adds no diagnostic`, async () => {
    const text = fixture(name);
    const ours = analyze(text).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.ok(ours.length >= 5, `our rules report the mistakes of ${name}: ${ours.map((f) => f.code).join(', ')}`);

    const ls = service([NEUTRAL]);
    const withSchema = await validate(ls, text);
    // (The baseline's file name matches none of our fileMatch patterns, or it would get our schema too.)
    const baseline = await validate(ls, text, 'file:///opt/napcat/neutral/config.json');
    const status = (uri: string) => {
      const doc = TextDocument.create(uri, 'json', 1, text);
      return ls.getLanguageStatus(doc, ls.parseJSONDocument(doc)).schemas;
    };
    assert.deepEqual(status('file:///opt/napcat/neutral/config.json'), [NEUTRAL.uri]);
    assert.deepEqual(status(CONFIG_URI), ['napcat-config:./schemas/onebot11.schema.json']);
    assert.deepEqual(withSchema.map(strip), baseline.map(strip), 'only what VS Code reports without our schema');

    // A schema that validates would have flagged them: the comparison above has something to find.
    const strict = service([{ uri: 'test:strict', fileMatch: ['strict/*.json'], schema: validatingSchema() }]);
    const flagged = await validate(strict, text, 'file:///opt/napcat/strict/config.json');
    assert.ok(flagged.length > baseline.length + 3, `a validating schema reports ${flagged.length - baseline.length} problems`);
  });
}

test('comments and trailing commas: NapCat reads them (json5), so the schema allows them', async () => {
  const text = fixture('json5.json');
  assert.deepEqual(await validate(service(), text), []);
  // Without the schema VS Code reports each comment and trailing comma of a .json file.
  const plain = await validate(service(), text, 'file:///opt/napcat/config/other.json');
  assert.ok(plain.length >= 5, `VS Code alone reports ${plain.length}`);
  // Our own rule speaks for versions that cannot read them.
  const old = analyze(text, { targetVersion: parseVersion('4.2.0') });
  assert.ok(old.findings.some((f) => f.code === 'napcat.json5-unsupported'));
});

test('package.json: each config file gets its schema, and napcat_protocol_<uin>.json none', async () => {
  const ls = service();
  const schemaOf = (file: string) => {
    const doc = TextDocument.create(`file:///opt/napcat/config/${file}`, 'json', 1, '{}');
    return ls.getLanguageStatus(doc, ls.parseJSONDocument(doc)).schemas.map((u) => u.replace('napcat-config:./schemas/', ''));
  };
  assert.deepEqual(schemaOf('onebot11.json'), ['onebot11.schema.json']);
  assert.deepEqual(schemaOf('onebot11_12345.json'), ['onebot11.schema.json']);
  assert.deepEqual(schemaOf('napcat.json'), ['napcat.schema.json']);
  assert.deepEqual(schemaOf('napcat_12345.json'), ['napcat.schema.json']);
  assert.deepEqual(schemaOf('webui.json'), ['webui.schema.json']);
  assert.deepEqual(schemaOf('napcat_protocol_12345.json'), []);
  assert.deepEqual(schemaOf('plugins.json'), []);
  assert.deepEqual(schemaOf('package.json'), []);
});

// ------------------------------------------------------------------------------------------------
// Completion and hover

test('a fresh file: whole-config snippets', async () => {
  const items = await complete('|');
  const full = items.find((i) => i.label.startsWith('NapCat OneBot 11 config /'));
  assert.ok(full, labels(items).join(', '));
  for (const kind of ADAPTER_KINDS) assert.ok(full.insertText!.includes(`"${kind}": []`), kind);
  const reverse = items.find((i) => i.label.includes('reverse WebSocket'));
  const body = reverse?.insertText ?? '';
  assert.ok(body.includes('"websocketClients": [\n'), body);
  assert.ok(body.includes('${RANDOM_HEX}'), body);
});

test('completion proposes every top-level key, every kind, and every key of each adapter', async () => {
  assert.deepEqual(labels(await complete('{|}')), Object.keys(TOP_LEVEL_FIELDS).sort());
  assert.deepEqual(labels(await complete('{ "network": {|} }')), [...ADAPTER_KINDS].sort());
  assert.deepEqual(labels(await complete('{ "timeout": {|} }')), Object.keys(TIMEOUT_FIELDS).sort());
  for (const kind of ADAPTER_KINDS) {
    const keys = labels(await complete(`{ "network": { "${kind}": [ {|} ] } }`));
    assert.deepEqual(keys, Object.keys(KINDS[kind].fields).sort(), kind);
  }
  // Keys already written are not proposed again.
  assert.ok(!labels(await complete('{ "network": { "websocketClients": [ { "url": "", | } ] } }')).includes('url'));
  // A key inserts its default.
  const port = (await complete('{ "network": { "websocketServers": [ {|} ] } }')).find((i) => i.label === 'port');
  assert.equal(port?.insertText, '"port": ${1:3001}');
});

test('a new adapter of each kind: a snippet with a unique name and a random token', async () => {
  const names = new Set<string>();
  for (const kind of ADAPTER_KINDS) {
    const items = await complete(`{ "network": { "${kind}": [ | ] } }`);
    assert.equal(items.length, 1, `${kind}: ${labels(items).join(', ')}`);
    const [snippet] = items;
    assert.ok(snippet.label.startsWith('New '), snippet.label);
    assert.match(snippet.label, /新建/);
    const text = snippet.insertText!;
    assert.ok(text.includes(`"name": "\${1:${KINDS[kind].defaultName}-\${RANDOM_HEX}}"`), `${kind} name: ${text}`);
    if ('token' in KINDS[kind].fields) assert.match(text, /"token": "\$\{\d+:(\$\{RANDOM_HEX\}){4}\}"/, `${kind} token`);
    else assert.ok(!text.includes('"token"'), `${kind} has no token`);

    // The inserted adapter is one NapCat reads without complaint from our rules.
    const entry = expandSnippet(text);
    const parsed = JSON.parse(entry) as Record<string, unknown>;
    for (const [key, field] of Object.entries(KINDS[kind].fields))
      if (field.default !== undefined || key === 'name') assert.ok(key in parsed, `${kind} snippet has ${key}`);
    names.add(String(parsed.name));
    assert.deepEqual(
      analyze(`{ "network": { "${kind}": [ ${entry} ] } }`).findings.filter((f) => f.severity !== 'hint' && f.severity !== 'info'),
      [],
      `${kind}: an inserted adapter`,
    );
    // Two of them do not collide by name; two servers share the default port, which is the tab stop
    // the user fills in, and our port rule says so.
    const two = analyze(`{ "network": { "${kind}": [ ${entry}, ${expandSnippet(text)} ] } }`).findings;
    assert.ok(!two.some((f) => f.code === 'napcat.duplicate-name'), `${kind}: two inserted adapters have two names`);
    assert.equal(two.some((f) => f.code === 'napcat.port-conflict'), KINDS[kind].role === 'server', `${kind}: port conflict`);
  }
  assert.equal(names.size, ADAPTER_KINDS.length);
  // At the property, the same snippet comes wrapped in a list.
  const list = await complete('{ "network": { "websocketClients": | } }');
  assert.ok(list.some((i) => i.insertText?.startsWith('[\n\t{\n\t\t"name": "${1:websocket-client-${RANDOM_HEX}}"')));
});

test('value completion: messagePostFormat, booleans, host, network', async () => {
  const format = await complete('{ "network": { "httpServers": [ { "messagePostFormat": | } ] } }');
  assert.deepEqual(labels(format), ['"array"', '"string"']);
  assert.ok(format.every((i) => typeof i.documentation === 'object' && /CQ|消息段/.test((i.documentation as MarkupContent).value)));
  assert.deepEqual(labels(await complete('{ "network": { "httpServers": [ { "enable": | } ] } }')), ['false', 'true']);
  assert.deepEqual(labels(await complete('{ "parseMultMsg": | }')), ['false', 'true']);
  assert.ok(labels(await complete('{ "network": { "httpServers": [ { "host": | } ] } }')).includes('"0.0.0.0"'));
  const network = await complete('{ "network": | }');
  assert.equal(network.length, 1);
  assert.ok(ADAPTER_KINDS.every((k) => network[0].insertText!.includes(`"${k}": []`)));
});

test('hover on a key: its meaning in English and Chinese, default and first version', async () => {
  const ls = service();
  const text = '{ "network": { "httpSseServers": [ { "port": 3000 } ] }, "parseMultMsg": true }';
  const doc = TextDocument.create(CONFIG_URI, 'json', 1, text);
  const hoverAt = async (needle: string) => {
    const h = await ls.doHover(doc, doc.positionAt(text.indexOf(needle) + 1), ls.parseJSONDocument(doc));
    return (h?.contents as MarkupContent[] | string[] | undefined)?.map((c) => (typeof c === 'string' ? c : c.value)).join('\n') ?? '';
  };
  const port = await hoverAt('"port"');
  assert.ok(port.includes(KINDS.httpSseServers.fields.port.doc) && port.includes(ZH[KINDS.httpSseServers.fields.port.doc]), port);
  assert.ok(port.includes('`3000`'), port);
  const kind = await hoverAt('"httpSseServers"');
  assert.ok(kind.includes('v4.3.5'), kind);
  const parse = await hoverAt('"parseMultMsg"');
  assert.ok(parse.includes('v4.1.18') && parse.includes(ZH[TOP_LEVEL_FIELDS.parseMultMsg.doc]), parse);
});

test('napcat.json and webui.json: completion of the keys NapCat reads, and no diagnostics', async () => {
  const napcat = 'file:///opt/napcat/config/napcat_12345.json';
  assert.deepEqual(labels(await complete('{|}', napcat)), ['consoleLog', 'consoleLogLevel', 'fileLog', 'fileLogLevel', 'packetBackend']);
  assert.deepEqual(labels(await complete('{ "fileLogLevel": | }', napcat)), ['"debug"', '"error"', '"info"', '"warn"']);
  const webui = 'file:///opt/napcat/config/webui.json';
  const keys = await complete('{|}', webui);
  assert.deepEqual(labels(keys), ['host', 'loginRate', 'port', 'token']);
  assert.equal(keys.find((i) => i.label === 'port')?.insertText, '"port": ${1:6099}');
  const ls = service();
  assert.deepEqual(await validate(ls, '{ "fileLog": "yes", "fileLogLevel": 3, "other": 1 }', napcat), []);
  assert.deepEqual(await validate(ls, '{ "port": "6099", "host": 1, "loginRate": "x", "other": 1 }', webui), []);
});

/**
 * Resolves a VS Code snippet the way an accepted completion does with default choices: `${RANDOM_HEX}`
 * becomes six hex digits, `${n|a,b|}` its first choice, `${n:text}` its text, `$n` nothing.
 */
function expandSnippet(snippet: string): string {
  let s = snippet.replace(/\$\{RANDOM_HEX\}/g, () => Math.floor(Math.random() * 0x1000000).toString(16).padStart(6, '0'));
  s = s.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1');
  for (let previous = ''; previous !== s; ) {
    previous = s;
    s = s.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return s.replace(/\$\d+/g, '');
}

test('expandSnippet resolves the forms the schemas use', () => {
  assert.match(expandSnippet('"${1:a-${RANDOM_HEX}}" ${2|true,false|} "${3|array,string|}" $0'), /^"a-[0-9a-f]{6}" true "array" $/);
});
