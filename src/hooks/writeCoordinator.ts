/**
 * Provider-level bookkeeping shared by every write hook:
 *
 * - write locks keyed by target (`activity:<id>`, `activity:*` for a write by
 *   query), so two components (EventActions and the selection toolbar) can
 *   never have two writes in flight on one activity;
 * - optimistic writes in flight, so a write that settles while another
 *   optimistic write is still pending defers its refetch: a refetch landing
 *   in between would drop the pending write's optimistic change, and its
 *   rollback would then be computed against data it never patched;
 * - drafts (ignore reason, work-item fields) per activity, which outlive the
 *   component that edits them.
 *
 * Pure TS with listeners; hooks read it through `useSyncExternalStore`.
 */

export const ALL_ACTIVITIES_LOCK = 'activity:*';
export const activityLock = (id: string) => `activity:${id}`;

export interface WriteCoordinator {
  /** Takes every key or none; returns the release function, or `null` when one is held. */
  tryLock(keys: readonly string[]): (() => void) | null;
  isLocked(keys: readonly string[]): boolean;
  /** An optimistic write starts; `end` runs `refetch` now or once the last pending optimistic write ends. */
  beginOptimistic(): { end: (refetch: () => Promise<void> | void) => Promise<void> };
  subscribe(listener: () => void): () => void;
  /** Changes whenever a lock is taken or released (for `useSyncExternalStore`). */
  version(): number;
}

function conflicts(held: ReadonlySet<string>, key: string): boolean {
  if (held.has(key)) return true;
  if (key === ALL_ACTIVITIES_LOCK) {
    for (const h of held) if (h.startsWith('activity:')) return true;
    return false;
  }
  return key.startsWith('activity:') && held.has(ALL_ACTIVITIES_LOCK);
}

export function createWriteCoordinator(): WriteCoordinator {
  const held = new Set<string>();
  const listeners = new Set<() => void>();
  let version = 0;
  let optimistic = 0;
  let deferred: Array<() => Promise<void> | void> = [];
  const emit = () => {
    version++;
    for (const l of listeners) l();
  };
  return {
    tryLock(keys) {
      if (keys.some((k) => conflicts(held, k))) return null;
      for (const k of keys) held.add(k);
      emit();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        for (const k of keys) held.delete(k);
        emit();
      };
    },
    isLocked: (keys) => keys.some((k) => conflicts(held, k)),
    beginOptimistic() {
      optimistic++;
      let ended = false;
      return {
        end: async (refetch) => {
          if (ended) return;
          ended = true;
          optimistic--;
          deferred.push(refetch);
          if (optimistic > 0) return;
          const run = deferred;
          deferred = [];
          await Promise.all(run.map((f) => f()));
        },
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    version: () => version,
  };
}

export interface DraftStore {
  get<T>(key: string): T | undefined;
  set<T>(key: string, value: T): void;
  delete(key: string): void;
  subscribe(listener: () => void): () => void;
}

export function createDraftStore(): DraftStore {
  const drafts = new Map<string, unknown>();
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const l of listeners) l();
  };
  return {
    get: <T,>(key: string) => drafts.get(key) as T | undefined,
    set(key, value) {
      drafts.set(key, value);
      emit();
    },
    delete(key) {
      if (drafts.delete(key)) emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * An idempotency key: a UUID. `crypto.randomUUID` exists only in secure
 * contexts; a host served over plain http still gets a random v4 UUID.
 */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof c?.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Retries of a write whose outcome is unknown: same key, growing delay. */
export interface WriteRetryPolicy {
  /** Automatic retries after an unknown outcome (default 2). */
  retries: number;
  /** Delay before retry `n` (1-based), in ms. */
  delayMs: (retry: number) => number;
}

export const DEFAULT_WRITE_RETRY: WriteRetryPolicy = {
  retries: 2,
  delayMs: (n) => Math.min(8000, 500 * 3 ** (n - 1)),
};
