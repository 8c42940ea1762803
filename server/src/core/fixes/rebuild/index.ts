import { text as textOf } from '../../i18n';
import { END_OF_FILE, parseText } from '../../json/parse';
import { buildModel } from '../../model';
import { LineIndex } from '../../text/lines';
import { LATEST, atLeast, formatVersion } from '../../version';
import { applyEdits, normalizeEdits } from '../edits';
import { detectLayout } from '../layout';
import { placeComments } from './comments';
import { editRoot, insertIntoNetwork, networkSlot } from './emit';
import { M } from './messages';
import { fixExistingNames, nameNewEntries } from './names';
import { planLegacy } from './plan';
import { RebuildState } from './state';
import { type RebuildOptions, type RebuildResult } from './types';
import { Refusal, refused, uniq } from './util';

/**
 * Rebuild: turns any legacy or broken NapCat OneBot 11 config into the named `network` form that
 * every NapCat since v4.1 reads (facts §2, §5), as minimal edits to the original text.
 *
 * What moves where (every connection the old file would start is started by the new one):
 * - `reverseWs.urls[]` (L1), `wsReverseUrls[]` (F0), a bare `reverseWs` list and each
 *   `reverseWs.connections[]` entry → one `websocketClients` entry per URL, duplicates included;
 * - `http` / `enableHttp, httpHost, httpPort` → one `httpServers` entry with the top-level `token`;
 * - each `http.postUrls[]` / `httpPostUrls[]` → one `httpClients` entry whose `token` is
 *   `http.secret` / `httpSecret`, the HMAC signing secret (not the server token);
 * - `ws` / `enableWs, wsHost, wsPort` → one `websocketServers` entry;
 * - the top-level `token`, `heartInterval` (WebSocket kinds only), `reconnectInterval` (reverse WS),
 *   `messagePostFormat`, `reportSelfMessage` and `debug` go into every new entry that has the field.
 *
 * Decisions:
 * - Values are copied as written (`"port": "5700"` stays a string; NapCat converts it). A legacy
 *   server host `''` stays `''`: NapCat passes it to `listen()`, where it means every interface
 *   (IPv4 and IPv6) exactly as the legacy servers did, while `'0.0.0.0'` would narrow an HTTP server
 *   to IPv4. A missing legacy host is `''` too (the legacy default); a missing port is the legacy
 *   default (3000 HTTP, 3001 WebSocket).
 * - `enable` comes from the section's switch (`http.enable`, `http.enablePost`, `ws.enable`,
 *   `reverseWs.enable`, `enableHttp`, …). A disabled section gives disabled entries: the user's
 *   data is kept, nothing starts that did not start. An empty URL list gives no entry. The bare
 *   list and `reverseWs.connections`, which their authors believe are running, give enabled
 *   entries unless the entry (or `reverseWs.enable`) says otherwise.
 * - New entries are written in full (every field of the kind with a default, in NapCat's order),
 *   so no NapCat default change (host, enableWebsocket) can alter them; legacy HTTP servers get
 *   `enableWebsocket: false`, which is what they did.
 * - A legacy connection that `network` already has (same kind and URL, ignoring case of scheme
 *   and host and a trailing slash; or same kind and port for servers) is not added again; the
 *   existing entry is kept as it is. The same holds between two legacy sections (F0 and L1).
 * - Legacy sections and F0 keys are always removed (their content moved, or, for the few settings
 *   N4 has no place for, is listed in `summary.dropped`). A top-level runtime key (token, …) is
 *   removed only when its value went into a new entry or already lives in the `network` entry
 *   that matches a legacy connection; otherwise it stays.
 * - `musicSignUrl`, `enableLocalFile2Url`, `GroupLocalTime`, `name`/`pathName` and every key the
 *   tool does not know stay untouched; existing `network` entries are kept and new ones appended.
 * - Names: see names.ts. Entries with no name or `""` get a derived one; in a group of equal names
 *   the entry NapCat lets win today (the last enabled one in registration order; with none
 *   enabled, the last) keeps it and the others become `<name>-2`, `<name>-3`, …
 *
 * Layout: every untouched byte stays (comments, blank lines, key order, JSON5 syntax, BOM). New
 * text is plain JSON in the file's line ending and indentation. Comments inside a removed section
 * are moved in front of the new entry they describe (a comment next to a URL goes with that URL's
 * entry); those that describe nothing that moved stay where the section was.
 *
 * Invariants (checked by the property tests): the result parses; re-analysed, it has no legacy
 * shape, no missing name and no duplicate name; rebuilding it again gives `unchanged`.
 */

export type { RebuildOptions, AddedEntry, RenamedEntry, SkippedConnection, DroppedSetting, RebuildSummary, RebuildResult } from './types';

/**
 * Rebuilds `text` (see the module comment). Pure, never throws for any input text.
 * - `unchanged`: nothing legacy, no missing and no duplicate name;
 * - `rebuilt`: the edits, the resulting text and what was done;
 * - `refused`: NapCat cannot read the file (syntax error, not an object), or the result would have
 *   no valid place to go; the reason says what to fix first.
 */
export function rebuild(text: string, options: RebuildOptions = {}): RebuildResult {
  const version = options.targetVersion ?? LATEST;
  if (!atLeast(version, '4.1.0')) return refused(M.tooOld, { target: formatVersion(version) });
  const parsed = parseText(text);
  if (parsed.failure) {
    switch (parsed.failure.kind) {
      case 'empty':
        return refused(M.empty);
      case 'too-deep':
        return refused(M.tooDeep);
      case 'syntax': {
        const p = new LineIndex(text).positionAt(parsed.failure.problem.offset);
        return refused(M.syntax, { line: p.line + 1, column: p.character + 1, found: parsed.failure.problem.found === END_OF_FILE ? textOf(END_OF_FILE) : parsed.failure.problem.found });
      }
    }
  }
  const model = buildModel(parsed.root);
  if (!model.root) return refused(M.notObject);
  try {
    return run(new RebuildState(text, model, version, detectLayout(text, options.indent)));
  } catch (e) {
    if (e instanceof Refusal) return { kind: 'refused', reason: e.reason };
    return refused(M.internal);
  }
}

function run(s: RebuildState): RebuildResult {
  fixExistingNames(s);
  const removals = planLegacy(s);
  nameNewEntries(s);
  const created = s.planned.filter((p) => p.name !== undefined);
  if (removals.length === 0 && created.length === 0 && s.edits.length === 0) return { kind: 'unchanged' };

  placeComments(s, removals);
  if (created.length > 0 && s.model.network && !s.network) throw new Refusal(M.networkNotObject);
  const slot = created.length > 0 && !s.network ? networkSlot(removals) : undefined;
  editRoot(s, removals, slot, created);
  if (s.network) insertIntoNetwork(s, created);

  const edits = normalizeEdits(s.edits);
  const out = applyEdits(s.text, edits);
  // Safety net: a result NapCat cannot read, or that still has legacy keys, is never handed out.
  const check = parseText(out);
  if (check.failure || buildModel(check.root).legacy.length > 0) throw new Refusal(M.internal);
  return {
    kind: 'rebuilt',
    edits,
    text: out,
    summary: {
      added: created.map((p) => ({ kind: p.kind, index: p.index!, name: p.name!, enabled: p.enabled, from: p.from })),
      renamed: s.renamed,
      removed: uniq(removals.map((r) => r.prop.key)),
      skipped: s.skipped,
      dropped: s.dropped,
    },
  };
}
