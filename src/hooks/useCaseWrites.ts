/**
 * The writes of case handling on the guarded-write machinery: one
 * idempotency key per analyst intent (reused by every retry), single flight
 * per activity, honest outcomes (`checking`, then the truth or `unknown`).
 * Assigning is idempotent by nature (assigning twice leaves one assignee), so
 * an unknown outcome is retried on any backend; a note is a create, retried
 * only where the backend honours keys (`idempotentWrites`), so a lost answer
 * never files it twice.
 */
import type { CaseWriteResult } from '../core/adapter';
import type { ActivityTarget } from '../core/activitySelection';
import { isQueryTarget } from '../core/activitySelection';
import { supports } from '../core/capabilities';
import type { Note } from '../core/cases';
import { AdapterError, type AdapterError as AdapterErrorType } from '../core/errors';
import { checkRecord } from '../core/parseRecord';
import { queryKey } from '../core/query';
import { caseWriteResultSchema, noteSchema } from '../core/schemas';
import { caseKeys } from './caseKeys';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities } from './threatDeckKeys';
import { useGuardedMutation, type GuardedMutation, type WriteOutcome } from './useGuardedMutation';
import { targetIds, targetLocks } from './useStatusChange';

const unsupported = () => new AdapterError('unsupported', 'This backend has no case handling.');

function targetIntent(target: ActivityTarget): string {
  if (!isQueryTarget(target)) return JSON.stringify({ ids: [...target.ids].sort() });
  return JSON.stringify({ q: queryKey(target.query), x: [...(target.excludeIds ?? [])].sort(), a: target.asOf ?? null });
}

/** Only what a target's adapter call needs: empty members left out. */
function wire(target: ActivityTarget): ActivityTarget {
  if (!isQueryTarget(target)) return { ids: target.ids };
  return { query: target.query, ...(target.asOf !== undefined ? { asOf: target.asOf } : {}), ...(target.excludeIds?.length ? { excludeIds: target.excludeIds } : {}) };
}

export interface CaseWriteOptions<TData, TVariables> {
  onSuccess?: (data: TData, variables: TVariables) => void;
  /** `outcome` is `unknown` when the backend may have applied it (a retry with the same key is safe when `retrySafe`). */
  onError?: (error: AdapterErrorType, variables: TVariables, outcome: WriteOutcome) => void;
}

export interface AssignVariables {
  target: ActivityTarget;
  /** `null` unassigns. */
  userId: string | null;
}

export interface AssignState extends GuardedMutation<CaseWriteResult, AssignVariables> {
  supported: boolean;
  assign: (target: ActivityTarget, userId: string | null) => Promise<CaseWriteResult | undefined>;
}

export function useAssign(options: CaseWriteOptions<CaseWriteResult, AssignVariables> = {}): AssignState {
  const { adapter, queryClient } = useThreatDeck();
  const supported = supports(adapter, 'cases');
  const mutation = useGuardedMutation<CaseWriteResult, AssignVariables>({
    idempotent: true,
    mutationFn: async ({ target, userId }, { idempotencyKey, signal }) => {
      if (!supported || !adapter.assignActivities) throw unsupported();
      return checkRecord(caseWriteResultSchema, await adapter.assignActivities({ target: wire(target), userId, idempotencyKey, signal }), 'assignment result');
    },
    intentOf: ({ target, userId }) => `${targetIntent(target)}|${userId ?? ''}`,
    locks: ({ target }) => targetLocks(target),
    onSuccess: (data, variables) => options.onSuccess?.(data, variables),
    onError: (error, variables, _context, outcome) => options.onError?.(error, variables, outcome),
    onSettled: (_data, _error, { target }) => {
      // Lists, counts (the 'me' / 'unassigned' filters) and each history show what the backend holds now.
      void Promise.all([invalidateActivities(queryClient, targetIds(target)), queryClient.invalidateQueries({ queryKey: caseKeys.allHistory() })]);
    },
  });
  return { ...mutation, supported, assign: (target, userId) => mutation.run({ target, userId }) };
}

export interface AddNoteVariables {
  activityId: string;
  text: string;
}

export interface AddNoteState extends GuardedMutation<Note, AddNoteVariables> {
  supported: boolean;
  addNote: (activityId: string, text: string) => Promise<Note | undefined>;
}

export function useAddNote(options: CaseWriteOptions<Note, AddNoteVariables> = {}): AddNoteState {
  const { adapter, queryClient } = useThreatDeck();
  const supported = supports(adapter, 'cases');
  const mutation = useGuardedMutation<Note, AddNoteVariables>({
    mutationFn: async ({ activityId, text }, { idempotencyKey, signal }) => {
      if (!supported || !adapter.addNote) throw unsupported();
      return checkRecord(noteSchema, await adapter.addNote({ activityId, text, idempotencyKey, signal }), 'note');
    },
    onSuccess: (note, variables) => options.onSuccess?.(note, variables),
    onError: (error, variables, _context, outcome) => options.onError?.(error, variables, outcome),
    onSettled: (_data, _error, { activityId }) => {
      void Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.notesOf(activityId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.historyOf(activityId) }),
      ]);
    },
  });
  return { ...mutation, supported, addNote: (activityId, text) => mutation.run({ activityId, text }) };
}

export interface AddNotesVariables {
  target: ActivityTarget;
  text: string;
}

export interface AddNotesState extends GuardedMutation<CaseWriteResult, AddNotesVariables> {
  supported: boolean;
  addNotes: (target: ActivityTarget, text: string) => Promise<CaseWriteResult | undefined>;
}

/** The same note on a selection (by ids, or by query bounded by the list's `asOf`). */
export function useAddNotes(options: CaseWriteOptions<CaseWriteResult, AddNotesVariables> = {}): AddNotesState {
  const { adapter, queryClient } = useThreatDeck();
  const supported = supports(adapter, 'cases');
  const mutation = useGuardedMutation<CaseWriteResult, AddNotesVariables>({
    mutationFn: async ({ target, text }, { idempotencyKey, signal }) => {
      if (!supported || !adapter.addNotes) throw unsupported();
      return checkRecord(caseWriteResultSchema, await adapter.addNotes({ target: wire(target), text, idempotencyKey, signal }), 'bulk note result');
    },
    intentOf: ({ target, text }) => `${targetIntent(target)}|${text}`,
    locks: ({ target }) => targetLocks(target),
    onSuccess: (data, variables) => options.onSuccess?.(data, variables),
    onError: (error, variables, _context, outcome) => options.onError?.(error, variables, outcome),
    onSettled: () => {
      void Promise.all([queryClient.invalidateQueries({ queryKey: caseKeys.allNotes() }), queryClient.invalidateQueries({ queryKey: caseKeys.allHistory() })]);
    },
  });
  return { ...mutation, supported, addNotes: (target, text) => mutation.run({ target, text }) };
}
