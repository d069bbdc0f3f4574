/** What every adapter call carries: the abort signal, and for writes the idempotency key and the principal. */
export interface CallOptions {
  signal: AbortSignal;
}

/**
 * Every write carries an idempotency key, made once per analyst intent and
 * reused on every retry of it. The same key replays the first outcome (one
 * rule, one ticket, one block); the same key with a different body rejects
 * with `conflict`. Adapters keep keys for at least `IDEMPOTENCY_KEY_TTL_MS`.
 */
export interface WriteOptions extends CallOptions {
  idempotencyKey?: string;
  /**
   * Server side only: who is writing, set by the server from the caller's
   * authentication (never from a request body). Backends with an audit trail
   * record it with every write.
   */
  principal?: Principal;
}

/** viewer reads; analyst triages; admin also deletes rules and blocks; ingest only feeds detections. */
export type Role = 'viewer' | 'analyst' | 'admin' | 'ingest';

export interface Principal {
  /** Stable id of the caller (API key name, token subject). */
  id: string;
  role: Role;
}

/** How long a backend must remember an idempotency key and its outcome. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;
/** Longest idempotency key accepted (a UUID is 36). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

/** A page of a bounded collection (suppression rules, blocks, work items). */
export interface Page<T> {
  items: T[];
  total: number;
  /** Cursor of the next page, `null` at the end. */
  nextCursor: string | null;
}
