// Random NapCat configs for the rebuild property tests: every legacy shape (F0, L1, bare reverseWs
// list, reverseWs.connections), mixed with `network`, and N4 with missing or duplicate names; laid
// out with random comments, JSON5 syntax, tabs or spaces, CRLF or LF, a BOM, one-line files.
// Alongside the text, the generator says what rebuild must produce: the connections that must
// exist afterwards, the entries that were already in `network`, and every comment it wrote.

import * as assert from 'node:assert/strict';
import { analyze, buildModel, parseText, type ConfigModel } from '../../server/src/core';
import { RULES } from '../../server/src/core/rules';
import { rng } from './json5gen';

export { rng };

type AdapterKind = 'httpServers' | 'httpSseServers' | 'httpClients' | 'websocketServers' | 'websocketClients' | 'plugins';

/** A value to print: JSON5 scalars keep their source text so hex, '+' and quotes survive. */
export type GenValue =
  | { readonly t: 'obj'; readonly m: readonly (readonly [string, GenValue])[] }
  | { readonly t: 'arr'; readonly items: readonly GenValue[] }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'num'; readonly v: number; readonly raw?: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'null' };

/** A connection rebuild must leave in `network.<kind>` (values as NapCat would read them). */
export interface ExpectedConnection {
  readonly kind: AdapterKind;
  /** The list it comes from; lists are merged by endpoint, items of one list never. */
  readonly list: string;
  readonly url?: string;
  readonly port?: unknown;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface GeneratedConfig {
  readonly text: string;
  readonly seed: number;
  /** Every comment written, verbatim (each one unique in the file). */
  readonly comments: readonly string[];
  readonly expected: readonly ExpectedConnection[];
  /** Entries already in `network`, by their `x-id` marker, as written (the name may change). */
  readonly existing: ReadonlyMap<number, { readonly kind: AdapterKind; readonly value: Record<string, unknown> }>;
  /** Top-level keys rebuild must keep with these values. */
  readonly kept: Readonly<Record<string, unknown>>;
}

const s = (v: string): GenValue => ({ t: 'str', v });
const n = (v: number, raw?: string): GenValue => ({ t: 'num', v, raw });
const b = (v: boolean): GenValue => ({ t: 'bool', v });
const obj = (m: (readonly [string, GenValue])[]): GenValue => ({ t: 'obj', m });
const arr = (items: GenValue[]): GenValue => ({ t: 'arr', items });

/** The plain JavaScript value of a generated value. */
export function plain(v: GenValue): unknown {
  switch (v.t) {
    case 'obj':
      return Object.fromEntries(v.m.map(([k, x]) => [k, plain(x)]));
    case 'arr':
      return v.items.map(plain);
    case 'str':
    case 'num':
    case 'bool':
      return v.v;
    case 'null':
      return null;
  }
}

const WS_URLS = [
  'ws://127.0.0.1:8080/onebot/v11/ws',
  'ws://127.0.0.1:8081/onebot/v11/ws',
  'ws://127.0.0.1:5140/onebot',
  'ws://127.0.0.1:6199/ws',
  'ws://localhost:2536/OneBotv11',
  'ws://192.168.1.5:8080/onebot/v11/ws',
  'ws://nonebot:8080/onebot/v11/ws',
  'wss://bot.example.com/onebot/v11/ws',
  'ws://[::1]:9000/',
  'ws://机器人.example:3002/ws',
  'ws//broken-url',
  '',
];
const HTTP_URLS = [
  'http://127.0.0.1:8080/onebot/v11/http',
  'http://127.0.0.1:8080/onebot/v11/',
  'http://127.0.0.1:5700/',
  'https://hooks.example.com/napcat?x=1',
  'http://10.0.0.2:9000/events',
];
const TOKENS = ['', 'abc', 'tok-123', '令牌', "it's", 'a"b', 'x//y', 'z/*w*/'];
const HOSTS = ['', '127.0.0.1', '0.0.0.0', '::'];
const NAMES = ['bot', 'nonebot-8080', 'koishi', '机器人', 'ws-server-3001', 'http-server-3000', 'plugin_manager', 'a b', ''];
const WORDS = ['note', '注释', 'with "quotes"', "it's", 'a, b: {c}', '[x]', 'ws://in-comment/x', 'tab\there', '😀'];

interface Style {
  readonly eol: string;
  readonly unit: string;
  readonly compact: boolean;
  readonly json5: boolean;
  readonly comments: number;
  readonly trailing: number;
}

/** One random config from a seed (deterministic: a failure is replayed from its seed). */
export function genConfig(seed: number): GeneratedConfig {
  const r = rng(seed);
  const chance = (p: number) => r() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

  const style: Style = {
    eol: chance(0.3) ? '\r\n' : '\n',
    unit: pick(['  ', '    ', '\t', '   ']),
    compact: chance(0.1),
    json5: chance(0.4),
    comments: pick([0, 0.15, 0.4, 0.8]),
    trailing: pick([0, 0, 0.5, 1]),
  };
  const bom = chance(0.1);

  const expected: ExpectedConnection[] = [];
  const existing = new Map<number, { kind: AdapterKind; value: Record<string, unknown> }>();
  const kept: Record<string, unknown> = {};
  const members: [string, GenValue][] = [];
  const top: Record<string, GenValue> = {};

  const port = (): GenValue => {
    const p = pick([3000, 3001, 5700, 8080, 6700, int(1024, 65535)]);
    return style.json5 && chance(0.2) ? n(p, '0x' + p.toString(16).toUpperCase()) : chance(0.1) ? s(String(p)) : n(p);
  };
  const flag = (): GenValue => b(chance(0.6));
  const urls = (pool: readonly string[]) => Array.from({ length: int(0, 3) }, () => pick(pool));

  // Shared legacy runtime settings.
  const shared: Record<string, GenValue> = {};
  if (chance(0.7)) shared.token = s(pick(TOKENS));
  if (chance(0.6)) shared.heartInterval = n(pick([30000, 15000, 60000]));
  if (chance(0.5)) shared.messagePostFormat = s(pick(['array', 'string']));
  if (chance(0.5)) shared.reportSelfMessage = flag();
  if (chance(0.5)) shared.debug = flag();
  const sh = (k: string, d: unknown) => (shared[k] ? plain(shared[k]) : d);
  const common = (kind: AdapterKind): Record<string, unknown> => {
    const v: Record<string, unknown> = { messagePostFormat: sh('messagePostFormat', 'array'), debug: sh('debug', false) };
    if (kind !== 'httpServers') v.reportSelfMessage = sh('reportSelfMessage', false);
    if (kind !== 'httpClients') v.token = sh('token', '');
    if (kind === 'websocketServers' || kind === 'websocketClients') v.heartInterval = sh('heartInterval', 30000);
    return v;
  };
  const enabledOf = (v: GenValue | undefined) => v?.t === 'bool' && v.v;

  const shape = pick(['L1', 'L1', 'F0', 'list', 'connections', 'mixed', 'mixed', 'N4', 'F0+L1']);
  const hasL1 = shape === 'L1' || shape === 'mixed' || shape === 'F0+L1';
  const hasF0 = shape === 'F0' || shape === 'F0+L1';
  let legacy = false;

  if (hasL1) {
    legacy = true;
    if (chance(0.8)) {
      const http: [string, GenValue][] = [];
      const en = flag();
      http.push(['enable', en]);
      const host = chance(0.9) ? s(pick(HOSTS)) : undefined;
      if (host) http.push(['host', host]);
      const p = chance(0.9) ? port() : undefined;
      if (p) http.push(['port', p]);
      const secret = chance(0.8) ? s(pick(TOKENS)) : undefined;
      if (secret) http.push(['secret', secret]);
      http.push(['enableHeart', b(false)]);
      const post = flag();
      http.push(['enablePost', post]);
      const postUrls = urls(HTTP_URLS);
      http.push(['postUrls', arr(postUrls.map(s))]);
      top.http = obj(shuffle(http, r));
      expected.push({
        kind: 'httpServers',
        list: 'http',
        port: p ? plain(p) : 3000,
        values: { enable: enabledOf(en), host: host ? plain(host) : '', ...common('httpServers') },
      });
      for (const u of postUrls) {
        expected.push({
          kind: 'httpClients',
          list: 'http.postUrls',
          url: u,
          values: { enable: enabledOf(post), token: secret ? plain(secret) : '', ...common('httpClients') },
        });
      }
    }
    if (chance(0.7)) {
      const en = flag();
      const host = s(pick(HOSTS));
      const p = port();
      top.ws = obj(shuffle([['enable', en], ['host', host], ['port', p]], r));
      expected.push({ kind: 'websocketServers', list: 'ws', port: plain(p), values: { enable: enabledOf(en), host: plain(host), ...common('websocketServers') } });
    }
    if (chance(0.8)) {
      const en = flag();
      const list = urls(WS_URLS);
      top.reverseWs = obj(shuffle([['enable', en], ['urls', arr(list.map(s))]], r));
      for (const u of list) {
        expected.push({ kind: 'websocketClients', list: 'reverseWs.urls', url: u, values: { enable: enabledOf(en), ...common('websocketClients') } });
      }
    }
  }
  if (hasF0) {
    legacy = true;
    if (chance(0.8)) {
      const en = flag();
      const host = s(pick(HOSTS));
      const p = port();
      top.enableHttp = en;
      top.httpHost = host;
      top.httpPort = p;
      expected.push({ kind: 'httpServers', list: 'F0.http', port: plain(p), values: { enable: enabledOf(en), host: plain(host), ...common('httpServers') } });
    }
    if (chance(0.7)) {
      const en = flag();
      const host = s(pick(HOSTS));
      const p = port();
      top.enableWs = en;
      top.wsHost = host;
      top.wsPort = p;
      expected.push({ kind: 'websocketServers', list: 'F0.ws', port: plain(p), values: { enable: enabledOf(en), host: plain(host), ...common('websocketServers') } });
    }
    const rev = flag();
    const revUrls = urls(WS_URLS);
    top.enableWsReverse = rev;
    top.wsReverseUrls = arr(revUrls.map(s));
    for (const u of revUrls) {
      expected.push({ kind: 'websocketClients', list: 'wsReverseUrls', url: u, values: { enable: enabledOf(rev), ...common('websocketClients') } });
    }
    const post = flag();
    const postUrls = urls(HTTP_URLS);
    const secret = s(pick(TOKENS));
    top.enableHttpPost = post;
    top.httpPostUrls = arr(postUrls.map(s));
    top.httpSecret = secret;
    top.enableHttpHeart = b(false);
    for (const u of postUrls) {
      expected.push({ kind: 'httpClients', list: 'httpPostUrls', url: u, values: { enable: enabledOf(post), token: plain(secret), ...common('httpClients') } });
    }
  }
  if (shape === 'list') {
    legacy = true;
    const list = urls(WS_URLS);
    top.reverseWs = arr(list.map(s));
    for (const u of list) expected.push({ kind: 'websocketClients', list: 'reverseWs', url: u, values: { enable: true, ...common('websocketClients') } });
  }
  if (shape === 'connections') {
    legacy = true;
    const items: GenValue[] = [];
    for (let i = int(0, 4); i > 0; i--) {
      const u = pick(WS_URLS);
      const m: [string, GenValue][] = [['url', s(u)]];
      const values: Record<string, unknown> = { enable: true, ...common('websocketClients') };
      if (chance(0.6)) m.push(['name', s(pick(NAMES))]);
      if (chance(0.3)) {
        const t = s(pick(TOKENS));
        m.push(['token', t]);
        values.token = plain(t);
      }
      if (chance(0.3)) {
        const en = flag();
        m.push(['enable', en]);
        values.enable = enabledOf(en);
      }
      if (chance(0.2)) {
        m.push(['heartInterval', n(12345)]);
        values.heartInterval = 12345;
      }
      if (chance(0.2)) m.push(['remark', s(pick(WORDS))]);
      items.push(obj(shuffle(m, r)));
      expected.push({ kind: 'websocketClients', list: 'reverseWs.connections', url: u, values });
    }
    top.reverseWs = obj([['connections', arr(items)]]);
  }
  if (legacy) for (const [k, v] of Object.entries(shared)) top[k] = v;

  // An existing `network` (mixed and N4), with names that collide or are missing.
  if (shape === 'mixed' || shape === 'N4' || chance(0.15)) {
    const lists: [string, GenValue][] = [];
    let id = 0;
    const kinds: AdapterKind[] = ['httpServers', 'httpSseServers', 'httpClients', 'websocketServers', 'websocketClients', 'plugins'];
    for (const kind of kinds) {
      if (chance(0.4)) continue;
      const items: GenValue[] = [];
      for (let i = int(0, 3); i > 0; i--) {
        const m: [string, GenValue][] = [];
        if (chance(0.75)) m.push(['name', s(pick(NAMES))]);
        m.push(['enable', flag()]);
        if (kind === 'websocketClients') m.push(['url', s(pick(WS_URLS))]);
        if (kind === 'httpClients') m.push(['url', s(pick(HTTP_URLS))]);
        if (kind === 'httpServers' || kind === 'httpSseServers' || kind === 'websocketServers') {
          m.push(['host', s(pick(HOSTS))], ['port', n(pick([3000, 3001, 5700, 8080]))]);
        }
        if (kind !== 'plugins' && chance(0.5)) m.push(['token', s(pick(TOKENS))]);
        m.push(['x-id', n(++id)]);
        const entry = obj(shuffle(m, r));
        existing.set(id, { kind, value: plain(entry) as Record<string, unknown> });
        items.push(entry);
      }
      lists.push([kind, arr(items)]);
    }
    top.network = obj(lists);
  }

  // Keys rebuild must keep as they are.
  if (chance(0.6)) top.musicSignUrl = s(pick(['', 'https://sign.example.com/music']));
  if (chance(0.5)) top.enableLocalFile2Url = flag();
  if (chance(0.3)) top.GroupLocalTime = obj([['Record', b(false)], ['RecordList', arr([s('123456')])]]);
  if (chance(0.3)) top.parseMultMsg = b(false);
  if (chance(0.2)) top['x-custom'] = obj([['keep', s('me')]]);
  for (const k of ['musicSignUrl', 'enableLocalFile2Url', 'GroupLocalTime', 'parseMultMsg', 'x-custom']) {
    if (top[k]) kept[k] = plain(top[k]);
  }
  // Shared keys with nothing to carry them stay too (no legacy: they are just unknown keys).
  if (!legacy && chance(0.2)) {
    top.token = s('stray');
    kept.token = 'stray';
  }

  for (const [k, v] of shuffle(Object.entries(top), r)) members.push([k, v]);
  const printer = new Printer(style, r);
  const text = (bom ? '\ufeff' : '') + printer.file(obj(members));
  return { text, seed, comments: printer.written, expected, existing, kept };
}

function shuffle<T>(xs: T[], r: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Prints a value with random comments, quoting and commas in a given layout. */
class Printer {
  readonly written: string[] = [];
  private next = 0;

  constructor(
    private readonly style: Style,
    private readonly r: () => number,
  ) {}

  file(root: GenValue): string {
    const { eol } = this.style;
    const head = this.maybe() ? this.comment(true) + eol : '';
    const tail = this.maybe() ? eol + this.comment(true) : '';
    return head + this.value(root, '') + tail + (this.r() < 0.8 ? eol : '');
  }

  private maybe(): boolean {
    return this.style.comments > 0 && this.r() < this.style.comments;
  }

  /** A fresh comment; `ownLine`: may be a line comment (the caller puts a line break after it). */
  private comment(ownLine: boolean): string {
    const id = `c${this.next++}`;
    const word = WORDS[Math.floor(this.r() * WORDS.length)];
    const line = ownLine && !this.style.compact && this.r() < 0.6;
    const multi = !line && !this.style.compact && this.r() < 0.15;
    const c = line ? `// ${id} ${word}` : multi ? `/* ${id}${this.style.eol}   ${word} */` : `/* ${id} ${word} */`;
    this.written.push(c);
    return c;
  }

  private key(k: string): string {
    if (this.style.json5 && /^[A-Za-z_$][\w$]*$/.test(k) && this.r() < 0.5) return k;
    if (this.style.json5 && this.r() < 0.3) return `'${k.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    return JSON.stringify(k);
  }

  private scalar(v: GenValue): string {
    switch (v.t) {
      case 'str':
        return this.style.json5 && this.r() < 0.3 ? `'${v.v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(v.v);
      case 'num':
        return v.raw ?? (this.style.json5 && this.r() < 0.1 ? '+' + String(v.v) : String(v.v));
      case 'bool':
        return String(v.v);
      default:
        return 'null';
    }
  }

  private value(v: GenValue, indent: string): string {
    if (v.t !== 'obj' && v.t !== 'arr') return this.scalar(v);
    const [open, close] = v.t === 'obj' ? ['{', '}'] : ['[', ']'];
    const parts: string[] = v.t === 'obj' ? v.m.map(([k, x]) => `${this.key(k)}: ${this.value(x, indent + this.style.unit)}`) : v.items.map((x) => this.value(x, indent + this.style.unit));
    const oneLine = this.style.compact || (v.t === 'arr' && parts.length <= 2 && this.r() < 0.5) || (indent.length > 0 && this.r() < 0.1);
    const trailing = parts.length > 0 && this.r() < this.style.trailing && this.style.json5;
    if (oneLine) {
      const items = parts.map((p) => (this.maybe() ? `${this.comment(false)} ${p}` : p));
      const inner = items.join(', ') + (trailing ? ',' : '');
      const lead = this.maybe() ? this.comment(false) + ' ' : '';
      return `${open}${lead}${inner}${close}`;
    }
    const { eol, unit } = this.style;
    const inner = indent + unit;
    let out = open;
    if (this.maybe()) out += ' ' + this.comment(true);
    out += eol;
    let sameLine = false;
    parts.forEach((p, i) => {
      if (!sameLine) {
        if (this.maybe()) out += inner + this.comment(true) + eol;
        if (this.maybe() && this.r() < 0.3) out += eol; // a blank line
        out += inner;
      }
      out += p;
      if (i < parts.length - 1 || trailing) out += ',';
      // Sometimes the next member follows on the same line.
      sameLine = i < parts.length - 1 && this.r() < 0.15;
      if (sameLine) {
        out += ' ';
        if (this.maybe()) out += this.comment(false) + ' ';
        return;
      }
      if (this.maybe()) out += ' ' + this.comment(true);
      out += eol;
    });
    if (this.maybe()) out += inner + this.comment(true) + eol;
    return out + indent + close;
  }
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the golden and property tests of rebuild.


/**
 * Comment texts of a JSON5 text (one json5 reads), by a scanner of its own: strings in either
 * quote are skipped, line comments end at any JSON5 line terminator.
 */
export function commentsOf(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (text.startsWith('//', i)) {
      const m = /[\n\r\u2028\u2029]/.exec(text.slice(i));
      const end = m ? i + m.index : text.length;
      out.push(text.slice(i, end));
      i = end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2) + 2;
      out.push(text.slice(i, end));
      i = end;
    } else i++;
  }
  return out;
}

