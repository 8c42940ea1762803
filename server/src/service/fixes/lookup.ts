import type { Adapter, Analysis, EntryRef } from '../../core';
import { scanComments } from '../../core/fixes/layout';
import { KINDS } from '../../core/schema';

/** Lookups built once per analysis, so that fixing every finding of a big file stays linear. */
interface Index {
  /** Adapters by `origin kind index`. */
  readonly adapters: ReadonlyMap<string, Adapter>;
  /** `network` server entries (objects), sorted by offset. */
  readonly servers: readonly Adapter[];
  comments?: ReturnType<typeof scanComments>;
}

const indexes = new WeakMap<Analysis, Index>();

function indexOf(analysis: Analysis): Index {
  let index = indexes.get(analysis);
  if (!index) {
    const adapters = new Map(analysis.model.adapters.map((a) => [`${a.origin} ${a.kind} ${a.index}`, a] as const));
    const servers = analysis.model.adapters
      .filter((a) => a.origin === 'network' && KINDS[a.kind].role === 'server' && a.node.type === 'object')
      .sort((a, b) => a.node.offset - b.node.offset);
    indexes.set(analysis, (index = { adapters, servers }));
  }
  return index;
}

export function commentsOf(analysis: Analysis, text: string): ReturnType<typeof scanComments> {
  const index = indexOf(analysis);
  return (index.comments ??= scanComments(text));
}

/** The entry a names finding points at. */
export function adapterOf(analysis: Analysis, entry: EntryRef): Adapter | undefined {
  return indexOf(analysis).adapters.get(`${entry.origin} ${entry.kind} ${entry.index}`);
}

/** The `network` server entry whose text holds `offset`. */
export function serverAt(analysis: Analysis, offset: number): Adapter | undefined {
  const servers = indexOf(analysis).servers;
  let lo = 0;
  let hi = servers.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (servers[mid].node.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const a = servers[lo];
  return a && a.node.offset <= offset && offset < a.node.offset + a.node.length ? a : undefined;
}
