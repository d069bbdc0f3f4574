/**
 * Authentication for the reference server: API keys (`X-API-Key: <key>`) or
 * bearer tokens (`Authorization: Bearer <token>`), both looked up in one set
 * of credentials configured as SHA-256 digests. A presented key lives only
 * for the request: it is hashed at once and the digest compared with every
 * configured digest in constant time, so neither the plaintext nor the
 * timing of a comparison says anything about the configured keys.
 *
 * API keys are random, high-entropy strings (`generateApiKey`), so a fast
 * hash is the right tool here (unlike passwords, there is nothing to guess).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../src/core/adapter';
import { AdapterError } from '../src/core/errors';
import { SERVER_ROLES, type ServerRole } from './permissions';

export const API_KEY_HEADER = 'X-API-Key';
/** The challenge a 401 carries: both schemes the server accepts. */
export const WWW_AUTHENTICATE = 'Bearer realm="threatdeck", ApiKey realm="threatdeck" header="X-API-Key"';
/** Longer credentials are refused unread: no configured key is that long, and hashing megabytes costs. */
const MAX_CREDENTIAL_LENGTH = 512;

/** One configured credential, as written in the keys file. */
export interface ApiKeyEntry {
  /** Who this key is (audit trail: `principal.id`). */
  id: string;
  role: ServerRole;
  /** SHA-256 of the key, hex (64 characters). */
  sha256: string;
}

/** The authenticated caller: the principal the adapter gets, and the server role that authorises routes. */
export interface AuthenticatedCaller {
  principal: Principal;
  role: ServerRole;
}

export interface Authenticator {
  /** The caller, or throws 401 `unauthorized` (missing, malformed or unknown credentials). */
  authenticate(headers: IncomingHttpHeaders): AuthenticatedCaller;
  readonly size: number;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A new random API key (32 bytes, base64url) and the entry that configures it. */
export function generateApiKey(id: string, role: ServerRole): { key: string; entry: ApiKeyEntry } {
  const key = `tdk_${randomBytes(32).toString('base64url')}`;
  return { key, entry: { id, role, sha256: sha256Hex(key) } };
}

const ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** Checks configured entries (a keys file is operator input: refuse anything odd rather than guess). */
export function validateApiKeyEntries(input: unknown): ApiKeyEntry[] {
  const list = input && typeof input === 'object' && !Array.isArray(input) ? (input as { keys?: unknown }).keys : input;
  if (!Array.isArray(list)) throw new Error('API keys must be an array (or { "keys": [...] }).');
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const e = raw as Partial<Record<keyof ApiKeyEntry, unknown>> | null;
    if (!e || typeof e !== 'object') throw new Error(`keys[${i}] must be an object.`);
    if (typeof e.id !== 'string' || !ID.test(e.id)) throw new Error(`keys[${i}].id must be 1–128 characters of A-Z a-z 0-9 . _ : @ -.`);
    if (!SERVER_ROLES.includes(e.role as ServerRole)) throw new Error(`keys[${i}].role must be one of ${SERVER_ROLES.join(', ')}.`);
    if (typeof e.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(e.sha256)) throw new Error(`keys[${i}].sha256 must be 64 hex digits (the SHA-256 of the key).`);
    const digest = e.sha256.toLowerCase();
    if (seen.has(digest)) throw new Error(`keys[${i}] repeats another key.`);
    seen.add(digest);
    return { id: e.id, role: e.role as ServerRole, sha256: digest };
  });
}

const unauthorized = (message: string) => new AdapterError('unauthorized', message);

/** The credential in the request: the API key header or a bearer token, exactly one of them. */
function presentedCredential(headers: IncomingHttpHeaders): string {
  const apiKey = headers[API_KEY_HEADER.toLowerCase()];
  const authorization = headers.authorization;
  if (apiKey !== undefined && authorization !== undefined) throw unauthorized(`Send either ${API_KEY_HEADER} or Authorization, not both.`);
  if (typeof apiKey === 'string') return apiKey;
  if (Array.isArray(apiKey)) throw unauthorized(`Send one ${API_KEY_HEADER} header.`);
  if (authorization === undefined) throw unauthorized('Authentication required.');
  const bearer = /^Bearer +(\S+) *$/i.exec(authorization);
  if (!bearer) throw unauthorized('Authorization must be "Bearer <token>".');
  return bearer[1]!;
}


export function createAuthenticator(entries: readonly ApiKeyEntry[]): Authenticator {
  const keys = validateApiKeyEntries([...entries]).map((e) => ({ ...e, digest: Buffer.from(e.sha256, 'hex') }));
  return {
    size: keys.length,
    authenticate(headers) {
      const credential = presentedCredential(headers);
      if (credential.length === 0 || credential.length > MAX_CREDENTIAL_LENGTH) throw unauthorized('Unknown API key.');
      const digest = createHash('sha256').update(credential, 'utf8').digest();
      // Every digest is compared (no early exit), each in constant time: the answer's timing is the same whichever key matches.
      let found: (typeof keys)[number] | undefined;
      for (const key of keys) if (timingSafeEqual(digest, key.digest) && !found) found = key;
      if (!found) throw unauthorized('Unknown API key.');
      return { principal: { id: found.id, role: found.role }, role: found.role };
    },
  };
}
