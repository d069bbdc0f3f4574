/**
 * The only gate through which an untrusted URL becomes a link: returns a
 * normalised absolute `http:`/`https:` URL, or `null` (render as text).
 *
 * Anything with whitespace or control characters is refused outright instead
 * of being "cleaned": browsers strip some of them (`java\tscript:`), so a
 * cleaned string could mean something else than what the analyst reads.
 * Relative URLs are refused too — there is no trustworthy base to resolve them.
 */
// C0 controls, space, DEL, C1 controls, and Unicode spaces / invisible formatters.
const UNSAFE_CHARS = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/;
const HTTP_SCHEME = /^https?:\/\//i;

export function safeHref(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  if (UNSAFE_CHARS.test(url) || !HTTP_SCHEME.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!parsed.hostname) return null;
  return parsed.href;
}
