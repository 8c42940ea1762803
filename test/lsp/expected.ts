import { analyze, LineIndex, type AnalyzeOptions, type Lang, type Range as CoreRange } from '../../server/src/core';
import type { Diagnostic, Range } from 'vscode-languageserver';
import { inLang } from '../helpers/l10n';
import { localize, wordMessage } from '../../server/src/wording';

/**
 * What the server must answer, computed here straight from `analyze()` with an independent
 * offset → position conversion, so server output can be compared with the core's findings.
 */

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

export function expectedDiagnostics(text: string, options: AnalyzeOptions = {}, lang: Lang = 'en', uri?: string): Diagnostic[] {
  const index = new LineIndex(text);
  const range = (r: CoreRange): Range => ({ start: index.positionAt(r.offset), end: index.positionAt(r.offset + r.length) });
  // The core's findings, worded in `lang` as the server words them.
  const findings = analyze(text, options).findings;
  return inLang(lang, () => findings.map((f) => {
    const d: Diagnostic = {
      range: range(f.range),
      severity: SEVERITY[f.severity],
      code: f.code,
      source: 'napcat',
      message: wordMessage(f),
    };
    if (f.related?.length) {
      d.relatedInformation = f.related.map((r) => ({
        location: { uri: uri ?? '', range: range(r.range) },
        message: localize(r.message, r.args),
      }));
    }
    // The server adds the finding's key (offset:length) for its code actions.
    d.data = { ...(f.data === undefined ? {} : JSON.parse(JSON.stringify(f.data))), finding: `${f.range.offset}:${f.range.length}` };
    if (f.unnecessary) d.tags = [1];
    return d;
  }));
}

/** Diagnostics as plain JSON in a canonical key order, for deepEqual. */
export function normalize(diagnostics: readonly Diagnostic[]): unknown[] {
  return diagnostics.map((d) => JSON.parse(JSON.stringify(d, Object.keys(flatten(d)).sort())));
}

function flatten(value: unknown, keys: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys[k] = true;
      flatten(v, keys);
    }
  }
  return keys;
}

/** `{line, character}` pairs of a range, as `L:C-L:C` (0-based), for readable assertions. */
export function rangeText(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** A diagnostic's `data` without the key the server adds (`finding`, checked to be `offset:length`). */
export function ownData(d: Diagnostic): unknown {
  const { finding, ...rest } = d.data as Record<string, unknown>;
  if (typeof finding !== 'string' || !/^\d+:\d+$/.test(finding)) throw new Error(`no finding key in ${JSON.stringify(d.data)}`);
  return rest;
}
