/**
 * The reads of case handling: users to assign (searchable, paged), and one
 * activity's notes and history (newest first, paged). Every page is checked
 * against the core's schemas at the boundary; a backend without `cases`
 * gets `supported: false` and no request.
 */
import type { ThreatDeckAdapter } from '../core/adapter';
import { supports } from '../core/capabilities';
import type { HistoryEntry, Note, User } from '../core/cases';
import { AdapterError } from '../core/errors';
import { checkRecord } from '../core/parseRecord';
import { historyPageSchema, notePageSchema, userPageSchema } from '../core/schemas';
import { caseKeys } from './caseKeys';
import { useThreatDeck } from './ThreatDeckProvider';
import { useCollectionPages, type CollectionPagesState } from './useCollectionPages';

export interface CaseReadState<T> extends CollectionPagesState<T> {
  /** The adapter has case handling (`cases` capability and its methods). */
  supported: boolean;
}

const unsupported = () => Promise.reject(new AdapterError('unsupported', 'This backend has no case handling.'));
const usable = (adapter: ThreatDeckAdapter) => supports(adapter, 'cases');

export interface UseUsersOptions {
  /** Narrows by name, email or id. */
  search?: string;
  /** Users per page (default 50, at most 100). */
  pageSize?: number;
  enabled?: boolean;
}

/** Users who can be assigned; deleted users are listed (with `deleted`) so history can name them. */
export function useUsers(options: UseUsersOptions = {}): CaseReadState<User> {
  const { adapter } = useThreatDeck();
  const search = (options.search ?? '').trim();
  const pageSize = options.pageSize ?? 50;
  const supported = usable(adapter);
  const pages = useCollectionPages<User>({
    queryKey: caseKeys.users(search, pageSize),
    // A new search keeps the previous users on screen until its answer arrives.
    placeholderScope: caseKeys.allUsers(),
    load: ({ signal, cursor }) =>
      adapter.listUsers ? adapter.listUsers({ signal, limit: pageSize, ...(search ? { search } : {}), ...(cursor !== undefined ? { cursor } : {}) }) : unsupported(),
    checkPage: (page) => checkRecord(userPageSchema, page, 'users page'),
    idOf: (u) => u.id,
    enabled: supported && (options.enabled ?? true),
  });
  return { ...pages, supported };
}

export interface UseActivityCaseOptions {
  /** Entries per page (default 50, at most 100). */
  pageSize?: number;
  enabled?: boolean;
}

/** An activity's notes, newest first. */
export function useActivityNotes(activityId: string, options: UseActivityCaseOptions = {}): CaseReadState<Note> {
  const { adapter } = useThreatDeck();
  const pageSize = options.pageSize ?? 50;
  const supported = usable(adapter);
  const pages = useCollectionPages<Note>({
    queryKey: caseKeys.notes(activityId, pageSize),
    // Another activity's notes never show under this one.
    placeholderScope: caseKeys.notes(activityId, pageSize),
    load: ({ signal, cursor }) =>
      adapter.listNotes ? adapter.listNotes({ activityId, signal, limit: pageSize, ...(cursor !== undefined ? { cursor } : {}) }) : unsupported(),
    checkPage: (page) => checkRecord(notePageSchema, page, 'notes page'),
    idOf: (n) => n.id,
    enabled: supported && (options.enabled ?? true),
  });
  return { ...pages, supported };
}

/** An activity's history (status, rules, blocks, work items, assignments, notes), newest first. */
export function useActivityHistory(activityId: string, options: UseActivityCaseOptions = {}): CaseReadState<HistoryEntry> {
  const { adapter } = useThreatDeck();
  const pageSize = options.pageSize ?? 50;
  const supported = usable(adapter);
  const pages = useCollectionPages<HistoryEntry>({
    queryKey: caseKeys.history(activityId, pageSize),
    placeholderScope: caseKeys.history(activityId, pageSize),
    load: ({ signal, cursor }) =>
      adapter.listHistory ? adapter.listHistory({ activityId, signal, limit: pageSize, ...(cursor !== undefined ? { cursor } : {}) }) : unsupported(),
    checkPage: (page) => checkRecord(historyPageSchema, page, 'history page'),
    idOf: (h) => h.id,
    enabled: supported && (options.enabled ?? true),
  });
  return { ...pages, supported };
}
