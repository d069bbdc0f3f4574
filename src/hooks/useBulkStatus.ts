/**
 * Bulk status change: by ids (`setStatus`) or, after "select all N that
 * match", by query (`setStatusByQuery` with `excludeIds`). Resolves with the
 * number of activities the adapter says it changed; lists, counts and facets
 * refetch afterwards.
 */
import { useMutation } from '@tanstack/react-query';
import type { AffectedResult } from '../core/adapter';
import { AdapterError, toAdapterError } from '../core/errors';
import type { ActivityStatus } from '../core/model';
import type { ActivityQuery } from '../core/query';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities } from './threatDeckKeys';

export type BulkTarget =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'query'; query: ActivityQuery; excludeIds: string[] };

export interface BulkStatusInput {
  target: BulkTarget;
  status: ActivityStatus;
}

export function useBulkStatus() {
  const { adapter, queryClient } = useThreatDeck();
  const mutation = useMutation(
    {
      mutationFn: async ({ target, status }: BulkStatusInput): Promise<AffectedResult> => {
        const signal = new AbortController().signal;
        if (target.kind === 'ids') return adapter.setStatus({ ids: target.ids, status, signal });
        if (!adapter.setStatusByQuery || !adapter.capabilities.bulkByQuery) {
          throw new AdapterError('unsupported', 'This backend cannot change status by query.');
        }
        return adapter.setStatusByQuery({ query: target.query, status, excludeIds: target.excludeIds, signal });
      },
      onSettled: (_data, _error, input) =>
        invalidateActivities(queryClient, input.target.kind === 'ids' ? input.target.ids : undefined),
    },
    queryClient,
  );
  return {
    run: (input: BulkStatusInput) => mutation.mutateAsync(input),
    status: mutation.status,
    /** The status the last run moved activities to, with its result. */
    lastInput: mutation.variables,
    affected: mutation.data?.affected ?? null,
    error: mutation.error ? toAdapterError(mutation.error) : null,
    reset: mutation.reset,
  };
}
