/**
 * End to end, in a real VS Code (code-server) in Chromium: what NapCat's own log says, shown on
 * the connections of the NapCat sidebar. A workspace holds a NapCat folder (`config/` with a
 * config, `logs/` with the log NapCat is writing); the tree shows `started` / `not started` from
 * the log's network summary, and an error line NapCat appends while VS Code is open turns the
 * entry to `failing`. Run in English and in Chinese; screenshots in test/e2e/artifacts/.
 * Expectations come from the log text written here and the message catalogues, never from what the
 * UI printed before.
 */
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format, type Lang } from '../../server/src/core';
import { ERROR_KINDS, FACTS_WORDS as W } from '../../server/src/log';
import { M as HOVER } from '../../server/src/service/messages';
import { say } from '../helpers/l10n';
import { napcatStartLog, refusedLine } from '../helpers/napcatLog';
import { closeBrowser, ROOT, VsCode } from './driver';

/** A scenario that hangs fails after this long. */
const SCENARIO_TIMEOUT = 4 * 60_000;

const NONEBOT = 'ws://127.0.0.1:8080/onebot/v11/ws';
const KOISHI = 'ws://127.0.0.1:5140/onebot';
const CONFIG =
  JSON.stringify(
    {
      network: {
        httpServers: [{ name: 'http-api', enable: true, host: '0.0.0.0', port: 3000, token: '' }],
        websocketClients: [
          { name: 'nonebot', enable: true, url: NONEBOT, token: '' },
          { name: 'koishi', enable: true, url: KOISHI, token: '' },
        ],
      },
    },
    null,
    2,
  ) + '\n';
const LOG_NAME = '2026-01-02_09-12-00.123.log';
const START = napcatStartLog({ started: NONEBOT, notStarted: KOISHI, eol: '\n', configFile: 'config/onebot11_20005.json' });
const refused = (time: string) => refusedLine(time, NONEBOT, '\n');

/** The zh-cn bundle: the client's own strings are worded by VS Code from it. */
const BUNDLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
/** A client string in `lang`, as `vscode.l10n.t` words it. */
const client = (lang: Lang, message: string, args: Record<string, string | number>) => format(lang === 'en' ? message : (BUNDLE[message] ?? message), args);

/** The NapCat sidebar's title, as the manifest gives it. */
function sidebarTitle(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes?: { viewsContainers?: { activitybar?: { id: string; title: string }[] } };
  };
  const c = manifest.contributes?.viewsContainers?.activitybar?.find((v) => /napcat/i.test(v.id));
  assert.ok(c, 'package.json contributes the NapCat sidebar');
  return c.title.startsWith('%') ? 'NapCat' : c.title;
}

/** A workspace holding a NapCat folder: napcat/config/onebot11_20005.json and napcat/logs/<log>. */
function napcatWorkspace(): { workspace: string; log: string } {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-ws-logs-'));
  fs.mkdirSync(path.join(workspace, 'napcat', 'config'), { recursive: true });
  fs.mkdirSync(path.join(workspace, 'napcat', 'logs'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'napcat', 'config', 'onebot11_20005.json'), CONFIG);
  const log = path.join(workspace, 'napcat', 'logs', LOG_NAME);
  fs.writeFileSync(log, START);
  return { workspace, log };
}

after(() => closeBrowser());

