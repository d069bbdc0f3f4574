/**
 * The read path of migration 7 and the read sessions: a read slower than
 * `readStatementTimeoutMs` is cancelled by the database and rejects with a
 * typed `timeout` (and the pool serves the next read); writes on the same
 * pool are not held to the read timeout; a search combined with a filter
 * lists and counts the same rows whichever way listRows takes (few matches,
 * a full first window, rare matches past it); the search copy follows a
 * status change.
 */
import { isAdapterError } from '../../../src/core/errors';
import { createQuery, type ActivityFilters, type ActivityQuery } from '../../../src/core/query';
import type { Activity } from '../../../src/core/model';
import type { PostgresAdapter } from '../../../src/server/index';
import type pg from 'pg';
import { loadDemoDataset } from '../../../src/server/index';
import { NOW, SEED, usePostgres } from './pgTestDatabase';

const pgc = usePostgres();
const signal = () => new AbortController().signal;

async function allPages(adapter: PostgresAdapter, query: ActivityQuery, pageSize = 7): Promise<Activity[]> {
  const items: Activity[] = [];
  let cursor: string | undefined;
  do {
    const page = await adapter.listActivities({ query, pageSize, ...(cursor ? { cursor } : {}), signal: signal() });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

async function searchCases(adapter: PostgresAdapter): Promise<ActivityQuery[]> {
  const hosts = (await adapter.getFacet({ query: createQuery(), field: 'host', signal: signal() })).options.map((o) => o.value);
  return [
    createQuery({ search: 'a', filters: { host: [hosts[0]!] } }), // many matches: the first window holds the page
    createQuery({ search: '.', sort: { field: 'attemptCount', direction: 'desc' } }),
    createQuery({ search: 'act-0000', filters: { severity: ['critical', 'high'] } }), // few matches: sorted from the ids
    createQuery({ search: 'act-00', sort: { field: 'firstSeen', direction: 'asc' } }), // rare in the order: past the window
    createQuery({ search: hosts[1]!, filters: { host: [hosts[0]!] } }), // none
    // One severity sorted by severity: the walk starts at that rank (with and without a search).
    createQuery({ search: 'a', filters: { severity: ['high'] }, sort: { field: 'severity', direction: 'desc' } }),
    createQuery({ search: '', filters: { severity: ['medium'] }, sort: { field: 'severity', direction: 'asc' } }),
  ];
}

async function checkSearches(adapter: PostgresAdapter, db: pg.Pool): Promise<void> {
  for (const query of await searchCases(adapter)) {
    const listed = await allPages(adapter, query);
    // The reference: the same conditions as plain SQL over td_activities.
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM td_activities WHERE status = $1 AND search_text LIKE $2 AND ($3::text[] IS NULL OR host = ANY($3)) AND ($4::text[] IS NULL OR severity = ANY($4))`,
      [query.status, `%${query.search}%`, query.filters.host.length ? query.filters.host : null, query.filters.severity.length ? query.filters.severity : null],
    );
    expect(listed.map((a) => a.id).sort(), query.search).toEqual(rows.map((r) => r.id).sort());
    expect(new Set(listed.map((a) => a.id)).size).toBe(listed.length);
    const page = await adapter.listActivities({ query, pageSize: 1, signal: signal() });
    expect(page.totalIsEstimate).toBe(false);
    expect(page.total).toBe(rows.length);
    const facet = await adapter.getFacet({ query, field: 'type', signal: signal() });
    expect(facet.options.reduce((n, o) => n + o.count, 0)).toBe(rows.length);
  }
}

describe.runIf(pgc.enabled)('postgres read path', () => {
  it('a read held past readStatementTimeoutMs rejects with timeout; the next read and a write still work', async () => {
    const database = pgc.ctx().freshDatabase();
    const adapter = pgc.ctx().adapter({ database, readStatementTimeoutMs: 300 });
    const [first] = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items;
    // Another session holds an exclusive lock on the activities: the read waits on it until the timeout cancels it.
    const blocker = await pgc.ctx().pool(database).connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE td_activities IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const error = await adapter.getActivity({ id: first!.id, signal: signal() }).then(() => null, (e: unknown) => e);
      expect(isAdapterError(error) && error.code).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(5000);
      await blocker.query('ROLLBACK');
    } catch (e) {
      blocker.release();
      throw e;
    }
    expect((await adapter.getActivity({ id: first!.id, signal: signal() })).id).toBe(first!.id);
    // A write on the same pool (here on the connection the read just used) may wait longer than the read
    // timeout: its transaction sets its own (none by default).
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM td_activities WHERE id = $1 FOR UPDATE', [first!.id]);
      const write = adapter.setStatus({ ids: [first!.id], status: 'under_review', signal: signal() });
      await new Promise((r) => setTimeout(r, 900));
      await blocker.query('ROLLBACK');
      expect((await write).affected).toBe(1);
    } finally {
      blocker.release();
    }
  });

  it('a search with a filter lists, counts and facets the same rows as plain SQL, on every path, and follows a status change', async () => {
    const database = pgc.ctx().freshDatabase();
    const db = pgc.ctx().pool(database);
    // 600 activities: windows of 40 and 10 rows (walks of 400 and 100) make every path of listRows run (2000 at full size).
    for (const searchWindowRows of [2000, 40, 10]) await checkSearches(pgc.ctx().adapter({ database, searchWindowRows }), db);
    const adapter = pgc.ctx().adapter({ database, searchWindowRows: 40 });
    const cases = await searchCases(adapter);
    const [moved] = await allPages(adapter, cases[2]!);
    await adapter.setStatus({ ids: [moved!.id], status: 'under_review', signal: signal() });
    const copy = (await db.query<{ status: string }>('SELECT status FROM td_activity_search WHERE id = $1', [moved!.id])).rows[0];
    expect(copy?.status).toBe('under_review');
    expect((await allPages(adapter, cases[2]!)).map((a) => a.id)).not.toContain(moved!.id);
    expect((await allPages(adapter, { ...cases[2]!, status: 'under_review' })).map((a) => a.id)).toContain(moved!.id);
  });

  it('a filter sorted by severity walks only the ranks the cube holds for it, and pages in the order of plain SQL', async () => {
    const database = pgc.ctx().freshDatabase();
    const db = pgc.ctx().pool(database);
    const statements: string[] = [];
    const adapter = pgc.ctx().adapter({ database, readPool: pgc.ctx().recordingPool(database, statements) });
    // Subcategories whose rows lack the most severe rank of the status: the walk must start below it.
    const { rows: bounded } = await db.query<{ subcategory: string }>(
      `SELECT subcategory FROM td_activities WHERE status = 'active' GROUP BY subcategory
       HAVING max(severity_rank) < (SELECT max(severity_rank) FROM td_activities WHERE status = 'active') ORDER BY count(*) DESC LIMIT 3`,
    );
    expect(bounded.length).toBeGreaterThan(0);
    const { rows: hosts } = await db.query<{ host: string }>("SELECT DISTINCT host FROM td_activities WHERE status = 'active' ORDER BY host LIMIT 2");
    for (const { subcategory } of bounded) {
      for (const direction of ['desc', 'asc'] as const) {
        const combos: Array<Partial<ActivityFilters>> = [{ subcategory: [subcategory] }, { subcategory: [subcategory], host: [hosts[0]!.host] }, { subcategory: [subcategory], severity: ['low', 'medium'] }];
        for (const filters of combos) {
          const query = createQuery({ filters, sort: { field: 'severity', direction } });
          statements.length = 0;
          const listed = await allPages(adapter, query);
          const { rows } = await db.query<{ id: string }>(
            `SELECT id FROM td_activities WHERE status = 'active' AND subcategory = $1 AND ($2::text[] IS NULL OR host = ANY($2)) AND ($3::text[] IS NULL OR severity = ANY($3))
             ORDER BY severity_rank ${direction}, seq ${direction}`,
            [subcategory, filters.host ?? null, filters.severity ?? null],
          );
          // Every walk is bounded to the cube's ranks; a combination with no row runs none.
          const walks = statements.filter((s) => s.includes('ORDER BY severity_rank'));
          expect(walks.length > 0, JSON.stringify(filters)).toBe(rows.length > 0);
          for (const walk of walks) expect(walk).toContain('severity_rank BETWEEN');
          expect(listed.map((a) => a.id), JSON.stringify(filters)).toEqual(rows.map((r) => r.id));
        }
      }
    }
    // A combination with no row: the cube says so, and no walk is run.
    const { rows: none } = await db.query<{ host: string; subcategory: string }>(
      `SELECT h.host, s.subcategory FROM (SELECT DISTINCT host FROM td_activities) h CROSS JOIN (SELECT DISTINCT subcategory FROM td_activities) s
       WHERE NOT EXISTS (SELECT 1 FROM td_activities a WHERE a.status = 'active' AND a.host = h.host AND a.subcategory = s.subcategory) LIMIT 1`,
    );
    expect(none.length).toBe(1);
    statements.length = 0;
    const empty = await adapter.listActivities({ query: createQuery({ filters: { host: [none[0]!.host], subcategory: [none[0]!.subcategory] }, sort: { field: 'severity', direction: 'desc' } }), pageSize: 10, signal: signal() });
    expect(empty.items).toEqual([]);
    expect(empty.total).toBe(0);
    expect(statements.some((s) => s.includes('ORDER BY severity_rank'))).toBe(false);
  });

  it('a search sorted by severity pages in the order of plain SQL, one rank at a time past its first window', async () => {
    const database = pgc.ctx().freshDatabase();
    const db = pgc.ctx().pool(database);
    const { rows: hosts } = await db.query<{ host: string }>("SELECT DISTINCT host FROM td_activities WHERE status = 'active' ORDER BY host LIMIT 1");
    // A term whose matches are mostly of low severity (the ranks before them hold few), and broad ones.
    const { rows: mild } = await db.query<{ term: string }>(
      `SELECT lower(subcategory) AS term FROM td_activities WHERE status = 'active' GROUP BY 1
       HAVING count(*) > 40 ORDER BY avg(severity_rank) ASC LIMIT 1`,
    );
    expect(mild.length).toBe(1);
    let byRankCases = 0;
    for (const searchWindowRows of [10, 2000]) {
      const statements: string[] = [];
      const adapter = pgc.ctx().adapter({ database, searchWindowRows, readPool: pgc.ctx().recordingPool(database, statements) });
      for (const search of ['a', mild[0]!.term]) {
        for (const filters of [{}, { host: [hosts[0]!.host] }, { severity: ['low', 'medium'] }] as Array<Partial<ActivityFilters>>) {
          for (const direction of ['desc', 'asc'] as const) {
            const query = createQuery({ search, filters, sort: { field: 'severity', direction } });
            statements.length = 0;
            const listed = await allPages(adapter, query, 20);
            const { rows } = await db.query<{ id: string }>(
              `SELECT id FROM td_activities WHERE status = 'active' AND search_text LIKE $1 AND ($2::text[] IS NULL OR host = ANY($2)) AND ($3::text[] IS NULL OR severity = ANY($3))
               ORDER BY severity_rank ${direction}, seq ${direction}`,
              [`%${search}%`, filters.host ?? null, filters.severity ?? null],
            );
            const label = `${searchWindowRows} ${search} ${JSON.stringify(filters)} ${direction}`;
            expect(listed.map((a) => a.id), label).toEqual(rows.map((r) => r.id));
            // Past the window (more matches than it holds) and a short walk that falls short, each rank is read pinned.
            const pinned = statements.filter((sql) => /severity_rank = \$\d+/.test(sql));
            if (searchWindowRows === 10 && pinned.length) byRankCases++;
            if (searchWindowRows === 2000) expect(pinned, label).toEqual([]);
          }
        }
      }
    }
    expect(byRankCases).toBeGreaterThan(2);
  });

  it("the actor facet of a whole status (td_actor_counts) equals the actors' rows counted, after ingest, a status change and a delete", async () => {
    const database = pgc.ctx().freshDatabase();
    const adapter = pgc.ctx().adapter({ database });
    const db = pgc.ctx().pool(database);
    const check = async (when: string) => {
      for (const status of ['active', 'under_review', 'ignored'] as const) {
        const facet = await adapter.getFacet({ query: createQuery({ status }), field: 'actor', signal: signal() });
        const { rows } = await db.query<{ v: string; n: string; total: string }>(
          `SELECT actor_ip AS v, count(*) AS n, count(*) OVER () AS total FROM td_activities WHERE status = $1 GROUP BY actor_ip ORDER BY count(*) DESC, actor_ip COLLATE "C" LIMIT 500`,
          [status],
        );
        expect(facet.options.slice(0, 500).map((o) => [o.value, o.count]), `${when} ${status}`).toEqual(rows.map((r) => [r.v, Number(r.n)]));
        expect(facet.totalOptions, `${when} ${status}`).toBe(rows.length ? Number(rows[0]!.total) : 0);
        // Limited: the first rows of the (status, n DESC, actor) index.
        const top = await adapter.getFacet({ query: createQuery({ status }), field: 'actor', limit: 5, signal: signal() });
        expect(top, `${when} ${status} top`).toEqual({ ...facet, options: facet.options.slice(0, 5) });
      }
    };
    await check('as loaded');
    const [top] = (await adapter.getFacet({ query: createQuery(), field: 'actor', limit: 1, signal: signal() })).options;
    const request = { method: 'GET', url: 'https://actors.example/x', httpVersion: 'HTTP/1.1', headers: [], body: null };
    const event = (i: number, ip: string) => ({
      eventId: `actor-${i}`, timestamp: NOW - 1000 + i, actor: { ip }, endpoint: { method: 'GET', host: 'actors.example', path: `/x/${i % 3}` },
      policy: { id: 'pol-actors', name: 'Actors' }, severity: 'high' as const, type: 'rule-based' as const, category: 'Injection', subcategory: 'Probe',
      outcome: 'blocked' as const, request, response: null,
    });
    const created = await adapter.ingestEvents!({ events: Array.from({ length: 12 }, (_, i) => event(i, i % 2 ? top!.value : `198.51.100.${i}`)), signal: signal() });
    await check('after ingest');
    await adapter.setStatus({ ids: created.activityIds.slice(0, 4), status: 'under_review', signal: signal() });
    await check('after a status change');
    await db.query('DELETE FROM td_activities WHERE id = $1', [created.activityIds[5]]);
    await check('after a delete');
  });

  it('a facet of more rows than exactCountLimit that the cube cannot answer is counted on a fixed sample, scaled and marked; fewer rows, and the cube, stay exact', async () => {
    // A database of its own, larger than the template: a sample is trusted from 20 pages and 100 hits up.
    const database = 'sampled_facets';
    pgc.ctx().cluster.createDatabase(database);
    const db = pgc.ctx().pool(database);
    await loadDemoDataset(db, { activities: 8000, attempts: 8000, seed: SEED, now: NOW, hugeActivityAttempts: 0 });
    // Over 300 matching rows a facet is sampled, on about a quarter of the table.
    const adapter = pgc.ctx().adapter({ database, exactCountLimit: 300, facetSampleRows: 2000 });
    const exact = async (query: ActivityQuery, column: string) =>
      (
        await db.query<{ v: string; n: string }>(
          `SELECT ${column} AS v, count(*) AS n FROM td_activities WHERE status = $1 AND search_text LIKE $2 GROUP BY 1`,
          [query.status, `%${query.search}%`],
        )
      ).rows.map((r) => [r.v, Number(r.n)] as const);

    // A broad search: hundreds of matches. Severity (five values, each seen often): scaled sample counts.
    const broad = createQuery({ search: '.' });
    const truth = new Map(await exact(broad, 'severity'));
    const matched = [...truth.values()].reduce((a, b) => a + b, 0);
    expect(matched).toBeGreaterThan(3000);
    const sampled = await adapter.getFacet({ query: broad, field: 'severity', signal: signal() });
    expect(sampled.countsAreEstimates).toBe(true);
    expect(sampled.options.length).toBeGreaterThan(0);
    for (const o of sampled.options) {
      expect(truth.has(o.value), o.value).toBe(true);
      expect(o.count).toBeGreaterThan(0);
    }
    expect(sampled.totalOptions).toBeLessThanOrEqual(truth.size);
    // Scaled to the table: the sum is near the matching rows (a quarter of the table's pages: within 25 %)…
    const sum = sampled.options.reduce((n, o) => n + o.count, 0);
    expect(Math.abs(sum - matched) / matched, `${sum} for ${matched}`).toBeLessThan(0.25);
    // …and not the exact counts (which would mean nothing was sampled).
    expect(sampled.options.map((o) => [o.value, o.count]).sort()).not.toEqual([...truth].sort());
    // The same pages every time: the same figures again; a limit keeps the first of them.
    expect(await adapter.getFacet({ query: broad, field: 'severity', signal: signal() })).toEqual(sampled);
    const top = await adapter.getFacet({ query: broad, field: 'severity', limit: 2, signal: signal() });
    expect(top).toEqual({ ...sampled, options: sampled.options.slice(0, 2) });

    // Actors (hundreds, each seen once or twice in the sample): the sample picks them, each is then counted exactly.
    const actorTruth = new Map(await exact(broad, 'actor_ip'));
    const actors = await adapter.getFacet({ query: broad, field: 'actor', limit: 10, signal: signal() });
    expect(actors.countsAreEstimates).toBe(true);
    expect(actors.options.length).toBe(10);
    for (const o of actors.options) expect(o.count, o.value).toBe(actorTruth.get(o.value));
    expect(actors.options.map((o) => o.count)).toEqual([...actors.options.map((o) => o.count)].sort((a, b) => b - a));

    // The table grown since its last ANALYZE (ingest between autovacuums): the sample is scaled by the pages
    // the table has now, not by the rows ANALYZE saw.
    await db.query('ALTER TABLE td_activity_search SET (autovacuum_enabled = false)');
    const request = { method: 'GET', url: 'https://grown.example/x', httpVersion: 'HTTP/1.1', headers: [], body: null };
    const grow = async (host: string, batches: number) => {
      for (let batch = 0; batch < batches; batch++) {
        const events = Array.from({ length: 1000 }, (_, i) => ({
          eventId: `${host}-${batch}-${i}`, timestamp: NOW - 5000 + i, actor: { ip: `198.51.${batch}.${i % 250}` },
          endpoint: { method: 'GET', host, path: `/grown/${i}` }, policy: { id: 'pol-grow', name: 'Grow' },
          severity: 'low' as const, type: 'rule-based' as const, category: 'Injection', subcategory: 'Probe', outcome: 'blocked' as const, request, response: null,
        }));
        await adapter.ingestEvents!({ events, signal: signal() });
      }
    };
    await grow('grown.example', 6);
    const grownTruth = await exact(broad, 'severity');
    const grownMatched = grownTruth.reduce((n, [, c]) => n + c, 0);
    expect(grownMatched).toBeGreaterThan(matched + 5000);
    const grown = await adapter.getFacet({ query: broad, field: 'severity', signal: signal() });
    expect(grown.countsAreEstimates).toBe(true);
    const grownSum = grown.options.reduce((n, o) => n + o.count, 0);
    expect(Math.abs(grownSum - grownMatched) / grownMatched, `${grownSum} for ${grownMatched}`).toBeLessThan(0.25);

    // Matches that sit together in a few pages (a value only the newest rows have): a sample of whole pages
    // would scale one page's rows by four, so it is not trusted and the facet is counted exactly.
    await grow('clustered.example', 1);
    const clustered = createQuery({ search: 'clustered.example' });
    const clusteredTruth = await exact(clustered, 'severity');
    expect(clusteredTruth.reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(300);
    const counted = await adapter.getFacet({ query: clustered, field: 'severity', signal: signal() });
    expect(counted.countsAreEstimates).toBeUndefined();
    expect(counted.options.map((o) => [o.value, o.count])).toEqual(clusteredTruth);

    // A narrow search: counted exactly, no flag.
    const hosts = await exact(broad, 'host');
    const [host] = [...hosts].sort((a, b) => a[1] - b[1])[0]!;
    const narrow = createQuery({ search: host });
    const narrowTruth = await exact(narrow, 'severity');
    expect(narrowTruth.reduce((n, [, c]) => n + c, 0)).toBeLessThanOrEqual(300);
    const narrowFacet = await adapter.getFacet({ query: narrow, field: 'severity', signal: signal() });
    expect(narrowFacet.countsAreEstimates).toBeUndefined();
    expect(narrowFacet.options.map((o) => [o.value, o.count]).sort()).toEqual([...narrowTruth].sort());

    // The cube answers a facet of a whole status exactly, however many rows.
    const whole = await adapter.getFacet({ query: createQuery(), field: 'severity', signal: signal() });
    expect(whole.countsAreEstimates).toBeUndefined();
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM td_activities WHERE status = 'active'`);
    expect(whole.options.reduce((n, o) => n + o.count, 0)).toBe(Number(rows[0]!.n));
  });
});
