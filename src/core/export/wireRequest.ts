import { bodyBytes } from '../bodyBytes';
import type { Body, HeaderPairs, HttpRequest } from '../model';
import { redactRequest } from '../redaction';
import type { ExportOptions, ExportWarning } from './exportResult';

/**
 * The request as it goes on the wire, shared by the exporters: URL split into
 * scheme / authority / request-target without normalising, and every part that
 * would let data break out of its line (CR, LF, NUL and other control
 * characters) neutralised with a warning. Exporters then only format.
 */
export interface WireRequest {
  scheme: string;
  authority: string;
  /** Byte-for-byte as observed, except control characters, which are percent-encoded. */
  target: string;
  method: string;
  httpVersion: string;
  /** The Host value to send: the first Host header, else `:authority`, else `null`. */
  host: string | null;
  /** Every other header in order with duplicates, minus Content-Length and HTTP/2 pseudo-headers. */
  headers: HeaderPairs;
  /** Where the first Content-Length header stood in `headers`, or -1. */
  contentLengthAt: number;
  /** The original Content-Length values, for exporters that must keep them. */
  contentLengths: string[];
  /** Body bytes; an empty array when there is no body but a Content-Length was sent; `null` when neither. */
  body: Uint8Array | null;
  source: Body | null;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Control characters that may not appear inside a header line (HTAB may).
const LINE_BREAKING = /[\x00-\x08\x0a-\x1f\x7f]/g;

export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

// No userinfo: a captured request never carries one, and `@` in a target must not read as one.
const PLAUSIBLE_AUTHORITY = /^(?:[A-Za-z0-9._~%-]+|\[[0-9A-Fa-f:.]+\])(?::\d+)?$/;

/**
 * Splits an absolute URL into scheme, authority and request-target without
 * normalising. The authority ends at the first `/`, `?` or `#` (RFC 3986).
 * Captured requests are rebuilt as `scheme://` + Host + target, so when that
 * reading gives an impossible authority (`localhost*`, `localhost\index.html`,
 * `localhosthttp:`) and the URL starts with the Host header's value, the Host
 * marks where the target begins and the target (`*`, `\index.html`, an
 * absolute-form target) is kept byte-for-byte. A plausible authority is never
 * cut by a Host that is merely its prefix (`Host: api` for `http://api.internal/`),
 * so `http://localhost` + `www.example.org` stays one host name.
 */
export function splitRequestUrl(url: string, host: string | null): { scheme: string; authority: string; target: string } {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url);
  if (!scheme) return { scheme: '', authority: host ?? '', target: url };
  const rest = url.slice(scheme[0].length);
  let end = rest.search(/[/?#]/);
  if (end < 0) end = rest.length;
  if (host && !PLAUSIBLE_AUTHORITY.test(rest.slice(0, end)) && rest.slice(0, host.length).toLowerCase() === host.toLowerCase()) {
    end = host.length;
  }
  const target = rest.slice(end);
  // RFC 9112 §3.2.1: an empty path is sent as "/".
  return { scheme: scheme[1]!, authority: rest.slice(0, end), target: target === '' || /^[?#]/.test(target) ? `/${target}` : target };
}

export function toWireRequest(request: HttpRequest, options: ExportOptions | undefined, warnings: ExportWarning[]): WireRequest {
  const warn = (code: string, message: string, header?: string) => warnings.push(header === undefined ? { code, message } : { code, message, header });
  let req = request;
  if (options?.redact) {
    req = redactRequest(request, options.redact);
    if (req.url !== request.url) warn('redacted', 'Query parameter values were replaced by the redaction placeholder.');
    req.headers.forEach(([name, value], i) => {
      // Content-Length changes with a redacted body; it is recounted, not hidden.
      if (value !== request.headers[i]?.[1] && name.trim().toLowerCase() !== 'content-length') {
        warn('redacted', `The value of ${name} was replaced by the redaction placeholder.`, name);
      }
    });
    if (req.body !== request.body) warn('redacted', 'Secret body fields were replaced by the redaction placeholder; Content-Length counts the redacted body.');
  }

  const hostIndex = req.headers.findIndex(([name]) => name.toLowerCase() === 'host');
  const authorityPseudo = req.headers.find(([name]) => name === ':authority');
  const rawHost = hostIndex >= 0 ? req.headers[hostIndex]![1] : authorityPseudo ? authorityPseudo[1] : null;
  const split = splitRequestUrl(req.url, rawHost);
  let scheme = split.scheme.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    warn('unsupported_scheme', `The URL scheme "${split.scheme}" is not HTTP; http is used instead.`);
    scheme = 'http';
  }

  const target = split.target.replace(LINE_BREAKING, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  if (target !== split.target) warn('target_control_characters', 'Control characters in the request target were percent-encoded.');
  if (target !== '*' && !/^\/[\x21-\x22\x24-\x7e]*$/.test(target)) {
    warn('nonstandard_target', 'The request target is not a plain origin-form path; it is kept byte-for-byte.');
  }

  const method = req.method.replace(LINE_BREAKING, ' ');
  if (!isToken(method)) warn('invalid_method', 'The method is not a valid HTTP token; control characters were replaced by spaces.');

  const cleanValue = (name: string, value: string): string => {
    const clean = value.replace(LINE_BREAKING, ' ');
    if (clean !== value) warn('header_control_characters', `Control characters (CR, LF, NUL, …) in ${name} were replaced by spaces.`, name);
    return clean;
  };

  const headers: HeaderPairs = [];
  const contentLengths: string[] = [];
  let contentLengthAt = -1;
  req.headers.forEach(([name, value], i) => {
    if (i === hostIndex || name.startsWith(':')) return; // pseudo-headers become the request line and Host
    const lower = name.toLowerCase();
    if (lower === 'content-length') {
      if (contentLengthAt < 0) contentLengthAt = headers.length;
      contentLengths.push(value);
      return;
    }
    if (!isToken(name)) {
      // A name that would split the line (":"), break it (control characters), or
      // make curl read a file ("@…") cannot be sent at all.
      if (name === '' || /[:\x00-\x20\x7f]/.test(name) || name.startsWith('@')) {
        warn('header_dropped', `The header name ${JSON.stringify(name)} cannot be sent and was left out.`, name);
        return;
      }
      warn('invalid_header_name', `The header name ${JSON.stringify(name)} is not a valid HTTP token; it is kept as observed.`, name);
    }
    headers.push([name, cleanValue(name, value)]);
  });

  const source = req.body;
  const body = source ? bodyBytes(source) : contentLengths.length > 0 ? new Uint8Array(0) : null;
  if (source?.truncated) warn('body_truncated', 'The captured body was truncated; only the captured bytes are exported.');
  const isChunked = headers.some(([name]) => name.toLowerCase() === 'transfer-encoding');
  if (!isChunked && contentLengths.some((value) => value.trim() !== String(body?.length ?? 0))) {
    warn('content_length_recomputed', `Content-Length ${contentLengths.join(', ')} did not match the ${body?.length ?? 0}-byte body; it is recomputed.`, 'Content-Length');
  }

  return {
    scheme,
    authority: split.authority,
    target,
    method,
    httpVersion: req.httpVersion,
    host: rawHost === null ? null : cleanValue('Host', rawHost),
    headers,
    contentLengthAt,
    contentLengths,
    body,
    source,
  };
}
