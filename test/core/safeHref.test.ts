import { readFileSync } from 'node:fs';
import { safeHref } from '../../src/core/safeHref';

describe('safeHref', () => {
  it('keeps absolute http and https URLs (normalised)', () => {
    expect(safeHref('https://owasp.org/API-Security/')).toBe('https://owasp.org/API-Security/');
    expect(safeHref('http://cwe.mitre.org/data/definitions/89.html')).toBe('http://cwe.mitre.org/data/definitions/89.html');
    expect(safeHref('HTTPS://Example.COM')).toBe('https://example.com/');
    expect(safeHref('https://example.com/a?q=<script>')).toBe('https://example.com/a?q=%3Cscript%3E');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'javascript://example.com/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/',
    'mailto:a@example.com',
  ])('refuses other schemes: %s', (url) => {
    expect(safeHref(url)).toBeNull();
  });

  it.each([
    ' javascript:alert(1)',
    '\tjavascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u0004javascript:alert(1)',
    'javas\u000Ccript:alert(1)',
    '\u2002javascript:alert(1)',
    '\ufeffjavascript:alert(1)',
    ' https://example.com/',
    'https://example.com/\n',
    'https://exa mple.com/',
    'https://example.com/\u200b',
    'https:\u0000//example.com',
  ])('refuses whitespace and control-character tricks: %j', (url) => {
    expect(safeHref(url)).toBeNull();
  });

  it.each(['/relative/path', '//evil.example/x', 'example.com', '?q=1', '#top', 'https:/example.com', 'https:example.com', 'http://', ''])(
    'refuses relative, scheme-relative and malformed URLs: %j',
    (url) => {
      expect(safeHref(url)).toBeNull();
    },
  );

  it('refuses non-strings and absurdly long input', () => {
    expect(safeHref(null)).toBeNull();
    expect(safeHref(undefined)).toBeNull();
    expect(safeHref(`https://example.com/${'a'.repeat(10_000)}`)).toBeNull();
  });

  it('never returns anything but an http(s) URL for the XSS payload corpus', () => {
    const payloads = readFileSync(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
    for (const p of payloads) {
      const href = safeHref(p);
      if (href !== null) expect(href).toMatch(/^https?:\/\/[^\s]+$/);
    }
  });
});
