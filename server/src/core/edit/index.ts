import { defaultFor, type Adapter, type ConfigModel } from '../model';
import { KINDS, type AdapterKind } from '../schema';
import type { Version } from '../version';
import type { Scalar } from './set';

/**
 * Editing a config's adapter entries the way NapCat's WebUI manages them — add, rename, set a
 * value, duplicate, delete — as minimal text edits that keep the file's own style and every
 * comment that is not a deleted entry's. Pure: text and model in, `TextEdit`s out; what a value
 * may be is decided by the rules (the service checks each result with `analyze`).
 *
 * - `add.ts`: a new entry in `network.<kind>` (the list and `network` created when missing);
 * - `set.ts`, `rename.ts`: one member of an entry set or added;
 * - `duplicate.ts`: a copy of an entry right after it;
 * - `remove.ts`: an entry deleted with its own comments;
 * - `style.ts`: the file's quotes and keys, for everything written;
 * - `compose.ts`: an operation on the rebuilt text of a legacy file as edits of the original.
 */

export { addEntryEdits, kindList, type AddResult } from './add';
export { composeEdits } from './compose';
export { duplicateItemEdits } from './duplicate';
export { removeItemEdits } from './remove';
export { renameEdits } from './rename';
export { setMemberEdits, type Scalar } from './set';
export { detectStyle, renderKey, renderScalar, type Style } from './style';

/** The id of an entry, as the endpoints view and the probes name it: `websocketClients[2]`, `reverseWs.connections[0]`. */
export function entryId(adapter: Adapter): string {
  return adapter.origin === 'network' ? `${adapter.kind}[${adapter.index}]` : `reverseWs.connections[${adapter.index}]`;
}

/** The `network` entry with this id, if any. */
export function entryById(model: ConfigModel, id: string): Adapter | undefined {
  const m = /^([A-Za-z]+)\[(\d+)\]$/.exec(id.trim());
  if (!m) return undefined;
  const index = Number(m[2]);
  return model.adapters.find((a) => a.origin === 'network' && a.kind === m[1] && a.index === index);
}

/** The `network` entries NapCat registers under `name` (the written name, or the kind's default). */
export function entriesNamed(model: ConfigModel, name: string): Adapter[] {
  return model.adapters.filter((a) => a.origin === 'network' && a.effectiveName === name);
}

/**
 * Every field of a new entry of `kind`, in the order of NapCat's schema (the order its WebUI
 * saves): the `given` values, else NapCat's default at `version`. Fields without a default
 * (`verifyCertificate`, optional) are written only when given.
 */
export function newEntryValues(kind: AdapterKind, given: Readonly<Record<string, Scalar | undefined>>, version: Version): [string, Scalar][] {
  const out: [string, Scalar][] = [];
  for (const [key, spec] of Object.entries(KINDS[kind].fields)) {
    const value = given[key];
    if (value !== undefined) out.push([key, value]);
    else if (spec.default !== undefined) {
      const d = defaultFor(kind, key, version);
      if (typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean') out.push([key, d]);
    }
  }
  return out;
}
