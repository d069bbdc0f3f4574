/**
 * Case writes in SQL: assignments and notes on one activity or a bounded bulk
 * target (ids, or a query bounded by asOf, as setStatusByQuery selects), and
 * the history rows every write appends for each activity it changed. Each
 * runs inside `write` (database.ts): validation comes first, and a failure
 * anywhere rolls the whole write back.
 */
import { randomUUID } from 'node:crypto';
import type { AddNoteParams, AssignParams, BulkNoteParams, CaseWriteResult } from '../../core/adapter';
import { isQueryTarget, type ActivityTarget } from '../../core/activitySelection';
import { checkUserId, normalizeNoteText, type Note } from '../../core/cases';
import { AdapterError } from '../../core/errors';
import type { WriteContext } from './database';
import { activityNotFound } from './detailReads';
import { liveIdsPayloads } from './livePayloads';
import { bulkSelection, lockActivities } from './statusWrites';
import { recordHistory } from './caseHistory';

const bad = (message: string, path: string) => new AdapterError('invalid_request', message, { path });

/** A request naming its author is refused: the author is whoever is authenticated, never a field of the body. */
function refuseAuthorField(params: object): void {
  for (const field of ['authorId', 'author', 'who']) {
    if (field in params) throw bad('The author of a note is the caller; a request cannot name one.', field);
  }
}

/** The ids of a target, locked in id order; by query, the rows in its status bounded by asOf. */
async function lockTarget(ctx: WriteContext, target: ActivityTarget): Promise<string[]> {
  if (target === null || typeof target !== 'object') throw bad('target is { ids } or { query, excludeIds?, asOf? }.', 'target');
  if (!isQueryTarget(target)) {
    const ids: unknown = (target as { ids?: unknown }).ids;
    if (!Array.isArray(ids)) throw bad('target.ids must be an array of activity ids.', 'target.ids');
    const checked = ids.map((id) => {
      if (typeof id !== 'string' || id.includes('\0')) throw activityNotFound(id);
      return id;
    });
    await lockActivities(ctx.client, checked);
    return [...new Set(checked)];
  }
  const { where, values } = await bulkSelection(ctx.client, target, ctx.now, ctx.who);
  const { rows } = await ctx.client.query<{ id: string }>(`SELECT id FROM td_activities WHERE ${where} ORDER BY id FOR UPDATE`, values);
  return rows.map((r) => r.id);
}

export async function assignRows(ctx: WriteContext, params: AssignParams): Promise<CaseWriteResult> {
  let to: string | null = null;
  if (params.userId !== null) {
    const id = checkUserId(params.userId);
    const { rows } = await ctx.client.query<{ deleted: boolean }>('SELECT deleted FROM td_users WHERE id = $1', [id.includes('\0') ? '' : id]);
    if (!rows[0]) throw bad('No such user.', 'userId');
    if (rows[0].deleted) throw bad('This user was deleted; cases cannot be assigned to them.', 'userId');
    to = id;
  }
  const ids = await lockTarget(ctx, params.target);
  const { rows } = await ctx.client.query<{ id: string; old: string | null }>(
    `WITH target AS (SELECT id, assignee_id AS old FROM td_activities WHERE id = ANY($1::text[]) AND assignee_id IS DISTINCT FROM $2::text)
     UPDATE td_activities a SET assignee_id = $2::text FROM target WHERE a.id = target.id RETURNING a.id, target.old`,
    [ids, to],
  );
  if (rows.length > 0) await ctx.revision();
  await recordHistory(ctx, 'assignment', rows.map((r) => ({ activityId: r.id, detail: { from: r.old, to } })));
  for (const payload of liveIdsPayloads(rows.map((r) => r.id), [])) ctx.notify(payload);
  return { affected: rows.length };
}

/** Appends the same note to each activity, with its history row; returns the notes in `ids` order. */
async function insertNotes(ctx: WriteContext, ids: readonly string[], text: string): Promise<Note[]> {
  const notes = ids.map((activityId): Note => ({ id: `note-${randomUUID()}`, activityId, authorId: ctx.who, text, createdAt: ctx.now }));
  if (notes.length === 0) return notes;
  await ctx.client.query(
    `INSERT INTO td_notes (id, activity_id, author_id, text, created_at)
     SELECT id, activity_id, $3, $4, $5 FROM unnest($1::text[], $2::text[]) AS u(id, activity_id)`,
    [notes.map((n) => n.id), notes.map((n) => n.activityId), ctx.who, text, ctx.now],
  );
  await recordHistory(ctx, 'note', notes.map((n) => ({ activityId: n.activityId, detail: { noteId: n.id, text } })));
  return notes;
}

export async function addNoteRow(ctx: WriteContext, params: AddNoteParams): Promise<Note> {
  refuseAuthorField(params);
  const text = normalizeNoteText(params.text);
  const id = params.activityId;
  if (typeof id !== 'string' || id.includes('\0')) throw activityNotFound(id);
  await lockActivities(ctx.client, [id]);
  return (await insertNotes(ctx, [id], text))[0]!;
}

export async function addNotesRows(ctx: WriteContext, params: BulkNoteParams): Promise<CaseWriteResult> {
  refuseAuthorField(params);
  const text = normalizeNoteText(params.text);
  const ids = await lockTarget(ctx, params.target);
  await insertNotes(ctx, ids, text);
  return { affected: ids.length };
}
