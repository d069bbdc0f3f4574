/**
 * The embedded default adapter: an in-memory store over a seeded demo dataset
 * that implements every capability of the contract for real (filters, facets,
 * counts, cursor paging, triage with idempotency keys and as-of bounds, atomic
 * Ignore, suppression rules that drop live traffic, rule previews, IP/CIDR
 * blocks, capped work items, export, simulated live traffic), with optional
 * latency and scripted failures for stories and fault tests.
 *
 * Every write runs synchronously after its latency, so validation, the change
 * and the idempotency record happen with no other call in between: a write is
 * applied whole or not at all.
 */
import type {
  ActivityPage,
  AdapterCapabilities,
  LiveEvent,
  SubscribeParams,
  ThreatDeckAdapter,
} from '../../core/adapter';
import { IDEMPOTENCY_KEY_TTL_MS, RULE_PREVIEW_WINDOW_MS } from '../../core/adapter';
import { capabilitiesExcept } from '../../core/capabilities';
import { generateDemoDataset, type DemoDataset } from '../../core/dataset/generateDemoDataset';
import { createSeededRandom, hashSeed } from '../../core/dataset/seededRandom';
import { AdapterError, abortError, throwIfAborted, type AdapterErrorCode } from '../../core/errors';
import { analyzeBlockTarget, isDangerousBlockWarning } from '../../core/ipBlockTarget';
import {
  ACTIVITY_STATUSES,
  ATTEMPT_OUTCOMES,
  MAX_EMBEDDED_WORK_ITEMS,
  type Activity,
  type ActivityStatus,
  type IpBlock,
  type SuppressionRule,
  type WorkItemLink,
} from '../../core/model';
import { normalizeQuery, type ActivityQuery } from '../../core/query';
import { binAttempts } from '../../core/timeline';
import { ActivityIndex, compareKeys } from './activityIndex';
import { AttemptSeriesStore } from './attemptSeriesStore';
import { copyActivity } from './copyActivity';
import { BlockStore, blockStateOf, inRange, parseAddressRange, preferBlock, type Address, type AddressRange } from './blockStore';
import { decodeCursor, encodeCursor } from './cursorCodec';
import { DEMO_WORK_ITEM_TARGETS, validateWorkItemValues } from './demoWorkItemTargets';
import { createFaultInjector, type FaultPlan } from './faultInjector';
import { checkIdempotencyKey, createIdempotencyStore } from './idempotencyStore';
import { createIngest } from './ingest';
import { pageActivities } from './pageActivities';
import { randomId } from './randomId';
import { RowsBySuppressionKey } from './rowsBySuppressionKey';
import { copyRule, suppressionKeyOf, SuppressionRuleStore, validateRuleInput } from './suppressionRuleStore';

export type MemoryAdapterMethod = Exclude<keyof ThreatDeckAdapter, 'capabilities'>;

export interface MemoryLiveOptions {
  /** Milliseconds between simulated traffic ticks while someone is subscribed. Default 4000. */
  intervalMs?: number;
  /** Events per tick. Default 1. */
  eventsPerTick?: number;
  /** Share of events that are brand-new actors/endpoints (the rest repeat known ones). Default 0.3. */
  newActivityRate?: number;
}

