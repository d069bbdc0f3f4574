/**
 * Case handling on Postgres, beyond the contract: bad input names its field
 * and writes nothing; a connection dropped mid-assign leaves nothing
 * half-applied; attacker-written note text comes back byte for byte; a
 * second migration run is a no-op.
 */
import type pg from 'pg';
import { isAdapterError } from '../../../src/core/errors';
import { createQuery } from '../../../src/core/query';
import { MAX_NOTE_LENGTH } from '../../../src/core/cases';
import { DEMO_CURRENT_USER_ID } from '../../../src/adapters/memory/demoTeam';
import { usePostgres } from './pgTestDatabase';

const pgc = usePostgres();
const signal = () => new AbortController().signal;

async function caseState(pool: pg.Pool) {
  const { rows } = await pool.query(`SELECT
    (SELECT count(*) FROM td_notes) AS notes, (SELECT count(*) FROM td_history) AS history,
    (SELECT count(*) FROM td_audit) AS audit, (SELECT count(*) FROM td_idempotency_keys) AS keys,
    (SELECT md5(string_agg(id || coalesce(assignee_id, '-'), ',' ORDER BY id)) FROM td_activities) AS assignees`);
  return rows[0];
}

describe.runIf(pgc.enabled)('postgres adapter: case handling', () => {
  it('a note over the cap, an unknown user and a deleted user are invalid_request naming the field, and nothing is written', async () => {
    const database = pgc.ctx().freshDatabase();
    const admin = pgc.ctx().pool(database);
    const adapter = pgc.ctx().adapter({ database, users: [{ id: 'u-1', name: 'One' }, { id: 'u-gone', name: 'Gone', deleted: true }] });
    const a = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const before = await caseState(admin);
    await expect(adapter.addNote!({ activityId: a.id, text: 'x'.repeat(MAX_NOTE_LENGTH + 1), signal: signal() })).rejects.toMatchObject({ code: 'invalid_request', path: 'text' });
    await expect(adapter.addNotes!({ target: { ids: [a.id] }, text: ' ', signal: signal() })).rejects.toMatchObject({ code: 'invalid_request', path: 'text' });
    await expect(adapter.assignActivities!({ target: { ids: [a.id] }, userId: 'u-nobody', signal: signal() })).rejects.toMatchObject({ code: 'invalid_request', path: 'userId' });
    await expect(adapter.assignActivities!({ target: { query: createQuery() }, userId: 'u-gone', signal: signal() })).rejects.toMatchObject({ code: 'invalid_request', path: 'userId' });
    expect(await caseState(admin)).toEqual(before);
    expect((await adapter.listUsers!({ signal: signal() })).items.map((u) => u.id)).toEqual(['u-gone', 'u-1']);
  });

  it('a connection dropped before an assignment by query commits leaves every assignee and the history as they were; a keyed retry applies once', async () => {
    const database = pgc.ctx().freshDatabase();
    const admin = pgc.ctx().pool(database);
    let kill = true;
    const adapter = pgc.ctx().adapter({
      database,
      currentUserId: DEMO_CURRENT_USER_ID,
      beforeCommit: async (client, method) => {
        if (!kill || method !== 'assignActivities') return;
        kill = false;
        const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      },
    });
    const page = await adapter.listActivities({ query: createQuery({ assignee: 'unassigned' }), pageSize: 1, signal: signal() });
    expect(page.total).toBeGreaterThan(1);
    const before = await caseState(admin);
    const params = { target: { query: createQuery({ assignee: 'unassigned' }), asOf: page.asOf }, userId: DEMO_CURRENT_USER_ID, idempotencyKey: 'dropped-assign-1' };
    const e = await adapter.assignActivities!({ ...params, signal: signal() }).catch((x: unknown) => x);
    expect(isAdapterError(e) && e.code).toBe('network');
    expect(await caseState(admin)).toEqual(before);
    const done = await adapter.assignActivities!({ ...params, signal: signal() });
    expect(done.affected).toBe(page.total);
    expect((await adapter.assignActivities!({ ...params, signal: signal() })).affected).toBe(page.total);
    const { rows } = await admin.query<{ n: string }>("SELECT count(*) AS n FROM td_history WHERE kind = 'assignment'");
    expect(Number(rows[0]!.n)).toBe(page.total);
    expect((await adapter.listActivities({ query: createQuery({ assignee: 'unassigned' }), pageSize: 1, signal: signal() })).total).toBe(0);
  });

  it('attacker-written note text is stored and returned byte for byte, in the notes and the history', async () => {
    const adapter = pgc.ctx().adapter({ currentUserId: DEMO_CURRENT_USER_ID });
    const a = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const hostile = `<img src=x onerror=alert(1)>'; DROP TABLE td_notes; -- $1 \\x00 %_ \u202e ${'𝕏'.repeat(3)}\n"quoted"`;
    const note = await adapter.addNote!({ activityId: a.id, text: hostile, signal: signal() });
    expect(note.text).toBe(hostile);
    expect(note.authorId).toBe(DEMO_CURRENT_USER_ID);
    expect((await adapter.listNotes!({ activityId: a.id, signal: signal() })).items[0]).toEqual(note);
    const entry = (await adapter.listHistory!({ activityId: a.id, signal: signal() })).items[0]!;
    expect(entry).toMatchObject({ kind: 'note', noteId: note.id, text: hostile, who: DEMO_CURRENT_USER_ID });
  });

  it('a second migration run applies nothing', async () => {
    const adapter = pgc.ctx().adapter();
    await adapter.listUsers!({ signal: signal() });
    expect(await adapter.runMigrations()).toEqual([]);
  });
});
