import type { Message, MessageArgs } from '../../i18n';
import { findingOf, type FindingCode, type PayloadArgs, type Range, type Severity } from '../../findings';
import type { JsonNode } from '../../json/parse';
import { MASK } from '../../secrets';
import { atLeast, formatVersion } from '../../version';
import type { RuleContext } from '../rule';

/**
 * What the checks of the values rule share: the rule context, whether the target NapCat converts
 * values when it loads the file (v4.17.44+), and how a finding of one value is reported.
 */
export class ValueReporter {
  /** NapCat converts values, then checks them (v4.17.44+: a failure discards the file). */
  readonly converts: boolean;
  /** The target version, as messages print it. */
  readonly version: string;

  constructor(readonly ctx: RuleContext) {
    this.converts = atLeast(ctx.version, '4.17.44');
    this.version = formatVersion(ctx.version);
  }

  report<C extends FindingCode>(code: C, severity: Severity, node: JsonNode, message: Message, args: MessageArgs, ...data: PayloadArgs<C>): void {
    this.ctx.report(findingOf({ code, severity, range: rangeOf(node), message, args }, ...data));
  }

  /** The value as written, short, for messages: source text, `{…}`/`[…]`, or `***` for secrets. */
  written(node: JsonNode, secret: boolean): string {
    if (node.type === 'object') return '{…}';
    if (node.type === 'array') return '[…]';
    if (secret && node.value !== null) return MASK;
    const source = this.ctx.text.slice(node.offset, node.offset + node.length);
    return source.length > 40 ? source.slice(0, 37) + '…' : source;
  }
}

export function rangeOf(node: JsonNode): Range {
  return { offset: node.offset, length: node.length };
}
