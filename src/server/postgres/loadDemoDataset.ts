/**
 * Fills a database with the seeded demo dataset (the memory adapter's data:
 * same seed, same activities) using COPY FROM STDIN, at any size. With an
 * attempts budget below the dataset's natural count, each activity keeps a
 * proportional, evenly spread subset of its attempts (its first and last
 * included) and its attemptCount / firstSeen / lastSeen say what is stored.
 */
import { once } from 'node:events';
import type { Pool, PoolClient } from 'pg';
import copyStreams from 'pg-copy-streams';
import { ATTACK_KINDS } from '../../core/dataset/attackCatalog';
import { generateDemoDataset, type DemoDataset } from '../../core/dataset/generateDemoDataset';
import { ATTEMPT_OUTCOMES, type Activity } from '../../core/model';
import { actorInetOf, searchTextOf, skeyOf } from './activityRows';
import { runMigrations } from './migrations';
import { replaceUsers } from './caseReads';
import { DEMO_USERS, seededAssignee } from '../../adapters/memory/demoTeam';
import { severityRank } from './queryToSql';

export interface LoadDemoDatasetOptions {
  activities: number;
  /** Attempts to store in all; default every generated attempt. */
  attempts?: number;
  seed?: number;
  now?: number;
  /** See GenerateDemoDatasetOptions; default 0 (the bench asks for one huge activity itself). */
  hugeActivityAttempts?: number;
  /** Empty the tables first (otherwise a non-empty database is refused). */
  reset?: boolean;
  onProgress?: (message: string) => void;
}

export interface LoadDemoDatasetResult {
  activities: number;
  attempts: number;
  ms: number;
  dataset: DemoDataset;
}

/** One CSV field (COPY … CSV): NULL is an empty unquoted field, anything else is quoted. */
const csv = (v: string | number | boolean | null): string => {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  return `"${v.replace(/"/g, '""')}"`;
};
const line = (fields: Array<string | number | boolean | null>) => `${fields.map(csv).join(',')}\n`;

