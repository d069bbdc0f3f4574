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
import type { ActivityPage, StatusCounts } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { ACTIVITY_STATUSES, SEVERITIES } from '../../core/model';
import type { ActivityQuery } from '../../core/query';
import { decodeCursor, encodeCursor } from '../../adapters/memory/cursorCodec';
import { cubeAnswers } from './activityCube';
import { ACTIVITY_COLUMNS, blockJoin, rowToActivity, type ActivityRow } from './activityRows';
import { afterCursor, filterConditions, likeSubstring, orderBy, Params, searchCopyAnswers, severityRank, sortPlan, type SortPlan } from './queryToSql';

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
export async function statusCounts(pool: Pool, query: ActivityQuery, now: number, exactCountLimit: number, probe: Promise<CopyProbe> | null = null): Promise<{ counts: StatusCounts; estimate: boolean }> {
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
    // count it misjudges may read every row. So at most SEARCH_COUNT_LIMIT + 1 matches are listed
    // first (bounded by exactCountLimit too): no more than that, and they are counted exactly; more,
    // and the counts are the planner's estimates. The search copy holds the filter columns, so its
    // matches are narrowed by the filters in the same scan (migration 7), the one the list's page
    // reads too (`probe`); with a time range or an assignee the trigram matches are looked up in
    // td_activities.
    const bound = Math.min(exactCountLimit, SEARCH_COUNT_LIMIT);
    if (probe) {
      const { rows } = await probe;
      if (rows.length <= bound) {
        for (const r of rows) if (r.status in counts) counts[r.status as keyof StatusCounts] += 1;
        return { counts, estimate: false };
      }
    } else {
      const q = new Params();
      const rest = filterConditions({ ...query, search: '' }, q, now);
      const { rows } = await pool.query<{ status: keyof StatusCounts | null; n: string; matched: string }>(
        `WITH m AS MATERIALIZED (SELECT s.id FROM td_activity_search s WHERE s.search_text LIKE ${q.add(likeSubstring(search))} LIMIT ${q.add(bound + 1)})
         SELECT a.status, count(*) FILTER (WHERE ${rest}) AS n, (SELECT count(*) FROM m) AS matched
         FROM m LEFT JOIN td_activities a ON a.id = m.id GROUP BY a.status`,
        q.values,
      );
      if (rows.every((r) => Number(r.matched) <= bound)) {
        for (const r of rows) if (r.status !== null && r.status in counts) counts[r.status] = Number(r.n);
        return { counts, estimate: false };
      }
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

/** Up to `limit` + 1 rows (id, status) of the search copy matching a query's search and filters, in any status. */
export interface CopyProbe {
  rows: Array<{ id: string; status: string }>;
}

/** Heap rows of the search copy a probe reads first (see probeSearchCopy); then at most PREFIX_MAX_ROWS. */
export const PREFIX_SAMPLE_ROWS = 4000;
export const PREFIX_MAX_ROWS = 40_000;

/**
 * How many of the copy's first heap rows a second prefix read takes, after `matched` of the first
 * PREFIX_SAMPLE_ROWS matched: enough to hold `want` matches at the density seen (with a quarter
 * more), or null when that is more than PREFIX_MAX_ROWS (or none matched): then the GIN index.
 */
export function prefixRowsFor(matched: number, want: number): number | null {
  if (matched <= 0) return null;
  const rows = Math.ceil((want / matched) * PREFIX_SAMPLE_ROWS * 1.25);
  return rows <= PREFIX_MAX_ROWS ? Math.max(rows, PREFIX_SAMPLE_ROWS + 1) : null;
}

/**
 * One scan of the search copy for both a search list's counts and its page
 * (they read the same matches): up to `limit` + 1 matching rows, where
 * `limit` + 1 only says "more than the limit" to both readers.
 *
 * A GIN index has no ordered scan: its bitmap holds every match before the
 * first row is returned, so a broad search paid for all of them to learn
 * that there are more than 2000 — '%api.%', 683 000 of 1.27M rows, 108 ms
 * idle and the largest share of the database's time under the benchmark's
 * 16 clients (the slow-statement log: 109 of 229 statements over 300 ms).
 * So the copy's first heap rows are read first: PREFIX_SAMPLE_ROWS, then as
 * many as the density seen there needs (at most PREFIX_MAX_ROWS). Where
 * they hold `limit` + 1 matches, that is the answer (7 ms for '%api.%',
 * 15–26 ms for terms in 10–20 % of rows); otherwise the GIN index, as
 * before, with its LIMIT outside a MATERIALIZED CTE (read lazily, so it
 * still stops the scan): inside, the planner bets on a sequential scan
 * stopping early, and when the search and the filter have no row in
 * common it read all 1M rows (590 ms idle) where the GIN intersection
 * finds none at once.
 */
async function probeSearchCopy(pool: Pool, query: ActivityQuery, now: number, limit: number): Promise<CopyProbe> {
  const statement = (prefixRows: number | null) => {
    const q = new Params();
    const like = `s.search_text LIKE ${q.add(likeSubstring(query.search.trim().toLowerCase()))}`;
    const rest = filterConditions({ ...query, search: '' }, q, now);
    const from = prefixRows === null ? 'td_activity_search s' : `(SELECT * FROM td_activity_search LIMIT ${q.add(prefixRows)}) s`;
    const sql = `WITH c AS MATERIALIZED (SELECT s.id, s.status FROM ${from} WHERE ${like} AND ${rest}) SELECT id, status FROM c LIMIT ${q.add(limit + 1)}`;
    return pool.query<{ id: string; status: string }>(sql, q.values).then((r) => r.rows);
  };
  const sample = await statement(PREFIX_SAMPLE_ROWS);
  if (sample.length > limit) return { rows: sample };
  const more = prefixRowsFor(sample.length, limit + 1);
  if (more !== null) {
    const rows = await statement(more);
    if (rows.length > limit) return { rows };
  }
  return { rows: await statement(null) };
}

/** Matches a search sorts itself at most (see listRows; the adapter's `searchWindowRows`). */
export const SEARCH_WINDOW = 2000;
/**
 * Rows of the list's order a search walks at most: a walk stops at the page's last match, so it is cheap
 * where matches are dense in the order, and a search whose matches are not among the first rows of an
 * order (e.g. SQL injection sorted by attempts, where the top rows are scrapers) still finds its page.
 */
const walkRows = (window: number) => window * 10;

type Shape = 'walk' | 'window' | 'matches' | 'ids';

/**
 * The severity ranks that hold rows of a query sorted by severity, from the
 * counts cube, so the walk of (status, severity_rank, seq) starts at the first
 * of them and stops after the last: a filter whose rows are all of low
 * severity ('XSS') otherwise read past every more severe row of the status to
 * find its first (4.6 s idle at 1M activities, `--one-at-a-time`). A search's
 * matches are among the rows of its filters, so the ranks of the filters
 * alone bound its walk too ('api.' in XSS: 3.1 s). Null when the cube cannot
 * say (an actor, a time range, an assignee), when there is no filter (every
 * rank has rows) or one severity is filtered (the walk is pinned to it).
 */
async function severityRanksOf(pool: Pool, query: ActivityQuery, plan: SortPlan, now: number): Promise<number[] | null> {
  const filtersOnly = { ...query, search: '' };
  if (plan.column !== 'severity_rank' || query.filters.severity.length === 1 || !cubeAnswers(filtersOnly)) return null;
  if (Object.values(query.filters).every((values) => values.length === 0)) return null;
  const p = new Params();
  const { rows } = await pool.query<{ severity: string }>(
    `SELECT severity FROM td_activity_cube WHERE status = ${p.add(query.status)} AND ${filterConditions(filtersOnly, p, now)} GROUP BY severity HAVING sum(n) > 0`,
    p.values,
  );
  return rows.map((r) => severityRank(r.severity));
}

/**
 * The page's rows. Without a search, one keyset walk. With one, the planner
 * guesses how many rows match the search and the filters together assuming
 * they are independent — and when they are not (a path filter and a search
 * for another path) its ordered walk reads every row of the filter to find
 * none (163 000 rows of the status for 0 matches at 200k, EXPLAIN ANALYZE:
 * no index has filter + sort). So, bounded at each step:
 * 1. the search copy's GIN index intersects the search with the filters and
 *    lists at most SEARCH_WINDOW + 1 matches; no more than SEARCH_WINDOW, and
 *    they are all: looked up and sorted ('ids'; the counts' `probe` when the
 *    copy holds every condition);
 * 2. more, and the rows in order are searched, up to 10 × SEARCH_WINDOW of
 *    them and no further than the page's last match ('window'); when they
 *    hold a full page, that is the page (the first matches in order), and
 *    when the filters have fewer rows, the window held them all;
 * 3. otherwise every match is looked up and sorted ('matches'); sorted by
 *    severity, one rank at a time in the list's order until the page is
 *    full (byRank; the copy holds severity, so its index reads only that
 *    rank's matches): a broad search whose first rows in order are not
 *    matches ('login', 102 000 active matches, none among the newest 20 000
 *    critical rows) reads the critical rank's 9 900, not all of them, and
 *    one whose matches are of low severity ('xss') skips the few severe ones
 *    and walks the rank where they are dense (3.6 s and 2.5 s idle before).
 */
async function listRows(pool: Pool, query: ActivityQuery, plan: SortPlan, after: ListCursor | null, pageSize: number, now: number, window: number, probe: Promise<CopyProbe> | null) {
  const search = query.search.trim().toLowerCase();
  // `q` is the query, or the query pinned to one severity (byRank); `rowLimit` the rows wanted, at most pageSize + 1;
  // `walk` the rows a window walks at most.
  const build = (shape: Shape, ids: string[] = [], ranks: readonly number[] | null = null, q: ActivityQuery = query, rowLimit = pageSize + 1, walk = walkRows(window)) => {
    const p = new Params();
    const nowP = p.add(now);
    const where = [`status = ${p.add(q.status)}`, filterConditions(shape === 'walk' ? q : { ...q, search: '' }, p, now)];
    // One severity sorted by severity: the rank is that severity's too, so the walk of (status, severity_rank, seq)
    // starts at its rows instead of reading past every more severe one.
    const pinnedRank = plan.column === 'severity_rank' && q.filters.severity.length === 1 ? p.add(severityRank(q.filters.severity[0]!)) : null;
    if (pinnedRank) where.push(`severity_rank = ${pinnedRank}`);
    else if (ranks && ranks.length) where.push(`severity_rank BETWEEN ${p.add(Math.min(...ranks))} AND ${p.add(Math.max(...ranks))}`);
    if (after) where.push(afterCursor(plan, p, after.key, after.seq));
    const select = `SELECT ${ACTIVITY_COLUMNS}, a.${plan.column} AS sort_key`;
    const limitP = p.add(rowLimit);
    const limit = `ORDER BY ${orderBy(plan)} LIMIT ${limitP}`;
    if (shape === 'walk') return { sql: `${select} FROM td_activities a ${blockJoin(nowP)} WHERE ${where.join(' AND ')} ${limit}`, values: p.values };
    if (shape === 'ids') return { sql: `${select} FROM td_activities a ${blockJoin(nowP)} WHERE a.id = ANY(${p.add(ids)}::text[]) AND ${where.join(' AND ')} ${limit}`, values: p.values };
    const needle = p.add(likeSubstring(search));
    if (shape === 'window') {
      // Keys only (id, sort column, seq) in order, each probed in the search copy's primary key (LATERAL
      // with LIMIT, so the planner cannot turn it into a hash of every match of the search), then the
      // page's rows. The keys are a LIMITed subquery, not a materialised CTE: it keeps its order, so the
      // nested loop stops at the page's last match instead of probing the whole window first (a pinned
      // rank is repeated outside, or the outer order would not see the inner one and sort every probe).
      const keys = `SELECT id, seq, ${plan.column} FROM td_activities WHERE ${where.join(' AND ')} ORDER BY ${orderBy(plan)} LIMIT ${p.add(walk)}`;
      const hits = `SELECT w.id, w.seq, w.${plan.column} FROM (${keys}) w JOIN LATERAL (SELECT 1 FROM td_activity_search s WHERE s.id = w.id AND s.search_text LIKE ${needle} LIMIT 1) hit ON TRUE ${pinnedRank ? `WHERE w.severity_rank = ${pinnedRank} ` : ''}ORDER BY ${orderBy(plan, 'w')} LIMIT ${limitP}`;
      return { sql: `WITH t AS MATERIALIZED (${hits}) ${select} FROM t JOIN td_activities a ON a.id = t.id ${blockJoin(nowP)} ORDER BY ${orderBy(plan, 'a')} LIMIT ${limitP}`, values: p.values };
    }
    return {
      sql: `WITH m AS MATERIALIZED (${copyMatches(q, p, now, needle)})
        ${select} FROM td_activities a ${blockJoin(nowP)} WHERE ${where.join(' AND ')} AND a.id IN (SELECT id FROM m) ${limit}`,
      values: p.values,
    };
  };
  const run = async (shape: Shape, ids?: string[], ranks?: readonly number[] | null, q?: ActivityQuery, rowLimit?: number, walk?: number) => {
    const { sql, values } = build(shape, ids, ranks, q, rowLimit, walk);
    return (await pool.query<ActivityRow & { sort_key: unknown }>(sql, values)).rows;
  };
  /** Ids of the search copy's matches of `q`, at most window + 1 (more than the window says only "more"). */
  const copyIds = async (q: ActivityQuery) => {
    const m = new Params();
    const sql = `WITH c AS MATERIALIZED (${copyMatches(q, m, now, m.add(likeSubstring(search)))}) SELECT id FROM c LIMIT ${m.add(window + 1)}`;
    return (await pool.query<{ id: string }>(sql, m.values)).rows.map((r) => r.id);
  };
  /** Whether a window walk held every row of `q`'s filters (and the cursor): then its matches are all there are. */
  const walkHeldAll = async (q: ActivityQuery) => {
    const p = new Params();
    const where = [`status = ${p.add(q.status)}`, filterConditions({ ...q, search: '' }, p, now)];
    if (after) where.push(afterCursor(plan, p, after.key, after.seq));
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM td_activities WHERE ${where.join(' AND ')} LIMIT ${p.add(walkRows(window))}) w`, p.values);
    return Number(rows[0]!.n) < walkRows(window);
  };
  /**
   * Step 3 sorted by severity: the ranks in the list's order from the cursor's, each pinned (its rows are
   * contiguous in the order), until the page is full. In each, few matches are sorted from their ids; more,
   * a window walk of the rank; only where that falls short, every match of the rank. Pinned, a walk reads
   * one rank's rows: a walk of every rank with a filter outside the index (a path) read past the filter's
   * rows of each severe rank to find the matches of a mild one ('xss' on one path: 1.3 s for its window).
   * The list's short walk (a tenth of a window) came first.
   */
  const byRank = async (ranks: readonly number[] | null) => {
    const filtered = query.filters.severity.map(severityRank);
    const order = [...new Set(ranks ?? (filtered.length ? filtered : SEVERITIES.map(severityRank)))]
      .sort((a, b) => (plan.desc ? b - a : a - b))
      .filter((r) => after === null || (plan.desc ? r <= Number(after.key) : r >= Number(after.key)));
    const rows: Array<ActivityRow & { sort_key: unknown }> = [];
    for (const r of order) {
      const pinned = { ...query, filters: { ...query.filters, severity: [SEVERITIES[SEVERITIES.length - 1 - r]!] } };
      const need = pageSize + 1 - rows.length;
      const ids = await copyIds(pinned);
      if (ids.length <= window) rows.push(...(await run('ids', ids, null, pinned, need)));
      else {
        const walked = await run('window', undefined, null, pinned, need);
        rows.push(...(walked.length >= need || (await walkHeldAll(pinned)) ? walked : await run('matches', undefined, null, pinned, need)));
      }
      if (rows.length > pageSize) break;
    }
    return rows;
  };
  const ranks = await severityRanksOf(pool, query, plan, now);
  if (ranks?.length === 0) return [];
  if (search === '' || search.includes('\0')) return run('walk', undefined, ranks);
  if (probe) {
    // The probe's limit is at least the window: no more rows than the window, and they are all.
    const { rows } = await probe;
    if (rows.length <= window) return run('ids', rows.filter((r) => r.status === query.status).map((r) => r.id));
  } else {
    const ids = await copyIds(query);
    if (ids.length <= window) return run('ids', ids);
  }
  if (plan.column === 'severity_rank' && query.filters.severity.length !== 1) {
    // A short walk across the ranks first: where matches are dense in the order it holds the page (~20 ms);
    // a full one costs the most exactly where it falls short (a filter outside the index), so then byRank.
    const short = await run('window', undefined, ranks, query, pageSize + 1, window);
    return short.length > pageSize ? short : byRank(ranks);
  }
  const first = await run('window', undefined, ranks);
  if (first.length > pageSize || (await walkHeldAll(query))) return first;
  return run('matches', undefined, ranks);
}

/**
 * Ids of the search copy's rows matching the search (`needle`: a bound LIKE
 * pattern) and every filter the copy holds — host, path, subcategory,
 * severity and actor inside its GIN index — in the query's status: a
 * superset of the list's rows (time range and assignee are left to
 * td_activities' WHERE).
 */
function copyMatches(query: ActivityQuery, p: Params, now: number, needle: string): string {
  const narrowed = filterConditions({ ...query, search: '', time: null, assignee: undefined }, p, now);
  return `SELECT s.id FROM td_activity_search s WHERE s.search_text LIKE ${needle} AND s.status = ${p.add(query.status)} AND ${narrowed}`;
}

export async function listActivityPage(pool: Pool, query: ActivityQuery, cursor: string | undefined, pageSize: number, now: number, exactCountLimit: number, searchWindow = SEARCH_WINDOW): Promise<ActivityPage> {
  const plan = sortPlan(query);
  const after = cursor !== undefined ? readListCursor(cursor, query, plan) : null;
  const search = query.search.trim();
  const probe = search !== '' && !search.includes('\0') && searchCopyAnswers(query)
    ? probeSearchCopy(pool, query, now, Math.max(searchWindow, Math.min(exactCountLimit, SEARCH_COUNT_LIMIT)))
    : null;
  const [found, counted, asOf] = await Promise.all([
    listRows(pool, query, plan, after, pageSize, now, searchWindow, probe),
    statusCounts(pool, query, now, exactCountLimit, probe),
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
