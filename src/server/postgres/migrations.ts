/**
 * Versioned schema migrations. Each version runs once, in its own transaction,
 * and is recorded in `td_schema_migrations`; a second run finds every version
 * recorded and changes nothing. An advisory lock serialises concurrent
 * starters (several server processes booting on one database).
 *
 * Times are epoch milliseconds (bigint), as in the contract. Text columns use
 * the "C" collation so sort order is code-unit order, like the memory adapter.
 */
import type { Pool, PoolClient } from 'pg';
import { ACTIVITY_CUBE_SQL } from './activityCube';
import { ACTIVITY_DELTAS_SQL } from './activityMerge';
import { ACTIVITY_SEARCH_SQL } from './activitySearch';
import { CASE_SCHEMA_SQL } from './caseSchema';
import { INGEST_WRITE_PATH_SQL } from './ingestWritePath';
import { ACTOR_COUNTS_SQL, READ_PATH_SQL } from './readPathSchema';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_LOCK = 7_411_301;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'core schema',
    sql: `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Bumped by every write: a row's entered_rev says when it entered its status; a list's asOf is the value at read time.
CREATE SEQUENCE td_revision;

CREATE TABLE td_policies (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  description text NOT NULL DEFAULT '',
  details text NOT NULL DEFAULT '',
  impact text NOT NULL DEFAULT '',
  refs jsonb NOT NULL DEFAULT '[]',
  remediation jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE td_activities (
  id text COLLATE "C" PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  status text NOT NULL CHECK (status IN ('active', 'under_review', 'ignored')),
  severity text NOT NULL,
  severity_rank smallint NOT NULL,
  type text COLLATE "C" NOT NULL,
  actor_ip text COLLATE "C" NOT NULL,
  actor_inet inet,
  actor_country text,
  actor_label text,
  method text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  host text COLLATE "C" NOT NULL,
  endpoint_key text COLLATE "C" GENERATED ALWAYS AS (path || ' ' || method) STORED,
  policy_id text COLLATE "C" NOT NULL,
  policy_name text COLLATE "C" NOT NULL,
  category text NOT NULL,
  subcategory text COLLATE "C" NOT NULL,
  successful_exploit boolean NOT NULL,
  attempt_count bigint NOT NULL,
  first_seen bigint NOT NULL,
  last_seen bigint NOT NULL,
  work_items jsonb NOT NULL DEFAULT '[]',
  work_item_total integer NOT NULL DEFAULT 0,
  suppressed_by text COLLATE "C",
  entered_rev bigint NOT NULL DEFAULT 0,
  -- actor + endpoint + policy, as a suppression rule keys it (canonical IP).
  skey text COLLATE "C" NOT NULL,
  -- Lower-cased text a search looks in (built by the adapter, like the memory adapter's).
  search_text text NOT NULL
);
CREATE INDEX td_activities_last_seen ON td_activities (status, last_seen, seq);
CREATE INDEX td_activities_first_seen ON td_activities (status, first_seen, seq);
CREATE INDEX td_activities_severity ON td_activities (status, severity_rank, seq);
CREATE INDEX td_activities_attempts ON td_activities (status, attempt_count, seq);
CREATE INDEX td_activities_host ON td_activities (host, status);
CREATE INDEX td_activities_path ON td_activities (path, status);
CREATE INDEX td_activities_actor ON td_activities (actor_ip, status);
CREATE INDEX td_activities_skey ON td_activities (skey, seq);
CREATE INDEX td_activities_suppressed_by ON td_activities (suppressed_by) WHERE suppressed_by IS NOT NULL;
CREATE INDEX td_activities_search ON td_activities USING gin (search_text gin_trgm_ops);

-- Attempts, partitioned by month of ts (partitions are made as needed by td_ensure_attempt_partition).
CREATE TABLE td_attempts (
  activity_id text COLLATE "C" NOT NULL,
  ts bigint NOT NULL,
  seq bigint NOT NULL,
  id text COLLATE "C" NOT NULL,
  event_id text COLLATE "C",
  source_ip text NOT NULL,
  outcome smallint NOT NULL,
  -- JSON text, not jsonb: attack traffic may carry U+0000, which jsonb refuses and JSON text keeps escaped.
  request text NOT NULL,
  response text
) PARTITION BY RANGE (ts);
CREATE INDEX td_attempts_activity ON td_attempts (activity_id, ts, seq);
CREATE SEQUENCE td_attempt_seq;

-- Event ids already ingested (a partitioned table cannot hold a unique key without its partition key).
CREATE TABLE td_ingested_events (
  event_id text COLLATE "C" PRIMARY KEY,
  ingested_at bigint NOT NULL
);

CREATE TABLE td_suppression_rules (
  id text COLLATE "C" PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  actor_ip text NOT NULL,
  method text NOT NULL,
  host text NOT NULL,
  path text NOT NULL,
  policy_id text NOT NULL,
  reason text,
  created_at bigint NOT NULL,
  expires_at bigint,
  suppressed_count bigint NOT NULL DEFAULT 0,
  last_hit_at bigint,
  skey text COLLATE "C" NOT NULL,
  search_text text NOT NULL
);
CREATE INDEX td_suppression_rules_key ON td_suppression_rules (skey, created_at, seq);
CREATE INDEX td_suppression_rules_created ON td_suppression_rules (created_at, seq);

CREATE TABLE td_blocks (
  id text COLLATE "C" PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  target text NOT NULL,
  net inet NOT NULL,
  reason text,
  activity_id text,
  created_at bigint NOT NULL,
  expires_at bigint,
  search_text text NOT NULL
);
CREATE INDEX td_blocks_net ON td_blocks USING gist (net inet_ops);
CREATE INDEX td_blocks_created ON td_blocks (created_at, seq);

CREATE TABLE td_work_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  activity_id text NOT NULL REFERENCES td_activities (id) ON DELETE CASCADE,
  target_id text NOT NULL,
  key text NOT NULL,
  url text NOT NULL,
  title text,
  field_values jsonb NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX td_work_items_activity ON td_work_items (activity_id, id);
CREATE TABLE td_work_item_counters (
  target_id text PRIMARY KEY,
  n bigint NOT NULL
);

CREATE TABLE td_idempotency_keys (
  method text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  outcome jsonb,
  expires_at bigint NOT NULL,
  PRIMARY KEY (method, key)
);
CREATE INDEX td_idempotency_keys_expiry ON td_idempotency_keys (expires_at);

CREATE TABLE td_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at bigint NOT NULL,
  principal_id text NOT NULL,
  principal_role text NOT NULL,
  operation text NOT NULL,
  idempotency_key text,
  summary jsonb NOT NULL
);
CREATE INDEX td_audit_at ON td_audit (at);

-- Month partitions of td_attempts: [first ms of the month, first ms of the next) in UTC.
CREATE FUNCTION td_ensure_attempt_partition(at_ms bigint) RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  month_start timestamptz := date_trunc('month', to_timestamp(at_ms / 1000.0) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  lo bigint := (extract(epoch FROM month_start) * 1000)::bigint;
  hi bigint := (extract(epoch FROM month_start + interval '1 month') * 1000)::bigint;
  part text := 'td_attempts_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYYMM');
BEGIN
  IF to_regclass(part) IS NULL THEN
    PERFORM pg_advisory_xact_lock(7411302);
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF td_attempts FOR VALUES FROM (%s) TO (%s)', part, lo, hi);
    END IF;
  END IF;
  RETURN part;
END
$fn$;

-- Retention: drops every attempt partition that ends before now - keep_days. Returns the dropped names.
CREATE FUNCTION td_drop_attempt_partitions_older_than(keep_days integer, now_ms bigint DEFAULT (extract(epoch FROM now()) * 1000)::bigint)
RETURNS SETOF text LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
  cutoff bigint := now_ms - keep_days::bigint * 86400000;
BEGIN
  FOR r IN
    SELECT c.relname, (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''?(-?\\d+)''?\\)'))[1]::bigint AS hi
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'td_attempts'::regclass
  LOOP
    IF r.hi <= cutoff THEN
      EXECUTE format('DROP TABLE %I', r.relname);
      RETURN NEXT r.relname;
    END IF;
  END LOOP;
END
$fn$;
`,
  },
  {
    version: 2,
    name: 'activity counts cube',
    sql: ACTIVITY_CUBE_SQL,
  },
  {
    version: 3,
    name: 'activity search table',
    sql: ACTIVITY_SEARCH_SQL,
  },
  {
    version: 4,
    name: 'list and timeline indexes',
    // A filter on one value of a small-domain field walks its own (status, field, last seen, seq)
    // index in the list's default order, instead of the whole status along last seen filtering
    // row by row (which reads every row when few match). Timelines count (ts, outcome) from the
    // index alone (attempt partitions are append-only, so the visibility map lets it skip the heap).
    sql: `
DROP INDEX td_activities_host;
DROP INDEX td_activities_path;
CREATE INDEX td_activities_host_last_seen ON td_activities (status, host, last_seen, seq);
CREATE INDEX td_activities_path_last_seen ON td_activities (status, path, last_seen, seq);
CREATE INDEX td_activities_subcategory_last_seen ON td_activities (status, subcategory, last_seen, seq);
CREATE INDEX td_activities_severity_last_seen ON td_activities (status, severity, last_seen, seq);
CREATE INDEX td_attempts_timeline ON td_attempts (activity_id, ts) INCLUDE (outcome);
`,
  },
  {
    version: 5,
    name: 'case handling',
    sql: CASE_SCHEMA_SQL,
  },
  {
    version: 6,
    name: 'ingest write path',
    sql: INGEST_WRITE_PATH_SQL,
  },
  { version: 7, name: 'search copy with filter columns', sql: READ_PATH_SQL },
  { version: 8, name: 'activities per actor', sql: ACTOR_COUNTS_SQL },
  {
    version: 9,
    name: 'one attempts index',
    // Attempt pages walk (activity, ts, seq) and timelines count (ts, outcome) per activity: one
    // index with outcome included serves both (the timeline still reads the index alone), so every
    // ingested attempt writes one index entry, not two. Builds on every partition, holding off
    // ingest meanwhile (a partitioned table cannot build CONCURRENTLY).
    sql: `
CREATE INDEX td_attempts_by_activity ON td_attempts (activity_id, ts, seq) INCLUDE (outcome);
DROP INDEX td_attempts_activity;
DROP INDEX td_attempts_timeline;
`,
  },
  { version: 10, name: 'activity deltas for a deferred merge', sql: ACTIVITY_DELTAS_SQL },
];

/** Applies the migrations not yet recorded; returns the versions applied now (none on a second run). */
export async function runMigrations(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    // No read timeout here (a migration may take minutes); the client is closed after, not pooled with this setting.
    await client.query("SELECT set_config('statement_timeout', '0', false)");
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await applyPending(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release(true);
  }
}

async function applyPending(client: PoolClient): Promise<number[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS td_schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await client.query<{ version: number }>('SELECT version FROM td_schema_migrations');
  const done = new Set(rows.map((r) => r.version));
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    await client.query('BEGIN');
    try {
      await client.query(m.sql);
      await client.query('INSERT INTO td_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
    applied.push(m.version);
  }
  return applied;
}