export interface MemoryAdapterOptions {
  /** A ready dataset (the adapter takes ownership of its activities); otherwise one is generated. */
  dataset?: DemoDataset;
  seed?: number;
  /** Activities to generate when no dataset is given. Default 10 000. */
  activities?: number;
  /** See `GenerateDemoDatasetOptions.hugeActivityAttempts`. */
  hugeActivityAttempts?: number;
  /** Artificial latency per call: fixed, or uniformly in [min, max]. Read on every call, so it may be changed later. */
  latencyMs?: number | [min: number, max: number];
  /** Probability (0..1) that any call fails with a `server` error (before anything changes). */
  failureRate?: number;
  /**
   * A definitive failure: these methods reject with the given code after their
   * latency and before anything changes (nothing is applied, no idempotency key
   * is stored, so a retry runs for real). A code fails every call;
   * `{ code, times }` fails only the first `times` calls of that method (calls
   * cancelled during their latency do not count), so a retry can succeed.
   *
   *   failOn: { ignore: 'server', listBlocks: { code: 'network', times: 1 } }
   */
  failOn?: FaultPlan<MemoryAdapterMethod>;
  /**
   * A lost response: these methods run and commit (a write is applied and its
   * idempotency key stored), then reject with the given code, as a client sees
   * a server that committed but whose answer never arrived (use `network` or
   * `timeout`, which `isWriteOutcomeUnknown` reports as unknown). A retry with
   * the same idempotency key replays the stored outcome; a retry without one
   * applies again. Same forms as `failOn`; every call that gets as far as the
   * commit counts towards `times` (a replay too: its answer is lost as well).
   * Invalid requests still fail with their own error and commit nothing.
   * Has no effect on `subscribe` and `exportActivities`.
   *
   *   failAfterCommitOn: { createWorkItem: { code: 'network', times: 1 } }
   */
  failAfterCommitOn?: FaultPlan<MemoryAdapterMethod>;
  /** The clock (epoch ms). Default `Date.now`. Idempotency keys and rule/block expiry follow it. */
  now?: () => number;
  /** Simulated live traffic for `subscribe`; `false` disables the timer (simulateLiveEvents still works). */
  live?: MemoryLiveOptions | false;
}

export interface SimulateLiveOptions {
  /** Repeat this activity's actor + endpoint + policy (as a returning attacker would). */
  about?: string;
}

export interface MemoryAdapter extends Required<ThreatDeckAdapter> {
  readonly dataset: DemoDataset;
  /** Deterministically generates `count` live events now, delivers them to subscribers and returns them. */
  simulateLiveEvents(count?: number, options?: SimulateLiveOptions): LiveEvent[];
}

const MAX_PAGE = 1000;

/** The longest timed block (10 years of 365 days), so `expiresAt` stays a safe integer; longer is `null` (permanent). */
export const MAX_BLOCK_DURATION_MS = 10 * 365 * 86_400_000;

const err = (code: AdapterErrorCode, message: string, path?: string) => new AdapterError(code, message, path ? { path } : {});
/** An id as far as a message repeats it: at most 64 characters, so a huge id from a path is not echoed whole. */
const clipId = (id: string) => (id.length > 64 ? `${id.slice(0, 64)}…` : id);
const notFound = (what: string, id: string) => err('not_found', `No ${what} with id "${clipId(id)}".`);

