/**
 * The memory adapter's case state: the users, every activity's notes and its
 * history (append-only, so a page cursor is a position that never moves), and
 * who is writing right now. An activity's seeded past (demoTeam) is written
 * into its history the first time anything reads or appends to it, so 100k
 * activities cost nothing until one is opened.
 */
import { MAX_CASE_PAGE, userMatches, type HistoryDraft, type HistoryEntry, type Note, type User } from '../../core/cases';
import type { Page } from '../../core/adapter';
import type { Activity } from '../../core/model';
import { seededCase } from './demoTeam';
import { AdapterError } from '../../core/errors';

const err = (code: 'invalid_request', message: string, path: string) => new AdapterError(code, message, { path });

/** A cursor is the position (from the oldest) where the next newest-first page starts. */
function pageNewestFirst<T>(items: readonly T[], cursor: string | undefined, limit: number | undefined): Page<T> {
  const size = limitOf(limit);
  let end = items.length;
  if (cursor !== undefined) {
    if (typeof cursor !== 'string' || !/^\d{1,9}$/.test(cursor) || Number(cursor) > items.length) throw err('invalid_request', 'Malformed cursor.', 'cursor');
    end = Number(cursor);
  }
  const start = Math.max(0, end - size);
  return { items: items.slice(start, end).reverse(), total: items.length, nextCursor: start > 0 ? String(start) : null };
}

export function limitOf(limit: unknown): number {
  if (limit === undefined) return 50;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_CASE_PAGE) throw err('invalid_request', `limit must be an integer from 1 to ${MAX_CASE_PAGE}.`, 'limit');
  return limit;
}

export class CaseStore {
  private readonly usersById: Map<string, User>;
  private readonly sortedUsers: User[];
  private readonly notes = new Map<string, Note[]>();
  private readonly history = new Map<string, HistoryEntry[]>();
  private seeded = new Set<string>();
  private counter = 0;
  /** Who the current write is by (set around each write; the signed-in user otherwise). */
  who: string;

  constructor(
    users: readonly User[],
    readonly currentUserId: string | undefined,
    private readonly seed: number,
    /** The dataset activity of that id (`undefined` for live or ingested ones, which have no seeded past). */
    private readonly activityOf: (id: string) => Activity | undefined,
  ) {
    this.usersById = new Map(users.map((u) => [u.id, { ...u }]));
    this.sortedUsers = [...this.usersById.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    this.who = currentUserId ?? 'system';
  }

  user(id: string): User | undefined {
    return this.usersById.get(id);
  }

  listUsers(search: string | undefined, cursor: string | undefined, limit: number | undefined): Page<User> {
    const matching = this.sortedUsers.filter((u) => userMatches(u, search));
    const size = limitOf(limit);
    let start = 0;
    if (cursor !== undefined) {
      if (typeof cursor !== 'string' || !/^\d{1,9}$/.test(cursor) || Number(cursor) > matching.length) throw err('invalid_request', 'Malformed cursor.', 'cursor');
      start = Number(cursor);
    }
    const end = Math.min(matching.length, start + size);
    return { items: matching.slice(start, end).map((u) => ({ ...u })), total: matching.length, nextCursor: end < matching.length ? String(end) : null };
  }

  private nextId(prefix: string): string {
    return `${prefix}-${(++this.counter).toString(36)}`;
  }

  /** Writes the seeded past of a dataset activity into its history (once); call before changing the activity. */
  settlePast(activityId: string): void {
    this.ensureSeeded(activityId);
  }

  private ensureSeeded(activityId: string): void {
    if (this.seeded.has(activityId)) return;
    this.seeded.add(activityId);
    const a = this.activityOf(activityId);
    if (!a) return;
    const past = seededCase(this.seed, a);
    const entries: HistoryDraft[] = [];
    if (past.assignedBy) entries.push({ kind: 'assignment', activityId, who: past.assignedBy.who, when: past.assignedBy.when, from: null, to: a.assigneeId ?? null });
    for (const n of past.notes) {
      const note: Note = { id: this.nextId('note'), activityId, authorId: n.who, text: n.text, createdAt: n.when };
      this.listOf(this.notes, activityId).push(note);
      entries.push({ kind: 'note', activityId, who: n.who, when: n.when, noteId: note.id, text: n.text });
    }
    if (past.status) entries.push({ kind: 'status', activityId, who: past.status.who, when: past.status.when, from: 'active', to: a.status, reason: past.status.reason });
    entries.sort((x, y) => x.when - y.when);
    for (const e of entries) this.listOf(this.history, activityId).push({ ...e, id: this.nextId('h') } as HistoryEntry);
  }

  private listOf<T>(map: Map<string, T[]>, id: string): T[] {
    let list = map.get(id);
    if (!list) map.set(id, (list = []));
    return list;
  }

  record(draft: HistoryDraft): void {
    this.ensureSeeded(draft.activityId);
    this.listOf(this.history, draft.activityId).push({ ...draft, id: this.nextId('h') } as HistoryEntry);
  }

  addNote(activityId: string, authorId: string, text: string, at: number): Note {
    this.ensureSeeded(activityId);
    const note: Note = { id: this.nextId('note'), activityId, authorId, text, createdAt: at };
    this.listOf(this.notes, activityId).push(note);
    this.record({ kind: 'note', activityId, who: authorId, when: at, noteId: note.id, text });
    return { ...note };
  }

  notesPage(activityId: string, cursor: string | undefined, limit: number | undefined): Page<Note> {
    this.ensureSeeded(activityId);
    const page = pageNewestFirst(this.notes.get(activityId) ?? [], cursor, limit);
    return { ...page, items: page.items.map((n) => ({ ...n })) };
  }

  historyPage(activityId: string, cursor: string | undefined, limit: number | undefined): Page<HistoryEntry> {
    this.ensureSeeded(activityId);
    const page = pageNewestFirst(this.history.get(activityId) ?? [], cursor, limit);
    return { ...page, items: page.items.map((h) => structuredClone(h)) };
  }
}
