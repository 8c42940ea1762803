/**
 * What a secret is and how it is shown — the one policy every surface uses (findings, hover,
 * outline, the NapCat view, the CLI's reports and diffs, `ping`, `log`, the probes).
 *
 * - A **secret key** is a config key whose value is a credential (`token`, `httpSecret`,
 *   `access_token`, `password`, …): its value is never shown, only whether it is set.
 * - A **secret parameter** is a URL query, fragment or `;path` parameter with such a name
 *   (`access_token`, `api_key`, `auth`, `sign`, `key`, percent-encoded names included).
 * - In a URL, the userinfo is a credential too: the password of `user:password@`, and a user-only
 *   userinfo (`ws://<token>@host`, how some frameworks take a token).
 * - A token written inside a URL's path is masked where the caller knows it (the entry's own token).
 *
 * Masking is by position: the value at a secret key, the value of a secret parameter, the userinfo
 * of a URL. A secret's value is never searched for in unrelated text (a token `NaN` must not hide
 * a port `NaN`). Every masked value becomes `***`; the rest keeps the user's spelling.
 *
 * Pure: no I/O, no editor, no LSP.
 */
import type { Finding } from './findings';
import { isTextList, type MessageArgs, type Text, type TextArg } from './i18n';
import type { JsonNode } from './json/parse';
import { propertyOfKey } from './json/nodes';

/** What a masked value is shown as, everywhere. */
export const MASK = '***';

/** Words that name a credential when they end a config key (`token`, `httpSecret`, `access_token`). */
const SECRET_KEY_WORDS = ['token', 'secret', 'password', 'passwd', 'pwd', 'credential', 'credentials', 'accesstoken', 'apikey'];
/** Words that name a credential when they end a URL parameter: the key words and shorter ones. */
const SECRET_PARAM_WORDS = new Set([...SECRET_KEY_WORDS, 'pass', 'key', 'auth', 'authorization', 'sign', 'signature', 'sig']);
const SECRET_KEY_SET = new Set(SECRET_KEY_WORDS);

/**
 * True when `name` ends with (or is) one of `words`, read as words: `access_token` → `token`,
 * `httpSecret` → `secret`, `api-key` → `key`, `apiKey` or `apikey` as a whole. `musicSignUrl`
 * or `keyword` end with other words. Percent-encoded names (`access%5Ftoken`) are decoded first.
 */
function namesCredential(name: string, words: ReadonlySet<string>): boolean {
  const decoded = decodeSafe(name).trim();
  if (decoded === '') return false;
  if (words.has(decoded.toLowerCase().replace(/[-_.\s]/g, ''))) return true;
  const parts = decoded
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-_.\s]+/)
    .filter((w) => w !== '');
  const last = parts[parts.length - 1];
  return last !== undefined && words.has(last.toLowerCase());
}

/**
 * The answers of `namesCredential` for the names seen last, per word list: a config repeats the
 * same few keys in every entry, and every key of every analysis is asked about. Emptied when it
 * holds `MEMO_LIMIT` names, so it stays small whatever the texts.
 */
const MEMO_LIMIT = 4096;
const keyMemo = new Map<string, boolean>();
const paramMemo = new Map<string, boolean>();

function remembered(memo: Map<string, boolean>, name: string, words: ReadonlySet<string>): boolean {
  let answer = memo.get(name);
  if (answer === undefined) {
    answer = namesCredential(name, words);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(name, answer);
  }
  return answer;
}

/**
 * A URL parameter (query, fragment or `;path`) whose value is a credential: `access_token`,
 * `token`, `secret`, `password`, `api_key`, `key`, `auth`, `sign`, `sig`, … (also percent-encoded).
 */
export function isSecretParam(name: string): boolean {
  return remembered(paramMemo, name, SECRET_PARAM_WORDS);
}

/** A config key whose value is a secret (`token`, `secret`, `httpSecret`, `accessToken`, `access_token`, `password`, …). */
export function isSecretKey(key: string): boolean {
  return remembered(keyMemo, key, SECRET_KEY_SET);
}

/** A token for display: '' when none, else `***` (never a character of it). */
export function maskToken(token: unknown): string {
  const text = typeof token === 'string' ? token : token === undefined || token === null ? '' : String(token);
  return text === '' ? '' : MASK;
}

