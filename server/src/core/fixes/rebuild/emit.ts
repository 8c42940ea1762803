import { type Prop, valueOf } from '../../json/nodes';
import { type JsonNode } from '../../json/parse';
import { defaultFor } from '../../model';
import { ADAPTER_KINDS, type AdapterKind, KINDS } from '../../schema';
import { type NewMember, appendMembers, inlineMember, lines } from '../insert';
import { closeOf, commaAfter, indentOf, isMultiLine, jsonString, lineStartOf, lineTailEnd, memberIndent, renderObject } from '../layout';
import { M } from './messages';
import { RebuildState } from './state';
import { type Planned, type Removal } from './types';
import { Refusal, SHARED_KEYS, type SharedKey, takes } from './util';

/** The edits: removed sections, the new `network` (or its new kinds and entries), written in the file's own layout. */

/**
 * The text span a top-level property owns: from the end of the previous member's line (or of
 * the line of `{`) to the end of its own line tail (comma, trailing comment, line break). When a
 * member shares its line with others, the span stops at the token boundaries instead.
 */
export function chunkOf(s: RebuildState, p: Prop): [number, number] {
  const [start, end] = chunks(s).get(p.prop)!;
  return [start, end];
}

export function chunks(s: RebuildState): Map<JsonNode, [number, number]> {
  if (s.chunkCache) return s.chunkCache;
  const map = new Map<JsonNode, [number, number]>();
  const members = s.root.children ?? [];
  let start = lineTailEnd(s.text, s.root.offset + 1);
  members.forEach((m, i) => {
    const comma = commaAfter(s.text, m);
    const after = comma >= 0 ? comma + 1 : m.offset + m.length;
    let end = lineTailEnd(s.text, after);
    if (i === members.length - 1 && end > closeOf(s.root)) end = after;
    map.set(m, [start, end]);
    start = end;
  });
  return (s.chunkCache = map);
}

/** Where the new `network` goes when the file has none: in place of the first legacy section. */
export function networkSlot(removals: Removal[]): Removal {
  const shared = SHARED_KEYS as readonly string[];
  return removals.find((r) => !shared.includes(r.prop.key)) ?? removals[0];
}

/**
 * Removes the legacy properties (leaving their unplaced comments where they were), puts the new
 * `network` in `slot`, and keeps the commas right: the last surviving member gets a trailing
 * comma only if the file's last member had one.
 */
export function editRoot(s: RebuildState, removals: Removal[], slot: Removal | undefined, created: Planned[]): void {
  const { text, layout } = s;
  const members = s.root.children ?? [];
  if (removals.length === 0) return;
  const removed = new Map(removals.map((r) => [r.prop.prop, r]));
  const survives = (m: JsonNode) => !removed.has(m) || removed.get(m) === slot;
  const lastMember = members[members.length - 1];
  const trailing = commaAfter(text, lastMember) >= 0;
  let lastSurvivor = -1;
  members.forEach((m, i) => {
    if (survives(m)) lastSurvivor = i;
  });
  if (lastSurvivor >= 0 && lastSurvivor < members.length - 1 && !trailing && !removed.has(members[lastSurvivor])) {
    s.edits.push({ offset: commaAfter(text, members[lastSurvivor]), length: 1, newText: '' });
  }
  const compact = !isMultiLine(text, s.root);
  for (const r of removals) {
    const [start, end] = chunkOf(s, r.prop);
    const atLineStart = start === lineStartOf(text, start);
    const endsLine = end > start && (text[end - 1] === '\n' || text[end - 1] === '\r');
    const indent = atLineStart ? indentOf(text, r.prop.prop.offset) : '';
    let out = '';
    for (const c of r.leftover) {
      const body = text.slice(c.offset, c.offset + c.length);
      out += atLineStart ? indent + body + layout.eol : ' ' + body + (c.line ? layout.eol : '');
    }
    if (r === slot) {
      const i = members.indexOf(r.prop.prop);
      const comma = i < lastSurvivor || (i === lastSurvivor && trailing);
      const memberIndentText = atLineStart ? indent : memberIndent(text, s.root, layout);
      const value = renderNetwork(s, created, memberIndentText, compact || !atLineStart);
      const lead = atLineStart ? indent : start === s.root.offset + 1 ? '' : ' ';
      out += lead + '"network": ' + value + (comma ? ',' : '') + (endsLine ? layout.eol : '');
    } else if (!atLineStart && endsLine && (out !== '' || survivorBefore(s, r, survives)) && !out.endsWith(layout.eol)) {
      // The line break ends a line that keeps something: it stays.
      out += layout.eol;
    }
    let until = end;
    const next = members[members.indexOf(r.prop.prop) + 1];
    if (r !== slot && atLineStart && !endsLine && next && !removed.has(next)) {
      // The next member shared this line: it moves to the start of the line, at this indentation.
      while (text[until] === ' ' || text[until] === '\t') until++;
      out += indent;
    }
    s.edits.push({ offset: start, length: until - start, newText: out });
  }
}

