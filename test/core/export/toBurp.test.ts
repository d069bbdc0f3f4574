import { METHODS } from 'node:http';
import fc from 'fast-check';
import { toBurp } from '../../../src/core/export/toBurp';
import type { HttpRequest } from '../../../src/core/model';
import { DEFAULT_REDACTION, redactRequest } from '../../../src/core/redaction';
import { expectedWire } from './expectedWire';
import { fixtureRecords, fixtureToRequest, fixtureWireParts } from './fixtureRequests';
import { startRecordingServer, type Received, type RecordingServer } from './recordingServer';
import { generatedRequest } from './requestArbitrary';

const textBody = (value: string) => ({ kind: 'text' as const, text: value, size: value.length, truncated: false });
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Node's parser knows a fixed list of methods and rejects the rest.
const nodeMethod = (method: string) => METHODS.includes(method);

const sendRaw = (server: RecordingServer, raw: string) => server.sendRaw(Buffer.from(raw, 'utf8'));

/** What Node must read back: the original method, target, Host first, headers in order, body. */
function expectReadBack(received: Received, req: HttpRequest, { target }: { authority: string; target: string }) {
  const wire = expectedWire(req, target);
  const withoutLength = received.headers.filter(([name]) => name.toLowerCase() !== 'content-length');
  expect({ request: req, method: received.method, target: received.target, headers: withoutLength }).toEqual({
    request: req,
    method: wire.method,
    target: wire.target,
    // No Host when the request had none: the copy is the request as it was.
    headers: [...(wire.host === null ? [] : [['Host', wire.host.trim()]]), ...wire.headers.map(([name, value]) => [name, value.replace(/^[ \t]+|[ \t]+$/g, '')])],
  });
  expect(received.body.equals(wire.body ?? Buffer.alloc(0))).toBe(true);
  if (wire.body !== null && !wire.hasTransferEncoding) {
    expect(received.headers.filter(([name]) => name.toLowerCase() === 'content-length')).toEqual([['Content-Length', String(wire.body.length)]]);
  }
}

