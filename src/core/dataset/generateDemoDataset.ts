/**
 * A deterministic, realistic demo dataset: the same seed gives the same data.
 * Activities are generated newest first (act-000001 is the newest but one,
 * the timeline benchmark's huge activity): each one's `lastSeen` falls in its
 * own slice of the 30-day window, so the first N generated are exactly the
 * N newest. A progressive dataset (`firstChunk`) generates only those at
 * first and the rest on demand (`pending`), with the same data as an eager
 * one: the first page of a newest-first list is ready before the other 95 %
 * of a 100k dataset exist. Attempts are built lazily per activity from seed +
 * activity id, so 100k activities stay small.
 */
import {
  SEVERITIES,
  type Activity,
  type ActivityDetail,
  type ActivityStatus,
  type Attempt,
  type AttemptOutcome,
  type Remediation,
} from '../model';
import { ATTACK_KINDS, type AttackKind } from './attackCatalog';
import { buildDemoAttempt } from './buildDemoAttempt';
import { generateSeries, type AttemptSeries, type GenerationSpec } from './generateAttemptSeries';
import { makeActorPool } from './actorPool';
import { DEMO_ENDPOINTS, type DemoEndpoint } from './demoTopology';
import { createSeededRandom, hashSeed, type SeededRandom } from './seededRandom';

export interface GenerateDemoDatasetOptions {
  seed: number;
  activities: number;
  /** The dataset's "now" (epoch ms); activities end at or before it. Fixed by default so data is reproducible. */
  now?: number;
  /** Attempts of one extra-large activity (the first), for timeline benchmarks; 0 for none. Default 100 000. */
  hugeActivityAttempts?: number;
  /** Generate only this many (the newest) now; the rest through `pending`. Default: all at once. */
  firstChunk?: number;
}

/** The activities of a progressive dataset not generated yet. */
export interface PendingActivities {
  /** Activities when complete. */
  readonly total: number;
  /** The newest `lastSeen` an activity not generated yet can have: every later one is at or before it. */
  readonly horizon: number;
  /** Appends up to `count` newly generated activities to `activities` (oldest last); returns how many. */
  generate(count: number): number;
}

export type { AttemptSeries } from './generateAttemptSeries';

export type ActivityDescription = Pick<ActivityDetail, 'description' | 'details' | 'impact' | 'references'>;

export interface DemoDataset {
  readonly seed: number;
  readonly now: number;
  /** The activities, newest first; the caller owns (and may mutate) them. A progressive dataset appends as it generates. */
  readonly activities: Activity[];
  /** What a progressive dataset has yet to generate; null once every activity is generated (always, for an eager one). */
  readonly pending: PendingActivities | null;
  /** Settles once every activity is generated. */
  readonly complete: Promise<void>;
  describe(activity: Activity): ActivityDescription;
  remediation(activity: Activity): Remediation;
  /** The generated attempts of an activity (as created; later live attempts are the caller's). */
  attemptSeries(activity: Activity): AttemptSeries;
  /** Builds the attempt at a chronological index. */
  attempt(activity: Activity, index: number, timestamp: number, outcome: AttemptOutcome): Attempt;
  /** A new activity at `at` (live traffic); `like` repeats its actor, endpoint and policy. */
  createActivity(random: SeededRandom, at: number, like?: Activity): Activity;
}

/** 2025-06-01T12:00:00Z */
export const DEMO_DEFAULT_NOW = 1_748_779_200_000;

const DAY = 86_400_000;
const KIND_BY_POLICY = new Map(ATTACK_KINDS.map((k) => [k.policyId, k]));
const endpointKey = (method: string, host: string, path: string) => `${method} ${host}${path}`;
const ENDPOINT_BY_KEY = new Map(DEMO_ENDPOINTS.map((e) => [endpointKey(e.method, e.host, e.path), e]));
const ENDPOINTS_FOR_KIND = ATTACK_KINDS.map((k) => DEMO_ENDPOINTS.filter((e) => e.tags.some((t) => k.targets.includes(t))));
const KIND_WEIGHTS = ATTACK_KINDS.map((k) => k.weight);
const STATUS_WEIGHTS: Array<[ActivityStatus, number]> = [['active', 80], ['under_review', 12], ['ignored', 8]];
const STATUS_WEIGHT_VALUES = STATUS_WEIGHTS.map((s) => s[1]);


function lookup(activity: Activity): { kind: AttackKind; endpoint: DemoEndpoint } {
  const kind = KIND_BY_POLICY.get(activity.policy.id) ?? ATTACK_KINDS[0]!;
  const { method, host, path } = activity.endpoint;
  const endpoint = ENDPOINT_BY_KEY.get(endpointKey(method, host, path)) ?? DEMO_ENDPOINTS[0]!;
  return { kind, endpoint };
}

