import { itemsOf } from '../../json/nodes';
import { type Adapter, effectiveValue } from '../../model';
import { type AdapterKind } from '../../schema';
import { addNameEdit, allocateName, deriveName, renameEdit } from '../names';
import { RebuildState } from './state';
import { byRegistration } from './util';

/** Names of the existing entries (duplicates renamed, missing ones derived) and of the new ones. */

/**
 * In each group of equal names, every entry but the one NapCat registers last (the last enabled
 * one; with none enabled, the last) becomes `<name>-2`, `<name>-3`, …; then entries with a
 * missing or empty name get a name derived from their endpoint.
 */
export function fixExistingNames(s: RebuildState): void {
  const missing = s.entries.filter((a) => !a.fields.has('name') || a.writtenName === '');
  const named = s.entries.filter((a) => !missing.includes(a)).sort(byRegistration);
  const groups = new Map<string, Adapter[]>();
  for (const a of named) {
    const g = groups.get(a.effectiveName);
    if (g) g.push(a);
    else groups.set(a.effectiveName, [a]);
  }
  for (const [name, group] of groups) {
    if (group.length < 2) continue;
    const live = group.filter((a) => a.registers);
    const keeper = live[live.length - 1] ?? group[group.length - 1];
    for (const a of group) {
      if (a === keeper) continue;
      const to = allocateName(name, s.used);
      s.edits.push(...renameEdit(s.text, a, to));
      s.renamed.push({ kind: a.kind, index: a.index, from: a.writtenName ?? name, to });
    }
  }
  for (const a of missing.sort(byRegistration)) {
    const base = deriveName(a.kind, {
      url: effectiveValue(a, 'url', s.version),
      port: effectiveValue(a, 'port', s.version),
      index: a.index,
    });
    const to = allocateName(base, s.used);
    s.edits.push(...addNameEdit(s.text, a, to, s.layout));
    s.renamed.push({ kind: a.kind, index: a.index, from: a.fields.has('name') ? '' : null, to });
  }
}

/** Names and list positions of the new entries, after the existing names are settled. */
export function nameNewEntries(s: RebuildState): void {
  const counts = new Map<AdapterKind, number>();
  for (const p of s.planned) {
    const n = counts.get(p.kind) ?? itemsOf(s.lists.get(p.kind)?.value).length;
    counts.set(p.kind, n + 1);
    p.index = n;
    const base =
      p.writtenName ??
      deriveName(p.kind, { url: p.own.get('url'), port: p.own.get('port'), index: n });
    p.name = allocateName(base, s.used);
  }
}
