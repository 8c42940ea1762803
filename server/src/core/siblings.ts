import parseJson5 from 'json5/lib/parse';
import { DEFAULT_MAX_LENGTH } from './analyze';
import { buildModel } from './model';
import { parseText } from './json/parse';
import { Runtime, isBindablePort, startup } from './rules/runtime';
import type { AdapterKind } from './schema';
import { LATEST, type Version } from './version';

/**
 * Facts about the other files of a config folder that matter to one config (facts §1): the port
 * the WebUI listens on (`webui.json`) and the servers the other accounts' configs
 * (`onebot11_<uin>.json`) bind. Plain data: the shells read the files, this module only reads
 * their texts, and `analyze` hands the result to the rules.
 */

/** A server another account's NapCat process binds at start. */
export interface SiblingServer {
  readonly kind: AdapterKind;
  readonly name: string;
  /** As handed to Node.js: '' (and 0.0.0.0, ::) means every interface. */
  readonly host: string;
  readonly port: number;
}

export interface SiblingAccount {
  /** The file name, e.g. `onebot11_10002.json`. */
  readonly file: string;
  readonly uin?: string;
  readonly servers: readonly SiblingServer[];
}

export interface Siblings {
  /** The WebUI port written in the folder's `webui.json`; absent: no such file or no usable port. */
  readonly webuiPort?: { readonly port: number; readonly file: string };
  /** The `host` written in the folder's `webui.json`, when it is a string (where the WebUI listens). */
  readonly webuiHost?: string;
  /** The other accounts' configs of the folder (never the analysed file itself). */
  readonly accounts?: readonly SiblingAccount[];
}

/** A sibling file: its name (any path; only the base name counts) and its text. */
export interface SiblingFile {
  readonly name: string;
  readonly text: string;
}

const ACCOUNT_RE = /^onebot11_(\d{5,12})\.json$/i;
const WEBUI_RE = /^webui\.json$/i;

/** The file name part of a path with `/` or `\` separators. */
export function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i < 0 ? p : p.slice(i + 1);
}

/** True for the names whose texts `siblingFacts` reads: `webui.json` and `onebot11_<uin>.json`. */
export function isSiblingFileName(p: string): boolean {
  const name = baseName(p);
  return WEBUI_RE.test(name) || ACCOUNT_RE.test(name);
}

/** True when the analysed file is one account's config, the only kind cross-account checks apply to. */
export function isAccountFileName(p: string): boolean {
  return ACCOUNT_RE.test(baseName(p));
}

/**
 * What one sibling file says on its own: the WebUI port of a `webui.json`, or the servers of an
 * account's config. A function of the file's name, text and the target version only, so shells
 * cache it per file version (see `server/src/files/siblings.ts`).
 */
export interface SiblingRead {
  /** The file's base name. */
  readonly file: string;
  readonly webuiPort?: number;
  /** The `host` of a `webui.json`, when it is a string. */
  readonly webuiHost?: string;
  readonly account?: SiblingAccount;
}

/** True when `siblingFacts` for the config `self` reads the file `name` at all. */
export function siblingWanted(self: string, name: string): boolean {
  const base = baseName(name);
  if (base.toLowerCase() === baseName(self).toLowerCase()) return false;
  // Only an account's own config competes with the other accounts (onebot11.json is a template).
  return WEBUI_RE.test(base) || (ACCOUNT_RE.test(base) && ACCOUNT_RE.test(baseName(self)));
}

/**
 * Reads one sibling file. Pure and never throws: a file that cannot be read as JSON5 (or has no
 * usable port) says nothing (undefined), and so does an account's config larger than the analysis
 * reads (`DEFAULT_MAX_LENGTH`) and any file not named `webui.json` or `onebot11_<uin>.json`.
 */
export function readSibling(f: SiblingFile, version: Version = LATEST): SiblingRead | undefined {
  const name = baseName(f.name);
  if (WEBUI_RE.test(name)) {
    const webui = webuiOf(f.text);
    const port = webuiPortOf(webui);
    const host = typeof webui?.host === 'string' ? webui.host : undefined;
    if (port === undefined && host === undefined) return undefined;
    return { file: name, ...(port !== undefined ? { webuiPort: port } : {}), ...(host !== undefined ? { webuiHost: host } : {}) };
  }
  const uin = ACCOUNT_RE.exec(name)?.[1];
  // A config larger than the analysis reads (an open document can be) is not read as a sibling either.
  if (uin === undefined || f.text.length > DEFAULT_MAX_LENGTH) return undefined;
  const rt = new Runtime(version);
  const servers: SiblingServer[] = [];
  try {
    const parsed = parseText(f.text);
    // A file NapCat cannot read starts nothing it describes.
    if (parsed.failure !== undefined) return undefined;
    const { registered, opened } = startup(buildModel(parsed.root));
    for (const e of registered) {
      if (e.role !== 'server' || (e.kind !== 'websocketServers' && !opened.has(e))) continue;
      const port = rt.listenPort(e);
      const host = rt.listenHost(e);
      if (port === undefined || host === undefined || !isBindablePort(port)) continue;
      servers.push({ kind: e.kind, name: e.adapter.effectiveName, host, port });
    }
  } catch {
    return undefined;
  }
  return { file: name, account: { file: name, uin, servers } };
}

/**
 * The folder facts for the config `self` from what its sibling files say (`readSibling`, in the
 * files' order): files `siblingWanted` leaves out are ignored, and so are the files that say
 * nothing. Other accounts count only when `self` is an account's config (`onebot11_<uin>.json`).
 */
export function combineSiblings(self: string, reads: readonly (SiblingRead | undefined)[]): Siblings {
  let webuiPort: Siblings['webuiPort'];
  let webuiHost: string | undefined;
  const accounts: SiblingAccount[] = [];
  for (const r of reads) {
    if (!r || !siblingWanted(self, r.file)) continue;
    if (r.webuiPort !== undefined) webuiPort = { port: r.webuiPort, file: r.file };
    if (r.webuiHost !== undefined) webuiHost = r.webuiHost;
    if (r.account) accounts.push(r.account);
  }
  accounts.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ...(webuiPort ? { webuiPort } : {}), ...(webuiHost !== undefined ? { webuiHost } : {}), ...(accounts.length ? { accounts } : {}) };
}

/**
 * The folder facts for the config `self` from the texts of its sibling files. Pure and never
 * throws: a file that cannot be read as JSON5 (or has no usable port) is ignored, and so is
 * `self` itself and any file not named `webui.json` or `onebot11_<uin>.json`. Other accounts are
 * read only when `self` is an account's config (`onebot11_<uin>.json`).
 */
export function siblingFacts(self: string, files: readonly SiblingFile[], version: Version = LATEST): Siblings {
  return combineSiblings(
    self,
    files.filter((f) => siblingWanted(self, f.name)).map((f) => readSibling(f, version)),
  );
}

/** The object of a webui.json text, when it is one. */
function webuiOf(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = parseJson5(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `port` of a webui.json, when it is a whole number NapCat can listen on. */
function webuiPortOf(webui: Record<string, unknown> | undefined): number | undefined {
  if (!webui) return undefined;
  const raw = webui.port;
  const port = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}
