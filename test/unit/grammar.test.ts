import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { FIXTURES, ROOT } from '../helpers/golden';

/**
 * The `napcat-log` TextMate grammar (syntaxes/napcat-log.tmLanguage.json), run by the engine VS
 * Code itself uses (vscode-textmate + vscode-oniguruma), on log lines written from the forms NapCat
 * prints (facts §8). Every assertion names a substring and the scope that must cover exactly it.
 *
 * The scopes: the grammar's contract with colour themes. The last test checks that this table
 * lists every scope the grammar gives to the fixtures in test/fixtures/logs, and nothing else.
 *
 * | scope                                             | what it marks                                               |
 * |---------------------------------------------------|-------------------------------------------------------------|
 * | `constant.numeric.date.log4js.napcat-log`         | log4js timestamp (NapCat ≤ v3.6) `2024-11-02 11:38:25`      |
 * | `constant.numeric.date.winston.napcat-log`        | winston timestamp (NapCat v3.6.14+) `07-07 10:40:55`        |
 * | `constant.numeric.date.docker.napcat-log`         | Docker's own leading timestamp `2025-03-06T08:01:02.1…Z`    |
 * | `invalid.illegal.level.error.napcat-log`          | `[ERROR]`, `[error]`, `[fatal]` (any case)                  |
 * | `markup.deleted.level.warn.napcat-log`            | `[WARN]`, `[warn]`, `[warning]`                             |
 * | `markup.inserted.level.info.napcat-log`           | `[INFO]`, `[info]`                                          |
 * | `markup.changed.level.debug.napcat-log`           | `[DEBUG]`, `[debug]`, `[trace]`                             |
 * | `storage.type.account.napcat-log`                 | `Bot` of the `Bot(12345) |` account prefix                  |
 * | `constant.numeric.uin.napcat-log`                 | `12345` of `Bot(12345)`                                     |
 * | `variable.other.nickname.napcat-log`              | the nickname of the `<nick> |` prefix                       |
 * | `entity.name.namespace.module.napcat-log`         | `OneBot` of the first tag `[OneBot]`                        |
 * | `entity.name.tag.submodule.napcat-log`            | `WebSocket Client` of the second tag                        |
 * | `markup.heading.network.napcat-log`               | `配置加载` after `[network]`                                |
 * | `meta.network-service.napcat-log`                 | a summary line `HTTP服务: host:port, : 已启动`              |
 * | `entity.name.type.service.napcat-log`             | `HTTP服务`, `WebSocket反向服务`                             |
 * | `markup.inserted.status.started.napcat-log`       | `已启动`                                                    |
 * | `markup.deleted.status.stopped.napcat-log`        | `未启动`                                                    |
 * | `support.type.property-name.webui.napcat-log`     | `WebUi Local Panel Url`                                     |
 * | `markup.underline.link.napcat-log`                | a URL (http, https, ws, wss, ftp, file)                     |
 * | `variable.parameter.url.napcat-log`               | `token` / `access_token` in a URL's query                   |
 * | `comment.other.secret.token.napcat-log`           | the token value in a URL: a secret, dimmed by most themes   |
 * | `meta.address.napcat-log`                         | `host:port` outside a URL                                   |
 * | `constant.other.host.napcat-log`                  | `127.0.0.1`, `localhost`, `[::1]`, `::` of `:::3001`        |
 * | `constant.numeric.port.napcat-log`                | the port of `host:port`                                     |
 * | `invalid.illegal.error-code.napcat-log`           | `ECONNREFUSED`, `EADDRINUSE`, `ETIMEDOUT`, `ERR_…`, …        |
 * | `meta.unexpected-response.napcat-log`             | `Unexpected server response: 200`                           |
 * | `invalid.illegal.unexpected-response.napcat-log`  | `Unexpected server response`                                |
 * | `constant.numeric.status-code.napcat-log`         | `200` of it                                                 |
 * | `invalid.illegal.handshake-timeout.napcat-log`    | `Opening handshake has timed out`                           |
 * | `meta.stack-frame.napcat-log`                     | a Node stack frame line `    at …`                          |
 * | `keyword.other.at.napcat-log`                     | `at`                                                        |
 * | `storage.modifier.napcat-log`                     | `async`, `new` in a frame                                   |
 * | `entity.name.function.napcat-log`                 | the function of a frame                                     |
 * | `entity.name.function.alias.napcat-log`           | `[as oncomplete]`                                           |
 * | `string.unquoted.path.napcat-log`                 | the file of a frame (`node:net`, `/app/…/napcat.mjs`)       |
 * | `constant.numeric.line.napcat-log`                | its line                                                    |
 * | `constant.numeric.column.napcat-log`              | its column                                                  |
 * | `comment.other.ansi.napcat-log`                   | ANSI colour codes and their remnants (`[32m`, `ESC[39m`)    |
 * | `punctuation.*.napcat-log`                        | brackets and separators of the above                        |
 */

