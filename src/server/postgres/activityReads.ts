/**
 * The activity list, its per-status counts and facets, in SQL. A page is a
 * keyset walk along (sort column, seq): the cursor names the last row's key
 * and seq, so rows that move between pages are neither repeated nor skipped
 * among the rest. Tab counts and facets come from the counts cube
 * (activityCube.ts) when the query filters only on its dimensions; otherwise
 * counts are exact up to `exactCountLimit` matching rows, above it the
 * planner's estimates (`totalIsEstimate: true`), and facets are counted.
 */
import type { Pool, PoolClient } from 'pg';
import type { ActivityPage, FacetResult, StatusCounts } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { ACTIVITY_STATUSES } from '../../core/model';
import type { ActivityQuery, FilterField } from '../../core/query';
import { decodeCursor, encodeCursor } from '../../adapters/memory/cursorCodec';
import { cubeAnswers, cubeHasField } from './activityCube';
import { searchCondition } from './activitySearch';
import { ACTIVITY_COLUMNS, blockJoin, rowToActivity, type ActivityRow } from './activityRows';
import { afterCursor, FACET_COLUMNS, filterConditions, likeSubstring, orderBy, Params, sortPlan, type SortPlan } from './queryToSql';

const FACET_LABELS: Record<string, string> = { 'rule-based': 'Rule-Based', anomaly: 'Anomaly', yes: 'Yes', no: 'No' };

const badCursor = () => new AdapterError('invalid_request', 'The cursor does not belong to this query.', { path: 'cursor' });

interface ListCursor {
  key: number | string | boolean;
  seq: number;
}

function readListCursor(cursor: string, query: ActivityQuery, plan: SortPlan): ListCursor {
  const c = decodeCursor(cursor) as { f?: unknown; d?: unknown; k?: unknown; s?: unknown } | null;
  if (!c || typeof c !== 'object' || c.f !== query.sort.field || c.d !== query.sort.direction) throw badCursor();
  if (typeof c.k !== plan.kind || (plan.kind === 'number' && !Number.isSafeInteger(c.k)) || (typeof c.k === 'string' && c.k.length > 4096)) throw badCursor();
  if (typeof c.s !== 'number' || !Number.isSafeInteger(c.s) || c.s < 0) throw badCursor();
  return { key: c.k as number | string | boolean, seq: c.s };
}

function cursorKeyOf(plan: SortPlan, row: ActivityRow & { sort_key: unknown }): number | string | boolean {
  if (plan.kind === 'number') return Number(row.sort_key);
  return row.sort_key as string | boolean;
}

/** Search matches counted exactly at most (each is looked up in td_activities). */
const SEARCH_COUNT_LIMIT = 2000;

/** Planner's row estimate for a condition (no rows are read). */
async function estimateRows(pool: Pool, where: string, values: unknown[], from?: string, fromValues?: unknown[]): Promise<number> {
  const sql = from !== undefined ? `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from}` : `EXPLAIN (FORMAT JSON) SELECT 1 FROM td_activities WHERE ${where}`;
  const { rows } = await pool.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(sql, from !== undefined ? fromValues : values);
  return Math.round(rows[0]!['QUERY PLAN'][0]!.Plan['Plan Rows']);
}

/**
 * Per-status counts of a query. From the counts cube when the query filters
 * only on its dimensions (exact, a few thousand rows read); otherwise exact up
 * to `exactCountLimit` rows by the planner's estimate, and above it the
 * planner's per-status estimates (`estimate: true`).
 */
