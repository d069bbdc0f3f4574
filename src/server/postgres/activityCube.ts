/**
 * The activity counts cube: how many activities there are per status and per
 * combination of the small-domain filter fields (host, path, type,
 * subcategory, severity, successful exploit) — a few thousand rows for a
 * million activities. Tab counts and facets of a query that filters only on
 * those fields are read from it exactly, without touching the activities.
 *
 * It is kept in the writers' own transactions by statement-level triggers
 * (transition tables: one aggregate per statement, whatever the row count),
 * as insert-only deltas, so concurrent writers never wait on a shared counter
 * row. A writer now and then (about one statement in 50, and only when no
 * other transaction is doing it) folds the deltas into one row per
 * combination; readers sum, so they see the same totals before and after.
 */
import { FILTER_FIELDS, type ActivityQuery, type FilterField } from '../../core/query';

/** The cube's dimensions, named as the td_activities columns (so the list's filter SQL applies to both). */
const DIMS = 'status, host, path, type, subcategory, severity, successful_exploit';
const COMPACT_LOCK = 7_411_303;

export const ACTIVITY_CUBE_SQL = `
CREATE TABLE td_activity_cube (
  status text NOT NULL,
  host text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  type text COLLATE "C" NOT NULL,
  subcategory text COLLATE "C" NOT NULL,
  severity text NOT NULL,
  successful_exploit boolean NOT NULL,
  n bigint NOT NULL
);

-- Folds the deltas into one row per combination. Skipped while another transaction folds.
CREATE FUNCTION td_compact_activity_cube() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF pg_try_advisory_xact_lock(${COMPACT_LOCK}) THEN
    WITH d AS (DELETE FROM td_activity_cube RETURNING *)
    INSERT INTO td_activity_cube SELECT ${DIMS}, sum(n) FROM d GROUP BY ${DIMS} HAVING sum(n) <> 0;
  END IF;
END
$fn$;

CREATE FUNCTION td_activity_cube_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO td_activity_cube SELECT ${DIMS}, count(*) FROM td_cube_new GROUP BY ${DIMS};
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO td_activity_cube SELECT ${DIMS}, -count(*) FROM td_cube_old GROUP BY ${DIMS};
  ELSE
    INSERT INTO td_activity_cube SELECT ${DIMS}, sum(d) FROM (
      SELECT ${DIMS}, 1 AS d FROM td_cube_new UNION ALL SELECT ${DIMS}, -1 FROM td_cube_old) s
    GROUP BY ${DIMS} HAVING sum(d) <> 0;
  END IF;
  IF random() < 0.02 THEN
    PERFORM td_compact_activity_cube();
  END IF;
  RETURN NULL;
END
$fn$;

CREATE FUNCTION td_activity_cube_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM td_activity_cube;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER td_activity_cube_insert AFTER INSERT ON td_activities
  REFERENCING NEW TABLE AS td_cube_new FOR EACH STATEMENT EXECUTE FUNCTION td_activity_cube_changed();
CREATE TRIGGER td_activity_cube_update AFTER UPDATE ON td_activities
  REFERENCING OLD TABLE AS td_cube_old NEW TABLE AS td_cube_new FOR EACH STATEMENT EXECUTE FUNCTION td_activity_cube_changed();
CREATE TRIGGER td_activity_cube_delete AFTER DELETE ON td_activities
  REFERENCING OLD TABLE AS td_cube_old FOR EACH STATEMENT EXECUTE FUNCTION td_activity_cube_changed();
CREATE TRIGGER td_activity_cube_truncate AFTER TRUNCATE ON td_activities
  FOR EACH STATEMENT EXECUTE FUNCTION td_activity_cube_truncated();

INSERT INTO td_activity_cube SELECT ${DIMS}, count(*) FROM td_activities GROUP BY ${DIMS};
`;

/** Filter fields that are cube dimensions (actor is not: tens of thousands of values). */
const CUBE_FIELDS: ReadonlySet<FilterField> = new Set(FILTER_FIELDS.filter((f) => f !== 'actor'));

/**
 * True when the query's conditions (except `skip`'s, for a facet) are all on
 * cube dimensions: no actor, search, time range or assignee.
 */
export function cubeAnswers(query: ActivityQuery, skip?: FilterField): boolean {
  if (query.search.trim() !== '' || query.time !== null || query.assignee !== undefined) return false;
  return FILTER_FIELDS.every((f) => f === skip || CUBE_FIELDS.has(f) || query.filters[f].length === 0);
}

/** True when facet `field` can be counted from the cube. */
export const cubeHasField = (field: FilterField) => CUBE_FIELDS.has(field);