/** The scheme-specific characters WHATWG `URL` ends an authority at (backslash for special schemes). */
const AUTHORITY_END = /[/?#\\]/;

/**
 * A URL for display with every credential in it masked: the userinfo's password (or a user-only
 * userinfo), the values of secret query, fragment and `;path` parameters, and any of `known` (the
 * entry's own tokens) written as a path segment or part of one. Works on the written text, split
 * at the delimiters WHATWG `URL` uses, so an unparsable URL is masked too and everything else
 * keeps the user's spelling.
 */
export function maskUrl(url: string, known: Known = []): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(url);
  let at = scheme ? scheme[0].length : 0;
  let out = url.slice(0, at);
  if (url.startsWith('//', at)) {
    const authStart = at + 2;
    const rest = url.slice(authStart);
    const end = rest.search(AUTHORITY_END);
    const authority = end < 0 ? rest : rest.slice(0, end);
    out += '//' + maskAuthority(authority);
    at = authStart + authority.length;
  }
  const tail = url.slice(at);
  const hash = tail.indexOf('#');
  const beforeHash = hash < 0 ? tail : tail.slice(0, hash);
  const query = beforeHash.indexOf('?');
  const path = query < 0 ? beforeHash : beforeHash.slice(0, query);
  out += maskPath(path, known);
  if (query >= 0) out += '?' + maskParams(beforeHash.slice(query + 1), /[&;]/);
  if (hash >= 0) out += '#' + maskParams(tail.slice(hash + 1), /[&;]/);
  return out;
}

/** `user:password@host` → `user:***@host`; `token@host` → `***@host`. */
function maskAuthority(authority: string): string {
  const at = authority.lastIndexOf('@');
  if (at < 0) return authority;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  const masked = colon < 0 ? (userinfo === '' ? '' : MASK) : `${userinfo.slice(0, colon)}:${userinfo.length > colon + 1 ? MASK : ''}`;
  return masked + authority.slice(at);
}

/**
 * A known token shorter than this masks a path segment only when it is the whole segment: a token
 * `1` must not hide the `1` of `/v11/`.
 */
const MIN_EMBEDDED = 8;

/**
 * Tokens `maskUrl` hides inside a path: a list (an entry's own tokens) masks a segment equal to one
 * of them and, for tokens of `MIN_EMBEDDED` characters or more, the token inside a segment; a set
 * (all the secrets of a config) masks only whole segments, in constant time per segment.
 */
export type Known = readonly string[] | ReadonlySet<string>;

/** `;name=value` path parameters with a secret name, and known tokens inside segments, masked. */
function maskPath(path: string, known: Known): string {
  if (path === '') return path;
  const whole = isSet(known) ? known : new Set(known);
  const tokens = isSet(known) ? [] : known.filter((k) => k.length >= MIN_EMBEDDED).sort((a, b) => b.length - a.length);
  return path
    .split('/')
    .map((segment) => {
      const semi = segment.indexOf(';');
      let head = semi < 0 ? segment : segment.slice(0, semi);
      if (head !== '' && whole.has(decodeSafe(head))) head = MASK;
      else
        for (const token of tokens) {
          for (const form of [token, encodeURIComponent(token)]) if (head.includes(form)) head = head.split(form).join(MASK);
        }
      return semi < 0 ? head : `${head};${maskParams(segment.slice(semi + 1), /;/)}`;
    })
    .join('/');
}

/** `a=1&access_token=x` → `a=1&access_token=***`, separators as written. */
function maskParams(text: string, separator: RegExp): string {
  let out = '';
  let rest = text;
  for (;;) {
    const m = separator.exec(rest);
    const part = m ? rest.slice(0, m.index) : rest;
    const eq = part.indexOf('=');
    out += eq > 0 && eq < part.length - 1 && isSecretParam(part.slice(0, eq).replace(/\+/g, ' ')) ? `${part.slice(0, eq + 1)}${MASK}` : part;
    if (!m) return out;
    out += m[0];
    rest = rest.slice(m.index + m[0].length);
  }
}

/**
 * The URL a person typed over a masked one (`maskUrl(original, known)`), with each `***` put back
 * to the secret it stands for: "Edit Endpoint" shows the URL masked, and changing its host must
 * keep its token. The k-th `***` of `edited` is the k-th secret of `original`; `undefined` when
 * `edited` has a `***` that cannot be matched so (a different count), which the caller refuses.
 * Without `***`, `edited` is returned as it is.
 */
export function unmaskUrl(edited: string, original: string, known: Known = []): string | undefined {
  if (!edited.includes(MASK)) return edited;
  const masked = maskUrl(original, known);
  const parts = masked.split(MASK);
  const secrets: string[] = [];
  let at = 0;
  for (let k = 0; k < parts.length; k++) {
    // The last part ends the URL; the others are found in order after the previous secret.
    const last = k === parts.length - 1;
    const found = last ? (original.endsWith(parts[k]) ? original.length - parts[k].length : -1) : original.indexOf(parts[k], at);
    if (found < at) return undefined;
    if (k > 0) secrets.push(original.slice(at, found));
    at = found + parts[k].length;
  }
  const pieces = edited.split(MASK);
  if (pieces.length !== parts.length) return undefined;
  return pieces.reduce((out, piece, k) => (k === 0 ? piece : out + secrets[k - 1] + piece), '');
}

