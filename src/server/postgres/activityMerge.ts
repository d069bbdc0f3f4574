/**
 * What an ingest batch adds to activities that already exist (attempt count,
 * first / last seen, exploit flag, latest subcategory, the suppressing rule),
 * applied either at once, in the ingest's own transaction, or later, by a
 * merge (migration 10).
 *
 * Why a merge: an activity row update is never HOT (last_seen and
 * attempt_count are indexed, in a dozen indexes), so a detector that sends the
 * same few hundred busy activities in every batch rewrote each of them, and
 * every index entry, twenty times a second. With `activityMergeDelayMs` an
 * ingest appends one small row per activity to td_activity_deltas (no index)
 * and a merge folds all of them in, one row version per activity per merge.
 * The attempts themselves (timelines, attempt pages) are visible at commit
 * either way; what lags by up to the delay is the activity row's counters,
 * and the live "updated" events, which the merge sends.
 *
 * A merge is one transaction: it deletes the deltas it reads and updates the
 * rows they name, or does neither. Deltas committed while it runs stay for
 * the next one. Any process may merge (a crashed one's deltas are not lost);
 * an advisory try-lock keeps two from waiting on each other's rows.
 */
import { searchTextOf, type ActivityRow } from './activityRows';
import type { WriteContext } from './database';
import { liveIdsPayloads } from './livePayloads';

export const ACTIVITY_DELTAS_SQL = `
-- Append only: ingest inserts, a merge deletes what it folded in (a small, hot heap; no index to keep).
CREATE TABLE td_activity_deltas (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  activity_id text COLLATE "C" NOT NULL,
  attempts bigint NOT NULL,
  first_seen bigint NOT NULL,
  last_seen bigint NOT NULL,
  exploited boolean NOT NULL,
  subcategory text NOT NULL,
  rule_id text COLLATE "C"
);
`;

// Distinct from the other advisory keys: migrations 7_411_301, partitions 7_411_302, cube compaction 7_411_303.
const MERGE_LOCK = 7_411_304;
/** Delta rows one merge takes at most, so a backlog is folded in bounded transactions (and bounded memory). */
export const MERGE_BATCH_ROWS = 20_000;

/** One activity's share of new attempts. */
export interface ActivityDelta {
  activityId: string;
  attempts: number;
  lo: number;
  hi: number;
  exploited: boolean;
  /** The subcategory of the newest of these attempts (at `hi`). */
  subcategory: string;
  /** Set when the attempts were suppressed by this rule. */
  ruleId: string | null;
}

/** Queues deltas for the next merge (one statement, no index written). */
export async function appendDeltas(client: WriteContext['client'], deltas: readonly ActivityDelta[]): Promise<void> {
  if (!deltas.length) return;
  const cols: unknown[][] = [[], [], [], [], [], [], []];
  for (const d of deltas) [d.activityId, d.attempts, d.lo, d.hi, d.exploited, d.subcategory, d.ruleId].forEach((v, i) => cols[i]!.push(v));
  await client.query(
    `INSERT INTO td_activity_deltas (activity_id, attempts, first_seen, last_seen, exploited, subcategory, rule_id)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::boolean[], $6::text[], $7::text[])`,
    cols,
  );
}

/** The columns a delta reads from its activity (the search text is rebuilt from them). */
type CurrentRow = Pick<ActivityRow, 'id' | 'actor_ip' | 'actor_country' | 'actor_label' | 'method' | 'path' | 'host' | 'policy_name' | 'category' | 'subcategory' | 'last_seen'>;

/**
 * Adds each delta to its activity (at most one delta per activity): counts,
 * span, exploit flag, latest subcategory and the search text that includes
 * it. Locks the rows in id order first, as every other writer does, so a bulk
 * status change and an ingest or a merge cannot deadlock. Returns the ids of
 * the rows updated (a delta whose activity is gone is dropped).
 */
