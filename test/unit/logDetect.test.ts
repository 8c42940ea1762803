import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { DETECT_LINES, firstLines, isCandidate, lineVote, looksLikeNapCatLog } from '../../client/src/logs/detect';
import { LanguageSwitches } from '../../client/src/logs/switches';
import { FIXTURES, ROOT } from '../helpers/golden';

/**
 * Which `.log` files the client switches to the `napcat-log` language (client/src/logs/detect.ts):
 * NapCat's own log forms (facts §8) in, other programs' logs out.
 */

const detect = (text: string) => looksLikeNapCatLog(firstLines(text));
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, 'logs', name), 'utf8');

test('the NapCat log fixtures (log4js, winston, Docker) are NapCat logs', () => {
  for (const name of fs.readdirSync(path.join(FIXTURES, 'logs'))) assert.ok(detect(fixture(name)), name);
});

const POSITIVE: Record<string, string> = {
  'log4js with the account prefix': `2024-11-02 11:38:24 [INFO] Bot(12345) | 接收 <- 群聊 [测试群(10001)] [图片]
2024-11-02 11:38:25 [ERROR] Bot(12345) | [OneBot] [WebSocket Client] Error: connect ECONNREFUSED 127.0.0.1:8080
    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)
`,
  'log4js before login (no account yet)': `2024-11-02 11:38:20 [INFO] [NapCat] [Core] NapCat.Core Version: 2.6.1
2024-11-02 11:38:21 [INFO] 正在尝试快速登录
2024-11-02 11:38:22 [INFO] 二维码已保存到 /app/napcat/cache/qrcode.png
`,
  'winston with a nickname': `07-07 10:40:55 [info] 小明 | 接收 <- 私聊 (10002) 你好
07-07 10:40:56 [warn] Neko Cat | 发送消息失败
`,
  'winston before login, with tags': `07-07 10:40:50 [info] [NapCat] [WebUi] WebUi User Panel Url: http://127.0.0.1:6099/webui?token=abc
07-07 10:40:50 [info] [NapCat] [Core] 正在尝试快速登录
`,
  'level-only console lines': `[info] [NapCat] [WebUi] WebUi Local Panel Url: http://127.0.0.1:6099/webui?token=abc
[warn] 请扫描下面的二维码，然后在手Q上授权登录：
[ERROR] [OneBot] Error: getaddrinfo ENOTFOUND nonebot
`,
  'docker logs -t with ANSI colours': `2025-03-06T08:01:04.000000004Z 03-06 16:01:04 [\u001b[32minfo\u001b[39m] 小明 | [NapCat] [Core] ok
2025-03-06T08:01:05.000000005Z 03-06 16:01:05 [\u001b[31merror\u001b[39m] 小明 | [OneBot] [WebSocket Client] Error: read ECONNRESET
`,
  'docker compose logs': `napcat-1  | 07-07 10:40:55 [info] 小明 | [network] 配置加载
napcat-1  | HTTP服务: 127.0.0.1:3000, : 已启动
napcat-1  | WebSocket反向服务: ws://127.0.0.1:8082/onebot/v11/ws, : 未启动
`,
  'the network summary alone': `HTTP服务: 0.0.0.0:3000, : 已启动
WebSocket反向服务: [ws://127.0.0.1:8080/onebot/v11/ws], : 未启动
`,
  'CRLF line ends': '07-07 10:40:55 [info] 小明 | [NapCat] [Core] ok\r\n07-07 10:40:56 [info] 小明 | [OneBot] ok\r\n',
  'container start-up output before NapCat': `Starting Xvfb on :1
[entrypoint] 正在启动 NapCat
Gtk-Message: 08:01:01.123: Failed to load module "canberra-gtk-module"
[1:0306/080102.123456:ERROR:gpu_init.cc(523)] Passthrough is not supported
07-07 10:40:50 [info] [NapCat] [Core] NapCat.Core Version: 4.8.106
07-07 10:40:51 [info] [NapCat] [WebUi] WebUi Local Panel Url: http://127.0.0.1:6099/webui?token=abc
`,
};

