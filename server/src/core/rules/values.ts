import type { Rule } from './rule';

/** Placeholder: filled in by the values rules work. */
export const valuesRule: Rule = {
  id: 'values',
  check() {},
};
