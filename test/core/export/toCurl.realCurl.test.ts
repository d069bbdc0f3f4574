import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { METHODS } from 'node:http';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { toCurl } from '../../../src/core/export/toCurl';
import type { HttpRequest } from '../../../src/core/model';
import { asUtf8, expectedWire } from './expectedWire';
import { fixtureRecords, fixtureToRequest } from './fixtureRequests';
import { startRecordingServer, type RecordingServer } from './recordingServer';
import { generatedRequest } from './requestArbitrary';
import { SHELLS } from './shellHarness';

const run = promisify(execFile);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const hasCurl = existsSync('/usr/bin/curl');

/** Requests Node's parser accepts, so what arrives can be compared field by field. */
const nodeReadable = (req: HttpRequest) =>
  METHODS.includes(req.method) && req.method !== 'CONNECT' && /^HTTP\/1\.[01]$/.test(req.httpVersion) &&
  req.headers.every(([n, v]) => TOKEN.test(n) && !/[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]/.test(v) && !/^(transfer-encoding|expect)$/i.test(n));

/** Runs the command with the real curl and checks what the server read. */
async function replay(server: RecordingServer, shell: string, req: HttpRequest, target: string) {
  const received = server.next();
  const command = toCurl(req, { lineContinuation: true }).text;
  await run(shell, ['-c', `${command} --silent --output /dev/null --max-time 10`]);
  const got = await received;
  const wire = expectedWire(req, target);
  const named = new Set(wire.headers.map(([n]) => n.toLowerCase()));
  // curl adds User-Agent / Accept only when the request had none, and always its own Content-Length.
  const curlOwn = (name: string) => name === 'content-length' || name === 'expect' || (!named.has(name) && (name === 'user-agent' || name === 'accept'));
  expect({ command, method: got?.method, target: got?.target, headers: got?.headers.filter(([n]) => !curlOwn(n.toLowerCase())) }).toEqual({
    command,
    method: wire.method,
    target: wire.target,
    headers: [['Host', wire.host === null ? server.authority : wire.host.trim()], ...wire.headers
        // curl sends one Host only; toCurl warns about the others (duplicate_host).
        .filter(([n]) => n.toLowerCase() !== 'host')
        .map(([n, v]) => [n, v.replace(/^[ \t]+|[ \t]+$/g, '')]),
    ],
  });
  expect(got!.body.equals(wire.body ?? Buffer.alloc(0))).toBe(true);
  if (wire.body !== null) expect(got!.headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1]).toBe(String(wire.body.length));
}

describe.runIf(hasCurl)('toCurl with the real curl against a loopback server', () => {
  let server: RecordingServer;
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());

  const corpus = fixtureRecords.filter((r) => r.url.startsWith('/') && /^[\x21-\x7e]*$/.test(r.url)).filter((r) => nodeReadable(fixtureToRequest(r)));
  // Every 60th readable corpus request, plus the one with a binary body.
  const sample = [...corpus.filter((_, i) => i % 60 === 0), ...fixtureRecords.filter((r) => r.bodyBase64 !== undefined)];

  it.each(SHELLS)('delivers the same method, target, headers and body bytes for a corpus sample (%s)', { timeout: 120_000 }, async (shell) => {
    expect(sample.length).toBeGreaterThan(40);
    for (const record of sample) await replay(server, shell, fixtureToRequest(record, server.authority), record.url);
  });

  it('delivers generated requests with nasty headers, targets and bodies exactly (bash)', { timeout: 120_000 }, async () => {
    const cases = fc
      .sample(generatedRequest, 4000)
      .filter(({ request, target }) => nodeReadable(request) && /^\/[\x21-\x7e]*$/.test(target) && !request.headers.some(([n]) => n.startsWith(':')))
      .slice(0, 40);
    expect(cases.length).toBeGreaterThan(10);
    for (const { request, target } of cases) {
      const req = { ...request, url: `http://${server.authority}${target}` };
      await replay(server, 'bash', req, asUtf8(target));
    }
  });
});
