/**
 * Status writes in SQL: setStatus (with Reactivate-and-lift), bulk by query
 * bounded by asOf, Ignore (the rule and the status changes in one
 * transaction) and rule deletion. Each runs inside `write` (database.ts), so
 * validation failures roll back whatever ran before them.
 */
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { AffectedResult, BulkStatusParams, IgnoreParams, IgnoreResult, SetStatusParams } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { ACTIVITY_STATUSES, type ActivityStatus, type SuppressionRule } from '../../core/model';
import { normalizeQuery } from '../../core/query';
import { validateRuleInput } from '../../adapters/memory/suppressionRuleStore';
import { skeyOf } from './activityRows';
import { currentRevision } from './activityReads';
import type { WriteContext } from './database';
import { activityNotFound } from './detailReads';
import { liveIdsPayloads } from './livePayloads';
import { recordHistory } from './caseHistory';
import { normalizeStatusReason, type StatusReason } from '../../core/cases';
import { filterConditions, Params, resolveAssignee } from './queryToSql';

const bad = (message: string, path: string) => new AdapterError('invalid_request', message, { path });

export function checkStatus(status: unknown): ActivityStatus {
  if (!ACTIVITY_STATUSES.includes(status as ActivityStatus)) throw bad(`Unknown status "${String(status).slice(0, 64)}".`, 'status');
  return status as ActivityStatus;
}

const checkFlag = (value: unknown, path: string): boolean => {
  if (value !== undefined && typeof value !== 'boolean') throw bad(`${path} must be a boolean.`, path);
  return value === true;
};

function checkIds(ids: unknown, path: string): string[] {
  if (!Array.isArray(ids)) throw bad(`${path} must be an array of activity ids.`, path);
  return ids.map((id) => {
    if (typeof id !== 'string') throw activityNotFound(id);
    return id;
  });
}

/** Locks the rows of `ids` (in id order, so concurrent writers cannot deadlock); the first unknown id fails the write. */
export async function lockActivities(client: PoolClient, ids: string[]): Promise<Map<string, { skey: string; suppressedBy: string | null }>> {
  const { rows } = await client.query<{ id: string; skey: string; suppressed_by: string | null }>(
    'SELECT id, skey, suppressed_by FROM td_activities WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
    [ids],
  );
  const found = new Map(rows.map((r) => [r.id, { skey: r.skey, suppressedBy: r.suppressed_by }]));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw activityNotFound(missing);
  return found;
}

/**
 * Moves rows to `status` at `rev` and returns the ids whose status changed.
 * Leaving `ignored` clears suppressed_by; `suppressedBy` is set when a rule did the ignoring.
 */
async function moveRows(ctx: WriteContext, where: string, values: unknown[], status: ActivityStatus, suppressedBy: string | null, reason?: StatusReason, rule?: SuppressionRule): Promise<string[]> {
  const n = values.length;
  const rev = await ctx.revision();
  const { rows } = await ctx.client.query<{ id: string; old: ActivityStatus; changed: boolean }>(
    `WITH target AS (SELECT id, status AS old FROM td_activities WHERE ${where} ORDER BY id FOR UPDATE)
     UPDATE td_activities a SET status = $${n + 1},
       entered_rev = CASE WHEN target.old <> $${n + 1} THEN $${n + 2}::bigint ELSE a.entered_rev END,
       suppressed_by = CASE WHEN $${n + 1} <> 'ignored' THEN NULL WHEN $${n + 3}::text IS NOT NULL THEN $${n + 3}::text ELSE a.suppressed_by END,
       active_since = CASE WHEN target.old <> $${n + 1} AND $${n + 1} = 'active' THEN $${n + 4}::bigint ELSE a.active_since END
     FROM target WHERE a.id = target.id
     RETURNING a.id, target.old, target.old <> $${n + 1} AS changed`,
    [...values, status, rev, suppressedBy, ctx.now],
  );
  const changed = rows.filter((r) => r.changed);
  // The rule first, so the newest-first history shows the status change it caused on top.
  if (rule) await recordHistory(ctx, 'rule', changed.map((r) => ({ activityId: r.id, detail: { action: 'created', ruleId: rule.id, ...(rule.reason ? { reason: rule.reason } : {}) } })));
  await recordHistory(ctx, 'status', changed.map((r) => ({ activityId: r.id, detail: { from: r.old, to: status, ...(reason ? { reason } : {}) } })));
  for (const payload of liveIdsPayloads(changed.map((r) => r.id), [])) ctx.notify(payload);
  return changed.map((r) => r.id);
}