describe('toBurp', () => {
  it('writes the request line, Host first, headers in order, CRLF, a blank line and the body', () => {
    const { text, warnings } = toBurp({
      method: 'POST',
      url: 'https://api.example.com/v1/login?next=/home',
      httpVersion: 'HTTP/1.1',
      headers: [['User-Agent', 'x'], ['Host', 'api.example.com'], ['Content-Length', '2'], ['Cookie', 'a=1'], ['Cookie', 'b=2']],
      body: textBody('{"u":"é"}'),
    });
    expect(text).toBe(
      'POST /v1/login?next=/home HTTP/1.1\r\nHost: api.example.com\r\nUser-Agent: x\r\nContent-Length: 10\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n{"u":"é"}',
    );
    expect(warnings.map((w) => w.code)).toEqual(['content_length_recomputed']);
  });

  it('turns HTTP/2 into HTTP/1.1: pseudo-headers into the request line and Host, cookies joined with "; "', () => {
    const { text } = toBurp({
      method: 'GET',
      url: 'https://h.example/p?q',
      httpVersion: 'HTTP/2',
      headers: [[':method', 'GET'], [':authority', 'h.example'], [':scheme', 'https'], [':path', '/p?q'], ['cookie', 'a=1'], ['accept', '*/*'], ['cookie', 'b=2']],
      body: null,
    });
    expect(text).toBe('GET /p?q HTTP/1.1\r\nHost: h.example\r\ncookie: a=1; b=2\r\naccept: */*\r\n\r\n');
  });

  it('keeps odd targets byte-for-byte and never lets CR or LF split a line', () => {
    const { text, warnings } = toBurp({
      method: 'GET',
      url: 'http://localhost/a b#frag\r\nX: y',
      httpVersion: 'HTTP/1.1',
      headers: [['Host', 'localhost'], ['SomeHeader', 'Headerdata\rInjectedHeader: response_splitting_code']],
      body: null,
    });
    expect(text).toBe('GET /a b#frag%0D%0AX: y HTTP/1.1\r\nHost: localhost\r\nSomeHeader: Headerdata InjectedHeader: response_splitting_code\r\n\r\n');
    expect(warnings.map((w) => w.code)).toEqual(['target_control_characters', 'nonstandard_target', 'header_control_characters']);
  });

  it('redacts with the shared rules when asked', () => {
    const req: HttpRequest = { method: 'GET', url: 'http://h/', httpVersion: 'HTTP/1.1', headers: [['Authorization', 'Basic eA=='], ['Cookie', 'sid=1']], body: null };
    expect(toBurp(req, { redact: DEFAULT_REDACTION }).text).toBe('GET / HTTP/1.1\r\nAuthorization: [REDACTED]\r\nCookie: sid=[REDACTED]\r\n\r\n');
  });

  it('writes no Host for a request that had none, and says where to aim', () => {
    const req: HttpRequest = { method: 'GET', url: 'http://h.example:8080/x', httpVersion: 'HTTP/1.1', headers: [['Accept', '*/*']], body: null };
    const { text, warnings } = toBurp(req);
    expect(text).toBe('GET /x HTTP/1.1\r\nAccept: */*\r\n\r\n');
    expect(warnings).toEqual([expect.objectContaining({ code: 'host_missing', message: expect.stringContaining('h.example:8080') })]);
  });

  it('redacts a credential form post and recounts Content-Length for the redacted body', () => {
    const form = 'user=ann&Pass%77ord=hunter2&otp=123456';
    const req: HttpRequest = {
      method: 'POST',
      url: 'http://h/login',
      httpVersion: 'HTTP/1.1',
      headers: [['Host', 'h'], ['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(form.length)]],
      body: textBody(form),
    };
    const { text, warnings } = toBurp(req, { redact: DEFAULT_REDACTION });
    const redacted = 'user=ann&Pass%77ord=[REDACTED]&otp=[REDACTED]';
    expect(text).toBe(`POST /login HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${redacted.length}\r\n\r\n${redacted}`);
    expect(warnings.map((w) => w.code)).toEqual(['redacted']);
  });

  describe('written to a raw TCP socket', () => {
    let server: RecordingServer;
    beforeAll(async () => {
      server = await startRecordingServer();
    });
    afterAll(() => server.close());

    it('reads back as the original request, or is rejected whole, for every request of the attack corpus', { timeout: 120_000 }, async () => {
      let parsed = 0;
      for (const record of fixtureRecords) {
        const req = fixtureToRequest(record);
        const { text, warnings } = toBurp(req);
        const received = await sendRaw(server, text);
        const wellFormed =
          nodeMethod(record.method) && /^\/[\x21-\x7e]*$/.test(record.url) && /^HTTP\/1\.[01]$/.test(record.httpVersion) &&
          record.headers.every(([n, v]) => TOKEN.test(n) && !/[\x00-\x08\x0a-\x1f\x7f]/.test(v)) &&
          !record.headers.some(([n]) => /^transfer-encoding$/i.test(n));
        if (wellFormed) expect({ id: record.id, received: received !== null }).toEqual({ id: record.id, received: true });
        if (received === null) continue;
        parsed += 1;
        if (record.bodyBase64 !== undefined) {
          expect(warnings.map((w) => w.code)).toContain('body_not_text');
          continue;
        }
        if (!record.headers.some(([n]) => n.toLowerCase() === 'transfer-encoding')) expectReadBack(received, req, fixtureWireParts(record));
      }
      expect(parsed).toBeGreaterThan(3000);
    });

    it('reads back as the redacted request, Content-Length recounted, for every request of the attack corpus', { timeout: 120_000 }, async () => {
      let changed = 0;
      for (const record of fixtureRecords) {
        const req = fixtureToRequest(record);
        const wellFormed =
          nodeMethod(record.method) && /^\/[\x21-\x7e]*$/.test(record.url) && /^HTTP\/1\.[01]$/.test(record.httpVersion) &&
          record.headers.every(([n, v]) => TOKEN.test(n) && !/[\x00-\x08\x0a-\x1f\x7f]/.test(v)) &&
          !record.headers.some(([n]) => /^transfer-encoding$/i.test(n)) && record.bodyBase64 === undefined;
        if (!wellFormed) continue;
        const redacted = redactRequest(req, DEFAULT_REDACTION);
        if (redacted.body === req.body) continue;
        changed += 1;
        const received = await sendRaw(server, toBurp(req, { redact: DEFAULT_REDACTION }).text);
        expect({ id: record.id, received: received !== null }).toEqual({ id: record.id, received: true });
        expectReadBack(received!, redacted, fixtureWireParts(record));
      }
      expect(changed).toBeGreaterThan(8);
    });

    it('reads back as the original request for generated well-formed requests', { timeout: 60_000 }, async () => {
      const cases = fc.sample(generatedRequest, 4000).filter(
        ({ request, target }) =>
          nodeMethod(request.method) && /^\/[\x21-\x7e]*$/.test(target) && /^HTTP\/1\.[01]$/.test(request.httpVersion) &&
          request.headers.every(([n, v]) => TOKEN.test(n) && !/[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]/.test(v) && !/^transfer-encoding$/i.test(n)) &&
          request.body?.kind !== 'bytes',
      );
      expect(cases.length).toBeGreaterThan(15);
      for (const { request, target, authority } of cases) {
        const received = await sendRaw(server, toBurp(request).text);
        expect({ request, received: received !== null }).toEqual({ request, received: true });
        expectReadBack(received!, request, { authority, target });
      }
    });
  });
});
