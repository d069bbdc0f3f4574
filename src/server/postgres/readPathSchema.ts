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
