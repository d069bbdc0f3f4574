/**
 * The memory adapter's idempotency keys: the first successful outcome of a
 * write is kept under (method, key) with a fingerprint of its request, so a
 * retry replays it instead of applying twice, and the same key with another
 * request is refused as a `conflict`. Failures are never stored: a retry after
 * a definitive failure runs again.
 */
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../core/adapter';
import { AdapterError } from '../../core/errors';

/**
 * JSON with object keys sorted at every level, so two requests that differ
 * only in property order (or in `undefined` members) get one fingerprint.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined && typeof record[k] !== 'function')
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** Throws `invalid_request` at `idempotencyKey` unless the key is absent or a usable string. */
export function checkIdempotencyKey(key: unknown): string | undefined {
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new AdapterError('invalid_request', `idempotencyKey must be a string of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`, { path: 'idempotencyKey' });
  }
  return key;
}

export interface IdempotencyStore {
  /**
   * Runs `apply` unless `params.idempotencyKey` was already used for `method`:
   * then replays a deep copy of the stored outcome, or throws `conflict` when
   * the rest of `params` (without `signal` and the key) differs.
   */
  run<T>(method: string, params: { signal?: unknown; idempotencyKey?: unknown }, apply: () => T): T;
  /** Entries currently held (expired ones are dropped as new writes arrive). */
  readonly size: number;
}

interface Entry {
  fingerprint: string;
  result: unknown;
  storedAt: number;
}

export function createIdempotencyStore(options: { now: () => number; ttlMs: number }): IdempotencyStore {
  const { now, ttlMs } = options;
  // Insertion order is storage order, so expired entries sit at the front.
  const entries = new Map<string, Entry>();
  const expired = (entry: Entry, at: number) => at - entry.storedAt >= ttlMs;

  function prune(at: number): void {
    for (const [id, entry] of entries) {
      if (!expired(entry, at)) break;
      entries.delete(id);
    }
  }

  return {
    get size() {
      return entries.size;
    },
    run(method, params, apply) {
      const key = checkIdempotencyKey(params.idempotencyKey);
      if (key === undefined) return apply();
      const { signal: _signal, idempotencyKey: _key, ...body } = params;
      const fingerprint = canonicalJson(body);
      const id = `${method}\u0000${key}`;
      const at = now();
      prune(at);
      const hit = entries.get(id);
      if (hit && !expired(hit, at)) {
        if (hit.fingerprint !== fingerprint) {
          throw new AdapterError('conflict', `The idempotency key was already used for a different ${method} request.`, { path: 'idempotencyKey' });
        }
        return structuredClone(hit.result) as ReturnType<typeof apply>;
      }
      const result = apply();
      entries.delete(id);
      entries.set(id, { fingerprint, result: structuredClone(result), storedAt: at });
      return result;
    },
  };
}