/** Deletes rules; the activities they ignored stay ignored but no longer name them. */
export async function deleteRules(client: PoolClient, ruleIds: string[]): Promise<string[]> {
  if (ruleIds.length === 0) return [];
  const { rows } = await client.query<{ id: string }>('DELETE FROM td_suppression_rules WHERE id = ANY($1::text[]) RETURNING id', [ruleIds]);
  const deleted = rows.map((r) => r.id);
  if (deleted.length) await client.query('UPDATE td_activities SET suppressed_by = NULL WHERE suppressed_by = ANY($1::text[])', [deleted]);
  return deleted;
}

export async function setStatusRows(ctx: WriteContext, params: SetStatusParams): Promise<AffectedResult> {
  const next = checkStatus(params.status);
  const ids = checkIds(params.ids, 'ids');
  const lift = checkFlag(params.liftRules, 'liftRules');
  const reason = normalizeStatusReason(params.reason);
  const locked = await lockActivities(ctx.client, ids);
  let liftedRuleIds: string[] | undefined;
  if (lift) {
    const named = [...new Set([...locked.values()].map((r) => r.suppressedBy).filter((r): r is string => r !== null))];
    liftedRuleIds = await deleteRules(ctx.client, named);
  }
  const changed = await moveRows(ctx, 'id = ANY($1::text[])', [ids], next, null, reason);
  return liftedRuleIds ? { affected: changed.length, liftedRuleIds } : { affected: changed.length };
}

/** `asOf` as issued by listActivities: digits, no later than the current revision. */
async function checkAsOf(client: PoolClient, asOf: unknown): Promise<number | null> {
  if (asOf === undefined) return null;
  const n = typeof asOf === 'string' && /^\d{1,15}$/.test(asOf) ? Number(asOf) : NaN;
  if (!(n <= (await currentRevision(client)))) throw bad('asOf is not a bound this adapter issued.', 'asOf');
  return n;
}

/** The rows a bulk change selects: the query (in its status), minus the excluded ids, bounded by asOf. */
export async function bulkSelection(client: PoolClient, params: Pick<BulkStatusParams, 'query' | 'excludeIds' | 'asOf'>, now: number, me?: string): Promise<{ where: string; values: unknown[] }> {
  const bound = await checkAsOf(client, params.asOf);
  if (params.excludeIds !== undefined && !Array.isArray(params.excludeIds)) throw bad('excludeIds must be an array.', 'excludeIds');
  const exclude = (params.excludeIds ?? []).filter((x): x is string => typeof x === 'string');
  const query = resolveAssignee(normalizeQuery(params.query), me);
  const p = new Params();
  const where = [`status = ${p.add(query.status)}`, filterConditions(query, p, now)];
  if (exclude.length) where.push(`NOT (id = ANY(${p.add(exclude)}::text[]))`);
  if (bound !== null) where.push(`entered_rev <= ${p.add(bound)}::bigint`);
  return { where: where.join(' AND '), values: p.values };
}

