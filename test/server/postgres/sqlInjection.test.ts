/**
 * The CRS SQL-injection requests (test/fixtures/attack-requests.json, rules
 * 942xxx) as filter, search, facet-search and bulk-query values: the Postgres
 * adapter answers exactly what the memory adapter computes over the same
 * seeded data, and the database is unchanged afterwards.
 */
import type { Pool } from 'pg';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { isAdapterError } from '../../../src/core/errors';
import { createQuery, FILTER_FIELDS, QUERY_LIMITS, type ActivityQuery } from '../../../src/core/query';
import { fixtureRecords } from '../../core/export/fixtureRequests';
import { ACTIVITIES, NOW, SEED, usePostgres } from './pgTestDatabase';

const pg = usePostgres();
const signal = () => new AbortController().signal;

/** Distinct attack strings from the SQL-injection rules' requests: bodies, targets, header values, and short cuts of them. */
function injectionValues(): string[] {
  const out = new Set<string>();
  for (const r of fixtureRecords.filter((x) => (x as { rule?: string }).rule?.startsWith('942'))) {
    for (const v of [r.body ?? '', r.url, ...r.headers.map(([, value]) => value)]) {
      if (!v || v.length > QUERY_LIMITS.valueLength) continue;
      out.add(v);
      // Short pieces match real rows (ids, hosts, paths contain them), so answers are not all empty.
      out.add(v.slice(0, 2));
      out.add(v.slice(-3));
    }
  }
  const all = [...out].filter((v) => v.trim() !== '');
  // A deterministic spread across the corpus, enough to cover every shape.
  return all.filter((_, i) => i % Math.max(1, Math.floor(all.length / 260)) === 0);
}

async function fingerprint(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ f: string }>(`SELECT concat_ws('|',
      (SELECT md5(string_agg(id || status || attempt_count || coalesce(suppressed_by, '') || entered_rev, ',' ORDER BY id)) FROM td_activities),
      (SELECT count(*) FROM td_attempts), (SELECT count(*) FROM td_suppression_rules), (SELECT count(*) FROM td_blocks),
      (SELECT count(*) FROM td_audit), (SELECT count(*) FROM td_idempotency_keys), (SELECT last_value FROM td_revision),
      (SELECT count(*) FROM pg_tables WHERE schemaname = 'public')) AS f`);
  return rows[0]!.f;
}

describe.runIf(pg.enabled)('postgres adapter: SQL-injection strings as query values', () => {
  it('answer like the memory adapter over the same data, and change nothing', async () => {
    const database = pg.ctx().freshDatabase();
    const adapter = pg.ctx().adapter({ database });
    const pool = pg.ctx().pool(database);
    const memory = createMemoryAdapter({ seed: SEED, activities: ACTIVITIES, hugeActivityAttempts: 0, now: () => NOW, live: false });
    const values = injectionValues();
    expect(values.length).toBeGreaterThan(200);
    const before = await fingerprint(pool);
    let nonEmpty = 0;

    const same = async (query: ActivityQuery, what: string) => {
      const [p, m] = await Promise.all([
        adapter.listActivities({ query, pageSize: 10, signal: signal() }),
        memory.listActivities({ query, pageSize: 10, signal: signal() }),
      ]);
      expect({ what, total: p.total, counts: p.counts, ids: p.items.map((a) => a.id) }).toEqual({ what, total: m.total, counts: m.counts, ids: m.items.map((a) => a.id) });
      if (m.total > 0) nonEmpty++;
    };

    for (const [i, v] of values.entries()) {
      await same(createQuery({ search: v }), `search ${JSON.stringify(v)}`);
      const field = (['actor', 'url', 'host', 'subcategory'] as const)[i % 4]!;
      await same(createQuery({ filters: { [field]: [v, 'api.northwind.example'] } }), `${field} = ${JSON.stringify(v)}`);
      if (i % 5 === 0) {
        const facetField = FILTER_FIELDS[i % FILTER_FIELDS.length]!;
        const query = createQuery({ search: v.slice(0, 1) });
        const [pf, mf] = await Promise.all([
          adapter.getFacet({ query, field: facetField, search: v.slice(0, 2), signal: signal() }),
          memory.getFacet({ query, field: facetField, search: v.slice(0, 2), signal: signal() }),
        ]);
        expect(pf).toEqual(mf);
        const bulk = { query: createQuery({ search: v }), status: 'ignored' as const, dryRun: true, signal: signal() };
        expect(await adapter.setStatusByQuery!(bulk)).toEqual(await memory.setStatusByQuery(bulk));
      }
    }
    // Real rows were matched, not only empty answers.
    expect(nonEmpty).toBeGreaterThan(50);

    // An injection string inside a cursor is a typed refusal or a valid page, never SQL.
    for (const v of values.slice(0, 40)) {
      const cursor = Buffer.from(JSON.stringify({ f: 'host', d: 'asc', k: v, s: 1 })).toString('base64');
      const r = await adapter.listActivities({ query: createQuery({ sort: { field: 'host', direction: 'asc' } }), cursor, pageSize: 5, signal: signal() }).catch((e: unknown) => e);
      if (isAdapterError(r)) expect(r.code).toBe('invalid_request');
      else expect(Array.isArray((r as { items: unknown[] }).items)).toBe(true);
      const tampered = Buffer.from(JSON.stringify({ f: 'lastSeen', d: 'desc', k: v, s: 1 })).toString('base64');
      const bad = await adapter.listActivities({ query: createQuery(), cursor: tampered, pageSize: 5, signal: signal() }).catch((e: unknown) => e);
      expect(isAdapterError(bad) && bad.code === 'invalid_request' && bad.path).toBe('cursor');
    }
    expect(await fingerprint(pool)).toBe(before);
  }, 180_000);
});
