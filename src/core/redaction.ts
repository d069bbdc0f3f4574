import { base64ToBytes, bytesToBase64, utf8Bytes } from './bodyBytes';
import type { Body, HeaderPairs, HttpRequest, HttpResponse } from './model';

/**
 * Redaction rules shared by the exporters and by the UI, so what an analyst
 * sees and what they copy hide the same secrets. Names match case-insensitively.
 */
export interface RedactionOptions {
  /** Header names whose whole value is replaced. */
  headers: string[];
  /** Cookie names whose value is replaced in `Cookie` / `Set-Cookie`; `'*'` means every cookie. Names stay visible. */
  cookies: string[];
  /** Query parameter names whose value is replaced in the URL. */
  queryParams?: string[];
  /**
   * Body field names (form-urlencoded, JSON at any depth, multipart/form-data)
   * whose value is replaced. Matched on words, not spelling: case, separators and
   * camelCase are ignored (`api_key` = `apiKey` = `API-KEY` = `api key`), and names
   * are percent- / JSON-decoded first. See {@link isSecretFieldName}.
   */
  bodyFields?: string[];
  /** Visible replacement text. Default `[REDACTED]`. */
  placeholder?: string;
}

export const DEFAULT_REDACTION_PLACEHOLDER = '[REDACTED]';

/**
 * Body field names hidden by default (see {@link isSecretFieldName} for how a name
 * matches). Extend rather than replace: `bodyFields: [...DEFAULT_BODY_FIELDS, 'pet_name']`.
 */
export const DEFAULT_BODY_FIELDS: readonly string[] = [
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'secret', 'client_secret', 'token', 'access_token', 'refresh_token',
  'id_token', 'auth_token', 'api_key', 'authorization', 'auth', 'bearer', 'jwt', 'credential', 'credentials', 'cookie', 'session',
  'session_id', 'sid', 'otp', 'totp', 'mfa', 'pin', 'cvv', 'cvc', 'csc', 'security_code', 'card_number', 'cc_number', 'ccnum',
  'card_no', 'cardno', 'ccn', 'credit_card', 'pan', 'account_number', 'iban', 'ssn', 'social_security_number', 'private_key', 'signature',
  // API-gateway keys the words above miss (`Ocp-Apim-Subscription-Key`, `DD-Application-Key`, `X-Functions-Key`).
  'subscription_key', 'app_key', 'application_key', 'access_key', 'master_key', 'functions_key',
];

/**
 * Credentials-bearing headers, every cookie value, common secret query
 * parameters and secret-looking body fields. `Cookie` and `Set-Cookie` are covered by `cookies: ['*']`, which
 * hides every value but keeps the cookie names an investigation needs.
 */
export const DEFAULT_REDACTION: RedactionOptions = {
  headers: [
    'Authorization',
    'Proxy-Authorization',
    'X-Api-Key',
    'Api-Key',
    'X-Auth-Token',
    'X-Access-Token',
    'X-Csrf-Token',
    'X-Xsrf-Token',
    'X-Amz-Security-Token',
  ],
  cookies: ['*'],
  queryParams: ['access_token', 'api_key', 'apikey', 'token', 'key', 'signature', 'sig', 'password'],
  bodyFields: [...DEFAULT_BODY_FIELDS],
};

function matcher(names: readonly string[] | undefined): (name: string) => boolean {
  const set = new Set((names ?? []).map((n) => n.toLowerCase()));
  return (name) => set.has('*') || set.has(name.trim().toLowerCase());
}

/** Replaces values in a `name=value; name=value` list; `firstOnly` for Set-Cookie, whose later pairs are attributes. */
function redactCookieList(value: string, isSecret: (name: string) => boolean, placeholder: string, firstOnly: boolean): string {
  return value
    .split(';')
    .map((pair, index) => {
      const eq = pair.indexOf('=');
      if ((firstOnly && index > 0) || eq < 0 || !isSecret(pair.slice(0, eq))) return pair;
      return pair.slice(0, eq + 1) + placeholder;
    })
    .join(';');
}

// Standard headers whose name holds a secret word but whose value never holds a secret.
const PUBLIC_HEADERS = new Set(['access-control-allow-credentials', 'signature-input', 'accept-signature']);

/**
 * Redacts ordered header pairs (request or response). Order, duplicates and names are kept.
 * A value is hidden when the name is in `headers`, or when it looks like a secret by the
 * body-field rule ({@link isSecretFieldName}: `X-Client-Secret`, `X-Goog-Api-Key`,
 * `Private-Token`); `Cookie` and `Set-Cookie` instead hide cookie values by `cookies`.
 */
