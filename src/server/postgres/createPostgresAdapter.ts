/**
 * A ThreatDeckAdapter on PostgreSQL 15 (node-postgres), for servers. Reads go
 * to `readPool` when given (a replica), writes to the primary, each write in
 * one transaction with its idempotency record and audit row. Live events
 * travel by LISTEN/NOTIFY, so subscribers in every process see every write
 * and every ingested event. See src/server/README.md.
 */
import pg from 'pg';
import { resolveAssignee, SQL_SORT_FIELDS } from './queryToSql';
import { addNoteRow, addNotesRows, assignRows } from './caseWrites';
import { listHistory, listNotes, listUsers, replaceUsers } from './caseReads';
import { SYSTEM_PRINCIPAL_ID, type User } from '../../core/cases';
import type { AdapterCapabilities, AffectedResult, ThreatDeckAdapter } from '../../core/adapter';
import { checkIdempotencyKey } from '../../adapters/memory/idempotencyStore';
import { DEMO_WORK_ITEM_TARGETS } from '../../adapters/memory/demoWorkItemTargets';
import { throwIfAborted } from '../../core/errors';
import type { WorkItemTarget } from '../../core/model';
import { normalizeQuery, type ActivityQuery } from '../../core/query';
import { listActivityPage, SEARCH_WINDOW } from './activityReads';
import { DEFAULT_FACET_SAMPLING, facetOf, type FacetSampling } from './facetReads';
import { blockRow, createWorkItemRow, listBlocks, listRules, previewRule, unblockRow } from './collections';
import { read, readSessionPool, toDatabaseError, write, type Database } from './database';
import { activityDetail, attemptPage, remediationOf, timelineOf } from './detailReads';
import { ingestBatch, monthsOf } from './ingest';
import { mergeDeltas, type MergeResult } from './activityMerge';
import { createPartitionKeeper } from './partitions';
import { createLiveListener } from './liveListener';
import { runMigrations } from './migrations';
import { countBulk, deleteRuleRow, ignoreRows, setStatusByQueryRows, setStatusRows } from './statusWrites';

export interface PostgresAdapterOptions {
  /** The primary (writes; reads too unless `readPool`). Or give `connectionString`. */
  pool?: pg.Pool;
  connectionString?: string;
  /** Reads (lists, facets, detail, attempts, timelines) go here: e.g. a streaming replica. */
  readPool?: pg.Pool;
  /** The clock (epoch ms). Default `Date.now`. */
  now?: () => number;
  /** Above this many matching rows (by the planner's estimate), list counts off the counts cube are the planner's estimates (`totalIsEstimate`). Default 10 000. */
  exactCountLimit?: number;
  /**
   * A facet with more matching rows than `exactCountLimit` that the counts cube cannot answer is counted on
   * a fixed sample of about this many of the table's rows, scaled, and marked `countsAreEstimates`. Default 20 000.
   */
  facetSampleRows?: number;
  /** statement_timeout (ms) of reads, set once on each connection reads use (with jit and parallel workers off; database.ts#readSessionPool). A read cancelled by it rejects with `timeout`. Default 5000; 0 = none. */
  readStatementTimeoutMs?: number;
  /** statement_timeout (ms) inside each write transaction. Default 0 (none) — a bulk change may take long — set in the transaction, so it holds also when reads share the pool. */
  writeStatementTimeoutMs?: number;
  /** A search's bounds in a list (activityReads.ts#listRows): matches it sorts itself, rows of the order it searches. Default 2000. */
  searchWindowRows?: number;
  /**
   * Ingest's write shape (activityMerge.ts). 0 (the default): an ingest updates the activities it adds attempts to
   * in its own transaction, so a read right after it sees their new counts. Above 0: it queues those updates and
   * a merge folds them in at most this many ms later, one row version per activity per merge instead of one per
   * batch (a detector feeding busy activities ingests several times faster). Attempts, timelines and new
   * activities are visible at commit either way; existing activities' counts, last seen and live "updated" events
   * lag by up to the delay.
   */
  activityMergeDelayMs?: number;
  /** Run the migrations before the first call. Default true. */
  migrate?: boolean;
  workItemTargets?: readonly WorkItemTarget[];
  /** The team to assign from: replaces td_users when the adapter migrates (default: whatever the database holds, e.g. the demo loader's team). */
  users?: readonly User[];
  /** The signed-in user of a single-user deployment: `assignee: 'me'` in a query, and the author of writes without a principal. */
  currentUserId?: string;
  /** Test hook: runs inside every write transaction just before COMMIT. */
  beforeCommit?: Database['beforeCommit'];
}

export interface PostgresAdapter extends ThreatDeckAdapter {
  /** Ends the LISTEN connection, and the pools this adapter created itself. */
  close(): Promise<void>;
  /** Applies pending migrations (idempotent); returns the versions applied now. */
  runMigrations(): Promise<number[]>;
  /** Drops attempt partitions that ended more than `days` days ago; returns their names. */
  dropAttemptsOlderThan(days: number): Promise<string[]>;
  /** Folds queued ingest deltas into their activities now (what the timer of `activityMergeDelayMs` does). */
  mergeActivityDeltas(): Promise<MergeResult>;
}

