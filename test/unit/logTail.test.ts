import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileTail } from '../../server/src/files/tail';
import { analyzeLog, isNapCatLogName, LogAnalyzer, logFolderFor, logFolderOf, newestLog, type LogFacts } from '../../server/src/log';

/**
 * The incremental reader of a log NapCat is writing (`FileTail` feeding the log layer's
 * `LogAnalyzer`): after any sequence of appends, the facts are those of `analyzeLog` on the
 * complete lines written so far; a truncated or replaced file is read again from its start; CRLF
 * and a character split between reads change nothing; an unfinished last line counts once it
 * ends. And the one rule of where a config's log folder is.
 */

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-tail-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const SUMMARY = ['07-07 10:40:50 [info] 小明 | [network] 配置加载', 'HTTP服务: 0.0.0.0:3000, : 已启动', 'WebSocket反向服务: ws://127.0.0.1:8080/onebot/v11/ws, : 已启动'];
const REFUSED = (t: string) => `07-07 ${t} [error] 小明 | [OneBot] [WebSocket Client] 反向WebSocket (ws://127.0.0.1:8080/onebot/v11/ws) 连接错误 Error: connect ECONNREFUSED 127.0.0.1:8080`;

/** The facts `analyzeLog` gives for the complete lines of `text` (what the tail must agree with). */
function factsOfCompleteLines(text: string): LogFacts {
  const end = text.lastIndexOf('\n');
  return analyzeLog(end < 0 ? '' : text.slice(0, end + 1)).facts;
}

const tailOf = (file: string, chunk?: number) => new FileTail(file, () => new LogAnalyzer({ links: false }), chunk);

let n = 0;
const fresh = (name = `napcat-${++n}.log`) => path.join(dir, name);

test('appends: only the new bytes are read, and the facts are those of the whole text', async () => {
  const file = fresh();
  let text = SUMMARY.join('\n') + '\n';
  fs.writeFileSync(file, text);
  const tail = tailOf(file);
  assert.deepEqual(await tail.update(), { kind: 'restarted', bytes: Buffer.byteLength(text) });
  assert.deepEqual(tail.sink!.facts(), factsOfCompleteLines(text));
  assert.equal(tail.sink!.facts().endpoints.length, 0);
  const first = tail.sink;

  const more = REFUSED('10:40:52') + '\n' + REFUSED('10:40:57') + '\n';
  fs.appendFileSync(file, more);
  text += more;
  assert.deepEqual(await tail.update(), { kind: 'appended', bytes: Buffer.byteLength(more) });
  assert.equal(tail.sink, first, 'the same analyzer goes on');
  assert.equal(tail.bytesRead, Buffer.byteLength(text));
  assert.deepEqual(tail.sink!.facts(), factsOfCompleteLines(text));
  assert.equal(tail.sink!.facts().endpoints[0].errors[0].count, 2);
  assert.deepEqual(await tail.update(), { kind: 'unchanged' });
});

test('an unfinished last line counts once its line break is written, and only once', async () => {
  const file = fresh();
  const head = SUMMARY.join('\n') + '\n';
  const line = REFUSED('10:41:00');
  fs.writeFileSync(file, head + line.slice(0, 30));
  const tail = tailOf(file);
  await tail.update();
  assert.equal(tail.sink!.facts().endpoints.length, 0, 'half a line is not an error yet');
  fs.appendFileSync(file, line.slice(30, 90));
  await tail.update();
  assert.equal(tail.sink!.facts().endpoints.length, 0);
  fs.appendFileSync(file, line.slice(90) + '\n');
  await tail.update();
  assert.deepEqual(tail.sink!.facts(), factsOfCompleteLines(head + line + '\n'));
  assert.equal(tail.sink!.facts().endpoints[0].errors[0].count, 1);
});

test('CRLF, a CR and LF in different reads, a multi-byte character split between reads, a byte order mark', async () => {
  const file = fresh();
  const text = '\ufeff' + [...SUMMARY, REFUSED('10:42:00'), REFUSED('10:42:05')].join('\r\n') + '\r\n';
  fs.writeFileSync(file, '');
  // Reads of 7 bytes: CR and LF, and the bytes of 小 or 启, end up in different reads.
  const tail = tailOf(file, 7);
  await tail.update();
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += 13) {
    fs.appendFileSync(file, bytes.subarray(i, i + 13));
    await tail.update();
  }
  const expected = factsOfCompleteLines(text.slice(1).replace(/\r\n/g, '\n'));
  assert.deepEqual(tail.sink!.facts(), expected);
  assert.equal(expected.summary?.entries.length, 2);
  assert.deepEqual(
    expected.summary?.entries.map((e) => e.started),
    [true, true],
  );
  assert.equal(expected.endpoints[0].errors[0].count, 2);
});

test('truncated (shorter than what was read): read again from the start, into a new analyzer', async () => {
  const file = fresh();
  fs.writeFileSync(file, [...SUMMARY, REFUSED('10:43:00'), REFUSED('10:43:01')].join('\n') + '\n');
  const tail = tailOf(file);
  await tail.update();
  const before = tail.sink;
  const text = SUMMARY.join('\n') + '\n';
  fs.writeFileSync(file, text);
  const update = await tail.update();
  assert.deepEqual(update, { kind: 'restarted', bytes: Buffer.byteLength(text) });
  assert.notEqual(tail.sink, before);
  assert.deepEqual(tail.sink!.facts(), factsOfCompleteLines(text));
  assert.equal(tail.sink!.facts().endpoints.length, 0, 'the errors of the old text are gone');
});