export function redactHeaders(headers: HeaderPairs, options: RedactionOptions): HeaderPairs {
  const placeholder = options.placeholder ?? DEFAULT_REDACTION_PLACEHOLDER;
  const isSecretHeader = matcher(options.headers);
  const isSecretCookie = matcher(options.cookies);
  return headers.map(([name, value]) => {
    const lower = name.trim().toLowerCase();
    if (isSecretHeader(name)) return [name, placeholder];
    if (lower === 'cookie' || lower === 'set-cookie') {
      return options.cookies.length > 0 ? [name, redactCookieList(value, isSecretCookie, placeholder, lower === 'set-cookie')] : [name, value];
    }
    if (!PUBLIC_HEADERS.has(lower) && isSecretFieldName(name, options)) return [name, placeholder];
    // These carry a URL whose query can hold the same secrets as the request's own (`?access_token=`).
    if (URL_HEADERS.has(lower)) return [name, redactUrl(value, options)];
    return [name, value];
  });
}

const URL_HEADERS: ReadonlySet<string> = new Set(['referer', 'location', 'content-location']);

/**
 * Replaces query parameter values in a URL, leaving every other byte untouched: the
 * names in `queryParams`, and any name that looks like a secret body field (a query
 * is the same name=value form, so `?client_secret=` hides like a posted one).
 */
export function redactUrl(url: string, options: RedactionOptions): string {
  const query = url.indexOf('?');
  if (query < 0 || (!options.queryParams?.length && !options.bodyFields?.length)) return url;
  const isNamed = matcher(options.queryParams);
  const isSecret = (name: string) => isNamed(name) || isSecretFieldName(name, options);
  const placeholder = options.placeholder ?? DEFAULT_REDACTION_PLACEHOLDER;
  const hash = url.indexOf('#', query);
  const end = hash < 0 ? url.length : hash;
  const params = url
    .slice(query + 1, end)
    .split('&')
    .map((param) => {
      const eq = param.indexOf('=');
      return eq >= 0 && isSecret(param.slice(0, eq)) ? param.slice(0, eq + 1) + placeholder : param;
    });
  return url.slice(0, query + 1) + params.join('&') + url.slice(end);
}

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

const utf8Decoder = new TextDecoder();

/** Tolerant percent-decoding (`%70`, `%u0070`); `+` is a space; malformed escapes stay as written. */
function percentDecode(value: string): string {
  return value
    .replace(/\+/g, ' ')
    .replace(/%u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => utf8Decoder.decode(Uint8Array.from(run.slice(1).split('%'), (hex) => parseInt(hex, 16))));
}

// Built once per options object, rebuilt when its list changes (DEFAULT_REDACTION is a shared, mutable object).
const matchers = new WeakMap<RedactionOptions, { key: string; match: (name: string) => boolean }>();

