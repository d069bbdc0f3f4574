import fc from 'fast-check';
import { toCurl } from '../../../src/core/export/toCurl';
import type { HttpRequest } from '../../../src/core/model';
import { DEFAULT_REDACTION } from '../../../src/core/redaction';
import { interpretCurl, type CurlRequest } from './curlArgv';
import { asUtf8, expectedWire } from './expectedWire';
import { fixtureRecords, fixtureToRequest, fixtureWireParts } from './fixtureRequests';
import { generatedRequest } from './requestArbitrary';
import { SHELLS, runCommands } from './shellHarness';

const request = (overrides: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  url: 'https://api.example.com/v1/users?id=1',
  httpVersion: 'HTTP/1.1',
  headers: [['Host', 'api.example.com']],
  body: null,
  ...overrides,
});
const textBody = (value: string) => ({ kind: 'text' as const, text: value, size: value.length, truncated: false });
const blank = (value: string) => /^[ \t]*$/.test(value);

/** The header lines curl must write for `req`, in curl's order (Host first, its own defaults, ours, Content-Length). */
function expectedCurl(req: HttpRequest, authority: string, target: string): CurlRequest {
  const wire = expectedWire(req, target);
  const named = new Set(wire.headers.map(([name]) => name.toLowerCase()));
  const host = wire.host ?? authority;
  const lines = [
    blank(host) ? 'Host:' : `Host: ${host}`,
    ...(named.has('user-agent') ? [] : ['User-Agent: curl/7.88.1']),
    ...(named.has('accept') ? [] : ['Accept: */*']),
    ...wire.headers.filter(([name]) => name.toLowerCase() !== 'host').map(([name, value]) => (blank(value) ? `${name}:` : `${name}: ${value}`)),
    ...(wire.body !== null && !wire.hasTransferEncoding ? [`Content-Length: ${wire.body.length}`] : []),
  ];
  const version = req.httpVersion === 'HTTP/1.0' ? 'HTTP/1.0' : req.httpVersion.startsWith('HTTP/2') ? 'HTTP/2' : 'HTTP/1.1';
  return { method: wire.method, target: wire.target, version, lines, body: wire.body };
}

/** Runs every request's command through a real shell and compares what curl would send. */
function roundTrip(shell: string, cases: Array<{ req: HttpRequest; authority: string; target: string; lineContinuation: boolean }>) {
  const commands = cases.map(({ req, lineContinuation }) => toCurl(req, { lineContinuation }).text);
  const run = runCommands(shell, commands);
  expect(run.stderr).toBe('');
  expect(run.strayFiles).toEqual([]);
  cases.forEach(({ req, authority, target }, i) => {
    const context = { request: req, command: commands[i] };
    expect({ ...context, calls: run.callCounts[i] }).toEqual({ ...context, calls: 1 });
    const call = run.calls[i]!;
    expect({ ...context, sent: interpretCurl(call.argv, call.stdin) }).toEqual({ ...context, sent: expectedCurl(req, asUtf8(authority), target) });
  });
}

