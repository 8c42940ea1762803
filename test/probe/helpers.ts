import * as assert from 'node:assert/strict';
import type { ProbeResult, ProbeTarget } from '../../server/src/probe';

/** A probe target with the defaults of an enabled entry without token; `kind` and the endpoint given. */
export function target(t: Partial<ProbeTarget> & Pick<ProbeTarget, 'kind'>): ProbeTarget {
  return { id: `${t.kind}[0]`, name: 'test', enabled: true, token: '', verifyCertificate: true, range: { offset: 0, length: 0 }, ...t };
}

/** Narrows a result to one kind, failing with the whole result when it is another. */
export function expectKind<K extends ProbeResult['kind']>(result: ProbeResult, kind: K): Extract<ProbeResult, { kind: K }> {
  assert.equal(result.kind, kind, `expected ${kind}, got ${JSON.stringify(result)}`);
  return result as Extract<ProbeResult, { kind: K }>;
}

/** Runs `fn` and returns its value with the wall time it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/**
 * Upper bound for "answers in about the timeout": generous, for a loaded two-core machine. The
 * tests check that a probe does not wait for the OS (tens of seconds), not fine timing.
 */
export const SLACK_MS = 2700;
