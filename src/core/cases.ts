/**
 * Case handling, the pure part: who can be assigned, what a note and a status
 * reason may hold, and the history of an activity (who did what, when). Every
 * value here that came from a request (note text, reason text, rule reasons,
 * work-item keys) is attacker-written: it is kept as data and rendered as text.
 */
import { AdapterError } from './errors';
import type { Activity, ActivityStatus, Timestamp } from './model';
import type { AssigneeFilter } from './query';

export interface User {
  id: string;
  name: string;
  email?: string;
  /** A deleted user stays listed for history, but nothing new is assigned to them. */
  deleted?: boolean;
}

/** Longest note, in UTF-16 code units after trimming. */
export const MAX_NOTE_LENGTH = 4000;
/** Longest reason choice (a host-configured id such as "false-positive"). */
export const MAX_REASON_CHOICE_LENGTH = 100;
/** Longest free-text reason. */
export const MAX_REASON_TEXT_LENGTH = 1000;
/** Longest user search. */
export const MAX_USER_SEARCH_LENGTH = 200;
/** Largest page of users, notes or history entries. */
export const MAX_CASE_PAGE = 100;
/** Longest user id accepted in an assignment or a filter. */
export const MAX_USER_ID_LENGTH = 256;

/** Why an activity was ignored or marked for review: a host-configured choice and/or free text. */
export interface StatusReason {
  choice?: string;
  text?: string;
}

export interface Note {
  id: string;
  activityId: string;
  /** The principal who wrote it, from authentication (never from the request body). */
  authorId: string;
  /** Plain text, trimmed, 1..MAX_NOTE_LENGTH. */
  text: string;
  createdAt: Timestamp;
}

export const HISTORY_KINDS = ['status', 'rule', 'block', 'workItem', 'assignment', 'note'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

interface HistoryBase {
  id: string;
  activityId: string;
  /** Principal (user) id of whoever wrote the change; `system` for rules applied on ingest. */
  who: string;
  when: Timestamp;
}

/** One row of an activity's history. The fields after `kind` say what changed. */
export type HistoryEntry = HistoryBase &
  (
    | { kind: 'status'; from: ActivityStatus; to: ActivityStatus; reason?: StatusReason }
    | { kind: 'rule'; action: 'created' | 'deleted'; ruleId: string; reason?: string }
    | { kind: 'block'; action: 'blocked' | 'unblocked'; blockId: string; target: string }
    | { kind: 'workItem'; targetId: string; key: string; url: string }
    | { kind: 'assignment'; from: string | null; to: string | null }
    | { kind: 'note'; noteId: string; text: string }
  );

/** A history entry before the store gives it an id. */
export type HistoryDraft = HistoryEntry extends infer E ? (E extends HistoryEntry ? Omit<E, 'id'> : never) : never;

/** Author of writes made by the adapter itself (demo simulation, rules on ingest) or by a caller without a principal. */
export const SYSTEM_PRINCIPAL_ID = 'system';

const invalid = (path: string, message: string) => new AdapterError('invalid_request', message, { path, detail: message });

// C0 controls except tab and line feed, and DEL: a note is plain text, never a terminal escape.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

function plainText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** The stored form of a note: plain text, trimmed, not empty, within the cap — or `invalid_request` naming `path`. */
export function normalizeNoteText(value: unknown, path = 'text'): string {
  if (typeof value !== 'string') throw invalid(path, 'A note is a string of text.');
  const text = plainText(value).trim();
  if (text === '') throw invalid(path, 'A note cannot be empty.');
  if (text.length > MAX_NOTE_LENGTH) throw invalid(path, `A note is at most ${MAX_NOTE_LENGTH} characters.`);
  return text;
}

/** The stored form of a status reason (empty parts dropped; `undefined` when nothing is left), or `invalid_request`. */
export function normalizeStatusReason(value: unknown, path = 'reason'): StatusReason | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(path, 'A reason is an object with choice and/or text.');
  const { choice, text } = value as Record<string, unknown>;
  const out: StatusReason = {};
  if (choice !== undefined) {
    if (typeof choice !== 'string') throw invalid(`${path}.choice`, 'A reason choice is a string.');
    const c = plainText(choice).trim();
    if (c.length > MAX_REASON_CHOICE_LENGTH) throw invalid(`${path}.choice`, `A reason choice is at most ${MAX_REASON_CHOICE_LENGTH} characters.`);
    if (c !== '') out.choice = c;
  }
  if (text !== undefined) {
    if (typeof text !== 'string') throw invalid(`${path}.text`, 'A reason text is a string.');
    const t = plainText(text).trim();
    if (t.length > MAX_REASON_TEXT_LENGTH) throw invalid(`${path}.text`, `A reason text is at most ${MAX_REASON_TEXT_LENGTH} characters.`);
    if (t !== '') out.text = t;
  }
  return out.choice === undefined && out.text === undefined ? undefined : out;
}

/** A user id in a request: a non-empty string within the cap, or `invalid_request` naming `path`. */
export function checkUserId(value: unknown, path = 'userId'): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_USER_ID_LENGTH) throw invalid(path, 'A user id is a non-empty string.');
  return value;
}

/** Whether `user` matches a user search (name, email or id; case-insensitive substring). */
export function userMatches(user: User, search: string | undefined): boolean {
  const s = (search ?? '').trim().toLowerCase();
  if (s === '') return true;
  return user.name.toLowerCase().includes(s) || user.id.toLowerCase().includes(s) || (user.email ?? '').toLowerCase().includes(s);
}

/**
 * Time the activity has waited in triage at `now` (ms since it last became
 * Active), or `null` when it is not Active or the backend does not say.
 */
export function ageInTriage(activity: Pick<Activity, 'status' | 'activeSince'>, now: number): number | null {
  if (activity.status !== 'active' || activity.activeSince === undefined) return null;
  return Math.max(0, now - activity.activeSince);
}

/** Past the host's SLA (ms)? `false` without an SLA or an age. */
export function isPastSla(activity: Pick<Activity, 'status' | 'activeSince'>, now: number, slaMs: number | undefined): boolean {
  const age = ageInTriage(activity, now);
  return slaMs !== undefined && age !== null && age > slaMs;
}

/** The activity's assignee matches the filter, for `me` = `currentUserId`. */
export function matchesAssignee(assigneeId: string | undefined, filter: AssigneeFilter | undefined, currentUserId: string | undefined): boolean {
  if (filter === undefined) return true;
  if (filter === 'unassigned') return assigneeId === undefined;
  if (filter === 'me') return currentUserId !== undefined && assigneeId === currentUserId;
  return assigneeId === filter.userId;
}

