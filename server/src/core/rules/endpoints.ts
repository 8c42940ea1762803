import type { Rule } from './rule';

/** Placeholder: filled in by the endpoints rules work. */
export const endpointsRule: Rule = {
  id: 'endpoints',
  check() {},
};
