import { readFileSync } from 'node:fs';
import type { Body, HttpRequest } from '../../../src/core/model';

/** One record of test/fixtures/attack-requests.json (see its README). */
export interface FixtureRecord {
  id: string;
  method: string;
  url: string;
  httpVersion: string;
  headers: Array<[string, string]>;
  body: string | null;
  bodyBase64?: string;
}

export const fixtureRecords: FixtureRecord[] = JSON.parse(
  readFileSync(new URL('../../fixtures/attack-requests.json', import.meta.url), 'utf8'),
) as FixtureRecord[];

function fixtureBody(record: FixtureRecord): Body | null {
  if (record.bodyBase64 !== undefined) {
    return { kind: 'bytes', base64: record.bodyBase64, size: Buffer.from(record.bodyBase64, 'base64').length, truncated: false };
  }
  return record.body === null ? null : { kind: 'text', text: record.body, size: Buffer.byteLength(record.body), truncated: false };
}

/**
 * The fixture gives the request-target and a Host header; the model wants an
 * absolute URL. It is rebuilt as `http://` + Host + target with the target kept
 * byte-for-byte, even when it is not origin-form (`*`, `\index.html`, spaces).
 * `authority` replaces the Host in the URL only (to aim at a test server).
 */
export function fixtureToRequest(record: FixtureRecord, authority?: string): HttpRequest {
  const host = record.headers.find(([name]) => name.toLowerCase() === 'host')?.[1] ?? '';
  return {
    method: record.method,
    url: `http://${authority ?? host}${record.url}`,
    httpVersion: record.httpVersion,
    headers: record.headers.map(([name, value]) => [name, value]),
    body: fixtureBody(record),
  };
}

/**
 * The authority and request-target the exporters must recover from the rebuilt
 * URL. `http://localhost` + `www.example.org` reads as one plausible host name,
 * which the documented split keeps whole (RFC 3986); the target is then what follows.
 */
export function fixtureWireParts(record: FixtureRecord): { authority: string; target: string } {
  const host = record.headers.find(([name]) => name.toLowerCase() === 'host')?.[1] ?? '';
  const rfcAuthority = (host + record.url).split(/[/?#]/)[0]!;
  if (!/^[A-Za-z0-9._~%-]+(?::\d+)?$/.test(rfcAuthority)) return { authority: host, target: record.url };
  const rest = (host + record.url).slice(rfcAuthority.length);
  return { authority: rfcAuthority, target: rest === '' || /^[?#]/.test(rest) ? `/${rest}` : rest };
}
