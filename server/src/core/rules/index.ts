import type { Rule } from './rule';
import { syntaxRule } from './syntax';

/** Every rule, in the order their findings are listed. One file per rule in this folder. */
export const RULES: readonly Rule[] = [syntaxRule];
