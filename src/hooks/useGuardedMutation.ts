/**
 * A write that can only be in flight once: a second call while the first is
 * pending resolves to `undefined` without reaching the adapter. The guard is a
 * ref set synchronously, so two clicks in the same frame (before React has
 * re-rendered a disabled button) still send one request.
 */
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { toAdapterError, type AdapterError } from '../core/errors';
import { useThreatDeck } from './ThreatDeckProvider';

export type WriteStatus = 'idle' | 'pending' | 'error' | 'success';

export interface GuardedMutation<TData, TVariables> {
  /** Runs the write; resolves with its result, or `undefined` when refused or failed (see `error`). */
  run: (variables: TVariables) => Promise<TData | undefined>;
  status: WriteStatus;
  data: TData | undefined;
  error: AdapterError | null;
  /** The variables of the last run (kept after a failure, e.g. to show what failed). */
  variables: TVariables | undefined;
  reset: () => void;
}

export function useGuardedMutation<TData, TVariables, TContext = unknown>(
  options: UseMutationOptions<TData, unknown, TVariables, TContext>,
): GuardedMutation<TData, TVariables> {
  const { queryClient } = useThreatDeck();
  const mutation = useMutation(options, queryClient);
  const inFlight = useRef(false);
  const { mutateAsync } = mutation;
  const run = useCallback(
    async (variables: TVariables) => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      try {
        return await mutateAsync(variables);
      } catch {
        // The error is in `error`; callers get it through onError callbacks.
        return undefined;
      } finally {
        inFlight.current = false;
      }
    },
    [mutateAsync],
  );
  return {
    run,
    status: mutation.status,
    data: mutation.data,
    error: mutation.error ? toAdapterError(mutation.error) : null,
    variables: mutation.variables,
    reset: mutation.reset,
  };
}

/** A fresh signal for a write: writes are not cancelled once sent (the backend may already have acted). */
export function writeSignal(): AbortSignal {
  return new AbortController().signal;
}
