/**
 * Live updates for the list's query, when the adapter can subscribe. New
 * activities are only counted (for a "N new activities" banner); the list
 * merges them when the user asks (`merge`), so rows never move under the
 * user's cursor.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { queryKey, type ActivityQuery } from '../core/query';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities } from './threatDeckKeys';
import { supports } from '../core/capabilities';

export interface LiveActivitiesState {
  /** Whether the adapter delivers live updates at all. */
  available: boolean;
  /** New activities seen for this query since the last merge. */
  newCount: number;
  /** Refetches the list (and counts) and resets the counter. */
  merge: () => Promise<void>;
}

export function useLiveActivities(query: ActivityQuery, options: { enabled?: boolean } = {}): LiveActivitiesState {
  const { adapter, queryClient } = useThreatDeck();
  const available = supports(adapter, 'live') && (options.enabled ?? true);
  const key = queryKey(query);
  const [state, setState] = useState<{ key: string; ids: ReadonlySet<string> }>({ key, ids: new Set() });
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (!available || !adapter.subscribe) return;
    const controller = new AbortController();
    const status = queryRef.current.status;
    adapter
      .subscribe({
        query: queryRef.current,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type !== 'activity' || !event.isNew || event.activity.status !== status) return;
          const id = event.activity.id;
          setState((s) => {
            const ids = s.key === key ? s.ids : new Set<string>();
            if (ids.has(id)) return s;
            return { key, ids: new Set(ids).add(id) };
          });
        },
        // A dropped subscription only means no banner; the list itself still works.
        onError: () => {},
      })
      .catch(() => {});
    return () => controller.abort();
  }, [adapter, available, key]);

  const merge = useCallback(async () => {
    setState({ key, ids: new Set() });
    await invalidateActivities(queryClient);
  }, [key, queryClient]);

  return { available, newCount: state.key === key ? state.ids.size : 0, merge };
}
