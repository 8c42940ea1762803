// Generators shared by the JSON5 differential tests and property tests.
//
// The grammar is that of the json5 package (v2.2.3, lib/parse.js), the reader NapCat itself uses;
// the pieces below name the corners of that reader where a hand-written parser most easily drifts.

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

/**
 * Every character json5 skips as white space: the ASCII ones, U+00A0, U+FEFF, the line breaks
 * (U+2028 and U+2029 included) and Unicode's Space_Separator as json5's own table lists it.
 */
export const JSON5_WHITESPACE: readonly string[] = [
  '\t', '\v', '\f', ' ', '\u00a0', '\ufeff', '\n', '\r', '\u2028', '\u2029',
  '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009',
  '\u200a', '\u202f', '\u205f', '\u3000',
];

/** Characters that look like white space (or are white space elsewhere) but that json5 rejects. */
export const NOT_WHITESPACE: readonly string[] = ['\u200b', '\u180e', '\u0085', '\u2060', '\u00ad', '\u0000', '\u001f'];

/** White space and comments json5 accepts between any two tokens. */
const TRIVIA: readonly string[] = [
  ...JSON5_WHITESPACE,
  '\r\n', '  ', '\n\t\t',
  '/* c */', '/**/', '/***/', '/* a * / b **/', '/* // */', '/*\n*/', '/* \u2028 "\' */', '/* 中文 😀 */',
  '// line\n', '//\n', '// sep\u2028', '// par\u2029', '// cr\r', '// crlf\r\n', '// "quote\' {[ /* \n',
  '// \ufeff\u00a0\n', '/*a*//*b*/',
];

/** Identifier keys json5 reads (non-ASCII letters, astral letters, escapes, ZWNJ/ZWJ, reserved words). */
const IDENTIFIER_KEYS: readonly string[] = [
  'name', 'enable', 'url', 'port', 'websocketClients', 'a1', 'A_Z',
  '$', '_', '$x', '_y', '$_$', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
  'true', 'false', 'null', 'NaN', 'Infinity', 'undefined', 'if', 'var', 'class',
  'ünï', '中文', 'ǅ', 'ʰ', 'Ⅻ', 'ⅻ', 'ℵ', 'ª',
  '\u2e2f', // ID_Start in json5's (older) Unicode table, not in today's
  '𐀀', '𝒜', '𠀀', '𞤀', // astral letters
  'a\u200c', 'a\u200db', 'x\u200c\u200d', // ZWNJ / ZWJ continue an identifier
  'a\u0301', 'a١', 'a‿b', 'e\u0301te\u0301', // combining mark, Arabic digit, connector punctuation
  '\\u0061b', '\\u0041\\u0042', '\\u0024', '\\u005f_', '\\u00fc', 'a\\u0062', 'a\\u0030', 'a\\u0024', 'x\\u005F', 'a\\u200c', 'a\\u200D',
  '\\u00E9t\\u00e9', '\\u4e2d', '\\u2e2f', 'a\\u2E2F', '\\u0101\\u0301',
];

/**
 * Keys json5 rejects at the edge of its identifier tables: letters its (older) Unicode tables lack
 * or that only today's ID_Continue has, ID_Continue characters and escapes at the start, escaped
 * characters no identifier may hold, astral characters that are not letters.
 */
const REJECTED_KEYS: readonly string[] = [
  '\u0560', 'a\u00b7', 'a\u0387', 'a\u1369', 'a\u19da', '\u2118', '\u212e', '\u309b', '\u{30000}', '\u{2ebf0}', '😀', 'a😀',
  '1a', '\u0301', '\u0661', '\u203f', '\u200c', '\u200d', '\u200b', '\ud800', '-a',
  '\\u0031', '\\u0301', '\\u200c', '\\u200D', '\\u0020', 'a\\u0020', 'a\\u002d', 'a\\u00b7', '\\u0560', 'a\\u2e2f\\u0560',
  '\\ud835\\udc9c', '\\x41', 'a\\x41', '\\u00', 'a\\u12', '\\u{61}', 'a\\', 'a b',
];

