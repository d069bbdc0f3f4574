/**
 * Ingest of detector events, set-based so a batch of 1000 is a handful of
 * statements in one transaction:
 *  1. event ids are claimed in td_ingested_events (a replayed id is a duplicate, nothing else happens);
 *  2. keys with no activity to land on are locked (advisory, in order) and looked up again, so two batches for one key
 *     cannot both create its activity;
 *  3. a key with a rule in force is suppressed: the rule's hit count and lastHitAt move, its events go to an ignored
 *     activity naming the rule (created ignored when there is none), never to an active one;
 *  4. other events update the newest open (not ignored) activity of their key or create an active one;
 *  5. attempts are inserted, activities' counts / first / last seen / latest subcategory updated (or, with a
 *     merge delay, queued as deltas for the merge: activityMerge.ts);
 *  6. NOTIFY names the rows, so every process's subscribers read and receive them.
 */
import { randomUUID } from 'node:crypto';
import { MAX_INGEST_BATCH, type DetectionEvent, type IngestResult } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { ATTEMPT_OUTCOMES, DETECTION_TYPES, SEVERITIES } from '../../core/model';
import { appendDeltas, applyDeltas, type ActivityDelta } from './activityMerge';
import { actorInetOf, searchTextOf, skeyOf } from './activityRows';
import type { WriteContext } from './database';
import { liveIdsPayloads, suppressedPayload } from './livePayloads';
import { severityRank } from './queryToSql';

const EVENT_ID = /^[\x21-\x7e]{1,128}$/;
const DAY = 86_400_000;
const bad = (message: string, path: string) => new AdapterError('invalid_request', message, { path });
const text = (v: unknown, max: number, path: string, optional = false): void => {
  if (optional && v === undefined) return;
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw bad(`${path} must be a string of 1 to ${max} characters.`, path);
  if (v.includes('\0')) throw bad(`${path} must not contain U+0000.`, path);
};

/** Checks one event as a detector sent it (any shape); throws naming the first bad field. */
function checkEvent(e: unknown, i: number, now: number): asserts e is DetectionEvent {
  const at = `events[${i}]`;
  if (!e || typeof e !== 'object') throw bad('An event must be an object.', at);
  const v = e as Record<string, unknown>;
  if (typeof v.eventId !== 'string' || !EVENT_ID.test(v.eventId)) throw bad('eventId must be 1 to 128 visible ASCII characters.', `${at}.eventId`);
  // Bounded in time, so a hostile timestamp cannot make a partition per month of the calendar.
  if (!Number.isSafeInteger(v.timestamp) || (v.timestamp as number) < now - 3650 * DAY || (v.timestamp as number) > now + DAY) {
    throw bad('timestamp must be epoch ms within the last 10 years and at most a day ahead.', `${at}.timestamp`);
  }
  const actor = v.actor as Record<string, unknown> | undefined;
  if (!actor || typeof actor !== 'object') throw bad('actor is required.', `${at}.actor`);
  text(actor.ip, 256, `${at}.actor.ip`);
  text(actor.country, 16, `${at}.actor.country`, true);
  text(actor.label, 512, `${at}.actor.label`, true);
  const endpoint = v.endpoint as Record<string, unknown> | undefined;
  if (!endpoint || typeof endpoint !== 'object') throw bad('endpoint is required.', `${at}.endpoint`);
  text(endpoint.method, 64, `${at}.endpoint.method`);
  text(endpoint.path, 2048, `${at}.endpoint.path`);
  text(endpoint.host, 512, `${at}.endpoint.host`);
  const policy = v.policy as Record<string, unknown> | undefined;
  if (!policy || typeof policy !== 'object') throw bad('policy is required.', `${at}.policy`);
  text(policy.id, 256, `${at}.policy.id`);
  text(policy.name, 512, `${at}.policy.name`);
  if (!SEVERITIES.includes(v.severity as never)) throw bad(`severity must be one of ${SEVERITIES.join(', ')}.`, `${at}.severity`);
  if (!DETECTION_TYPES.includes(v.type as never)) throw bad(`type must be one of ${DETECTION_TYPES.join(', ')}.`, `${at}.type`);
  text(v.category, 256, `${at}.category`);
  text(v.subcategory, 256, `${at}.subcategory`);
  if (!ATTEMPT_OUTCOMES.includes(v.outcome as never)) throw bad(`outcome must be one of ${ATTEMPT_OUTCOMES.join(', ')}.`, `${at}.outcome`);
  const request = v.request as Record<string, unknown> | undefined;
  if (!request || typeof request !== 'object' || typeof request.method !== 'string' || typeof request.url !== 'string' || !Array.isArray(request.headers)) {
    throw bad('request must be an HTTP request (method, url, headers).', `${at}.request`);
  }
  if (v.response !== null && (typeof v.response !== 'object' || !Array.isArray((v.response as Record<string, unknown>).headers))) {
    throw bad('response must be null or an HTTP response.', `${at}.response`);
  }
}

