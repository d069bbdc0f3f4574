/**
 * Facet counts, always exact (FacetResult has no estimate flag). From the
 * counts cube when the query (less the facet's own field) filters only on its
 * dimensions; else from the search copy (td_activity_search, migration 7:
 * the filter columns beside the text) when the query has a search or a
 * filter and no time range or assignee — one scan of a narrow table instead
 * of the trigram matches joined to the activities; the actor facet of a
 * whole status from td_actor_counts (migration 8); else counted over the
 * activities.
 */
import type { Pool } from 'pg';
import type { FacetResult } from '../../core/adapter';
import { FILTER_FIELDS, type ActivityQuery, type FilterField } from '../../core/query';
import { cubeAnswers, cubeHasField } from './activityCube';
import { FACET_COLUMNS, filterConditions, likeSubstring, Params, searchCopyAnswers, searchCopyMatch } from './queryToSql';

const FACET_LABELS: Record<string, string> = { 'rule-based': 'Rule-Based', anomaly: 'Anomaly', yes: 'Yes', no: 'No' };

function facetSource(query: ActivityQuery, field: FilterField, p: Params, now: number): string {
  const column = FACET_COLUMNS[field];
  const status = `status = ${p.add(query.status)}`;
  if (cubeHasField(field) && cubeAnswers(query, field)) {
    // The cube holds counts per combination (summed by the caller).
    return `SELECT ${column} AS v, n FROM td_activity_cube WHERE ${status} AND ${filterConditions(query, p, now, field)}`;
  }
  const filtered = FILTER_FIELDS.some((f) => f !== field && query.filters[f].length > 0);
  const match = searchCopyAnswers(query) ? searchCopyMatch(query, p) : null;
  if (match !== null || (filtered && searchCopyAnswers(query))) {
    return `SELECT ${column} AS v, 1 AS n FROM td_activity_search s WHERE ${status} AND ${filterConditions({ ...query, search: '' }, p, now, field)}${match ? ` AND ${match}` : ''}`;
  }
  return `SELECT ${column} AS v, 1 AS n FROM td_activities WHERE ${status} AND ${filterConditions(query, p, now, field)}`;
}

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

export async function facetOf(pool: Pool, query: ActivityQuery, field: FilterField, search: string | undefined, limit: number | undefined, now: number): Promise<FacetResult> {
  const p = new Params();
  const needle = (typeof search === 'string' ? search : '').trim().toLowerCase();
  const actors = wholeStatusActors(query, field);
  if (actors && needle === '' && limit !== undefined && limit >= 1) return topActors(pool, query.status, Math.floor(limit));
  const source = actors ? `SELECT actor_ip AS v, n FROM td_actor_counts WHERE status = ${p.add(query.status)} AND n > 0` : facetSource(query, field, p, now);
  const narrow = needle ? `WHERE lower(v) LIKE ${p.add(likeSubstring(needle))}` : '';
  const max = limit !== undefined && limit >= 0 ? Math.floor(limit) : null;
  const groups = `SELECT v, sum(n) AS cnt FROM (${source}) src ${narrow} GROUP BY v HAVING sum(n) > 0`;
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