export async function statusCounts(pool: Pool, query: ActivityQuery, now: number, exactCountLimit: number): Promise<{ counts: StatusCounts; estimate: boolean }> {
  const p = new Params();
  const where = filterConditions(query, p, now);
  const values = p.values;
  const counts: StatusCounts = { active: 0, under_review: 0, ignored: 0 };
  const tally = async (table: string, count: string) => {
    const { rows } = await pool.query<{ status: keyof StatusCounts; n: string }>(`SELECT status, ${count} AS n FROM ${table} WHERE ${where} GROUP BY status`, values);
    for (const r of rows) if (r.status in counts) counts[r.status] = Number(r.n);
  };
  if (cubeAnswers(query)) {
    await tally('td_activity_cube', 'sum(n)');
    return { counts, estimate: false };
  }
  const search = query.search.trim().toLowerCase();
  if (search !== '' && !search.includes('\0')) {
    // The planner cannot guess a search combined with filters (it assumes them independent), and a
    // count it misjudges may read every row. So the trigram index lists at most SEARCH_COUNT_LIMIT + 1
    // matches first (bounded by exactCountLimit too): no more than that, and they are counted exactly;
    // more, and the counts are the planner's estimates.
    const bound = Math.min(exactCountLimit, SEARCH_COUNT_LIMIT);
    const q = new Params();
    const rest = filterConditions({ ...query, search: '' }, q, now);
    const matches = `SELECT s.id FROM td_activity_search s WHERE s.search_text LIKE ${q.add(likeSubstring(search))} LIMIT ${q.add(bound + 1)}`;
    const { rows } = await pool.query<{ status: keyof StatusCounts | null; n: string; matched: string }>(
      `WITH m AS MATERIALIZED (${matches})
       SELECT a.status, count(*) FILTER (WHERE ${rest}) AS n, (SELECT count(*) FROM m) AS matched
       FROM m LEFT JOIN td_activities a ON a.id = m.id GROUP BY a.status`,
      q.values,
    );
    if (rows.every((r) => Number(r.matched) <= bound)) {
      for (const r of rows) if (r.status !== null && r.status in counts) counts[r.status] = Number(r.n);
      return { counts, estimate: false };
    }
  }
  const n = values.length + 1;
  const estimates = await Promise.all(ACTIVITY_STATUSES.map((s) => estimateRows(pool, `(${where}) AND status = $${n}`, [...values, s])));
  if ((search !== '' && !search.includes('\0')) || estimates.reduce((a, b) => a + b, 0) > exactCountLimit) {
    ACTIVITY_STATUSES.forEach((s, i) => (counts[s] = estimates[i]!));
    return { counts, estimate: true };
  }
  await tally('td_activities', 'count(*)');
  return { counts, estimate: false };
}

/** The revision a list shows (asOf): the last value td_revision handed out. */
export async function currentRevision(pool: Pool | PoolClient): Promise<number> {
  const { rows } = await pool.query<{ last_value: string; is_called: boolean }>('SELECT last_value, is_called FROM td_revision');
  const r = rows[0]!;
  return r.is_called ? Number(r.last_value) : 0;
}

/** Rows of the list's order a search first looks through before it asks the trigram index (see listRows). */
const SEARCH_WINDOW = 2000;

/**
 * The page's rows. Without a search, one keyset walk. With one, the planner
 * guesses how many rows match the search and the filters together assuming
 * they are independent — and when they are not (a path filter and a search
 * for another path) its ordered walk reads every row of the filter to find
 * none. So first the next SEARCH_WINDOW rows in order are searched; when they
 * hold a full page, that is the page (the first matches in order), and when
 * the filters have fewer rows than that, the window held them all. Otherwise
 * the smaller side by the planner's separate estimates goes first: the
 * trigram index's matches (MATERIALIZED, then looked up) or the walk.
 */
