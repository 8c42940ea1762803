/**
 * End to end, in a real VS Code (code-server) in Chromium: managing the connections of a NapCat
 * config from the NapCat sidebar. Add a reverse WebSocket client through the input steps (a name
 * already taken is refused with the diagnostic's words, and retyped), disable one adapter with its
 * checkbox, rename one, delete one and undo; the tree and the Problems panel follow each step.
 * Expectations come from the fixture, the core's analysis and the service's own validation, never
 * from what the UI printed before. Screenshots in test/e2e/artifacts/.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSON5 from 'json5';
import { analyze, type Lang } from '../../server/src/core';
import { KINDS } from '../../server/src/core/schema';
import { validateField } from '../../server/src/service/connections';
import { inLang, say } from '../helpers/l10n';
import { buildVsix, closeBrowser, ensureCodeServer, ROOT, VsCode, waitForFile, workspaceFrom, type Problem } from './driver';

/** The scenario takes about a minute; a hang fails after this long. */
const SCENARIO_TIMEOUT = 5 * 60_000;
const FILE = 'onebot11_20013.json';

const codeIs = (code: string) => (p: Problem) => p.code === code;

/** The manifest's strings (menu titles) in the window's language. */
function manifestStrings(lang: Lang): Record<string, string> {
  const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  if (lang === 'en') return en;
  return { ...en, ...(JSON.parse(fs.readFileSync(path.join(ROOT, `package.nls.${lang}.json`), 'utf8')) as Record<string, string>) };
}

interface Client {
  name: string;
  enable: boolean;
  url: string;
  token: string;
}

function clients(text: string): Client[] {
  return (JSON5.parse(text) as { network: { websocketClients: Client[] } }).network.websocketClients;
}

