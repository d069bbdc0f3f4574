/**
 * Facet counts. From the counts cube when the query (less the facet's own
 * field) filters only on its dimensions; else from the search copy
 * (td_activity_search, migration 7: the filter columns beside the text) when
 * the query has a search or a filter and no time range or assignee — one scan
 * of a narrow table instead of the trigram matches joined to the activities;
 * the actor facet of a whole status from td_actor_counts (migration 8); else
 * counted over the activities.
 *
 * The cube and the actor counts are exact whatever the size. The other two
 * sources count every matching row, which for a broad search at a million
 * rows is a scan of most of the table (seconds under load): when more than
 * `exactLimit` rows match, the facet is counted on a fixed sample of the
 * table's pages instead (TABLESAMPLE SYSTEM, the same pages every time, about
 * `sampleRows` rows), scaled to the table and marked `countsAreEstimates`.
 */
import type { Pool } from 'pg';
import type { FacetResult } from '../../core/adapter';
import { FILTER_FIELDS, type ActivityQuery, type FilterField } from '../../core/query';
import { cubeAnswers, cubeHasField } from './activityCube';
import { FACET_COLUMNS, filterConditions, likeSubstring, Params, searchCopyAnswers, searchCopyMatch } from './queryToSql';

const FACET_LABELS: Record<string, string> = { 'rule-based': 'Rule-Based', anomaly: 'Anomaly', yes: 'Yes', no: 'No' };

/** Where a facet's rows come from: SQL yielding (v, n), and the table it reads when it may be sampled. */
interface FacetSource {
  sql: string;
  /** The table the rows are read from (sampled when too many match); null for the cube. */
  table: 'td_activity_search' | 'td_activities' | null;
}

/** The heap page of a sampled row (`pg`): how many pages a sample's hits came from. */
const PAGE_COLUMN = ', (ctid::text::point)[0]::bigint AS pg';

/**
 * `sample` is a TABLESAMPLE clause (its values already bound in `p`) put after
 * the table read, or '' for every row; `only` an `AND …` condition more, or ''.
 */
function facetSource(query: ActivityQuery, field: FilterField, p: Params, now: number, sample = '', only = ''): FacetSource {
  const column = FACET_COLUMNS[field];
  const status = `status = ${p.add(query.status)}`;
  if (cubeHasField(field) && cubeAnswers(query, field)) {
    // The cube holds counts per combination (summed by the caller).
    return { sql: `SELECT ${column} AS v, n FROM td_activity_cube WHERE ${status} AND ${filterConditions(query, p, now, field)}`, table: null };
  }
  const filtered = FILTER_FIELDS.some((f) => f !== field && query.filters[f].length > 0);
  const match = searchCopyAnswers(query) ? searchCopyMatch(query, p) : null;
  if (match !== null || (filtered && searchCopyAnswers(query))) {
    return {
      sql: `SELECT ${column} AS v, 1 AS n${sample ? PAGE_COLUMN : ''} FROM td_activity_search s${sample} WHERE ${status} AND ${filterConditions({ ...query, search: '' }, p, now, field)}${match ? ` AND ${match}` : ''}${only}`,
      table: 'td_activity_search',
    };
  }
  return { sql: `SELECT ${column} AS v, 1 AS n${sample ? PAGE_COLUMN : ''} FROM td_activities${sample} WHERE ${status} AND ${filterConditions(query, p, now, field)}${only}`, table: 'td_activities' };
}

/** When a facet is sampled: above `exactLimit` matching rows, on about `sampleRows` of the table's rows. */
export interface FacetSampling {
  exactLimit: number;
  sampleRows: number;
}
export const DEFAULT_FACET_SAMPLING: FacetSampling = { exactLimit: 10_000, sampleRows: 20_000 };

/** True for the actor facet of a whole status: nothing but the status (and actor values, which the facet skips) in the query. */
const wholeStatusActors = (query: ActivityQuery, field: FilterField) =>
  field === 'actor' && query.search.trim() === '' && query.time === null && query.assignee === undefined && FILTER_FIELDS.every((f) => f === 'actor' || query.filters[f].length === 0);