export async function applyDeltas(client: WriteContext['client'], deltas: readonly ActivityDelta[]): Promise<string[]> {
  if (!deltas.length) return [];
  const { rows } = await client.query<CurrentRow>(
    `SELECT id, actor_ip, actor_country, actor_label, method, path, host, policy_name, category, subcategory, last_seen
     FROM td_activities WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [deltas.map((d) => d.activityId)],
  );
  const current = new Map(rows.map((r) => [r.id, r]));
  const cols: unknown[][] = [[], [], [], [], [], [], [], []];
  for (const d of deltas) {
    const c = current.get(d.activityId);
    if (!c) continue;
    // The latest attack's subcategory follows the newest attempt; only a changed one rewrites the search
    // text (an unchanged one would churn the trigram index for nothing).
    const sub = d.hi >= Number(c.last_seen) ? d.subcategory : c.subcategory;
    const search = sub === c.subcategory ? null : searchTextOf({
      id: c.id,
      actor: { ip: c.actor_ip, ...(c.actor_country !== null ? { country: c.actor_country } : {}), ...(c.actor_label !== null ? { label: c.actor_label } : {}) },
      endpoint: { method: c.method, path: c.path, host: c.host },
      policy: { id: '', name: c.policy_name },
      category: c.category,
      subcategory: sub,
    });
    [c.id, d.attempts, d.lo, d.hi, d.exploited, sub, search, d.ruleId].forEach((v, i) => cols[i]!.push(v));
  }
  if (!cols[0]!.length) return [];
  await client.query(
    `UPDATE td_activities a SET attempt_count = a.attempt_count + u.n, first_seen = least(a.first_seen, u.lo), last_seen = greatest(a.last_seen, u.hi),
       successful_exploit = a.successful_exploit OR u.x, subcategory = u.sub, search_text = coalesce(u.search, a.search_text),
       suppressed_by = coalesce(u.rule, a.suppressed_by)
     FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::boolean[], $6::text[], $7::text[], $8::text[]) AS u(id, n, lo, hi, x, sub, search, rule)
     WHERE a.id = u.id`,
    cols,
  );
  return cols[0] as string[];
}

export interface MergeResult {
  /** Delta rows folded in. */
  deltas: number;
  /** Activities updated. */
  activities: number;
  /** False when another merge held the lock (nothing was done; it will fold these in). */
  ran: boolean;
  /** Set when the merge took its limit of delta rows: more may be queued (a backlog after an outage). */
  more?: true;
}

/** Folds every committed delta into its activity, in the caller's write transaction, and queues the live "updated" events. */
export async function mergeDeltas(ctx: WriteContext): Promise<MergeResult> {
  const { client } = ctx;
  const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [MERGE_LOCK]);
  if (!locked.rows[0]!.ok) return { deltas: 0, activities: 0, ran: false };
  // Summed per activity in the database: the subcategory (and rule) of the newest delta win, as in one batch.
  const { rows } = await client.query<{ id: string; n: string; lo: string; hi: string; x: boolean; sub: string; rule: string | null; k: string }>(
    `WITH d AS (DELETE FROM td_activity_deltas WHERE ctid = ANY (ARRAY(SELECT ctid FROM td_activity_deltas LIMIT $1)) RETURNING *)
     SELECT activity_id AS id, sum(attempts)::text AS n, min(first_seen)::text AS lo, max(last_seen)::text AS hi, bool_or(exploited) AS x,
       (array_agg(subcategory ORDER BY last_seen DESC, seq DESC))[1] AS sub,
       (array_agg(rule_id ORDER BY seq DESC) FILTER (WHERE rule_id IS NOT NULL))[1] AS rule, count(*)::text AS k
     FROM d GROUP BY activity_id`,
    [MERGE_BATCH_ROWS],
  );
  const deltas = rows.map((r): ActivityDelta => ({ activityId: r.id, attempts: Number(r.n), lo: Number(r.lo), hi: Number(r.hi), exploited: r.x, subcategory: r.sub, ruleId: r.rule }));
  const updated = await applyDeltas(client, deltas);
  for (const payload of liveIdsPayloads(updated, [])) ctx.notify(payload);
  const deltaRows = rows.reduce((s, r) => s + Number(r.k), 0);
  return { deltas: deltaRows, activities: updated.length, ran: true, ...(deltaRows >= MERGE_BATCH_ROWS ? { more: true } : {}) };
}
