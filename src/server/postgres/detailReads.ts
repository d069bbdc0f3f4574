/**
 * One activity's detail, remediation, attempts (newest first, keyset on
 * (ts, seq)) and timeline (binned in the database by integer division of
 * the time since the first bucket's start).
 */
import type { Pool } from 'pg';
import type { AttemptPage } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { ATTEMPT_OUTCOMES, type ActivityDetail, type Attempt, type Reference, type Remediation, type RemediationStep, type Timeline, type TimelineBucket } from '../../core/model';
import { MAX_TIMELINE_BUCKETS } from '../../core/timeline';
import { decodeCursor, encodeCursor } from '../../adapters/memory/cursorCodec';
import { ACTIVITY_COLUMNS, blockJoin, rowToActivity, type ActivityRow } from './activityRows';

const clipId = (id: string) => (id.length > 64 ? `${id.slice(0, 64)}…` : id);
export const activityNotFound = (id: unknown) => new AdapterError('not_found', `No activity with id "${clipId(String(id))}".`);

/** Ids arrive from URLs: anything but a sane string cannot name an activity. */
const usableId = (id: unknown): id is string => typeof id === 'string' && id.length > 0 && id.length <= 256;

type DetailRow = ActivityRow & { description: string | null; details: string | null; impact: string | null; refs: Reference[] | null };

export async function activityDetail(pool: Pool, id: unknown, now: number): Promise<ActivityDetail> {
  if (!usableId(id)) throw activityNotFound(id);
  const { rows } = await pool.query<DetailRow>(
    `SELECT ${ACTIVITY_COLUMNS}, p.description, p.details, p.impact, p.refs
     FROM td_activities a ${blockJoin('$2')} LEFT JOIN td_policies p ON p.id = a.policy_id WHERE a.id = $1`,
    [id, now],
  );
  const r = rows[0];
  if (!r) throw activityNotFound(id);
  return { ...rowToActivity(r), description: r.description ?? '', details: r.details ?? '', impact: r.impact ?? '', references: r.refs ?? [] };
}

/** For policies the catalog does not describe (e.g. ingested from a new detector). */
const GENERIC_STEP: RemediationStep = {
  title: 'Review the requests and the affected endpoint',
  explanation: 'Inspect the attempts of this activity, confirm whether the endpoint validates and authorises the input it received, and fix the handler or tighten the policy.',
};

export async function remediationOf(pool: Pool, id: unknown): Promise<Remediation> {
  if (!usableId(id)) throw activityNotFound(id);
  const { rows } = await pool.query<{ remediation: RemediationStep[] | null; refs: Reference[] | null }>(
    'SELECT p.remediation, p.refs FROM td_activities a LEFT JOIN td_policies p ON p.id = a.policy_id WHERE a.id = $1',
    [id],
  );
  const r = rows[0];
  if (!r) throw activityNotFound(id);
  const steps = r.remediation && r.remediation.length ? r.remediation : [GENERIC_STEP];
  return { steps, references: r.refs ?? [] };
}

async function activitySpan(pool: Pool, id: unknown): Promise<{ count: number; firstSeen: number; lastSeen: number }> {
  if (!usableId(id)) throw activityNotFound(id);
  const { rows } = await pool.query<{ attempt_count: string; first_seen: string; last_seen: string }>('SELECT attempt_count, first_seen, last_seen FROM td_activities WHERE id = $1', [id]);
  const r = rows[0];
  if (!r) throw activityNotFound(id);
  return { count: Number(r.attempt_count), firstSeen: Number(r.first_seen), lastSeen: Number(r.last_seen) };
}

interface AttemptRow {
  id: string;
  ts: string;
  seq: string;
  source_ip: string;
  outcome: number;
  request: string;
  response: string | null;
}

/** Newest first: $1 id, then ($2 ts, $3 seq) of the cursor row when `afterCursor`, then the limit. */
export const attemptPageSql = (afterCursor: boolean) =>
  `SELECT id, ts, seq, source_ip, outcome, request, response FROM td_attempts
   WHERE activity_id = $1 ${afterCursor ? 'AND (ts, seq) < ($2::bigint, $3::bigint)' : ''} ORDER BY ts DESC, seq DESC LIMIT $${afterCursor ? 4 : 2}`;

/** Attempts per (bucket, outcome) of one activity: $1 id, $2 first bucket start, $3 bucket ms, $4..$5 the span. */
export const TIMELINE_COUNTS_SQL = `SELECT (ts - $2::bigint) / $3::bigint AS b, outcome, count(*) AS n FROM td_attempts
   WHERE activity_id = $1 AND ts >= $4::bigint AND ts <= $5::bigint GROUP BY 1, 2`;

export async function attemptPage(pool: Pool, id: unknown, cursor: unknown, pageSize: number): Promise<AttemptPage> {
  const span = await activitySpan(pool, id);
  const values: unknown[] = [id];
  if (cursor !== undefined) {
    const c = decodeCursor(cursor) as { a?: unknown; t?: unknown; s?: unknown } | null;
    if (!c || typeof c !== 'object' || c.a !== id || !Number.isSafeInteger(c.t) || !Number.isSafeInteger(c.s)) {
      throw new AdapterError('invalid_request', 'The cursor does not belong to this activity.', { path: 'cursor' });
    }
    values.push(c.t, c.s);
  }
  values.push(pageSize + 1);
  const { rows } = await pool.query<AttemptRow>(attemptPageSql(cursor !== undefined), values);
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      activityId: id as string,
      timestamp: Number(r.ts),
      sourceIp: r.source_ip,
      outcome: ATTEMPT_OUTCOMES[r.outcome] ?? 'blocked',
      request: JSON.parse(r.request) as Attempt['request'],
      response: r.response === null ? null : (JSON.parse(r.response) as Attempt['response']),
    })),
    total: span.count,
    nextCursor: more && last ? encodeCursor({ a: id, t: Number(last.ts), s: Number(last.seq) }) : null,
  };
}

export async function timelineOf(pool: Pool, id: unknown, fromIn: number | undefined, toIn: number | undefined, bucketMs: number): Promise<Timeline> {
  const span = await activitySpan(pool, id);
  const from = fromIn ?? span.firstSeen;
  const to = toIn ?? span.lastSeen;
  const bad = (message: string) => new AdapterError('invalid_request', message, { path: 'bucketMs' });
  if (!(bucketMs > 0) || !Number.isFinite(bucketMs)) throw bad('bucketMs must be a positive number');
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) throw bad('from must be <= to');
  const bucket = Math.max(1, Math.round(bucketMs));
  const start = Math.floor(from / bucket) * bucket;
  const count = Math.floor((to - start) / bucket) + 1;
  if (count > MAX_TIMELINE_BUCKETS) throw bad(`too many buckets (${count} > ${MAX_TIMELINE_BUCKETS})`);
  const { rows } = await pool.query<{ b: string; outcome: number; n: string }>(TIMELINE_COUNTS_SQL, [id, start, bucket, Math.ceil(from), Math.floor(to)]);
  const buckets: TimelineBucket[] = new Array(count);
  for (let b = 0; b < count; b++) {
    const s = start + b * bucket;
    buckets[b] = { start: s, end: s + bucket, blocked: 0, allowed: 0, exploited: 0 };
  }
  let total = 0;
  for (const r of rows) {
    const target = buckets[Number(r.b)];
    const outcome = ATTEMPT_OUTCOMES[r.outcome];
    if (!target || !outcome) continue;
    target[outcome] += Number(r.n);
    total += Number(r.n);
  }
  return { from, to, bucketMs, buckets, total };
}
