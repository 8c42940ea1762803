/**
 * "Did you mean …?" for keys. Pure and cheap: candidate lists are a dozen short keys, and keys
 * longer than `MAX_KEY` are never compared (so a hostile key cannot make this quadratic).
 */

const MAX_KEY = 64;

/** Lower case without separators: `enable_cors`, `Enable-CORS` and `enableCors` are the same key. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_\-.]/g, '');
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), or `limit + 1`
 * as soon as the distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2] + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** How many edits a key of this (normalised) length may be away from a candidate. */
function allowance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 10) return 2;
  return 3;
}

/**
 * The candidate `key` most likely stands for, or undefined when none is close enough or two are
 * equally close. In order: an alias (normalised key → candidate), the same key in another case or
 * with separators, singular/plural, a prefix abbreviation (`reportSelf` → `reportSelfMessage`),
 * then the smallest edit distance within a length-dependent allowance.
 */
export function suggestKey(
  key: string,
  candidates: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  if (key.length === 0 || key.length > MAX_KEY) return undefined;
  const k = normalizeKey(key);
  if (k.length === 0) return undefined;
  if (Object.prototype.hasOwnProperty.call(aliases, k)) {
    const target = aliases[k];
    if (target !== key) return target;
  }
  const norms = candidates.map(normalizeKey);
  const unique = (hits: number[]) => (hits.length === 1 ? candidates[hits[0]] : undefined);
  const pick = (test: (c: string) => boolean) => {
    const hits: number[] = [];
    norms.forEach((c, i) => {
      if (candidates[i] !== key && test(c)) hits.push(i);
    });
    return hits;
  };

  let hits = pick((c) => c === k);
  if (hits.length) return unique(hits);
  hits = pick((c) => c === k + 's' || k === c + 's' || c === k + 'es' || k === c + 'es');
  if (hits.length) return unique(hits);
  if (k.length >= 6) {
    hits = pick((c) => c.startsWith(k));
    if (hits.length) return unique(hits);
  }
  const limit = allowance(k.length);
  if (limit === 0) return undefined;
  let best = limit + 1;
  hits = [];
  norms.forEach((c, i) => {
    if (candidates[i] === key) return;
    const d = editDistance(k, c, limit);
    if (d < best) {
      best = d;
      hits = [i];
    } else if (d === best && d <= limit) hits.push(i);
  });
  return best <= limit ? unique(hits) : undefined;
}
