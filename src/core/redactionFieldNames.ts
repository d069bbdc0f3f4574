/**
 * Which body field names are secrets: names cut into words, decoded, folded,
 * matched against `RedactionOptions.bodyFields`. Used by the body redaction in
 * ./redaction.ts and by the UI's field highlighting.
 */
import type { RedactionOptions } from './redaction';


// ---------------------------------------------------------------------------
// Body fields
// ---------------------------------------------------------------------------

// Terms this long also match inside the name with its separators removed (`userpassword`,
// `newcard_number`); shorter ones only as whole words, so `pin` hides `user_pin` but not `shipping`.
const INFIX_MIN = 5;
// A name is only decoded this many times: enough for double encoding, bounded for hostile input.
const MAX_DECODES = 3;

/** Lower-case letters and digits only, after compatibility folding (`ＡＰＩ_Key` → `apikey`). */
const squash = (value: string) => value.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const LEET: Record<string, string> = { '@': 'a', $: 's', '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't' };

/**
 * {@link squash} with digit-for-letter spellings undone (`Passw0rd`, `p@$$word`, `cl1ent_secret`):
 * `0 3 4 5 7 @ $` become `o e a s t a s`, and `1`, `i` and `l` all become `1`, so terms are
 * folded the same way. Used for the infix match of long terms only: short ones stay whole words.
 */
const leetSquash = (value: string) =>
  squash(value.normalize('NFKC').replace(/[@$0-9]/g, (c) => LEET[c] ?? c)).replace(/[il1]/g, '1');

/** Words of a name: separators split, and camelCase / digit boundaries (`XApiKey2` → x, api, key, 2). */
function words(name: string): string[] {
  return (name.normalize('NFKC').match(/\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|[\p{L}\p{M}]+|\p{N}+/gu) ?? []).map((w) => w.toLowerCase());
}

export const utf8Decoder = new TextDecoder();

/** Tolerant percent-decoding (`%70`, `%u0070`); `+` is a space; malformed escapes stay as written. */
export function percentDecode(value: string): string {
  return value
    .replace(/\+/g, ' ')
    .replace(/%u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => utf8Decoder.decode(Uint8Array.from(run.slice(1).split('%'), (hex) => parseInt(hex, 16))));
}

// Built once per options object, rebuilt when its list changes (DEFAULT_REDACTION is a shared, mutable object).
const matchers = new WeakMap<RedactionOptions, { key: string; match: (name: string) => boolean }>();

export function fieldMatcher(options: RedactionOptions): (name: string) => boolean {
  const key = (options.bodyFields ?? []).join('\0');
  const cached = matchers.get(options);
  if (cached?.key === key) return cached.match;
  const terms = [...new Set((options.bodyFields ?? []).map(squash).filter((term) => term !== ''))];
  const termSet = new Set(terms);
  const everything = (options.bodyFields ?? []).includes('*');
  const longTerms = terms.filter((term) => term.length >= INFIX_MIN);
  const leetTerms = [...new Set(longTerms.map(leetSquash))];
  const prefixes = new Set(terms.flatMap((term) => Array.from(term, (_, i) => term.slice(0, i + 1))));
  const matchesWords = (name: string, list: string[]) => {
    const squashed = list.join('');
    if (longTerms.some((term) => squashed.includes(term))) return true;
    if (/[@$0-9]/.test(name.normalize('NFKC'))) {
      const folded = leetSquash(name);
      if (leetTerms.some((term) => folded.includes(term))) return true;
    }
    return list.some((_, i) => {
      // Runs of whole words (`api`,`key` = `apikey`), cut as soon as no term starts so: a huge name stays linear.
      for (let run = '', j = i; j < list.length; j++) {
        run += list[j];
        if (termSet.has(run)) return true;
        if (!prefixes.has(run)) break;
      }
      return false;
    });
  };
  const matcher = (name: string) => {
    if (everything) return true;
    if (terms.length === 0) return false;
    // Every decoding step is tried, so neither single nor double encoding hides a name.
    for (let i = 0, current = name; i <= MAX_DECODES; i++) {
      if (matchesWords(current, words(current))) return true;
      const next = percentDecode(current);
      if (next === current) break;
      current = next;
    }
    return false;
  };
  matchers.set(options, { key, match: matcher });
  return matcher;
}

/**
 * Whether a body field name looks like a secret under `options.bodyFields`: the
 * name is cut into words (separators, camelCase, digits), and a term matches a run
 * of whole words (`api key`, `x_api_key`, `apiKey2`), or, when it has 5 letters or
 * more, anywhere in the name without separators (`userpassword`, `newcard_number`),
 * digit-for-letter spellings included (`Passw0rd`, `p@$$word`, `cl1ent_secret`).
 * Percent-encoding (also double, and `%uXXXX`) is decoded first.
 */
export function isSecretFieldName(name: string, options: RedactionOptions): boolean {
  return fieldMatcher(options)(name);
}