export function checkEvents(events: unknown, now: number): DetectionEvent[] {
  if (!Array.isArray(events)) throw bad('events must be an array.', 'events');
  if (events.length > MAX_INGEST_BATCH) throw bad(`At most ${MAX_INGEST_BATCH} events per batch.`, 'events');
  events.forEach((e, i) => checkEvent(e, i, now));
  return events as DetectionEvent[];
}

interface Group {
  key: string;
  events: DetectionEvent[];
  latest: DetectionEvent;
  ruleId: string | null;
  activityId: string | null;
  created: boolean;
  /** The group's span and whether any of its events exploited. */
  lo: number;
  hi: number;
  exploited: boolean;
}

export interface IngestOptions {
  /** Existing activities' counters go to td_activity_deltas for a later merge (activityMerge.ts), not updated here. */
  deferUpdates?: boolean;
}

export async function ingestBatch(ctx: WriteContext, input: unknown, options: IngestOptions = {}): Promise<IngestResult> {
  const { client, now } = ctx;
  const events = checkEvents(input, now);
  if (!events.length) return { accepted: 0, duplicates: 0, suppressed: 0, activityIds: [] };
  const firstOf = new Map<string, DetectionEvent>();
  for (const e of events) if (!firstOf.has(e.eventId)) firstOf.set(e.eventId, e);
  const claimed = await client.query<{ event_id: string }>(
    'INSERT INTO td_ingested_events (event_id, ingested_at) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING RETURNING event_id',
    [[...firstOf.keys()], now],
  );
  const fresh = claimed.rows.map((r) => firstOf.get(r.event_id)!);
  if (!fresh.length) return { accepted: 0, duplicates: events.length, suppressed: 0, activityIds: [] };

  const groups = new Map<string, Group>();
  for (const e of fresh) {
    const key = skeyOf(e.actor.ip, e.endpoint, e.policy.id);
    const g = groups.get(key);
    const exploited = e.outcome === 'exploited';
    if (!g) groups.set(key, { key, events: [e], latest: e, ruleId: null, activityId: null, created: false, lo: e.timestamp, hi: e.timestamp, exploited });
    else {
      g.events.push(e);
      if (e.timestamp >= g.latest.timestamp) g.latest = e;
      g.lo = Math.min(g.lo, e.timestamp);
      g.hi = Math.max(g.hi, e.timestamp);
      g.exploited ||= exploited;
    }
  }
  // Where each key's events land: the rule in force (if any) and the activity of the matching status.
  const resolve = async (keys: string[]) => {
    for (const k of keys) Object.assign(groups.get(k)!, { ruleId: null, activityId: null });
    const rules = await client.query<{ skey: string; id: string }>(
      `SELECT DISTINCT ON (skey) skey, id FROM td_suppression_rules
       WHERE skey = ANY($1::text[]) AND (expires_at IS NULL OR expires_at > $2::bigint) ORDER BY skey, created_at, seq`,
      [keys, now],
    );
    for (const r of rules.rows) groups.get(r.skey)!.ruleId = r.id;
    const targets = await client.query<{ skey: string; id: string; status: string }>(
      `SELECT DISTINCT ON (skey, status = 'ignored') skey, id, status
       FROM td_activities WHERE skey = ANY($1::text[]) ORDER BY skey, status = 'ignored', seq DESC`,
      [keys],
    );
    for (const t of targets.rows) {
      const g = groups.get(t.skey)!;
      // Suppressed events only ever land on an ignored activity; the rest on an open one.
      if ((g.ruleId !== null) === (t.status === 'ignored')) g.activityId = t.id;
    }
  };
  await resolve([...groups.keys()]);
  // Only a key with nowhere to land is locked (advisory, in hash order), so two batches cannot both create its
  // activity; locked, it is looked up again (another batch may just have created it). Keys that have their
  // activity take no lock: concurrent batches for the same busy activities do not wait on each other here.
  const missing = [...groups.values()].filter((g) => g.activityId === null).map((g) => g.key);
  if (missing.length) {
    await client.query('SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 7411) AS h FROM unnest($1::text[]) k ORDER BY h) s', [missing]);
    await resolve(missing);
  }

  const rev = await ctx.revision();
  const newRows = [...groups.values()].filter((g) => g.activityId === null);
  if (newRows.length) {
    const cols: unknown[][] = Array.from({ length: 23 }, () => []);
    for (const g of newRows) {
      const e = g.latest;
      g.activityId = `act-${randomUUID()}`;
      g.created = true;
      const activity = { id: g.activityId, actor: e.actor, endpoint: e.endpoint, policy: e.policy, category: e.category, subcategory: e.subcategory };
      const row = [g.activityId, g.ruleId ? 'ignored' : 'active', e.severity, severityRank(e.severity), e.type, e.actor.ip, actorInetOf(e.actor.ip), e.actor.country ?? null, e.actor.label ?? null,
        e.endpoint.method, e.endpoint.path, e.endpoint.host, e.policy.id, e.policy.name, e.category, e.subcategory, g.lo, g.hi, g.ruleId, g.key, searchTextOf(activity), g.exploited, g.events.length];
      row.forEach((v, i) => cols[i]!.push(v));
    }
    await client.query(
      `INSERT INTO td_activities (id, status, severity, severity_rank, type, actor_ip, actor_inet, actor_country, actor_label, method, path, host,
         policy_id, policy_name, category, subcategory, successful_exploit, attempt_count, first_seen, last_seen, suppressed_by, entered_rev, skey, search_text, active_since)
       SELECT id, status, severity, rank, type, ip, inet::inet, country, label, method, path, host, pid, pname, category, sub, x, n, lo, hi, rule, $24::bigint, skey, search, lo
       FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
         $13::text[], $14::text[], $15::text[], $16::text[], $17::bigint[], $18::bigint[], $19::text[], $20::text[], $21::text[], $22::boolean[], $23::bigint[])
         AS u(id, status, severity, rank, type, ip, inet, country, label, method, path, host, pid, pname, category, sub, lo, hi, rule, skey, search, x, n)`,
      [...cols, rev],
    );
  }

  const attempts: unknown[][] = [[], [], [], [], [], [], []];
  for (const g of groups.values()) {
    for (const e of g.events) {
      [g.activityId, e.timestamp, e.eventId, e.actor.ip, ATTEMPT_OUTCOMES.indexOf(e.outcome), JSON.stringify(e.request), e.response === null ? null : JSON.stringify(e.response)].forEach((v, i) => attempts[i]!.push(v));
    }
  }
  await client.query(
    `INSERT INTO td_attempts (activity_id, ts, seq, id, event_id, source_ip, outcome, request, response)
     SELECT a, t, nextval('td_attempt_seq'), e, e, ip, o, rq, rs
     FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[]) AS u(a, t, e, ip, o, rq, rs)`,
    attempts,
  );

  // Activities created above already hold their counts; only the existing ones are updated (one row version each, not two).
  // With a merge delay they are queued, and the merge sends their live events.
  const deltas = [...groups.values()].filter((g) => !g.created).map((g): ActivityDelta => ({
    activityId: g.activityId!, attempts: g.events.length, lo: g.lo, hi: g.hi, exploited: g.exploited, subcategory: g.latest.subcategory, ruleId: g.ruleId,
  }));
  const updated = options.deferUpdates ? (await appendDeltas(client, deltas), []) : await applyDeltas(client, deltas);

  const hits = [...groups.values()].filter((g) => g.ruleId !== null);
  let suppressed = 0;
  if (hits.length) {
    const counted = await client.query<{ id: string; suppressed_count: string }>(
      `UPDATE td_suppression_rules r SET suppressed_count = r.suppressed_count + u.n, last_hit_at = $3::bigint
       FROM unnest($1::text[], $2::bigint[]) AS u(id, n) WHERE r.id = u.id RETURNING r.id, r.suppressed_count`,
      [hits.map((g) => g.ruleId), hits.map((g) => g.events.length), now],
    );
    for (const g of hits) suppressed += g.events.length;
    for (const r of counted.rows) ctx.notify(suppressedPayload(r.id, Number(r.suppressed_count)));
  }
  const all = [...groups.values()];
  for (const payload of liveIdsPayloads(updated, all.filter((g) => g.created).map((g) => g.activityId!))) ctx.notify(payload);
  return { accepted: fresh.length, duplicates: events.length - fresh.length, suppressed, activityIds: all.map((g) => g.activityId!) };
}

/** First ms of each UTC month the events fall in (valid timestamps only), for partitions made ahead of the write. */
export function monthsOf(events: unknown): number[] {
  if (!Array.isArray(events)) return [];
  const months = new Set<number>();
  for (const e of events.slice(0, MAX_INGEST_BATCH)) {
    const t = (e as { timestamp?: unknown })?.timestamp;
    if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) continue;
    const d = new Date(t);
    months.add(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  }
  return [...months];
}
