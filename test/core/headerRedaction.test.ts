import type { HttpRequest } from '../../src/core/model';
import { DEFAULT_REDACTION, redactHeaders, redactRequest, type RedactionOptions } from '../../src/core/redaction';

const values = (names: string[], options: RedactionOptions = DEFAULT_REDACTION) =>
  Object.fromEntries(redactHeaders(names.map((name) => [name, `value-of-${name}`]), options).map(([name, value]) => [name, value]));

describe('header redaction by name', () => {
  it('hides any header whose name is secret by the body-field word rule, not only the listed ones', () => {
    const secret = [
      'X-Client-Secret', 'X-Session-Token', 'X-Refresh-Token', 'X-Goog-Api-Key', 'Ocp-Apim-Subscription-Key', 'X-Password', 'Api-Token',
      'Private-Token', 'x-client-secret', 'X-RapidAPI-Key', 'DD-API-KEY', 'DD-Application-Key', 'X-Functions-Key', 'X-Access-Key',
      'X-Master-Key', 'X-App-Key', 'X-Shopify-Access-Token', 'X-Hub-Signature-256', 'X-Session-Id', 'X-Otp', 'X-Api-Secret', ' X-Password ',
    ];
    expect(values(secret)).toEqual(Object.fromEntries(secret.map((name) => [name, '[REDACTED]'])));
  });

  it('keeps ordinary headers visible, a WebSocket handshake key included (it is a nonce, not a credential)', () => {
    const ordinary = [
      'Accept', 'Accept-Encoding', 'Accept-Language', 'Content-Type', 'Content-Length', 'Content-Encoding', 'Host', 'User-Agent', 'Referer',
      'Origin', 'X-Forwarded-For', 'X-Forwarded-Proto', 'X-Real-Ip', 'X-Request-Id', 'X-Correlation-Id', 'Sec-Fetch-Site', 'Sec-Fetch-Mode',
      'Sec-Fetch-Dest', 'Sec-Fetch-User', 'Sec-Ch-Ua', 'Cache-Control', 'Pragma', 'If-None-Match', 'If-Modified-Since', 'ETag', 'Transfer-Encoding',
      'Connection', 'Keep-Alive', 'Upgrade', 'Upgrade-Insecure-Requests', 'Sec-WebSocket-Key', 'Sec-WebSocket-Accept', 'Sec-WebSocket-Version',
      'Sec-WebSocket-Protocol', 'Sec-WebSocket-Extensions', 'Location', 'Server', 'Date', 'Vary', 'WWW-Authenticate', 'Proxy-Authenticate',
      'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Headers', 'Access-Control-Request-Headers',
      'Content-Security-Policy', 'Strict-Transport-Security', 'X-Content-Type-Options', 'X-Frame-Options', 'Signature-Input',
      'Accept-Signature', 'X-Powered-By', 'Retry-After', 'X-RateLimit-Remaining', 'Public-Key-Pins', 'Expect-CT', 'Alt-Svc', 'Priority',
    ];
    expect(values(ordinary)).toEqual(Object.fromEntries(ordinary.map((name) => [name, `value-of-${name}`])));
  });

  it('keeps the per-cookie treatment of Cookie and Set-Cookie: names visible, values hidden', () => {
    expect(redactHeaders([['Cookie', 'sid=1; theme=dark'], ['Set-Cookie', 'session=abc; Path=/; HttpOnly'], [' cookie', 'a=1']], DEFAULT_REDACTION)).toEqual([
      ['Cookie', 'sid=[REDACTED]; theme=[REDACTED]'],
      ['Set-Cookie', 'session=[REDACTED]; Path=/; HttpOnly'],
      [' cookie', 'a=[REDACTED]'],
    ]);
    // No cookie rule: cookies stay as they are, the word `cookie` in the body-field list does not hide the header.
    expect(redactHeaders([['Cookie', 'a=1']], { ...DEFAULT_REDACTION, cookies: [] })).toEqual([['Cookie', 'a=1']]);
  });

  it('follows the options: no body fields means only the listed headers, a custom field hides its header', () => {
    expect(values(['X-Client-Secret', 'X-Pet-Name'], { headers: [], cookies: [] })).toEqual({ 'X-Client-Secret': 'value-of-X-Client-Secret', 'X-Pet-Name': 'value-of-X-Pet-Name' });
    expect(values(['X-Pet-Name'], { headers: [], cookies: [], bodyFields: ['pet_name'], placeholder: '***' })).toEqual({ 'X-Pet-Name': '***' });
  });

  it('hides them in a redacted request as in its query string', () => {
    const request: HttpRequest = {
      method: 'GET',
      url: 'https://h/?client_secret=cs',
      httpVersion: 'HTTP/1.1',
      headers: [['Host', 'h'], ['X-Client-Secret', 'cs'], ['Ocp-Apim-Subscription-Key', 'k']],
      body: null,
    };
    const out = redactRequest(request, DEFAULT_REDACTION);
    expect(out.url).toBe('https://h/?client_secret=[REDACTED]');
    expect(out.headers).toEqual([['Host', 'h'], ['X-Client-Secret', '[REDACTED]'], ['Ocp-Apim-Subscription-Key', '[REDACTED]']]);
  });
});

describe('headers that carry a URL', () => {
  it('hide secret query values in Referer, Location and Content-Location, keeping every other byte', () => {
    const headers: Array<[string, string]> = [
      ['Referer', 'https://app.example/cb?code=abc&access_token=SECRET1&state=x'],
      ['location', '/next?client_secret=SECRET2#frag'],
      ['Content-Location', 'https://cdn.example/a?api_key=SECRET3'],
      ['Referer', 'https://app.example/page?q=sql+injection'],
    ];
    const out = redactHeaders(headers, DEFAULT_REDACTION);
    expect(out).toEqual([
      ['Referer', 'https://app.example/cb?code=abc&access_token=[REDACTED]&state=x'],
      ['location', '/next?client_secret=[REDACTED]#frag'],
      ['Content-Location', 'https://cdn.example/a?api_key=[REDACTED]'],
      ['Referer', 'https://app.example/page?q=sql+injection'],
    ]);
  });
});
