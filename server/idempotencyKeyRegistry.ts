/**
 * The server's own view of idempotency keys: which request each key was
 * first used for successfully. An adapter may scope keys per method (the
 * memory adapter does), but on the wire a key names one request — method,
 * route, path parameters and body — so reusing it for anything else (ids
 * then a query on `/status-changes`, or another endpoint) is a 409 here,
 * before the adapter sees it. Only successes are remembered: a retry after a
 * definitive failure runs again. Outcomes stay with the adapter, which
 * replays them.
 *
 * A key is claimed before its request runs (`claim`), so two requests sent at
 * once under one key cannot both apply: the same request waits for the first
 * to settle and then runs (the adapter replays the outcome); another request
 * is refused at once. A claim whose request failed is released.
 */
import { createHash } from 'node:crypto';
import { IDEMPOTENCY_KEY_TTL_MS } from '../src/core/adapter';
import { canonicalJson } from '../src/adapters/memory/idempotencyStore';
import { AdapterError } from '../src/core/errors';

export interface IdempotencyKeyRegistry {
  /** Throws `conflict` when the key was used for another request. */
  check(key: string, fingerprint: string): void;
  remember(key: string, fingerprint: string): void;
  /**
   * Reserves the key for this request until `settle` is called: throws
   * `conflict` when the key is used (or being used) for another request, and
   * waits while the same request is still running under it.
   */
  claim(key: string, fingerprint: string): Promise<IdempotencyClaim>;
}

export interface IdempotencyClaim {
  /** `true` remembers the key for this request; `false` (a failure) releases it. */
  settle(succeeded: boolean): void;
}

const conflict = () =>
  new AdapterError('conflict', 'This idempotency key was already used for a different request.', { path: 'header.Idempotency-Key' });

/** A short digest of the request, so each remembered key costs a few hundred bytes whatever the body. */
export function requestFingerprint(method: string, route: string, params: Record<string, string>, body: unknown): string {
  return createHash('sha256').update(`${method} ${route}\n${canonicalJson(params)}\n${canonicalJson(body ?? null)}`).digest('base64url');
}

export function createIdempotencyKeyRegistry(options: { maxKeys?: number; ttlMs?: number; now?: () => number } = {}): IdempotencyKeyRegistry {
  const maxKeys = options.maxKeys ?? 100_000;
  const ttlMs = options.ttlMs ?? IDEMPOTENCY_KEY_TTL_MS;
  const now = options.now ?? Date.now;
  // Insertion order is first-use order: the oldest (and first to expire) sit at the front.
  const keys = new Map<string, { fingerprint: string; at: number }>();
  // Keys whose first request is still running.
  const running = new Map<string, { fingerprint: string; settled: Promise<void> }>();

  const prune = (at: number) => {
    for (const [key, entry] of keys) {
      if (keys.size <= maxKeys && at - entry.at < ttlMs) break;
      keys.delete(key);
    }
  };

  const registry: IdempotencyKeyRegistry = {
    check(key, fingerprint) {
      prune(now());
      const known = keys.get(key);
      if (known && known.fingerprint !== fingerprint) throw conflict();
    },
    remember(key, fingerprint) {
      if (keys.has(key)) return;
      keys.set(key, { fingerprint, at: now() });
      prune(now());
    },
    async claim(key, fingerprint) {
      for (;;) {
        const pending = running.get(key);
        if (!pending) break;
        if (pending.fingerprint !== fingerprint) throw conflict();
        await pending.settled;
      }
      registry.check(key, fingerprint);
      if (keys.has(key)) return { settle: () => {} }; // already done: the adapter replays it
      let release!: () => void;
      running.set(key, { fingerprint, settled: new Promise<void>((resolve) => (release = resolve)) });
      let open = true;
      return {
        settle: (succeeded) => {
          if (!open) return;
          open = false;
          if (succeeded) registry.remember(key, fingerprint);
          running.delete(key);
          release();
        },
      };
    },
  };
  return registry;
}
