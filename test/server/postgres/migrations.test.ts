/**
 * Versioned migrations (a second run changes nothing) and attempt retention
 * (month partitions made as needed, old ones dropped whole).
 */
import { runMigrations, MIGRATIONS } from '../../../src/server/index';
import { attemptPageSql, TIMELINE_COUNTS_SQL } from '../../../src/server/postgres/detailReads';
import { NOW, usePostgres } from './pgTestDatabase';

const pg = usePostgres();
const DAY = 86_400_000;

describe.runIf(pg.enabled)('postgres migrations', () => {
  it('apply every version once; a second run is a no-op that leaves the schema as it was', async () => {
    const name = 'migrations_empty';
    pg.ctx().cluster.createDatabase(name);
    const pool = pg.ctx().pool(name);
    const schema = async () =>
      (await pool.query<{ d: string }>(
        `SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, column_name) AS d
         FROM information_schema.columns WHERE table_schema = 'public'`,
      )).rows[0]!.d;
    expect(await runMigrations(pool)).toEqual(MIGRATIONS.map((m) => m.version));
    const after = await schema();
    expect(after).toContain('td_activities.search_text');
    expect(await runMigrations(pool)).toEqual([]);
    expect(await schema()).toBe(after);
    const { rows } = await pool.query('SELECT version FROM td_schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect((await pool.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).rowCount).toBe(1);
  });

  it('two processes migrating at once apply each version once', async () => {
    const name = 'migrations_race';
    pg.ctx().cluster.createDatabase(name);
    const [a, b] = await Promise.all([runMigrations(pg.ctx().pool(name)), runMigrations(pg.ctx().pool(name))]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('attempts carry one index (migration 9): pages walk it and timelines count from it alone', async () => {
    const database = pg.ctx().freshDatabase();
    const pool = pg.ctx().pool(database);
    // On the parent; each partition has its own copy of the same definition.
    const { rows } = await pool.query<{ d: string }>("SELECT indexdef AS d FROM pg_indexes WHERE tablename = 'td_attempts'");
    expect(rows.map((r) => r.d.replace(/^.* USING /, ''))).toEqual(['btree (activity_id, ts, seq) INCLUDE (outcome)']);
    const { rows: [busiest] } = await pool.query<{ id: string }>('SELECT id FROM td_activities ORDER BY attempt_count DESC LIMIT 1');
    // Sets the visibility map, as on partitions autovacuum has passed over.
    await pool.query('VACUUM td_attempts');
    const plan = async (sql: string, values: unknown[]) => {
      const client = await pool.connect();
      try {
        // The test database is small enough to read whole; say which path is wanted, as at 10M rows.
        await client.query('BEGIN');
        await client.query('SET LOCAL enable_seqscan = off');
        await client.query('SET LOCAL enable_bitmapscan = off');
        return (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    };
    // The statements the adapter sends (detailReads), not copies of them.
    const timeline = await plan(TIMELINE_COUNTS_SQL, [busiest!.id, 0, 60_000, 0, NOW]);
    expect(timeline).toContain('Index Only Scan');
    expect(timeline).not.toMatch(/Seq Scan|Bitmap/);
    const page = await plan(attemptPageSql(false), [busiest!.id, 51]);
    expect(page).toMatch(/Index Scan Backward/);
    expect(page).not.toMatch(/Sort|Seq Scan/);
    const nextPage = await plan(attemptPageSql(true), [busiest!.id, NOW, 0, 51]);
    expect(nextPage).toMatch(/Index Scan Backward/);
    expect(nextPage).not.toMatch(/Sort|Seq Scan/);
  });

  it('retention drops the attempt partitions older than N days and keeps the rest', async () => {
    const database = pg.ctx().freshDatabase();
    const adapter = pg.ctx().adapter({ database });
    const pool = pg.ctx().pool(database);
    const { rows: before } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM td_attempts');
    const old = NOW - 400 * DAY;
    await pool.query('SELECT td_ensure_attempt_partition($1::bigint)', [old]);
    await pool.query(
      `INSERT INTO td_attempts (activity_id, ts, seq, id, source_ip, outcome, request) VALUES ('act-000001', $1, nextval('td_attempt_seq'), 'old-1', '192.0.2.1', 0, '{}')`,
      [old],
    );
    const partitions = async () => (await pool.query<{ relname: string }>("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'td_attempts'::regclass ORDER BY 1")).rows.map((r) => r.relname);
    const all = await partitions();
    const oldName = `td_attempts_${new Date(old).toISOString().slice(0, 7).replace('-', '')}`;
    expect(all).toContain(oldName);
    const dropped = await adapter.dropAttemptsOlderThan(180);
    expect(dropped).toEqual([oldName]);
    expect(await partitions()).toEqual(all.filter((p) => p !== oldName));
    const { rows: after } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM td_attempts');
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await adapter.dropAttemptsOlderThan(180)).toEqual([]);
  });
});