const NEGATIVE: Record<string, string> = {
  'nginx access log': `127.0.0.1 - - [06/Mar/2025:08:01:02 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.5.0"
10.0.0.2 - - [06/Mar/2025:08:01:03 +0000] "GET /onebot/v11/ws HTTP/1.1" 101 0 "-" "OneBot/11"
`,
  'nginx error log': `2025/03/06 08:01:02 [error] 29#29: *1 connect() failed (111: Connection refused) while connecting to upstream
2025/03/06 08:01:03 [warn] 29#29: *2 an upstream response is buffered to a temporary file
`,
  syslog: `Mar  6 08:01:02 host sshd[1234]: Accepted publickey for me from 10.0.0.2 port 50022 ssh2
Mar  6 08:01:03 host systemd[1]: Started Session 12 of user me.
`,
  'npm debug log': `0 verbose cli /usr/bin/node /usr/bin/npm
1 info using npm@10.8.2
2 info using node@v20.19.0
3 timing npm:load:whichnode Completed in 0ms
12 error code ELIFECYCLE
`,
  'npm output': `npm WARN deprecated inflight@1.0.6: This module is not supported
npm ERR! code ERESOLVE
`,
  'NoneBot (loguru) mentioning OneBot and NapCat': `07-07 10:40:55 [SUCCESS] nonebot | NoneBot is initializing...
07-07 10:40:55 [INFO] nonebot | Current Env: prod
07-07 10:40:56 [INFO] nonebot | Succeeded to load adapter "OneBot V11"
07-07 10:40:57 [INFO] uvicorn | Uvicorn running on http://127.0.0.1:8080 (Press CTRL+C to quit)
07-07 10:40:58 [INFO] nonebot | OneBot V11 | Bot 12345 connected
07-07 10:40:59 [INFO] nonebot | 收到 NapCat 日志: [NapCat] [Core] 登录成功
07-07 10:41:00 [DEBUG] nonebot | OneBot V11 12345 | [message.group.normal]: Message from 10001
`,
  'Python logging': `2024-11-02 11:38:25,123 [INFO] app: started
2024-11-02 11:38:26,456 [ERROR] app: failed to connect
`,
  'generic winston with the year and lower-case levels': `2024-11-02 11:38:25 [info] Server started on port 3000
2024-11-02 11:38:26 [error] Connection lost
`,
  'go-cqhttp': `[2021-01-01 10:00:00] [INFO]: 登录成功 欢迎使用: bot
[2021-01-01 10:00:01] [INFO]: 收到群 测试群(10001) 内 小明(10002) 的消息: 你好
`,
  Koishi: `2024-11-02 11:38:25 [I] app Koishi/4.17.0
2024-11-02 11:38:25 [I] server server listening at http://127.0.0.1:5140
`,
  'Java (logback)': `2024-11-02 11:38:25.123 [main] INFO  c.e.App - Started App in 1.2 seconds
`,
  'a JSON file saved as .log': '{ "network": { "websocketClients": [] } }\n',
  'an empty file': '',
  'plain text': 'hello\nworld\n',
};

test('NapCat logs of every form are recognised', () => {
  for (const [name, text] of Object.entries(POSITIVE)) assert.ok(detect(text), name);
});

test('other programs\' logs are not', () => {
  for (const [name, text] of Object.entries(NEGATIVE)) assert.ok(!detect(text), name);
});

test('one NapCat-looking line does not win over another program\'s log; NapCat lines among others do', () => {
  const nginx = NEGATIVE['nginx error log'];
  assert.ok(!detect(nginx + '[ERROR] [OneBot] Error: x\n'), 'one tagged line among two nginx lines');
  const napcat = '07-07 10:40:55 [info] 小明 | [NapCat] [Core] ok\n';
  assert.ok(detect(napcat + napcat + nginx), 'as many NapCat lines as foreign ones');
});

test('only the first lines are read', () => {
  const filler = 'continued message line\n'.repeat(DETECT_LINES);
  assert.ok(!detect(filler + POSITIVE['winston with a nickname']), 'NapCat lines after the window');
  assert.equal(firstLines('a\r\nb\nc', 2).length, 2);
  assert.deepEqual(firstLines('a\r\nb\nc'), ['a', 'b', 'c']);
  assert.deepEqual(firstLines(''), ['']);
});

test('line votes: NapCat, foreign and neutral lines', () => {
  assert.equal(lineVote('2024-11-02 11:38:25 [ERROR] Bot(12345) | [OneBot] [WebSocket Client] x'), 1);
  assert.equal(lineVote('07-07 10:40:55 [info] 小明 | x'), 1);
  assert.equal(lineVote('    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)'), 0);
  assert.equal(lineVote('07-07 10:40:55 [info] 正在尝试快速登录'), 0, 'NapCat writes lines like this too');
  assert.equal(lineVote('07-07 10:40:55 [INFO] nonebot | x'), -1, 'upper-case level without the year: loguru');
  assert.equal(lineVote('Mar  6 08:01:02 host sshd[1234]: x'), -1);
  assert.equal(lineVote('x'.repeat(100_000)), 0, 'long lines are cut');
});

