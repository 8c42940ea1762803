import { Minimatch } from 'minimatch';
import { filesGlob, isConfigFileName, mayBeNapCatConfig, type Analysis } from '../core';

/**
 * Which documents are NapCat OneBot configs: by file name (`onebot11.json`,
 * `onebot11_<uin>.json`), by the user's `napcat.files` globs, or by content (a cheap sniff first,
 * then the model's shape). Other documents get no analysis at all.
 */

export type SelectedBy = 'name' | 'glob';

/** The path part of a URI, decoded, with `/` separators (`/c:/x` becomes `c:/x`). */
export function uriPath(uri: string): string {
  let path: string;
  try {
    path = decodeURIComponent(new URL(uri).pathname);
  } catch {
    path = uri;
  }
  path = path.replace(/\\/g, '/');
  return /^\/[a-zA-Z]:\//.test(path) ? path.slice(1) : path;
}

const compiled = new WeakMap<readonly string[], readonly Minimatch[]>();

/** Compiles the user's `napcat.files` globs (normalised by the core's `filesGlob`). */
function matchers(globs: readonly string[]): readonly Minimatch[] {
  let list = compiled.get(globs);
  if (!list) {
    list = globs.flatMap((raw) => {
      const g = filesGlob(raw);
      return g ? [new Minimatch(g.glob, { dot: true, nocase: g.nocase })] : [];
    });
    compiled.set(globs, list);
  }
  return list;
}

/** Why the document at `uri` is a NapCat config without looking at its text, if it is one. */
export function selectByPath(uri: string, settings: { readonly files: readonly string[] }): SelectedBy | undefined {
  const path = uriPath(uri);
  if (isConfigFileName(path)) return 'name';
  if (settings.files.length > 0) {
    const windows = /^[a-zA-Z]:\//.test(path);
    for (const m of matchers(settings.files)) {
      if (m.match(path) || (windows && m.match(path.toLowerCase()))) return 'glob';
    }
  }
  return undefined;
}

/** Worth parsing a document that its path does not select? (A textual sniff, no parsing.) */
export function worthAnalysing(text: string): boolean {
  return mayBeNapCatConfig(text);
}

/**
 * Does the analysis of a document selected by content describe a NapCat config? `wasOurs`
 * keeps a recognised document recognised while a syntax error makes its shape unreadable, so
 * diagnostics do not vanish in the middle of an edit.
 */
export function looksLikeNapCat(analysis: Analysis, wasOurs: boolean): boolean {
  // Too large to parse: the content sniff is all there is, and the too-large finding says why.
  if (analysis.parsed === undefined) return true;
  const shape = analysis.model.shape;
  if (shape !== 'unknown' && shape !== 'empty') return true;
  return wasOurs && analysis.parsed?.failure !== undefined;
}
