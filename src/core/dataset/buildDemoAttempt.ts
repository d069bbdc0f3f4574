/**
 * Builds one demo attempt (request + response) from its activity, index and
 * outcome. Deterministic: the content depends only on the given seed and index,
 * so any page of a 100k-attempt activity can be built on demand.
 */
import type { Activity, Attempt, AttemptOutcome, Body, HeaderPairs, HttpResponse } from '../model';
import type { AttackKind } from './attackCatalog';
import { ATTACK_PAYLOADS, JAVA_SERIALIZED_BODY_BASE64 } from './attackPayloads';
import type { DemoEndpoint } from './demoTopology';
import { USER_AGENTS } from './demoTopology';
import { createSeededRandom, hashSeed, type SeededRandom } from './seededRandom';

/** Bodies above this are stored truncated (the UI shows a size cap). */
export const DEMO_BODY_CAP = 4096;

const encoder = new TextEncoder();

function textBody(text: string): Body {
  const size = encoder.encode(text).length;
  return size > DEMO_BODY_CAP
    ? { kind: 'text', text: text.slice(0, DEMO_BODY_CAP), size, truncated: true }
    : { kind: 'text', text, size, truncated: false };
}

function bytesBody(bytes: Uint8Array): Body {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return { kind: 'bytes', base64: btoa(s), size: bytes.length, truncated: false };
}

/** Percent-encodes only what cannot appear raw in a request target; attackers keep the rest. */
const rawUrlValue = (v: string) => v.replace(/[\s"<>`#{}|\\^%]/g, (c) => (c === '%' ? '%' : encodeURIComponent(c)));
const formValue = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
const base64Url = (s: string) => btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

const USERNAMES = ['admin', 'alice@northwind.example', 'j.smith', 'support', 'test', 'root', 'maria.garcia', 'dev'];
const PASSWORDS = ['123456', 'Password1', 'qwerty', 'Summer2024!', 'letmein', 'admin123', 'iloveyou'];

function fillPath(path: string, random: SeededRandom, forId: boolean): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'fileName' ? random.pick(['report.pdf', 'avatar.png', 'invoice-2024.pdf']) : String(forId ? random.between(1000, 99999) : random.between(1000, 1200)),
  );
}

interface RequestParts {
  path: string;
  query: string;
  body: Body | null;
  contentType?: string;
  auth?: string;
}

function buildRequest(kind: AttackKind, endpoint: DemoEndpoint, random: SeededRandom): RequestParts {
  const shape = kind.shape;
  let path = fillPath(endpoint.path, random, shape === 'bola' || shape === 'rate-limit');
  let query = '';
  let fields: Record<string, unknown> = {};
  let auth: string | undefined = endpoint.tags.includes('auth') || shape === 'bfla' ? `Bearer eyJhbGciOiJSUzI1NiJ9.${base64Url(`{"sub":"${random.between(1000, 1200)}"}`)}.sig` : undefined;
  let binary: Uint8Array | null = null;
  switch (shape) {
    case 'sqli':
    case 'cmd':
    case 'xss':
    case 'traversal':
    case 'ssrf':
    case 'nosql': {
      const payload = random.pick(ATTACK_PAYLOADS[shape]);
      if (shape === 'traversal' && endpoint.path.includes('{fileName}')) path = path.replace(/[^/]+$/, rawUrlValue(payload));
      else if (endpoint.body === 'json' && shape === 'nosql' && payload.startsWith('{')) fields[endpoint.param] = JSON.parse(payload);
      else if (endpoint.body === 'none' || endpoint.body === 'binary') query = shape === 'nosql' && !payload.startsWith('{') ? `${endpoint.param}${rawUrlValue(payload)}` : `${endpoint.param}=${rawUrlValue(payload)}`;
      else fields[endpoint.param] = payload;
      break;
    }
    case 'credential-stuffing':
      fields = { username: random.pick(USERNAMES), password: random.pick(PASSWORDS), grant_type: 'password' };
      break;
    case 'jwt':
      auth = `Bearer ${base64Url('{"alg":"none","typ":"JWT"}')}.${base64Url(`{"sub":"${random.between(1, 50)}","role":"admin"}`)}.`;
      break;
    case 'mass-assignment':
      fields = { [endpoint.param]: 'ok', role: 'admin', isAdmin: true, credit: random.between(1000, 99999) };
      break;
    case 'deserialization': {
      const magic = Uint8Array.from(atob(JAVA_SERIALIZED_BODY_BASE64), (c) => c.charCodeAt(0));
      binary = new Uint8Array(magic.length + random.between(16, 96));
      binary.set(magic);
      for (let i = magic.length; i < binary.length; i++) binary[i] = random.int(256);
      break;
    }
    default:
      if (endpoint.body === 'json' || endpoint.body === 'form') fields[endpoint.param] = random.pick(['test', 'hello', '1']);
  }
  if (endpoint.body === 'binary' && !binary) {
    // A PNG header followed by noise: a plausible binary upload.
    binary = new Uint8Array(random.between(64, 512));
    binary.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (let i = 8; i < binary.length; i++) binary[i] = random.int(256);
  }
  if (binary) return { path, query, body: bytesBody(binary), contentType: 'application/octet-stream', ...(auth ? { auth } : {}) };
  if (endpoint.body === 'json' || (endpoint.body === 'none' && Object.keys(fields).length > 0)) {
    return Object.keys(fields).length
      ? { path, query, body: textBody(JSON.stringify(fields)), contentType: 'application/json', ...(auth ? { auth } : {}) }
      : { path, query, body: null, ...(auth ? { auth } : {}) };
  }
  if (endpoint.body === 'form') {
    const text = Object.entries(fields).map(([k, v]) => `${k}=${formValue(String(v))}`).join('&');
    return { path, query, body: textBody(text), contentType: 'application/x-www-form-urlencoded', ...(auth ? { auth } : {}) };
  }
  return { path, query, body: null, ...(auth ? { auth } : {}) };
}

