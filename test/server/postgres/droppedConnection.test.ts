/**
 * A database connection killed in the middle of a write (pg_terminate_backend
 * from another connection, after the write's statements ran and before its
 * COMMIT): nothing of it is applied — no rule, no status change, no audit
 * row, no idempotency record, no claimed event id — and the call rejects
 * with a typed `network` error, after which a retry with the same key runs
 * for real, once.
 */
import type pg from 'pg';
import { isAdapterError } from '../../../src/core/errors';
import { createQuery } from '../../../src/core/query';
import { NOW, usePostgres } from './pgTestDatabase';

const pgc = usePostgres();
const signal = () => new AbortController().signal;

/** Kills the backend of `client` from another connection and waits until it is gone. */
async function killBackend(admin: pg.Pool, client: pg.PoolClient): Promise<void> {
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  for (let i = 0; i < 100; i++) {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
    if (!rowCount) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the backend did not terminate');
}

async function state(pool: pg.Pool) {
  const { rows } = await pool.query(`SELECT
    (SELECT count(*) FROM td_suppression_rules) AS rules, (SELECT count(*) FROM td_audit) AS audit,
    (SELECT count(*) FROM td_idempotency_keys) AS keys, (SELECT count(*) FROM td_ingested_events) AS events,
    (SELECT count(*) FROM td_attempts) AS attempts,
    (SELECT md5(string_agg(id || status || coalesce(suppressed_by, '') || attempt_count, ',' ORDER BY id)) FROM td_activities) AS activities`);
  return rows[0];
}

describe.runIf(pgc.enabled)('postgres adapter: a connection dropped mid-write', () => {
  it('an Ignore killed before COMMIT leaves no rule and no ignored activity, rejects with network, and a keyed retry applies once', async () => {
    const database = pgc.ctx().freshDatabase();
    const admin = pgc.ctx().pool(database);
    let kill = true;
    const adapter = pgc.ctx().adapter({
      database,
      beforeCommit: async (client, method) => {
        if (kill && method === 'ignore') {
          kill = false;
          await killBackend(admin, client);
        }
      },
    });
    const a = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const before = await state(admin);
    const params = {
      rule: { actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, expiresAt: null, applyToExisting: true },
      activityIds: [a.id],
      idempotencyKey: 'dropped-ignore-1',
    };
    const e = await adapter.ignore!({ ...params, signal: signal() }).catch((x: unknown) => x);
    expect(isAdapterError(e) && e.code).toBe('network');
    expect(await state(admin)).toEqual(before);
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).status).toBe('active');

    // The pool is healthy again and the retry (same key) runs for real, once.
    const retried = await adapter.ignore!({ ...params, signal: signal() });
    const replay = await adapter.ignore!({ ...params, signal: signal() });
    expect(replay.rule.id).toBe(retried.rule.id);
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).suppressedBy).toBe(retried.rule.id);
    expect(Number((await state(admin)).rules)).toBe(Number(before.rules) + 1);
  });

  it('an ingest killed before COMMIT records no attempt and claims no event id', async () => {
    const database = pgc.ctx().freshDatabase();
    const admin = pgc.ctx().pool(database);
    let kill = true;
    const adapter = pgc.ctx().adapter({
      database,
      beforeCommit: async (client, method) => {
        if (kill && method === 'ingestEvents') {
          kill = false;
          await killBackend(admin, client);
        }
      },
    });
    const events = Array.from({ length: 50 }, (_, i) => ({
      eventId: `drop-${i}`,
      timestamp: NOW - i * 1000,
      actor: { ip: '192.0.2.150' },
      endpoint: { method: 'GET', host: 'api.drop.example', path: '/x' },
      policy: { id: 'pol-drop', name: 'Drop' },
      severity: 'low' as const,
      type: 'anomaly' as const,
      category: 'Abuse',
      subcategory: 'Scraping',
      outcome: 'allowed' as const,
      request: { method: 'GET', url: 'https://api.drop.example/x', httpVersion: 'HTTP/1.1', headers: [] as Array<[string, string]>, body: null },
      response: null,
    }));
    const before = await state(admin);
    const e = await adapter.ingestEvents!({ events, signal: signal() }).catch((x: unknown) => x);
    expect(isAdapterError(e) && e.code).toBe('network');
    expect(await state(admin)).toEqual(before);
    expect((await adapter.ingestEvents!({ events, signal: signal() })).accepted).toBe(50);
  });

  it('a database that is gone answers reads and writes with a typed error, not a crash', async () => {
    const adapter = pgc.ctx().adapter({ database: pgc.ctx().freshDatabase() });
    const a = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const gone = pgc.ctx().adapter({ database: 'no_such_database', migrate: false });
    const read = await gone.getActivity({ id: a.id, signal: signal() }).catch((x: unknown) => x);
    const write = await gone.setStatus({ ids: [a.id], status: 'ignored', signal: signal() }).catch((x: unknown) => x);
    for (const x of [read, write]) expect(isAdapterError(x) && ['network', 'server'].includes(x.code)).toBe(true);
  });
});