/** True when a member before `r` on its line survives (the line, and its line break, stay). */
export function survivorBefore(s: RebuildState, r: Removal, survives: (m: JsonNode) => boolean): boolean {
  const members = s.root.children ?? [];
  for (let i = members.indexOf(r.prop.prop) - 1; i >= 0; i--) {
    if (survives(members[i])) return true;
    const [start] = chunks(s).get(members[i])!;
    if (start === lineStartOf(s.text, start)) return false;
  }
  return false;
}

/** The value of a new `network`: one list per kind that has new entries, in NapCat's order. */
export function renderNetwork(s: RebuildState, created: Planned[], indent: string, compact: boolean): string {
  const members = ADAPTER_KINDS.filter((k) => created.some((p) => p.kind === k)).map((k) =>
    kindMember(s, k, created.filter((p) => p.kind === k)),
  );
  if (compact) return `{${members.map((m) => inlineMember(m, s.layout.eol)).join(', ')}}`;
  const inner = indent + s.layout.unit;
  return `{${s.layout.eol}${members.map((m) => lines(m, inner, s.layout.eol)).join(',' + s.layout.eol)}${s.layout.eol}${indent}}`;
}

/** `"<kind>": [ …entries ]` as a member to insert. */
export function kindMember(s: RebuildState, kind: AdapterKind, entries: Planned[]): NewMember {
  return {
    comments: [],
    render: (indent, compact) => {
      const items = entries.map((p) => entryMember(s, p));
      if (compact) return `${jsonString(kind)}: [${items.map((m) => inlineMember(m, s.layout.eol)).join(', ')}]`;
      const inner = indent + s.layout.unit;
      const { eol } = s.layout;
      return `${jsonString(kind)}: [${eol}${items.map((m) => lines(m, inner, eol)).join(',' + eol)}${eol}${indent}]`;
    },
  };
}

export function entryMember(s: RebuildState, p: Planned): NewMember {
  return {
    comments: p.comments.sort((a, b) => a.offset - b.offset).map((c) => s.text.slice(c.offset, c.offset + c.length)),
    render: (indent, compact) => renderObject(valuesOf(s, p), indent, s.layout, compact),
  };
}

/** Appends the new entries to the lists of an existing `network` (adding the lists it lacks). */
export function insertIntoNetwork(s: RebuildState, created: Planned[]): void {
  const expand = isMultiLine(s.text, s.root);
  const newKinds: NewMember[] = [];
  for (const kind of ADAPTER_KINDS) {
    const mine = created.filter((p) => p.kind === kind);
    if (mine.length === 0) continue;
    const list = s.lists.get(kind);
    if (!list) {
      newKinds.push(kindMember(s, kind, mine));
      continue;
    }
    if (list.value?.type !== 'array') throw new Refusal(M.listNotArray, { kind });
    s.edits.push(...appendMembers(s.text, list.value, mine.map((p) => entryMember(s, p)), s.layout, expand));
  }
  s.edits.push(...appendMembers(s.text, s.network!, newKinds, s.layout, expand));
}

/** Final values of a planned entry: its own, else the top-level setting, else NapCat's default. */
export function valuesOf(s: RebuildState, p: Planned): (readonly [string, unknown])[] {
  const out: (readonly [string, unknown])[] = [];
  for (const [key, spec] of Object.entries(KINDS[p.kind].fields)) {
    if (key === 'name') out.push([key, p.name]);
    else if (key === 'enable') out.push([key, p.enabled]);
    else if (p.own.has(key)) out.push([key, p.own.get(key)]);
    else if ((SHARED_KEYS as readonly string[]).includes(key) && takes(p.kind, key as SharedKey) && s.top.has(key)) {
      out.push([key, valueOf(s.top.get(key)!.value)]);
    } else if (spec.default !== undefined) out.push([key, defaultFor(p.kind, key, s.version)]);
  }
  return [...out, ...p.extra];
}
