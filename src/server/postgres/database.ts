/**
 * Database plumbing of the Postgres adapter: reads (on the read pool, raced
 * against the caller's signal), writes (one transaction on the primary, with
 * the idempotency key claimed and the audit row written inside it), and the
 * mapping of driver errors to typed AdapterErrors.
 *
 * A write is all or nothing: its statements, its idempotency record, its
 * audit row and its NOTIFY commit together or not at all. A connection lost
 * mid-write leaves the transaction to PostgreSQL's rollback and rejects with
 * `network` (the outcome is unknown to the caller only if the COMMIT itself
 * was lost, which the idempotency key covers on retry).
 */
import type { Pool, PoolClient } from 'pg';
import { IDEMPOTENCY_KEY_TTL_MS, type Principal } from '../../core/adapter';
import { AdapterError, abortError, isAdapterError, throwIfAborted } from '../../core/errors';
import { SYSTEM_PRINCIPAL_ID } from '../../core/cases';
import { canonicalJson, checkIdempotencyKey } from '../../adapters/memory/idempotencyStore';

export interface Database {
  pool: Pool;
  readPool: Pool;
  now: () => number;
  /** Test hook: runs between the statements of a write (a fault injected there must roll everything back). */
  beforeCommit?: (client: PoolClient, method: string) => Promise<void> | void;
  /** The signed-in user of a single-user deployment ('me' in a query; the author of writes without a principal). */
  currentUserId?: string;
  /** statement_timeout (ms) set inside each write transaction; 0 = none. Unset: the connection's own. */
  writeStatementTimeoutMs?: number;
}

/**
 * The pool reads run on, with session settings on each of its connections
 * (set once per connection, before its first read): a statement timeout (one
 * runaway query cannot hold a connection and a core for minutes while the
 * pool's queue grows), no JIT (at a million rows the planner's costs pass
 * jit_above_cost, and compiling took longer than running these short
 * statements) and no parallel workers (the concurrency is across requests; a
 * query's workers only take cores from the others). Only `query` is offered.
 */
export function readSessionPool(pool: Pool, statementTimeoutMs: number): Pool {
  const configured = new WeakSet<PoolClient>();
  const timeout = String(Math.max(0, Math.floor(statementTimeoutMs)));
  const query = async (text: string, values?: unknown[]) => {
    const client = await pool.connect();
    let failed: unknown;
    try {
      if (!configured.has(client)) {
        await client.query("SELECT set_config('statement_timeout', $1, false), set_config('jit', 'off', false), set_config('max_parallel_workers_per_gather', '0', false)", [timeout]);
        configured.add(client);
      }
      return await client.query(text, values);
    } catch (e) {
      failed = e;
      throw e;
    } finally {
      // A server error (it has a severity) leaves the connection usable; anything else may not.
      client.release(failed !== undefined && !(failed as { severity?: unknown }).severity ? true : undefined);
    }
  };
  return { query } as unknown as Pool;
}

/** Driver / server error → AdapterError. */
export function toDatabaseError(error: unknown): AdapterError {
  if (isAdapterError(error)) return error as AdapterError;
  if (error instanceof DOMException && error.name === 'AbortError') return new AdapterError('aborted', 'The request was cancelled.', { cause: error });
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  // Class 08 (connection exception), 57P01-57P03 (terminated / shutting down), socket errors, a terminated client.
  if (/^08/.test(code) || /^57P0[123]$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND'].includes(code) || /Connection terminated|connection.*(closed|lost)|Client has encountered a connection error|not queryable/i.test(message)) {
    return new AdapterError('network', 'The database connection was lost; nothing was applied unless a retry with the same idempotency key says so.', { detail: code || 'connection', cause: error });
  }
  if (code === '57014') return new AdapterError('timeout', 'The database cancelled the statement (timeout).', { cause: error });
  if (code === '40001' || code === '40P01') return new AdapterError('conflict', 'A concurrent change conflicted; retry.', { detail: code, cause: error });
  if (code === '22P02' || code === '22003' || code === '54000') return new AdapterError('invalid_request', 'A value is out of range for the database.', { detail: code, cause: error });
  // Never the server's message: it may quote values.
  return new AdapterError('server', 'The database failed the request.', { detail: code || 'unknown', cause: error });
}

/** Rejects with an abort as soon as `signal` aborts; the query finishes (and releases its client) in the background. */
export async function read<T>(db: Database, signal: AbortSignal | undefined, run: (pool: Pool) => Promise<T>): Promise<T> {
  throwIfAborted(signal);
  await Promise.resolve(); // an abort right after the call still wins
  throwIfAborted(signal);
  const work = run(db.readPool).catch((e) => {
    throw toDatabaseError(e);
  });
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export interface WriteParams {
  signal?: AbortSignal;
  idempotencyKey?: string;
  principal?: Principal;
}

export interface WriteContext {
  client: PoolClient;
  now: number;
  /** This write's revision (from td_revision), taken at the start of the transaction. */
  revision: () => Promise<number>;
  /** Queued NOTIFY payloads, sent inside the transaction (delivered on commit). */
  notify: (payload: string) => void;
  /** Who is writing, for history: the principal, else the adapter's current user, else `system`. */
  who: string;
}

function principalOf(params: WriteParams): Principal {
  const p = params.principal;
  return p && typeof p.id === 'string' && typeof p.role === 'string' ? { id: p.id, role: p.role } : { id: 'anonymous', role: 'viewer' };
}

/** Short, bounded description of a write for the audit trail (counts and ids, never bodies). */
function auditSummary(params: Record<string, unknown>): string {
  const { signal: _s, idempotencyKey: _k, principal: _p, events, ...rest } = params;
  const summary: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (Array.isArray(v)) summary[k] = { count: v.length, first: v.slice(0, 20) };
    else summary[k] = v;
  }
  if (Array.isArray(events)) summary.events = { count: events.length, first: events.slice(0, 20).map((e) => (e as { eventId?: unknown })?.eventId) };
  const text = canonicalJson(summary);
  return text.length > 4000 ? JSON.stringify({ truncated: text.slice(0, 4000) }) : text;
}

