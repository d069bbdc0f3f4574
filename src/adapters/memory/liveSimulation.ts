/**
 * Simulated live traffic of the memory adapter: returning attackers add
 * attempts to their open activity, new ones create activities, suppression
 * rules in force count hits instead, and subscribers whose query matches get
 * each event. A timer runs while anyone is subscribed (unless disabled).
 */
import type { LiveEvent, SubscribeParams } from '../../core/adapter';
import { createSeededRandom, hashSeed } from '../../core/dataset/seededRandom';
import { normalizeQuery, type ActivityQuery } from '../../core/query';
import { copyActivity } from './copyActivity';
import type { MemoryStore } from './memoryStore';
import { suppressionKeyOf } from './suppressionRuleStore';

export interface MemoryLiveOptions {
  /** Milliseconds between simulated traffic ticks while someone is subscribed. Default 4000. */
  intervalMs?: number;
  /** Events per tick. Default 1. */
  eventsPerTick?: number;
  /** Share of events that are brand-new actors/endpoints (the rest repeat known ones). Default 0.3. */
  newActivityRate?: number;
}

export interface SimulateLiveOptions {
  /** Repeat this activity's actor + endpoint + policy (as a returning attacker would). */
  about?: string;
}

type Subscriber = { query: ActivityQuery; onEvent: SubscribeParams['onEvent']; onError?: SubscribeParams['onError'] };

export function createLiveSimulation(store: MemoryStore, options: MemoryLiveOptions | false | undefined) {
  const { index, dataset, rules, byKey, attempts, clock } = store;
  const random = createSeededRandom(hashSeed(dataset.seed, 'live'));
  const live = options === false ? null : { intervalMs: 4000, eventsPerTick: 1, newActivityRate: 0.3, ...options };
  const subscribers = new Set<Subscriber>();
  let timer: ReturnType<typeof setInterval> | null = null;

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
  store.setDeliver(deliver);

  function simulateLiveEvents(count = 1, simulate: SimulateLiveOptions = {}): LiveEvent[] {
    const events: LiveEvent[] = [];
    const emit = (event: LiveEvent, row?: number) => {
      events.push(event);
      deliver(event, row);
    };
    const template = simulate.about !== undefined ? index.rows[store.rowOf(simulate.about)] : undefined;
    for (let n = 0; n < count; n++) {
      const now = clock();
      let like = template;
      if (!like && index.size > 0 && !random.chance(live?.newActivityRate ?? 0.3)) like = index.rows[random.int(index.size)]!;
      // A brand-new activity is only materialised if nothing suppresses or absorbs it.
      const fresh = like ? null : dataset.createActivity(random, now);
      const source = (like ?? fresh)!;
      const key = suppressionKeyOf(source.actor.ip, source.endpoint, source.policy.id);
      const rev = store.nextRevision();
      const rule = rules.activeFor(key, now);
      if (rule) {
        rule.suppressedCount++;
        rule.lastHitAt = now;
        emit({ type: 'suppressed', ruleId: rule.id, count: rule.suppressedCount });
        continue;
      }
      const open = (byKey.get(key) ?? []).filter((i) => index.rows[i]!.status !== 'ignored');
      const target = open[open.length - 1];
      if (target !== undefined) {
        const a = index.rows[target]!;
        const at = Math.max(now, a.lastSeen);
        attempts.append(a.id, at, random.chance(0.6) ? 'blocked' : 'allowed');
        a.attemptCount++;
        a.lastSeen = at;
        index.touch(target);
        emit({ type: 'activity', activity: copyActivity(a, now), isNew: false }, target);
        continue;
      }
      const created = fresh ?? dataset.createActivity(random, now, source);
      const row = store.addRow(created, rev);
      emit({ type: 'activity', activity: copyActivity(created, now), isNew: true }, row);
    }
    return events;
  }

  /** Adds a subscriber until `signal` aborts; the timer runs while there is one. */
  function subscribe({ query, onEvent, onError, signal }: SubscribeParams): void {
    const sub: Subscriber = { query: normalizeQuery(query), onEvent, ...(onError ? { onError } : {}) };
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
  }

  return { simulateLiveEvents, subscribe };
}
