import { createContext, runInContext } from 'node:vm';
import fc from 'fast-check';
import { toFetch } from '../../../src/core/export/toFetch';
import type { HttpRequest } from '../../../src/core/model';
import { asUtf8, expectedWire } from './expectedWire';
import { fixtureRecords, fixtureToRequest, fixtureWireParts } from './fixtureRequests';
import { generatedRequest } from './requestArbitrary';

interface FetchCall {
  url: string;
  init: { method: string; headers?: Array<[string, string]>; body?: string | Uint8Array };
}

/**
 * Runs the generated snippet in an empty VM context whose only global is a
 * fetch stub, and returns what it was called with. Anything else the snippet
 * tried to reach (process, require, a marker) would throw or leave a trace.
 */
const calls: FetchCall[] = [];
const touched: string[] = [];
// One context for all snippets: creating a VM context is the slow part.
const sandbox = createContext({
  fetch: (url: string, init: FetchCall['init']) => calls.push({ url, init }),
  touch: (name: string) => touched.push(name),
});

function runSnippet(code: string): { calls: FetchCall[]; touched: string[] } {
  calls.length = 0;
  touched.length = 0;
  // The snippet uses top-level await; wrap it in an async function body.
  runInContext(`(async () => {\n${code}\n})()`, sandbox);
  return { calls: [...calls], touched: [...touched] };
}

const bodyOf = (init: FetchCall['init']) =>
  init.body === undefined ? Buffer.alloc(0) : typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : Buffer.from(init.body);

function expectSame(req: HttpRequest, authority: string, target: string) {
  const { text } = toFetch(req);
  const { calls, touched } = runSnippet(text);
  expect(touched).toEqual([]);
  expect(calls).toHaveLength(1);
  const { url, init } = calls[0]!;
  const wire = expectedWire(req, target);
  const host = wire.host !== null && wire.host !== authority ? [['Host', wire.host]] : [];
  expect({ text, url, method: init.method, headers: init.headers ?? [] }).toEqual({
    text,
    url: `http://${authority}${target.startsWith('/') ? wire.target : `/${wire.target}`}`,
    method: wire.method,
    headers: [...host, ...wire.headers],
  });
  expect(bodyOf(init).equals(wire.body ?? Buffer.alloc(0))).toBe(true);
}

describe('toFetch', () => {
  it('writes a fetch call with headers as ordered pairs and the exact body', () => {
    const req: HttpRequest = {
      method: 'POST',
      url: 'https://api.example.com/x?a=1',
      httpVersion: 'HTTP/1.1',
      headers: [['Host', 'api.example.com'], ['X-A', '"</script>\u2028'], ['X-A', 'two'], ['Content-Length', '3']],
      body: { kind: 'bytes', base64: 'rO0ABQ==', size: 4, truncated: false },
    };
    expect(toFetch(req).text).toBe(
      'await fetch("https://api.example.com/x?a=1", {\n  method: "POST",\n  headers: [\n    ["X-A", "\\"</script>\\u2028"],\n    ["X-A", "two"],\n  ],\n  body: new Uint8Array([172, 237, 0, 5]),\n});',
    );
  });

  it('warns about what fetch cannot reproduce', () => {
    const { warnings } = toFetch({
      method: 'GET',
      url: 'http://h/a/../b',
      httpVersion: 'HTTP/1.1',
      headers: [['Cookie', 'a=1'], ['Host', 'h']],
      body: { kind: 'text', text: 'x', size: 1, truncated: false },
    });
    expect(warnings.map((w) => w.code)).toEqual(['url_normalised', 'forbidden_header', 'body_not_allowed']);
    const noHost = toFetch({ method: 'GET', url: 'http://h/', httpVersion: 'HTTP/1.1', headers: [], body: null });
    expect(noHost.warnings.map((w) => w.code)).toEqual(['host_added']);
  });

  it('evaluates to exactly the original request, and nothing else, for generated requests and the corpus', () => {
    for (const { request, authority, target } of fc.sample(generatedRequest, 1000)) {
      if (!target.startsWith('/')) continue;
      expectSame(request, asUtf8(authority), asUtf8(target));
    }
    for (const record of fixtureRecords) {
      const { authority, target } = fixtureWireParts(record);
      expectSame(fixtureToRequest(record), authority, target);
    }
  });

  it('keeps payloads inert', () => {
    const payload = '"); touch("m1"); ("\\\\"); touch(`m2`); //\n touch("m3") ${touch("m4")} \u2028 touch("m5")';
    const req: HttpRequest = { method: payload, url: `http://h/${payload}`, httpVersion: 'HTTP/1.1', headers: [[payload, payload]], body: { kind: 'text', text: payload, size: 1, truncated: false } };
    expect(runSnippet(toFetch(req).text).touched).toEqual([]);
  });
});
