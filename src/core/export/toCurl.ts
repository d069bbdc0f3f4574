import { utf8Bytes } from '../bodyBytes';
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
// Linux refuses one argument of MAX_ARG_STRLEN (131072) bytes or more, NUL included
// ("Argument list too long"); macOS caps the whole command line near 256 KiB.
const MAX_ARG_BYTES = 131071;
const MAX_ARGV_BYTES = 256 * 1024;
// curl adds `Expect: 100-continue` to larger bodies (1 KiB in older releases, 1 MiB since 7.84).
const EXPECT_THRESHOLD = 1024;

/** One curl option with its value; `fromStdin` options read `@-`, the one input that is not an argument. */
interface CurlOption {
  flag: string;
  value?: string;
  fromStdin?: true;
}

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
 *   A request that had no Host is sent without one (`-H 'Host:'`).
 * - HTTP/2 pseudo-headers are not headers: `:authority` becomes Host, the rest
 *   are the method and URL. `--http2` / `--http1.0` ask for the same version.
 * - curl adds `Content-Type: application/x-www-form-urlencoded` to bodies; when
 *   the request had no Content-Type that is suppressed with `-H 'Content-Type:'`.
 *   curl's own `User-Agent`, `Accept` and `Expect` are suppressed the same way
 *   when the request had none, so a "missing Accept" detection replays as it was.
 * - An empty header value is sent with `-H 'Name;'` (`Name:` would delete it).
 * - The request target goes in the URL when curl sends it unchanged; otherwise
 *   (`*`, spaces, `#`, non-ASCII, absolute-form, …) in `--request-target`, byte
 *   for byte. `--path-as-is` keeps dot segments and `--globoff` brackets.
 * - The body: `--data-raw` (never reads `@file`), or a `printf` of octal escapes
 *   piped to `--data-binary @-` for bytes, NUL, control characters and large bodies.
 * - A header or URL over the argument limit (128 KiB per argument on Linux) would
 *   make the shell fail with "Argument list too long" and send nothing: the header
 *   lines then come from stdin (`printf … | curl … -H @-`), or a long query does
 *   (`-G --data-binary @-`). When stdin already carries the body, or nothing can
 *   move (a long path), the command is kept and warned about (`argument_too_long`).
 * - When the authority cannot be parsed by curl (empty, `%00`, …) curl refuses to
 *   run the command and sends nothing; a warning says so.
 */
