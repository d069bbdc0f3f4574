/**
 * The embedded default adapter: an in-memory store over a seeded demo dataset
 * that implements every capability of the contract for real (filters, facets,
 * counts, cursor paging, triage, suppression rules that drop live traffic,
 * IP/CIDR blocks, work items, export, simulated live traffic), with optional
 * latency and failure injection for stories and error-state tests.
 */
import ipaddr from 'ipaddr.js';
import type {
  ActivityPage,
  AdapterCapabilities,
  LiveEvent,
  SubscribeParams,
  ThreatDeckAdapter,
} from '../../core/adapter';
import { generateDemoDataset, type DemoDataset } from '../../core/dataset/generateDemoDataset';
import { createSeededRandom, hashSeed } from '../../core/dataset/seededRandom';
import { AdapterError, abortError, throwIfAborted, type AdapterErrorCode } from '../../core/errors';
import {
  ACTIVITY_STATUSES,
  ATTEMPT_OUTCOMES,
  type Activity,
  type ActivityStatus,
  type Endpoint,
  type IpBlock,
  type SuppressionRule,
} from '../../core/model';
import { normalizeQuery, type ActivityQuery } from '../../core/query';
import { binAttempts } from '../../core/timeline';
import type { AttemptSeries } from '../../core/dataset/generateDemoDataset';
import { ActivityIndex, compareKeys } from './activityIndex';
import { DEMO_WORK_ITEM_TARGETS, validateWorkItemValues } from './demoWorkItemTargets';

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
  /** Artificial latency per call: fixed, or uniformly in [min, max]. */
  latencyMs?: number | [min: number, max: number];
  /** Probability (0..1) that any call fails with a `server` error. */
  failureRate?: number;
  /** Make these methods always fail with the given code. */
  failOn?: Partial<Record<MemoryAdapterMethod, AdapterErrorCode>>;
  /** The clock (epoch ms). Default `Date.now`. */
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
const SERIES_CACHE = 8;

const err = (code: AdapterErrorCode, message: string, path?: string) => new AdapterError(code, message, path ? { path } : {});
const notFound = (what: string, id: string) => err('not_found', `No ${what} with id "${id}".`);
const keyOf = (actorIp: string, e: Endpoint, policyId: string) => `${actorIp}\u0000${e.method}\u0000${e.host}\u0000${e.path}\u0000${policyId}`;
const encodeCursor = (value: unknown) => btoa(JSON.stringify(value));
function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(atob(cursor));
  } catch {
    throw err('invalid_request', 'Malformed cursor.', 'cursor');
  }
}

