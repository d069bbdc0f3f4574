/**
 * The one status write (Mark for Review, Ignore as a plain status, Reactivate,
 * with or without lifting the rule that ignored an activity) over one target
 * type: ids, or every activity matching a query minus `excludeIds` as of the
 * list's `asOf`. EventActions and the selection toolbar both use it.
 *
 * Modes (as in ra-core): `pessimistic` changes the cache only after the
 * backend answered; `optimistic` moves rows, counts and details at once and
 * takes back exactly its own change on failure; `undoable` is optimistic and
 * sends the write only after a short grace period, unless undone.
 *
 * One write per activity at a time, provider-wide; one idempotency key per
 * intent; outcome-unknown writes are retried with their key (`checking`).
 */
import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { AffectedResult } from '../core/adapter';
import { isQueryTarget, type ActivityTarget } from '../core/activitySelection';
import { AdapterError, type AdapterError as AdapterErrorType } from '../core/errors';
import type { ActivityStatus } from '../core/model';
import { queryKey } from '../core/query';
import { applyOptimisticStatus, type OptimisticPatch } from './optimisticStatus';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities, threatDeckKeys } from './threatDeckKeys';
import { useGuardedMutation, type GuardedMutation, type WriteOutcome } from './useGuardedMutation';
import { activityLock, ALL_ACTIVITIES_LOCK } from './writeCoordinator';
import { supports } from '../core/capabilities';
import type { StatusReason } from '../core/cases';
import { caseKeys } from './caseKeys';

export type { ActivityTarget } from '../core/activitySelection';
export { applyOptimisticStatus } from './optimisticStatus';
export type { OptimisticPatch } from './optimisticStatus';

export type WriteMode = 'pessimistic' | 'optimistic' | 'undoable';

/** Grace period of an undoable write. */
export const UNDO_GRACE_MS = 5000;

export interface StatusChangeVariables {
  target: ActivityTarget;
  status: ActivityStatus;
  /** Reactivate and lift: also delete the rules that ignored these activities, in the same operation. */
  liftRules?: boolean;
  /** Why (Ignore, Mark for Review), kept with the change in the history (backends with `cases`). */
  reason?: StatusReason;
}

export interface UseStatusChangeOptions {
  /** Default `optimistic`. */
  mode?: WriteMode;
  /** Grace period of `undoable` writes (default `UNDO_GRACE_MS`). */
  graceMs?: number;
  onSuccess?: (result: AffectedResult, variables: StatusChangeVariables) => void;
  /** `outcome` is `unknown` when the backend may have applied the write (a retry with the same key is safe). */
  onError?: (error: AdapterErrorType, variables: StatusChangeVariables, outcome: WriteOutcome) => void;
  onUndo?: (variables: StatusChangeVariables) => void;
}

export interface StatusChangeState extends GuardedMutation<AffectedResult, StatusChangeVariables> {
  changeStatus: (target: ActivityTarget, status: ActivityStatus, options?: { liftRules?: boolean; reason?: StatusReason }) => Promise<AffectedResult | undefined>;
  /** Counts what a query write would change, changing nothing (`dryRun`); ids targets resolve to their length. */
  countAffected: (target: ActivityTarget, status: ActivityStatus) => Promise<number>;
  /** Whether the adapter can apply a change to every activity matching a query. */
  canChangeByQuery: boolean;
}

/** Provider-wide locks of a target: each activity, or every activity for a query. */
export function targetLocks(target: ActivityTarget): string[] {
  return isQueryTarget(target) ? [ALL_ACTIVITIES_LOCK] : target.ids.map(activityLock);
}

/** Ids to invalidate after a write: the explicit ones, or every activity for a query target. */
export function targetIds(target: ActivityTarget): string[] | undefined {
  return isQueryTarget(target) ? undefined : target.ids;
}

function targetIntent(target: ActivityTarget): string {
  if (!isQueryTarget(target)) return JSON.stringify({ ids: [...target.ids].sort() });
  return JSON.stringify({ q: queryKey(target.query), x: [...(target.excludeIds ?? [])].sort(), a: target.asOf ?? null });
}