export function toCurl(request: HttpRequest, options?: CurlOptions): ExportResult {
  const warnings: ExportWarning[] = [];
  const wire = toWireRequest(request, options, warnings);
  // Each entry is one option with its value, so line continuation never splits them.
  const opts: CurlOption[] = [];
  const flag = (name: string) => opts.push({ flag: name });
  // `Name:` with no value would delete the header in curl; `Name;` sends it empty.
  const header = (name: string, value: string) => opts.push({ flag: '-H', value: /^[ \t]*$/.test(value) ? `${name};` : `${name}: ${value}` });
  // `Name:` removes a header curl would add on its own.
  const suppress = (name: string) => opts.push({ flag: '-H', value: `${name}:` });
  const hasBody = wire.body !== null;

  if (!/^(?:[A-Za-z0-9._~!$&'()*+,;=-]+|\[[0-9A-Fa-f:.]+\])(?::\d*)?$/.test(wire.authority)) {
    warnings.push({ code: 'authority_not_sendable', message: 'curl cannot connect to this URL authority; it will refuse the command and send nothing.' });
  }
  const inUrl = URL_SAFE_TARGET.test(wire.target);
  const url = `${wire.scheme}://${wire.authority}${inUrl ? wire.target : '/'}`;
  if (/[[\]{}]/.test(url)) flag('--globoff');
  if (inUrl && wire.target.split('?')[0]!.includes('/.')) flag('--path-as-is');
  if (!inUrl) opts.push({ flag: '--request-target', value: wire.target });

  const version = wire.httpVersion.toUpperCase();
  if (version === 'HTTP/1.0') flag('--http1.0');
  else if (version.startsWith('HTTP/2')) flag(wire.scheme === 'https' ? '--http2' : '--http2-prior-knowledge');
  else if (version !== 'HTTP/1.1') {
    warnings.push({ code: 'http_version_unsupported', message: `curl cannot send ${JSON.stringify(wire.httpVersion)}; it sends HTTP/1.1.` });
  }

  if (wire.method === 'HEAD' && !hasBody) flag('--head');
  else if (wire.method !== (hasBody ? 'POST' : 'GET')) opts.push({ flag: '-X', value: wire.method });

  if (wire.host === null) suppress('Host');
  else if (wire.host !== wire.authority || !/^[a-z0-9.-]+$/.test(wire.host)) header('Host', wire.host);
  const named = new Set<string>();
  for (const [name, value] of wire.headers) {
    const lower = name.toLowerCase();
    if (lower === 'host') {
      warnings.push({ code: 'duplicate_host', message: 'curl sends one Host header; the other was left out.', header: name });
      continue;
    }
    named.add(lower);
    if (lower === 'transfer-encoding') {
      warnings.push({ code: 'transfer_encoding', message: 'curl frames the body itself for Transfer-Encoding; the body bytes are sent as its content.', header: name });
    }
    header(name, value);
  }
  if (!named.has('user-agent')) suppress('User-Agent');
  if (!named.has('accept')) suppress('Accept');
  if (wire.body !== null && wire.body.length > EXPECT_THRESHOLD && !named.has('expect')) suppress('Expect');

  let pipeBody = false;
  if (wire.body !== null) {
    if (!named.has('content-type')) suppress('Content-Type');
    const text = wire.source?.kind === 'text' ? wire.source.text : wire.body.length === 0 ? '' : null;
    if (text !== null && ARGV_BODY.test(text) && wire.body.length <= ARGV_BODY_MAX) opts.push({ flag: '--data-raw', value: text });
    else pipeBody = true;
  }

  // Values over the argument limit leave the command line through the one stdin
  // there is: the header lines (`-H @-`, curl reads one per line), or the query
  // (`-G --data-binary @-` appends it after `?`). printf is a shell builtin, so its
  // own argument meets no limit.
  const argBytes = (value: string) => utf8Bytes(value).length;
  const headerOpts = opts.filter((o) => o.flag === '-H');
  const needHeaders =
    headerOpts.some((o) => argBytes(o.value!) > MAX_ARG_BYTES) ||
    [url, ...opts.map((o) => o.value ?? o.flag)].reduce((n, v) => n + argBytes(v), 0) > MAX_ARGV_BYTES;
  const query = url.indexOf('?');
  const needQuery = argBytes(url) > MAX_ARG_BYTES && query >= 0;
  let stdinBytes: Uint8Array | null = pipeBody ? wire.body : null;
  let command = opts;
  let commandUrl = url;
  if (needHeaders && stdinBytes === null) {
    stdinBytes = utf8Bytes(headerOpts.map((o) => o.value).join('\n'));
    const first = opts.indexOf(headerOpts[0]!);
    command = opts.filter((o) => o.flag !== '-H');
    command.splice(first, 0, { flag: '-H', fromStdin: true });
  } else if (needQuery && stdinBytes === null && !hasBody) {
    stdinBytes = utf8Bytes(url.slice(query + 1));
    commandUrl = url.slice(0, query);
    command = [...opts, { flag: '-G' }, { flag: '--data-binary', fromStdin: true }];
  }
  if ([commandUrl, ...command.map((o) => o.value ?? o.flag)].some((v) => argBytes(v) > MAX_ARG_BYTES)) {
    warnings.push({
      code: 'argument_too_long',
      message: 'A value is over the shell\'s 128 KiB argument limit and cannot be moved off the command line; the command will fail with "Argument list too long".',
    });
  }

  const args = command.map((o) => (o.fromStdin ? `${o.flag} @-` : o.value === undefined ? o.flag : `${o.flag} ${shellQuote(o.value)}`));
  if (pipeBody) args.push('--data-binary @-');
  const stdin = stdinBytes ? `printf ${printfFormat(stdinBytes)} | ` : '';
  const separator = options?.lineContinuation ? ' \\\n  ' : ' ';
  return { text: stdin + [`curl ${shellQuote(commandUrl)}`, ...args].join(separator), warnings };
}
