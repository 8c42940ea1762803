import type { Rule } from './rule';

/** Placeholder: filled in by the names rules work. */
export const namesRule: Rule = {
  id: 'names',
  check() {},
};
