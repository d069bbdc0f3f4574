/**
 * The memory adapter's case handling: users, assignments and notes (one or a
 * bounded bulk target), each write validated whole before anything changes,
 * applied once per idempotency key and written to every changed activity's
 * history; and the notes and history reads, newest first.
 */
import type { ThreatDeckAdapter } from '../../core/adapter';
import { checkUserId, MAX_USER_SEARCH_LENGTH, normalizeNoteText } from '../../core/cases';
import { err, settle, type MemoryStore } from './memoryStore';

type CaseOperations = Pick<Required<ThreatDeckAdapter>, 'listUsers' | 'assignActivities' | 'addNote' | 'addNotes' | 'listNotes' | 'listHistory'>;

/** A request naming its author is refused: the author is whoever is authenticated, never a field of the body. */
function refuseAuthorField(params: object): void {
  for (const field of ['authorId', 'author', 'who']) {
    if (field in params) throw err('invalid_request', 'The author of a note is the caller; a request cannot name one.', field);
  }
}

export function caseOperations(store: MemoryStore): CaseOperations {
  const { index, cases, clock } = store;

  const activityIdOf = (id: unknown) => index.rows[store.rowOf(id)]!.id;

  return {
    listUsers: (params) =>
      settle(() => {
        const { search, cursor, limit } = params;
        if (search !== undefined && (typeof search !== 'string' || search.length > MAX_USER_SEARCH_LENGTH)) {
          throw err('invalid_request', `search must be a string of at most ${MAX_USER_SEARCH_LENGTH} characters.`, 'search');
        }
        return cases.listUsers(search, cursor, limit);
      }),

    assignActivities: (params) =>
      store.write('assignActivities', params, () => {
        let to: string | null = null;
        if (params.userId !== null) {
          const id = checkUserId(params.userId);
          const user = cases.user(id);
          if (!user) throw err('invalid_request', 'No such user.', 'userId');
          if (user.deleted) throw err('invalid_request', 'This user was deleted; cases cannot be assigned to them.', 'userId');
          to = id;
        }
        const rows = store.rowsOfTarget(params.target);
        // Everything is valid: assign in one step, one history entry per activity that changed.
        const now = clock();
        let affected = 0;
        for (const r of rows) {
          const a = index.rows[r]!;
          const from = a.assigneeId ?? null;
          if (from === to) continue;
          cases.settlePast(a.id);
          if (to === null) delete a.assigneeId;
          else a.assigneeId = to;
          cases.record({ kind: 'assignment', activityId: a.id, who: cases.who, when: now, from, to });
          affected++;
        }
        if (affected > 0) store.nextRevision();
        return { affected };
      }),

    addNote: (params) =>
      store.write('addNote', params, () => {
        refuseAuthorField(params);
        const text = normalizeNoteText(params.text);
        const activityId = activityIdOf(params.activityId);
        return cases.addNote(activityId, cases.who, text, clock());
      }),

    addNotes: (params) =>
      store.write('addNotes', params, () => {
        refuseAuthorField(params);
        const text = normalizeNoteText(params.text);
        const rows = store.rowsOfTarget(params.target);
        const now = clock();
        for (const r of rows) cases.addNote(index.rows[r]!.id, cases.who, text, now);
        return { affected: rows.length };
      }),

    listNotes: (params) => settle(() => cases.notesPage(activityIdOf(params.activityId), params.cursor, params.limit)),

    listHistory: (params) => settle(() => cases.historyPage(activityIdOf(params.activityId), params.cursor, params.limit)),
  };
}