function fieldMatcher(options: RedactionOptions): (name: string) => boolean {
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

/**
 * The body as one string of code units: the text itself, or one char per byte
 * for byte bodies, so structure is found the same way and untouched bytes copy through.
 */
interface Medium {
  binary: boolean;
  /** Real text of a slice of the medium (UTF-8 decoded when binary). */
  text(raw: string): string;
  /** A string to write into the medium. */
  encode(text: string): string;
}
const TEXT: Medium = { binary: false, text: (raw) => raw, encode: (text) => text };
/** One char per byte, in slices so a large body never overflows the call stack. */
function bytesToChars(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}
const charsToBytes = (chars: string) => Uint8Array.from(chars, (c) => c.charCodeAt(0));
const BINARY: Medium = {
  binary: true,
  text: (raw) => utf8Decoder.decode(charsToBytes(raw)),
  encode: (text) => bytesToChars(utf8Bytes(text)),
};

type Edit = [start: number, end: number, replacement: string];

function applyEdits(source: string, edits: Edit[]): string {
  if (edits.length === 0) return source;
  let out = '';
  let at = 0;
  for (const [start, end, replacement] of edits) {
    out += source.slice(at, start) + replacement;
    at = end;
  }
  return out + source.slice(at);
}

/** `a=1&password=x`: each value after a secret name, up to the next `&`; empty values have nothing to hide. */
function formEdits(source: string, isSecret: (name: string) => boolean, placeholder: string, medium: Medium): Edit[] {
  const edits: Edit[] = [];
  // `&`, `=` and `%` in a custom placeholder would change the fields a server reads.
  const value = medium.encode(placeholder.replace(/[&=%+#;\s]/g, (c) => encodeURIComponent(c)));
  let start = 0;
  let eq = -1;
  while (start <= source.length) {
    let end = source.indexOf('&', start);
    if (end < 0) end = source.length;
    // The next `=` is looked up once per `=`, not per field: linear on `&&&&…`.
    if (eq !== Infinity && eq < start) eq = source.indexOf('=', start) < 0 ? Infinity : source.indexOf('=', start);
    if (eq < end - 1 && isSecret(medium.text(source.slice(start, eq)))) edits.push([eq + 1, end, value]);
    start = end + 1;
  }
  return edits;
}

function looksLikeForm(source: string): boolean {
  for (let start = 0; start <= source.length; ) {
    let end = source.indexOf('&', start);
    if (end < 0) end = source.length;
    const eq = source.indexOf('=', start);
    if (/\s/.test(source.slice(start, eq >= start && eq < end ? eq : end))) return false;
    start = end + 1;
  }
  return true;
}

/** A JSON string's text; escapes decoded leniently (a broken escape stays as written). */
function jsonString(raw: string): string {
  return raw.replace(/\\(?:u([0-9a-fA-F]{4})|([\s\S]))/g, (_, hex: string | undefined, c: string) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c] ?? c,
  );
}

/** Index just past the string opening at `at` (or the end, when it never closes). */
function stringEnd(source: string, at: number): number {
  for (let i = at + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return source.length;
}

/** Index just past the JSON value starting at `at`; tolerant of truncated or broken JSON. Iterative: depth cannot overflow. */
function valueEnd(source: string, at: number): number {
  const first = source[at];
  if (first === '"') return stringEnd(source, at);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = at; i < source.length; i++) {
      const c = source[i];
      if (c === '"') i = stringEnd(source, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
    }
    return source.length;
  }
  let i = at;
  while (i < source.length && !/[,}\]\s]/.test(source[i]!)) i++;
  return i;
}

const WS = /[ \t\r\n]/;

/**
 * Every value of a secret key, at any depth and in arrays, becomes the placeholder
 * as a JSON string; everything else, whitespace and key order included, is kept.
 * Tolerant: truncated or broken JSON is scanned as far as it goes.
 */
function jsonEdits(source: string, isSecret: (name: string) => boolean, placeholder: string, medium: Medium): Edit[] {
  const edits: Edit[] = [];
  const value = medium.encode(JSON.stringify(placeholder));
  const stack: string[] = [];
  let expectKey = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '{' || c === '[') {
      stack.push(c);
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] === '{';
    } else if (c === '"') {
      const end = stringEnd(source, i);
      let next = end;
      while (next < source.length && WS.test(source[next]!)) next++;
      if (expectKey && source[next] === ':') {
        let start = next + 1;
        while (start < source.length && WS.test(source[start]!)) start++;
        const name = jsonString(medium.text(source.slice(i + 1, Math.max(i + 1, end - 1))));
        if (isSecret(name)) {
          const stop = valueEnd(source, start);
          const raw = source.slice(start, stop);
          // null and "" hold nothing to hide.
          if (raw !== '' && raw !== 'null' && raw !== '""') edits.push([start, stop, value]);
          i = stop;
          expectKey = false;
          continue;
        }
        i = start;
        expectKey = false;
        continue;
      }
      i = end;
      expectKey = false;
      continue;
    }
    i++;
  }
  return edits;
}

