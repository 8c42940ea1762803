import { type Analysis } from '../../core';
import { rebuild, type RebuildResult } from '../../core/fixes';
import type { Fix } from './fix';
import { F } from './messages';
import { localize } from '../../wording';

/** The whole-file rebuild (`napcat.legacy-config`, names) as a quick fix, never part of fix-all. */

const rebuilt = new WeakMap<Analysis, RebuildResult>();

/**
 * The rebuild of the analysed text for the analysed target version, computed once per analysis.
 * `undefined` when the text was too large to be analysed.
 */
export function rebuildOf(analysis: Analysis): RebuildResult | undefined {
  if (!analysis.parsed) return undefined;
  let r = rebuilt.get(analysis);
  if (!r) rebuilt.set(analysis, (r = rebuild(analysis.parsed.text, { targetVersion: analysis.version })));
  return r;
}

export function rebuildFix(analysis: Analysis, legacy: boolean): Fix[] {
  const r = rebuildOf(analysis);
  if (r?.kind !== 'rebuilt') return [];
  return [
    {
      kind: 'rebuild',
      title: localize(legacy ? F.rebuildLegacy : F.rebuildWhole),
      edits: r.edits,
      preferred: legacy,
      safe: false,
      target: -1,
      rank: 0,
    },
  ];
}
