/**
 * The write machinery every write hook is built on.
 *
 * - Single flight: a second `run` while one is in flight resolves to
 *   `undefined` without reaching the adapter. The guard is a ref set
 *   synchronously, so two clicks in one frame still send one request; with
 *   `locks`, the guard is provider-wide (one write per activity, whichever
 *   component asks).
 * - One idempotency key per analyst intent: made when an intent starts,
 *   reused by every retry of it (the same request after a failure or an
 *   unknown outcome), replaced after a success or when the request changed.
 * - Honest outcomes: when the outcome is unknown (`isWriteOutcomeUnknown`:
 *   the request went out, no definitive answer came back), the write is
 *   retried with its key a bounded number of times (`checking`); then it is
 *   either the truth (success, or the backend's own error) or `unknown`:
 *   never "nothing was saved".
 * - Undoable: with `graceMs`, `onMutate` runs at once but the request is sent
 *   only after the grace period; `undo()` before then cancels it.
 */
import { useCallback, useRef, useState } from 'react';
import { isWriteOutcomeUnknown, toAdapterError, type AdapterError } from '../core/errors';
import { useThreatDeck } from './ThreatDeckProvider';
import { newIdempotencyKey } from './writeCoordinator';
import { supports } from '../core/capabilities';

/**
 * `checking`: the outcome of an attempt was unknown and the write is being
 * retried with the same key. `unknown`: still unknown after the retries; a
 * retry (with the same key) is safe.
 */
export type WriteStatus = 'idle' | 'pending' | 'checking' | 'error' | 'unknown' | 'success';

/** What a write sends besides its variables. */
export interface WriteAttempt {
  /** The same on every retry of one intent. */
  idempotencyKey: string;
  /** A fresh signal: a write is never cancelled once sent (the backend may already have acted). */
  signal: AbortSignal;
  /** 0 for the first request of an intent, then 1, 2, … */
  attempt: number;
  /** When the intent began (provider clock): anything derived from time (an expiry) stays the same on a retry. */
  startedAt: number;
}

export type WriteOutcome = 'failed' | 'unknown';

export interface GuardedMutationOptions<TData, TVariables, TContext = unknown> {
  mutationFn: (variables: TVariables, write: WriteAttempt) => Promise<TData>;
  /** Before the request (e.g. an optimistic update); its result is the context of the callbacks. */
  onMutate?: (variables: TVariables, write: WriteAttempt) => TContext | Promise<TContext>;
  onSuccess?: (data: TData, variables: TVariables, context: TContext | undefined) => unknown;
  /** A definitive failure (`failed`) or an outcome still unknown after the retries (`unknown`). */
  onError?: (error: AdapterError, variables: TVariables, context: TContext | undefined, outcome: WriteOutcome) => unknown;
  /** Undone during the grace period: nothing was sent. */
  onUndo?: (variables: TVariables, context: TContext | undefined) => unknown;
  onSettled?: (data: TData | undefined, error: AdapterError | null, variables: TVariables, context: TContext | undefined) => unknown;
  /**
   * Identifies the intent: two runs with the same value are one intent (the
   * second is a retry and reuses the key). Default: the variables as JSON.
   */
  intentOf?: (variables: TVariables) => string;
  /** Provider-wide lock keys (see `activityLock`); a run whose keys are held is refused. */
  locks?: (variables: TVariables) => string[];
  /** Undoable writes: ms between `onMutate` and the request. */
  graceMs?: number;
  /**
   * The write is idempotent by nature (set a status, delete by id), so a
   * repeat is harmless even on a backend that ignores idempotency keys. Other
   * writes (create a rule, a block, a ticket) are retried automatically only
   * when the adapter advertises `capabilities.idempotentWrites`.
   */
  idempotent?: boolean;
}

export interface GuardedMutation<TData, TVariables> {
  /** Runs the write; resolves with its result, or `undefined` when refused, undone or not successful (see `status`). */
  run: (variables: TVariables) => Promise<TData | undefined>;
  status: WriteStatus;
  data: TData | undefined;
  error: AdapterError | null;
  /** The variables of the last run (kept after a failure, e.g. to show what failed). */
  variables: TVariables | undefined;
  /** The key of the current intent, once one started. */
  idempotencyKey: string | undefined;
  /** True during an undoable write's grace period. */
  canUndo: boolean;
  /** Cancels the write during its grace period; false when it was already sent. */
  undo: () => boolean;
  /**
   * A repeat of this write cannot apply twice (the backend honours keys, or
   * the write is idempotent by nature): unknown outcomes are retried
   * automatically and the UI may say "retrying is safe".
   */
  retrySafe: boolean;
  reset: () => void;
}

interface Intent {
  fingerprint: string;
  key: string;
  startedAt: number;
  succeeded: boolean;
}

