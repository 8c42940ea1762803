/**
 * Which documents are NapCat OneBot configs. By file name (`onebot11.json`, `onebot11_<uin>.json`,
 * also with .json5/.jsonc), by user globs, or by content (decided later by the model's shape).
 */

const NAME_RE = /(?:^|[\\/])onebot11(?:_(\d{5,12}))?\.json[c5]?$/i;

/** True when the path's file name is one NapCat gives a OneBot 11 config. */
export function isConfigFileName(path: string): boolean {
  return NAME_RE.test(path);
}

/** A `napcat.files` pattern, normalised for matching (see `filesGlob`). */
export interface FilesGlob {
  /** The glob, slash-separated; a relative pattern gets a leading globstar so it matches at any depth. */
  readonly glob: string;
  /** True for `/srv/…`, `C:/…` and `~/…`: a path of its own, not inside a workspace folder. */
  readonly absolute: boolean;
  /** True for a Windows drive path, matched without regard to case. */
  readonly nocase: boolean;
}

/**
 * A `napcat.files` pattern as both the server (which matches document paths) and the client
 * (which searches workspace folders) read it: backslashes become `/`, a leading `./` goes, and a
 * relative pattern — a bare file name or `config/*.json` — matches at any depth, since neither
 * side knows which folder the user meant. Undefined for an empty pattern.
 */
export function filesGlob(pattern: string): FilesGlob | undefined {
  let glob = pattern.trim().replace(/\\/g, '/');
  if (glob.startsWith('./')) glob = glob.slice(2);
  if (glob === '') return undefined;
  const nocase = /^[a-zA-Z]:\//.test(glob);
  const absolute = nocase || glob.startsWith('/') || glob.startsWith('~');
  if (!absolute && !glob.startsWith('**/') && glob !== '**') glob = `**/${glob}`;
  return { glob, absolute, nocase };
}

/** The QQ account (uin) in `onebot11_<uin>.json`, if any. */
export function uinFromFileName(path: string): string | undefined {
  return NAME_RE.exec(path)?.[1];
}

/**
 * A cheap textual sniff used before parsing a document whose name says nothing: true when the
 * text mentions a key only NapCat OneBot configs use. False positives are settled by the model
 * (shape 'unknown' means "not ours").
 */
export function mayBeNapCatConfig(text: string): boolean {
  return /"?(?:websocketClients|websocketServers|httpServers|httpClients|httpSseServers|reverseWs|wsReverseUrls|enableWsReverse|httpPostUrls|enableHttpPost)"?\s*:/.test(
    text.length > 1_000_000 ? text.slice(0, 1_000_000) : text,
  );
}
