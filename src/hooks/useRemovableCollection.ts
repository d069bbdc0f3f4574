/**
 * A bounded collection (suppression rules, IP blocks) read page by page, and
 * the write that removes one item of it: one rule for both, so the two lists
 * keep the same paging, the same boundary checks and the same honest outcome.
 * A removed item leaves every cached page at once; the collection and the
 * activities (whose rules or blocks changed) refetch afterwards, after a
 * failure too, because an outcome-unknown removal may have happened.
 */
import { useCallback } from 'react';
import type { CallOptions, CollectionState, Page } from '../core/adapter';
import { AdapterError, toAdapterError } from '../core/errors';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities } from './threatDeckKeys';
import { removeFromCollections, useCollectionPages, type CollectionPagesState } from './useCollectionPages';
import { useGuardedMutation, type GuardedMutation } from './useGuardedMutation';

export interface CollectionKeys {
  all: () => readonly unknown[];
  list: (state: CollectionState, search: string, pageSize: number) => readonly unknown[];
}

export interface RemovableCollectionOptions<T, V> {
  keys: CollectionKeys;
  state: CollectionState;
  search: string;
  pageSize: number;
  enabled: boolean;
  /** The adapter lists this collection. */
  supported: boolean;
  /** The adapter can remove from it. */
  canRemove: boolean;
  /** One page from the adapter; `undefined` when the adapter lacks the read. */
  list: ((params: CallOptions & { state: CollectionState; pageSize: number; search?: string; cursor?: string }) => Promise<Page<T>>) | undefined;
  /** The removal; `undefined` when the adapter lacks it. A `not_found` answer counts as removed. */
  remove: ((id: string, options: { idempotencyKey: string; signal: AbortSignal }) => Promise<unknown>) | undefined;
  checkPage: (page: unknown) => Page<T>;
  idOf: (item: T) => string;
  /** The id a removal's variables name. */
  removedId: (variables: V) => string;
  /** Errors for an adapter that lacks the read or the removal. */
  unsupportedList: string;
  unsupportedRemove: string;
  onRemoved?: (id: string) => void;
  onRemoveError?: (error: AdapterError, variables: V) => void;
}

export interface RemovableCollectionState<T, V> extends CollectionPagesState<T> {
  removeWrite: GuardedMutation<void, V>;
  remove: (variables: V) => Promise<void | undefined>;
}

export function useRemovableCollection<T, V>(options: RemovableCollectionOptions<T, V>): RemovableCollectionState<T, V> {
  const { queryClient } = useThreatDeck();
  const { keys, state, search, pageSize, list, remove: removeItem, canRemove, idOf, removedId, onRemoved, onRemoveError } = options;
  const queryKey = keys.list(state, search, pageSize);

  const pages = useCollectionPages<T>({
    queryKey,
    // A new search keeps the rows on screen while it loads; a switch of state does not.
    placeholderScope: queryKey.slice(0, 4),
    load: ({ signal, cursor }) => {
      if (!list) return Promise.reject(new AdapterError('unsupported', options.unsupportedList));
      return list({ signal, state, pageSize, ...(search ? { search } : {}), ...(cursor !== undefined ? { cursor } : {}) });
    },
    checkPage: options.checkPage,
    idOf,
    enabled: options.supported && options.enabled,
  });

  const removeWrite = useGuardedMutation<void, V>({
    // A repeated removal finds the item gone, which counts as done (below).
    idempotent: true,
    mutationFn: async (variables, { idempotencyKey, signal }) => {
      if (!canRemove || !removeItem) throw new AdapterError('unsupported', options.unsupportedRemove);
      try {
        await removeItem(removedId(variables), { idempotencyKey, signal });
      } catch (error) {
        // Already gone (removed elsewhere, expired and purged, or our own earlier attempt whose answer was lost).
        if (toAdapterError(error).code !== 'not_found') throw error;
      }
    },
    onSuccess: (_data, variables) => {
      const id = removedId(variables);
      removeFromCollections<T>(queryClient, keys.all(), (item) => idOf(item) === id);
      onRemoved?.(id);
    },
    onError: (error, variables) => onRemoveError?.(toAdapterError(error), variables),
    onSettled: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: keys.all() }), invalidateActivities(queryClient)]);
    },
  });

  const { run } = removeWrite;
  const remove = useCallback((variables: V) => run(variables), [run]);
  return { ...pages, removeWrite, remove };
}