interface State<TData, TVariables> {
  status: WriteStatus;
  data: TData | undefined;
  error: AdapterError | null;
  variables: TVariables | undefined;
  key: string | undefined;
  canUndo: boolean;
}

const IDLE = { status: 'idle', data: undefined, error: null, variables: undefined, key: undefined, canUndo: false } as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function defaultIntent(variables: unknown): string {
  try {
    return JSON.stringify(variables) ?? '';
  } catch {
    return String(Math.random());
  }
}

export function useGuardedMutation<TData, TVariables, TContext = unknown>(
  options: GuardedMutationOptions<TData, TVariables, TContext>,
): GuardedMutation<TData, TVariables> {
  const { adapter, writes, writeRetry, now } = useThreatDeck();
  const retrySafe = supports(adapter, 'idempotentWrites') || !!options.idempotent;
  const [state, setState] = useState<State<TData, TVariables>>(IDLE);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const inFlight = useRef(false);
  const intent = useRef<Intent | null>(null);
  const grace = useRef<{ cancel: () => void } | null>(null);
  const retryRef = useRef(writeRetry);
  retryRef.current = writeRetry;

  const run = useCallback(
    async (variables: TVariables): Promise<TData | undefined> => {
      if (inFlight.current) return undefined;
      const opts = optionsRef.current;
      const release = writes.tryLock(opts.locks?.(variables) ?? []);
      if (!release) return undefined;
      inFlight.current = true;

      const fingerprint = (opts.intentOf ?? defaultIntent)(variables);
      const previous = intent.current;
      const current: Intent =
        previous && previous.fingerprint === fingerprint && !previous.succeeded
          ? previous
          : { fingerprint, key: newIdempotencyKey(), startedAt: now(), succeeded: false };
      intent.current = current;
      const attemptOf = (attempt: number): WriteAttempt => ({
        idempotencyKey: current.key,
        signal: new AbortController().signal,
        attempt,
        startedAt: current.startedAt,
      });

      setState({ status: 'pending', data: undefined, error: null, variables, key: current.key, canUndo: !!opts.graceMs });
      let context: TContext | undefined;
      try {
        try {
          context = opts.onMutate ? await opts.onMutate(variables, attemptOf(0)) : undefined;
        } catch (e) {
          // Nothing was sent: a definitive failure of this attempt.
          const error = toAdapterError(e);
          setState({ status: 'error', data: undefined, error, variables, key: current.key, canUndo: false });
          await opts.onError?.(error, variables, undefined, 'failed');
          return undefined;
        }
        if (opts.graceMs) {
          const undone = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), opts.graceMs);
            grace.current = {
              cancel: () => {
                clearTimeout(timer);
                resolve(true);
              },
            };
          });
          grace.current = null;
          if (undone) {
            await opts.onUndo?.(variables, context);
            setState(IDLE);
            return undefined;
          }
          setState((s) => ({ ...s, canUndo: false }));
        }

        // Without keys a backend cannot tell a retry from a second request: never repeat a create on it.
        const { retries, delayMs } = supports(adapter, 'idempotentWrites') || opts.idempotent ? retryRef.current : { ...retryRef.current, retries: 0 };
        let attempt = 0;
        for (;;) {
          try {
            const data = await opts.mutationFn(variables, attemptOf(attempt));
            current.succeeded = true;
            setState({ status: 'success', data, error: null, variables, key: current.key, canUndo: false });
            await opts.onSuccess?.(data, variables, context);
            await opts.onSettled?.(data, null, variables, context);
            return data;
          } catch (e) {
            const error = toAdapterError(e);
            if (isWriteOutcomeUnknown(error) && attempt < retries) {
              attempt++;
              setState((s) => ({ ...s, status: 'checking' }));
              await sleep(delayMs(attempt));
              continue;
            }
            const outcome: WriteOutcome = isWriteOutcomeUnknown(error) ? 'unknown' : 'failed';
            setState({ status: outcome === 'unknown' ? 'unknown' : 'error', data: undefined, error, variables, key: current.key, canUndo: false });
            await opts.onError?.(error, variables, context, outcome);
            await opts.onSettled?.(undefined, error, variables, context);
            return undefined;
          }
        }
      } finally {
        grace.current = null;
        inFlight.current = false;
        release();
      }
    },
    [adapter, writes, now],
  );

  const undo = useCallback(() => {
    if (!grace.current) return false;
    grace.current.cancel();
    return true;
  }, []);

  const reset = useCallback(() => {
    if (inFlight.current) return;
    setState(IDLE);
  }, []);

  return {
    run,
    status: state.status,
    data: state.data,
    error: state.error,
    variables: state.variables,
    idempotencyKey: state.key,
    canUndo: state.canUndo,
    undo,
    retrySafe,
    reset,
  };
}

/** A fresh signal for a write: writes are not cancelled once sent (the backend may already have acted). */
export function writeSignal(): AbortSignal {
  return new AbortController().signal;
}
