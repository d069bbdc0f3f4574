import { bodyText } from '../bodyBytes';
import type { HeaderPairs, HttpRequest } from '../model';
import type { ExportOptions, ExportResult, ExportWarning } from './exportResult';
import { toWireRequest } from './wireRequest';

// Headers a browser's fetch silently drops or refuses (Fetch standard, "forbidden request-header").
const FORBIDDEN = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method', 'connection', 'content-length',
  'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive', 'origin', 'referer', 'set-cookie', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'via',
]);

/** A JS string literal: JSON escaping, plus U+2028/U+2029 which older engines reject in literals. */
const literal = (value: string) => JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * A JavaScript `fetch(…)` call for the request. Every attacker-written value
 * is a JSON string literal, so nothing in it can run. Headers are an array of
 * pairs (order and duplicates kept); the body is the exact text, or a
 * `Uint8Array` of its bytes when it is not valid UTF-8.
 *
 * fetch cannot reproduce everything, and says so with warnings: the WHATWG URL
 * parser normalises the target (`url_normalised`), browsers drop forbidden
 * headers such as Host, Cookie and Content-Length (`forbidden_header`; Host and
 * Content-Length are left out, fetch sets them), and GET/HEAD cannot carry a
 * body (`body_not_allowed`).
 */
export function toFetch(request: HttpRequest, options?: ExportOptions): ExportResult {
  const warnings: ExportWarning[] = [];
  const wire = toWireRequest(request, options, warnings);
  if (!/^\/[\x21\x22\x24-\x7e]*$/.test(wire.target) || /\/\.|\\/.test(wire.target)) {
    warnings.push({ code: 'url_normalised', message: 'fetch parses the URL as a WHATWG URL, which changes this target.' });
  }
  const url = `${wire.scheme}://${wire.authority}${wire.target.startsWith('/') ? wire.target : `/${wire.target}`}`;
  const lines = [`await fetch(${literal(url)}, {`, `  method: ${literal(wire.method)},`];

  // fetch cannot leave Host out; the analyst must know the replay differs.
  if (wire.host === null) warnings.push({ code: 'host_added', message: 'The request had no Host header; fetch always sends one.' });
  const headers: HeaderPairs = wire.host !== null && wire.host !== wire.authority ? [['Host', wire.host], ...wire.headers] : wire.headers;
  if (headers.length > 0) {
    lines.push('  headers: [');
    for (const [name, value] of headers) {
      if (FORBIDDEN.has(name.toLowerCase()) || /^(proxy-|sec-)/i.test(name)) {
        warnings.push({ code: 'forbidden_header', message: `Browsers do not let fetch send ${name}.`, header: name });
      }
      lines.push(`    [${literal(name)}, ${literal(value)}],`);
    }
    lines.push('  ],');
  }

  if (wire.body !== null && wire.body.length > 0) {
    if (/^(GET|HEAD)$/i.test(wire.method)) warnings.push({ code: 'body_not_allowed', message: `fetch refuses a body with ${wire.method}.` });
    const text = wire.source ? bodyText(wire.source) : null;
    lines.push(`  body: ${text !== null ? literal(text) : `new Uint8Array([${Array.from(wire.body).join(', ')}])`},`);
  }
  lines.push('});');
  return { text: lines.join('\n'), warnings };
}
