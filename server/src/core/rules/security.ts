import type { Rule } from './rule';

/** Placeholder: filled in by the security rules work. */
export const securityRule: Rule = {
  id: 'security',
  check() {},
};
