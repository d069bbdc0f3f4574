import { toCurl } from '../../../src/core/export/toCurl';
import { DEFAULT_REDACTION } from '../../../src/core/redaction';
import { request, textBody } from './curlRoundTrip';

describe('toCurl', () => {
  it('quotes every argument in single quotes and removes the User-Agent and Accept curl would add', () => {
    expect(toCurl(request()).text).toBe("curl 'https://api.example.com/v1/users?id=1' -H 'User-Agent:' -H 'Accept:'");
    const { text, warnings } = toCurl(
      request({ method: 'PUT', headers: [['Host', 'api.example.com'], ['X-Note', "it's $(id) `id` $HOME"]], body: textBody('{"a":1}') }),
    );
    expect(text).toBe(
      "curl 'https://api.example.com/v1/users?id=1' -X 'PUT' -H 'X-Note: it'\\''s $(id) `id` $HOME' -H 'User-Agent:' -H 'Accept:' -H 'Content-Type:' --data-raw '{\"a\":1}'",
    );
    expect(warnings).toEqual([]);
  });

  it('puts each option on its own line with line continuation', () => {
    const { text } = toCurl(request({ headers: [['Host', 'api.example.com'], ['Accept', '*/*'], ['User-Agent', 'x'], ['X-A', 'b']] }), { lineContinuation: true });
    expect(text).toBe("curl 'https://api.example.com/v1/users?id=1' \\\n  -H 'Accept: */*' \\\n  -H 'User-Agent: x' \\\n  -H 'X-A: b'");
  });

  it('never lets a body that starts with @ read a file, and pipes bytes through printf', () => {
    expect(toCurl(request({ body: textBody('@/etc/passwd') })).text).toContain("--data-raw '@/etc/passwd'");
    const bytes = toCurl(request({ method: 'POST', body: { kind: 'bytes', base64: 'AC0nJVxh/w==', size: 7, truncated: false } })).text;
    expect(bytes).toBe("printf '\\000-\\047\\045\\134a\\377' | curl 'https://api.example.com/v1/users?id=1' -H 'User-Agent:' -H 'Accept:' -H 'Content-Type:' --data-binary @-");
  });

  it('keeps odd targets byte-for-byte with --request-target, and globs and dot segments literal', () => {
    expect(toCurl(request({ url: 'http://localhost*', headers: [['Host', 'localhost']], method: 'OPTIONS' })).text).toBe(
      "curl 'http://localhost/' --request-target '*' -X 'OPTIONS' -H 'User-Agent:' -H 'Accept:'",
    );
    expect(toCurl(request({ url: 'http://h/a/../b?x[]={1}', headers: [] })).text).toBe(
      "curl 'http://h/a/../b?x[]={1}' --globoff --path-as-is -H 'Host:' -H 'User-Agent:' -H 'Accept:'",
    );
  });

  it('drops Content-Length and pseudo-headers, maps :authority to Host and asks for the same HTTP version', () => {
    const { text, warnings } = toCurl({
      method: 'POST',
      url: 'https://api.example.com/x',
      httpVersion: 'HTTP/2',
      headers: [[':method', 'POST'], [':authority', 'api.example.com:443'], [':path', '/x'], ['content-type', 'text/plain'], ['content-length', '99']],
      body: textBody('hi'),
    });
    expect(text).toBe("curl 'https://api.example.com/x' --http2 -H 'Host: api.example.com:443' -H 'content-type: text/plain' -H 'User-Agent:' -H 'Accept:' --data-raw 'hi'");
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
    const req = request({ url: 'https://h/x?token=abc&q=1', headers: [['Host', 'h'], ['Authorization', 'Bearer s3cr3t'], ['Cookie', 'sid=abc; theme=dark'], ['Accept', '*/*'], ['User-Agent', 'u']] });
    expect(toCurl(req).text).toContain('Bearer s3cr3t');
    const { text, warnings } = toCurl(req, { redact: DEFAULT_REDACTION });
    expect(text).toBe(
      "curl 'https://h/x?token=[REDACTED]&q=1' --globoff -H 'Authorization: [REDACTED]' -H 'Cookie: sid=[REDACTED]; theme=[REDACTED]' -H 'Accept: */*' -H 'User-Agent: u'",
    );
    expect(warnings.filter((w) => w.code === 'redacted').map((w) => w.header)).toEqual([undefined, 'Authorization', 'Cookie']);
  });
});
