// Generators shared by the JSON5 differential tests and property tests.

/** Small deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random JSON5 text using every syntax json5 accepts (quotes, comments, hex, Infinity, U+FEFF …). */
export function genJson5(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const ws = () => pick(['', ' ', '\n', '\t', '\r\n', '  ', '\u00a0', '\u2028', ' /* c */ ', ' // line\n', ' // sep\u2028', '\ufeff']);
  const str = (s: string) => {
    const q = pick(['"', "'"]);
    const body = s.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), '\\' + q);
    return q + pick([body, body + '\\x41', body + '\\u00e9', body + '\\\n', body + '中文']) + q;
  };
  const num = () =>
    pick(['0', '1', '-1', '3001', '0x1F', '+5', '.5', '5.', '1e3', '-0', 'Infinity', '-Infinity', 'NaN', '0XAB', '1.5E-2']);
  const key = () => {
    const k = pick(['name', 'enable', 'url', 'port', '$x', '_y', 'a1', 'websocketClients', 'ünï']);
    return pick([k, `"${k}"`, `'${k}'`, `"with space"`]);
  };
  const value = (depth: number): string => {
    const kind = depth > 3 ? r() * 3 : r() * 5;
    if (kind < 1) return str(pick(['ws://127.0.0.1:8080/onebot/v11/ws', 'a', '', 'x y']));
    if (kind < 2) return num();
    if (kind < 3) return pick(['true', 'false', 'null']);
    if (kind < 4) {
      const n = Math.floor(r() * 4);
      const items = Array.from({ length: n }, () => ws() + value(depth + 1) + ws());
      return '[' + items.join(',') + (n && r() < 0.5 ? ',' : '') + ws() + ']';
    }
    const n = Math.floor(r() * 4);
    const members = Array.from({ length: n }, () => ws() + key() + ws() + ':' + ws() + value(depth + 1) + ws());
    return '{' + members.join(',') + (n && r() < 0.5 ? ',' : '') + ws() + '}';
  };
  return ws() + value(0) + ws();
}

/** One random edit: delete, insert or replace a character with a JSON5-significant one. */
export function mutate(text: string, r: () => number): string {
  const i = Math.floor(r() * (text.length + 1));
  const op = r();
  if (op < 0.4) return text.slice(0, i) + text.slice(i + 1);
  const ch = [',', ':', '{', '}', '[', ']', '"', "'", '/', '*', '\\', 'x', '0', '.', '-', '+', '\n'][Math.floor(r() * 17)];
  return op < 0.8 ? text.slice(0, i) + ch + text.slice(i) : text.slice(0, i) + ch + text.slice(i + 1);
}

