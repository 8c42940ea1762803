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
 * The test runner's limit for a test whose probe must end long before it (cancelled, or at a
 * timeout of a few hundred ms): a probe that waits instead (for the OS, or for a probe timeout of
 * minutes) fails the test by the runner's timeout, never by a clock assertion.
 */
export const HANG = { timeout: 60_000 } as const;

/** A probe timeout the tests that cancel never reach: waiting for it would exceed `HANG`. */
export const NEVER_MS = 10 * 60_000;
