import type { HttpRequest } from '../model';
import type { ExportOptions, ExportResult, ExportWarning } from './exportResult';
import { printfFormat, shellQuote } from './shellQuote';
import { toWireRequest } from './wireRequest';

export interface CurlOptions extends ExportOptions {
  /** Put each option on its own line, joined with ` \` continuations. */
  lineContinuation?: boolean;
}

// Bodies go through argv only when short and free of control characters other
// than TAB and LF: others (NUL, CR, ESC, …) are not safe to paste into a terminal
// or cannot be an argument at all, and Linux caps one argument at 128 KiB.
const ARGV_BODY = /^[^\x00-\x08\x0b-\x1f\x7f]*$/;
const ARGV_BODY_MAX = 65536;
// A target curl sends exactly as written in the URL: printable ASCII, no `#`
// (curl strips fragments), no spaces (curl refuses them).
const URL_SAFE_TARGET = /^\/[\x21\x22\x24-\x7e]*$/;

/**
 * A POSIX-shell command that makes curl send the same request. Every argument
 * is single-quoted, so nothing in the request can expand or run.
 *
 * What curl must own, handled on purpose:
 * - `Content-Length` is never passed: curl computes it from the body (a stale
 *   one would corrupt the request). A request with no body but a
 *   Content-Length header is sent with an empty body, so curl sends `Content-Length: 0`.
 * - `Host` is passed unless it is exactly the URL's host without a port (curl
 *   writes that one itself). curl always puts Host first and sends one only.
 * - HTTP/2 pseudo-headers are not headers: `:authority` becomes Host, the rest
 *   are the method and URL. `--http2` / `--http1.0` ask for the same version.
 * - curl adds `Content-Type: application/x-www-form-urlencoded` to bodies; when
 *   the request had no Content-Type that is suppressed with `-H 'Content-Type:'`.
 *   curl's own `User-Agent` and `Accept` are added only when the request has none.
 * - An empty header value is sent with `-H 'Name;'` (`Name:` would delete it).
 * - The request target goes in the URL when curl sends it unchanged; otherwise
 *   (`*`, spaces, `#`, non-ASCII, absolute-form, …) in `--request-target`, byte
 *   for byte. `--path-as-is` keeps dot segments and `--globoff` brackets.
 * - The body: `--data-raw` (never reads `@file`), or a `printf` of octal escapes
 *   piped to `--data-binary @-` for bytes, NUL, control characters and large bodies.
 * - When the authority cannot be parsed by curl (empty, `%00`, …) curl refuses to
 *   run the command and sends nothing; a warning says so.
 */
export function toCurl(request: HttpRequest, options?: CurlOptions): ExportResult {
  const warnings: ExportWarning[] = [];
  const wire = toWireRequest(request, options, warnings);
  // Each entry is one option with its value, so line continuation never splits them.
  const args: string[] = [];
  // `Name:` with no value would delete the header in curl; `Name;` sends it empty.
  const header = (name: string, value: string) => args.push(`-H ${shellQuote(/^[ \t]*$/.test(value) ? `${name};` : `${name}: ${value}`)}`);
  const hasBody = wire.body !== null;

  if (!/^(?:[A-Za-z0-9._~!$&'()*+,;=-]+|\[[0-9A-Fa-f:.]+\])(?::\d*)?$/.test(wire.authority)) {
    warnings.push({ code: 'authority_not_sendable', message: 'curl cannot connect to this URL authority; it will refuse the command and send nothing.' });
  }
  const inUrl = URL_SAFE_TARGET.test(wire.target);
  const url = `${wire.scheme}://${wire.authority}${inUrl ? wire.target : '/'}`;
  if (/[[\]{}]/.test(url)) args.push('--globoff');
  if (inUrl && wire.target.split('?')[0]!.includes('/.')) args.push('--path-as-is');
  if (!inUrl) args.push(`--request-target ${shellQuote(wire.target)}`);

  const version = wire.httpVersion.toUpperCase();
  if (version === 'HTTP/1.0') args.push('--http1.0');
  else if (version.startsWith('HTTP/2')) args.push(wire.scheme === 'https' ? '--http2' : '--http2-prior-knowledge');
  else if (version !== 'HTTP/1.1') {
    warnings.push({ code: 'http_version_unsupported', message: `curl cannot send ${JSON.stringify(wire.httpVersion)}; it sends HTTP/1.1.` });
  }

  if (wire.method === 'HEAD' && !hasBody) args.push('--head');
  else if (wire.method !== (hasBody ? 'POST' : 'GET')) args.push(`-X ${shellQuote(wire.method)}`);

  if (wire.host !== null && (wire.host !== wire.authority || !/^[a-z0-9.-]+$/.test(wire.host))) header('Host', wire.host);
  let hasContentType = false;
  for (const [name, value] of wire.headers) {
    const lower = name.toLowerCase();
    if (lower === 'host') {
      warnings.push({ code: 'duplicate_host', message: 'curl sends one Host header; the other was left out.', header: name });
      continue;
    }
    if (lower === 'content-type') hasContentType = true;
    if (lower === 'transfer-encoding') {
      warnings.push({ code: 'transfer_encoding', message: 'curl frames the body itself for Transfer-Encoding; the body bytes are sent as its content.', header: name });
    }
    header(name, value);
  }

  let stdin = '';
  if (wire.body !== null) {
    if (!hasContentType) args.push(`-H ${shellQuote('Content-Type:')}`);
    const text = wire.source?.kind === 'text' ? wire.source.text : wire.body.length === 0 ? '' : null;
    if (text !== null && ARGV_BODY.test(text) && wire.body.length <= ARGV_BODY_MAX) {
      args.push(`--data-raw ${shellQuote(text)}`);
    } else {
      stdin = `printf ${printfFormat(wire.body)} | `;
      args.push('--data-binary @-');
    }
  }

  const separator = options?.lineContinuation ? ' \\\n  ' : ' ';
  return { text: stdin + [`curl ${shellQuote(url)}`, ...args].join(separator), warnings };
}
