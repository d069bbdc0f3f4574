/**
 * Migration 7: the search copy carries the filter columns.
 *
 * Measured on 200 000 activities under the benchmark's mix (EXPLAIN ANALYZE of
 * the logged statements): a facet of a search, or an actor facet under a
 * filter, hash-joined the trigram matches of td_activity_search to a
 * sequential scan of td_activities (the whole status, ~16 000 pages at 200k,
 * ~80 000 at 1M) to read one column per match — 0.3–0.9 s each, the largest
 * share of the database's time. With status, actor and the cube's dimensions
 * beside the text, such a facet is one bitmap scan of this narrow table, and a
 * list's search matches are narrowed by its filters inside the GIN index
 * (btree_gin: the filter columns beside the trigrams) before any activity is
 * read. The copy is written only when one of these columns changes (status
 * changes are HOT updates: fillfactor 90, and no index covers status).
 *
 * The table is rebuilt (CREATE … AS, then the trigram index) rather than
 * altered: adding and filling columns in place would re-enter every row in
 * the GIN index.
 */
/** The columns the copy keeps beside `id` and `search_text`, named as in td_activities. */
export const SEARCH_COPY_COLUMNS = ['status', 'actor_ip', 'host', 'path', 'type', 'subcategory', 'severity', 'successful_exploit'] as const;

const cols = ['search_text', ...SEARCH_COPY_COLUMNS];
const list = (alias?: string) => cols.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');

export const READ_PATH_SQL = `
CREATE TABLE td_activity_search_v7 (
  id text COLLATE "C" PRIMARY KEY,
  search_text text NOT NULL,
  status text NOT NULL,
  actor_ip text COLLATE "C" NOT NULL,
  host text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  type text COLLATE "C" NOT NULL,
  subcategory text COLLATE "C" NOT NULL,
  severity text NOT NULL,
  successful_exploit boolean NOT NULL
) WITH (fillfactor = 90);
INSERT INTO td_activity_search_v7 (id, ${list()}) SELECT id, ${list()} FROM td_activities;
DROP TABLE td_activity_search;
ALTER TABLE td_activity_search_v7 RENAME TO td_activity_search;
ALTER INDEX td_activity_search_v7_pkey RENAME TO td_activity_search_pkey;
-- One GIN index over the text's trigrams and the filter columns: a search and a filter intersect their
-- posting lists in the index, so only rows matching both are read. (Status stays out: a status change
-- keeps its HOT update, and status rarely narrows much.)
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX td_activity_search_trgm ON td_activity_search USING gin (search_text gin_trgm_ops, host, path, subcategory, severity, actor_ip);

CREATE OR REPLACE FUNCTION td_activity_search_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO td_activity_search (id, ${list()}) SELECT id, ${list()} FROM td_search_new;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM td_activity_search s USING td_search_old o WHERE s.id = o.id;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION td_activity_search_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- Only rows whose text or a copied column changed are written (most ingest updates move counts and last seen alone).
  WITH changed AS MATERIALIZED (
    SELECT n.id, ${list('n')} FROM td_search_new n JOIN td_search_old o ON o.id = n.id
    WHERE (${list('n')}) IS DISTINCT FROM (${list('o')}))
  UPDATE td_activity_search s SET ${cols.map((c) => `${c} = c.${c}`).join(', ')} FROM changed c WHERE s.id = c.id;
  RETURN NULL;
END
$fn$;
ANALYZE td_activity_search;
`;

/**
 * Migration 8: activities per status and actor, kept by statement triggers
 * in the writers' transactions (upserts of per-statement deltas, in key
 * order). The actor facet of a whole status — no filter, search, time range
 * or assignee — is the most frequent facet the cube cannot answer (actor has
 * tens of thousands of values); counted over the activities it read every
 * row of the status (an index-only scan of 160 000 entries and a hash of
 * 35 000 groups, 74 ms idle at 200k and 0.9 s under the benchmark's load).
 * Here it is the first rows of an index and a count of one status's actors.
 */
const upsertActorCounts = (select: string) => `INSERT INTO td_actor_counts (status, actor_ip, n) ${select}
    ON CONFLICT (status, actor_ip) DO UPDATE SET n = td_actor_counts.n + excluded.n`;

export const ACTOR_COUNTS_SQL = `
CREATE TABLE td_actor_counts (
  status text NOT NULL,
  actor_ip text COLLATE "C" NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (status, actor_ip)
);
INSERT INTO td_actor_counts SELECT status, actor_ip, count(*) FROM td_activities GROUP BY status, actor_ip;
CREATE INDEX td_actor_counts_top ON td_actor_counts (status, n DESC, actor_ip);

CREATE FUNCTION td_actor_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${upsertActorCounts('SELECT status, actor_ip, count(*) FROM td_actors_new GROUP BY 1, 2 ORDER BY 1, 2')};
  ELSIF TG_OP = 'DELETE' THEN
    ${upsertActorCounts('SELECT status, actor_ip, -count(*) FROM td_actors_old GROUP BY 1, 2 ORDER BY 1, 2')};
  ELSE
    -- Only rows whose status or actor moved (an ingest update moves neither).
    WITH moved AS MATERIALIZED (
      SELECT n.status, n.actor_ip, o.status AS old_status, o.actor_ip AS old_actor_ip
      FROM td_actors_new n JOIN td_actors_old o ON o.id = n.id
      WHERE (n.status, n.actor_ip) IS DISTINCT FROM (o.status, o.actor_ip))
    ${upsertActorCounts(`SELECT status, actor_ip, sum(d) FROM (
      SELECT status, actor_ip, 1 AS d FROM moved UNION ALL SELECT old_status, old_actor_ip, -1 FROM moved) s
      GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2`)};
  END IF;
  RETURN NULL;
END
$fn$;

CREATE FUNCTION td_actor_counts_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM td_actor_counts;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER td_actor_counts_insert AFTER INSERT ON td_activities
  REFERENCING NEW TABLE AS td_actors_new FOR EACH STATEMENT EXECUTE FUNCTION td_actor_counts_changed();
CREATE TRIGGER td_actor_counts_update AFTER UPDATE ON td_activities
  REFERENCING OLD TABLE AS td_actors_old NEW TABLE AS td_actors_new FOR EACH STATEMENT EXECUTE FUNCTION td_actor_counts_changed();
CREATE TRIGGER td_actor_counts_delete AFTER DELETE ON td_activities
  REFERENCING OLD TABLE AS td_actors_old FOR EACH STATEMENT EXECUTE FUNCTION td_actor_counts_changed();
CREATE TRIGGER td_actor_counts_truncate AFTER TRUNCATE ON td_activities
  FOR EACH STATEMENT EXECUTE FUNCTION td_actor_counts_truncated();
`;
