/**
 * The memory adapter's state and the steps its operations share: the rows
 * (index), the revision every change bumps, rules, blocks, attempt series and
 * work-item logs, and the checks every operation applies to what a caller
 * sends (ids, flags, statuses, `asOf`). Everything here is synchronous: an
 * operation validates and changes the store in one step.
 */
import { IDEMPOTENCY_KEY_TTL_MS, type ActivityPage, type LiveEvent } from '../../core/adapter';
import type { DemoDataset } from '../../core/dataset/generateDemoDataset';
import { AdapterError, type AdapterErrorCode } from '../../core/errors';
import { parseIpAddress, rangeContains, type Address, type IpRange } from '../../core/ipRange';
import { ACTIVITY_STATUSES, type Activity, type ActivityStatus, type IpBlock, type WorkItemLink } from '../../core/model';
import { normalizeQuery, type ActivityQuery } from '../../core/query';
import type { StatusReason, User } from '../../core/cases';
import { ActivityIndex } from './activityIndex';
import { CaseStore } from './caseStore';
import { DEMO_CURRENT_USER_ID, DEMO_USERS, seededAssignee } from './demoTeam';
import { AttemptSeriesStore } from './attemptSeriesStore';
import { BlockStore, blockStateOf, preferBlock } from './blockStore';
import { createIdempotencyStore } from './idempotencyStore';
import { DatasetFill } from './datasetFill';
import { pageWhileFilling } from './pageWhileFilling';
import { RowsBySuppressionKey } from './rowsBySuppressionKey';
import { SuppressionRuleStore } from './suppressionRuleStore';

/** Largest page any list returns. */
export const MAX_PAGE = 1000;

export const err = (code: AdapterErrorCode, message: string, path?: string) => new AdapterError(code, message, path ? { path } : {});
/** An id as far as a message repeats it: at most 64 characters, so a huge id from a path is not echoed whole. */
const clipId = (id: string) => (id.length > 64 ? `${id.slice(0, 64)}…` : id);
export const notFound = (what: string, id: string) => err('not_found', `No ${what} with id "${clipId(id)}".`);

export const checkFlag = (value: unknown, path: string): boolean => {
  if (value !== undefined && typeof value !== 'boolean') throw err('invalid_request', `${path} must be a boolean.`, path);
  return value === true;
};

export const checkStatus = (status: unknown): ActivityStatus => {
  if (!ACTIVITY_STATUSES.includes(status as ActivityStatus)) throw err('invalid_request', `Unknown status "${String(status)}".`, 'status');
  return status as ActivityStatus;
};

/** Runs a synchronous step as a call's answer: a throw becomes the rejection. */
export const settle = <T>(run: () => T): Promise<T> => new Promise<T>((resolve) => resolve(run()));

export const pageSizeOf = (pageSize: number) => Math.min(MAX_PAGE, Math.max(1, Math.floor(pageSize) || 1));

export type MemoryStore = ReturnType<typeof createMemoryStore>;

export interface CaseOptions {
  /** Users who can be assigned; default the demo team (whose assignments are then seeded). */
  users?: readonly User[];
  /** The signed-in user (`me`, and the author of writes made without a principal); default the demo's first analyst. */
  currentUserId?: string;
}

