import type { Analysis } from '../../core';
import { applyEdits, normalizeEdits, type TextEdit } from '../../core/fixes';
import { parseText } from '../../core/json/parse';
import type { Fix } from './fix';
import { fixesFor } from './index';

/**
 * The safe fixes of every finding as one consistent edit set on the analysed text: one fix per
 * target (the most complete), non-overlapping, and checked to leave a text NapCat can read.
 * Empty when there is nothing safe to fix. `source.fixAll.napcat` and `napcat-config check --fix`
 * both apply exactly these edits.
 */
export function fixAll(analysis: Analysis): TextEdit[] {
  return chosenOf(analysis).edits;
}

/** The fixes `fixAll` applies, in text order (their titles say what changed). */
export function safeFixes(analysis: Analysis): readonly Fix[] {
  return chosenOf(analysis).fixes;
}

interface Chosen {
  readonly fixes: readonly Fix[];
  readonly edits: TextEdit[];
}

const NOTHING: Chosen = { fixes: [], edits: [] };
const chosenSets = new WeakMap<Analysis, Chosen>();

function chosenOf(analysis: Analysis): Chosen {
  let chosen = chosenSets.get(analysis);
  if (!chosen) chosenSets.set(analysis, (chosen = choose(analysis)));
  return { fixes: chosen.fixes, edits: [...chosen.edits] };
}

function choose(analysis: Analysis): Chosen {
  const text = analysis.parsed?.text;
  if (text === undefined || analysis.parsed?.failure) return NOTHING;
  const best = new Map<number, Fix>();
  for (const finding of analysis.findings) {
    for (const fix of fixesFor(analysis, finding, false)) {
      if (!fix.safe || fix.edits.length === 0) continue;
      const prev = best.get(fix.target);
      if (!prev || fix.rank > prev.rank) best.set(fix.target, fix);
    }
  }
  // In text order, a fix is taken when it starts after everything taken so far (touching only
  // where neither side inserts, so the order of two insertions at one offset never matters).
  const chosen: TextEdit[] = [];
  const taken: Fix[] = [];
  let end = -1;
  let endsWithInsertion = false;
  const fixes = [...best.values()].sort((a, b) => a.edits[0].offset - b.edits[0].offset);
  for (const fix of fixes) {
    const first = fix.edits[0];
    if (first.offset < end || (first.offset === end && (endsWithInsertion || first.length === 0))) continue;
    chosen.push(...fix.edits);
    taken.push(fix);
    const last = fix.edits[fix.edits.length - 1];
    end = last.offset + last.length;
    endsWithInsertion = last.length === 0;
  }
  if (chosen.length === 0) return NOTHING;
  try {
    const edits = normalizeEdits(chosen);
    // Safety net: never hand out a text NapCat cannot read.
    return parseText(applyEdits(text, edits)).failure ? NOTHING : { fixes: taken, edits };
  } catch {
    return NOTHING; // overlapping edits: a bug, but never a broken file
  }
}