/**
 * The actor facet of a whole status, limited and not narrowed: the first rows
 * of td_actor_counts_top (status, n DESC, actor_ip) and a count of the
 * status's actors — at 1M activities there are ~700 000, and grouping them
 * like any other source (sum, window count, sort) took 3.5 s under load.
 */
async function topActors(pool: Pool, status: string, max: number): Promise<FacetResult> {
  const { rows } = await pool.query<{ value: string; n: string; total: string }>(
    `SELECT actor_ip AS value, n, (SELECT count(*) FROM td_actor_counts WHERE status = $1 AND n > 0) AS total
     FROM td_actor_counts WHERE status = $1 AND n > 0 ORDER BY n DESC, actor_ip ASC LIMIT $2`,
    [status, max],
  );
  return { field: 'actor', options: rows.map((r) => ({ value: r.value, count: Number(r.n) })), totalOptions: rows.length ? Number(rows[0]!.total) : 0 };
}

export async function facetOf(
  pool: Pool,
  query: ActivityQuery,
  field: FilterField,
  search: string | undefined,
  limit: number | undefined,
  now: number,
  { exactLimit, sampleRows }: FacetSampling = DEFAULT_FACET_SAMPLING,
): Promise<FacetResult> {
  const needle = (typeof search === 'string' ? search : '').trim().toLowerCase();
  const actors = wholeStatusActors(query, field);
  if (actors && needle === '' && limit !== undefined && limit >= 1) return topActors(pool, query.status, Math.floor(limit));
  const max = limit !== undefined && limit >= 0 ? Math.floor(limit) : null;

  /** The statement's parts over the chosen source; `sample` and `only` as for facetSource. */
  const parts: FacetParts = (p, sample = '', only = '') => {
    const from: FacetSource = actors
      ? { sql: `SELECT actor_ip AS v, n FROM td_actor_counts WHERE status = ${p.add(query.status)} AND n > 0`, table: null }
      : facetSource(query, field, p, now, sample, only);
    const narrow = needle ? `WHERE lower(v) LIKE ${p.add(likeSubstring(needle))}` : '';
    return { from, rows: `SELECT v, n${sample ? ', pg' : ''} FROM (${from.sql}) src ${narrow}` };
  };

  return (await sampleOrExact(pool, field, max, parts, exactLimit, sampleRows)) ?? exactFacet(pool, field, max, parts);
}

/**
 * A facet over the search copy or the activities: sampled when more than
 * `exactLimit` rows match, else exact; null when it must be counted whole
 * (a source that is never sampled — the cube, the actor counts — or more rows
 * than the limit and no sample that can stand for them).
 *
 * Which it is, is learnt the cheap way round. When the planner expects many
 * matches, the sample goes first (its hits, scaled, say how many match, where
 * reading the first `exactLimit` rows of a broad search with a filter would
 * build the whole bitmap of its matches first); if it finds fewer, the rows
 * are counted. Otherwise the matching rows are read no further than the
 * limit: up to it they are the exact facet, beyond it the facet is sampled.
 */
