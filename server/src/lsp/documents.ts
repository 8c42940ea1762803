import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type Finding } from '../core';
import { RULES } from '../core/rules';
import type { Logger } from './guard';
import { looksLikeNapCat, selectByPath, worthAnalysing } from './selection';
import type { NapCatSettings, SettingsStore } from './settings';

/**
 * One analysis per (document, version, settings), shared by diagnostics, hover and symbols.
 * `undefined` stands for "not a NapCat config": such documents get empty answers.
 */

export interface DocumentAnalysis {
  /** The document version that was analysed. */
  readonly version: number;
  readonly settings: NapCatSettings;
  readonly analysis: Analysis;
}

interface Entry {
  readonly version: number;
  readonly settingsKey: string;
  readonly result: DocumentAnalysis | undefined;
}

export class Analyses {
  private readonly cache = new Map<string, Entry>();
  /** Documents recognised by content at their last analysis. */
  private readonly recognised = new Set<string>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly log: Logger,
  ) {}

  /** The analysis of the document's current version, or undefined when it is not a NapCat config. */
  async get(doc: TextDocument): Promise<DocumentAnalysis | undefined> {
    const settings = await this.settings.get(doc.uri);
    // From here on everything is synchronous: the document cannot change under us.
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settingsKey === settings.key) return cached.result;
    const result = this.compute(doc, settings);
    this.cache.set(doc.uri, { version: doc.version, settingsKey: settings.key, result });
    return result;
  }

  /** Forgets a closed document. */
  delete(uri: string): void {
    this.cache.delete(uri);
    this.recognised.delete(uri);
  }

  private compute(doc: TextDocument, settings: NapCatSettings): DocumentAnalysis | undefined {
    const selected = selectByPath(doc.uri, settings) !== undefined;
    const text = doc.getText();
    if (!selected && !worthAnalysing(text)) {
      this.recognised.delete(doc.uri);
      return undefined;
    }
    const analysis = this.analyze(doc, text, settings);
    if (!analysis) return undefined;
    if (!selected) {
      const ours = looksLikeNapCat(analysis, this.recognised.has(doc.uri));
      if (!ours) {
        this.recognised.delete(doc.uri);
        return undefined;
      }
      this.recognised.add(doc.uri);
    }
    return { version: doc.version, settings, analysis };
  }

  /**
   * `analyze()`, but a rule that throws only loses its own findings: on failure every rule runs
   * on its own and the findings of those that succeed are kept (and the failure logged).
   */
  private analyze(doc: TextDocument, text: string, settings: NapCatSettings): Analysis | undefined {
    const options = { targetVersion: settings.targetVersion, maxLength: settings.maxLength };
    try {
      return analyze(text, options);
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