export async function countBulk(client: PoolClient, params: BulkStatusParams, now: number): Promise<AffectedResult> {
  const next = checkStatus(params.status);
  checkFlag(params.dryRun, 'dryRun');
  const { where, values } = await bulkSelection(client, params, now);
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM td_activities WHERE ${where} AND status <> $${values.length + 1}`, [...values, next]);
  return { affected: Number(rows[0]!.n) };
}

export async function setStatusByQueryRows(ctx: WriteContext, params: BulkStatusParams): Promise<AffectedResult> {
  const next = checkStatus(params.status);
  checkFlag(params.dryRun, 'dryRun');
  const reason = normalizeStatusReason(params.reason);
  const { where, values } = await bulkSelection(ctx.client, params, ctx.now, ctx.who);
  const changed = await moveRows(ctx, `${where} AND status <> $${values.length + 1}`, [...values, next], next, null, reason);
  return { affected: changed.length };
}

interface RuleRow {
  id: string;
  actor_ip: string;
  method: string;
  host: string;
  path: string;
  policy_id: string;
  reason: string | null;
  created_at: string;
  expires_at: string | null;
  suppressed_count: string;
  last_hit_at: string | null;
}

export const RULE_COLUMNS = 'id, actor_ip, method, host, path, policy_id, reason, created_at, expires_at, suppressed_count, last_hit_at';

export function rowToRule(r: RuleRow): SuppressionRule {
  return {
    id: r.id,
    actorIp: r.actor_ip,
    endpoint: { method: r.method, host: r.host, path: r.path },
    policyId: r.policy_id,
    ...(r.reason ? { reason: r.reason } : {}),
    createdAt: Number(r.created_at),
    expiresAt: r.expires_at === null ? null : Number(r.expires_at),
    suppressedCount: Number(r.suppressed_count),
    lastHitAt: r.last_hit_at === null ? null : Number(r.last_hit_at),
  };
}

export async function ignoreRows(ctx: WriteContext, params: IgnoreParams): Promise<IgnoreResult> {
  const input = validateRuleInput(params.rule, ctx.now);
  const reason = normalizeStatusReason(params.statusReason, 'statusReason');
  const key = skeyOf(input.actorIp, input.endpoint, input.policyId);
  const ids = params.activityIds === undefined ? [] : checkIds(params.activityIds, 'activityIds');
  const locked = await lockActivities(ctx.client, ids);
  ids.forEach((id, i) => {
    // One rule suppresses one actor + endpoint + policy; anything else would be ignored without a rule that covers it.
    if (locked.get(id)!.skey !== key) throw bad(`Activity "${id.slice(0, 64)}" is not matched by the rule.`, `activityIds[${i}]`);
  });
  const named = await ctx.client.query<{ policy_name: string }>('SELECT policy_name FROM td_activities WHERE skey = $1 ORDER BY seq LIMIT 1', [key]);
  const policyName = named.rows[0]?.policy_name ?? '';
  const e = input.endpoint;
  const searchText = [input.actorIp, e.method, e.host, e.path, input.policyId, policyName, input.reason ?? ''].join('\n').toLowerCase();
  const { rows } = await ctx.client.query<RuleRow>(
    `INSERT INTO td_suppression_rules (id, actor_ip, method, host, path, policy_id, reason, created_at, expires_at, skey, search_text)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${RULE_COLUMNS}`,
    [`rule-${randomUUID()}`, input.actorIp, e.method, e.host, e.path, input.policyId, input.reason ?? null, ctx.now, input.expiresAt, key, searchText],
  );
  const rule = rowToRule(rows[0]!);
  const where = input.applyToExisting ? '(id = ANY($1::text[]) OR skey = $2)' : '(id = ANY($1::text[]) AND $2::text IS NOT NULL)';
  const changed = await moveRows(ctx, where, [ids, key], 'ignored', rule.id, reason, rule);
  return { rule, affected: changed.length };
}

export async function deleteRuleRow(ctx: WriteContext, ruleId: unknown): Promise<void> {
  const deleted = typeof ruleId === 'string' ? await deleteRules(ctx.client, [ruleId]) : [];
  if (deleted.length === 0) throw new AdapterError('not_found', `No suppression rule with id "${String(ruleId).slice(0, 64)}".`);
  await ctx.revision();
}
