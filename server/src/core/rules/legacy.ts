import type { Rule } from './rule';

/** Placeholder: filled in by the legacy rules work. */
export const legacyRule: Rule = {
  id: 'legacy',
  check() {},
};
