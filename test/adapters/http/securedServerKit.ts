/** Credentials, raw requests and detection events for the secured-server tests. */
import { request as httpRequest } from 'node:http';
import type { DetectionEvent } from '../../../src/core/adapter';
import { generateApiKey, type ApiKeyEntry } from '../../../server/auth';
import type { ServerRole } from '../../../server/permissions';

/** One freshly generated key per role: the plaintext for requests, the digests for the server. */
export function makeKeys(): { keys: Record<ServerRole, string>; entries: ApiKeyEntry[] } {
  const keys = {} as Record<ServerRole, string>;
  const entries: ApiKeyEntry[] = [];
  for (const role of ['viewer', 'analyst', 'admin', 'ingest'] as const) {
    const { key, entry } = generateApiKey(`${role}-1`, role);
    keys[role] = key;
    entries.push(entry);
  }
  return { keys, entries };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code: string; message: string; path?: string } } & Record<string, unknown>;
}

/** A request as any client (or attacker) may send it: exactly these headers, this body. */
export function send(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      // A live stream never ends: its status and headers are the answer.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: {} });
        return void request.destroy();
      }
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

export const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...extra });

export function detectionEvent(n: number, overrides: Partial<DetectionEvent> = {}): DetectionEvent {
  return {
    eventId: `evt-${n}`,
    timestamp: 1_748_779_000_000 + n,
    actor: { ip: '198.51.100.77', country: 'NL' },
    endpoint: { method: 'POST', path: '/api/login', host: 'ingest.example.com' },
    policy: { id: 'policy-ingest', name: 'Credential stuffing' },
    severity: 'high',
    type: 'rule-based',
    category: 'Authentication',
    subcategory: 'Credential Stuffing',
    outcome: 'blocked',
    request: {
      method: 'POST',
      url: 'https://ingest.example.com/api/login',
      httpVersion: 'HTTP/1.1',
      headers: [['content-type', 'application/json']],
      body: { kind: 'text', text: `{"user":"u${n}"}`, size: 12, truncated: false },
    },
    response: { status: 401, httpVersion: 'HTTP/1.1', headers: [], body: null },
    ...overrides,
  };
}
