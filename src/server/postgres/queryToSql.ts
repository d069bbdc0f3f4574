/**
 * ActivityQuery → SQL. Every value travels as a bound parameter ($1, $2, …):
 * `Params.add` is the only way a value reaches the text, and it returns the
 * placeholder, never the value. Identifiers (sort columns, facet columns)
 * come from the fixed maps below, keyed by the query model's closed enums.
 */
import { SEVERITIES } from '../../core/model';
import { searchCondition } from './activitySearch';
import { resolveTimeRange, type ActivityQuery, type FilterField, type SortField } from '../../core/query';

export class Params {
  readonly values: unknown[] = [];
  /** Binds a value; returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

type SqlSortField = SortField;
export const SQL_SORT_FIELDS = Object.freeze<SqlSortField[]>(['lastSeen', 'firstSeen', 'severity', 'attemptCount', 'endpoint', 'host', 'actor', 'policy', 'type', 'successfulExploit', 'activeSince']);

/** Sort field → the column (or stored expression) ordered on; ties break on seq. */
export const SORT_COLUMNS: Record<SqlSortField, string> = {
  lastSeen: 'last_seen',
  firstSeen: 'first_seen',
  severity: 'severity_rank',
  attemptCount: 'attempt_count',
  endpoint: 'endpoint_key',
  host: 'host',
  actor: 'actor_ip',
  policy: 'policy_name',
  type: 'type',
  successfulExploit: 'successful_exploit',
  activeSince: 'active_since',
};

/** The cursor key's JS type per sort column, checked when a cursor comes back. */
export const SORT_KEY_KIND: Record<SqlSortField, 'number' | 'string' | 'boolean'> = {
  lastSeen: 'number',
  firstSeen: 'number',
  severity: 'number',
  attemptCount: 'number',
  endpoint: 'string',
  host: 'string',
  actor: 'string',
  policy: 'string',
  type: 'string',
  successfulExploit: 'boolean',
  activeSince: 'number',
};

/** Facet field → the column grouped on (successfulExploit as the query's yes/no). */
export const FACET_COLUMNS: Record<FilterField, string> = {
  actor: 'actor_ip',
  url: 'path',
  host: 'host',
  type: 'type',
  subcategory: 'subcategory',
  successfulExploit: "CASE WHEN successful_exploit THEN 'yes' ELSE 'no' END",
  severity: 'severity',
};

/** Higher is more severe, so "desc" puts critical first (as the memory adapter ranks it). */
export const severityRank = (severity: string): number => SEVERITIES.length - 1 - Math.max(0, SEVERITIES.indexOf(severity as never));

/** Escapes LIKE wildcards so a search is a plain substring. */
export const likeSubstring = (needle: string) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `me` as the adapter's current user; without one, `me` stays and matches nothing. */
export function resolveAssignee(query: ActivityQuery, currentUserId: string | undefined): ActivityQuery {
  return query.assignee === 'me' && currentUserId !== undefined ? { ...query, assignee: { userId: currentUserId } } : query;
}

/**
 * The conditions of a query except its status (and except `skip`, for a
 * facet), ANDed; `TRUE` when there are none. Resolve `me` first (resolveAssignee).
 */
export function filterConditions(query: ActivityQuery, p: Params, now: number, skip?: FilterField): string {
  const where: string[] = [];
  const f = query.filters;
  const anyOf = (field: FilterField, column: string, values: readonly string[]) => {
    if (field === skip || values.length === 0) return;
    // PostgreSQL text cannot hold U+0000, so no stored value has one: such a value matches nothing (and must not reach the server).
    const usable = values.filter((v) => !v.includes('\0'));
    // One value as plain equality: PostgreSQL 15 walks a (status, column, sort) index in order only for `=`, not `= ANY`.
    if (usable.length === 1) where.push(`${column} = ${p.add(usable[0])}::text`);
    else where.push(usable.length ? `${column} = ANY(${p.add(usable)}::text[])` : 'FALSE');
  };
  anyOf('actor', 'actor_ip', f.actor);
  anyOf('url', 'path', f.url);
  anyOf('host', 'host', f.host);
  anyOf('type', 'type', f.type);
  anyOf('subcategory', 'subcategory', f.subcategory);
  anyOf('severity', 'severity', f.severity);
  if (skip !== 'successfulExploit' && f.successfulExploit.length === 1) {
    where.push(`successful_exploit = ${p.add(f.successfulExploit[0] === 'yes')}::boolean`);
  }
  const range = resolveTimeRange(query.time, now);
  if (range) where.push(`last_seen BETWEEN ${p.add(range.from)}::bigint AND ${p.add(range.to)}::bigint`);
  const assignee = query.assignee;
  if (assignee === 'unassigned') where.push('assignee_id IS NULL');
  else if (assignee === 'me' || (assignee !== undefined && assignee.userId.includes('\0'))) where.push('FALSE');
  else if (assignee !== undefined) where.push(`assignee_id = ${p.add(assignee.userId)}::text`);
  const search = query.search.trim().toLowerCase();
  if (search !== '') where.push(search.includes('\0') ? 'FALSE' : searchCondition(p.add(likeSubstring(search))));
  return where.length ? where.join(' AND ') : 'TRUE';
}

/**
 * True when every condition of the query is on a column the search copy
 * (td_activity_search, migration 7) keeps: no time range, no assignee.
 */
export const searchCopyAnswers = (query: ActivityQuery) => query.time === null && query.assignee === undefined;

/** The query's search as a condition on the search copy's text (alias `s`); `null` without a search. */
export function searchCopyMatch(query: ActivityQuery, p: Params): string | null {
  const search = query.search.trim().toLowerCase();
  if (search === '') return null;
  return search.includes('\0') ? 'FALSE' : `s.search_text LIKE ${p.add(likeSubstring(search))}`;
}

export interface SortPlan {
  column: string;
  desc: boolean;
  kind: 'number' | 'string' | 'boolean';
}

export function sortPlan(query: ActivityQuery): SortPlan {
  const field = query.sort.field;
  return { column: SORT_COLUMNS[field], desc: query.sort.direction === 'desc', kind: SORT_KEY_KIND[field] };
}

/** The keyset condition "after the cursor row" in the list's order. */
export function afterCursor(plan: SortPlan, p: Params, key: number | string | boolean, seq: number): string {
  const cast = plan.kind === 'number' ? 'bigint' : plan.kind === 'boolean' ? 'boolean' : 'text';
  const op = plan.desc ? '<' : '>';
  return `(${plan.column}, seq) ${op} (${p.add(key)}::${cast}, ${p.add(seq)}::bigint)`;
}

/** The list's ORDER BY, on the columns of `alias` when given. */
export const orderBy = (plan: SortPlan, alias?: string) => {
  const [k, s] = alias ? [`${alias}.${plan.column}`, `${alias}.seq`] : [plan.column, 'seq'];
  return plan.desc ? `${k} DESC, ${s} DESC` : `${k} ASC, ${s} ASC`;
};