/** A header parameter (`name="a\"b"`, `name=a`), unquoted; `name*=UTF-8''…` (RFC 8187) percent-decoded. */
function headerParam(value: string, param: string): string | null {
  const pattern = new RegExp(`(?:^|;)\\s*${param}(\\*?)\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"?|([^;]*))`, 'gi');
  let found: string | null = null;
  for (const m of value.matchAll(pattern)) {
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    found = m[1] ? percentDecode(raw.replace(/^[^']*'[^']*'/, '')) : raw;
    if (m[1]) break; // the extended form wins (RFC 7578 §4.2 / RFC 8187)
  }
  return found;
}

/**
 * multipart: a part whose Content-Disposition names a secret field has its content
 * replaced; any other part is redacted by its own Content-Type (a JSON part, a nested
 * multipart). Delimiters, part headers, preamble and epilogue are kept.
 */
function multipartEdits(source: string, boundary: string, isSecret: (name: string) => boolean, placeholder: string, medium: Medium, depth: number): Edit[] {
  const delimiter = `--${boundary}`;
  // Delimiters start a line (RFC 2046 §5.1.1); bare LF is accepted as servers do.
  const starts: number[] = [];
  for (let at = source.indexOf(delimiter); at >= 0; at = source.indexOf(delimiter, at + delimiter.length)) {
    if (at === 0 || source[at - 1] === '\n') starts.push(at);
  }
  const edits: Edit[] = [];
  starts.forEach((at, k) => {
    if (source.startsWith('--', at + delimiter.length)) return; // the close delimiter
    const lineEnd = source.indexOf('\n', at);
    if (lineEnd < 0) return;
    const headStart = lineEnd + 1;
    const next = starts[k + 1];
    const blank = /\r?\n\r?\n/.exec(source.slice(headStart, next ?? source.length));
    const headEnd = blank ? headStart + blank.index : -1;
    // A part whose headers end at once (`\r\n` right after the delimiter line) has none.
    const bodyStart = /^\r?\n/.test(source.slice(headStart)) ? headStart + (source[headStart] === '\r' ? 2 : 1) : blank ? headEnd + blank[0].length : -1;
    if (bodyStart < 0) return;
    // The line break before the next delimiter belongs to it.
    const bodyEnd = next === undefined ? source.length : next - (source[next - 2] === '\r' ? 2 : 1);
    if (bodyEnd <= bodyStart) return;
    const head = bodyStart === headStart ? '' : source.slice(headStart, headEnd);
    const partHeaders: HeaderPairs = head
      .split(/\r?\n/)
      .map((line): [string, string] => {
        const colon = line.indexOf(':');
        // Control characters around a part header's name do not stop a server reading it.
        return colon < 0 ? [line, ''] : [line.slice(0, colon).replace(/[\x00-\x20\x7f]/g, ''), medium.text(line.slice(colon + 1))];
      });
    const names = partHeaders
      .filter(([name]) => name.toLowerCase() === 'content-disposition')
      .map(([, value]) => headerParam(value, 'name'))
      .filter((name): name is string => name !== null);
    if (names.some(isSecret)) {
      edits.push([bodyStart, bodyEnd, medium.encode(placeholder)]);
      return;
    }
    const inner = structuredEdits(source.slice(bodyStart, bodyEnd), partHeaders, isSecret, placeholder, medium, depth + 1);
    for (const [s, e, r] of inner) edits.push([bodyStart + s, bodyStart + e, r]);
  });
  return edits;
}

/**
 * Index of the first character after leading whitespace and a UTF-8 byte order mark
 * (as text, or as the bytes EF BB BF of a byte body): where a sniffed body really starts.
 * One pass over what is skipped, however long: padding cannot push JSON out of view.
 */
function contentStart(source: string): number {
  let i = source.startsWith('\xef\xbb\xbf') ? 3 : 0;
  while (i < source.length && /[\s\ufeff]/.test(source[i]!)) i++;
  return i;
}

// Nested multiparts deeper than this are left as they are: no real client nests further.
const MAX_DEPTH = 4;

/**
 * Finds the secret values in a body by what it is: the Content-Type first, and
 * when that names no structured type (none, text/plain, octet-stream, …), by its
 * look (`{` / `[` → JSON, else form fields). XML and HTML are not fields.
 */
function structuredEdits(source: string, headers: HeaderPairs, isSecret: (name: string) => boolean, placeholder: string, medium: Medium, depth: number): Edit[] {
  if (depth > MAX_DEPTH) return [];
  const contentType = headers.find(([name]) => name.trim().toLowerCase() === 'content-type')?.[1] ?? '';
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = headerParam(contentType, 'boundary') ?? /^--([^\r\n]+?)\s*\r?\n/.exec(source)?.[1];
    return boundary ? multipartEdits(source, boundary, isSecret, placeholder, medium, depth) : [];
  }
  if (type === 'application/x-www-form-urlencoded') return formEdits(source, isSecret, placeholder, medium);
  if (/json/.test(type) || /[[{]/.test(source[contentStart(source)] ?? '')) {
    return /xml|html/.test(type) ? [] : jsonEdits(source, isSecret, placeholder, medium);
  }
  if (/xml|html/.test(type)) return [];
  // A multipart body sent without its Content-Type still carries its parts.
  const sniffed = /^--([^\r\n]{1,200}?)[ \t]*\r?\n[^]{0,2000}?content-disposition:/i.exec(source.slice(0, 2300));
  if (sniffed) return multipartEdits(source, sniffed[1]!, isSecret, placeholder, medium, depth);
  // Untyped text is read as fields only when it looks like a form: no field name holds
  // whitespace. Prose, scripts and logs (`document.cookie=…` on a line) stay as they are.
  return looksLikeForm(source) ? formEdits(source, isSecret, placeholder, medium) : [];
}

/** `Transfer-Encoding: chunked` framing: the payload and what follows the last chunk, or null when the framing is broken. */
function dechunk(source: string): { payload: string; trailer: string } | null {
  let payload = '';
  let at = 0;
  for (;;) {
    const lineEnd = source.indexOf('\n', at);
    if (lineEnd < 0) return null;
    const size = /^([0-9a-fA-F]+)/.exec(source.slice(at, lineEnd));
    if (!size) return null;
    const length = parseInt(size[1]!, 16);
    if (length === 0) return { payload, trailer: source.slice(lineEnd + 1) };
    payload += source.slice(lineEnd + 1, lineEnd + 1 + length);
    at = lineEnd + 1 + length;
    at += source.startsWith('\r\n', at) ? 2 : source[at] === '\n' ? 1 : 0;
  }
}

function byteLength(value: string, medium: Medium): number {
  return medium.binary ? value.length : utf8Bytes(value).length;
}

/**
 * The body with the values of secret-named fields replaced (see {@link isSecretFieldName}):
 * form-urlencoded, JSON (nested, arrays) and multipart/form-data, chosen by the
 * headers' Content-Type, else by the body's look. Every other byte is kept; a
 * chunked body is re-framed as one chunk so its framing stays true. `size` moves
 * by the bytes removed, `truncated` stays as it was. The same object when nothing changed.
 */
export function redactBody(body: Body | null, headers: HeaderPairs, options: RedactionOptions): Body | null {
  if (!body || !options.bodyFields?.length) return body;
  const isSecret = fieldMatcher(options);
  const placeholder = options.placeholder ?? DEFAULT_REDACTION_PLACEHOLDER;
  const medium = body.kind === 'text' ? TEXT : BINARY;
  const source = body.kind === 'text' ? body.text : bytesToChars(base64ToBytes(body.base64));
  const chunked = headers.some(([name, value]) => name.trim().toLowerCase() === 'transfer-encoding' && /chunked/i.test(value));
  const framed = chunked ? dechunk(source) : null;
  let out: string;
  if (framed) {
    const payload = applyEdits(framed.payload, structuredEdits(framed.payload, headers, isSecret, placeholder, medium, 0));
    out = payload === framed.payload ? source : `${byteLength(payload, medium).toString(16)}\r\n${payload}\r\n0\r\n${framed.trailer}`;
  } else {
    // Broken framing (or none): the secret still must not show.
    out = applyEdits(source, structuredEdits(source, headers, isSecret, placeholder, medium, 0));
  }
  if (out === source) return body;
  // Never below what is still captured, whatever size the capture claimed.
  const size = Math.max(byteLength(out, medium), body.size + byteLength(out, medium) - byteLength(source, medium));
  if (body.kind === 'text') return { kind: 'text', text: out, size, truncated: body.truncated };
  return { kind: 'bytes', base64: bytesToBase64(charsToBytes(out)), size, truncated: body.truncated };
}

/**
 * Content-Length values that described the original body now describe the redacted
 * one; values that were already wrong stay as observed (the exporters warn about them).
 */
function recountContentLength(headers: HeaderPairs, before: Body, after: Body): HeaderPairs {
  const captured = (body: Body) => (body.kind === 'text' ? utf8Bytes(body.text).length : base64ToBytes(body.base64).length);
  const was = captured(before);
  const now = captured(after);
  return headers.map(([name, value]): [string, string] => {
    if (name.trim().toLowerCase() !== 'content-length') return [name, value];
    const n = value.trim();
    if (n === String(was)) return [name, String(now)];
    if (n === String(before.size)) return [name, String(after.size)];
    return [name, value];
  });
}

/**
 * A copy of the request with secrets replaced by a visible placeholder: header
 * values, cookie values, query values and body fields, with Content-Length
 * recomputed so the copy is an exact request for what it now holds.
 */
export function redactRequest(request: HttpRequest, options: RedactionOptions): HttpRequest {
  const body = redactBody(request.body, request.headers, options);
  let headers = redactHeaders(request.headers, options);
  if (body !== request.body && body && request.body) headers = recountContentLength(headers, request.body, body);
  return { ...request, url: redactUrl(request.url, options), headers, body };
}

/** A copy of the response with secret headers, cookies and body fields replaced, as {@link redactRequest}. */
export function redactResponse(response: HttpResponse, options: RedactionOptions): HttpResponse {
  const body = redactBody(response.body, response.headers, options);
  let headers = redactHeaders(response.headers, options);
  if (body !== response.body && body && response.body) headers = recountContentLength(headers, response.body, body);
  return { ...response, headers, body };
}
