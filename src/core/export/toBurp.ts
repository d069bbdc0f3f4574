import { bodyText } from '../bodyBytes';
import type { HttpRequest } from '../model';
import type { ExportOptions, ExportResult, ExportWarning } from './exportResult';
import { toWireRequest } from './wireRequest';

/**
 * The raw HTTP/1.1 request Burp Repeater accepts on paste: request line with
 * the request-target byte-for-byte, Host first (none, with a `host_missing`
 * warning, when the request had none), every other header in order
 * with duplicates, CRLF line endings, a blank line, the body.
 *
 * - `Content-Length` is recomputed from the body's UTF-8 bytes and kept where it
 *   stood (or added last). With `Transfer-Encoding` the body is the framed wire
 *   body, so the original Content-Length values are kept untouched.
 * - HTTP/2 becomes HTTP/1.1: pseudo-headers go into the request line and Host,
 *   and split `cookie` headers are joined with `; ` (RFC 9113 §8.2.3).
 * - CR, LF, NUL and other control characters never reach a header line
 *   (replaced by spaces; in the target, percent-encoded), each with a warning.
 * - A body that is not valid UTF-8 cannot be pasted as text: it is decoded with
 *   U+FFFD replacements and a `body_not_text` warning.
 */
export function toBurp(request: HttpRequest, options?: ExportOptions): ExportResult {
  const warnings: ExportWarning[] = [];
  const wire = toWireRequest(request, options, warnings);
  let version = wire.httpVersion.toUpperCase();
  const isHttp2 = version.startsWith('HTTP/2');
  if (version !== 'HTTP/1.0' && version !== 'HTTP/1.1') {
    if (!isHttp2) warnings.push({ code: 'http_version_unsupported', message: `${JSON.stringify(wire.httpVersion)} is written as HTTP/1.1.` });
    version = 'HTTP/1.1';
  }

  const headers = wire.headers.slice();
  if (isHttp2) {
    const cookies = headers.filter(([name]) => name.toLowerCase() === 'cookie');
    if (cookies.length > 1) {
      const first = headers.indexOf(cookies[0]!);
      const joined: [string, string] = [cookies[0]![0], cookies.map(([, value]) => value).join('; ')];
      for (let i = headers.length - 1; i >= 0; i--) if (headers[i]![0].toLowerCase() === 'cookie') headers.splice(i, 1);
      headers.splice(first, 0, joined);
    }
  }

  let body = '';
  if (wire.source) {
    const text = bodyText(wire.source);
    if (text === null) warnings.push({ code: 'body_not_text', message: 'The body is not valid UTF-8; invalid bytes are shown as U+FFFD.' });
    body = text ?? new TextDecoder().decode(wire.body ?? undefined);
  }
  const chunked = headers.some(([name]) => name.toLowerCase() === 'transfer-encoding');
  const contentLength: Array<[string, string]> = chunked
    ? wire.contentLengths.map((value) => ['Content-Length', value])
    : wire.body !== null
      ? [['Content-Length', String(new TextEncoder().encode(body).length)]]
      : [];
  headers.splice(wire.contentLengthAt < 0 ? headers.length : wire.contentLengthAt, 0, ...contentLength);

  // A request that had no Host is pasted without one (adding it would change what a
  // "missing Host" detection replays); Burp takes the target from its own field.
  if (wire.host === null) {
    warnings.push({ code: 'host_missing', message: `The request had no Host header and none is written; set Burp's target to ${wire.authority}.` });
  }
  const lines = [`${wire.method} ${wire.target} ${version}`, ...(wire.host === null ? [] : [`Host: ${wire.host}`]), ...headers.map(([name, value]) => `${name}: ${value}`)];
  return { text: `${lines.join('\r\n')}\r\n\r\n${body}`, warnings };
}
