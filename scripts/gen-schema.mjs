// Writes the JSON Schemas that VS Code's JSON support uses for completion and hover on NapCat
// config files (contributed with `jsonValidation` in package.json):
//   schemas/onebot11.schema.json  generated from server/src/core/schema.ts (keys, defaults, docs, since)
//   schemas/napcat.schema.json    napcat.json / napcat_<uin>.json (facts §1)
//   schemas/webui.schema.json     webui.json (facts §1)
// Usage: node scripts/gen-schema.mjs [--out <dir>]   (default: schemas/)
// test/unit/schema.test.ts fails when the committed files differ from what this script writes.
//
// Design: the schemas describe, they do not validate. Our language server already reports unknown
// keys, wrong types, bad `messagePostFormat` values, ports out of range, missing names, legacy keys
// and JSON5 syntax for the NapCat version in use. A schema keyword that validates (type, enum,
// const, required, additionalProperties: false, minimum/maximum, pattern, format,
// deprecationMessage, …) would report the same problem a second time, in other words and without
// knowing the NapCat version. So every property carries only descriptions, `default`, `examples`
// and `defaultSnippets`: enough for completion (keys, values, whole adapters) and hover, and never
// a diagnostic. The onebot11 schema also sets VS Code's `allowComments`/`allowTrailingCommas`,
// because NapCat reads these files with json5 since v4.4.7 and our `napcat.json5-unsupported` rule
// is the one that knows when comments are a problem.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Loads server/src/core/schema.ts (TypeScript) through esbuild, without a prior tsc build. */
async function loadCoreSchema() {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'server/src/core/schema.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
}

const DRAFT = 'http://json-schema.org/draft-07/schema#';

/** The Simplified Chinese texts: the core's templates are English, translated by the l10n bundle. */
const ZH = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8'));

/** A core template in both languages. */
function both(message) {
  const zh = ZH[message];
  if (typeof zh !== 'string') throw new Error(`l10n/bundle.l10n.zh-cn.json has no translation of: ${message}`);
  return { en: message, 'zh-cn': zh };
}

/** "English / 中文" for clients that show plain descriptions. */
const plain = (doc) => `${doc.en} / ${doc['zh-cn']}`;
const code = (value) => '`' + JSON.stringify(value) + '`';

/** Markdown: English paragraph, Chinese paragraph, then default and first version in both languages. */
function markdown(doc, { def, since } = {}) {
  const parts = [doc.en, doc['zh-cn']];
  const facts = [];
  if (def !== undefined) facts.push(`Default / 默认值: ${code(def)}`);
  if (since) facts.push(`Since NapCat v${since} / 自 NapCat v${since} 起`);
  if (facts.length) parts.push(facts.join('  \n'));
  return parts.join('\n\n');
}

/** One described, non-validating property. */
function property(doc, { def, since, examples, snippets } = {}) {
  const p = { description: plain(doc), markdownDescription: markdown(doc, { def, since }) };
  if (def !== undefined) p.default = def;
  if (examples) p.examples = examples;
  if (snippets) p.defaultSnippets = snippets;
  return p;
}

const BOOLEAN_EXAMPLES = [true, false];

const FORMAT_SNIPPETS = [
  {
    label: '"array"',
    body: 'array',
    markdownDescription: 'Message segments (default). / 消息段数组（默认）。',
  },
  {
    label: '"string"',
    body: 'string',
    markdownDescription: 'CQ code strings. / CQ 码字符串。',
  },
];

/** A placeholder NapCat never generates: 24 hex digits, random at each insertion (VS Code snippet variables). */
const RANDOM_TOKEN = '${RANDOM_HEX}${RANDOM_HEX}${RANDOM_HEX}${RANDOM_HEX}';

/**
 * The body of a new adapter of `kind`: every key NapCat reads with a default, in NapCat's order, with
 * tab stops on what a user always changes (name, enable, address, token, format). The name gets a
 * random suffix so that a second adapter does not collide with the first (names are identities in
 * NapCat, facts §5). Keys without a default (optional, newer: verifyCertificate) are left out so
 * that the snippet suits older NapCat versions too; completion inside the entry still offers them.
 */
