import fc from 'fast-check';
import { toCurl } from '../../../src/core/export/toCurl';
import type { HttpRequest } from '../../../src/core/model';
import { DEFAULT_REDACTION, redactRequest } from '../../../src/core/redaction';
import { interpretCurl, type CurlRequest } from './curlArgv';
import { expectedWire } from './expectedWire';
import { fixtureRecords, fixtureToRequest, fixtureWireParts } from './fixtureRequests';
import { generatedRequest } from './requestArbitrary';
import { runCommands } from './shellHarness';

/**
 * The acceptance round trip: each command runs in a real shell with `curl`
 * replaced by a recorder, and the recorded argv, read as curl reads it, must be
 * the original request. Shared by the per-shell test files so they run in parallel.
 */
/** A plain request to vary one part of. */
export const request = (overrides: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  url: 'https://api.example.com/v1/users?id=1',
  httpVersion: 'HTTP/1.1',
  headers: [['Host', 'api.example.com']],
  body: null,
  ...overrides,
});
export const textBody = (value: string) => ({ kind: 'text' as const, text: value, size: value.length, truncated: false });
const blank = (value: string) => /^[ \t]*$/.test(value);

/**
 * The header lines curl must write for `req`, in curl's order: Host first (none when
 * the request had none), then the request's own; curl's User-Agent / Accept never
 * (the request did not send them); Content-Length.
 */
export function expectedCurl(req: HttpRequest, target: string): CurlRequest {
  const wire = expectedWire(req, target);
  const host = wire.host;
  const lines = [
    ...(host === null ? [] : [blank(host) ? 'Host:' : `Host: ${host}`]),
    ...wire.headers.filter(([name]) => name.toLowerCase() !== 'host').map(([name, value]) => (blank(value) ? `${name}:` : `${name}: ${value}`)),
    ...(wire.body !== null && !wire.hasTransferEncoding ? [`Content-Length: ${wire.body.length}`] : []),
  ];
  const version = req.httpVersion === 'HTTP/1.0' ? 'HTTP/1.0' : req.httpVersion.startsWith('HTTP/2') ? 'HTTP/2' : 'HTTP/1.1';
  return { method: wire.method, target: wire.target, version, lines, body: wire.body };
}

/** Runs every request's command through a real shell and compares what curl would send. */
export function roundTrip(shell: string, cases: Array<{ req: HttpRequest; authority: string; target: string; lineContinuation: boolean; redact?: boolean }>) {
  const commands = cases.map(({ req, lineContinuation, redact }) => toCurl(req, redact ? { lineContinuation, redact: DEFAULT_REDACTION } : { lineContinuation }).text);
  const run = runCommands(shell, commands);
  expect(run.stderr).toBe('');
  expect(run.strayFiles).toEqual([]);
  cases.forEach(({ req: original, target, redact }, i) => {
    // A redacted copy must be exact for the redacted request (its body, its Content-Length).
    const req = redact ? redactRequest(original, DEFAULT_REDACTION) : original;
    const context = { request: req, command: commands[i] };
    expect({ ...context, calls: run.callCounts[i] }).toEqual({ ...context, calls: 1 });
    const call = run.calls[i]!;
    expect({ ...context, sent: interpretCurl(call.argv, call.stdin) }).toEqual({ ...context, sent: expectedCurl(req, target) });
  });
}

export function describeShellRoundTrip(shell: string, runs: number) {
  describe(`toCurl round trip through ${shell}`, () => {
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

    it('sends exactly every redacted request of the attack corpus', { timeout: 120_000 }, () => {
      const cases = fixtureRecords
        .map((record, i) => ({ req: fixtureToRequest(record), ...fixtureWireParts(record), lineContinuation: i % 2 === 0, redact: true }))
        .filter(({ req }) => redactRequest(req, DEFAULT_REDACTION).body !== req.body);
      expect(cases.length).toBeGreaterThan(10);
      roundTrip(shell, cases);
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
}