/** After a status write settles: lists, counts, facets, the written details and whatever the patch cancelled. */
export async function refetchAfterStatusWrite(client: QueryClient, variables: StatusChangeVariables, patch: OptimisticPatch | undefined): Promise<void> {
  await Promise.all([
    invalidateActivities(client, targetIds(variables.target)),
    patch?.refetch(),
    variables.liftRules ? client.invalidateQueries({ queryKey: threatDeckKeys.suppressionRules() }) : undefined,
    // A status change is a history entry of every activity it moved.
    client.invalidateQueries({ queryKey: caseKeys.allHistory() }),
  ]);
}

export function useStatusChange(options: UseStatusChangeOptions = {}): StatusChangeState {
  const { adapter, queryClient, writes } = useThreatDeck();
  const mode = options.mode ?? 'optimistic';
  const canChangeByQuery = supports(adapter, 'bulkByQuery');
  const unsupported = () => new AdapterError('unsupported', 'This backend cannot change status by query.');

  const mutation = useGuardedMutation<AffectedResult, StatusChangeVariables, { patch?: OptimisticPatch; end?: ReturnType<typeof writes.beginOptimistic>['end'] }>({
    // Moving to a status twice leaves it there (and a query write is bounded by its asOf).
    idempotent: true,
    mutationFn: ({ target, status, liftRules, reason }, { idempotencyKey, signal }) => {
      if (!isQueryTarget(target)) return adapter.setStatus({ ids: target.ids, status, signal, idempotencyKey, ...(liftRules ? { liftRules } : {}), ...(reason ? { reason } : {}) });
      if (!canChangeByQuery || !adapter.setStatusByQuery) return Promise.reject(unsupported());
      return adapter.setStatusByQuery({
        query: target.query,
        status,
        signal,
        idempotencyKey,
        ...(target.excludeIds?.length ? { excludeIds: target.excludeIds } : {}),
        ...(target.asOf !== undefined ? { asOf: target.asOf } : {}),
        ...(reason ? { reason } : {}),
      });
    },
    intentOf: ({ target, status, liftRules, reason }) => `${targetIntent(target)}|${status}|${liftRules ? 1 : 0}|${JSON.stringify(reason ?? null)}`,
    locks: ({ target }) => targetLocks(target),
    ...(mode === 'undoable' ? { graceMs: options.graceMs ?? UNDO_GRACE_MS } : {}),
    onMutate: async ({ target, status }) => {
      if (mode === 'pessimistic') return {};
      const { end } = writes.beginOptimistic();
      return { patch: await applyOptimisticStatus(queryClient, target, status), end };
    },
    onUndo: (variables, context) => {
      context?.patch?.revert();
      void context?.end?.(() => context.patch?.refetch());
      options.onUndo?.(variables);
    },
    onError: (error, variables, context, outcome) => {
      // Unknown outcome too: the refetch that follows shows what the backend holds.
      context?.patch?.revert();
      options.onError?.(error, variables, outcome);
    },
    onSuccess: (result, variables) => options.onSuccess?.(result, variables),
    onSettled: (_data, _error, variables, context) => {
      const refetch = () => refetchAfterStatusWrite(queryClient, variables, context?.patch);
      // Not awaited: the write's outcome is known now; the refetch follows.
      void (context?.end ? context.end(refetch) : refetch());
    },
  });

  const countAffected = async (target: ActivityTarget, status: ActivityStatus): Promise<number> => {
    if (!isQueryTarget(target)) return target.ids.length;
    if (!canChangeByQuery || !adapter.setStatusByQuery) throw unsupported();
    const { affected } = await adapter.setStatusByQuery({
      query: target.query,
      status,
      dryRun: true,
      signal: new AbortController().signal,
      ...(target.excludeIds?.length ? { excludeIds: target.excludeIds } : {}),
      ...(target.asOf !== undefined ? { asOf: target.asOf } : {}),
    });
    return affected;
  };

  return {
    ...mutation,
    changeStatus: (target, status, extra) => mutation.run({ target, status, ...(extra?.liftRules ? { liftRules: true } : {}), ...(extra?.reason ? { reason: extra.reason } : {}) }),
    countAffected,
    canChangeByQuery,
  };
}

/** True while any write (from any component under the provider) holds one of the target's activities. */
export function useTargetBusy(target: ActivityTarget | null): boolean {
  const { writes } = useThreatDeck();
  const keys = target ? targetLocks(target).join('\n') : '';
  const read = () => (keys ? writes.isLocked(keys.split('\n')) : false);
  return useSyncExternalStore(writes.subscribe, read, read);
}
