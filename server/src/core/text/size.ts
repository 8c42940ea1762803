/**
 * A size and the limit it is measured against, both in MiB, with just enough decimals that their
 * order reads right ("10.000001 MiB, above the 10 MiB limit", never "10.0 MiB, above the 10.0 MiB
 * limit"). Sizes are in bytes (or, for the editor, UTF-16 code units).
 */
export function mibPair(size: number, limit: number): { readonly size: string; readonly limit: string } {
  const MIB = 1024 * 1024;
  for (let decimals = 1; decimals <= 7; decimals++) {
    const s = (size / MIB).toFixed(decimals);
    const l = (limit / MIB).toFixed(decimals);
    if (Math.sign(Number(s) - Number(l)) === Math.sign(size - limit)) return { size: s, limit: trimZeros(l) };
  }
  // Unreachable for whole bytes (one byte is 0.00000095 MiB); kept for fractional inputs.
  return { size: String(size / MIB), limit: String(limit / MIB) };
}

/** "10.000000" → "10", "0.500" → "0.5". */
function trimZeros(n: string): string {
  return n.replace(/\.?0+$/, '');
}