test('candidates: .log files of the Log or plain-text language only', () => {
  assert.ok(isCandidate('log', '/home/me/bot.log'));
  assert.ok(isCandidate('plaintext', '/home/me/BOT.LOG'));
  assert.ok(!isCandidate('napcat-log', '/home/me/bot.log'), 'already switched');
  assert.ok(!isCandidate('json', '/home/me/bot.log'), 'a language someone chose');
  assert.ok(!isCandidate('log', '/home/me/bot.txt'));
  assert.ok(!isCandidate('log', '/home/me/bot.log.1'));
});

test('the detection and the switch memory are pure: they import nothing (no vscode), so they run in these tests', () => {
  for (const name of ['detect.ts', 'switches.ts']) {
    const source = fs.readFileSync(path.join(ROOT, 'client', 'src', 'logs', name), 'utf8');
    assert.deepEqual(ts.preProcessFile(source, true, true).importedFiles, [], name);
  }
});

/** The editor's events as VS Code sends them: a language change is a close and an open in one turn. */
function session() {
  const queued: (() => void)[] = [];
  const switches = new LanguageSwitches('napcat-log', (f) => queued.push(f));
  const endTurn = () => {
    for (const f of queued.splice(0)) f();
  };
  const changeLanguage = (uri: string, from: string, to: string) => {
    switches.closed(uri, from);
    const fresh = switches.opened(uri, to);
    endTurn();
    return fresh;
  };
  const open = (uri: string, lang: string) => {
    const fresh = switches.opened(uri, lang);
    endTurn();
    return fresh;
  };
  const close = (uri: string, lang: string) => {
    switches.closed(uri, lang);
    endTurn();
  };
  return { switches, changeLanguage, open, close };
}

test('switch memory: our switch is not a choice; the user\'s change back is, for the rest of the session', () => {
  const { switches, changeLanguage, open, close } = session();
  const uri = 'file:///home/me/bot.log';
  assert.equal(open(uri, 'log'), true, 'a document being opened is looked at');
  assert.ok(switches.maySwitch(uri));
  switches.switching(uri);
  assert.ok(!switches.maySwitch(uri), 'no second switch while one is on its way');
  assert.equal(changeLanguage(uri, 'log', 'napcat-log'), false, 'our switch is no open to look at');
  switches.done(uri);
  assert.ok(switches.maySwitch(uri), 'our own switch is not a choice');

  assert.equal(changeLanguage(uri, 'napcat-log', 'log'), false, 'the user changes it back');
  assert.ok(switches.isChosen(uri));
  assert.ok(!switches.maySwitch(uri));
  close(uri, 'log');
  assert.equal(open(uri, 'log'), true);
  assert.ok(!switches.maySwitch(uri), 'still the user\'s choice after closing and opening again');
});

test('switch memory: a real close and a later open are no language change; other URIs are not affected', () => {
  const { switches, changeLanguage, open, close } = session();
  const a = 'file:///a.log';
  const b = 'file:///b.log';
  open(a, 'log');
  close(a, 'napcat-log');
  assert.equal(open(a, 'log'), true, 'opened again in a later turn: looked at again');
  assert.ok(switches.maySwitch(a));
  // A file that was NapCat Log by its name and that the user set to Log: never switched back.
  assert.equal(changeLanguage(b, 'napcat-log', 'log'), false);
  assert.ok(!switches.maySwitch(b));
  assert.ok(switches.maySwitch(a));
  // A change to plain text from Log is a choice too.
  assert.equal(changeLanguage(a, 'log', 'plaintext'), false);
  assert.ok(!switches.maySwitch(a));
});

test('package.json: the napcat.logs.detect setting, on by default, described in English and Chinese; activation by log files', () => {
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, name), 'utf8'));
  const manifest = read('package.json');
  const setting = manifest.contributes.configuration.properties['napcat.logs.detect'];
  assert.equal(setting.type, 'boolean');
  assert.equal(setting.default, true);
  assert.equal(setting.markdownDescription, '%config.logs.detect.description%');
  assert.match(read('package.nls.json')['config.logs.detect.description'], /NapCat Log/);
  assert.match(read('package.nls.zh-cn.json')['config.logs.detect.description'], /[\u4e00-\u9fff]/);
  assert.ok(manifest.activationEvents.includes('onLanguage:log'));
});
