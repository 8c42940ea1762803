import type { Catalogue } from './i18n';
import type { Finding } from './findings';
import { configSecrets, maskFinding } from './secrets';
import { parseText, type ParsedText } from './json/parse';
import { buildModel, type ConfigModel } from './model';
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
  const parsed = parseText(text);
  const model = buildModel(parsed.root);
  const findings: Finding[] = [];
  // The secrets a message may quote are looked for once, and only in a text that has findings.
  let secrets: ReadonlySet<string> | undefined;
  const report = (f: Finding) => void findings.push(maskFinding(f, (secrets ??= configSecrets(parsed.root))));
  const ctx: RuleContext = { text, parsed, model, version, siblings: options.siblings ?? NO_SIBLINGS, report };
  for (const rule of options.rules ?? RULES) rule.check(ctx);
  findings.sort((a, b) => a.range.offset - b.range.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { parsed, model, findings, version, options };
}
