/**
 * What the reference server accepts for case handling: the bounded bulk
 * target (ids, or a query with `asOf` and `excludeIds`), assignments and
 * notes. Bodies are strict: a body naming an author (`authorId`) is refused,
 * since the author is whoever authenticated. The note's exact cap (after
 * trimming) is the adapter's; the schema only bounds what is read.
 */
import * as v from 'valibot';
import { MAX_CASE_PAGE, MAX_NOTE_LENGTH, MAX_USER_ID_LENGTH, MAX_USER_SEARCH_LENGTH } from '../src/core/cases';
import type { ActivityTarget } from '../src/core/activitySelection';
import type { AuthenticatedCaller } from './auth';
import type { ActivityQuery } from '../src/core/query';
import { activityQuerySchema, idList, readCursor, readInteger, readText, REQUEST_LIMITS, toActivityQuery } from './requestSchemas';

const target = v.union([
  v.strictObject({ ids: idList(1) }),
  v.strictObject({ query: activityQuerySchema, asOf: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(REQUEST_LIMITS.asOfLength))), excludeIds: v.optional(idList(0)) }),
]);
// Whitespace around a note is trimmed by the adapter, so the read bound leaves room for it.
const noteText = v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH * 2));

export const assignmentRequestSchema = v.strictObject({ target, userId: v.nullable(v.pipe(v.string(), v.maxLength(MAX_USER_ID_LENGTH))) });
export const noteRequestSchema = v.strictObject({ text: noteText });
export const bulkNoteRequestSchema = v.strictObject({ target, text: noteText });

/** `me` is the caller: the server resolves it from authentication before the adapter sees the query. */
export function queryForCaller(query: ActivityQuery, caller: AuthenticatedCaller): ActivityQuery {
  return query.assignee === 'me' ? { ...query, assignee: { userId: caller.principal.id } } : query;
}

/** A parsed target, with its query normalised and `me` resolved. */
export function toActivityTarget(input: v.InferOutput<typeof target>, caller: AuthenticatedCaller): ActivityTarget {
  if ('ids' in input) return { ids: input.ids };
  return {
    query: queryForCaller(toActivityQuery(input.query), caller),
    ...(input.asOf !== undefined ? { asOf: input.asOf } : {}),
    ...(input.excludeIds !== undefined ? { excludeIds: input.excludeIds } : {}),
  };
}

/** `cursor` and `limit` of a case page (users, notes, history). */
export function readCasePage(params: URLSearchParams): { cursor?: string; limit?: number } {
  const cursor = readCursor(params);
  const limit = readInteger(params, 'limit', 1, MAX_CASE_PAGE);
  return { ...(cursor !== undefined ? { cursor } : {}), ...(limit !== undefined ? { limit } : {}) };
}

export const readUserSearch = (params: URLSearchParams) => readText(params, 'search', MAX_USER_SEARCH_LENGTH);
