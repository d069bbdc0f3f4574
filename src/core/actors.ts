/**
 * The threat-actor pivot: the activities of a query grouped by actor IP, one
 * summary per actor. `summarizeActors` is the one grouping rule, run by a
 * backend over every matching activity or by the hooks over the list pages
 * they read. Pure; no DOM.
 */
import { SEVERITIES, type Activity, type BlockState, type Severity } from './model';

/** Subcategories listed per actor, most frequent first (`subcategoryCount` counts them all). */
export const MAX_ACTOR_SUBCATEGORIES = 5;

export interface ActorSummary {
  ip: string;
  /** The country of the actor's newest activity that has one. */
  country?: string;
  label?: string;
  activities: number;
  /** Distinct endpoints hit (method, host and path). */
  endpoints: number;
  /** The most frequent subcategories, at most `MAX_ACTOR_SUBCATEGORIES`. */
  subcategories: string[];
  subcategoryCount: number;
  attempts: number;
  firstSeen: number;
  lastSeen: number;
  /** The highest severity among the actor's activities. */
  severity: Severity;
  /** Whether any of the actor's activities had a successful exploit. */
  successfulExploit: boolean;
  /** The block covering the actor, as its newest activity reports it. */
  blocked?: BlockState;
}

export const ACTOR_SORT_FIELDS = ['lastSeen', 'firstSeen', 'activities', 'attempts', 'endpoints', 'severity', 'actor'] as const;
export type ActorSortField = (typeof ACTOR_SORT_FIELDS)[number];
export interface ActorSort {
  field: ActorSortField;
  direction: 'asc' | 'desc';
}
export const DEFAULT_ACTOR_SORT: ActorSort = { field: 'lastSeen', direction: 'desc' };

interface Accumulator {
  summary: ActorSummary;
  newest: number;
  endpoints: Set<string>;
  subcategories: Map<string, number>;
}

const severityRank = (s: Severity) => SEVERITIES.length - SEVERITIES.indexOf(s);

/** One summary per actor IP over the given activities (any order), newest activity last seen first. */
// Activities of one endpoint usually share its value object: its key is made once, not once per activity (at 100k the
// per-activity strings were most of the grouping's time, in garbage collection).
const ENDPOINT_KEYS = new WeakMap<Activity['endpoint'], string>();
function endpointKey(endpoint: Activity['endpoint']): string {
  let key = ENDPOINT_KEYS.get(endpoint);
  if (key === undefined) {
    // NUL cannot appear in a method, host or path, so the joined key is unambiguous.
    key = `${endpoint.method}\u0000${endpoint.host}\u0000${endpoint.path}`;
    ENDPOINT_KEYS.set(endpoint, key);
  }
  return key;
}

export function summarizeActors(activities: Iterable<Activity>): ActorSummary[] {
  const byIp = new Map<string, Accumulator>();
  for (const a of activities) {
    let acc = byIp.get(a.actor.ip);
    if (!acc) {
      acc = {
        summary: { ip: a.actor.ip, activities: 0, endpoints: 0, subcategories: [], subcategoryCount: 0, attempts: 0, firstSeen: a.firstSeen, lastSeen: a.lastSeen, severity: a.severity, successfulExploit: false },
        newest: -Infinity,
        endpoints: new Set(),
        subcategories: new Map(),
      };
      byIp.set(a.actor.ip, acc);
    }
    const s = acc.summary;
    s.activities += 1;
    s.attempts += a.attemptCount;
    s.firstSeen = Math.min(s.firstSeen, a.firstSeen);
    s.lastSeen = Math.max(s.lastSeen, a.lastSeen);
    if (severityRank(a.severity) > severityRank(s.severity)) s.severity = a.severity;
    s.successfulExploit ||= a.successfulExploit;
    acc.endpoints.add(endpointKey(a.endpoint));
    acc.subcategories.set(a.subcategory, (acc.subcategories.get(a.subcategory) ?? 0) + 1);
    // What the actor looks like now comes from its newest activity.
    if (a.lastSeen >= acc.newest) {
      acc.newest = a.lastSeen;
      if (a.actor.country !== undefined) s.country = a.actor.country;
      if (a.actor.label !== undefined) s.label = a.actor.label;
      if (a.blocked) s.blocked = a.blocked;
      else delete s.blocked;
    }
  }
  const out: ActorSummary[] = [];
  for (const acc of byIp.values()) {
    const ranked = [...acc.subcategories].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    acc.summary.endpoints = acc.endpoints.size;
    acc.summary.subcategoryCount = ranked.length;
    acc.summary.subcategories = ranked.slice(0, MAX_ACTOR_SUBCATEGORIES).map(([k]) => k);
    out.push(acc.summary);
  }
  return out.sort(compareActors(DEFAULT_ACTOR_SORT));
}

/** A total order for a sort: the field, then the IP, so pages never overlap. */
export function compareActors(sort: ActorSort): (a: ActorSummary, b: ActorSummary) => number {
  const key = (s: ActorSummary): number | string => {
    switch (sort.field) {
      case 'severity':
        return severityRank(s.severity);
      case 'actor':
        return s.ip;
      default:
        return s[sort.field];
    }
  };
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return c !== 0 ? sign * c : a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0;
  };
}
