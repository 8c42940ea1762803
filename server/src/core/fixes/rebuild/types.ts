import { type Message, type Text } from '../../i18n';
import { type Prop } from '../../json/nodes';
import { type JsonNode } from '../../json/parse';
import { type AdapterKind } from '../../schema';
import { type Version } from '../../version';
import { type TextEdit } from '../edits';
import { type Comment } from '../layout';

export interface RebuildOptions {
  /**
   * NapCat version the result is for; default: the newest. Below v4.1.0 (which does not read
   * `network`) rebuild refuses; otherwise it picks NapCat's defaults for the fields a legacy file
   * does not set (host, port and enableWebsocket of legacy servers are always written out).
   */
  readonly targetVersion?: Version;
  /** Indentation unit for a file that has none to learn from (default two spaces). */
  readonly indent?: string;
}

export interface AddedEntry {
  readonly kind: AdapterKind;
  /** Index in `network.<kind>` of the result. */
  readonly index: number;
  readonly name: string;
  readonly enabled: boolean;
  /** Where it came from, e.g. `reverseWs.urls[1]`. */
  readonly from: string;
}

export interface RenamedEntry {
  readonly kind: AdapterKind;
  readonly index: number;
  /** The written name; null when it had none. */
  readonly from: string | null;
  readonly to: string;
}

export interface SkippedConnection {
  readonly from: string;
  readonly kind: AdapterKind;
  /** The entry that already does its job, e.g. `network.websocketClients[0]` or `reverseWs.urls[0]`. */
  readonly sameAs: string;
}

export interface DroppedSetting {
  readonly path: string;
  readonly reason: Message;
}

export interface RebuildSummary {
  readonly added: readonly AddedEntry[];
  readonly renamed: readonly RenamedEntry[];
  /** Top-level keys removed, in file order. */
  readonly removed: readonly string[];
  readonly skipped: readonly SkippedConnection[];
  readonly dropped: readonly DroppedSetting[];
}

export type RebuildResult =
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'rebuilt';
      /** Sorted, non-overlapping edits of the original text; applyEdits(text, edits) === this.text. */
      readonly edits: readonly TextEdit[];
      readonly text: string;
      readonly summary: RebuildSummary;
    }
  | { readonly kind: 'refused'; readonly reason: Text };

/** A new entry, from its legacy source to its final values. */
export interface Planned {
  readonly kind: AdapterKind;
  readonly from: string;
  /** Entries of one list may repeat a URL on purpose; entries of different lists are merged. */
  readonly list: string;
  readonly enabled: boolean;
  /** Values written for this connection (they win over the top-level settings). */
  readonly own: Map<string, unknown>;
  /** Keys of a `reverseWs.connections` entry that no kind knows, kept as written. */
  readonly extra: (readonly [string, unknown])[];
  readonly writtenName?: string;
  /** The list item it comes from (its comments go with it). */
  readonly item?: JsonNode;
  comments: Comment[];
  name?: string;
  index?: number;
}

/** A removed top-level property and what its comments belong to. */
export interface Removal {
  readonly prop: Prop;
  /** Lists inside it whose items became entries. */
  readonly lists: JsonNode[];
  /** The entry that takes comments that belong to no list item. */
  fallback?: Planned;
  leftover: Comment[];
}
