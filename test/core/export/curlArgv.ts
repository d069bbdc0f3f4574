/**
 * What curl 7.88 sends for the argv toCurl produces, modelled from curl's
 * source and checked against the real binary in toCurl.realCurl.test.ts.
 * Unknown options throw, so the model never silently skips something curl
 * would act on; so do the forms that read local files (`-H @file`, `-d @file`).
 */
export interface CurlRequest {
  method: string;
  /** The request-target curl writes in the request line. */
  target: string;
  version: string;
  /** Header lines in the order curl writes them, as raw `Name: value` text. */
  lines: string[];
  body: Buffer | null;
}

const FLAGS = new Set(['--globoff', '--path-as-is', '--head', '--http1.0', '--http2', '--http2-prior-knowledge', '-G']);
const WITH_VALUE = new Set(['-X', '-H', '--request-target', '--data-raw', '--data-binary']);

export function interpretCurl(argvBytes: Buffer[], stdin: Buffer): CurlRequest {
  const argv = argvBytes.map((arg) => arg.toString('utf8'));
  const flags = new Set<string>();
  const custom: string[] = [];
  let url: string | undefined;
  let method: string | undefined;
  let requestTarget: string | undefined;
  let body: Buffer | null = null;
  let stdinUsed = false;
  const readStdin = () => {
    if (stdinUsed) throw new Error('stdin read twice');
    stdinUsed = true;
    return stdin;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      if (url !== undefined) throw new Error(`second URL ${arg}`);
      url = arg;
    } else if (FLAGS.has(arg)) {
      flags.add(arg);
    } else if (WITH_VALUE.has(arg)) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} without a value`);
      if (arg === '-X') method = value;
      else if (arg === '--request-target') requestTarget = value;
      else if (arg === '-H') {
        // `-H @-`: one header per line from stdin; curl splits on CR and LF and skips empty lines.
        if (value === '@-') custom.push(...readStdin().toString('utf8').split(/[\r\n]+/).filter((line) => line !== ''));
        else if (value.startsWith('@')) throw new Error('-H @file reads a local file');
        else custom.push(value);
      } else {
        if (body !== null) throw new Error('more than one body option');
        if (arg === '--data-binary' && value.startsWith('@')) {
          if (value !== '@-') throw new Error('--data-binary @file reads a local file');
          body = readStdin();
        } else {
          body = Buffer.from(argvBytes[i]!);
        }
      }
    } else {
      throw new Error(`option the model does not know: ${arg}`);
    }
  }
  if (url === undefined) throw new Error('no URL');
  if (flags.has('-G') && body !== null) {
    // -G: the data is appended to the URL after `?` (or `&`), and nothing is posted.
    url = `${url}${url.includes('?') ? '&' : '?'}${body.toString('utf8')}`;
    body = null;
  }
  const parsed = /^https?:\/\/([^/?#]*)([^#]*)/.exec(url);
  if (!parsed) throw new Error(`URL curl would not send: ${url}`);
  const [, authority, path] = parsed as unknown as [string, string, string];
  if (/[[\]{}]/.test(url) && !flags.has('--globoff')) throw new Error('URL globbing would rewrite the URL');
  if (/\/\.\.?(?:[/?]|$)/.test(path.split('?')[0]!) && !flags.has('--path-as-is')) throw new Error('curl would squash dot segments');
  if (/[^\x21-\x7e]/.test(path)) throw new Error('curl would encode or refuse this path');
  if (flags.has('--head') && body !== null) throw new Error('--head with a body');

  // Custom headers: `Name:` (blank value) only deletes curl's own header; `Name;` sends it empty.
  const sent: string[] = [];
  const named = new Set<string>();
  for (const line of custom) {
    const colon = line.indexOf(':');
    if (colon < 0) {
      if (!line.endsWith(';')) throw new Error(`curl ignores -H ${line}`);
      named.add(line.slice(0, -1).toLowerCase());
      sent.push(`${line.slice(0, -1)}:`);
      continue;
    }
    named.add(line.slice(0, colon).toLowerCase());
    if (line.slice(colon + 1).trim() !== '') sent.push(line);
  }
  const isHost = (line: string) => /^host:/i.test(line);
  const host = sent.find(isHost) ?? (named.has('host') ? undefined : `Host: ${authority}`);
  const lines = [
    ...(host === undefined ? [] : [host]),
    ...(named.has('user-agent') ? [] : ['User-Agent: curl/7.88.1']),
    ...(named.has('accept') ? [] : ['Accept: */*']),
    ...sent.filter((line) => !isHost(line)),
  ];
  if (body !== null) {
    if (!named.has('content-length') && !named.has('transfer-encoding')) lines.push(`Content-Length: ${body.length}`);
    if (!named.has('content-type')) lines.push('Content-Type: application/x-www-form-urlencoded');
  }
  return {
    method: method ?? (flags.has('--head') ? 'HEAD' : body !== null ? 'POST' : 'GET'),
    target: requestTarget ?? (path === '' ? '/' : path),
    version: flags.has('--http1.0') ? 'HTTP/1.0' : flags.has('--http2') || flags.has('--http2-prior-knowledge') ? 'HTTP/2' : 'HTTP/1.1',
    lines,
    body,
  };
}
