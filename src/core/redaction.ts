import type { HeaderPairs, HttpRequest } from './model';

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
  /** Visible replacement text. Default `[REDACTED]`. */
  placeholder?: string;
}

export const DEFAULT_REDACTION_PLACEHOLDER = '[REDACTED]';

/**
 * Credentials-bearing headers, every cookie value, and common secret query
 * parameters. `Cookie` and `Set-Cookie` are covered by `cookies: ['*']`, which
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

/** Redacts ordered header pairs (request or response). Order, duplicates and names are kept. */
export function redactHeaders(headers: HeaderPairs, options: RedactionOptions): HeaderPairs {
  const placeholder = options.placeholder ?? DEFAULT_REDACTION_PLACEHOLDER;
  const isSecretHeader = matcher(options.headers);
  const isSecretCookie = matcher(options.cookies);
  return headers.map(([name, value]) => {
    const lower = name.toLowerCase();
    if (isSecretHeader(name)) return [name, placeholder];
    if ((lower === 'cookie' || lower === 'set-cookie') && options.cookies.length > 0) {
      return [name, redactCookieList(value, isSecretCookie, placeholder, lower === 'set-cookie')];
    }
    return [name, value];
  });
}

/** Replaces named query parameter values in a URL, leaving every other byte untouched. */
export function redactUrl(url: string, options: RedactionOptions): string {
  const query = url.indexOf('?');
  if (query < 0 || !options.queryParams?.length) return url;
  const isSecret = matcher(options.queryParams);
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

/** A copy of the request with secrets replaced by a visible placeholder. The body is left as is. */
export function redactRequest(request: HttpRequest, options: RedactionOptions): HttpRequest {
  return { ...request, url: redactUrl(request.url, options), headers: redactHeaders(request.headers, options) };
}
