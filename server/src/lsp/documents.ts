import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, reanalyze, combineSiblings, isSiblingFileName, siblingWanted, type Analysis, type Finding, type Siblings } from '../core';
import type { TextEdit } from '../core/fixes';
import { RULES } from '../core/rules';
import { LineDocument } from './lineDocument';
import { SiblingFiles, SiblingReads, type StampedSiblingFile } from '../files/siblings';
import type { Logger } from './guard';
import { isLogDocument } from './logs';
import { looksLikeNapCat, selectByPath, uriPath, worthAnalysing } from '../service/selection';
import type { NapCatSettings, SettingsStore } from './settings';

/**
 * One analysis per (document, version, settings, folder facts), shared by diagnostics, hover and
 * symbols. `undefined` stands for "not a NapCat config": such documents get empty answers. So do
 * `napcat-log` documents, whatever their text.
 *
 * Folder facts (`siblingFacts`: the WebUI port of `webui.json`, the servers of the other
 * accounts' `onebot11_<uin>.json`) come from the files beside a `file:` document: an open
 * document's text wins over the file on disk; files on disk are read again only when their mtime
 * or size changes, and what each file says is kept per version of it (`SiblingReads`), so a
 * request parses only the siblings that changed. They are gathered at every analysis request, so an edit to an open sibling
 * shows at once (the server re-checks the open configs of that folder), and so does a change made
 * on disk by another program when the client reports it (`workspace/didChangeWatchedFiles`, which
 * the server registers for where the client allows); otherwise it shows at the next request for
 * the document (its next edit, pull or hover).
 *
 * Typing inside a value re-reads only that value: when the document says which edit made its
 * version from the analysed one (`LineDocument.editFrom`), the core's `reanalyze` hands the old
 * analysis' syntax tree over to the new one, edited in place. So an analysis this class hands out
 * is used in the turn of the event loop it was taken in, as every handler does (synchronously
 * after `get`); a handler that waits for something else (the log of a config) takes it again
 * after the wait. Documents read from disk (not `LineDocument`s) are always parsed whole.
 */

export interface DocumentAnalysis {
  /** The document version that was analysed. */
  readonly version: number;
  readonly settings: NapCatSettings;
  readonly analysis: Analysis;
  /** Identifies the folder facts the analysis used ('' for none). */
  readonly siblingsKey: string;
}

/** Open documents, looked up by URI (the server's `TextDocuments`). */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

interface Entry {
  readonly version: number;
  readonly settingsKey: string;
  readonly siblingsKey: string;
  readonly result: DocumentAnalysis | undefined;
  /** Whether the next version may take over this analysis' tree (see `get`). */
  readonly keepsTree: boolean;
}

export class Analyses {
  private readonly cache = new Map<string, Entry>();
  /** Documents recognised by content at their last analysis. */
  private readonly recognised = new Set<string>();

  private readonly disk = new SiblingFiles();
  /** What each sibling file says, per file version: siblings are not parsed again at each request. */
  private readonly reads = new SiblingReads();

  constructor(
    private readonly settings: SettingsStore,
    private readonly log: Logger,
    /** Open documents, whose texts win over the files on disk; none: disk only. */
    private readonly open?: OpenDocuments,
  ) {}

  /** The analysis of the document's current version, or undefined when it is not a NapCat config. */
  async get(doc: TextDocument): Promise<DocumentAnalysis | undefined> {
    // A NapCat log is never a config, whatever it contains (see logs.ts).
    if (isLogDocument(doc)) return undefined;
    const settings = await this.settings.get(doc.uri);
    const files = await this.siblingFiles(doc, settings);
    // From here on everything is synchronous: the document cannot change under us.
    const siblings = files && this.withOpenTexts(doc.uri, files);
    const self = uriPath(doc.uri);
    const facts = siblings
      ? combineSiblings(self, siblings.filter((f) => siblingWanted(self, f.name)).map((f) => this.reads.read(f, settings.targetVersion)))
      : undefined;
    const siblingsKey = facts && (facts.webuiPort || facts.accounts) ? JSON.stringify(facts) : '';
    const cached = this.cached(doc.uri, doc.version, settings.key, siblingsKey);
    if (cached) return cached.result;
    // The stale analysis is let go before the new one is built: on a large file both would
    // otherwise be alive through every garbage collection the analysis triggers. Its tree goes
    // on in the new analysis when an edit inside one token made this version from its version.
    const stale = this.cache.get(doc.uri);
    this.cache.delete(doc.uri);
    const edit = stale?.result && stale.keepsTree && editFrom(doc, stale.version);
    const previous = stale?.result && edit ? { analysis: stale.result.analysis, version: stale.version, edit } : undefined;
    const result = this.compute(doc, settings, siblingsKey ? facts : undefined, siblingsKey, previous);
    // The tree of a document's first analysis (when it was opened) is parsed again at its first
    // edit, and only later trees are kept: a tree is kept for as long as edits stay inside values,
    // and V8 lays out the nodes of a reader it already knows to build long-lived trees in the order
    // they are read, where the first one is scattered by the young generation's copies: kept, the
    // first tree of a session made every edit of a 100 KiB config slower (npm run bench: p50 8.3
    // ms for the file opened first, 6.5 ms for the one opened second; 7.3 and 7.0 ms with this).
    this.cache.set(doc.uri, { version: doc.version, settingsKey: settings.key, siblingsKey, result, keepsTree: stale !== undefined });
    return result;
  }

  /** The cache entry of exactly this version, settings and folder facts. */
  private cached(uri: string, version: number, settingsKey: string, siblingsKey: string): Entry | undefined {
    const entry = this.cache.get(uri);
    return entry && entry.version === version && entry.settingsKey === settingsKey && entry.siblingsKey === siblingsKey ? entry : undefined;
  }

