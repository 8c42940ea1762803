import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Bundle, type Lang } from '../core';
import { useBundle } from '../wording';

/**
 * The translations shipped with the package: `l10n/bundle.l10n.<lang>.json` at the package root,
 * the bundles VS Code also hands the client (`vscode.l10n`). The CLI, and the language server when
 * its client sent no bundle (editors other than VS Code), load theirs from here.
 */

/** The package root: the nearest folder up from this file with napcat-config's package.json. */
export function packageRoot(): string | undefined {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'napcat-config') return dir;
    } catch {
      // not here; look one level up
    }
  }
  return undefined;
}

/** The shipped bundle for `lang` (none for English, the language of the sources). */
export function shippedBundlePath(lang: Lang): string | undefined {
  const root = packageRoot();
  return lang === 'en' || !root ? undefined : path.join(root, 'l10n', `bundle.l10n.${lang}.json`);
}

/**
 * Reads a bundle file. A missing or broken bundle is not fatal: the messages stay in English, and
 * the reason is returned so the caller can say so.
 */
export function readBundle(file: string): { bundle: Bundle } | { problem: string } {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: `${file}: not a JSON object` };
    // A bundle of a built-in extension wraps the messages (`contents.bundle`), as @vscode/l10n reads it.
    const inner = (value as { contents?: { bundle?: unknown } }).contents?.bundle;
    return { bundle: (typeof inner === 'object' && inner !== null ? inner : value) as Bundle };
  } catch (e) {
    return { problem: `${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Makes the process speak `lang`: with the bundle at `file` when given (what VS Code hands the
 * language server), else with the shipped one. Returns a problem to report, if any.
 */
export function speak(lang: Lang, file?: string): string | undefined {
  const source = file ?? shippedBundlePath(lang);
  if (lang === 'en' || !source) {
    useBundle('en');
    return undefined;
  }
  const r = readBundle(source);
  if ('problem' in r) {
    useBundle('en');
    return r.problem;
  }
  useBundle(lang, r.bundle);
  return undefined;
}
