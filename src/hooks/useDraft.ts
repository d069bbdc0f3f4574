/**
 * An analyst's unsent input (an ignore reason, work-item fields), kept per
 * key in the provider's draft store: it survives the component unmounting
 * (moving to another activity and back, an optimistic update that swaps the
 * actions) until `clear` (after the write succeeded).
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useThreatDeck } from './ThreatDeckProvider';

export type DraftUpdate<T> = Partial<T> | ((prev: T) => T);

export function useDraft<T extends object>(key: string, initial: T): [T, (update: DraftUpdate<T>) => void, () => void] {
  const { drafts } = useThreatDeck();
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const stored = useSyncExternalStore(
    drafts.subscribe,
    () => drafts.get<T>(key),
    () => drafts.get<T>(key),
  );
  const value = stored ?? initial;
  const update = useCallback(
    (next: DraftUpdate<T>) => {
      const prev = drafts.get<T>(key) ?? initialRef.current;
      drafts.set(key, typeof next === 'function' ? next(prev) : { ...prev, ...next });
    },
    [drafts, key],
  );
  const clear = useCallback(() => drafts.delete(key), [drafts, key]);
  return [value, update, clear];
}