async function listRows(pool: Pool, query: ActivityQuery, plan: SortPlan, after: ListCursor | null, pageSize: number, now: number) {
  const search = query.search.trim().toLowerCase();
  const build = (shape: 'walk' | 'window' | 'matches') => {
    const p = new Params();
    const nowP = p.add(now);
    const where = [`status = ${p.add(query.status)}`, filterConditions(shape === 'walk' ? query : { ...query, search: '' }, p, now)];
    if (after) where.push(afterCursor(plan, p, after.key, after.seq));
    const select = `SELECT ${ACTIVITY_COLUMNS}, a.${plan.column} AS sort_key`;
    const limit = `ORDER BY ${orderBy(plan)} LIMIT ${p.add(pageSize + 1)}`;
    if (shape === 'walk') return { sql: `${select} FROM td_activities a ${blockJoin(nowP)} WHERE ${where.join(' AND ')} ${limit}`, values: p.values };
    const needle = p.add(likeSubstring(search));
    if (shape === 'window') {
      const window = `SELECT * FROM td_activities WHERE ${where.join(' AND ')} ORDER BY ${orderBy(plan)} LIMIT ${p.add(SEARCH_WINDOW)}`;
      return { sql: `${select} FROM (${window}) a ${blockJoin(nowP)} WHERE ${searchCondition(needle)} ${limit}`, values: p.values };
    }
    return {
      sql: `WITH m AS MATERIALIZED (SELECT s.id FROM td_activity_search s WHERE s.search_text LIKE ${needle})
        ${select} FROM td_activities a ${blockJoin(nowP)} WHERE ${where.join(' AND ')} AND a.id IN (SELECT id FROM m) ${limit}`,
      values: p.values,
    };
  };
  const run = async (shape: 'walk' | 'window' | 'matches') => {
    const { sql, values } = build(shape);
    return (await pool.query<ActivityRow & { sort_key: unknown }>(sql, values)).rows;
  };
  if (search === '' || search.includes('\0')) return run('walk');
  const first = await run('window');
  if (first.length > pageSize) return first;
  // A window shorter than SEARCH_WINDOW held every row of the filters (and cursor): its matches are all there are.
  const p = new Params();
  const where = [`status = ${p.add(query.status)}`, filterConditions({ ...query, search: '' }, p, now)];
  if (after) where.push(afterCursor(plan, p, after.key, after.seq));
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM td_activities WHERE ${where.join(' AND ')} LIMIT ${p.add(SEARCH_WINDOW)}) w`, p.values);
  if (Number(rows[0]!.n) < SEARCH_WINDOW) return first;
  // Both ways are bounded by their own side: the walk by the filters' rows, the trigram index by the
  // search's matches. The planner estimates each side well alone (it only misjudges them together).
  const f = new Params();
  const filters = `status = ${f.add(query.status)} AND ${filterConditions({ ...query, search: '' }, f, now)}`;
  const [filtered, matched] = await Promise.all([
    estimateRows(pool, filters, f.values),
    estimateRows(pool, '', [], 'td_activity_search s WHERE s.search_text LIKE $1', [likeSubstring(search)]),
  ]);
  return run(matched < filtered ? 'matches' : 'walk');
}

export async function listActivityPage(pool: Pool, query: ActivityQuery, cursor: string | undefined, pageSize: number, now: number, exactCountLimit: number): Promise<ActivityPage> {
  const plan = sortPlan(query);
  const after = cursor !== undefined ? readListCursor(cursor, query, plan) : null;
  const [found, counted, asOf] = await Promise.all([
    listRows(pool, query, plan, after, pageSize, now),
    statusCounts(pool, query, now, exactCountLimit),
    currentRevision(pool),
  ]);
  const more = found.length > pageSize;
  const rows = more ? found.slice(0, pageSize) : found;
  const last = rows[rows.length - 1];
  return {
    items: rows.map(rowToActivity),
    total: counted.counts[query.status],
    totalIsEstimate: counted.estimate,
    nextCursor: more && last ? encodeCursor({ f: query.sort.field, d: query.sort.direction, k: cursorKeyOf(plan, last), s: Number(last.seq) }) : null,
    counts: counted.counts,
    asOf: String(asOf),
  };
}

export async function facetOf(pool: Pool, query: ActivityQuery, field: FilterField, search: string | undefined, limit: number | undefined, now: number): Promise<FacetResult> {
  const p = new Params();
  const column = FACET_COLUMNS[field];
  const where = `status = ${p.add(query.status)} AND ${filterConditions(query, p, now, field)}`;
  const needle = (typeof search === 'string' ? search : '').trim().toLowerCase();
  const narrow = needle ? `WHERE lower(v) LIKE ${p.add(likeSubstring(needle))}` : '';
  const max = limit !== undefined && limit >= 0 ? Math.floor(limit) : null;
  // The cube holds counts per combination (summed here), the activities one row each (counted).
  const fromCube = cubeHasField(field) && cubeAnswers(query, field);
  const source = fromCube ? `SELECT ${column} AS v, n FROM td_activity_cube WHERE ${where}` : `SELECT ${column} AS v, 1 AS n FROM td_activities WHERE ${where}`;
  const groups = `SELECT v, sum(n) AS cnt FROM (${source}) s ${narrow} GROUP BY v HAVING sum(n) > 0`;
  const sql = `SELECT v AS value, cnt AS n, count(*) OVER () AS total FROM (${groups}) g
    ORDER BY cnt DESC, v COLLATE "C" ASC${max !== null ? ` LIMIT ${p.add(max)}` : ''}`;
  const { rows } = await pool.query<{ value: string; n: string; total: string }>(sql, p.values);
  let totalOptions = rows.length ? Number(rows[0]!.total) : 0;
  if (max === 0) {
    // LIMIT 0 returns no row to carry the total: count the groups alone.
    const counted = await pool.query<{ total: string }>(`SELECT count(*) AS total FROM (${groups}) g`, p.values.slice(0, -1));
    totalOptions = Number(counted.rows[0]!.total);
  }
  return {
    field,
    options: rows.map((r) => (FACET_LABELS[r.value] ? { value: r.value, count: Number(r.n), label: FACET_LABELS[r.value]! } : { value: r.value, count: Number(r.n) })),
    totalOptions,
  };
}