/** The names of the tree's rows, as a screen reader reads them (label, then description). */
async function rows(vs: VsCode): Promise<string[]> {
  return vs.page.locator('.part.sidebar .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

describe('Managing connections from the NapCat sidebar (code-server + Chromium)', () => {
  before(() => {
    ensureCodeServer();
    buildVsix();
  });
  after(closeBrowser);

  for (const lang of ['en', 'zh-cn'] as const satisfies readonly Lang[]) {
    test(`add a reverse WS client step by step, disable, rename, delete and undo (${lang})`, { timeout: SCENARIO_TIMEOUT }, async () => {
      const workspace = workspaceFrom('connections');
      const file = path.join(workspace, FILE);
      const original = fs.readFileSync(file, 'utf8');
      const nls = manifestStrings(lang);
      const tr = (text: string) => say(lang, text);
      // What the fixture holds, as the core reads it: the duplicate name and the port conflict the steps resolve.
      const findings = analyze(original).findings.map((f) => f.code);
      assert.ok(findings.includes('napcat.duplicate-name') && findings.includes('napcat.port-conflict'), `the fixture's problems: ${findings.join(', ')}`);
      // The words the refusal of a taken name must carry: the service's validation of the same text.
      const taken = inLang(lang, () => validateField(analyze(original), 'websocketClients', 'name', 'koishi'));
      assert.ok(taken?.reason, 'the service refuses the name koishi');

      const vs = await VsCode.open({ workspace, locale: lang });
      try {
        await vs.step(`conn-${lang}`, async () => {
          await vs.openFile(FILE);
          await vs.waitForProblems((r) => r.some(codeIs('napcat.duplicate-name')) && r.some(codeIs('napcat.port-conflict')), 'the fixture\'s two errors');
          await vs.openViewContainer('NapCat');
          for (const name of ['http-api', 'ws-server', 'nonebot']) await vs.treeRow(name).waitFor();
          await vs.screenshot(`conn-${lang}-1-start`);

          // 1. Add: from the config node, kind → name → endpoint → token.
          await vs.contextMenu(vs.treeRow('20013'), nls['command.addConnection.title']);
          await vs.waitForQuickInputTitle((t) => t.includes('1/4'), 'step 1/4');
          await vs.pickQuickInput(tr(KINDS.websocketClients.label));
          await vs.waitForQuickInputTitle((t) => t.includes('2/4'), 'step 2/4 (name)');
          const suggested = await vs.quickInputValue();
          assert.ok(suggested.length > 0, 'a name is suggested');
          const names = Object.values((JSON5.parse(original) as { network: Record<string, { name: string }[]> }).network).flatMap((list) => list.map((e) => e.name));
          assert.ok(!names.includes(suggested), `the suggested name ${suggested} is none of ${names.join(', ')}`);
          await vs.fillQuickInput('koishi');
          await vs.waitForQuickInputMessage((m) => m.includes(taken.reason), 'the reason koishi is taken');
          await vs.screenshot(`conn-${lang}-2-name-taken`);
          // Enter does not take a refused name: the step stays, with its reason.
          await vs.acceptQuickInput();
          await vs.waitForQuickInputMessage((m) => m.includes(taken.reason), 'the reason, still');
          assert.match(await vs.quickInputTitle(), /2\/4/, 'still the name step');
          await vs.fillQuickInput('astrbot');
          await vs.waitForQuickInputMessage((m) => !m.includes(taken.reason), 'the reason gone for a free name');
          await vs.acceptQuickInput();
          await vs.waitForQuickInputTitle((t) => t.includes('3/4'), 'step 3/4 (endpoint)');
          await vs.fillQuickInput('ws://127.0.0.1:6199/ws');
          await vs.acceptQuickInput();
          await vs.waitForQuickInputTitle((t) => t.includes('4/4'), 'step 4/4 (token)');
          await vs.fillQuickInput('e2e-astrbot-token');
          await vs.acceptQuickInput();
          await vs.waitQuickInputClosed();
          await vs.waitForTreeRow('astrbot', (label) => label.includes('ws://127.0.0.1:6199/ws'));
          // After adding a client, its test is offered.
          await vs.page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: tr('Test Connection') }).first().waitFor();
          await vs.waitDirty();
          await vs.save();
          const added = await waitForFile(file, (text) => text.includes('astrbot'));
          const astrbot = clients(added).find((c) => c.name === 'astrbot');
          assert.deepEqual(astrbot && { enable: astrbot.enable, url: astrbot.url, token: astrbot.token }, { enable: true, url: 'ws://127.0.0.1:6199/ws', token: 'e2e-astrbot-token' });
          for (const comment of original.match(/\/\/.*$/gm) ?? []) assert.ok(added.includes(comment), `the comment stays: ${comment}`);
          assert.ok(!(await rows(vs)).some((r) => r.includes('e2e-astrbot-token')), 'the token is never shown in the tree');
          // The context menu of an entry: everything the sidebar manages (the README's picture).
          await vs.treeRow('astrbot').click({ button: 'right' });
          await vs.page.locator('.context-view .monaco-menu').first().waitFor();
          await vs.screenshot(`conn-${lang}-3-added-menu`);
          await vs.page.keyboard.press('Escape');

          // 2. Disable nonebot with its checkbox: the file says "enable": false, the tree "disabled".
          await vs.toggleTreeCheckbox(vs.treeRow('nonebot'));
          await vs.waitForTreeRow('nonebot', (label) => label.includes(tr('disabled')));
          await vs.save();
          const disabled = await waitForFile(file, (text) => clients(text).find((c) => c.name === 'nonebot')?.enable === false);
          assert.match(disabled, /"name": "nonebot",\s*"enable": false,/, 'the entry reads "enable": false');
          await vs.screenshot(`conn-${lang}-4-disabled`);

          // 3. Rename the koishi NapCat replaces (the one on port 5140): the duplicate-name error goes.
          const oldKoishi = vs.page.locator('.part.sidebar .monaco-list-row[aria-label^="koishi, "][aria-label*="5140"]').first();
          await vs.contextMenu(oldKoishi, nls['command.renameConnection.title']);
          await vs.waitForQuickInputTitle((title) => title === say(lang, 'Rename {name}', { name: 'koishi' }), 'the rename box');
          assert.equal(await vs.quickInputValue(), 'koishi', 'the rename box holds the current name');
          await vs.fillQuickInput('koishi-old');
          await vs.waitForQuickInputMessage((m) => !m.includes(taken.reason), 'no refusal for a free name');
          await vs.acceptQuickInput();
          await vs.waitQuickInputClosed();
          await vs.waitForTreeRow('koishi-old', (label) => label.includes('5140'));
          await vs.waitForProblems((r) => !r.some(codeIs('napcat.duplicate-name')) && r.some(codeIs('napcat.port-conflict')), 'the duplicate-name error gone, the port conflict still there');
          await vs.save();
          const beforeDelete = await waitForFile(file, (text) => text.includes('"koishi-old"'));
          assert.deepEqual(
            analyze(beforeDelete).findings.filter((f) => f.code === 'napcat.duplicate-name'),
            [],
            'the core agrees: no duplicate names left',
          );
          await vs.screenshot(`conn-${lang}-5-renamed`);

          // 4. Delete http-api (its port is taken by ws-server), confirmed in a dialog naming it; then Undo.
          await vs.contextMenu(vs.treeRow('http-api'), nls['command.deleteConnection.title']);
          const dialog = vs.page.locator('.monaco-dialog-box').filter({ hasText: 'http-api' });
          await dialog.waitFor();
          await vs.screenshot(`conn-${lang}-6-delete-confirm`);
          await dialog.locator('.dialog-buttons .monaco-button', { hasText: tr('Delete') }).first().click();
          await dialog.waitFor({ state: 'hidden' });
          await vs.treeRow('http-api').waitFor({ state: 'detached' });
          await vs.waitForProblems((r) => !r.some(codeIs('napcat.port-conflict')), 'the port conflict gone with the entry');
          await vs.screenshot(`conn-${lang}-7-deleted`);
          await vs.undo();
          await vs.treeRow('http-api').waitFor();
          await vs.waitForProblems((r) => r.some(codeIs('napcat.port-conflict')), 'the port conflict back after Undo');
          await vs.save();
          // One Undo takes the whole deletion back: the file is byte for byte what it was.
          const undone = await waitForFile(file, (text) => text.includes('"http-api"'));
          assert.equal(undone, beforeDelete);
          await vs.screenshot(`conn-${lang}-8-undone`);
        });
      } finally {
        await vs.close();
        fs.rmSync(workspace, { recursive: true, force: true });
      }
    });
  }
});
