import fc from 'fast-check';
import type { HttpRequest } from '../../src/core/model';
import { DEFAULT_REDACTION, isSecretFieldName, redactHeaders, redactRequest, redactUrl } from '../../src/core/redaction';

const request: HttpRequest = {
  method: 'POST',
  url: 'https://api.example.com/login?user=ann&api_key=abc123&x#frag',
  httpVersion: 'HTTP/1.1',
  headers: [
    ['Host', 'api.example.com'],
    ['authorization', 'Bearer eyJ.secret'],
    ['Cookie', 'sid=s3cr3t; theme=dark'],
    ['X-Api-Key', 'k'],
    ['X-Api-Key', 'k2'],
    ['User-Agent', 'curl'],
  ],
  body: { kind: 'text', text: 'password=hunter2', size: 16, truncated: false },
};

describe('redaction', () => {
  it('replaces secret header values, every cookie value and secret query values with a visible placeholder', () => {
    expect(redactRequest(request, DEFAULT_REDACTION)).toEqual({
      ...request,
      url: 'https://api.example.com/login?user=ann&api_key=[REDACTED]&x#frag',
      headers: [
        ['Host', 'api.example.com'],
        ['authorization', '[REDACTED]'],
        ['Cookie', 'sid=[REDACTED]; theme=[REDACTED]'],
        ['X-Api-Key', '[REDACTED]'],
        ['X-Api-Key', '[REDACTED]'],
        ['User-Agent', 'curl'],
      ],
      body: { kind: 'text', text: 'password=[REDACTED]', size: 19, truncated: false },
    });
  });

  it('redacts only the named cookies, and in Set-Cookie only the value, not the attributes', () => {
    const options = { headers: [], cookies: ['sid'], placeholder: '***' };
    expect(redactHeaders([['Cookie', 'a=1; sid=2'], ['Set-Cookie', 'sid=abc; Path=/; sid=x']], options)).toEqual([
      ['Cookie', 'a=1; sid=***'],
      ['Set-Cookie', 'sid=***; Path=/; sid=x'],
    ]);
  });

  it('does not touch the input, a body without secret fields, or a URL without a query', () => {
    const copy = structuredClone(request);
    redactRequest(request, DEFAULT_REDACTION);
    expect(request).toEqual(copy);
    const plain = { ...request, body: { kind: 'text' as const, text: 'user=ann&shipping=1&opinion=2', size: 29, truncated: false } };
    expect(redactRequest(plain, DEFAULT_REDACTION).body).toBe(plain.body);
    expect(redactUrl('https://h/a?', DEFAULT_REDACTION)).toBe('https://h/a?');
    expect(redactUrl('https://h/token=1', DEFAULT_REDACTION)).toBe('https://h/token=1');
  });

  it('keeps header count, order and names for any headers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string())), (headers) => {
        const out = redactHeaders(headers, DEFAULT_REDACTION);
        expect(out.map(([name]) => name)).toEqual(headers.map(([name]) => name));
        out.forEach(([name, value], i) => {
          if (/^(authorization|x-api-key)$/i.test(name)) expect(value).toBe('[REDACTED]');
          const listed = DEFAULT_REDACTION.headers.some((h) => h.toLowerCase() === name.trim().toLowerCase());
          if (!/^(cookie|set-cookie)$/i.test(name.trim()) && !listed && !isSecretFieldName(name, DEFAULT_REDACTION)) {
            expect(value).toBe(headers[i]![1]);
          }
        });
      }),
    );
  });
});
