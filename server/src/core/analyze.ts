import type { Catalogue } from './i18n';
import type { Finding } from './findings';
import { configSecrets, maskFinding, secretsKeptAfter } from './secrets';
import type { TextEdit } from './fixes/edits';
import { parseText, type ParsedText } from './json/parse';
import { reparse } from './json/reparse';
import { buildModel, type ConfigModel, type KeptModel } from './model';
import { RULES } from './rules';
import type { Rule, RuleContext } from './rules/rule';
import type { Siblings } from './siblings';
import { mibPair } from './text/size';
import { LATEST, type Version } from './version';

export interface AnalyzeOptions {
  /** NapCat version whose behaviour the messages describe; default: the newest. */
  readonly targetVersion?: Version;
  /** Texts longer than this (in UTF-16 code units) are not analysed; default 10 MiB. 0: no cap. */
  readonly maxLength?: number;
  /** Rules to run; default: all. Tests and benchmarks pass subsets. */
  readonly rules?: readonly Rule[];
  /**
   * What the other files of the config's folder say (`siblingFacts`): the WebUI port of
   * `webui.json` and the servers of the other accounts. Absent: the text is judged on its own.
   */
  readonly siblings?: Siblings;
}

export interface Analysis {
  /** Undefined when the text was too large to parse. */
  readonly parsed: ParsedText | undefined;
  readonly model: ConfigModel;
  /** Sorted by offset, then by code. */
  readonly findings: readonly Finding[];
  readonly version: Version;
  /** The options the text was analysed with: another text analysed with them is judged the same way. */
  readonly options: AnalyzeOptions;
}

const NO_SIBLINGS: Siblings = {};

export const DEFAULT_MAX_LENGTH = 10 * 1024 * 1024;

const M = {
  tooLarge: 'This file is {size} MiB, above the {limit} MiB analysis limit (setting napcat.maxFileSize); it was not analysed.',
} satisfies Catalogue<string>;

/**
 * Parses and checks one NapCat config text. Pure: no I/O, never throws for any input text.
 * Returns the parse result, the model and every finding, sorted by position.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const version = options.targetVersion ?? LATEST;
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (maxLength > 0 && text.length > maxLength) {
    return {
      parsed: undefined,
      model: buildModel(undefined),
      version,
      options,
      findings: [
        {
          code: 'napcat.too-large',
          severity: 'warning',
          range: { offset: 0, length: 0 },
          message: M.tooLarge,
          args: mibPair(text.length, maxLength),
        },
      ],
    };
  }
  return check(text, parseText(text), version, options);
}

/**
 * `analyze(text, options)`, where `text` is the text of `previous` with `edit` applied: when the
 * edit stays inside one string, number or key, `previous`'s syntax tree is reused for `text`
 * instead of parsing it again (json/reparse.ts: typing in a value re-reads that value). Same
 * result as `analyze`. `previous` is consumed: its tree now has the offsets of `text`, so whoever
 * holds `previous` must not use it after this call (the language server's rule, lsp/documents.ts).
 */
export function reanalyze(previous: Analysis, edit: TextEdit, text: string, options: AnalyzeOptions = {}): Analysis {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const reused = previous.parsed && !(maxLength > 0 && text.length > maxLength) ? reparse(previous.parsed, edit, text) : undefined;
  if (!reused) return analyze(text, options);
  // The entries the edit did not touch keep their model (model.ts, `buildModel`), and the secrets
  // that findings are masked with are kept unless the edit may change them.
  const looked = secretsOf.get(previous);
  const secrets = looked && secretsKeptAfter(reused.token) ? looked : undefined;
  return check(text, reused.parsed, options.targetVersion ?? LATEST, options, { model: previous.model, token: reused.token }, secrets);
}

/** The secrets of an analysis' text (`configSecrets`), when it looked for them. */
const secretsOf = new WeakMap<Analysis, ReadonlySet<string>>();

/** The model and findings of a parsed text. */
function check(text: string, parsed: ParsedText, version: Version, options: AnalyzeOptions, kept?: KeptModel, keptSecrets?: ReadonlySet<string>): Analysis {
  const model = buildModel(parsed.root, kept);
  const findings: Finding[] = [];
  // The secrets a message may quote are looked for once, and only in a text that has findings.
  let secrets = keptSecrets;
  const report = (f: Finding) => void findings.push(maskFinding(f, (secrets ??= configSecrets(parsed.root))));
  const ctx: RuleContext = { text, parsed, model, version, siblings: options.siblings ?? NO_SIBLINGS, report };
  for (const rule of options.rules ?? RULES) rule.check(ctx);
  findings.sort((a, b) => a.range.offset - b.range.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const analysis: Analysis = { parsed, model, findings, version, options };
  if (secrets) secretsOf.set(analysis, secrets);
  return analysis;
}