/** Quoted keys: empty, escapes, line continuations, the other quote. */
const QUOTED_KEYS: readonly string[] = [
  '"name"', "'name'", '"with space"', '""', "''", '"a\\nb"', '"\\u0000"', '"中"', '"__proto__"', "'it\\'s'",
  '"\'"', "'\"'", '"a\\\nb"', '"1"', '"-0"', '"😀"', '"\\ud800"', '"\\x41"', '"a:b"', '"{}"', '"\u2028"',
];

/** Number spellings json5 reads. */
const NUMBERS: readonly string[] = [
  '0', '-0', '+0', '1', '-1', '+1', '3001', '42',
  '0x1F', '0X1f', '-0x1F', '+0xA', '0x0', '-0x0', '0xDeadBeef', '0x' + 'F'.repeat(20),
  '.5', '-.5', '+.5', '.0', '-.0', '5.', '-5.', '+5.', '0.', '5.e3', '5.5e-3', '-0.0', '0.0e-0', '-0e0',
  '1e3', '1E-2', '1e+2', '0e0', '1.5E-2', '2e-324', '4.9e-324', '1e308', '1.7976931348623157e308',
  '1e400', '-1e400', '1e-400', '-1e-400',
  'Infinity', '-Infinity', '+Infinity', 'NaN', '-NaN', '+NaN',
  '123456789012345678901234567890', '9007199254740993', '0.1000000000000000055511151231257827',
  '0.' + '9'.repeat(40), '1'.repeat(400),
];

/**
 * Pieces of a string body (q is the string's quote): plain and non-ASCII text, the other quote,
 * raw tabs, raw control characters, raw U+2028/U+2029, raw lone surrogates, and every escape.
 * No piece starts with a digit, so a `\0` piece is never followed by one.
 */
function stringPieces(q: string): readonly string[] {
  const other = q === '"' ? "'" : '"';
  return [
    'ws://127.0.0.1:8080/onebot/v11/ws', 'a', 'x y', '中文', 'ünï', '𐀀', '😀', other, '\\' + q, '\\' + other,
    '\t', '\u0001', '\u0000', '\u001f', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\u200b', '\u00a0', '\u3000',
    '\ud800', '\udc00', '/', '//', '/*', '*/', '{', '}', '[', ']', ',', ':',
    '\\b', '\\f', '\\n', '\\r', '\\t', '\\v', '\\0', '\\0a', '\\x41', '\\xfF', '\\x00', '\\u00e9', '\\u00E9',
    '\\uD83D\\uDE00', '\\ud800', '\\udc00', '\\u2028', "\\'", '\\"', '\\\\', '\\/', '\\a', '\\z', '\\中', '\\😀',
    '\\ ', '\\\t', '\\\u00a0', '\\X41', '\\U00e9', '\\B', '\\N', '\\e', '\\$',
    '\\\n', '\\\r\n', '\\\r', '\\\u2028', '\\\u2029',
  ];
}

/** Texts json5 rejects, or that change meaning when spliced into a valid text. */
export const INVALID_FRAGMENTS: readonly string[] = [
  // numbers
  '01', '00', '08', '0x', '0xG', '0b1', '0o7', '.e1', '.', '1e', '1e+', '1E-', 'e1', '+', '-', '- 1', '--1', '+-1',
  '1_000', '1.2.3', '0.5e1.5', 'Infinit', 'infinity', '+Inf', 'NaNa', '-Infinityx', '1f',
  // literals cut short or misspelt
  'nul', 'tru', 'fals', 'nulll', 'True', 'None', 'undefined',
  // comments
  '/', '/x', '/*', '*/', '//', '/*/',
  // escapes that json5 refuses, in strings and in identifiers
  '\\u0020', '\\u0031', '\\u200c', '\\ud835\\udc9c', '\\u00', '\\u{41}', '\\x4', '\\x', '\\08', '\\01', '\\1', '\\9', '\\',
  // characters json5 does not take as white space or identifier letters
  ...NOT_WHITESPACE, '\u0560', '\u00b7', '\u2118', '\u{30000}', '😀', '\ud800', '\udc00', '#', '`', '=', '@', ';',
  // white space where it may not appear (inside tokens)
  '\u2028', '\u2029', '\ufeff', '\u00a0', '\u3000', '\u1680', '\r', '\n', '\t', '\v', '\f',
  // structure
  ',,', ':', '"', "'", '{', '}', '[', ']', ',', '{}', '[]', '1', 'a', 'x:1', '"k":',
];