test('replaced (another file under the same name, even a longer one): read again from the start', async () => {
  const file = fresh();
  fs.writeFileSync(file, SUMMARY.join('\n') + '\n');
  const tail = tailOf(file);
  await tail.update();
  const text = [SUMMARY[0], 'HTTP服务: 0.0.0.0:3000, : 未启动', REFUSED('10:44:00'), REFUSED('10:44:01'), REFUSED('10:44:02')].join('\n') + '\n';
  const next = file + '.new';
  fs.writeFileSync(next, text);
  fs.renameSync(next, file);
  assert.equal((await tail.update()).kind, 'restarted');
  assert.deepEqual(tail.sink!.facts(), factsOfCompleteLines(text));
  assert.equal(tail.sink!.facts().summary?.entries[0].started, false);
});

test('a file that is gone: unreadable, and what was read is kept; a directory is never opened', async () => {
  const file = fresh();
  fs.writeFileSync(file, SUMMARY.join('\n') + '\n');
  const tail = tailOf(file);
  await tail.update();
  const facts = tail.sink!.facts();
  fs.rmSync(file);
  const update = await tail.update();
  assert.equal(update.kind, 'unreadable');
  assert.match((update as { reason: string }).reason, /^ENOENT/);
  assert.deepEqual(tail.sink!.facts(), facts);
  const folder = fresh('a-folder.log');
  fs.mkdirSync(folder);
  assert.deepEqual(await tailOf(folder).update(), { kind: 'unreadable', reason: 'EISDIR' });
});

test('memory stays bounded: a large log read in pieces keeps a fixed-size buffer and the analyzer’s bounded facts', async () => {
  const file = fresh();
  const block = Array.from({ length: 2000 }, (_, i) => REFUSED(`10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`)).join('\n') + '\n';
  fs.writeFileSync(file, SUMMARY.join('\n') + '\n');
  const tail = tailOf(file);
  await tail.update();
  for (let i = 0; i < 10; i++) {
    fs.appendFileSync(file, block);
    await tail.update();
  }
  const facts = tail.sink!.facts();
  assert.equal(facts.endpoints.length, 1, 'one endpoint, however many lines');
  assert.equal(facts.endpoints[0].errors[0].count, 20_000);
  assert.ok(JSON.stringify(facts).length < 2000, 'the facts of 20 000 errors are a few hundred bytes');
});

test('the log folder of a config: logs/ beside config/, or the setting (absolute, or relative to the workspace folder)', () => {
  assert.equal(logFolderOf('/opt/napcat/config/onebot11_1.json'), '/opt/napcat/logs');
  assert.equal(logFolderOf('C:/NapCat/config/onebot11_1.json'), 'C:/NapCat/logs');
  assert.equal(logFolderOf('/onebot11_1.json'), '/logs');
  assert.deepEqual(logFolderFor('/w/napcat/config/a.json', '', '/w'), { folder: '/w/napcat/logs', fromSetting: false });
  assert.deepEqual(logFolderFor('/w/napcat/config/a.json', ' /var/lib/docker/volumes/logs/_data ', '/w'), { folder: '/var/lib/docker/volumes/logs/_data', fromSetting: true });
  assert.deepEqual(logFolderFor('/w/napcat/config/a.json', './volumes/../napcat-logs/', '/w'), { folder: '/w/napcat-logs', fromSetting: true });
  assert.deepEqual(logFolderFor('/w/napcat/config/a.json', 'logs2', undefined), { folder: '/w/napcat/config/logs2', fromSetting: true }, 'no workspace folder: the config’s folder');
  assert.deepEqual(logFolderFor('C:/w/config/a.json', 'D:\\napcat\\logs', 'C:/w'), { folder: 'D:/napcat/logs', fromSetting: true });
});

test('the newest log: NapCat’s names first, by modification time; any *.log when none is named so', () => {
  assert.ok(isNapCatLogName('2025-03-01_12-30-05.123.log'));
  assert.ok(isNapCatLogName('2025-03-01_12-30-05.1231.log'), 'the next file of a size-limited log');
  assert.ok(isNapCatLogName('2024-11-02_11-38-25.log'));
  assert.ok(!isNapCatLogName('napcat.log'));
  assert.ok(!isNapCatLogName('2025-03-01_12-30-05.123.log.gz'));
  const files = [
    { name: '2025-03-01_12-30-05.123.log', mtimeMs: 100 },
    { name: '2025-03-02_08-00-00.001.log', mtimeMs: 300 },
    { name: 'docker-export.log', mtimeMs: 900 },
    { name: 'notes.txt', mtimeMs: 1000 },
  ];
  assert.equal(newestLog(files)?.name, '2025-03-02_08-00-00.001.log');
  assert.equal(newestLog(files.slice(2))?.name, 'docker-export.log');
  assert.equal(newestLog([files[3]]), undefined);
  assert.equal(newestLog([{ name: '2025-03-01_00-00-00.000.log', mtimeMs: 5 }, { name: '2025-03-01_00-00-00.0001.log', mtimeMs: 5 }])?.name, '2025-03-01_00-00-00.0001.log', 'a tie: the greater name');
});