export const LIVE_CHANNEL = 'threatdeck_live';

/**
 * Runs `apply` in one transaction on the primary. With an idempotency key the
 * key is claimed first (a concurrent twin waits on it): a stored outcome for
 * the same request is replayed, another request under it is `conflict`.
 */
export async function write<T>(db: Database, method: string, params: WriteParams, apply: (ctx: WriteContext) => Promise<T>, options: { idempotent?: boolean } = {}): Promise<T> {
  // A deadlock or serialization failure rolled the whole transaction back: running it again is safe.
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeOnce(db, method, params, apply, options);
    } catch (e) {
      const code = (e as { cause?: { code?: unknown } }).cause?.code;
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw e;
    }
  }
}

async function writeOnce<T>(db: Database, method: string, params: WriteParams, apply: (ctx: WriteContext) => Promise<T>, options: { idempotent?: boolean }): Promise<T> {
  throwIfAborted(params.signal);
  const key = options.idempotent === false ? undefined : checkIdempotencyKey(params.idempotencyKey);
  await Promise.resolve();
  throwIfAborted(params.signal);
  const principal = principalOf(params);
  const { signal: _signal, idempotencyKey: _key, ...body } = params as WriteParams & Record<string, unknown>;
  // Only a keyed write needs it; an ingest batch without a key would spend ~25 ms of CPU per 1000 events on it.
  const fingerprint = key === undefined ? '' : canonicalJson(body);
  let client: PoolClient;
  try {
    client = await db.pool.connect();
  } catch (e) {
    throw toDatabaseError(e);
  }
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    if (db.writeStatementTimeoutMs !== undefined) await client.query("SELECT set_config('statement_timeout', $1, true)", [String(db.writeStatementTimeoutMs)]);
    const now = db.now();
    let revision: number | null = null;
    const notes: string[] = [];
    const ctx: WriteContext = {
      client,
      now,
      revision: async () => (revision ??= Number((await client.query<{ v: string }>("SELECT nextval('td_revision') AS v")).rows[0]!.v)),
      notify: (payload) => notes.push(payload),
      who: params.principal?.id ?? db.currentUserId ?? SYSTEM_PRINCIPAL_ID,
    };
    let result: T;
    let replayed = false;
    if (key !== undefined) {
      await client.query('DELETE FROM td_idempotency_keys WHERE method = $1 AND key = $2 AND expires_at <= $3', [method, key, now]);
      const claimed = await client.query('INSERT INTO td_idempotency_keys (method, key, fingerprint, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1', [method, key, fingerprint, now + IDEMPOTENCY_KEY_TTL_MS]);
      if (claimed.rowCount === 0) {
        const { rows } = await client.query<{ fingerprint: string; outcome: { v: T } | null }>('SELECT fingerprint, outcome FROM td_idempotency_keys WHERE method = $1 AND key = $2', [method, key]);
        const hit = rows[0];
        if (hit && hit.fingerprint !== fingerprint) throw new AdapterError('conflict', `The idempotency key was already used for a different ${method} request.`, { path: 'idempotencyKey' });
        if (!hit || hit.outcome === null) throw new AdapterError('conflict', 'The idempotency key is in use by a request still running.', { path: 'idempotencyKey' });
        result = hit.outcome.v;
        replayed = true;
      } else {
        result = await apply(ctx);
        await client.query('UPDATE td_idempotency_keys SET outcome = $3 WHERE method = $1 AND key = $2', [method, key, JSON.stringify({ v: result ?? null })]);
      }
    } else {
      result = await apply(ctx);
    }
    const summary = JSON.parse(auditSummary(params as unknown as Record<string, unknown>)) as Record<string, unknown>;
    if (replayed) summary.replayed = true;
    await client.query('INSERT INTO td_audit (at, principal_id, principal_role, operation, idempotency_key, summary) VALUES ($1, $2, $3, $4, $5, $6)', [now, principal.id.slice(0, 256), principal.role, method, key ?? null, JSON.stringify(summary)]);
    // One statement for all of them (a round trip each was most of a small write's wait); sent in queue order.
    if (notes.length) await client.query('SELECT pg_notify($1, n) FROM unnest($2::text[]) WITH ORDINALITY AS u(n, i) ORDER BY i', [LIVE_CHANNEL, notes]);
    await db.beforeCommit?.(client, method);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    if (!broken) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
    }
    throw toDatabaseError(e);
  } finally {
    client.off('error', onError);
    client.release(broken ? true : undefined);
  }
}
