/**
 * NapCat versions. Rules compare the user's target version against the version where NapCat's
 * behaviour changed (see the facts file); all comparisons go through `atLeast`.
 */
export type Version = readonly [number, number, number];

/** The newest NapCat whose behaviour this tool models. `napcat.targetVersion: "latest"` means this. */
export const LATEST: Version = [4, 18, 2];

/**
 * Parses "4.17.44", "v4.8.106", "4.5" or "latest" (case-insensitive). Returns undefined for anything
 * else, so callers can report a bad setting instead of guessing.
 */
export function parseVersion(text: string | undefined): Version | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'latest' || t === 'newest') return LATEST;
  const m = /^v?(\d{1,4})(?:\.(\d{1,4}))?(?:\.(\d{1,6}))?$/.exec(t);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * True when `v` is `min` or newer. `min` is written as a string for readability at call sites;
 * each literal is parsed once (they come from the sources and the schema: a few dozen in all).
 */
export function atLeast(v: Version, min: string): boolean {
  let m = LITERALS.get(min);
  if (!m) {
    m = parseVersion(min);
    if (!m) throw new Error(`bad version literal ${min}`);
    LITERALS.set(min, m);
  }
  return compareVersions(v, m) >= 0;
}

const LITERALS = new Map<string, Version>();

export function formatVersion(v: Version): string {
  return `v${v[0]}.${v[1]}.${v[2]}`;
}