const GRAMMAR = path.join(ROOT, 'syntaxes', 'napcat-log.tmLanguage.json');
const SCOPE_NAME = 'text.log.napcat';

interface Token {
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}
interface Line {
  readonly text: string;
  readonly tokens: readonly Token[];
}

const grammar: Promise<vsctm.IGrammar> = (async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE_NAME ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
  });
  const g = await registry.loadGrammar(SCOPE_NAME);
  assert.ok(g, 'the grammar loads');
  return g;
})();

/** Tokenizes lines in order, carrying the rule stack from line to line as an editor does. */
async function tokenize(text: string): Promise<Line[]> {
  const g = await grammar;
  let stack = vsctm.INITIAL;
  return text.split(/\r?\n/).map((lineText) => {
    const r = g.tokenizeLine(lineText, stack);
    stack = r.ruleStack;
    const tokens = r.tokens.map((t) => ({ start: t.startIndex, end: Math.min(t.endIndex, lineText.length), scopes: t.scopes }));
    return { text: lineText, tokens };
  });
}

const one = async (lineText: string): Promise<Line> => (await tokenize(lineText))[0];
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, 'logs', name), 'utf8').replace(/\n$/, '');

/** The line of a tokenized text that contains `needle`. */
function lineWith(lines: readonly Line[], needle: string): Line {
  const line = lines.find((l) => l.text.includes(needle));
  assert.ok(line, `a line contains ${JSON.stringify(needle)}`);
  return line;
}

function scopesAt(line: Line, i: number): readonly string[] {
  return line.tokens.find((t) => t.start <= i && i < t.end)?.scopes ?? [];
}

