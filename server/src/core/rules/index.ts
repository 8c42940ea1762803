import type { Rule } from './rule';
import { syntaxRule } from './syntax';
import { legacyRule } from './legacy';
import { namesRule } from './names';
import { valuesRule } from './values';
import { endpointsRule } from './endpoints';
import { securityRule } from './security';

/** Every rule, in the order they run (findings are sorted by position afterwards). One file per rule. */
export const RULES: readonly Rule[] = [syntaxRule, legacyRule, namesRule, valuesRule, endpointsRule, securityRule];