function adapterBody(spec) {
  let stop = 0;
  const next = () => ++stop;
  const body = {};
  for (const [key, field] of Object.entries(spec.fields)) {
    if (key === 'name') body.name = `\${${next()}:${spec.defaultName}-\${RANDOM_HEX}}`;
    else if (key === 'enable') body.enable = `^\${${next()}|true,false|}`;
    else if (key === 'port') body.port = `^\${${next()}:${field.default}}`;
    else if (key === 'host' || key === 'url') body[key] = `\${${next()}:${field.default}}`;
    else if (key === 'token') body.token = `\${${next()}:${RANDOM_TOKEN}}`;
    else if (key === 'messagePostFormat') body[key] = `\${${next()}|array,string|}`;
    else if (field.default !== undefined) body[key] = field.default;
  }
  return body;
}

function onebotSchema(core) {
  const { ADAPTER_KINDS, KINDS, TOP_LEVEL_FIELDS, TIMEOUT_FIELDS } = core;

  const fieldProperty = (key, field, spec) => {
    if (key === 'name') {
      const doc = {
        en: `${both(field.doc).en} Without one NapCat uses '${spec.defaultName}', and a later adapter with the same name replaces an earlier one.`,
        'zh-cn': `${both(field.doc)['zh-cn']}缺省时 NapCat 使用 '${spec.defaultName}'；同名的后一个适配器会替换前一个。`,
      };
      return property(doc, {
        since: field.since,
        snippets: [{ label: `"${spec.defaultName}-…"`, body: `\${1:${spec.defaultName}-\${RANDOM_HEX}}` }],
      });
    }
    const options = { def: field.default, since: field.since };
    if (key === 'messagePostFormat') return property(both(field.doc), { ...options, snippets: FORMAT_SNIPPETS });
    if (key === 'host') return property(both(field.doc), { ...options, examples: ['127.0.0.1', '0.0.0.0', '::'] });
    if (key === 'token') {
      const snippets = [{ label: 'random token / 随机 token', body: `\${1:${RANDOM_TOKEN}}` }];
      return property(both(field.doc), { ...options, snippets });
    }
    if (field.type === 'boolean') return property(both(field.doc), { ...options, examples: BOOLEAN_EXAMPLES });
    return property(both(field.doc), options);
  };

  const definitions = {};
  for (const kind of ADAPTER_KINDS) {
    const spec = KINDS[kind];
    const properties = {};
    for (const [key, field] of Object.entries(spec.fields)) properties[key] = fieldProperty(key, field, spec);
    definitions[kind] = {
      description: plain(both(spec.label)),
      markdownDescription: markdown(both(spec.label), { since: spec.since }),
      properties,
      defaultSnippets: [
        {
          label: `New ${both(spec.label).en} / 新建${/^[A-Za-z]/.test(both(spec.label)['zh-cn']) ? ' ' : ''}${both(spec.label)['zh-cn']}`,
          markdownDescription: `A \`${kind}\` entry with a unique name and a random token.\n\n一个 \`${kind}\` 条目，名称唯一，token 随机生成。`,
          body: adapterBody(spec),
        },
      ],
    };
  }

  const kindProperties = {};
  for (const kind of ADAPTER_KINDS) {
    const spec = KINDS[kind];
    const doc = { en: `${both(spec.label).en} adapters, one object each.`, 'zh-cn': `${both(spec.label)['zh-cn']}适配器列表，每个适配器一个对象。` };
    kindProperties[kind] = { ...property(doc, { since: spec.since }), items: { $ref: `#/definitions/${kind}` } };
  }
  const emptyNetwork = Object.fromEntries(ADAPTER_KINDS.map((k) => [k, []]));

  const topLevel = {};
  for (const [key, field] of Object.entries(TOP_LEVEL_FIELDS)) {
    if (key === 'network') {
      topLevel.network = {
        ...property(both(field.doc), { since: field.since }),
        properties: kindProperties,
        defaultSnippets: [{ label: 'network (every kind) / 全部类型', body: emptyNetwork }],
      };
    } else if (key === 'timeout') {
      const properties = {};
      for (const [k, f] of Object.entries(TIMEOUT_FIELDS)) properties[k] = property(both(f.doc), { def: f.default, since: f.since });
      topLevel.timeout = { ...property(both(field.doc), { since: field.since }), properties };
    } else {
      const examples = field.type === 'boolean' ? BOOLEAN_EXAMPLES : undefined;
      topLevel[key] = property(both(field.doc), { def: field.default, since: field.since, examples });
    }
  }
  const topDefaults = Object.fromEntries(
    Object.entries(TOP_LEVEL_FIELDS)
      .filter(([, f]) => f.default !== undefined)
      .map(([k, f]) => [k, f.default]),
  );

  return {
    $schema: DRAFT,
    title: 'NapCat OneBot 11 config / NapCat OneBot 11 配置',
    description:
      'onebot11.json, onebot11_<uin>.json (NapCat v4.1+ network format). Descriptive only: NapCat Config reports problems itself. / 仅用于补全与悬停提示，问题由 NapCat Config 自己报告。',
    allowComments: true,
    allowTrailingCommas: true,
    properties: topLevel,
    defaultSnippets: [
      {
        label: 'NapCat OneBot 11 config / NapCat OneBot 11 配置',
        markdownDescription: 'Every adapter list, empty, and the top-level settings with their defaults.\n\n所有适配器列表（为空）以及顶层设置的默认值。',
        body: { network: emptyNetwork, ...topDefaults },
      },
      {
        label: 'NapCat OneBot 11 config with a reverse WebSocket / 含反向 WebSocket 的配置',
        markdownDescription: 'A config with one WebSocket client that connects to your bot framework.\n\n包含一个连接机器人框架的 WebSocket 客户端（反向 WS）。',
        body: { network: { ...emptyNetwork, websocketClients: [adapterBody(KINDS.websocketClients)] }, ...topDefaults },
      },
    ],
    definitions,
  };
}