async function sampleOrExact(pool: Pool, field: FilterField, max: number | null, parts: FacetParts, exactLimit: number, sampleRows: number): Promise<FacetResult | null> {
  const e = new Params();
  const { from, rows: matching } = parts(e);
  const table = from.table;
  if (table === null) return null;
  // One after the other: a read holds one connection of the pool.
  const plan = await pool.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(`EXPLAIN (FORMAT JSON) ${matching}`, e.values);
  // The table's rows now, as the planner reckons them: rows per page at the last ANALYZE times the pages
  // it has now (ingest grows it between ANALYZEs; reltuples alone would scale a sample of a doubled table by half).
  const sized = await pool.query<{ size: number | null }>(
    `SELECT CASE WHEN relpages > 0 AND reltuples > 0
              THEN reltuples::float8 / relpages * (pg_relation_size(oid) / current_setting('block_size')::int)
              ELSE reltuples::float8 END AS size
     FROM pg_class WHERE oid = '${table}'::regclass`,
  );
  const size = Number(sized.rows[0]?.size ?? 0);
  const percent = size > 0 ? (100 * sampleRows) / size : 100;
  const canSample = percent < 100;
  let sample: SampledFacet | null = null;
  if (canSample && (plan.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0) > exactLimit) {
    sample = await sampleFacet(pool, table, field, percent, size, max, parts);
    if (sample.trusted && sample.matched > exactLimit) return refineRareValues(pool, field, sample, parts);
  }

  // The matching rows, read no further than the limit: a materialised CTE is planned as the whole
  // read (an index for a narrow match, where a LIMIT would pick a sequential scan) but read lazily.
  const p = new Params();
  const bound = p.add(exactLimit + 1);
  const { rows } = await pool.query<{ value: string; n: string; total: string; matched: string }>(
    `WITH m AS MATERIALIZED (${parts(p).rows}),
          firsts AS (SELECT v, n FROM m LIMIT ${bound}),
          g AS (SELECT v, sum(n) AS cnt FROM firsts GROUP BY v HAVING sum(n) > 0)
     SELECT v AS value, cnt AS n, count(*) OVER () AS total, (SELECT count(*) FROM firsts) AS matched
     FROM g ORDER BY cnt DESC, v COLLATE "C" ASC${max !== null && max > 0 ? ` LIMIT ${p.add(max)}` : ''}`,
    p.values,
  );
  if (!rows.length || Number(rows[0]!.matched) <= exactLimit) {
    return { field, options: max === 0 ? [] : rows.map((r) => facetOption(r.value, Number(r.n))), totalOptions: rows.length ? Number(rows[0]!.total) : 0 };
  }
  // More than the limit: the sample's figures, unless it saw too little to say (or, taken first, it
  // disagreed with the read: it said fewer): then every row is counted.
  if (!canSample || sample !== null) return null;
  sample = await sampleFacet(pool, table, field, percent, size, max, parts);
  return sample.trusted ? refineRareValues(pool, field, sample, parts) : null;
}

/** Every matching row counted. */
async function exactFacet(pool: Pool, field: FilterField, max: number | null, parts: FacetParts): Promise<FacetResult> {
  const p = new Params();
  const groups = `SELECT v, sum(n) AS cnt FROM (${parts(p).rows}) src GROUP BY v HAVING sum(n) > 0`;
  const sql = `SELECT v AS value, cnt AS n, count(*) OVER () AS total FROM (${groups}) g
    ORDER BY cnt DESC, v COLLATE "C" ASC${max !== null ? ` LIMIT ${p.add(max)}` : ''}`;
  const { rows } = await pool.query<{ value: string; n: string; total: string }>(sql, p.values);
  let totalOptions = rows.length ? Number(rows[0]!.total) : 0;
  if (max === 0) {
    // LIMIT 0 returns no row to carry the total: count the groups alone.
    const counted = await pool.query<{ total: string }>(`SELECT count(*) AS total FROM (${groups}) g`, p.values.slice(0, -1));
    totalOptions = Number(counted.rows[0]!.total);
  }
  return { field, options: rows.map((r) => facetOption(r.value, Number(r.n))), totalOptions };
}

const facetOption = (value: string, count: number) => (FACET_LABELS[value] ? { value, count, label: FACET_LABELS[value]! } : { value, count });

/** A facet's rows (v, n) over its source, sampled and narrowed as facetSource says. */
type FacetParts = (p: Params, sample?: string, only?: string) => { from: FacetSource; rows: string };

/** Fields with many rare values (thousands of actors or paths): a value seen a few times in a sample says little about its count. */
const RARE_VALUE_FIELDS: ReadonlySet<FilterField> = new Set(['actor', 'url', 'host', 'subcategory']);
/** Sample hits from which a scaled count is kept (about ±20 %); a rarer value of such a field is counted exactly. */
const MIN_SAMPLE_HITS = 25;
/** Rare values recounted at most (a facet asked for without a limit may have thousands). */
const MAX_RECOUNTED = 100;
/**
 * A sample is trusted when its hits are at least this many, from at least MIN_SAMPLE_PAGES pages: the
 * sample is of whole pages, and rows that match a time range or a newly ingested value sit together
 * in a few of them — one page hit would scale its rows by the sampling rate.
 */