describe('toCurl', () => {
  it('quotes every argument in single quotes and leaves curl defaults implicit', () => {
    expect(toCurl(request()).text).toBe("curl 'https://api.example.com/v1/users?id=1'");
    const { text, warnings } = toCurl(
      request({ method: 'PUT', headers: [['Host', 'api.example.com'], ['X-Note', "it's $(id) `id` $HOME"]], body: textBody('{"a":1}') }),
    );
    expect(text).toBe(
      "curl 'https://api.example.com/v1/users?id=1' -X 'PUT' -H 'X-Note: it'\\''s $(id) `id` $HOME' -H 'Content-Type:' --data-raw '{\"a\":1}'",
    );
    expect(warnings).toEqual([]);
  });

  it('puts each option on its own line with line continuation', () => {
    const { text } = toCurl(request({ headers: [['Accept', '*/*'], ['X-A', 'b']] }), { lineContinuation: true });
    expect(text).toBe("curl 'https://api.example.com/v1/users?id=1' \\\n  -H 'Accept: */*' \\\n  -H 'X-A: b'");
  });

  it('never lets a body that starts with @ read a file, and pipes bytes through printf', () => {
    expect(toCurl(request({ body: textBody('@/etc/passwd') })).text).toContain("--data-raw '@/etc/passwd'");
    const bytes = toCurl(request({ method: 'POST', body: { kind: 'bytes', base64: 'AC0nJVxh/w==', size: 7, truncated: false } })).text;
    expect(bytes).toBe("printf '\\000-\\047\\045\\134a\\377' | curl 'https://api.example.com/v1/users?id=1' -H 'Content-Type:' --data-binary @-");
  });

  it('keeps odd targets byte-for-byte with --request-target, and globs and dot segments literal', () => {
    expect(toCurl(request({ url: 'http://localhost*', headers: [['Host', 'localhost']], method: 'OPTIONS' })).text).toBe(
      "curl 'http://localhost/' --request-target '*' -X 'OPTIONS'",
    );
    expect(toCurl(request({ url: 'http://h/a/../b?x[]={1}', headers: [] })).text).toBe("curl 'http://h/a/../b?x[]={1}' --globoff --path-as-is");
  });

  it('drops Content-Length and pseudo-headers, maps :authority to Host and asks for the same HTTP version', () => {
    const { text, warnings } = toCurl({
      method: 'POST',
      url: 'https://api.example.com/x',
      httpVersion: 'HTTP/2',
      headers: [[':method', 'POST'], [':authority', 'api.example.com:443'], [':path', '/x'], ['content-type', 'text/plain'], ['content-length', '99']],
      body: textBody('hi'),
    });
    expect(text).toBe("curl 'https://api.example.com/x' --http2 -H 'Host: api.example.com:443' -H 'content-type: text/plain' --data-raw 'hi'");
    expect(warnings.map((w) => w.code)).toEqual(['content_length_recomputed']);
  });

  it('still exports bad input, with structured warnings and nothing that could break out', () => {
    const { text, warnings } = toCurl(
      request({
        method: 'GET\r\nX: y',
        url: 'http://localhost%00/a\r\nb',
        headers: [['Host', 'localhost%00'], ['X-Split', 'a\r\nInjected: 1\0'], ['@/etc/passwd', 'x'], ['Bad Name', 'v'], ['X(y)', 'v']],
      }),
    );
    expect(text).not.toMatch(/[\r\n\0]/);
    expect(text).toContain("-H 'X-Split: a  Injected: 1 '");
    expect(text).toContain("curl 'http://localhost%00/a%0D%0Ab'");
    expect(text).not.toContain('/etc/passwd');
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'target_control_characters' }),
        expect.objectContaining({ code: 'invalid_method' }),
        expect.objectContaining({ code: 'header_control_characters', header: 'X-Split' }),
        expect.objectContaining({ code: 'header_dropped', header: '@/etc/passwd' }),
        expect.objectContaining({ code: 'header_dropped', header: 'Bad Name' }),
        expect.objectContaining({ code: 'invalid_header_name', header: 'X(y)' }),
        expect.objectContaining({ code: 'authority_not_sendable' }),
      ]),
    );
  });

  it('redacts only when asked, with a visible placeholder and a warning per header', () => {
    const req = request({ url: 'https://h/x?token=abc&q=1', headers: [['Authorization', 'Bearer s3cr3t'], ['Cookie', 'sid=abc; theme=dark']] });
    expect(toCurl(req).text).toContain('Bearer s3cr3t');
    const { text, warnings } = toCurl(req, { redact: DEFAULT_REDACTION });
    expect(text).toBe("curl 'https://h/x?token=[REDACTED]&q=1' --globoff -H 'Authorization: [REDACTED]' -H 'Cookie: sid=[REDACTED]; theme=[REDACTED]'");
    expect(warnings.filter((w) => w.code === 'redacted').map((w) => w.header)).toEqual([undefined, 'Authorization', 'Cookie']);
  });

  describe.each(SHELLS)('round trip through %s', (shell) => {
    // 5,000 through bash; the other shells share the budget of forks on 2 shared cores.
    const runs = shell === 'bash' ? 5000 : 1000;
    it(`sends exactly the original request for ${runs} generated requests`, { timeout: 240_000 }, () => {
      const samples = fc.sample(fc.tuple(generatedRequest, fc.boolean()), runs);
      roundTrip(shell, samples.map(([g, lineContinuation]) => ({ req: g.request, authority: g.authority, target: g.target, lineContinuation })));
    });

    it('sends exactly every request of the attack corpus', { timeout: 120_000 }, () => {
      roundTrip(
        shell,
        fixtureRecords.map((record, i) => {
          const req = fixtureToRequest(record);
          const { authority, target } = fixtureWireParts(record);
          return { req, authority, target, lineContinuation: i % 2 === 0 };
        }),
      );
    });

    it('never runs a payload, wherever it is placed', () => {
      const payloads = ["$(touch m1)", '`touch m2`', "'; touch m3; '", '"; touch m4; "', "\\'; touch m5 #", '\ntouch m6\n', "'$(touch m7)'", '!touch m8', '${IFS}$(touch${IFS}m9)'];
      const reqs = payloads.flatMap((p): HttpRequest[] => [
        request({ method: p }),
        request({ url: `http://h/${p}?${p}#${p}`, headers: [] }),
        request({ url: `http://${p}/`, headers: [] }),
        request({ headers: [[p, p], ['X', p], ['Cookie', `${p}=${p}`]] }),
        request({ body: textBody(p) }),
        request({ body: textBody(`@${p}`) }),
        request({ body: { kind: 'bytes', base64: Buffer.from(p).toString('base64'), size: p.length, truncated: false } }),
      ]);
      const commands = reqs.flatMap((r) => [toCurl(r).text, toCurl(r, { lineContinuation: true }).text]);
      const run = runCommands(shell, commands);
      expect(run.strayFiles).toEqual([]);
      expect(run.stderr).toBe('');
      expect(run.callCounts.every((n) => n === 1)).toBe(true);
    });
  });
});