export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const clock = options.now ?? Date.now;
  const dataset =
    options.dataset ??
    generateDemoDataset({
      seed: options.seed ?? 1,
      activities: options.activities ?? 10_000,
      now: clock(),
      ...(options.hugeActivityAttempts !== undefined ? { hugeActivityAttempts: options.hugeActivityAttempts } : {}),
    });
  const index = new ActivityIndex(dataset.activities);
  const faults = createSeededRandom(hashSeed(dataset.seed, 'faults'));
  const liveRandom = createSeededRandom(hashSeed(dataset.seed, 'live'));
  const live = options.live === false ? null : { intervalMs: 4000, eventsPerTick: 1, newActivityRate: 0.3, ...options.live };
  const failBefore = createFaultInjector(options.failOn, 'failure');
  const failAfterCommit = createFaultInjector(options.failAfterCommitOn, 'lost response');
  const idempotency = createIdempotencyStore({ now: clock, ttlMs: IDEMPOTENCY_KEY_TTL_MS });

  /** actor + endpoint + policy → row indices, for suppression and live repeats (built on first use). */
  const byKey = new RowsBySuppressionKey(index.rows);
  const addKey = (i: number) => byKey.add(i);

  /**
   * Bumped on every change; `listActivities` reports it as `asOf`, and each
   * row remembers the revision at which it entered its status (the index).
   */
  let revision = 0;
  const rules = new SuppressionRuleStore();
  const blocks = new BlockStore();
  const parsedIps = new Map<string, Address | null>();
  const parseIp = (ip: string) => {
    let p = parsedIps.get(ip);
    if (p === undefined) {
      const r = parseAddressRange(ip);
      p = r ? r[0] : null;
      parsedIps.set(ip, p);
    }
    return p;
  };
  const attempts = new AttemptSeriesStore(dataset);
  const seriesOf = (activity: Activity) => attempts.seriesOf(activity);
  const workItemCounters = new Map<string, number>();
  /** Every work item per activity id; the activity embeds only the newest MAX_EMBEDDED_WORK_ITEMS. */
  const workItemLog = new Map<string, WorkItemLink[]>();
  const subscribers = new Set<{ query: ActivityQuery; onEvent: SubscribeParams['onEvent']; onError?: SubscribeParams['onError'] }>();
  let timer: ReturnType<typeof setInterval> | null = null;
  // Rules and blocks get unguessable ids (a counter would let anyone enumerate them).
  const nextId = randomId;

  // ---------------------------------------------------------------- plumbing

  async function enter(method: MemoryAdapterMethod, signal: AbortSignal | undefined): Promise<void> {
    throwIfAborted(signal);
    const latency = options.latencyMs;
    const ms = Array.isArray(latency) ? latency[0] + faults.next() * (latency[1] - latency[0]) : latency ?? 0;
    if (ms > 0) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(t);
          reject(abortError(signal));
        };
        const t = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    } else {
      await Promise.resolve(); // even without latency, an abort right after the call wins
    }
    throwIfAborted(signal);
    failBefore(method);
    if (options.failureRate && faults.next() < options.failureRate) throw err('server', `Injected random failure in ${method}.`);
  }

  /** A read (or any call without a key): latency and faults, then `run`. */
  async function call<T>(method: MemoryAdapterMethod, signal: AbortSignal | undefined, run: () => T): Promise<T> {
    await enter(method, signal);
    const result = run();
    failAfterCommit(method);
    return result;
  }

  /** A write: `apply` runs at most once per idempotency key; validation inside it fails before any change. */
  async function write<T>(method: MemoryAdapterMethod, params: { signal?: AbortSignal; idempotencyKey?: string }, apply: () => T): Promise<T> {
    await enter(method, params.signal);
    const result = idempotency.run(method, params, apply);
    failAfterCommit(method);
    return result;
  }

  const rowOf = (id: unknown): number => {
    const i = typeof id === 'string' ? index.indexOf(id) : undefined;
    if (i === undefined) throw notFound('activity', String(id));
    return i;
  };

  /** Rows for a list of ids (all or nothing: one unknown id fails the call). */
  const rowsOfIds = (ids: unknown, path: string): number[] => {
    if (!Array.isArray(ids)) throw err('invalid_request', `${path} must be an array of activity ids.`, path);
    return ids.map(rowOf);
  };

  const checkFlag = (value: unknown, path: string): boolean => {
    if (value !== undefined && typeof value !== 'boolean') throw err('invalid_request', `${path} must be a boolean.`, path);
    return value === true;
  };

  /**
   * Moves rows to `status` at `rev`. Leaving `ignored` always clears
   * `suppressedBy`; `suppressedBy` is set when a rule did the ignoring.
   * Returns how many rows changed status.
   */
  function moveRows(rows: Iterable<number>, status: ActivityStatus, rev: number, suppressedBy?: string): number {
    let changed = 0;
    for (const r of rows) {
      if (index.setStatus(r, status, rev)) changed++;
      const a = index.rows[r]!;
      if (status !== 'ignored') delete a.suppressedBy;
      else if (suppressedBy !== undefined) a.suppressedBy = suppressedBy;
    }
    return changed;
  }

  /** Deletes a rule; activities it ignored stay ignored but no longer name it. */
  function deleteRule(ruleId: string): boolean {
    if (!rules.delete(ruleId)) return false;
    for (const a of index.rows) if (a.suppressedBy === ruleId) delete a.suppressedBy;
    return true;
  }

  const listPage = (query: ActivityQuery, cursor: string | undefined, pageSize: number, offset?: number): ActivityPage => ({
    ...pageActivities(index, query, cursor, pageSize, clock(), offset),
    asOf: String(revision),
  });

  /** Rows of the query (in its status). */
  function rowsOf(query: ActivityQuery): number[] {
    const q = index.compile(query, clock());
    const { match } = index.scan(q);
    const out: number[] = [];
    for (let i = 0; i < index.size; i++) if (match[i] && index.statusCode(i) === q.status) out.push(i);
    return out;
  }

  const checkStatus = (status: unknown): ActivityStatus => {
    if (!ACTIVITY_STATUSES.includes(status as ActivityStatus)) throw err('invalid_request', `Unknown status "${String(status)}".`, 'status');
    return status as ActivityStatus;
  };

  /** `asOf` as issued by listActivities: a revision no later than the current one. */
  const checkAsOf = (asOf: unknown): number => {
    if (asOf === undefined) return Infinity;
    const n = typeof asOf === 'string' && /^\d{1,15}$/.test(asOf) ? Number(asOf) : NaN;
    if (!(n <= revision)) throw err('invalid_request', 'asOf is not a bound this adapter issued.', 'asOf');
    return n;
  };

  /** Gives each covered row this block, unless it already shows one that lasts at least as long. */
  function applyBlock(block: IpBlock, range: AddressRange, rows: Iterable<number>, now: number): void {
    for (const i of rows) {
      const a = index.rows[i]!;
      if (inRange(parseIp(a.actor.ip), range) && preferBlock(a.blocked, block, now)) a.blocked = blockStateOf(block);
    }
  }
  const allRows = () => ({ [Symbol.iterator]: function* () { for (let i = 0; i < index.size; i++) yield i; } });

  // ------------------------------------------------------------------- live

  function deliver(event: LiveEvent, row?: number): void {
    const now = clock();
    for (const sub of subscribers) {
      if (row !== undefined && !index.matchesQuery(row, index.compile(sub.query, now))) continue;
      try {
        sub.onEvent(event);
      } catch (e) {
        sub.onError?.(e);
      }
    }
  }

  function simulateLiveEvents(count = 1, simulate: SimulateLiveOptions = {}): LiveEvent[] {
    const events: LiveEvent[] = [];
    const template = simulate.about !== undefined ? index.rows[rowOf(simulate.about)] : undefined;
    for (let n = 0; n < count; n++) {
      const now = clock();
      let like = template;
      if (!like && index.size > 0 && !liveRandom.chance(live?.newActivityRate ?? 0.3)) like = index.rows[liveRandom.int(index.size)]!;
      // A brand-new activity is only materialised if nothing suppresses or absorbs it.
      const fresh = like ? null : dataset.createActivity(liveRandom, now);
      const source = (like ?? fresh)!;
      const key = suppressionKeyOf(source.actor.ip, source.endpoint, source.policy.id);
      const rev = ++revision;
      const rule = rules.activeFor(key, now);
      if (rule) {
        rule.suppressedCount++;
        rule.lastHitAt = now;
        const event: LiveEvent = { type: 'suppressed', ruleId: rule.id, count: rule.suppressedCount };
        events.push(event);
        deliver(event);
        continue;
      }
      const open = (byKey.get(key) ?? []).filter((i) => index.rows[i]!.status !== 'ignored');
      const target = open[open.length - 1];
      if (target !== undefined) {
        const a = index.rows[target]!;
        const at = Math.max(now, a.lastSeen);
        attempts.append(a.id, at, liveRandom.chance(0.6) ? 'blocked' : 'allowed');
        a.attemptCount++;
        a.lastSeen = at;
        index.touch(target);
        const event: LiveEvent = { type: 'activity', activity: copyActivity(a, now), isNew: false };
        events.push(event);
        deliver(event, target);
        continue;
      }
      const created = fresh ?? dataset.createActivity(liveRandom, now, source);
      const row = index.add(created, rev);
      addKey(row);
      for (const { block, range } of blocks.active(now)) applyBlock(block, range, [row], now);
      const event: LiveEvent = { type: 'activity', activity: copyActivity(created, now), isNew: true };
      events.push(event);
      deliver(event, row);
    }
    return events;
  }

  const ingest = createIngest({
    index,
    rules,
    attempts,
    rowsOfKey: (key) => byKey.get(key) ?? [],
    addRow(activity, rev) {
      const row = index.add(activity, rev);
      addKey(row);
      const now = clock();
      for (const { block, range } of blocks.active(now)) applyBlock(block, range, [row], now);
      return row;
    },
    deliver,
    nextRevision: () => ++revision,
    now: clock,
  });

  // ---------------------------------------------------------------- adapter

  // The memory adapter implements every capability.
  const capabilities: AdapterCapabilities = capabilitiesExcept();

  const adapter: MemoryAdapter = {
    capabilities,
    dataset,
    simulateLiveEvents,

    listActivities: ({ query, cursor, offset, pageSize, signal }) =>
      call('listActivities', signal, () => {
        const size = Math.min(MAX_PAGE, Math.max(1, Math.floor(pageSize) || 1));
        return listPage(normalizeQuery(query), cursor, size, offset);
      }),

    getFacet: ({ query, field, search, limit, signal }) =>
      call('getFacet', signal, () => {
        const q = normalizeQuery(query);
        const all = index.facetCounts(field, index.compile(q, clock(), field));
        const needle = (search ?? '').trim().toLowerCase();
        const labels: Record<string, string> = { 'rule-based': 'Rule-Based', anomaly: 'Anomaly', yes: 'Yes', no: 'No' };
        const options = (needle ? all.filter((o) => (labels[o.value] ?? o.value).toLowerCase().includes(needle) || o.value.toLowerCase().includes(needle)) : all)
          .sort((a, b) => b.count - a.count || compareKeys(a.value, b.value))
          .map((o) => (labels[o.value] ? { ...o, label: labels[o.value]! } : o));
        const max = limit !== undefined && limit >= 0 ? Math.floor(limit) : options.length;
        return { field, options: options.slice(0, max), totalOptions: options.length };
      }),

    getActivity: ({ id, signal }) =>
      call('getActivity', signal, () => {
        const a = index.rows[rowOf(id)]!;
        return { ...copyActivity(a, clock()), ...dataset.describe(a) };
      }),

    listAttempts: ({ id, cursor, pageSize, signal }) =>
      call('listAttempts', signal, () => {
        const a = index.rows[rowOf(id)]!;
        const s = seriesOf(a);
        let start = s.total - 1;
        if (cursor !== undefined) {
          const c = decodeCursor(cursor) as { a?: unknown; n?: unknown } | null;
          if (!c || c.a !== a.id || typeof c.n !== 'number' || !Number.isInteger(c.n) || c.n < -1 || c.n >= s.total) {
            throw err('invalid_request', 'The cursor does not belong to this activity.', 'cursor');
          }
          start = c.n;
        }
        const size = Math.min(MAX_PAGE, Math.max(1, Math.floor(pageSize) || 1));
        const items = [];
        let j = start;
        for (; j >= 0 && items.length < size; j--) {
          const recorded = attempts.recorded(a, s, j);
          items.push(recorded ? structuredClone(recorded) : dataset.attempt(a, j, s.timestamps[j]!, ATTEMPT_OUTCOMES[s.outcomes[j]!] ?? 'blocked'));
        }
        return { items, total: s.total, nextCursor: j >= 0 ? encodeCursor({ a: a.id, n: j }) : null };
      }),

    getTimeline: ({ id, from, to, bucketMs, signal }) =>
      call('getTimeline', signal, () => {
        const a = index.rows[rowOf(id)]!;
        const s = seriesOf(a);
        try {
          return binAttempts(s, { from: from ?? a.firstSeen, to: to ?? a.lastSeen, bucketMs });
        } catch (e) {
          throw new AdapterError('invalid_request', (e as Error).message, { path: 'bucketMs', cause: e });
        }
      }),

    getRemediation: ({ id, signal }) => call('getRemediation', signal, () => dataset.remediation(index.rows[rowOf(id)]!)),

    setStatus: (params) =>
      write('setStatus', params, () => {
        const next = checkStatus(params.status);
        const rows = rowsOfIds(params.ids, 'ids');
        const lift = checkFlag(params.liftRules, 'liftRules');
        const rev = ++revision;
        if (!lift) return { affected: moveRows(rows, next, rev) };
        // Reactivate and lift: the rules that ignored these activities go in the same step.
        const named = new Set<string>();
        for (const r of rows) {
          const ruleId = index.rows[r]!.suppressedBy;
          if (ruleId !== undefined) named.add(ruleId);
        }
        const liftedRuleIds = [...named].filter(deleteRule);
        return { affected: moveRows(rows, next, rev), liftedRuleIds };
      }),

    setStatusByQuery: (params) => {
      const run = () => {
        const next = checkStatus(params.status);
        const bound = checkAsOf(params.asOf);
        const dryRun = checkFlag(params.dryRun, 'dryRun');
        if (params.excludeIds !== undefined && !Array.isArray(params.excludeIds)) throw err('invalid_request', 'excludeIds must be an array.', 'excludeIds');
        const exclude = new Set(params.excludeIds ?? []);
        // Only what the analyst could have seen: rows that were in the status at the bound.
        const rows = rowsOf(normalizeQuery(params.query)).filter((r) => !exclude.has(index.rows[r]!.id) && index.enteredAt(r) <= bound);
        if (dryRun) return { affected: rows.filter((r) => index.rows[r]!.status !== next).length };
        return { affected: moveRows(rows, next, ++revision) };
      };
      // A dry run changes nothing, so it is neither replayed nor recorded under the key.
      if (params.dryRun === true) {
        checkIdempotencyKey(params.idempotencyKey);
        return call('setStatusByQuery', params.signal, run);
      }
      return write('setStatusByQuery', params, run);
    },

    ignore: (params) =>
      write('ignore', params, () => {
        const now = clock();
        const input = validateRuleInput(params.rule, now);
        const key = suppressionKeyOf(input.actorIp, input.endpoint, input.policyId);
        const ids = params.activityIds ?? [];
        const rows = rowsOfIds(ids, 'activityIds');
        rows.forEach((r, i) => {
          const a = index.rows[r]!;
          // One rule suppresses one actor + endpoint + policy; anything else would be ignored without a rule that covers it.
          if (suppressionKeyOf(a.actor.ip, a.endpoint, a.policy.id) !== key) {
            throw err('invalid_request', `Activity "${a.id}" is not matched by the rule.`, `activityIds[${i}]`);
          }
        });
        // Everything is valid: create the rule and move the activities in one step.
        const matches = byKey.get(key) ?? [];
        const rule: SuppressionRule = {
          id: nextId('rule'),
          actorIp: input.actorIp,
          endpoint: { ...input.endpoint },
          policyId: input.policyId,
          ...(input.reason ? { reason: input.reason } : {}),
          createdAt: now,
          expiresAt: input.expiresAt,
          suppressedCount: 0,
          lastHitAt: null,
        };
        rules.add(rule, matches.length ? index.rows[matches[0]!]!.policy.name : '');
        const targets = new Set(rows);
        if (input.applyToExisting) for (const r of matches) targets.add(r);
        const affected = moveRows(targets, 'ignored', ++revision, rule.id);
        return { rule: copyRule(rule), affected };
      }),

    previewSuppressionRule: ({ rule, signal }) =>
      call('previewSuppressionRule', signal, () => {
        const now = clock();
        const input = validateRuleInput(rule, now);
        const rows = byKey.get(suppressionKeyOf(input.actorIp, input.endpoint, input.policyId)) ?? [];
        const from = now - RULE_PREVIEW_WINDOW_MS;
        let events = 0;
        for (const r of rows) {
          const { timestamps, total } = seriesOf(index.rows[r]!);
          for (let j = 0; j < total; j++) {
            const t = timestamps[j]!;
            if (t >= from && t <= now) events++;
          }
        }
        return { activities: rows.length, events, windowMs: RULE_PREVIEW_WINDOW_MS };
      }),

    listSuppressionRules: (params) => call('listSuppressionRules', params.signal, () => rules.list(params, clock())),

    deleteSuppressionRule: (params) =>
      write('deleteSuppressionRule', params, () => {
        if (typeof params.ruleId !== 'string' || !rules.get(params.ruleId)) throw notFound('suppression rule', String(params.ruleId));
        revision++;
        deleteRule(params.ruleId);
      }),

    block: (params) =>
      write('block', params, () => {
        const { target, durationMs, reason, activityId } = params;
        const analysis = analyzeBlockTarget(typeof target === 'string' ? target : '');
        const range = analysis.valid ? parseAddressRange(analysis.normalized) : null;
        if (!analysis.valid || !range) throw err('invalid_request', `"${String(target)}" is not an IPv4/IPv6 address or CIDR range.`, 'target');
        if (durationMs !== null && !(typeof durationMs === 'number' && durationMs > 0 && durationMs <= MAX_BLOCK_DURATION_MS)) {
          throw err('invalid_request', `durationMs must be null (permanent) or a positive number of at most ${MAX_BLOCK_DURATION_MS} (10 years).`, 'durationMs');
        }
        if (reason !== undefined && typeof reason !== 'string') throw err('invalid_request', 'reason must be a string.', 'reason');
        if (activityId !== undefined) rowOf(activityId);
        const acknowledged = checkFlag(params.acknowledgeRisk, 'acknowledgeRisk');
        if (analysis.dangerous && !acknowledged) {
          const why = analysis.warnings.filter(isDangerousBlockWarning).join(',');
          throw new AdapterError('invalid_request', `Blocking ${analysis.normalized} is dangerous (${why}); acknowledge the risk to block it.`, {
            path: 'acknowledgeRisk',
            detail: why,
          });
        }
        const now = clock();
        revision++;
        const block: IpBlock = {
          blockId: nextId('block'),
          target: analysis.normalized,
          ...(reason ? { reason } : {}),
          ...(activityId !== undefined ? { activityId } : {}),
          createdAt: now,
          expiresAt: durationMs === null ? null : now + durationMs,
        };
        blocks.add(block, range);
        applyBlock(block, range, allRows(), now);
        return { ...block };
      }),

    listBlocks: (params) => call('listBlocks', params.signal, () => blocks.list(params, clock())),

    unblock: (params) =>
      write('unblock', params, () => {
        const { blockId } = params;
        if (typeof blockId !== 'string' || !blocks.delete(blockId)) throw notFound('block', String(blockId));
        revision++;
        const freed: number[] = [];
        for (let i = 0; i < index.size; i++) {
          const a = index.rows[i]!;
          if (a.blocked?.blockId === blockId) {
            delete a.blocked;
            freed.push(i);
          }
        }
        // Another block may still cover these actors: they show the longest-lived of those.
        const now = clock();
        for (const { block, range } of blocks.active(now)) applyBlock(block, range, freed, now);
      }),

    listWorkItemTargets: ({ signal }) => call('listWorkItemTargets', signal, () => DEMO_WORK_ITEM_TARGETS.map((t) => structuredClone(t))),

    createWorkItem: (params) =>
      write('createWorkItem', params, () => {
        const { targetId, activityId, values } = params;
        const target = DEMO_WORK_ITEM_TARGETS.find((t) => t.id === targetId);
        if (!target) throw notFound('work-item target', String(targetId));
        const a = index.rows[rowOf(activityId)]!;
        if (!values || typeof values !== 'object') throw err('invalid_request', 'values are required.', 'values');
        validateWorkItemValues(target, values);
        const n = (workItemCounters.get(targetId) ?? 100) + 1;
        workItemCounters.set(targetId, n);
        const jira = target.system === 'jira';
        const key = jira ? `SEC-${n}` : `AB#${4100 + n}`;
        const url = jira ? `https://northwind.atlassian.example/browse/${key}` : `https://dev.azure.example/northwind/security/_workitems/edit/${4100 + n}`;
        const now = clock();
        const titleField = target.fields.find((f) => f.role === 'title');
        const title = titleField ? values[titleField.id] : undefined;
        revision++;
        const log = workItemLog.get(a.id) ?? [...a.workItems];
        log.push({ targetId, key, url, ...(typeof title === 'string' ? { title } : {}), createdAt: now });
        workItemLog.set(a.id, log);
        // The activity travels in every list page: it carries the newest links and the count, not all of them.
        a.workItems = log.slice(-MAX_EMBEDDED_WORK_ITEMS);
        a.workItemTotal = log.length;
        return { targetId, key, url, createdAt: now };
      }),

    exportActivities({ query, signal }) {
      const q = normalizeQuery(query);
      return {
        async *[Symbol.asyncIterator]() {
          await enter('exportActivities', signal);
          let cursor: string | undefined;
          do {
            throwIfAborted(signal);
            const page = listPage(q, cursor, 500);
            if (page.items.length) yield page.items;
            cursor = page.nextCursor ?? undefined;
            await Promise.resolve();
          } while (cursor !== undefined);
        },
      };
    },

    ingestEvents: (params) => write('ingestEvents', params, () => ingest(params.events)),

    async subscribe({ query, onEvent, onError, signal }) {
      await enter('subscribe', signal);
      const sub = { query: normalizeQuery(query), onEvent, ...(onError ? { onError } : {}) };
      subscribers.add(sub);
      if (live && !timer) {
        timer = setInterval(() => simulateLiveEvents(live.eventsPerTick), live.intervalMs);
        (timer as { unref?: () => void }).unref?.();
      }
      signal.addEventListener(
        'abort',
        () => {
          subscribers.delete(sub);
          if (subscribers.size === 0 && timer) {
            clearInterval(timer);
            timer = null;
          }
        },
        { once: true },
      );
    },
  };
  return adapter;
}