const MAX_PAGE = 1000;
const pageSizeOf = (n: unknown) => Math.min(MAX_PAGE, Math.max(1, Math.floor(Number(n)) || 1));

export function createPostgresAdapter(options: PostgresAdapterOptions): PostgresAdapter {
  const ownPool = !options.pool;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 10 });
  // A pool emits 'error' for an idle client the server dropped: without a listener that would crash the process.
  if (ownPool) pool.on('error', () => {});
  const readPool = options.readPool ?? pool;
  const now = options.now ?? Date.now;
  const currentUserId = options.currentUserId;
  // When reads share the primary's pool its connections carry the read timeout: writes set their own in the transaction.
  const writeStatementTimeoutMs = options.writeStatementTimeoutMs ?? (readPool === pool ? 0 : undefined);
  const db: Database = {
    pool, readPool: readSessionPool(readPool, options.readStatementTimeoutMs ?? 5000), now,
    ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}),
    ...(currentUserId !== undefined ? { currentUserId } : {}),
    ...(writeStatementTimeoutMs !== undefined ? { writeStatementTimeoutMs } : {}),
  };
  const exactCountLimit = options.exactCountLimit ?? 10_000;
  const searchWindow = Math.max(1, Math.floor(options.searchWindowRows ?? SEARCH_WINDOW));
  const facetSampling: FacetSampling = { exactLimit: exactCountLimit, sampleRows: Math.max(1, Math.floor(options.facetSampleRows ?? DEFAULT_FACET_SAMPLING.sampleRows)) };
  const targets = options.workItemTargets ?? DEMO_WORK_ITEM_TARGETS;
  let migrated: Promise<unknown> | null = options.migrate === false ? Promise.resolve() : null;
  const users = options.users;
  const ready = () => (migrated ??= runMigrations(pool).then(() => users && replaceUsers(pool, users)).catch((e) => {
    migrated = null;
    throw toDatabaseError(e);
  }));
  const ensureMonths = createPartitionKeeper(pool);
  const mergeDelayMs = Math.max(0, Math.floor(options.activityMergeDelayMs ?? 0));
  // Audited as the ingest role's system work (the events' own batches are audited under their callers).
  const merge = () => w('mergeActivityDeltas', { principal: { id: SYSTEM_PRINCIPAL_ID, role: 'ingest' } }, (ctx) => mergeDeltas(ctx));
  const merger = createMergeTimer(merge, mergeDelayMs);
  // Deltas another process queued and never merged (it stopped) are folded in by this one.
  if (mergeDelayMs > 0) merger.schedule();
  const live = createLiveListener({ pool, now, connectionString: options.connectionString });

  const r = <T>(signal: AbortSignal | undefined, run: (p: pg.Pool) => Promise<T>) => ready().then(() => read(db, signal, run));
  const w = <T>(method: string, params: Parameters<typeof write>[2], apply: Parameters<typeof write<T>>[3]) => ready().then(() => write(db, method, params, apply));

  const capabilities: AdapterCapabilities = {
    sortableFields: SQL_SORT_FIELDS,
    live: true,
    block: true,
    unblock: true,
    workItems: true,
    bulkByQuery: true,
    export: true,
    suppressionRules: true,
    serverTimeline: true,
    idempotentWrites: true,
    rulePreview: true,
    blockList: true,
    ingest: true,
    cases: true,
  };
  const readQuery = (query: ActivityQuery) => resolveAssignee(normalizeQuery(query), currentUserId);

  const listPage = (query: ActivityQuery, cursor: string | undefined, size: number) => (p: pg.Pool) => listActivityPage(p, query, cursor, size, now(), exactCountLimit, searchWindow);

  return {
    capabilities,
    listActivities: ({ query, cursor, pageSize, signal }) => r(signal, (p) => listPage(readQuery(query), cursor, pageSizeOf(pageSize))(p)),
    getFacet: ({ query, field, search, limit, signal }) => r(signal, (p) => facetOf(p, readQuery(query), field, search, limit, now(), facetSampling)),
    getActivity: ({ id, signal }) => r(signal, (p) => activityDetail(p, id, now())),
    listAttempts: ({ id, cursor, pageSize, signal }) => r(signal, (p) => attemptPage(p, id, cursor, pageSizeOf(pageSize))),
    getTimeline: ({ id, from, to, bucketMs, signal }) => r(signal, (p) => timelineOf(p, id, from, to, bucketMs)),
    getRemediation: ({ id, signal }) => r(signal, (p) => remediationOf(p, id)),

    setStatus: (params) => w('setStatus', params, (ctx) => setStatusRows(ctx, params)),
    setStatusByQuery: (params) => {
      // A dry run changes nothing: neither replayed nor recorded under the key; counted on the primary.
      if (params.dryRun === true) {
        return ready().then(async (): Promise<AffectedResult> => {
          checkIdempotencyKey(params.idempotencyKey);
          const client = await pool.connect().catch((e) => Promise.reject(toDatabaseError(e)));
          try {
            return await countBulk(client, params, now());
          } catch (e) {
            throw toDatabaseError(e);
          } finally {
            client.release();
          }
        });
      }
      return w('setStatusByQuery', params, (ctx) => setStatusByQueryRows(ctx, params));
    },
    ignore: (params) => w('ignore', params, (ctx) => ignoreRows(ctx, params)),
    previewSuppressionRule: ({ rule, signal }) => r(signal, (p) => previewRule(p, rule, now())),
    listSuppressionRules: (params) => r(params.signal, (p) => listRules(p, params, now())),
    deleteSuppressionRule: (params) => w('deleteSuppressionRule', params, (ctx) => deleteRuleRow(ctx, params.ruleId)),
    block: (params) => w('block', params, (ctx) => blockRow(ctx, params)),
    listBlocks: (params) => r(params.signal, (p) => listBlocks(p, params, now())),
    unblock: (params) => w('unblock', params, (ctx) => unblockRow(ctx, params.blockId)),
    listWorkItemTargets: ({ signal }) => r(signal, async () => targets.map((t) => structuredClone(t))),
    createWorkItem: (params) => w('createWorkItem', params, (ctx) => createWorkItemRow(ctx, targets, params)),
    listUsers: (params) => r(params.signal, (p) => listUsers(p, params)),
    assignActivities: (params) => w('assignActivities', params, (ctx) => assignRows(ctx, params)),
    addNote: (params) => w('addNote', params, (ctx) => addNoteRow(ctx, params)),
    addNotes: (params) => w('addNotes', params, (ctx) => addNotesRows(ctx, params)),
    listNotes: (params) => r(params.signal, (p) => listNotes(p, params.activityId, params.cursor, params.limit)),
    listHistory: (params) => r(params.signal, (p) => listHistory(p, params.activityId, params.cursor, params.limit)),
    ingestEvents: (params) =>
      ready()
        .then(() => ensureMonths(monthsOf(params.events)))
        .catch((e) => Promise.reject(toDatabaseError(e)))
        .then(() => w('ingestEvents', params, (ctx) => ingestBatch(ctx, params.events, { deferUpdates: mergeDelayMs > 0 })))
        .then((result) => {
          if (mergeDelayMs > 0 && result.accepted > 0) merger.schedule();
          return result;
        }),

    exportActivities({ query, signal }) {
      const q = readQuery(query);
      return {
        async *[Symbol.asyncIterator]() {
          let cursor: string | undefined;
          do {
            throwIfAborted(signal);
            const page = await r(signal, listPage(q, cursor, 500));
            if (page.items.length) yield page.items;
            cursor = page.nextCursor ?? undefined;
          } while (cursor !== undefined);
        },
      };
    },

    async subscribe({ query, onEvent, onError, signal }) {
      throwIfAborted(signal);
      await ready();
      await live.add({ query: readQuery(query), onEvent, ...(onError ? { onError } : {}) }, signal);
    },

    async close() {
      // What this process queued is folded in before its pool goes (another process's merge would, later).
      if (mergeDelayMs > 0) await merger.stop();
      await live.close();
      if (ownPool) await pool.end();
    },
    runMigrations: () => runMigrations(pool),
    mergeActivityDeltas: () => ready().then(merge),
    async dropAttemptsOlderThan(days) {
      const { rows } = await pool.query<{ name: string }>('SELECT td_drop_attempt_partitions_older_than($1::integer, $2::bigint) AS name', [Math.max(0, Math.floor(days)), now()]);
      return rows.map((x) => x.name);
    },
  };
}

/**
 * Runs `merge` at most `delayMs` after the first ingest that queued deltas
 * (one merge for every batch in between). A failed merge leaves its deltas
 * queued and is retried after the same delay; a backlog over one merge's
 * limit goes on at once; `stop` runs a last one.
 */
function createMergeTimer(merge: () => Promise<MergeResult>, delayMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    timer = null;
    running = running.then(merge).then(
      (r) => {
        // Another process held the lock (its merge may have started before these deltas committed), or a
        // backlog is left: the latter goes on at once.
        if (!r.ran) schedule();
        else if (r.more) schedule(0);
      },
      () => schedule(),
    );
  };
  const schedule = (ms = delayMs) => {
    if (stopped || timer) return;
    timer = setTimeout(run, ms);
    timer.unref?.();
  };
  return {
    schedule: () => schedule(),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      // What is queued now is folded in (a backlog in several bounded merges); a failure leaves it to another process.
      for (let i = 0; i < 1000; i++) {
        const r = await merge().catch(() => null);
        if (!r?.more) break;
      }
    },
  };
}