function locate(line: Line, needle: string, nth: number): number {
  let at = -1;
  for (let n = 0; n <= nth; n++) {
    at = line.text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${JSON.stringify(needle)} (#${n}) in ${JSON.stringify(line.text)}`);
  }
  return at;
}

/** `scope` covers every character of the nth `needle` and stops exactly at its two ends. */
function expectScope(line: Line, needle: string, scope: string, nth = 0): void {
  const start = locate(line, needle, nth);
  const end = start + needle.length;
  const where = `${JSON.stringify(needle)} in ${JSON.stringify(line.text)}`;
  for (let i = start; i < end; i++) {
    assert.ok(scopesAt(line, i).includes(scope), `${scope} on ${where} at ${i - start}; got ${scopesAt(line, i).join(' ')}`);
  }
  if (start > 0) assert.ok(!scopesAt(line, start - 1).includes(scope), `${scope} starts at ${where}`);
  if (end < line.text.length) assert.ok(!scopesAt(line, end).includes(scope), `${scope} ends at ${where}`);
}

/** No character of the nth `needle` has a scope that starts with `prefix`. */
function expectNoScope(line: Line, needle: string, prefix: string, nth = 0): void {
  const start = locate(line, needle, nth);
  for (let i = start; i < start + needle.length; i++) {
    const hit = scopesAt(line, i).find((s) => s.startsWith(prefix));
    assert.equal(hit, undefined, `no ${prefix}… on ${JSON.stringify(needle)} in ${JSON.stringify(line.text)}`);
  }
}

const S = {
  log4js: 'constant.numeric.date.log4js.napcat-log',
  winston: 'constant.numeric.date.winston.napcat-log',
  docker: 'constant.numeric.date.docker.napcat-log',
  error: 'invalid.illegal.level.error.napcat-log',
  warn: 'markup.deleted.level.warn.napcat-log',
  info: 'markup.inserted.level.info.napcat-log',
  debug: 'markup.changed.level.debug.napcat-log',
  bot: 'storage.type.account.napcat-log',
  uin: 'constant.numeric.uin.napcat-log',
  nick: 'variable.other.nickname.napcat-log',
  module: 'entity.name.namespace.module.napcat-log',
  sub: 'entity.name.tag.submodule.napcat-log',
  heading: 'markup.heading.network.napcat-log',
  serviceLine: 'meta.network-service.napcat-log',
  service: 'entity.name.type.service.napcat-log',
  started: 'markup.inserted.status.started.napcat-log',
  stopped: 'markup.deleted.status.stopped.napcat-log',
  webui: 'support.type.property-name.webui.napcat-log',
  url: 'markup.underline.link.napcat-log',
  param: 'variable.parameter.url.napcat-log',
  secret: 'comment.other.secret.token.napcat-log',
  address: 'meta.address.napcat-log',
  host: 'constant.other.host.napcat-log',
  port: 'constant.numeric.port.napcat-log',
  errorCode: 'invalid.illegal.error-code.napcat-log',
  response: 'meta.unexpected-response.napcat-log',
  responseText: 'invalid.illegal.unexpected-response.napcat-log',
  status: 'constant.numeric.status-code.napcat-log',
  handshake: 'invalid.illegal.handshake-timeout.napcat-log',
  frame: 'meta.stack-frame.napcat-log',
  at: 'keyword.other.at.napcat-log',
  modifier: 'storage.modifier.napcat-log',
  fn: 'entity.name.function.napcat-log',
  alias: 'entity.name.function.alias.napcat-log',
  path: 'string.unquoted.path.napcat-log',
  lineNo: 'constant.numeric.line.napcat-log',
  column: 'constant.numeric.column.napcat-log',
  ansi: 'comment.other.ansi.napcat-log',
} as const;

test('log4js lines (≤ v3.6): timestamp, level, Bot(uin) prefix, [Module] [Sub]', async () => {
  const lines = await tokenize(fixture('log4js.log'));
  const l = lineWith(lines, '[ERROR]');
  expectScope(l, '2024-11-02 11:38:25', S.log4js);
  expectScope(l, '[ERROR]', S.error);
  expectScope(l, 'Bot', S.bot);
  expectScope(l, '12345', S.uin);
  expectScope(l, 'OneBot', S.module);
  expectScope(l, 'WebSocket Client', S.sub);
  expectScope(l, 'ECONNREFUSED', S.errorCode);
  expectScope(l, '127.0.0.1:8080', S.address);
  expectScope(l, '127.0.0.1', S.host);
  expectScope(l, '8080', S.port);
  // The account prefix of log4js is not a nickname, and the message text is not a tag.
  expectNoScope(l, 'Bot(12345)', S.nick);
  expectNoScope(l, 'Error: connect', 'entity.name');

  const warn = lineWith(lines, '[WARN]');
  expectScope(warn, '[WARN]', S.warn);
  expectScope(warn, 'Http Server', S.sub);
  expectScope(warn, 'EADDRINUSE', S.errorCode);
  expectScope(warn, '0.0.0.0', S.host);
  expectScope(warn, '3000', S.port);

  const debug = lineWith(lines, '[DEBUG]');
  expectScope(debug, '[DEBUG]', S.debug);
  expectScope(debug, 'Core', S.sub);
  // Brackets inside the message are not tags, and the group number is not an account.
  expectNoScope(debug, '[测试群(10001)]', 'entity.name');
  expectNoScope(debug, '[图片]', 'entity.name');
  expectNoScope(debug, '10001', S.uin);

  expectScope(lineWith(lines, '[INFO]'), '[INFO]', S.info);
});

test('winston lines (v3.6.14+): MM-DD timestamp, lower-case level, nickname prefix', async () => {
  const lines = await tokenize(fixture('winston.log'));
  const err = lineWith(lines, '[error] 小明');
  expectScope(err, '07-07 10:40:56', S.winston);
  expectScope(err, '[error]', S.error);
  expectScope(err, '小明', S.nick);
  expectScope(err, 'OneBot', S.module);
  expectScope(err, 'WebSocket Client', S.sub);
  expectNoScope(err, '07-07 10:40:56', S.log4js);

  const debug = lineWith(lines, '[debug]');
  expectScope(debug, '[debug]', S.debug);
  expectScope(debug, 'Neko Cat', S.nick);
  // Only the prefix before the first " | " is the nickname; a "|" in the message is text.
  expectNoScope(debug, '你好 | 再见', S.nick);
  expectNoScope(debug, '10002', S.uin);

  expectScope(lineWith(lines, '[warn]'), '[warn]', S.warn);
  expectScope(lineWith(lines, '10:40:55 [info]'), '[info]', S.info);
});

test('levels: distinct scopes, any case, only in brackets at the head of a line', async () => {
  const cases: Array<[string, string]> = [
    ['[ERROR]', S.error],
    ['[Error]', S.error],
    ['[fatal]', S.error],
    ['[WARN]', S.warn],
    ['[Warning]', S.warn],
    ['[info]', S.info],
    ['[INFO]', S.info],
    ['[debug]', S.debug],
    ['[TRACE]', S.debug],
  ];
  for (const [level, scope] of cases) {
    const l = await one(`07-07 10:40:55 ${level} [NapCat] [Core] x`);
    expectScope(l, level, scope);
    for (const other of [S.error, S.warn, S.info, S.debug].filter((s) => s !== scope)) expectNoScope(l, level, other);
  }
  assert.equal(new Set([S.error, S.warn, S.info, S.debug]).size, 4);
  // A level word later in the message, or without brackets, is not a level.
  const l = await one('07-07 10:40:55 [info] [NapCat] [Core] error [warn] info');
  expectNoScope(l, 'error', 'invalid.illegal.level');
  expectNoScope(l, '[warn]', 'markup.deleted.level');
});

test('level-only lines: [ERROR] [OneBot] …', async () => {
  const lines = await tokenize(fixture('winston.log'));
  const l = lineWith(lines, '[ERROR] [OneBot]');
  expectScope(l, '[ERROR]', S.error);
  expectScope(l, 'OneBot', S.module);
  expectScope(l, 'ENOTFOUND', S.errorCode);
  // "nonebot" after the code is a host name without a port: plain text.
  expectNoScope(l, 'nonebot', S.host);
});

test('Docker timestamp before NapCat lines, continuation lines and stack frames', async () => {
  const lines = await tokenize(fixture('docker.log'));
  const head = lineWith(lines, '[error]');
  expectScope(head, '2025-03-06T08:01:03.000000001Z', S.docker);
  expectScope(head, '03-06 16:01:03', S.winston);
  expectScope(head, '[error]', S.error);
  expectScope(head, '小明', S.nick);
  expectScope(head, 'ETIMEDOUT', S.errorCode);
  expectScope(head, '172.17.0.1', S.host);

  const summary = lineWith(lines, 'HTTP服务');
  expectScope(summary, '2025-03-06T08:01:02.123456789Z', S.docker);
  expectScope(summary, 'HTTP服务', S.service);
  expectScope(summary, '[::1]', S.host);
  expectScope(summary, '已启动', S.started);

  const frame = lineWith(lines, 'TCPConnectWrap');
  expectScope(frame, frame.text, S.frame);
  expectScope(frame, '2025-03-06T08:01:03.000000002Z', S.docker);
  expectScope(frame, 'at', S.at);
  expectScope(frame, 'TCPConnectWrap.afterConnect', S.fn);

  const bare = lineWith(lines, '16:01:05');
  expectScope(bare, '2025-03-06T08:01:05.000000005Z', S.docker);
  expectScope(bare, '03-06 16:01:05', S.winston);
});

test('Node stack frames: function, alias, file, line and column', async () => {
  const log4js = await tokenize(fixture('log4js.log'));
  const f = lineWith(log4js, 'TCPConnectWrap');
  expectScope(f, f.text, S.frame);
  expectScope(f, 'at', S.at);
  expectScope(f, 'TCPConnectWrap.afterConnect', S.fn);
  expectScope(f, '[as oncomplete]', S.alias);
  expectScope(f, 'node:net', S.path);
  expectScope(f, '1555', S.lineNo);
  expectScope(f, '16', S.column);

  const winston = await tokenize(fixture('winston.log'));
  const bare = lineWith(winston, 'napcat.mjs:12345');
  expectScope(bare, '/app/napcat/napcat.mjs', S.path);
  expectScope(bare, '12345', S.lineNo);
  expectScope(bare, '67', S.column);
  expectNoScope(bare, '/app/napcat/napcat.mjs', S.fn);

  const asyncFrame = lineWith(winston, 'Promise.all');
  expectScope(asyncFrame, 'async', S.modifier);
  expectScope(asyncFrame, 'Promise.all', S.fn);
  expectNoScope(asyncFrame, '(index 0)', S.path);

  const docker = await tokenize(fixture('docker.log'));
  const ctor = lineWith(docker, 'new WebSocket');
  expectScope(ctor, 'new', S.modifier);
  expectScope(ctor, 'WebSocket', S.fn);
  expectScope(ctor, 'file:///app/napcat/napcat.mjs', S.path);

  const windows = await one('    at Object.<anonymous> (C:\\NapCat.Shell\\napcat.mjs:10:5)');
  expectScope(windows, 'C:\\NapCat.Shell\\napcat.mjs', S.path);
  expectScope(windows, '10', S.lineNo);
  expectScope(windows, '5', S.column);
  // "at" that starts a message line, not an indented frame, is text.
  expectNoScope(await one('at least one adapter'), 'at', S.at);
});

test('ANSI colour codes: with the escape character and as remnants', async () => {
  const docker = await tokenize(fixture('docker.log'));
  const remnant = lineWith(docker, '[32minfo');
  expectScope(remnant, '[32m', S.ansi);
  expectScope(remnant, '[39m', S.ansi);
  expectScope(remnant, '[90m', S.ansi);
  // The level inside the colour codes is still the level.
  expectScope(remnant, '[[32minfo[39m]', S.info);
  expectNoScope(remnant, 'info', S.ansi);
  expectNoScope(remnant, '[90mok', 'entity.name');

  const escaped = lineWith(docker, 'warn\u001b');
  expectScope(escaped, '\u001b[33m', S.ansi);
  expectScope(escaped, '[\u001b[33mwarn\u001b[39m]', S.warn);
  expectNoScope(escaped, 'warn', S.ansi);
  expectScope(escaped, ':::3001', S.address);
  expectScope(escaped, '::', S.host);
  expectScope(escaped, '3001', S.port);

  const winston = await tokenize(fixture('winston.log'));
  const red = lineWith(winston, '[31merror');
  expectScope(red, '[[31merror[39m]', S.error);
  expectScope(red, 'ECONNRESET', S.errorCode);
});

test('the level after a doubled Docker timestamp and with an ANSI remnant glued to its bracket', async () => {
  // `docker logs -t` on a log that already carries Docker's timestamps: two of them before NapCat's.
  const twice = await one('2025-03-06T08:01:03.000000001Z 2025-03-06T08:01:03.000000000Z 2025-03-06 16:01:03 [ERROR] Bot(12345) | [OneBot] [WebSocket Client] connect ECONNREFUSED 10.0.0.2:8080');
  expectScope(twice, '2025-03-06T08:01:03.000000001Z 2025-03-06T08:01:03.000000000Z', S.docker);
  expectScope(twice, '2025-03-06 16:01:03', S.log4js);
  expectScope(twice, '[ERROR]', S.error);
  expectScope(twice, 'OneBot', S.module);
  expectScope(twice, 'WebSocket Client', S.sub);
  const twiceNoLevel = await one('2025-03-06T08:01:03.000000001Z 2025-03-06T08:01:03.000000000Z [network] 配置加载');
  expectScope(twiceNoLevel, '2025-03-06T08:01:03.000000001Z 2025-03-06T08:01:03.000000000Z', S.docker);
  expectScope(twiceNoLevel, '配置加载', S.heading);

  // A colour code whose escape character was lost, stuck to the level's bracket.
  const glued = await one('07-07 10:40:56 [31m[ERROR][39m 小明 | [OneBot] [WebSocket Client] Error: connect ECONNREFUSED 127.0.0.1:8080');
  expectScope(glued, '07-07 10:40:56', S.winston);
  expectScope(glued, '[31m', S.ansi);
  expectScope(glued, '[ERROR]', S.error);
  expectNoScope(glued, '[31m', S.error);
  expectScope(glued, 'ECONNREFUSED', S.errorCode);
  const gluedDocker = await one('2025-03-06T08:01:03.000000001Z \u001b[31m[ERROR]\u001b[39m [OneBot] connect ECONNREFUSED 127.0.0.1:8080');
  expectScope(gluedDocker, '\u001b[31m', S.ansi);
  expectScope(gluedDocker, '[ERROR]', S.error);
});

test('network summary: [network] 配置加载, services, 已启动 and 未启动 in distinct scopes', async () => {
  for (const name of ['log4js.log', 'winston.log']) {
    const lines = await tokenize(fixture(name));
    const heading = lineWith(lines, '配置加载');
    expectScope(heading, 'network', S.module);
    expectScope(heading, '配置加载', S.heading);

    const http = lineWith(lines, 'HTTP服务');
    expectScope(http, http.text, S.serviceLine);
    expectScope(http, 'HTTP服务', S.service);
    expectScope(http, '已启动', S.started);
    expectNoScope(http, '已启动', S.stopped);

    const reverse = lineWith(lines, 'WebSocket反向服务');
    expectScope(reverse, 'WebSocket反向服务', S.service);
    expectScope(reverse, '未启动', S.stopped);
    expectNoScope(reverse, '未启动', S.started);
  }
  const log4js = await tokenize(fixture('log4js.log'));
  const list = lineWith(log4js, 'WebSocket反向服务');
  // The URL inside the list ends before the "]" that closes the list.
  expectScope(list, 'ws://127.0.0.1:8080/onebot/v11/ws', S.url);
  expectScope(lineWith(log4js, 'HTTP服务'), '0.0.0.0:3000', S.address);

  // [network] without a level (a bare line) and 配置加载 elsewhere in a message.
  const bare = await one('[network] 配置加载');
  expectScope(bare, 'network', S.module);
  expectScope(bare, '配置加载', S.heading);
  expectNoScope(await one('07-07 10:40:55 [info] [NapCat] [Core] 配置加载'), '配置加载', S.heading);
});

test('WebUI panel URL: the token value has a scope of its own', async () => {
  const lines = await tokenize(fixture('winston.log'));
  for (const l of lines.filter((x) => x.text.includes('WebUi Local Panel Url'))) {
    expectScope(l, 'WebUi Local Panel Url', S.webui);
    expectScope(l, 'http://127.0.0.1:6099/webui?token=3f9a1c7e5b2d', S.url);
    expectScope(l, 'token', S.param);
    expectScope(l, '3f9a1c7e5b2d', S.secret);
    // Inside a URL, host:port is part of the link, not a separate address.
    expectNoScope(l, '127.0.0.1:6099', S.address);
  }
  const access = lineWith(lines, 'access_token');
  expectScope(access, 'access_token', S.param);
  expectScope(access, 's3cr3t', S.secret);
  expectScope(access, 'ws://127.0.0.1:8082/onebot/v11/ws?access_token=s3cr3t', S.url);
  // The URL ends at the ", :" of the summary.
  expectNoScope(access, ', :', S.url);
  const more = await one('WebUi Local Panel Url: http://127.0.0.1:6099/webui?token=abc&x=1');
  expectScope(more, 'abc', S.secret);
  expectNoScope(more, '&x=1', S.secret);
});

test('URLs, ip:port, error codes, Unexpected server response, handshake timeout', async () => {
  const winston = await tokenize(fixture('winston.log'));
  const response = lineWith(winston, 'Unexpected server response');
  expectScope(response, 'Unexpected server response: 200', S.response);
  expectScope(response, 'Unexpected server response', S.responseText);
  expectScope(response, '200', S.status);
  expectScope(lineWith(winston, 'Opening handshake'), 'Opening handshake has timed out', S.handshake);

  for (const code of ['ECONNREFUSED', 'EADDRINUSE', 'ETIMEDOUT', 'ENOTFOUND', 'ECONNRESET', 'EHOSTUNREACH', 'ERR_SOCKET_BAD_PORT']) {
    expectScope(await one(`[ERROR] [OneBot] Error: ${code} x`), code, S.errorCode);
  }
  const near = await one('[ERROR] [OneBot] ECONNREFUSEDX EADDRINUSE2 xECONNRESET');
  for (const word of ['ECONNREFUSEDX', 'EADDRINUSE2', 'xECONNRESET']) expectNoScope(near, word, S.errorCode);

  const urls = await one('[info] [OneBot] https://example.com/a?b=1 wss://bot.example:8443/onebot/v11/ws localhost:3001');
  expectScope(urls, 'https://example.com/a?b=1', S.url);
  expectScope(urls, 'wss://bot.example:8443/onebot/v11/ws', S.url);
  expectScope(urls, 'localhost:3001', S.address);
  expectScope(urls, 'localhost', S.host);
  // Dotted numbers that are not four octets are not an address.
  expectNoScope(await one('[info] [NapCat] [Core] build 1.2.3.4.5:80 v4.17.44:1'), '1.2.3.4.5:80', S.address);
  expectNoScope(await one('[info] [NapCat] [Core] build 1.2.3.4.5:80 v4.17.44:1'), '4.17.44:1', S.address);
});

test('the grammar compiles: every regular expression is valid for Oniguruma', async () => {
  await grammar;
  const raw = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8')) as unknown;
  const regexes: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'match' || k === 'begin' || k === 'end') && typeof x === 'string') regexes.push(x);
        else walk(x);
      }
  };
  walk(raw);
  assert.ok(regexes.length > 20, 'the grammar has its rules');
  for (const re of regexes) assert.doesNotThrow(() => new oniguruma.OnigScanner([re]).dispose(), re);
  assert.throws(() => new oniguruma.OnigScanner(['(unclosed']), 'an invalid regex throws (the check above can fail)');
});

