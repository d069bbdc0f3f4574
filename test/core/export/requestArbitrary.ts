import fc from 'fast-check';
import type { Body, HeaderPairs, HttpRequest } from '../../../src/core/model';

/** A generated request plus the parts its URL was built from, which the exporters must recover. */
export interface GeneratedRequest {
  request: HttpRequest;
  authority: string;
  target: string;
}

/** Pieces that broke other exporters: quotes, expansions, control characters, globs, `@`. */
const NASTY = [
  "'", '"', '$(touch pwned)', '`touch pwned`', "'; touch pwned; '", '!', '!!', '\\', '\r', '\n', '\r\n', '\t', '\0', '\x1b[31m', '\x7f',
  'é', '😀', '\u202e', '%41', '%zz', '%', '#', '[', ']', '{', '}', ' ', '@', ';', '-', '$HOME', '${IFS}', '*', '?', '&', '=', '~',
];

export const nastyString = (maxLength = 8): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ maxLength: 6 })), { maxLength })
    .map((parts) => parts.join(''));

const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);

const headerName = fc.oneof(
  { weight: 6, arbitrary: token },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'Content-Length', 'Content-Type', 'Cookie', 'Transfer-Encoding', 'User-Agent', 'Accept', 'Host', 'Authorization',
      ':authority', ':path', '@evil', 'Bad Name', 'x:y', '', 'a\r\nInjected', 'X-\u00e9',
    ),
  },
);

const header: fc.Arbitrary<[string, string]> = fc.tuple(headerName, fc.oneof(nastyString(), fc.constantFrom('', '  ', '0', '12'))).map(([n, v]) => [n, v]);

const textBody = (text: string): Body => ({ kind: 'text', text, size: Buffer.byteLength(text), truncated: false });
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

// Bodies that need a pipe (bytes, NUL, control characters) cost a fork each in
// the shell round trip, so they are a fifth of the bodies rather than most.
const body: fc.Arbitrary<Body | null> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  {
    weight: 4,
    arbitrary: fc
      .oneof(nastyString(12), fc.constantFrom('@/etc/passwd', '@-', '-d x', ''), fc.string({ unit: 'binary', maxLength: 40 }))
      .map((text) => textBody(text.replace(CONTROL, ''))),
  },
  { weight: 1, arbitrary: nastyString(12).map(textBody) },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes): Body => ({ kind: 'bytes', base64: Buffer.from(bytes).toString('base64'), size: bytes.length, truncated: false })),
  },
);

const authority = fc.constantFrom('example.com', 'api.example.test:8443', '127.0.0.1', '[::1]:8080', 'Example.COM');

// Origin-form paths full of nasty bytes, plus targets that are not origin-form at all.
const originTarget = nastyString(10).map((s) => `/${s}`);
const oddTarget = fc.oneof(fc.constantFrom('*', 'http://other.example/x?y', '\\index.html', ' /x', '*?a'), nastyString(6).map((s) => `*${s}`));

export const generatedRequest: fc.Arbitrary<GeneratedRequest> = fc
  .record({
    method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'PROPFIND'), token, nastyString(4)),
    authority,
    target: fc.oneof({ weight: 4, arbitrary: originTarget }, { weight: 1, arbitrary: oddTarget }),
    host: fc.oneof(fc.constant<'url' | 'none' | 'other'>('url'), fc.constant<'url' | 'none' | 'other'>('none'), fc.constant<'url' | 'none' | 'other'>('other')),
    headers: fc.array(header, { maxLength: 6 }),
    httpVersion: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2', 'HTTP/4.0'),
    body,
  })
  .map(({ method, authority, target, host, headers, httpVersion, body }): GeneratedRequest => {
    // A Host that differs from the URL only where the target is origin-form, so the split is not ambiguous.
    const hostValue = host === 'other' && target.startsWith('/') ? 'other.example' : authority;
    const pairs: HeaderPairs = host === 'none' && target.startsWith('/') ? [] : [['Host', hostValue]];
    for (const [name, value] of headers) if (name.toLowerCase() !== 'host' || target.startsWith('/')) pairs.push([name, value]);
    return { request: { method, url: `http://${authority}${target}`, httpVersion, headers: pairs, body }, authority, target };
  });
