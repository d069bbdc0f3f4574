/**
 * The counts cube (tab counts and facets of queries on small-domain fields,
 * read without scanning the activities) stays exact through every kind of
 * write — ingest creating and updating activities, a status change, a bulk
 * change by query, Ignore with its rule, a deleted activity — and through
 * the folding of its deltas: every figure equals a count of the rows.
 */
import type { DetectionEvent } from '../../../src/core/adapter';
import { ACTIVITY_STATUSES } from '../../../src/core/model';
import { createQuery, type ActivityQuery, type FilterField } from '../../../src/core/query';
import { NOW, usePostgres } from './pgTestDatabase';

const pg = usePostgres();
const signal = () => new AbortController().signal;

let n = 0;
const event = (over: Partial<DetectionEvent> = {}): DetectionEvent => ({
  eventId: `cube-${++n}`,
  timestamp: NOW - 1000 + n,
  actor: { ip: `198.51.100.${n % 7}` },
  endpoint: { method: 'POST', host: 'cube.example', path: `/v1/cube/${n % 3}` },
  policy: { id: 'pol-cube', name: 'Cube policy' },
  severity: n % 2 ? 'critical' : 'low',
  type: 'rule-based',
  category: 'Injection',
  subcategory: n % 4 ? 'SQL Injection' : 'Cube Probe',
  outcome: n % 5 ? 'blocked' : 'exploited',
  request: { method: 'POST', url: 'https://cube.example/v1/cube', httpVersion: 'HTTP/1.1', headers: [], body: null },
  response: null,
  ...over,
});

const COLUMN: Record<Exclude<FilterField, 'actor'>, string> = {
  url: 'path', host: 'host', type: 'type', subcategory: 'subcategory', severity: 'severity',
  successfulExploit: "CASE WHEN successful_exploit THEN 'yes' ELSE 'no' END",
};

describe.runIf(pg.enabled)('postgres counts cube', () => {
  it('tab counts and facets equal counts of the rows after every kind of write and after folding', async () => {
    const database = pg.ctx().freshDatabase();
    const adapter = pg.ctx().adapter({ database });
    const pool = pg.ctx().pool(database);
    const hosts = (await adapter.getFacet({ query: createQuery(), field: 'host', signal: signal() })).options.map((o) => o.value);
    const queries: ActivityQuery[] = [
      createQuery(),
      createQuery({ status: 'under_review' }),
      createQuery({ filters: { host: [hosts[0]!, 'cube.example'] } }),
      createQuery({ status: 'ignored', filters: { severity: ['critical'], subcategory: ['Cube Probe', 'SQL Injection'] } }),
      createQuery({ filters: { successfulExploit: ['yes'], type: ['rule-based'] } }),
    ];

    const check = async (when: string) => {
      for (const query of queries) {
        const page = await adapter.listActivities({ query, pageSize: 1, signal: signal() });
        expect(page.totalIsEstimate, when).toBe(false);
        // The reference: the same filters counted on the activities (a search every id matches keeps the cube out of it).
        const reference = await adapter.listActivities({ query: { ...query, search: 'act-' }, pageSize: 1, signal: signal() });
        expect(page.counts, when).toEqual(reference.counts);
        for (const field of Object.keys(COLUMN) as Array<keyof typeof COLUMN>) {
          const facet = await adapter.getFacet({ query, field, signal: signal() });
          const counted = await adapter.getFacet({ query: { ...query, search: 'act-' }, field, signal: signal() });
          expect(facet, `${when}: ${field}`).toEqual(counted);
        }
      }
      const total = (await pool.query<{ n: string }>('SELECT count(*) AS n FROM td_activities')).rows[0]!.n;
      const all = await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() });
      expect(ACTIVITY_STATUSES.reduce((s, k) => s + all.counts[k], 0), when).toBe(Number(total));
    };

    await check('as loaded');
    const first = await adapter.ingestEvents!({ events: Array.from({ length: 40 }, () => event()), signal: signal() });
    await adapter.ingestEvents!({ events: Array.from({ length: 40 }, () => event()), signal: signal() });
    await check('after ingest');
    await adapter.setStatus({ ids: first.activityIds.slice(0, 5), status: 'under_review', signal: signal() });
    const page = await adapter.listActivities({ query: queries[2]!, pageSize: 1, signal: signal() });
    await adapter.setStatusByQuery!({ query: createQuery({ filters: { host: ['cube.example'] } }), status: 'under_review', asOf: page.asOf!, signal: signal() });
    const [target] = first.activityIds;
    const a = await adapter.getActivity({ id: target!, signal: signal() });
    await adapter.ignore!({ rule: { actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, expiresAt: null }, activityIds: [target!], signal: signal() });
    await adapter.ingestEvents!({ events: [event({ actor: a.actor, endpoint: a.endpoint, subcategory: 'Cube Probe', outcome: 'exploited' })], signal: signal() });
    await pool.query("DELETE FROM td_activities WHERE id = (SELECT id FROM td_activities WHERE status = 'active' ORDER BY seq LIMIT 1)");
    await check('after status changes, Ignore and a delete');
    await pool.query('BEGIN; SELECT td_compact_activity_cube(); COMMIT');
    // Folded: one row per combination that has activities.
    const rows = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);
    expect(await rows('SELECT count(*) AS n FROM td_activity_cube')).toBe(
      await rows('SELECT count(*) AS n FROM (SELECT DISTINCT status, host, path, type, subcategory, severity, successful_exploit FROM td_activities) s'),
    );
    await check('after folding');
  }, 120_000);
});