/**
 * True when the URL text carries a credential that `maskUrl` would hide (userinfo or a secret
 * parameter). Such a URL never goes into a finding's `data` in clear.
 */
export function hasCredentials(url: string): boolean {
  return maskUrl(url) !== url;
}

/**
 * The credentials written inside a URL, decoded as a server receives them: the userinfo's
 * password or user-only name and the values of secret parameters. Uses WHATWG `URL`; an
 * unparsable URL gives none (its text is still masked by `maskUrl`). For masking texts that came
 * back from the network, where the URL's secrets may be echoed in any form.
 */
export function urlSecrets(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const out: string[] = [];
  if (u.password) out.push(decodeSafe(u.password));
  else if (u.username) out.push(decodeSafe(u.username));
  for (const [name, value] of u.searchParams) if (value !== '' && isSecretParam(name)) out.push(value);
  return out;
}

/** Secrets shorter than this are not searched for inside texts from the network. */
const MIN_SEARCHED = 3;

/**
 * A text that came from outside (a close reason, a response body, a Node.js error about the
 * connection) with each of `secrets` replaced by `***`. The only place a secret's value is
 * searched for: such a text has no structure to mask by position, and it is about the very
 * connection the secrets belong to.
 */
export function maskEchoed(text: string, secrets: readonly string[]): string {
  let out = maskText(text);
  for (const s of [...secrets].filter((x) => x.length >= MIN_SEARCHED).sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join(MASK);
  }
  return out;
}

