/**
 * Live updates for the list's query, when the adapter can subscribe. New
 * activities are only counted (for a "N new activities" banner and the tab
 * counts); the list merges them when the user asks (`merge`), so rows never
 * move under the user's cursor.
 *
 * An announced activity stops counting once the list shows data requested
 * after it arrived (`mergedThrough`): a refetch for any reason (a write, a
 * retry) has merged it, and counting it again would announce rows already
 * there and count them twice in the tabs.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StatusCounts } from '../core/adapter';
import type { ActivityStatus } from '../core/model';
import { queryKey, type ActivityQuery } from '../core/query';
import { useThreatDeck } from './ThreatDeckProvider';
import { nextRequestSequence } from './requestSequence';
import { invalidateActivities } from './threatDeckKeys';
import { supports } from '../core/capabilities';

export interface LiveActivitiesState {
  /** Whether the adapter delivers live updates at all. */
  available: boolean;
  /** New activities seen for this query (in its status) that the list does not show yet. */
  newCount: number;
  /** New activities per status not yet in the list's counts: add them to the tab counts. */
  countDelta: StatusCounts;
  /** Refetches the list (and counts) and resets the counter. */
  merge: () => Promise<void>;
}

export interface UseLiveActivitiesOptions {
  enabled?: boolean;
  /** `requestSequence` of the list data on screen (see useActivityList); arrivals before it are merged. */
  mergedThrough?: number | undefined;
}

interface Arrival {
  status: ActivityStatus;
  seq: number;
}

export function useLiveActivities(query: ActivityQuery, options: UseLiveActivitiesOptions = {}): LiveActivitiesState {
  const { adapter, queryClient } = useThreatDeck();
  const available = supports(adapter, 'live') && (options.enabled ?? true);
  const key = queryKey(query);
  const [state, setState] = useState<{ key: string; arrivals: ReadonlyMap<string, Arrival> }>({ key, arrivals: new Map() });
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (!available || !adapter.subscribe) return;
    const controller = new AbortController();
    // A subscription covers the query's status; new activities arrive as Active, so the Active
    // count follows live traffic from the other tabs too through a second one.
    const statuses: ActivityStatus[] = queryRef.current.status === 'active' ? ['active'] : [queryRef.current.status, 'active'];
    for (const status of statuses) {
      adapter
        .subscribe({
          query: { ...queryRef.current, status },
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type !== 'activity' || !event.isNew || event.activity.status !== status) return;
            const id = event.activity.id;
            const seq = nextRequestSequence();
            setState((s) => {
              const arrivals = s.key === key ? s.arrivals : new Map<string, Arrival>();
              if (arrivals.has(id)) return s;
              return { key, arrivals: new Map(arrivals).set(id, { status, seq }) };
            });
          },
          // A dropped subscription only means no banner; the list itself still works.
          onError: () => {},
        })
        .catch(() => {});
    }
    return () => controller.abort();
  }, [adapter, available, key]);

  const merge = useCallback(async () => {
    setState({ key, arrivals: new Map() });
    await invalidateActivities(queryClient);
  }, [key, queryClient]);

  const mergedThrough = options.mergedThrough ?? 0;
  const { newCount, countDelta } = useMemo(() => {
    const delta: StatusCounts = { active: 0, under_review: 0, ignored: 0 };
    if (state.key === key) for (const a of state.arrivals.values()) if (a.seq > mergedThrough) delta[a.status]++;
    return { newCount: delta[query.status], countDelta: delta };
  }, [state, key, mergedThrough, query.status]);

  return { available, newCount, countDelta, merge };
}