  /**
   * The files beside a `file:` document that may be a NapCat config (selected by path, or worth a
   * content sniff), read from disk; undefined for any other document.
   */
  private async siblingFiles(doc: TextDocument, settings: NapCatSettings): Promise<readonly StampedSiblingFile[] | undefined> {
    if (!doc.uri.startsWith('file:')) return undefined;
    if (selectByPath(doc.uri, settings) === undefined && !worthAnalysing(doc.getText())) return undefined;
    let file: string;
    try {
      file = fileURLToPath(doc.uri);
    } catch {
      return undefined;
    }
    return this.disk.read(path.dirname(file));
  }

  /** The sibling files with the texts of open documents in the same folder put in their place. */
  private withOpenTexts(uri: string, files: readonly StampedSiblingFile[]): StampedSiblingFile[] {
    const dir = folderOf(uri);
    const byName = new Map<string, StampedSiblingFile>();
    for (const f of files) byName.set(f.name, f);
    for (const open of this.open?.all() ?? []) {
      if (open.uri === uri || folderOf(open.uri) !== dir) continue;
      const name = path.posix.basename(uriPath(open.uri));
      if (isSiblingFileName(name)) byName.set(name, { name, text: open.getText(), key: open.uri, stamp: `v${open.version}` });
    }
    return [...byName.values()];
  }

  /** The open documents other than `uri` in its folder (to re-check when it changes). */
  neighbours(uri: string): TextDocument[] {
    if (!uri.startsWith('file:') || !isSiblingFileName(uriPath(uri))) return [];
    const dir = folderOf(uri);
    return (this.open?.all() ?? []).filter((d) => d.uri !== uri && folderOf(d.uri) === dir);
  }

  /**
   * After files of folders changed on disk (`workspace/didChangeWatchedFiles`): forgets what was
   * read from the folders of the changed side files (`webui.json`, `onebot11_<uin>.json`) and
   * returns the open documents of those folders, whose cross-file findings may have changed.
   */
  filesChanged(uris: readonly string[]): TextDocument[] {
    const dirs = new Set<string>();
    for (const uri of uris) {
      if (!uri.startsWith('file:') || !isSiblingFileName(uriPath(uri))) continue;
      try {
        this.disk.forget(path.dirname(fileURLToPath(uri)));
      } catch {
        continue; // not a local path
      }
      dirs.add(folderOf(uri));
    }
    if (dirs.size === 0) return [];
    return (this.open?.all() ?? []).filter((d) => d.uri.startsWith('file:') && dirs.has(folderOf(d.uri)));
  }

  /** Forgets a closed document. */
  delete(uri: string): void {
    this.cache.delete(uri);
    this.reads.forget(uri);
    this.recognised.delete(uri);
  }

  private compute(doc: TextDocument, settings: NapCatSettings, siblings: Siblings | undefined, siblingsKey: string, previous: Previous | undefined): DocumentAnalysis | undefined {
    const selected = selectByPath(doc.uri, settings) !== undefined;
    const text = doc.getText();
    if (!selected && !worthAnalysing(text)) {
      this.recognised.delete(doc.uri);
      return undefined;
    }
    const analysis = this.analyze(doc, text, settings, siblings, previous);
    if (!analysis) return undefined;
    if (!selected) {
      const ours = looksLikeNapCat(analysis, this.recognised.has(doc.uri));
      if (!ours) {
        this.recognised.delete(doc.uri);
        return undefined;
      }
      this.recognised.add(doc.uri);
    }
    return { version: doc.version, settings, analysis, siblingsKey };
  }

  /**
   * `analyze()`, but a rule that throws only loses its own findings: on failure every rule runs
   * on its own and the findings of those that succeed are kept (and the failure logged).
   */
  private analyze(doc: TextDocument, text: string, settings: NapCatSettings, siblings: Siblings | undefined, previous: Previous | undefined): Analysis | undefined {
    const options = { targetVersion: settings.targetVersion, maxLength: settings.maxLength, ...(siblings ? { siblings } : {}) };
    // Counted by the edit-burst tests: how many analyses a burst of edits costs.
    this.log.trace?.(`analysing ${doc.uri} version ${doc.version}`);
    try {
      if (!previous) return analyze(text, options);
      const tree = previous.analysis.parsed?.root;
      const analysis = reanalyze(previous.analysis, previous.edit, text, options);
      if (tree && analysis.parsed?.root === tree) this.log.trace?.(`kept the tree of ${doc.uri} version ${previous.version} for version ${doc.version}`);
      return analysis;
    } catch (e) {
      this.log.error(`analysis of ${doc.uri} (version ${doc.version}) failed`, e);
    }
    let base: Analysis | undefined;
    const findings: Finding[] = [];
    for (const rule of RULES) {
      try {
        const partial = analyze(text, { ...options, rules: [rule] });
        base ??= partial;
        findings.push(...partial.findings);
      } catch (e) {
        this.log.error(`rule ${rule.id} failed on ${doc.uri}`, e);
      }
    }
    if (!base) return undefined;
    findings.sort((a, b) => a.range.offset - b.range.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return { ...base, findings };
  }
}

/** The analysis of an older version of a document and the edit from that version to the current one. */
interface Previous {
  readonly analysis: Analysis;
  readonly version: number;
  readonly edit: TextEdit;
}

/** The edit from version `from` to the document's version, when the document keeps it (`LineDocument`). */
function editFrom(doc: TextDocument, from: number): TextEdit | undefined {
  return doc instanceof LineDocument ? doc.editFrom(from) : undefined;
}

/** The folder part of a URI's path (as compared between documents). */
function folderOf(uri: string): string {
  return path.posix.dirname(uriPath(uri));
}

