/**
 * ARCHITECTURE.md's "Where each finding code lives" names, for every finding code, the rule that
 * reports it and the fix that repairs it. A newcomer looking for `napcat.url-scheme` finds both
 * from that table; this test keeps the table true.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/golden';

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

interface Row {
  readonly codes: readonly string[];
  readonly rule: string;
  readonly fix: string | undefined;
}

function table(): Row[] {
  const doc = read('ARCHITECTURE.md');
  const start = doc.indexOf('## Where each finding code lives');
  assert.ok(start >= 0, 'ARCHITECTURE.md has the table');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 3));
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `napcat.'))
    .map((l) => {
      const [codes, rule, fix] = l.split('|').slice(1, 4).map((c) => c.trim());
      const file = (cell: string) => /`([^`]+\.ts)`/.exec(cell)?.[1];
      return { codes: [...codes.matchAll(/`(napcat\.[a-z0-9-]+)`/g)].map((m) => m[1]), rule: file(rule)!, fix: file(fix) };
    });
}

/** The codes of `FindingPayloads`, read from the source. */
function findingCodes(): string[] {
  const src = read('server/src/core/findings.ts');
  const body = src.slice(src.indexOf('export interface FindingPayloads'));
  return [...body.slice(0, body.indexOf('\n}')).matchAll(/^\s+'(napcat\.[a-z0-9-]+)'\??:/gm)].map((m) => m[1]);
}

test('every finding code has exactly one row, and every row names codes that exist', () => {
  const codes = findingCodes();
  assert.ok(codes.length >= 20, `read ${codes.length} codes from findings.ts`);
  const listed = table().flatMap((r) => r.codes);
  assert.deepEqual([...listed].sort(), [...new Set(listed)].sort(), 'no code listed twice');
  assert.deepEqual([...listed].sort(), [...codes].sort());
});

test('the rule named for a code reports it, and the fix named for it is what the service dispatches it to', () => {
  const dispatch = read('server/src/service/fixes/index.ts');
  for (const row of table()) {
    const rule = read(path.join('server/src/core', row.rule));
    for (const code of row.codes) assert.ok(rule.includes(`'${code}'`), `${row.rule} reports ${code}`);
    if (!row.fix) continue;
    const module = `./${path.basename(row.fix, '.ts')}`;
    assert.ok(fs.existsSync(path.join(ROOT, 'server/src/service', row.fix)), `${row.fix} exists`);
    assert.ok(dispatch.includes(`from '${module}'`), `service/fixes/index.ts dispatches to ${row.fix}`);
    for (const code of row.codes) assert.ok(dispatch.includes(`case '${code}':`), `service/fixes/index.ts has a case for ${code}`);
  }
});
