/**
 * The HTTP adapter's case handling (capability `cases`): users, assignments,
 * notes and history over the REST contract, each response validated. A note
 * carries only its text: the author is whoever the backend authenticates.
 */
import type * as v from 'valibot';
import type { ThreatDeckAdapter, WriteOptions } from '../../core/adapter';
import type { ActivityTarget } from '../../core/activitySelection';
import { caseWriteResultSchema, historyPageSchema, notePageSchema, noteSchema, userPageSchema } from '../../core/schemas';

type Get = <S extends v.GenericSchema>(path: string, schema: S, what: string, signal: AbortSignal, params?: URLSearchParams) => Promise<v.InferOutput<S>>;
type Send = <S extends v.GenericSchema | null>(method: 'POST' | 'DELETE', path: string, schema: S, what: string, write: WriteOptions, body?: unknown) => Promise<S extends v.GenericSchema ? v.InferOutput<S> : unknown>;

type CaseMethods = Pick<Required<ThreatDeckAdapter>, 'listUsers' | 'assignActivities' | 'addNote' | 'addNotes' | 'listNotes' | 'listHistory'>;

const segment = encodeURIComponent;

function pageParams(p: { cursor?: string | undefined; limit?: number | undefined; search?: string | undefined }): URLSearchParams {
  const params = new URLSearchParams();
  if (p.search !== undefined && p.search !== '') params.set('search', p.search);
  if (p.cursor !== undefined) params.set('cursor', p.cursor);
  if (p.limit !== undefined) params.set('limit', String(p.limit));
  return params;
}

/** A target on the wire: optional members omitted, never `null`. */
function wireTarget(target: ActivityTarget): ActivityTarget {
  if ('ids' in target) return { ids: target.ids };
  return { query: target.query, ...(target.asOf !== undefined ? { asOf: target.asOf } : {}), ...(target.excludeIds?.length ? { excludeIds: target.excludeIds } : {}) };
}

export function caseRequests(get: Get, send: Send): CaseMethods {
  return {
    listUsers: ({ signal, ...page }) => get('/users', userPageSchema, 'users', signal, pageParams(page)),
    assignActivities: ({ target, userId, ...write }) =>
      send('POST', '/assignments', caseWriteResultSchema, 'assignment', write, { target: wireTarget(target), userId }),
    addNote: ({ activityId, text, ...write }) => send('POST', `/activities/${segment(activityId)}/notes`, noteSchema, 'note', strip(write), { text, ...extraFields(write) }),
    addNotes: ({ target, text, ...write }) => send('POST', '/notes', caseWriteResultSchema, 'bulk note', strip(write), { target: wireTarget(target), text, ...extraFields(write) }),
    listNotes: ({ activityId, signal, ...page }) => get(`/activities/${segment(activityId)}/notes`, notePageSchema, 'notes', signal, pageParams(page)),
    listHistory: ({ activityId, signal, ...page }) => get(`/activities/${segment(activityId)}/history`, historyPageSchema, 'history', signal, pageParams(page)),
  };
}

// A caller that slips an author into the params (the contract tries) sends it on, so the backend refuses it by name.
const WRITE_KEYS = new Set(['signal', 'idempotencyKey', 'principal']);
function strip(write: WriteOptions): WriteOptions {
  return { signal: write.signal, ...(write.idempotencyKey !== undefined ? { idempotencyKey: write.idempotencyKey } : {}) };
}
function extraFields(write: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(write).filter(([k]) => !WRITE_KEYS.has(k)));
}
