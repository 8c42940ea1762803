import { coerce } from '../../coerce';
import { type Prop, isObject, propMap, propsOf } from '../../json/nodes';
import { type JsonNode } from '../../json/parse';
import { type Adapter, type ConfigModel } from '../../model';
import { ADAPTER_KINDS, type AdapterKind, PLUGIN_MANAGER_NAME } from '../../schema';
import { type Version } from '../../version';
import { type TextEdit } from '../edits';
import { type Comment, type Layout, scanComments } from '../layout';
import { type DroppedSetting, type Planned, type RenamedEntry, type SkippedConnection } from './types';
import { type SharedKey } from './util';

/**
 * What one rebuild run knows and has decided so far: the input and its model, the planned entries,
 * the edits. The steps (`names`, `plan`, `comments`, `emit`) read and extend it in order (see `index.ts`).
 */
export class RebuildState {
  readonly root: JsonNode;
  readonly top: Map<string, Prop>;
  readonly comments: Comment[];
  readonly planned: Planned[] = [];
  readonly skipped: SkippedConnection[] = [];
  readonly dropped: DroppedSetting[] = [];
  readonly renamed: RenamedEntry[] = [];
  readonly edits: TextEdit[] = [];
  /** Top-level runtime keys whose value now lives in `network`. */
  readonly carried = new Set<SharedKey>();
  /** Entry → its item node, for comment placement. */
  readonly byItem = new Map<JsonNode, Planned>();
  /**
   * `plan`'s look-ups, so that planning n connections is linear: the existing entry of each
   * endpoint (`kind key`), and the first planned entry of each endpoint with the first one after it
   * from another list.
   */
  existingByKey: Map<string, Adapter> | undefined;
  readonly plannedByKey = new Map<string, { readonly first: Planned; other?: Planned }>();
  readonly used = new Set<string>([PLUGIN_MANAGER_NAME]);
  /** The `network` object when the file has one. */
  readonly network: JsonNode | undefined;
  /** The list NapCat reads for each kind (the last one written). */
  readonly lists = new Map<AdapterKind, Prop>();
  /** The `network` entries NapCat reads (objects in the lists it reads). */
  readonly read: Adapter[];
  /** Those of them whose name NapCat can use (missing, or convertible to a string). */
  readonly entries: Adapter[];

  chunkCache: Map<JsonNode, [number, number]> | undefined;

  constructor(
    readonly text: string,
    readonly model: ConfigModel,
    readonly version: Version,
    readonly layout: Layout,
  ) {
    this.root = model.root!;
    this.top = propMap(this.root);
    this.comments = scanComments(text);
    this.network = isObject(model.network?.value) ? model.network!.value : undefined;
    for (const p of propsOf(this.network)) {
      if ((ADAPTER_KINDS as readonly string[]).includes(p.key)) this.lists.set(p.key as AdapterKind, p);
    }
    this.read = model.adapters.filter(
      (a) => a.origin === 'network' && a.node.type === 'object' && a.node.parent === this.lists.get(a.kind)?.value,
    );
    this.entries = this.read.filter((a) => {
      const raw = a.fields.get('name')?.raw;
      return raw === undefined || coerce(raw, 'string').ok;
    });
    for (const a of model.adapters) if (a.origin === 'network') this.used.add(a.effectiveName);
  }
}