type ParsedRange = [ipaddr.IPv4 | ipaddr.IPv6, number];
function parseTarget(target: string): ParsedRange | null {
  const t = target.trim();
  try {
    if (t.includes('/')) return ipaddr.isValidCIDR(t) ? ipaddr.parseCIDR(t) : null;
    if (ipaddr.IPv4.isValidFourPartDecimal(t)) return [ipaddr.IPv4.parse(t), 32];
    if (ipaddr.IPv6.isValid(t)) return [ipaddr.IPv6.parse(t), 128];
  } catch {
    return null;
  }
  return null;
}
function inRange(ip: ipaddr.IPv4 | ipaddr.IPv6 | null, range: ParsedRange): boolean {
  if (!ip) return false;
  let addr = ip;
  if (addr.kind() === 'ipv6' && range[0].kind() === 'ipv4' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return addr.kind() === range[0].kind() && addr.match(range);
}

function copyActivity(a: Activity, now: number): Activity {
  const out: Activity = {
    ...a,
    actor: { ...a.actor },
    endpoint: { ...a.endpoint },
    policy: { ...a.policy },
    workItems: a.workItems.map((w) => ({ ...w })),
  };
  if (a.blocked && (a.blocked.expiresAt === null || a.blocked.expiresAt > now)) out.blocked = { ...a.blocked };
  else delete out.blocked;
  return out;
}

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

  /** actor + endpoint + policy → row indices, for suppression and live repeats. */
  const byKey = new Map<string, number[]>();
  const addKey = (i: number) => {
    const a = index.rows[i]!;
    const k = keyOf(a.actor.ip, a.endpoint, a.policy.id);
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  };
  for (let i = 0; i < index.size; i++) addKey(i);

  const rules = new Map<string, SuppressionRule>();
  const blocks = new Map<string, IpBlock>();
  const parsedIps = new Map<string, ipaddr.IPv4 | ipaddr.IPv6 | null>();
  const parseIp = (ip: string) => {
    let p = parsedIps.get(ip);
    if (p === undefined) {
      const r = parseTarget(ip);
      p = r ? r[0] : null;
      parsedIps.set(ip, p);
    }
    return p;
  };
  /** Live attempts appended after generation, per activity id. */
  const extras = new Map<string, { timestamps: number[]; outcomes: number[] }>();
  const seriesCache = new Map<string, AttemptSeries>();
  const workItemCounters = new Map<string, number>();
  const subscribers = new Set<{ query: ActivityQuery; onEvent: SubscribeParams['onEvent']; onError?: SubscribeParams['onError'] }>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let idCounter = 0;
  const nextId = (prefix: string) => `${prefix}-${(++idCounter).toString(36).padStart(4, '0')}`;

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
    const code = options.failOn?.[method];
    if (code) throw err(code, `Injected failure in ${method}.`);
    if (options.failureRate && faults.next() < options.failureRate) throw err('server', `Injected random failure in ${method}.`);
  }

  const rowOf = (id: unknown): number => {
    const i = typeof id === 'string' ? index.indexOf(id) : undefined;
    if (i === undefined) throw notFound('activity', String(id));
    return i;
  };

  function seriesOf(activity: Activity): { timestamps: ArrayLike<number>; outcomes: ArrayLike<number>; base: number; total: number } {
    let series = seriesCache.get(activity.id);
    if (!series) {
      series = dataset.attemptSeries(activity);
      if (seriesCache.size >= SERIES_CACHE) seriesCache.delete(seriesCache.keys().next().value!);
      seriesCache.set(activity.id, series);
    }
    const extra = extras.get(activity.id);
    const base = series.timestamps.length;
    if (!extra) return { ...series, base, total: base };
    const timestamps = new Float64Array(base + extra.timestamps.length);
    timestamps.set(series.timestamps);
    timestamps.set(extra.timestamps, base);
    const outcomes = new Uint8Array(timestamps.length);
    outcomes.set(series.outcomes);
    outcomes.set(extra.outcomes, base);
    return { timestamps, outcomes, base, total: timestamps.length };
  }

  function listPage(query: ActivityQuery, cursor: string | undefined, pageSize: number): ActivityPage {
    const now = clock();
    const q = index.compile(query, now);
    const { match, counts } = index.scan(q);
    const { field, direction } = query.sort;
    const order = index.order(field);
    const desc = direction === 'desc';
    let pos = desc ? order.length - 1 : 0;
    if (cursor !== undefined) {
      const c = decodeCursor(cursor) as { f?: unknown; d?: unknown; k?: unknown; i?: unknown } | null;
      if (!c || c.f !== field || c.d !== direction || (typeof c.k !== 'number' && typeof c.k !== 'string') || typeof c.i !== 'number') {
        throw err('invalid_request', 'The cursor does not belong to this query.', 'cursor');
      }
      const ck = c.k;
      const ci = c.i;
      // First position whose (key, row) is after the cursor row, in ascending order.
      const after = (p: number) => {
        const r = order[p]!;
        return compareKeys(index.keyOf(field, r), ck) || r - ci;
      };
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (after(mid) <= 0) lo = mid + 1;
        else hi = mid;
      }
      // lo = first position strictly after the cursor; for desc, continue below the cursor.
      pos = desc ? lo - 1 - (lo > 0 && after(lo - 1) === 0 ? 1 : 0) : lo;
    }
    const items: Activity[] = [];
    const step = desc ? -1 : 1;
    let last = -1;
    let more = false;
    for (; pos >= 0 && pos < order.length; pos += step) {
      const r = order[pos]!;
      if (!match[r] || index.statusCode(r) !== q.status) continue;
      if (items.length === pageSize) {
        more = true;
        break;
      }
      items.push(copyActivity(index.rows[r]!, now));
      last = r;
    }
    return {
      items,
      total: counts[query.status],
      totalIsEstimate: false,
      nextCursor: more && last >= 0 ? encodeCursor({ f: field, d: direction, k: index.keyOf(field, last), i: last }) : null,
      counts,
    };
  }

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

  const ruleActive = (rule: SuppressionRule, now: number) => rule.expiresAt === null || rule.expiresAt > now;

  function applyBlock(block: IpBlock, rows: Iterable<number>): void {
    const range = parseTarget(block.target);
    if (!range) return;
    for (const i of rows) {
      const a = index.rows[i]!;
      if (inRange(parseIp(a.actor.ip), range)) a.blocked = { blockId: block.blockId, target: block.target, expiresAt: block.expiresAt };
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
      const key = keyOf(source.actor.ip, source.endpoint, source.policy.id);
      const rule = [...rules.values()].find(
        (r) => ruleActive(r, now) && keyOf(r.actorIp, r.endpoint, r.policyId) === key,
      );
      if (rule) {
        rule.suppressedCount++;
        const event: LiveEvent = { type: 'suppressed', ruleId: rule.id, count: rule.suppressedCount };
        events.push(event);
        deliver(event);
        continue;
      }
      const open = (byKey.get(key) ?? []).filter((i) => index.rows[i]!.status !== 'ignored');
      const target = open[open.length - 1];
      if (target !== undefined) {
        const a = index.rows[target]!;
        const extra = extras.get(a.id) ?? { timestamps: [], outcomes: [] };
        extras.set(a.id, extra);
        const at = Math.max(now, a.lastSeen);
        extra.timestamps.push(at);
        extra.outcomes.push(ATTEMPT_OUTCOMES.indexOf(liveRandom.chance(0.6) ? 'blocked' : 'allowed'));
        a.attemptCount++;
        a.lastSeen = at;
        index.touch(target);
        const event: LiveEvent = { type: 'activity', activity: copyActivity(a, now), isNew: false };
        events.push(event);
        deliver(event, target);
        continue;
      }
      const created = fresh ?? dataset.createActivity(liveRandom, now, source);
      const row = index.add(created);
      addKey(row);
      for (const block of blocks.values()) if (block.expiresAt === null || block.expiresAt > now) applyBlock(block, [row]);
      const event: LiveEvent = { type: 'activity', activity: copyActivity(created, now), isNew: true };
      events.push(event);
      deliver(event, row);
    }
    return events;
  }

  // ---------------------------------------------------------------- adapter

  const capabilities: AdapterCapabilities = {
    live: true,
    block: true,
    unblock: true,
    workItems: true,
    bulkByQuery: true,
    export: true,
    suppressionRules: true,
    serverTimeline: true,
  };

  const adapter: MemoryAdapter = {
    capabilities,
    dataset,
    simulateLiveEvents,

    async listActivities({ query, cursor, pageSize, signal }) {
      await enter('listActivities', signal);
      const size = Math.min(MAX_PAGE, Math.max(1, Math.floor(pageSize) || 1));
      return listPage(normalizeQuery(query), cursor, size);
    },

    async getFacet({ query, field, search, limit, signal }) {
      await enter('getFacet', signal);
      const q = normalizeQuery(query);
      const all = index.facetCounts(field, index.compile(q, clock(), field));
      const needle = (search ?? '').trim().toLowerCase();
      const labels: Record<string, string> = { 'rule-based': 'Rule-Based', anomaly: 'Anomaly', yes: 'Yes', no: 'No' };
      const options = (needle ? all.filter((o) => (labels[o.value] ?? o.value).toLowerCase().includes(needle) || o.value.toLowerCase().includes(needle)) : all)
        .sort((a, b) => b.count - a.count || compareKeys(a.value, b.value))
        .map((o) => (labels[o.value] ? { ...o, label: labels[o.value]! } : o));
      const max = limit !== undefined && limit >= 0 ? Math.floor(limit) : options.length;
      return { field, options: options.slice(0, max), totalOptions: options.length };
    },

    async getActivity({ id, signal }) {
      await enter('getActivity', signal);
      const a = index.rows[rowOf(id)]!;
      return { ...copyActivity(a, clock()), ...dataset.describe(a) };
    },

    async listAttempts({ id, cursor, pageSize, signal }) {
      await enter('listAttempts', signal);
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
        items.push(dataset.attempt(a, j, s.timestamps[j]!, ATTEMPT_OUTCOMES[s.outcomes[j]!] ?? 'blocked'));
      }
      return { items, total: s.total, nextCursor: j >= 0 ? encodeCursor({ a: a.id, n: j }) : null };
    },

    async getTimeline({ id, from, to, bucketMs, signal }) {
      await enter('getTimeline', signal);
      const a = index.rows[rowOf(id)]!;
      const s = seriesOf(a);
      try {
        return binAttempts(s, { from: from ?? a.firstSeen, to: to ?? a.lastSeen, bucketMs });
      } catch (e) {
        throw new AdapterError('invalid_request', (e as Error).message, { path: 'bucketMs', cause: e });
      }
    },

    async getRemediation({ id, signal }) {
      await enter('getRemediation', signal);
      return dataset.remediation(index.rows[rowOf(id)]!);
    },

    async setStatus({ ids, status, signal }) {
      await enter('setStatus', signal);
      const next = checkStatus(status);
      const rows = ids.map(rowOf); // all or nothing: unknown ids fail before any change
      let affected = 0;
      for (const r of rows) if (index.setStatus(r, next)) affected++;
      return { affected };
    },

    async setStatusByQuery({ query, status, excludeIds, signal }) {
      await enter('setStatusByQuery', signal);
      const next = checkStatus(status);
      const exclude = new Set(excludeIds ?? []);
      let affected = 0;
      for (const r of rowsOf(normalizeQuery(query))) if (!exclude.has(index.rows[r]!.id) && index.setStatus(r, next)) affected++;
      return { affected };
    },

    async ignore({ rule: input, signal }) {
      await enter('ignore', signal);
      const e = input?.endpoint;
      if (!input || typeof input.actorIp !== 'string' || !input.actorIp) throw err('invalid_request', 'actorIp is required.', 'rule.actorIp');
      if (!e || typeof e.method !== 'string' || typeof e.path !== 'string' || typeof e.host !== 'string') throw err('invalid_request', 'endpoint is required.', 'rule.endpoint');
      if (typeof input.policyId !== 'string' || !input.policyId) throw err('invalid_request', 'policyId is required.', 'rule.policyId');
      const now = clock();
      if (input.expiresAt !== null && !(typeof input.expiresAt === 'number' && input.expiresAt > now)) {
        throw err('invalid_request', 'expiresAt must be null or in the future.', 'rule.expiresAt');
      }
      const rule: SuppressionRule = {
        id: nextId('rule'),
        actorIp: input.actorIp,
        endpoint: { method: e.method, path: e.path, host: e.host },
        policyId: input.policyId,
        ...(input.reason ? { reason: input.reason } : {}),
        createdAt: now,
        expiresAt: input.expiresAt,
        suppressedCount: 0,
      };
      rules.set(rule.id, rule);
      let affected = 0;
      if (input.applyToExisting) {
        for (const r of byKey.get(keyOf(rule.actorIp, rule.endpoint, rule.policyId)) ?? []) if (index.setStatus(r, 'ignored')) affected++;
      }
      return { rule: { ...rule, endpoint: { ...rule.endpoint } }, affected };
    },

    async listSuppressionRules({ signal }) {
      await enter('listSuppressionRules', signal);
      return [...rules.values()].map((r) => ({ ...r, endpoint: { ...r.endpoint } }));
    },

    async deleteSuppressionRule({ ruleId, signal }) {
      await enter('deleteSuppressionRule', signal);
      if (!rules.delete(ruleId)) throw notFound('suppression rule', ruleId);
    },

    async block({ target, durationMs, reason, activityId, signal }) {
      await enter('block', signal);
      if (typeof target !== 'string' || !parseTarget(target)) throw err('invalid_request', `"${String(target)}" is not an IPv4/IPv6 address or CIDR range.`, 'target');
      if (durationMs !== null && !(typeof durationMs === 'number' && durationMs > 0 && Number.isFinite(durationMs))) {
        throw err('invalid_request', 'durationMs must be null or a positive number.', 'durationMs');
      }
      if (activityId !== undefined) rowOf(activityId);
      const now = clock();
      const block: IpBlock = {
        blockId: nextId('block'),
        target: target.trim(),
        ...(reason ? { reason } : {}),
        createdAt: now,
        expiresAt: durationMs === null ? null : now + durationMs,
      };
      blocks.set(block.blockId, block);
      applyBlock(block, allRows());
      return { ...block };
    },

    async unblock({ blockId, signal }) {
      await enter('unblock', signal);
      if (!blocks.delete(blockId)) throw notFound('block', blockId);
      const freed: number[] = [];
      for (let i = 0; i < index.size; i++) {
        const a = index.rows[i]!;
        if (a.blocked?.blockId === blockId) {
          delete a.blocked;
          freed.push(i);
        }
      }
      // Another block may still cover these actors.
      const now = clock();
      for (const b of blocks.values()) if (b.expiresAt === null || b.expiresAt > now) applyBlock(b, freed.filter((i) => !index.rows[i]!.blocked));
    },

    async listWorkItemTargets({ signal }) {
      await enter('listWorkItemTargets', signal);
      return DEMO_WORK_ITEM_TARGETS.map((t) => structuredClone(t));
    },

    async createWorkItem({ targetId, activityId, values, signal }) {
      await enter('createWorkItem', signal);
      const target = DEMO_WORK_ITEM_TARGETS.find((t) => t.id === targetId);
      if (!target) throw notFound('work-item target', targetId);
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
      a.workItems = [...a.workItems, { targetId, key, url, ...(typeof title === 'string' ? { title } : {}), createdAt: now }];
      return { targetId, key, url, createdAt: now };
    },

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
