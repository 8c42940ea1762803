import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikeNapCatLog } from '../../client/src/logs/detect';
import { analyzeLog, logFindingMessage } from '../../server/src/log';
import { ROOT } from '../helpers/golden';

/**
 * The example NapCat log (examples/logs/, shown by `npm run demo`) keeps telling its story: the
 * client opens it as NapCat Log by its first lines, and the server finds the port in use, the
 * refused framework (one finding for the three retries) and the wrong path, with the WebUI token
 * masked.
 */
test('the example log opens as NapCat Log and explains its three failures', () => {
  const text = fs.readFileSync(path.join(ROOT, 'examples', 'logs', 'napcat_2026-11-20.log'), 'utf8');
  assert.equal(looksLikeNapCatLog(text.split('\n')), true);
  const { findings, links } = analyzeLog(text);
  assert.deepEqual(
    findings.map((f) => [f.code, f.severity]),
    [
      ['napcat.log-port-in-use', 'error'],
      ['napcat.log-connection-refused', 'warning'],
      ['napcat.log-wrong-path', 'warning'],
    ],
  );
  assert.match(logFindingMessage(findings[1]), /appears 3 times/);
  const webui = links.find((l) => l.kind === 'url' && l.url.includes('/webui'));
  assert.ok(webui && webui.kind === 'url' && webui.secret && !webui.display.includes('8c1f0e2d7a9b4c36'), 'the WebUI token is masked for display');
});