function buildResponse(kind: AttackKind, outcome: AttemptOutcome, random: SeededRandom, requestId: string, httpVersion: string): HttpResponse {
  const headers: HeaderPairs = [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['X-Request-Id', requestId],
  ];
  let status: number;
  let text: string;
  if (outcome === 'blocked') {
    status = kind.shape === 'rate-limit' ? 429 : 403;
    if (status === 429) headers.push(['Retry-After', String(random.between(1, 60))]);
    text = JSON.stringify({ error: status === 429 ? 'Too many requests' : 'Request blocked by policy', requestId });
  } else if (outcome === 'exploited') {
    status = 200;
    headers.push(['Set-Cookie', `session=${requestId}; Path=/; HttpOnly; Secure`], ['Set-Cookie', 'tracking=1; Path=/']);
    const rows = Array.from({ length: random.between(1, 120) }, (_, i) => ({ id: 1000 + i, email: `user${1000 + i}@mail.example`, role: i === 0 ? 'admin' : 'customer' }));
    text = JSON.stringify({ data: rows });
  } else {
    status = random.pick(kind.shape === 'credential-stuffing' || kind.shape === 'jwt' ? [401, 401, 403] : [400, 404, 422, 200]);
    text = JSON.stringify(status === 200 ? { data: [] } : { error: status === 401 ? 'Invalid credentials' : 'Bad request' });
  }
  const statusText: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 422: 'Unprocessable Entity', 429: 'Too Many Requests' };
  return { status, statusText: statusText[status] ?? '', httpVersion, headers, body: textBody(text) };
}

export function buildDemoAttempt(args: {
  activity: Activity;
  kind: AttackKind;
  endpoint: DemoEndpoint;
  seed: number;
  index: number;
  timestamp: number;
  outcome: AttemptOutcome;
}): Attempt {
  const { activity, kind, endpoint, index, timestamp, outcome } = args;
  const random = createSeededRandom(hashSeed(args.seed, index));
  const req = buildRequest(kind, endpoint, random);
  const httpVersion = random.chance(0.3) ? 'HTTP/2' : 'HTTP/1.1';
  const requestId = `req_${hashSeed(args.seed, index, 'req').toString(36)}`;
  const headers: HeaderPairs = [
    ['Host', endpoint.host],
    ['User-Agent', random.pick(USER_AGENTS)],
    ['Accept', random.pick(['application/json', '*/*', 'application/json, text/plain, */*'])],
  ];
  if (req.auth) headers.push(['Authorization', req.auth]);
  if (req.contentType) headers.push(['Content-Type', req.contentType]);
  if (req.body) headers.push(['Content-Length', String(req.body.size)]);
  // Multi-value headers, kept as separate ordered pairs.
  if (random.chance(0.3)) headers.push(['Cookie', `sid=${requestId}`], ['Cookie', "pref=dark; lang=en"]);
  if (random.chance(0.25)) headers.push(['X-Forwarded-For', activity.actor.ip], ['X-Forwarded-For', `10.0.${random.int(255)}.${random.int(255)}`]);
  const url = `https://${endpoint.host}${req.path}${req.query ? `?${req.query}` : ''}`;
  return {
    id: `${activity.id}-${index}`,
    activityId: activity.id,
    timestamp,
    sourceIp: activity.actor.ip,
    outcome,
    request: { method: endpoint.method, url, httpVersion, headers, body: req.body },
    response: random.chance(0.02) && outcome !== 'exploited' ? null : buildResponse(kind, outcome, random, requestId, httpVersion),
  };
}