/** Heavy-tailed attempt counts: most activities are a handful of attempts, a few are thousands. */
function attemptCountFor(random: SeededRandom, kind: AttackKind): number {
  const base = Math.floor(1 / Math.pow(1 - random.next(), 1 / 1.15));
  const scaled = kind.shape === 'rate-limit' || kind.shape === 'credential-stuffing' ? base * random.between(5, 40) : base;
  return Math.min(Math.max(1, scaled), 20_000);
}

export function generateDemoDataset(options: GenerateDemoDatasetOptions): DemoDataset {
  const seed = options.seed >>> 0;
  const now = options.now ?? DEMO_DEFAULT_NOW;
  const total = Math.max(0, Math.floor(options.activities));
  const huge = options.hugeActivityAttempts ?? 100_000;
  const random = createSeededRandom(hashSeed(seed, 'activities'));
  const actors = makeActorPool(createSeededRandom(hashSeed(seed, 'actors')), Math.max(20, Math.round(total / 6)));
  // Generation parameters per activity number (act-000001 is 1), as plain arrays: no object per activity.
  const specCount: number[] = [0];
  const specFirst: number[] = [0];
  const specLast: number[] = [0];
  const specExploit: boolean[] = [false];
  const foreign = new Map<string, GenerationSpec>();
  let nextIndex = 0;

  // Activities with the same actor, endpoint or policy share one value object
  // (never mutated; the memory adapter copies what it hands out): at 100k
  // activities, 300k fewer objects and ~10 MB less heap.
  const actorValues = new Map<string, Activity['actor']>();
  // Pool entries are met again and again: found by identity, no key string per activity (a third of generation time).
  const actorByEntry = new Map<object, Activity['actor']>();
  const sharedActor = (actor: { ip: string; country?: string }): Activity['actor'] => {
    let value = actorByEntry.get(actor);
    if (value) return value;
    const key = `${actor.ip}|${actor.country ?? ''}`;
    value = actorValues.get(key);
    if (!value) actorValues.set(key, (value = actor.country ? { ip: actor.ip, country: actor.country } : { ip: actor.ip }));
    actorByEntry.set(actor, value);
    return value;
  };
  const endpointValues = new Map<DemoEndpoint, Activity['endpoint']>();
  const sharedEndpoint = (endpoint: DemoEndpoint): Activity['endpoint'] => {
    let value = endpointValues.get(endpoint);
    if (!value) endpointValues.set(endpoint, (value = { method: endpoint.method, path: endpoint.path, host: endpoint.host }));
    return value;
  };
  const policyValues = new Map<number, Activity['policy']>();
  const sharedPolicy = (kindIndex: number): Activity['policy'] => {
    let value = policyValues.get(kindIndex);
    if (!value) {
      const kind = ATTACK_KINDS[kindIndex]!;
      policyValues.set(kindIndex, (value = { id: kind.policyId, name: kind.policyName }));
    }
    return value;
  };

  function register(
    random: SeededRandom,
    kindIndex: number,
    endpoint: DemoEndpoint,
    actor: { ip: string; country?: string },
    count: number,
    firstSeen: number,
    lastSeen: number,
    status: ActivityStatus,
  ): Activity {
    const kind = ATTACK_KINDS[kindIndex]!;
    const id = `act-${String(++nextIndex).padStart(6, '0')}`;
    const successfulExploit = random.chance(kind.exploitRate);
    specCount.push(count);
    specFirst.push(firstSeen);
    specLast.push(lastSeen);
    specExploit.push(successfulExploit);
    return {
      id,
      status,
      severity: SEVERITIES[random.weighted(kind.severity)]!,
      type: random.chance(kind.anomalyRate) ? 'anomaly' : 'rule-based',
      actor: sharedActor(actor),
      endpoint: sharedEndpoint(endpoint),
      policy: sharedPolicy(kindIndex),
      category: kind.category,
      subcategory: kind.subcategory,
      successfulExploit,
      attemptCount: count,
      firstSeen,
      lastSeen,
      workItems: [],
    };
  }

  function randomActivity(random: SeededRandom, lastSeen: number, status: ActivityStatus, count?: number): Activity {
    const kindIndex = random.weighted(KIND_WEIGHTS);
    const kind = ATTACK_KINDS[kindIndex]!;
    const endpoint = random.pick(ENDPOINTS_FOR_KIND[kindIndex]!);
    const actor = actors.at(random.int(actors.length));
    const n = count ?? attemptCountFor(random, kind);
    // Average gap between attempts: seconds for automated bursts, up to minutes for slow probes.
    const gap = random.pick([2_000, 15_000, 60_000, 300_000]);
    const firstSeen = n === 1 ? lastSeen : Math.max(lastSeen - Math.round(n * gap * (0.5 + random.next())), lastSeen - 60 * DAY);
    return register(random, kindIndex, endpoint, actor, n, firstSeen, lastSeen, status);
  }

  // Activity i's lastSeen is in its own slice of the 30-day window (newest first), distributed as
  // now − 30 d · u² overall (recent days are busier); the slice bounds give the pending horizon.
  const sliceStart = (i: number) => Math.round(now - 30 * DAY * (i / Math.max(1, total)) ** 2);
  const activities: Activity[] = [];
  const generateAt = (i: number): Activity => {
    const lastSeen = Math.round(now - 30 * DAY * ((i + random.next()) / total) ** 2);
    const status = STATUS_WEIGHTS[random.weighted(STATUS_WEIGHT_VALUES)]![0];
    if (i === 0 && huge > 0) {
      // The scraping bot behind the timeline benchmark: rate-limit abuse over three days.
      const kindIndex = ATTACK_KINDS.findIndex((k) => k.shape === 'rate-limit');
      const endpoint = DEMO_ENDPOINTS.find((e) => e.path === '/api/v1/products')!;
      return register(random, kindIndex, endpoint, actors.at(0), huge, now - 3 * DAY - 3_600_000, now - 3_600_000, 'active');
    }
    return randomActivity(random, lastSeen, status);
  };
  const firstChunk = options.firstChunk === undefined ? total : Math.max(1, Math.floor(options.firstChunk));
  while (activities.length < Math.min(total, firstChunk)) activities.push(generateAt(activities.length));
  let settle = () => {};
  const complete = new Promise<void>((resolve) => (settle = resolve));
  let pending: PendingActivities | null = null;
  if (activities.length < total) {
    pending = {
      total,
      get horizon() {
        // The huge activity (row 0) is older than its slice; every other row keeps to its own.
        return sliceStart(activities.length);
      },
      generate(count) {
        const end = Math.min(total, activities.length + Math.max(0, Math.floor(count)));
        const before = activities.length;
        while (activities.length < end) activities.push(generateAt(activities.length));
        if (activities.length === total) {
          pending = null;
          settle();
        }
        return activities.length - before;
      },
    };
  } else settle();

  function specOf(activity: Activity): GenerationSpec {
    const n = /^act-\d+$/.test(activity.id) ? Number(activity.id.slice(4)) : 0;
    if (n > 0 && n <= nextIndex) {
      return { seed: hashSeed(seed, activity.id), count: specCount[n]!, firstSeen: specFirst[n]!, lastSeen: specLast[n]!, successfulExploit: specExploit[n]! };
    }
    // Not ours (e.g. a host-made record): derive a spec from what it shows.
    let spec = foreign.get(activity.id);
    if (!spec) {
      spec = { seed: hashSeed(seed, activity.id), count: activity.attemptCount, firstSeen: activity.firstSeen, lastSeen: activity.lastSeen, successfulExploit: activity.successfulExploit };
      foreign.set(activity.id, spec);
    }
    return spec;
  }

  return {
    seed,
    now,
    activities,
    get pending() {
      return pending;
    },
    complete,
    describe(activity) {
      const { kind } = lookup(activity);
      return { description: kind.description, details: kind.details, impact: kind.impact, references: kind.references.map((r) => ({ ...r })) };
    },
    remediation(activity) {
      const { kind } = lookup(activity);
      return {
        steps: kind.remediation.map((s) => (s.example ? { ...s, example: { ...s.example } } : { ...s })),
        references: kind.references.map((r) => ({ ...r })),
      };
    },
    attemptSeries(activity) {
      const spec = specOf(activity);
      return generateSeries(spec);
    },
    attempt(activity, index, timestamp, outcome) {
      const { kind, endpoint } = lookup(activity);
      return buildDemoAttempt({ activity, kind, endpoint, seed: specOf(activity).seed, index, timestamp, outcome });
    },
    createActivity(random, at, like) {
      if (!like) return randomActivity(random, at, 'active', 1);
      const { endpoint } = lookup(like);
      const kindIndex = Math.max(0, ATTACK_KINDS.findIndex((k) => k.policyId === like.policy.id));
      return register(random, kindIndex, endpoint, like.actor, 1, at, at, 'active');
    },
  };
}