/** Writes rows into a COPY stream with backpressure, in chunks of about 1 MB. */
async function copyRows(client: PoolClient, sql: string, rows: Iterable<string>): Promise<void> {
  const stream = client.query(copyStreams.from(sql));
  const done = once(stream, 'finish');
  let chunk = '';
  for (const row of rows) {
    chunk += row;
    if (chunk.length > 1 << 20) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await done;
}

/** An index name from the catalog, quoted as an identifier (names are ours, but never trusted into SQL raw). */
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Indices of `k` attempts out of `c`, evenly spread, first and last included. */
function keptIndices(c: number, k: number): number[] {
  if (k >= c) return Array.from({ length: c }, (_, i) => i);
  if (k === 1) return [c - 1];
  return Array.from({ length: k }, (_, i) => Math.round((i * (c - 1)) / (k - 1)));
}

export async function loadDemoDataset(pool: Pool, options: LoadDemoDatasetOptions): Promise<LoadDemoDatasetResult> {
  const started = Date.now();
  const log = options.onProgress ?? (() => {});
  await runMigrations(pool);
  const dataset = generateDemoDataset({
    seed: options.seed ?? 1,
    activities: options.activities,
    ...(options.now !== undefined ? { now: options.now } : {}),
    hugeActivityAttempts: options.hugeActivityAttempts ?? 0,
  });
  const natural = dataset.activities.reduce((n, a) => n + a.attemptCount, 0);
  const ratio = options.attempts === undefined ? 1 : Math.min(1, options.attempts / Math.max(1, natural));
  log(`generated ${dataset.activities.length} activities (${natural} attempts natural, keeping ${Math.round(ratio * 1000) / 10}%)`);

  const client = await pool.connect();
  try {
    if (options.reset) {
      await client.query('TRUNCATE td_activities, td_attempts, td_ingested_events, td_suppression_rules, td_blocks, td_work_items, td_work_item_counters, td_idempotency_keys, td_audit, td_policies, td_notes, td_history, td_users');
    } else {
      const { rows } = await client.query('SELECT 1 FROM td_activities LIMIT 1');
      if (rows.length) throw new Error('The database already holds activities; load with reset to replace them.');
    }
    await client.query(
      `INSERT INTO td_policies (id, name, description, details, impact, refs, remediation)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[]) ON CONFLICT (id) DO NOTHING`,
      [ATTACK_KINDS.map((k) => k.policyId), ATTACK_KINDS.map((k) => k.policyName), ATTACK_KINDS.map((k) => k.description), ATTACK_KINDS.map((k) => k.details),
        ATTACK_KINDS.map((k) => k.impact), ATTACK_KINDS.map((k) => JSON.stringify(k.references)), ATTACK_KINDS.map((k) => JSON.stringify(k.remediation))],
    );

    // Which attempts each activity keeps; its count and span follow them.
    let minTs = Infinity;
    let maxTs = -Infinity;
    const plan = (a: Activity) => {
      const series = dataset.attemptSeries(a);
      const c = series.timestamps.length;
      const k = Math.max(1, Math.round(c * ratio));
      const indices = keptIndices(c, k);
      a.attemptCount = indices.length;
      a.firstSeen = series.timestamps[indices[0]!]!;
      a.lastSeen = series.timestamps[indices[indices.length - 1]!]!;
      minTs = Math.min(minTs, a.firstSeen);
      maxTs = Math.max(maxTs, a.lastSeen);
      return { indices, timestamps: series.timestamps, outcomes: series.outcomes };
    };
    // Plans are cheap to redo; only a window of them is kept at once (1M activities' series would not fit).
    for (const a of dataset.activities) plan(a);
    for (let m = new Date(minTs); m.getTime() <= maxTs; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
      await client.query('SELECT td_ensure_attempt_partition($1::bigint)', [m.getTime()]);
    }
    await client.query('SELECT td_ensure_attempt_partition($1::bigint)', [maxTs]);

    // Secondary indexes are built once after the COPY (far faster than row by row, the trigram index above all).
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       WHERE x.indrelid IN ('td_activities'::regclass, 'td_attempts'::regclass, 'td_activity_search'::regclass) AND NOT x.indisprimary AND NOT x.indisunique
         AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid)`,
    );
    for (const ix of indexes) await client.query(`DROP INDEX ${quoteIdent(ix.name)}`);
    await copyRows(
      client,
      `COPY td_activities (id, status, severity, severity_rank, type, actor_ip, actor_inet, actor_country, actor_label, method, path, host, policy_id, policy_name,
        category, subcategory, successful_exploit, attempt_count, first_seen, last_seen, work_items, work_item_total, skey, search_text, assignee_id, active_since) FROM STDIN WITH (FORMAT csv)`,
      (function* () {
        for (const a of dataset.activities) {
          yield line([a.id, a.status, a.severity, severityRank(a.severity), a.type, a.actor.ip, actorInetOf(a.actor.ip), a.actor.country ?? null, a.actor.label ?? null,
            a.endpoint.method, a.endpoint.path, a.endpoint.host, a.policy.id, a.policy.name, a.category, a.subcategory, a.successfulExploit, a.attemptCount,
            a.firstSeen, a.lastSeen, JSON.stringify(a.workItems), a.workItems.length, skeyOf(a.actor.ip, a.endpoint, a.policy.id), searchTextOf(a),
            seededAssignee(dataset.seed, a) ?? null, a.firstSeen]);
        }
      })(),
    );
    await replaceUsers(client, DEMO_USERS);
    log(`copied activities (${Date.now() - started} ms)`);

    let seq = 0;
    let written = 0;
    await copyRows(
      client,
      'COPY td_attempts (activity_id, ts, seq, id, source_ip, outcome, request, response) FROM STDIN WITH (FORMAT csv)',
      (function* () {
        for (const a of dataset.activities) {
          const p = plan(a);
          for (const j of p.indices) {
            const outcome = ATTEMPT_OUTCOMES[p.outcomes[j]!] ?? 'blocked';
            const at = dataset.attempt(a, j, p.timestamps[j]!, outcome);
            yield line([a.id, at.timestamp, ++seq, at.id, at.sourceIp, p.outcomes[j]!, JSON.stringify(at.request), at.response === null ? null : JSON.stringify(at.response)]);
            if (++written % 1_000_000 === 0) log(`copied ${written} attempts (${Date.now() - started} ms)`);
          }
        }
      })(),
    );
    await client.query("SELECT setval('td_attempt_seq', $1::bigint)", [Math.max(1, seq)]);
    await client.query("SET maintenance_work_mem = '512MB'");
    // The catalog writes a partitioned table's index as "ON ONLY" (parent only, invalid): build it on every partition.
    for (const ix of indexes) await client.query(ix.def.replace(' ON ONLY ', ' ON '));
    log(`rebuilt ${indexes.length} indexes (${Date.now() - started} ms)`);
    await client.query('ANALYZE td_activities');
    await client.query('ANALYZE td_activity_search');
    await client.query('ANALYZE td_activity_cube');
    await client.query('ANALYZE td_attempts');
    log(`copied ${written} attempts, analysed (${Date.now() - started} ms)`);
    return { activities: dataset.activities.length, attempts: written, ms: Date.now() - started, dataset };
  } finally {
    client.release();
  }
}