interface LanguageContribution {
  id: string;
  aliases?: string[];
  filenamePatterns?: string[];
  firstLine?: string;
}
interface GrammarContribution {
  language: string;
  scopeName: string;
  path: string;
}
const manifest = () =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { languages?: LanguageContribution[]; grammars?: GrammarContribution[] };
  };
const logLanguage = () => {
  const lang = manifest().contributes.languages?.find((l) => l.id === 'napcat-log');
  assert.ok(lang, 'package.json contributes the napcat-log language');
  return lang;
};

test('package.json: the napcat-log language and its grammar', () => {
  const lang = logLanguage();
  assert.ok(lang.aliases?.includes('NapCat Log'));
  const g = manifest().contributes.grammars?.find((x) => x.language === 'napcat-log');
  assert.ok(g, 'package.json contributes the grammar');
  assert.equal(g.scopeName, SCOPE_NAME);
  assert.equal(path.resolve(ROOT, g.path), GRAMMAR);
  assert.equal((JSON.parse(fs.readFileSync(GRAMMAR, 'utf8')) as { scopeName: string }).scopeName, SCOPE_NAME);
});

test('package.json: file name patterns pick NapCat logs, not other logs', () => {
  const patterns = logLanguage().filenamePatterns ?? [];
  // VS Code lower-cases both the path and the pattern before matching.
  const matches = (p: string) => patterns.some((g) => minimatch(p.toLowerCase(), g.toLowerCase(), { dot: true }));
  for (const p of [
    '/opt/QQ/resources/app/app_launcher/napcat/logs/2024-11-02_11-38-25.log',
    '/app/napcat/logs/2025-03-06.log',
    '/c:/Users/me/NapCat.Shell/logs/07-07.log',
    '/d:/bot/plugins/NapCat.Framework/logs/a.log',
    '/home/me/napcat.log',
    '/home/me/logs/napcat-docker.log',
  ])
    assert.ok(matches(p), `${p} is a NapCat log`);
  for (const p of ['/var/log/nginx/access.log', '/home/me/project/logs/app.log', '/app/napcat/config/onebot11.json', '/home/me/napcat.txt'])
    assert.ok(!matches(p), `${p} is not a NapCat log`);
});

