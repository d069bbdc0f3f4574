/**
 * Migration 6: a cheaper write path for ingest (issue 13's ingest target).
 *
 * An ingest batch updates a few hundred existing activities (counts, last
 * seen) and creates a few hundred. Measured on 1M activities / 10M attempts
 * (EXPLAIN ANALYZE of one batch's statements): the update's statement
 * triggers spent more time than the rows' own writes — the search trigger
 * probed td_activity_search once per updated row (~57 ms for 400 rows) to
 * compare texts that had not changed, and the cube trigger grouped every
 * old and new row to find the few whose dimensions moved. Both now pick the
 * changed rows out of the transition tables first (a hash join of the two,
 * no index probe), so an update that changes no search text and no cube
 * dimension writes nothing to either table.
 *
 * The `seq` UNIQUE index goes: no read plan uses it (pg_stat_user_indexes
 * over the benchmark: 0 scans; lists walk (sort column, seq) indexes, reads
 * by id use the primary key), and every activity row written (an ingest's
 * updates are never HOT: last_seen is indexed) paid an entry in it. `seq` is
 * GENERATED ALWAYS AS IDENTITY, so it stays unique without the index.
 */
const DIMS = 'status, host, path, type, subcategory, severity, successful_exploit';
const dimsOf = (alias: string) => DIMS.split(', ').map((c) => `${alias}.${c}`).join(', ');

export const INGEST_WRITE_PATH_SQL = `
ALTER TABLE td_activities DROP CONSTRAINT td_activities_seq_key;

-- The UPDATE triggers get functions of their own (inserts and deletes keep migrations 2 and 3's).
CREATE FUNCTION td_activity_search_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- Ids never change (nothing updates them); only a changed text is written, found without touching td_activity_search.
  WITH changed AS MATERIALIZED (
    SELECT n.id, n.search_text FROM td_search_new n JOIN td_search_old o ON o.id = n.id WHERE n.search_text IS DISTINCT FROM o.search_text)
  UPDATE td_activity_search s SET search_text = c.search_text FROM changed c WHERE s.id = c.id;
  RETURN NULL;
END
$fn$;
DROP TRIGGER td_activity_search_update ON td_activities;
CREATE TRIGGER td_activity_search_update AFTER UPDATE ON td_activities
  REFERENCING OLD TABLE AS td_search_old NEW TABLE AS td_search_new FOR EACH STATEMENT EXECUTE FUNCTION td_activity_search_updated();

CREATE FUNCTION td_activity_cube_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- Only rows whose dimensions moved count (most updates change counts and last seen alone).
  WITH moved AS MATERIALIZED (
    SELECT ${dimsOf('n')}, ${DIMS.split(', ').map((c) => `o.${c} AS old_${c}`).join(', ')}
    FROM td_cube_new n JOIN td_cube_old o ON o.id = n.id
    WHERE (${dimsOf('n')}) IS DISTINCT FROM (${dimsOf('o')}))
  INSERT INTO td_activity_cube SELECT ${DIMS}, sum(d) FROM (
    SELECT ${DIMS}, 1 AS d FROM moved
    UNION ALL SELECT ${DIMS.split(', ').map((c) => `old_${c}`).join(', ')}, -1 FROM moved) s
  GROUP BY ${DIMS} HAVING sum(d) <> 0;
  IF random() < 0.02 THEN
    PERFORM td_compact_activity_cube();
  END IF;
  RETURN NULL;
END
$fn$;
DROP TRIGGER td_activity_cube_update ON td_activities;
CREATE TRIGGER td_activity_cube_update AFTER UPDATE ON td_activities
  REFERENCING OLD TABLE AS td_cube_old NEW TABLE AS td_cube_new FOR EACH STATEMENT EXECUTE FUNCTION td_activity_cube_updated();
`;
