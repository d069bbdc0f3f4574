import { toHar } from '../../../src/core/export/toHar';
import type { HttpRequest } from '../../../src/core/model';
import { DEFAULT_REDACTION } from '../../../src/core/redaction';
import { fixtureRecords, fixtureToRequest } from './fixtureRequests';

interface HarLog {
  log: {
    version: string;
    entries: Array<{
      startedDateTime: string;
      request: {
        method: string;
        url: string;
        httpVersion: string;
        headers: Array<{ name: string; value: string }>;
        cookies: Array<{ name: string; value: string }>;
        queryString: Array<{ name: string; value: string }>;
        postData?: { mimeType: string; text: string; _encoding?: string };
        bodySize: number;
      };
    }>;
  };
}

const parse = (text: string) => JSON.parse(text) as HarLog;

describe('toHar', () => {
  it('writes a HAR 1.2 log with one entry holding the request exactly', () => {
    const req: HttpRequest = {
      method: 'POST',
      url: 'https://h.example/p?a=1&b=%20#f',
      httpVersion: 'HTTP/2',
      headers: [[':authority', 'h.example'], ['Cookie', 'sid=1; t=2'], ['Content-Length', '99'], ['Content-Type', 'application/json']],
      body: { kind: 'text', text: '{"é":1}', size: 8, truncated: false },
    };
    const har = parse(toHar(req, { startedDateTime: '2024-01-01T00:00:00.000Z' }).text);
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries[0]).toMatchObject({
      startedDateTime: '2024-01-01T00:00:00.000Z',
      request: {
        method: 'POST',
        url: req.url,
        httpVersion: 'HTTP/2',
        headers: req.headers.map(([name, value]) => ({ name, value })),
        cookies: [{ name: 'sid', value: '1' }, { name: 't', value: '2' }],
        queryString: [{ name: 'a', value: '1' }, { name: 'b', value: '%20' }],
        postData: { mimeType: 'application/json', text: '{"é":1}' },
        bodySize: 8,
      },
    });
  });

  it('keeps every corpus request exact, binary bodies as base64 with a warning', () => {
    for (const record of fixtureRecords) {
      const { text, warnings } = toHar(fixtureToRequest(record));
      const { request } = parse(text).log.entries[0]!;
      expect(request.method).toBe(record.method);
      expect(request.url).toBe(fixtureToRequest(record).url);
      expect(request.headers).toEqual(record.headers.map(([name, value]) => ({ name, value })));
      if (record.bodyBase64 !== undefined) {
        expect(request.postData).toMatchObject({ text: record.bodyBase64, _encoding: 'base64' });
        expect(warnings.map((w) => w.code)).toEqual(['body_base64']);
      } else {
        expect(request.postData?.text).toBe(record.body ?? undefined);
      }
    }
  });

  it('redacts when asked', () => {
    const req: HttpRequest = { method: 'GET', url: 'https://h/?token=x', httpVersion: 'HTTP/1.1', headers: [['Authorization', 'Bearer x']], body: null };
    const { text, warnings } = toHar(req, { redact: DEFAULT_REDACTION });
    expect(text).not.toContain('Bearer x');
    expect(text).toContain('[REDACTED]');
    expect(warnings.map((w) => w.code)).toEqual(['redacted']);
  });

  it('redacts secret JSON body fields and keeps the headers true to the redacted body', () => {
    const json = '{"email":"a@b.c","password":"hunter2"}';
    const req: HttpRequest = {
      method: 'POST',
      url: 'https://h/login',
      httpVersion: 'HTTP/1.1',
      headers: [['Content-Type', 'application/json'], ['Content-Length', String(json.length)]],
      body: { kind: 'text', text: json, size: json.length, truncated: false },
    };
    const entry = JSON.parse(toHar(req, { redact: DEFAULT_REDACTION }).text).log.entries[0].request;
    expect(entry.postData.text).toBe('{"email":"a@b.c","password":"[REDACTED]"}');
    expect(entry.headers).toEqual([{ name: 'Content-Type', value: 'application/json' }, { name: 'Content-Length', value: String(entry.postData.text.length) }]);
    expect(entry.bodySize).toBe(entry.postData.text.length);
  });
});
