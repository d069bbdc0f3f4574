import type { HttpRequest } from '../../../src/core/model';

/**
 * The documented contract of the exporters, written independently of them:
 * what a faithful replay must put on the wire for `request`, whose URL was
 * built as `http://` + `authority` + `target`.
 */
export interface ExpectedWire {
  method: string;
  target: string;
  /** The Host value, or `null` when the request had none. */
  host: string | null;
  /** Every other header in order, duplicates kept; Host, Content-Length and pseudo-headers left out. */
  headers: Array<[string, string]>;
  body: Buffer | null;
  hasTransferEncoding: boolean;
  hasContentType: boolean;
}

/** JS strings reach the wire as UTF-8: lone surrogates become U+FFFD. */
export const asUtf8 = (value: string) => Buffer.from(value, 'utf8').toString('utf8');

// CR, LF, NUL and the other control characters except HTAB cannot appear in a header line.
const LINE_BREAKING = /[\x00-\x08\x0a-\x1f\x7f]/g;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A name that cannot be sent at all: empty, splits at `:`, breaks the line, or makes curl read a file. */
export const isUnsendableName = (name: string) => name === '' || /[:\x00-\x20\x7f]/.test(name) || name.startsWith('@');

export function expectedWire(request: HttpRequest, target: string): ExpectedWire {
  const hostPair = request.headers.find(([name]) => name.toLowerCase() === 'host');
  const authorityPair = request.headers.find(([name]) => name === ':authority');
  const host = hostPair?.[1] ?? authorityPair?.[1] ?? null;
  const headers: Array<[string, string]> = [];
  let seenHost = false;
  let contentLength = false;
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'host' && !seenHost) {
      seenHost = true;
      continue;
    }
    if (name.startsWith(':')) continue;
    if (lower === 'content-length') {
      contentLength = true;
      continue;
    }
    if (!TOKEN.test(name) && isUnsendableName(name)) continue;
    headers.push([asUtf8(name), asUtf8(value.replace(LINE_BREAKING, ' '))]);
  }
  const body = request.body
    ? request.body.kind === 'text'
      ? Buffer.from(request.body.text, 'utf8')
      : Buffer.from(request.body.base64, 'base64')
    : contentLength ? Buffer.alloc(0) : null;
  return {
    method: asUtf8(request.method.replace(LINE_BREAKING, ' ')),
    target: asUtf8(target.replace(LINE_BREAKING, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)),
    host: host === null ? null : asUtf8(host.replace(LINE_BREAKING, ' ')),
    headers,
    body,
    hasTransferEncoding: headers.some(([name]) => name.toLowerCase() === 'transfer-encoding'),
    hasContentType: headers.some(([name]) => name.toLowerCase() === 'content-type'),
  };
}
