/**
 * Selection state of the activity list, scoped to one query: when the query
 * (status, filters, search, sort) changes, the selection starts empty again, so
 * a bulk action never applies to rows the user can no longer see.
 */
import { useCallback, useState } from 'react';
import { EMPTY_SELECTION, type ActivitySelection } from '../core/activitySelection';

export function useActivitySelection(scopeKey: string) {
  const [state, setState] = useState<{ key: string; selection: ActivitySelection }>({ key: scopeKey, selection: EMPTY_SELECTION });
  const selection = state.key === scopeKey ? state.selection : EMPTY_SELECTION;
  const update = useCallback(
    (fn: (prev: ActivitySelection) => ActivitySelection) =>
      setState((s) => ({ key: scopeKey, selection: fn(s.key === scopeKey ? s.selection : EMPTY_SELECTION) })),
    [scopeKey],
  );
  const clear = useCallback(() => update(() => EMPTY_SELECTION), [update]);
  return { selection, update, clear };
}
