import type { Finding } from '../findings';
import type { ParsedText } from '../json/parse';
import type { ConfigModel } from '../model';
import type { Siblings } from '../siblings';
import type { Version } from '../version';

/** What every rule sees. Rules only read; they report through `report`. */
export interface RuleContext {
  readonly text: string;
  readonly parsed: ParsedText;
  readonly model: ConfigModel;
  /** The NapCat version whose behaviour messages describe (`napcat.targetVersion`). */
  readonly version: Version;
  /** Facts of the other files in the config's folder; empty when the shell gave none. */
  readonly siblings: Siblings;
  report(finding: Finding): void;
}

/** One rule per file under `rules/`; `id` is for tests and tracing, codes are per finding. */
export interface Rule {
  readonly id: string;
  check(ctx: RuleContext): void;
}