describe('NapCat log facts in the sidebar', () => {
  for (const lang of ['en', 'zh-cn'] as const) {
    test(`${lang}: the tree shows started / not started from the log, and failing once NapCat appends an error`, { timeout: SCENARIO_TIMEOUT }, async () => {
      const { workspace, log } = napcatWorkspace();
      // What each row must say, from the catalogues: `log: started`, `log: not started`, then the failure.
      const logSays = (facts: string) => client(lang, 'log: {facts}', { facts });
      const started = logSays(say(lang, W.started));
      const notStarted = logSays(say(lang, W.notStarted));
      const tally = say(lang, W.tally, { kind: say(lang, ERROR_KINDS.refused), count: 1, last: '01-02 09:12:05' });
      const failing = logSays(say(lang, W.statusAndErrors, { status: say(lang, W.started), errors: say(lang, W.failing, { errors: tally }) }));
      const vs = await VsCode.open({ workspace, ...(lang === 'zh-cn' && { locale: 'zh-cn' }) });
      try {
        await vs.step(`logs-${lang}`, async () => {
          await vs.openViewContainer(sidebarTitle());
          await vs.resizeSideBar(720);
          const has = (text: string) => (label: string) => label.includes(text);
          await vs.waitForTreeRow('nonebot', has(started));
          await vs.waitForTreeRow('koishi', has(notStarted));
          await vs.waitForTreeRow('http-api', has(started));
          await vs.screenshot(`logs-started-${lang}`);

          // NapCat writes while VS Code is open: the server follows the log and the row changes.
          fs.appendFileSync(log, refused('09:12:05'));
          const row = await vs.waitForTreeRow('nonebot', has(failing));
          assert.ok(!row.includes(`${started} ·`), `the row no longer says only started: ${row}`);
          await vs.waitForTreeRow('koishi', has(notStarted));

          // The tooltip has the facts with their line, and the file node which log was read.
          const logTitle = client(lang, 'NapCat log', {});
          const tooltip = await vs.hoverText(vs.treeRow('nonebot').locator('.monaco-icon-label').first(), logTitle);
          assert.ok(tooltip.includes(tally), tooltip);
          assert.ok(tooltip.includes(client(lang, 'Open the log at line {line}', { line: START.split('\n').length })), tooltip);
          const fileTooltip = await vs.hoverText(vs.treeRow('20005').locator('.monaco-icon-label').first(), LOG_NAME);
          assert.ok(fileTooltip.includes(LOG_NAME), fileTooltip);

          // The picture for the README: the tree, with the entry's tooltip open (and no other).
          const openAt = client(lang, 'Open the log at line {line}', { line: START.split('\n').length });
          await vs.page.mouse.move(0, 0);
          await vs.page.locator('.workbench-hover').first().waitFor({ state: 'hidden' });
          await vs.treeRow('nonebot').locator('.monaco-icon-label').first().hover();
          await vs.page.locator('.workbench-hover').filter({ hasText: openAt }).first().waitFor({ state: 'visible' });
          await vs.screenshot(`logs-failing-${lang}`);
          await vs.page.mouse.move(0, 0);

          // The hover of the entry in the editor says the same.
          await vs.openFile('onebot11_20005.json');
          const name = vs.page.locator('.part.editor .view-line').getByText('"nonebot"', { exact: true }).first();
          // The cursor on the entry's name, then "Show Hover" (Ctrl+K Ctrl+I): no wait on the mouse
          // resting. The code lenses (one per entry) come first, as they move the lines down.
          await vs.page.locator('.part.editor .codelens-decoration').nth(2).waitFor();
          const editorHover = vs.page.locator('.part.editor .monaco-hover', { hasText: say(lang, HOVER.logFacts, { file: LOG_NAME }) }).first();
          for (let attempt = 1; ; attempt++) {
            await name.click();
            await vs.page.keyboard.press('Control+K');
            await vs.page.keyboard.press('Control+I');
            const shown = await editorHover.waitFor({ state: 'visible', timeout: 10_000 }).then(
              () => true,
              () => false,
            );
            if (shown) break;
            // A late layout change moved the line under the click: click the name again.
            if (attempt === 3) await editorHover.waitFor({ state: 'visible' });
            await vs.page.keyboard.press('Escape');
          }
          const hover = await editorHover.innerText();
          assert.ok(hover.includes(say(lang, HOVER.logFacts, { file: LOG_NAME })), hover);
          assert.ok(hover.includes(tally), hover);
          await vs.screenshot(`logs-hover-${lang}`);
        });
      } finally {
        await vs.close();
        fs.rmSync(workspace, { recursive: true, force: true });
      }
    });
  }
});