const MIN_SAMPLE_TOTAL_HITS = 100;
const MIN_SAMPLE_PAGES = 20;

interface SampledFacet {
  result: FacetResult;
  /** Matching rows, as the sample estimates them. */
  matched: number;
  /** Enough hits, from enough pages, to stand for the matching rows. */
  trusted: boolean;
  /** Values of a rare-value field seen fewer than MIN_SAMPLE_HITS times (their scaled counts mean little). */
  rare: string[];
}

/**
 * The facet counted on about `percent` % of the table's pages (the same pages
 * for every call: REPEATABLE with a fixed seed, so an analyst reopening the
 * filter sees the same figures), each count scaled by the table's size over
 * the rows sampled. Values too rare to be sampled are missing, and
 * `totalOptions` counts the values seen.
 */
async function sampleFacet(
  pool: Pool,
  table: string,
  field: FilterField,
  percent: number,
  size: number,
  max: number | null,
  parts: FacetParts,
): Promise<SampledFacet> {
  const p = new Params();
  const sample = ` TABLESAMPLE SYSTEM (${p.add(percent)}) REPEATABLE (${p.add(SAMPLE_SEED)})`;
  const scale = `(${p.add(size)}::float8 / greatest(1, (SELECT count(*) FROM ${table}${sample})))`;
  const { rows } = await pool.query<{ value: string; hits: string; n: string; total: string; all_hits: string; pages: string; matched: number }>(
    `WITH hit AS MATERIALIZED (${parts(p, sample).rows}),
          g AS (SELECT v, count(*) AS cnt FROM hit GROUP BY v)
     SELECT v AS value, cnt AS hits, greatest(1, round(cnt * ${scale}))::bigint AS n, count(*) OVER () AS total,
            sum(cnt) OVER () AS all_hits, (SELECT count(DISTINCT pg) FROM hit) AS pages, (sum(cnt) OVER () * ${scale})::float8 AS matched
     FROM g ORDER BY cnt DESC, v COLLATE "C" ASC${max !== null && max > 0 ? ` LIMIT ${p.add(max)}` : ''}`,
    p.values,
  );
  const first = rows[0];
  const options = max === 0 ? [] : rows.map((r) => facetOption(r.value, Number(r.n)));
  const rare = RARE_VALUE_FIELDS.has(field) ? rows.slice(0, max === 0 ? 0 : MAX_RECOUNTED).filter((r) => Number(r.hits) < MIN_SAMPLE_HITS).map((r) => r.value) : [];
  return {
    result: { field, options, totalOptions: first ? Number(first.total) : 0, countsAreEstimates: true },
    matched: first ? Number(first.matched) : 0,
    trusted: first !== undefined && Number(first.all_hits) >= MIN_SAMPLE_TOTAL_HITS && Number(first.pages) >= MIN_SAMPLE_PAGES,
    rare,
  };
}

/** The sampled facet with its rare values counted exactly (by an index on the value), re-ordered by count. */
async function refineRareValues(pool: Pool, field: FilterField, { result, rare }: SampledFacet, parts: FacetParts): Promise<FacetResult> {
  if (rare.length === 0) return result;
  const counts = new Map(result.options.map((o) => [o.value, o.count]));
  const q = new Params();
  const only = ` AND ${FACET_COLUMNS[field]} = ANY(${q.add(rare)}::text[])`;
  const exact = await pool.query<{ v: string; n: string }>(`SELECT v, sum(n) AS n FROM (${parts(q, '', only).rows}) src GROUP BY v`, q.values);
  for (const value of rare) counts.delete(value);
  for (const r of exact.rows) counts.set(r.v, Number(r.n));
  const kept = [...counts].filter(([, n]) => n > 0);
  const options = kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([value, n]) => facetOption(value, n));
  // A value the sample saw but no row has any more (changed meanwhile) is not one of the values.
  return { ...result, options, totalOptions: Math.max(options.length, result.totalOptions - (counts.size - kept.length)) };
}

/** Any fixed seed: the sample must be the same pages from one call to the next. */
const SAMPLE_SEED = 1;