/** Diagnostic codes that a rebuilt file must never have. */
export const REBUILD_CODES: ReadonlySet<string> = new Set(['napcat.legacy-config', 'napcat.duplicate-name', 'napcat.missing-name']);

/** The rules that report those codes (all rules if their ids ever change). */
const OWNERS = RULES.some((r) => r.id === 'legacy') ? RULES.filter((r) => r.id === 'legacy' || r.id === 'names') : RULES;

/** No legacy part, every `network` entry named, names unique across all kinds (model level). */
export function assertNamesClean(model: ConfigModel): void {
  const seen = new Map<string, string>();
  for (const a of model.adapters) {
    if (a.origin !== 'network') continue;
    const at = `${a.kind}[${a.index}]`;
    assert.ok(a.fields.has('name') && a.writtenName !== '', `${at} has a name`);
    const other = seen.get(a.effectiveName);
    assert.equal(other, undefined, `${at} and ${other} share the name '${a.effectiveName}'`);
    seen.set(a.effectiveName, at);
  }
}

/** The rebuilt text: NapCat reads it, nothing legacy or misnamed is left (model and findings). */
export function assertClean(text: string): void {
  const parsed = parseText(text);
  assert.equal(parsed.failure, undefined, 'result parses');
  const model = buildModel(parsed.root);
  assert.deepEqual(model.legacy.map((p) => p.form), [], 'no legacy part remains');
  assertNamesClean(model);
  const codes = analyze(text, { rules: OWNERS }).findings.map((f) => f.code).filter((c) => REBUILD_CODES.has(c));
  assert.deepEqual(codes, [], 'no legacy or name finding remains');
}

/** Every comment of `before` is in `after` (as many times). */
export function assertCommentsKept(before: readonly string[], after: string): void {
  const left = commentsOf(after);
  for (const c of before) {
    const i = left.indexOf(c);
    assert.ok(i >= 0, `comment lost: ${c}`);
    left.splice(i, 1);
  }
}
