/**
 * Case reads in SQL: the team (search, offset pages in name order, as the
 * memory adapter pages it), an activity's notes and its history, newest
 * first by a position that never moves (both tables are append-only, so a
 * cursor is the seq the next page starts below).
 */
import type { Pool, PoolClient } from 'pg';
import type { HistoryPage, ListUsersParams, NotePage, UserPage } from '../../core/adapter';
import { MAX_USER_SEARCH_LENGTH, type HistoryEntry, type User } from '../../core/cases';
import { AdapterError } from '../../core/errors';
import { limitOf } from '../../adapters/memory/caseStore';
import { activityNotFound } from './detailReads';
import { likeSubstring } from './queryToSql';

const bad = (message: string, path: string) => new AdapterError('invalid_request', message, { path });

function cursorOf(cursor: unknown): number | null {
  if (cursor === undefined) return null;
  if (typeof cursor !== 'string' || !/^\d{1,15}$/.test(cursor)) throw bad('Malformed cursor.', 'cursor');
  return Number(cursor);
}

/** Replaces the team (the adapter's `users` option, the demo loader). */
export async function replaceUsers(client: Pool | PoolClient, users: readonly User[]): Promise<void> {
  await client.query('DELETE FROM td_users');
  await client.query(
    'INSERT INTO td_users (id, name, email, deleted) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])',
    [users.map((u) => u.id), users.map((u) => u.name), users.map((u) => u.email ?? null), users.map((u) => u.deleted === true)],
  );
}

interface UserRow {
  id: string;
  name: string;
  email: string | null;
  deleted: boolean;
  total: string;
}

export async function listUsers(pool: Pool, params: ListUsersParams): Promise<UserPage> {
  const { search } = params;
  if (search !== undefined && (typeof search !== 'string' || search.length > MAX_USER_SEARCH_LENGTH)) {
    throw bad(`search must be a string of at most ${MAX_USER_SEARCH_LENGTH} characters.`, 'search');
  }
  const size = limitOf(params.limit);
  const start = cursorOf(params.cursor) ?? 0;
  const needle = (search ?? '').trim().toLowerCase();
  // PostgreSQL text cannot hold U+0000, so no user has one.
  if (needle.includes('\0')) return { items: [], total: 0, nextCursor: null };
  const values = [needle, likeSubstring(needle), start, size];
  const { rows } = await pool.query<UserRow>(
    `SELECT id, name, email, deleted, count(*) OVER () AS total FROM td_users
     WHERE $1::text = '' OR lower(name) LIKE $2 OR lower(id) LIKE $2 OR lower(coalesce(email, '')) LIKE $2
     ORDER BY name, id OFFSET $3 LIMIT $4`,
    values,
  );
  // Past the end the window count is gone: count the matches on their own.
  const total = rows.length ? Number(rows[0]!.total) : start === 0 ? 0 : Number((await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM td_users WHERE $1::text = '' OR lower(name) LIKE $2 OR lower(id) LIKE $2 OR lower(coalesce(email, '')) LIKE $2`, values.slice(0, 2))).rows[0]!.n);
  const items = rows.map((r): User => ({ id: r.id, name: r.name, ...(r.email !== null ? { email: r.email } : {}), ...(r.deleted ? { deleted: true } : {}) }));
  return { items, total, nextCursor: start + rows.length < total ? String(start + rows.length) : null };
}

async function checkActivity(pool: Pool, id: unknown): Promise<string> {
  if (typeof id !== 'string' || id.includes('\0')) throw activityNotFound(id);
  const { rowCount } = await pool.query('SELECT 1 FROM td_activities WHERE id = $1', [id]);
  if (!rowCount) throw activityNotFound(id);
  return id;
}

/** One newest-first page of an append-only table of an activity: rows below the cursor's seq. */
async function pageOf<R extends { seq: string }>(pool: Pool, table: 'td_notes' | 'td_history', columns: string, activityId: unknown, cursor: unknown, limit: unknown) {
  const id = await checkActivity(pool, activityId);
  const size = limitOf(limit);
  const below = cursorOf(cursor);
  const { rows } = await pool.query<R>(
    `SELECT seq, ${columns} FROM ${table} WHERE activity_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint) ORDER BY seq DESC LIMIT $3`,
    [id, below, size + 1],
  );
  const { rows: counted } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE activity_id = $1`, [id]);
  const page = rows.slice(0, size);
  return { rows: page, total: Number(counted[0]!.n), nextCursor: rows.length > size ? page[page.length - 1]!.seq : null };
}

export async function listNotes(pool: Pool, activityId: unknown, cursor: unknown, limit: unknown): Promise<NotePage> {
  type Row = { seq: string; id: string; activity_id: string; author_id: string; text: string; created_at: string };
  const page = await pageOf<Row>(pool, 'td_notes', 'id, activity_id, author_id, text, created_at', activityId, cursor, limit);
  const items = page.rows.map((r) => ({ id: r.id, activityId: r.activity_id, authorId: r.author_id, text: r.text, createdAt: Number(r.created_at) }));
  return { items, total: page.total, nextCursor: page.nextCursor };
}

export async function listHistory(pool: Pool, activityId: unknown, cursor: unknown, limit: unknown): Promise<HistoryPage> {
  type Row = { seq: string; activity_id: string; kind: HistoryEntry['kind']; who: string; at: string; detail: Record<string, unknown> };
  const page = await pageOf<Row>(pool, 'td_history', 'activity_id, kind, who, at, detail', activityId, cursor, limit);
  const items = page.rows.map((r) => ({ ...r.detail, id: `h-${r.seq}`, activityId: r.activity_id, kind: r.kind, who: r.who, when: Number(r.at) }) as HistoryEntry);
  return { items, total: page.total, nextCursor: page.nextCursor };
}
