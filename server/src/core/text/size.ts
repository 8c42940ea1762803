/**
 * A size and the limit it is measured against, both in MiB, with just enough decimals that their
 * order reads right ("10.000001 MiB, above the 10 MiB limit", never "10.0 MiB, above the 10.0 MiB
 * limit"). Sizes are in bytes (or, for the editor, UTF-16 code units).
 */
export function mibPair(size: number, limit: number): { readonly size: string; readonly limit: string } {
  const MIB = 1024 * 1024;
  // The limit as it was set (10, 0.25, 0.0001); the size rounded to the fewest decimals that keep the order.
  const limitText = trimZeros((limit / MIB).toFixed(6));
  for (let decimals = 1; decimals <= 7; decimals++) {
    const s = (size / MIB).toFixed(decimals);
    if (Math.sign(Number(s) - Number(limitText)) === Math.sign(size - limit)) return { size: s, limit: limitText };
  }
  // Only for limits that are not whole bytes.
  return { size: String(size / MIB), limit: String(limit / MIB) };
}

/** "10.000000" → "10", "0.250000" → "0.25". */
function trimZeros(n: string): string {
  return n.replace(/\.?0+$/, '');
}
