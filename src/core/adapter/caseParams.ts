/**
 * Parameters and results of case handling (capability `cases`): users to
 * assign, assignments, notes and the history of an activity. Writes go
 * through the same bounded bulk target as status changes (ids, or a query
 * bounded by the `asOf` of the list the analyst saw) and carry idempotency
 * keys: each applies once or not at all, and each appends to the history of
 * every activity it changed.
 */
import type { ActivityTarget } from '../activitySelection';
import type { HistoryEntry, Note, User } from '../cases';
import type { CallOptions, Page, WriteOptions } from './callOptions';

export interface ListUsersParams extends CallOptions {
  /** Case-insensitive substring of name, email or id (at most MAX_USER_SEARCH_LENGTH). */
  search?: string;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  /** Page size, 1..MAX_CASE_PAGE (default 50). */
  limit?: number;
}

export interface AssignParams extends WriteOptions {
  /** Which activities: by ids, or by query with `asOf` (activities that arrived or changed later are left alone). */
  target: ActivityTarget;
  /**
   * The assignee (`User.id`), or `null` to unassign. An unknown user is
   * `invalid_request` at path `userId`; so is a deleted one.
   */
  userId: string | null;
}

export interface AddNoteParams extends WriteOptions {
  activityId: string;
  /**
   * Plain text, trimmed, 1..MAX_NOTE_LENGTH characters (`invalid_request` at
   * path `text` otherwise). The author is the caller's principal, never a
   * field of the request.
   */
  text: string;
}

export interface BulkNoteParams extends WriteOptions {
  /** The selection the note goes on (same bounded target as `assignActivities`). */
  target: ActivityTarget;
  text: string;
}

export interface CasePageParams extends CallOptions {
  activityId: string;
  cursor?: string;
  /** Page size, 1..MAX_CASE_PAGE (default 50). */
  limit?: number;
}

/** How many activities a case write changed (an assignment already in place is not counted). */
export interface CaseWriteResult {
  affected: number;
}

export type UserPage = Page<User>;
/** Newest first. */
export type NotePage = Page<Note>;
/** Newest first. */
export type HistoryPage = Page<HistoryEntry>;
