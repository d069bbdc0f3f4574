/**
 * Suppression rules, blocks and work items in SQL: the paged lists (newest
 * first, keyset on (created_at, seq), active / expired, search), the rule
 * preview, and the block / unblock / work-item writes.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { RULE_PREVIEW_WINDOW_MS, type BlockParams, type CreateWorkItemParams, type Page, type RulePreview } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { analyzeBlockTarget, isDangerousBlockWarning } from '../../core/ipBlockTarget';
import { MAX_EMBEDDED_WORK_ITEMS, type CreatedWorkItem, type IpBlock, type SuppressionRule, type WorkItemLink, type WorkItemTarget } from '../../core/model';
import { decodeCursor, encodeCursor } from '../../adapters/memory/cursorCodec';
import { checkCollectionState, type CollectionPageParams } from '../../adapters/memory/pageNewestFirst';
import { validateRuleInput } from '../../adapters/memory/suppressionRuleStore';
import { validateWorkItemValues } from '../../adapters/memory/demoWorkItemTargets';
import { MAX_BLOCK_DURATION_MS } from '../../adapters/memory/createMemoryAdapter';
import { skeyOf } from './activityRows';
import { recordHistory } from './caseHistory';
import type { WriteContext } from './database';
import { activityNotFound } from './detailReads';
import { likeSubstring } from './queryToSql';
import { RULE_COLUMNS, rowToRule } from './statusWrites';

const bad = (message: string, path: string) => new AdapterError('invalid_request', message, { path });
const MAX_PAGE = 1000;
const DEFAULT_PAGE = 50;

async function pageNewestFirst<R extends { created_at: string; seq: string }, T>(
  pool: Pool,
  kind: 'suppression-rule' | 'block',
  table: 'td_suppression_rules' | 'td_blocks',
  columns: string,
  params: CollectionPageParams,
  now: number,
  map: (row: R) => T,
): Promise<Page<T>> {
  const state = checkCollectionState(params.state);
  if (params.search !== undefined && typeof params.search !== 'string') throw bad('search must be a string.', 'search');
  const needle = (params.search ?? '').trim().toLowerCase();
  const size = params.pageSize === undefined ? DEFAULT_PAGE : Math.min(MAX_PAGE, Math.max(1, Math.floor(Number(params.pageSize)) || 1));
  const values: unknown[] = [now];
  const where = [state === 'expired' ? 'expires_at IS NOT NULL AND expires_at <= $1::bigint' : '(expires_at IS NULL OR expires_at > $1::bigint)'];
  if (needle) {
    values.push(likeSubstring(needle));
    where.push(`search_text LIKE $${values.length}`);
  }
  const filter = where.join(' AND ');
  const countValues = [...values];
  if (params.cursor !== undefined) {
    const c = decodeCursor(params.cursor) as { k?: unknown; s?: unknown; q?: unknown; t?: unknown; n?: unknown } | null;
    if (!c || typeof c !== 'object' || c.k !== kind || c.s !== state || c.q !== needle || !Number.isSafeInteger(c.t) || !Number.isSafeInteger(c.n)) {
      throw bad(`The cursor does not belong to this ${kind} list.`, 'cursor');
    }
    values.push(c.t, c.n);
    where.push(`(created_at, seq) < ($${values.length - 1}::bigint, $${values.length}::bigint)`);
  }
  values.push(size + 1);
  const [page, counted] = await Promise.all([
    pool.query<R>(`SELECT ${columns}, seq FROM ${table} WHERE ${where.join(' AND ')} ORDER BY created_at DESC, seq DESC LIMIT $${values.length}`, values),
    pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${filter}`, countValues),
  ]);
  const more = page.rows.length > size;
  const rows = more ? page.rows.slice(0, size) : page.rows;
  const last = rows[rows.length - 1];
  return {
    items: rows.map(map),
    total: Number(counted.rows[0]!.n),
    nextCursor: more && last ? encodeCursor({ k: kind, s: state, q: needle, t: Number(last.created_at), n: Number(last.seq) }) : null,
  };
}

export const listRules = (pool: Pool, params: CollectionPageParams, now: number): Promise<Page<SuppressionRule>> =>
  pageNewestFirst(pool, 'suppression-rule', 'td_suppression_rules', RULE_COLUMNS, params, now, (r: RuleRowOf) => rowToRule(r));

type RuleRowOf = Parameters<typeof rowToRule>[0] & { seq: string };
interface BlockRow {
  id: string;
  seq: string;
  target: string;
  reason: string | null;
  activity_id: string | null;
  created_at: string;
  expires_at: string | null;
}
const BLOCK_COLUMNS = 'id, target, reason, activity_id, created_at, expires_at';
const rowToBlock = (r: BlockRow): IpBlock => ({
  blockId: r.id,
  target: r.target,
  ...(r.reason ? { reason: r.reason } : {}),
  ...(r.activity_id !== null ? { activityId: r.activity_id } : {}),
  createdAt: Number(r.created_at),
  expiresAt: r.expires_at === null ? null : Number(r.expires_at),
});

export const listBlocks = (pool: Pool, params: CollectionPageParams, now: number): Promise<Page<IpBlock>> =>
  pageNewestFirst(pool, 'block', 'td_blocks', BLOCK_COLUMNS, params, now, rowToBlock);

export async function previewRule(pool: Pool, rule: unknown, now: number): Promise<RulePreview> {
  const input = validateRuleInput(rule, now);
  const key = skeyOf(input.actorIp, input.endpoint, input.policyId);
  const { rows } = await pool.query<{ activities: string; events: string }>(
    `WITH m AS (SELECT id FROM td_activities WHERE skey = $1)
     SELECT (SELECT count(*) FROM m) AS activities,
            (SELECT count(*) FROM td_attempts t WHERE t.activity_id IN (SELECT id FROM m) AND t.ts >= $2::bigint AND t.ts <= $3::bigint) AS events`,
    [key, now - RULE_PREVIEW_WINDOW_MS, now],
  );
  return { activities: Number(rows[0]!.activities), events: Number(rows[0]!.events), windowMs: RULE_PREVIEW_WINDOW_MS };
}

async function checkActivity(ctx: WriteContext, id: unknown, lock: boolean): Promise<{ work_items: WorkItemLink[]; work_item_total: number }> {
  if (typeof id !== 'string') throw activityNotFound(id);
  const { rows } = await ctx.client.query<{ work_items: WorkItemLink[]; work_item_total: number }>(
    `SELECT work_items, work_item_total FROM td_activities WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!rows[0]) throw activityNotFound(id);
  return rows[0];
}

export async function blockRow(ctx: WriteContext, params: BlockParams): Promise<IpBlock> {
  const { target, durationMs, reason, activityId } = params;
  const analysis = analyzeBlockTarget(typeof target === 'string' ? target : '');
  if (!analysis.valid) throw bad(`"${String(target).slice(0, 64)}" is not an IPv4/IPv6 address or CIDR range.`, 'target');
  if (durationMs !== null && !(typeof durationMs === 'number' && durationMs > 0 && durationMs <= MAX_BLOCK_DURATION_MS)) {
    throw bad(`durationMs must be null (permanent) or a positive number of at most ${MAX_BLOCK_DURATION_MS} (10 years).`, 'durationMs');
  }
  if (reason !== undefined && typeof reason !== 'string') throw bad('reason must be a string.', 'reason');
  if (activityId !== undefined) await checkActivity(ctx, activityId, false);
  if (params.acknowledgeRisk !== undefined && typeof params.acknowledgeRisk !== 'boolean') throw bad('acknowledgeRisk must be a boolean.', 'acknowledgeRisk');
  if (analysis.dangerous && params.acknowledgeRisk !== true) {
    const why = analysis.warnings.filter(isDangerousBlockWarning).join(',');
    throw new AdapterError('invalid_request', `Blocking ${analysis.normalized} is dangerous (${why}); acknowledge the risk to block it.`, { path: 'acknowledgeRisk', detail: why });
  }
  await ctx.revision();
  const expiresAt = durationMs === null ? null : ctx.now + durationMs;
  const { rows } = await ctx.client.query<BlockRow>(
    `INSERT INTO td_blocks (id, target, net, reason, activity_id, created_at, expires_at, search_text)
     VALUES ($1, $2, $8::inet, $3, $4, $5, $6, $7) RETURNING ${BLOCK_COLUMNS}, seq`,
    [`block-${randomUUID()}`, analysis.normalized, reason || null, activityId ?? null, ctx.now, expiresAt, `${analysis.normalized}\n${reason ?? ''}`.toLowerCase(), analysis.normalized],
  );
  const block = rowToBlock(rows[0]!);
  if (activityId !== undefined) await recordHistory(ctx, 'block', [{ activityId, detail: { action: 'blocked', blockId: block.blockId, target: block.target } }]);
  return block;
}

export async function unblockRow(ctx: WriteContext, blockId: unknown): Promise<void> {
  const { rows } = typeof blockId === 'string' && !blockId.includes('\0')
    ? await ctx.client.query<{ activity_id: string | null; target: string }>('DELETE FROM td_blocks WHERE id = $1 RETURNING activity_id, target', [blockId])
    : { rows: [] };
  const made = rows[0];
  if (made?.activity_id) await recordHistory(ctx, 'block', [{ activityId: made.activity_id, detail: { action: 'unblocked', blockId, target: made.target } }]);
  if (!made) throw new AdapterError('not_found', `No block with id "${String(blockId).slice(0, 64)}".`);
  await ctx.revision();
}

export async function createWorkItemRow(ctx: WriteContext, targets: readonly WorkItemTarget[], params: CreateWorkItemParams): Promise<CreatedWorkItem> {
  const { targetId, activityId, values } = params;
  const target = targets.find((t) => t.id === targetId);
  if (!target) throw new AdapterError('not_found', `No work-item target with id "${String(targetId).slice(0, 64)}".`);
  const a = await checkActivity(ctx, activityId, true);
  if (!values || typeof values !== 'object') throw bad('values are required.', 'values');
  validateWorkItemValues(target, values);
  const counter = await ctx.client.query<{ n: string }>(
    `INSERT INTO td_work_item_counters (target_id, n) VALUES ($1, 101)
     ON CONFLICT (target_id) DO UPDATE SET n = td_work_item_counters.n + 1 RETURNING n`,
    [target.id],
  );
  const n = Number(counter.rows[0]!.n);
  const jira = target.system === 'jira';
  const key = jira ? `SEC-${n}` : `AB#${4100 + n}`;
  const url = jira ? `https://northwind.atlassian.example/browse/${key}` : `https://dev.azure.example/northwind/security/_workitems/edit/${4100 + n}`;
  const titleField = target.fields.find((f) => f.role === 'title');
  const title = titleField ? values[titleField.id] : undefined;
  const link: WorkItemLink = { targetId: target.id, key, url, ...(typeof title === 'string' ? { title } : {}), createdAt: ctx.now };
  await ctx.revision();
  await ctx.client.query(
    'INSERT INTO td_work_items (activity_id, target_id, key, url, title, field_values, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [activityId, target.id, key, url, link.title ?? null, JSON.stringify(values), ctx.now],
  );
  // The activity travels in every list page: it carries the newest links and the count, not all of them.
  const embedded = [...a.work_items, link].slice(-MAX_EMBEDDED_WORK_ITEMS);
  const total = Math.max(a.work_item_total, a.work_items.length) + 1;
  await ctx.client.query('UPDATE td_activities SET work_items = $2, work_item_total = $3 WHERE id = $1', [activityId, JSON.stringify(embedded), total]);
  await recordHistory(ctx, 'workItem', [{ activityId, detail: { targetId: target.id, key, url } }]);
  return { targetId: target.id, key, url, createdAt: ctx.now };
}
