/**
 * Which documents are NapCat OneBot configs. By file name (`onebot11.json`, `onebot11_<uin>.json`,
 * also with .json5/.jsonc), by user globs, or by content (decided later by the model's shape).
 */

const NAME_RE = /(?:^|[\\/])onebot11(?:_(\d{5,12}))?\.json[c5]?$/i;

/** True when the path's file name is one NapCat gives a OneBot 11 config. */
export function isConfigFileName(path: string): boolean {
  return NAME_RE.test(path);
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