/** A URL inside free text: up to white space, a quote or a bracket. */
const URL_IN_TEXT = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'`<>()[\]{}]+/g;
/** Punctuation that ends a sentence rather than a URL (`see ws://h/?token=x, then …`). */
const TRAILING = /[.,;:!?]+$/;
/** A secret parameter outside a full URL (`/ws?access_token=…`), its value up to a delimiter. */
const PARAM_IN_TEXT = /([?&;#])([^=&;#?\s"'`<>]+)=([^&;#\s"'`<>()[\]{}]+)/g;
/**
 * A member of JSON / JSON5 text: `"token": "…"`, `token: '…'`, `token: 123` (a bare value is a
 * number, as JSON5 allows nothing else there; prose such as "no token: anyone…" is not a member).
 */
const MEMBER_IN_TEXT = /((["']?)([A-Za-z_$][\w$-]*)\2\s*:\s*)(?:(["'])((?:\\.|(?!\4)[^\\])*)\4|([-+]?(?:\.?\d[\w.+-]*|Infinity|NaN)\b))/g;

/**
 * A line of text that is not a single URL (a diff line, a log line) with every secret in it
 * masked by position, with the same tables as `maskUrl` and `isSecretKey`: URLs (with `known`
 * tokens inside their paths), secret parameters written without a full URL, and members whose key
 * is a secret key. Sentence punctuation after a URL stays where it is.
 */
export function maskText(text: string, known: Known = []): string {
  let out = text.replace(URL_IN_TEXT, (url) => {
    const trail = TRAILING.exec(url)?.[0] ?? '';
    return maskUrl(url.slice(0, url.length - trail.length), known) + trail;
  });
  out = out.replace(PARAM_IN_TEXT, (whole, sep: string, name: string, value: string) => {
    const trail = TRAILING.exec(value)?.[0] ?? '';
    if (trail.length === value.length || value.startsWith(MASK) || !isSecretParam(name)) return whole;
    return `${sep}${name}=${MASK}${trail}`;
  });
  return out.replace(MEMBER_IN_TEXT, (whole, head: string, _q, key: string, quote: string | undefined, str: string | undefined, bare: string | undefined) => {
    if (!isSecretKey(key)) return whole;
    if (quote !== undefined) return str === '' ? whole : `${head}${quote}${MASK}${quote}`;
    return bare === undefined ? whole : `${head}${MASK}`;
  });
}

function isSet(known: Known): known is ReadonlySet<string> {
  return !Array.isArray(known);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The values written under secret keys anywhere in a config (nested ones included), at least
 * `MIN_EMBEDDED` characters long: what `maskFinding` hides when a message quotes one whole — a
 * token pasted into the wrong field. Short values (`NaN`, `1`) are never hidden by value, since
 * they are words and numbers as well.
 */
export function configSecrets(root: JsonNode | undefined): ReadonlySet<string> {
  const out = new Set<string>();
  const visit = (node: JsonNode | undefined, depth: number, secret: boolean): void => {
    if (!node || depth > 64) return;
    if (secret && (node.type === 'string' || node.type === 'number') && String(node.value).length >= MIN_EMBEDDED) out.add(String(node.value));
    for (const child of node.children ?? []) {
      if (child.type === 'property') {
        const key = child.children?.[0]?.value;
        visit(child.children?.[1], depth + 1, secret || (typeof key === 'string' && isSecretKey(key)));
      } else visit(child, depth + 1, secret);
    }
  };
  visit(root, 0, false);
  return out;
}

/**
 * Whether changing the value of `token` (one string, number or key of a tree, the rest left as it
 * was: json/reparse.ts) leaves `configSecrets` of the tree as it was: the token is no key (a key
 * decides whether the values under it are secret) and lies under no secret key.
 */
export function secretsKeptAfter(token: JsonNode): boolean {
  if (propertyOfKey(token)) return false;
  for (let child = token, parent = token.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type !== 'property' || parent.children?.[1] !== child) continue;
    const key = parent.children?.[0]?.value;
    if (typeof key === 'string' && isSecretKey(key)) return false;
  }
  return true;
}

/**
 * A finding with every credential in its message, arguments, related information and `data`
 * masked: URLs, secret parameters and secret members by position (`maskText`), and an argument
 * that is, whole, one of `secrets` (`configSecrets`). `analyze` passes every finding through it,
 * so no surface that shows a finding — diagnostics, the CLI's reports, fixes' payloads — can show a
 * secret of the file. Rules mask the values of secret keys themselves (`isSecretKey`).
 */
export function maskFinding(finding: Finding, secrets: ReadonlySet<string> = new Set()): Finding {
  const message = maskText(finding.message, secrets);
  const args = maskArgs(finding.args, secrets);
  const related = finding.related?.map((r) => {
    const m = maskText(r.message, secrets);
    const a = maskArgs(r.args, secrets);
    return m === r.message && a === r.args ? r : { ...r, message: m, ...(a ? { args: a } : {}) };
  });
  const sentences = finding.sentences?.map((t) => maskText$(t, secrets));
  const data = finding.data === undefined ? undefined : maskData(finding.data);
  const same =
    message === finding.message &&
    args === finding.args &&
    data === finding.data &&
    (related ?? []).every((r, i) => r === finding.related?.[i]) &&
    (sentences ?? []).every((t, i) => t === finding.sentences?.[i]);
  if (same) return finding;
  // The same code with its payload masked in place: still that code's payload type.
  return {
    ...finding,
    message,
    ...(args ? { args } : {}),
    ...(sentences ? { sentences } : {}),
    ...(related ? { related } : {}),
    ...(data !== undefined ? { data } : {}),
  } as Finding;
}

function maskArgs(args: MessageArgs | undefined, secrets: ReadonlySet<string>, depth = 0): MessageArgs | undefined {
  if (!args) return args;
  let out: Record<string, TextArg> | undefined;
  for (const [k, v] of Object.entries(args)) {
    const m = maskArg(v, secrets, depth);
    if (m !== v) (out ??= { ...args })[k] = m;
  }
  return out ?? args;
}

/** One argument: a text taken from the file, a number, or a nested text or list to mask inside. */
function maskArg(v: TextArg, secrets: ReadonlySet<string>, depth: number): TextArg {
  if (typeof v === 'object') {
    if (depth > 16) return v;
    if (isTextList(v)) {
      const items = v.list.map((item) => maskArg(item, secrets, depth + 1));
      return items.every((item, i) => item === v.list[i]) ? v : { ...v, list: items };
    }
    return maskText$(v, secrets, depth + 1);
  }
  const text = String(v);
  const bare = /^(["'`]).*\1$/s.test(text) ? text.slice(1, -1) : text;
  return secrets.has(bare) ? MASK : typeof v === 'string' ? maskText(v, secrets) : v;
}

/** A nested text: its arguments masked (templates are the sources' own). */
function maskText$<T extends Text>(t: T, secrets: ReadonlySet<string>, depth = 0): T {
  const args = maskArgs(t.args, secrets, depth);
  return args === t.args ? t : { ...t, args };
}

function maskData(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => maskData(v, depth + 1));
    return items.every((v, i) => v === value[i]) ? value : items;
  }
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const m = isSecretKey(k) && (typeof v === 'string' || typeof v === 'number') && v !== '' ? MASK : maskData(v, depth + 1);
    if (m !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = m;
  }
  return out ?? value;
}