test('package.json: the first-line pattern recognises NapCat log starts', () => {
  const firstLine = logLanguage().firstLine;
  assert.ok(firstLine, 'a firstLine pattern');
  const re = new RegExp(firstLine);
  for (const name of ['log4js.log', 'winston.log', 'docker.log']) {
    const first = fixture(name).split('\n')[0];
    assert.match(first, re, `first line of ${name}`);
  }
  assert.match('07-07 10:40:55 [\u001b[32minfo\u001b[39m] 小明 | [NapCat] [Core] x', re);
  for (const other of [
    '{ "network": {} }',
    '127.0.0.1 - - [06/Mar/2025:08:01:02 +0000] "GET / HTTP/1.1" 200',
    'hello',
    '2024-11-02 11:38:25 something happened',
    '[ERROR] [OneBot] x',
  ])
    assert.doesNotMatch(other, re);
});

test('the scope table above lists exactly the scopes the grammar gives the fixtures', async () => {
  const source = fs.readFileSync(path.join(ROOT, 'test', 'unit', 'grammar.test.ts'), 'utf8');
  const documented = new Set([...source.matchAll(/^ \* \| `([a-z][\w.-]*)`/gm)].map((m) => m[1]));
  assert.ok(documented.size > 30, 'the table was read');
  const emitted = new Set<string>();
  for (const name of fs.readdirSync(path.join(FIXTURES, 'logs'))) {
    for (const line of await tokenize(fixture(name))) for (const t of line.tokens) for (const s of t.scopes.slice(1)) emitted.add(s);
  }
  const isPunctuation = (s: string) => s.startsWith('punctuation.');
  assert.ok([...emitted].some(isPunctuation));
  assert.deepEqual([...emitted].filter((s) => !isPunctuation(s)).sort(), [...documented].sort());
  for (const s of emitted) assert.ok(s.endsWith('.napcat-log'), `${s} carries the language suffix`);
  for (const s of Object.values(S)) assert.ok(documented.has(s), `${s} is in the table`);
});
