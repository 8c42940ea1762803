import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { analyze, LineIndex, parseVersion, type AnalyzeOptions, type Finding, type Lang } from '../../server/src/core';
import { say, sayFinding } from './l10n';

/** The repository root, from out/test/helpers at run time. */
export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/**
 * Renders findings as stable text, one per line:
 *   `L:C-L:C severity code message` (1-based, English by default)
 * followed by `  related L:C message` lines and a `  data {...}` line when present.
 */
export function renderFindings(text: string, findings: readonly Finding[], lang: Lang = 'en'): string {
  const idx = new LineIndex(text);
  const pos = (o: number) => {
    const p = idx.positionAt(o);
    return `${p.line + 1}:${p.character + 1}`;
  };
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(
      `${pos(f.range.offset)}-${pos(f.range.offset + f.range.length)} ${f.severity} ${f.code} ${sayFinding(lang, f)}`,
    );
    for (const r of f.related ?? []) lines.push(`  related ${pos(r.range.offset)} ${say(lang, r.message, r.args)}`);
    if (f.data !== undefined) lines.push(`  data ${JSON.stringify(f.data)}`);
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

/**
 * Golden test of the core on one fixture: analyses `test/fixtures/<rel>` and compares the rendered
 * findings with `<rel>.expected` (English) byte for byte. The first line of a fixture may say
 * `// target: 4.3.0` to analyse for that NapCat version. With UPDATE_GOLDEN=1 the expected file
 * is (re)written instead; review the diff before committing.
 */
export function checkGolden(rel: string, options: AnalyzeOptions = {}): void {
  const file = path.join(FIXTURES, rel);
  const text = fs.readFileSync(file, 'utf8');
  const target = /^\uFEFF?\/\/\s*target:\s*(\S+)/.exec(text)?.[1];
  const targetVersion = target ? parseVersion(target) : undefined;
  const actual = renderFindings(text, analyze(text, { targetVersion, ...options }).findings);
  const expectedFile = file + '.expected';
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.writeFileSync(expectedFile, actual);
    return;
  }
  assert.ok(fs.existsSync(expectedFile), `missing ${path.relative(ROOT, expectedFile)} (run with UPDATE_GOLDEN=1)`);
  assert.equal(actual, fs.readFileSync(expectedFile, 'utf8'), `findings of ${rel} differ from ${rel}.expected`);
}

/** Fixture file names (relative to test/fixtures) under a folder, without the .expected files. */
export function fixturesIn(folder: string): string[] {
  const dir = path.join(FIXTURES, folder);
  return fs
    .readdirSync(dir)
    .filter((f) => !f.endsWith('.expected'))
    .sort()
    .map((f) => path.join(folder, f));
}