/** napcat.json / napcat_<uin>.json: only the keys facts §1 names. */
function napcatSchema() {
  const level = (which, zh) =>
    property(
      { en: `Lowest level written to the ${which}.`, 'zh-cn': `写入${zh}的最低日志级别。` },
      { examples: ['debug', 'info', 'warn', 'error'] },
    );
  return {
    $schema: DRAFT,
    title: 'NapCat core settings / NapCat 核心设置',
    description: 'napcat.json, napcat_<uin>.json. Descriptive only. / 仅用于补全与悬停提示。',
    properties: {
      fileLog: property(
        { en: 'Write logs to files in the logs folder next to config.', 'zh-cn': '是否把日志写入 config 旁边的 logs 文件夹。' },
        { examples: BOOLEAN_EXAMPLES },
      ),
      consoleLog: property({ en: 'Write logs to the console.', 'zh-cn': '是否在控制台输出日志。' }, { examples: BOOLEAN_EXAMPLES }),
      fileLogLevel: level('log files', '日志文件'),
      consoleLogLevel: level('console', '控制台'),
      packetBackend: property({ en: 'Packet backend (newer NapCat versions).', 'zh-cn': 'Packet 后端（较新的 NapCat 版本）。' }),
    },
  };
}

/** webui.json: facts §1. */
function webuiSchema() {
  return {
    $schema: DRAFT,
    title: 'NapCat WebUI settings / NapCat WebUI 设置',
    description: 'webui.json (one per NapCat install). Descriptive only. / 仅用于补全与悬停提示。',
    properties: {
      host: property(
        { en: 'Address the WebUI listens on.', 'zh-cn': 'WebUI 的监听地址。' },
        { examples: ['127.0.0.1', '0.0.0.0', '::'] },
      ),
      port: property(
        {
          en: 'Port of the WebUI. When it is taken, the WebUI moves to the next one (6100, 6101, …); an adapter should not use it.',
          'zh-cn': 'WebUI 端口。端口被占用时 WebUI 会顺延到下一个（6100、6101 ……）；适配器不要使用这个端口。',
        },
        { def: 6099 },
      ),
      token: property({
        en: 'WebUI login token; NapCat prints it in the "WebUi Local Panel Url" log line. Keep it secret.',
        'zh-cn': 'WebUI 登录 token；NapCat 会在日志的 “WebUi Local Panel Url” 一行中打印它。请妥善保密。',
      }),
      loginRate: property({ en: 'Rate limit of WebUI login attempts.', 'zh-cn': 'WebUI 登录尝试的频率限制。' }),
    },
  };
}

/** Every schema file, name → text (2-space JSON with a final newline). */
export async function generate() {
  const core = await loadCoreSchema();
  const files = {
    'onebot11.schema.json': onebotSchema(core),
    'napcat.schema.json': napcatSchema(),
    'webui.schema.json': webuiSchema(),
  };
  return Object.fromEntries(Object.entries(files).map(([name, schema]) => [name, JSON.stringify(schema, null, 2) + '\n']));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(ROOT, 'schemas');
  fs.mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(await generate())) fs.writeFileSync(path.join(out, name), text);
}
