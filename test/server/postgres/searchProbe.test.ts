/**
 * The search probe (activityReads.ts, probeSearchCopy): the search copy's
 * first heap rows are read before its GIN index, so a broad search learns
 * "more than the limit" without the index's bitmap of every match. Checked
 * by the statements a list sends (a read pool that records them) and by the
 * pages and counts, which must be those of plain SQL whichever way the
 * probe ended.
 */
import { createQuery, type ActivityQuery } from '../../../src/core/query';
import type { PostgresAdapter } from '../../../src/server/index';
import { loadDemoDataset } from '../../../src/server/index';
import { PREFIX_MAX_ROWS, PREFIX_SAMPLE_ROWS, prefixRowsFor } from '../../../src/server/postgres/activityReads';
import { NOW, SEED, usePostgres } from './pgTestDatabase';

const pgc = usePostgres();
const signal = () => new AbortController().signal;
const LIMIT = 300;

describe('prefixRowsFor', () => {
  it('reads enough rows for the matches wanted at the density seen, a quarter more; none matched or too many rows: the index', () => {
    // 400 of 4000 matched (10 %): 301 matches want 3010 rows, a quarter more, and always more than the sample.
    expect(prefixRowsFor(400, 301)).toBe(PREFIX_SAMPLE_ROWS + 1);
    // 100 of 4000 (2.5 %): 301 / 0.025 × 1.25.
    expect(prefixRowsFor(100, 301)).toBe(Math.ceil((301 / 100) * PREFIX_SAMPLE_ROWS * 1.25));
    expect(prefixRowsFor(0, 301)).toBeNull();
    // 2001 matches at 1 in 4000 would need 10 M rows: past PREFIX_MAX_ROWS.
    expect(prefixRowsFor(1, 2001)).toBeNull();
    expect(prefixRowsFor(200, 2001)! <= PREFIX_MAX_ROWS).toBe(true);
  });
});

describe.runIf(pgc.enabled)('postgres search probe', () => {
  it('a dense search ends in the first heap rows, a sparser one in a longer prefix, a rare one in the GIN index; each lists and counts what plain SQL finds', async () => {
    const database = 'search_probe';
    pgc.ctx().cluster.createDatabase(database);
    const db = pgc.ctx().pool(database);
    await loadDemoDataset(db, { activities: 8000, attempts: 8000, seed: SEED, now: NOW, hugeActivityAttempts: 0 });
    const statements: string[] = [];
    const readPool = pgc.ctx().recordingPool(database, statements);
    const adapter = pgc.ctx().adapter({ database, readPool, exactCountLimit: LIMIT, searchWindowRows: LIMIT });
    // The probe's statements, in order: 'prefix' (the first rows of the copy's heap) or 'index' (its GIN index).
    const probesOf = async (query: ActivityQuery) => {
      statements.length = 0;
      const page = await adapter.listActivities({ query, pageSize: 25, signal: signal() });
      const kinds = statements.filter((s) => s.startsWith('WITH c AS MATERIALIZED')).map((s) => (s.includes('FROM (SELECT * FROM td_activity_search LIMIT') ? 'prefix' : 'index'));
      return { page, kinds };
    };
    // Matches of a term among the heap's first rows and in the whole copy (any status, as the probe reads).
    const matches = async (term: string, rows: number | null) => {
      const from = rows === null ? 'td_activity_search' : `(SELECT * FROM td_activity_search LIMIT ${rows}) s`;
      const { rows: r } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${from} WHERE search_text LIKE $1`, [`%${term}%`]);
      return Number(r[0]!.n);
    };
    // Terms from the data: hosts, paths and subcategories, classed by where the probe must end for them.
    const facet = async (field: 'host' | 'url' | 'subcategory') => (await adapter.getFacet({ query: createQuery(), field, limit: 100, signal: signal() })).options.map((o) => o.value.toLowerCase());
    const terms = ['.', ...(await facet('host')), ...(await facet('url')), ...(await facet('subcategory'))];
    const classed = new Map<string, string>();
    for (const term of terms) {
      const first = await matches(term, PREFIX_SAMPLE_ROWS);
      const more = prefixRowsFor(first, LIMIT + 1);
      const kind = first > LIMIT ? 'dense' : more !== null && (await matches(term, more)) > LIMIT ? 'sparser' : 'rare';
      if (!classed.has(kind)) classed.set(kind, term);
    }
    // The fixture must hold one term of each kind, or the test would check less than it says.
    expect([...classed.keys()].sort()).toEqual(['dense', 'rare', 'sparser']);
    const expected: Record<string, string[]> = { dense: ['prefix'], sparser: ['prefix', 'prefix'] };

    for (const [kind, term] of classed) {
      const query = createQuery({ search: term });
      const { page, kinds } = await probesOf(query);
      if (kind === 'rare') expect(kinds.at(-1), term).toBe('index');
      else expect(kinds, term).toEqual(expected[kind]);
      // Every page, walked to the end, holds what plain SQL finds; the total is exact up to the limit, an estimate past it.
      const { rows } = await db.query<{ id: string }>('SELECT id FROM td_activities WHERE status = $1 AND search_text LIKE $2', [query.status, `%${term}%`]);
      const listed = await allPages(adapter, query);
      expect(listed.map((a) => a.id).sort(), term).toEqual(rows.map((r) => r.id).sort());
      if (page.totalIsEstimate) expect(await matches(term, null), term).toBeGreaterThan(LIMIT);
      else expect(page.total, term).toBe(rows.length);
    }
  });
});

async function allPages(adapter: PostgresAdapter, query: ActivityQuery) {
  const ids: Array<{ id: string }> = [];
  let cursor: string | undefined;
  do {
    const page = await adapter.listActivities({ query, pageSize: 100, ...(cursor ? { cursor } : {}), signal: signal() });
    ids.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return ids;
}
