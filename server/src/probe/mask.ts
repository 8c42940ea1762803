/**
 * Secrets never leave a probe whole: tokens are shown as at most their first two characters and
 * an ellipsis, and any text that came from the network (close reasons, bodies, error messages)
 * has the token replaced before it is stored in a result.
 */

const ELLIPSIS = '…';
/** Tokens shorter than this show no character at all (two of five would give too much away). */
const MIN_SHOWN = 8;
/** Secrets shorter than this are not searched for inside texts (a token "1" is in every number). */
const MIN_SEARCHED = 3;

/**
 * A token for display: '' for no token, `…` for a short one, else its first two characters and
 * `…` (`"s3cr3t-token"` → `"s3…"`). Never more than two characters of the token.
 */
export function maskToken(token: string): string {
  if (token === '') return '';
  if (token.length < MIN_SHOWN) return ELLIPSIS;
  return token.slice(0, 2) + ELLIPSIS;
}

/** The text with every occurrence of each secret replaced by its mask. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].filter((x) => x.length >= MIN_SEARCHED).sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join(maskToken(s));
  }
  return out;
}

const SECRET_PARAM = /token|secret|key|pass|auth|sign|sig|credential/i;

/**
 * A URL for display: a password in `user:password@` and query parameters that look like secrets
 * (`access_token=…`) are masked, and so is any of `secrets` written elsewhere in it. Works on the
 * text, so an unparsable URL is masked too and the rest keeps the user's spelling.
 */
export function maskUrl(url: string, secrets: readonly string[] = []): string {
  let out = url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@]*?:)([^/?#@]*)@/, (_, head: string, pass: string) => `${head}${maskToken(pass)}@`);
  out = out.replace(/([?&])([^=&#]*)=([^&#]*)/g, (whole, sep: string, name: string, value: string) =>
    SECRET_PARAM.test(name) && value !== '' ? `${sep}${name}=${maskToken(decodeSafe(value))}` : whole,
  );
  return maskSecrets(out, secrets);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Secrets written inside a URL: the password of `user:password@` and secret-looking query values. */
export function urlSecrets(url: string): string[] {
  const out: string[] = [];
  try {
    const u = new URL(url);
    if (u.password) out.push(decodeSafe(u.password));
    for (const [name, value] of u.searchParams) if (value && SECRET_PARAM.test(name)) out.push(value);
  } catch {
    // Unparsable: maskUrl still masks it textually.
  }
  return out;
}
