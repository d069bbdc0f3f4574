/**
 * Migration 6's write path: ingest updates find the rows whose search text or
 * cube dimensions changed without probing td_activity_search per row. The
 * search copy must still follow a changed text, and stay untouched (no new row
 * version) when an update changes only counts and last seen.
 */
import type { DetectionEvent } from '../../../src/core/adapter';
import { createQuery } from '../../../src/core/query';
import { NOW, usePostgres } from './pgTestDatabase';

const pg = usePostgres();
const signal = () => new AbortController().signal;

let n = 0;
const event = (over: Partial<DetectionEvent> = {}): DetectionEvent => ({
  eventId: `wp-${++n}`,
  timestamp: NOW - 60_000 + n,
  actor: { ip: '198.51.100.66' },
  endpoint: { method: 'GET', host: 'write-path.example', path: '/v2/orders' },
  policy: { id: 'pol-write-path', name: 'Write path policy' },
  severity: 'medium',
  type: 'rule-based',
  category: 'Injection',
  subcategory: 'Quokka Probe',
  outcome: 'blocked',
  request: { method: 'GET', url: 'https://write-path.example/v2/orders', httpVersion: 'HTTP/1.1', headers: [], body: null },
  response: null,
  ...over,
});

describe.runIf(pg.enabled)('postgres ingest write path (migration 6)', () => {
  it('the search copy follows a changed subcategory and is not rewritten when only counts move', async () => {
    const database = pg.ctx().freshDatabase();
    const adapter = pg.ctx().adapter({ database });
    const pool = pg.ctx().pool(database);
    const searchRow = async (id: string) => (await pool.query<{ v: string; t: string }>('SELECT xmin::text AS v, search_text AS t FROM td_activity_search WHERE id = $1', [id])).rows[0];
    const found = async (search: string) => (await adapter.listActivities({ query: createQuery({ search }), pageSize: 10, signal: signal() })).items.map((a) => a.id);

    const [id] = (await adapter.ingestEvents!({ events: [event()], signal: signal() })).activityIds;
    const created = await searchRow(id!);
    expect(await found('quokka probe')).toEqual([id]);

    // Same subcategory: counts and last seen move, the search row keeps its version.
    await adapter.ingestEvents!({ events: [event(), event()], signal: signal() });
    expect(await searchRow(id!)).toEqual(created);
    expect((await adapter.getActivity({ id: id!, signal: signal() })).attemptCount).toBe(3);

    // A newer event with another subcategory: the text changes, and search follows it.
    await adapter.ingestEvents!({ events: [event({ subcategory: 'Wombat Probe' })], signal: signal() });
    expect((await searchRow(id!))!.t).toContain('wombat probe');
    expect(await found('wombat probe')).toEqual([id]);
    expect(await found('quokka probe')).toEqual([]);
    const facet = await adapter.getFacet({ query: createQuery(), field: 'subcategory', signal: signal() });
    expect(facet.options.find((o) => o.value === 'Wombat Probe')?.count).toBe(1);
    expect(facet.options.find((o) => o.value === 'Quokka Probe')).toBeUndefined();
  });
});