/**
 * A random JSON5 text (nearly always one json5 accepts) that uses every syntax json5 reads:
 * both quotes, every escape, identifier keys of every kind, every number spelling, the three
 * literals, comments and every white space character between any two tokens, top-level scalars,
 * trailing commas, nesting. About one text in fifty is only white space and comments, and one key
 * in thirty-three is one json5 rejects (at the edge of its identifier tables).
 */
export function genJson5(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const ws = (): string => {
    const roll = r();
    if (roll < 0.35) return '';
    if (roll < 0.55) return ' ';
    let s = '';
    for (let n = 1 + Math.floor(r() * 3); n > 0; n--) s += pick(TRIVIA);
    return s;
  };
  const str = (): string => {
    const q = pick(['"', "'"]);
    const pieces = stringPieces(q);
    let body = '';
    for (let n = Math.floor(r() * 4); n > 0; n--) body += pick(pieces);
    return q + body + q;
  };
  const key = (): string => {
    const roll = r();
    if (roll < 0.03) return pick(REJECTED_KEYS); // the text is then rejected at this key
    return roll < 0.6 ? pick(IDENTIFIER_KEYS) : roll < 0.8 ? pick(QUOTED_KEYS) : str();
  };
  const scalar = (): string => {
    const kind = r() * 3;
    if (kind < 1) return str();
    if (kind < 2) return pick(NUMBERS);
    return pick(['true', 'false', 'null']);
  };
  const value = (depth: number): string => {
    const kind = depth > 3 ? r() * 3 : r() * 5;
    if (kind < 3) return scalar();
    if (kind < 4) {
      const n = Math.floor(r() * 4);
      const items = Array.from({ length: n }, () => ws() + value(depth + 1) + ws());
      return '[' + items.join(',') + (n && r() < 0.5 ? ',' : '') + ws() + ']';
    }
    const n = Math.floor(r() * 4);
    const members = Array.from({ length: n }, () => ws() + key() + ws() + ':' + ws() + value(depth + 1) + ws());
    return '{' + members.join(',') + (n && r() < 0.5 ? ',' : '') + ws() + '}';
  };
  const roll = r();
  if (roll < 0.02) return ws() + ws(); // nothing but white space and comments (or the empty text)
  if (roll < 0.04) {
    const d = 1 + Math.floor(r() * 60); // a deeper nest than value() builds
    return ws() + '['.repeat(d) + ws() + scalar() + ws() + ']'.repeat(d) + ws();
  }
  const top = roll < 0.25 ? scalar() : value(r() < 0.5 ? 0 : 3);
  // A // comment may end the text without a line break.
  return ws() + (r() < 0.5 ? '\ufeff' : '') + top + ws() + (r() < 0.1 ? '// end' : '');
}

/**
 * One random edit: delete a character or a run, insert or replace with a JSON5-significant
 * character or fragment (ASCII punctuation, the special white space, invalid escapes, cut-short
 * literals and numbers, astral characters, lone surrogates …), cut the text short, or repeat a run.
 */
export function mutate(text: string, r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const i = Math.floor(r() * (text.length + 1));
  const op = r();
  const piece = (): string => {
    const roll = r();
    if (roll < 0.4) return pick([',', ':', '{', '}', '[', ']', '"', "'", '/', '*', '\\', 'x', 'u', '0', '1', 'e', '.', '-', '+', '\n']);
    if (roll < 0.55) return pick(JSON5_WHITESPACE);
    if (roll < 0.65) return pick(['ü', '中', '𐀀', '\u2e2f', '\u200c', '\u200d', '$', '_', 'I', 'N', 'n', 't', 'f']);
    return pick(INVALID_FRAGMENTS);
  };
  if (op < 0.25) return text.slice(0, i) + text.slice(i + 1);
  if (op < 0.33) return text.slice(0, i) + text.slice(i + 1 + Math.floor(r() * 6));
  if (op < 0.6) return text.slice(0, i) + piece() + text.slice(i);
  if (op < 0.85) return text.slice(0, i) + piece() + text.slice(i + 1);
  if (op < 0.93) return text.slice(0, i);
  const j = i + Math.floor(r() * 8);
  return text.slice(0, j) + text.slice(i, j) + text.slice(j);
}