export function createMemoryStore(dataset: DemoDataset, clock: () => number, caseOptions: CaseOptions = {}) {
  const demoTeam = caseOptions.users === undefined;
  const index = new ActivityIndex(
    dataset.activities,
    demoTeam
      ? (a) => {
          const assignee = seededAssignee(dataset.seed, a);
          if (assignee !== undefined) a.assigneeId = assignee;
        }
      : undefined,
  );
  const currentUserId = caseOptions.currentUserId ?? (demoTeam ? DEMO_CURRENT_USER_ID : undefined);
  index.currentUserId = currentUserId;
  // Rows below the dataset's length are generated ones (live and ingested rows come after the fill completes).
  const datasetActivity = (id: string) => {
    const i = index.indexOf(id);
    return demoTeam && i !== undefined && i < dataset.activities.length ? index.rows[i] : undefined;
  };
  const cases = new CaseStore(caseOptions.users ?? DEMO_USERS, currentUserId, dataset.seed, datasetActivity);
  // A progressive dataset fills in off the critical path; only an exact newest-first page runs before it is complete.
  const fill = new DatasetFill(index, dataset);
  /** actor + endpoint + policy → row indices, for suppression and live repeats (built on first use). */
  const byKey = new RowsBySuppressionKey(index.rows);
  const rules = new SuppressionRuleStore();
  const blocks = new BlockStore();
  const attempts = new AttemptSeriesStore(dataset);
  const parsedIps = new Map<string, Address | null>();
  /** Live events go to the subscribers (set by the live simulation). */
  let deliver: (event: LiveEvent, row?: number) => void = () => {};

  const store = {
    dataset,
    clock,
    fill,
    index,
    byKey,
    rules,
    blocks,
    attempts,
    cases,
    idempotency: createIdempotencyStore({ now: clock, ttlMs: IDEMPOTENCY_KEY_TTL_MS }),
    /**
     * Bumped on every change; `listActivities` reports it as `asOf`, and each
     * row remembers the revision at which it entered its status (the index).
     */
    revision: 0,
    workItemCounters: new Map<string, number>(),
    /** Every work item per activity id; the activity embeds only the newest MAX_EMBEDDED_WORK_ITEMS. */
    workItemLog: new Map<string, WorkItemLink[]>(),

    nextRevision: () => ++store.revision,
    /** A write: `apply` runs at most once per idempotency key; validation inside it fails before any change. */
    write: <T>(method: string, params: { signal?: AbortSignal; idempotencyKey?: string; principal?: { id: string } }, apply: () => T): Promise<T> =>
      settle(() =>
        store.idempotency.run(method, params, () => {
          // The history names who wrote: the server's principal, else the signed-in user. Writes run synchronously, so this cannot leak into another.
          cases.who = typeof params.principal?.id === 'string' ? params.principal.id : (currentUserId ?? 'system');
          return apply();
        }),
      ),
    deliver: (event: LiveEvent, row?: number) => deliver(event, row),
    setDeliver(next: (event: LiveEvent, row?: number) => void) {
      deliver = next;
    },
    seriesOf: (activity: Activity) => attempts.seriesOf(activity),

    rowOf(id: unknown): number {
      const i = typeof id === 'string' ? index.indexOf(id) : undefined;
      if (i === undefined) throw notFound('activity', String(id));
      return i;
    },

    /** Rows for a list of ids (all or nothing: one unknown id fails the call). */
    rowsOfIds(ids: unknown, path: string): number[] {
      if (!Array.isArray(ids)) throw err('invalid_request', `${path} must be an array of activity ids.`, path);
      return ids.map(store.rowOf);
    },

    /** Rows of the query (in its status). */
    rowsOf(query: ActivityQuery): number[] {
      const q = index.compile(query, clock());
      const { match } = index.scan(q);
      const out: number[] = [];
      for (let i = 0; i < index.size; i++) if (match[i] && index.statusCode(i) === q.status) out.push(i);
      return out;
    },

    /** `asOf` as issued by listActivities: a revision no later than the current one (`path` names it in errors). */
    checkAsOf(asOf: unknown, path = 'asOf'): number {
      if (asOf === undefined) return Infinity;
      const n = typeof asOf === 'string' && /^\d{1,15}$/.test(asOf) ? Number(asOf) : NaN;
      if (!(n <= store.revision)) throw err('invalid_request', 'asOf is not a bound this adapter issued.', path);
      return n;
    },

    /**
     * Rows of a bulk target by query: matching now, minus `excludeIds`, and only
     * what the analyst could have seen — rows that were in the status at `asOf`.
     * `prefix` is the target's path in errors (`''` or `target.`).
     */
    rowsOfQueryTarget(target: { query: unknown; asOf?: unknown; excludeIds?: unknown }, prefix: string): number[] {
      const bound = store.checkAsOf(target.asOf, `${prefix}asOf`);
      if (target.excludeIds !== undefined && !Array.isArray(target.excludeIds)) throw err('invalid_request', 'excludeIds must be an array.', `${prefix}excludeIds`);
      const exclude = new Set<unknown>(target.excludeIds ?? []);
      return store.rowsOf(normalizeQuery(target.query)).filter((r) => !exclude.has(index.rows[r]!.id) && index.enteredAt(r) <= bound);
    },

    /** Rows of a bulk target (`{ ids }` or `{ query, asOf, excludeIds }`) at path `target`. */
    rowsOfTarget(target: unknown): number[] {
      if (!target || typeof target !== 'object') throw err('invalid_request', 'target must be { ids } or { query }.', 'target');
      const t = target as Record<string, unknown>;
      if ('ids' in t) return store.rowsOfIds(t.ids, 'target.ids');
      if ('query' in t && t.query && typeof t.query === 'object') return store.rowsOfQueryTarget(t as { query: unknown }, 'target.');
      throw err('invalid_request', 'target must be { ids } or { query }.', 'target');
    },

    listPage: (query: ActivityQuery, cursor: string | undefined, pageSize: number, offset?: number): ActivityPage => ({
      ...pageWhileFilling(fill, index, query, cursor, pageSize, clock(), offset),
      asOf: String(store.revision),
    }),

    /**
     * Moves rows to `status` at `rev`. Leaving `ignored` always clears
     * `suppressedBy`; `suppressedBy` is set when a rule did the ignoring.
     * Returns how many rows changed status.
     */
    moveRows(rows: Iterable<number>, status: ActivityStatus, rev: number, suppressedBy?: string, reason?: StatusReason): number {
      let changed = 0;
      const now = clock();
      for (const r of rows) {
        const a = index.rows[r]!;
        const from = a.status;
        cases.settlePast(a.id);
        if (index.setStatus(r, status, rev, now)) {
          changed++;
          cases.record({ kind: 'status', activityId: a.id, who: cases.who, when: now, from, to: status, ...(reason ? { reason } : {}) });
        }
        if (status !== 'ignored') delete a.suppressedBy;
        else if (suppressedBy !== undefined) a.suppressedBy = suppressedBy;
      }
      return changed;
    },

    /** Deletes a rule; activities it ignored stay ignored but no longer name it. */
    deleteRule(ruleId: string): boolean {
      if (!rules.delete(ruleId)) return false;
      for (const a of index.rows) {
        if (a.suppressedBy !== ruleId) continue;
        delete a.suppressedBy;
        cases.record({ kind: 'rule', activityId: a.id, who: cases.who, when: clock(), action: 'deleted', ruleId });
      }
      return true;
    },

    /** Gives each covered row this block, unless it already shows one that lasts at least as long. */
    applyBlock(block: IpBlock, range: IpRange, rows: Iterable<number>, now: number): void {
      for (const i of rows) {
        const a = index.rows[i]!;
        if (rangeContains(range, parseIp(a.actor.ip)) && preferBlock(a.blocked, block, now)) a.blocked = blockStateOf(block);
      }
    },

    allRows: () => ({ [Symbol.iterator]: function* () { for (let i = 0; i < index.size; i++) yield i; } }),

    /** Adds a new activity at `rev`: indexed, keyed, and shown blocked by any block in force on its actor. */
    addRow(activity: Activity, rev: number): number {
      const row = index.add(activity, rev);
      byKey.add(row);
      const now = clock();
      for (const { block, range } of blocks.active(now)) store.applyBlock(block, range, [row], now);
      return row;
    },
  };

  /** An actor's address as the core reads it (cached: the same few IPs recur on many rows). */
  function parseIp(ip: string): Address | null {
    let p = parsedIps.get(ip);
    if (p === undefined) {
      p = parseIpAddress(ip);
      parsedIps.set(ip, p);
    }
    return p;
  }

  return store;
}
