import { base64ToBytes, bytesToBase64, utf8Bytes } from './bodyBytes';
import type { Body, HeaderPairs, HttpRequest, HttpResponse } from './model';
import { BINARY, TEXT, applyEdits, byteLength, bytesToChars, charsToBytes, dechunk, structuredEdits } from './redactionBodyEdits';
import { fieldMatcher, isSecretFieldName } from './redactionFieldNames';

export { isSecretFieldName };

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
