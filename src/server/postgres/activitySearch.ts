/**
 * The activities' search text in a table of its own, with the trigram index.
 *
 * Ingest updates every touched activity (count, last seen): in PostgreSQL an
 * update that changes an indexed column writes a new entry into every index
 * of the table, and for a trigram GIN index that is ~150 entries per row —
 * most of an ingest batch's work, for text that did not change. Here the
 * search row is written only when the text changes (a new activity, a new
 * latest subcategory). `td_activities.search_text` stays the source of truth;
 * statement triggers (transition tables) keep this copy in the same
 * transaction.
 */
export const ACTIVITY_SEARCH_SQL = `
CREATE TABLE td_activity_search (
  id text COLLATE "C" PRIMARY KEY,
  search_text text NOT NULL
);

CREATE FUNCTION td_activity_search_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO td_activity_search (id, search_text) SELECT id, search_text FROM td_search_new;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM td_activity_search s USING td_search_old o WHERE s.id = o.id;
  ELSE
    -- Ids never change (nothing updates them); only a changed text is written.
    UPDATE td_activity_search s SET search_text = n.search_text
    FROM td_search_new n JOIN td_search_old o ON o.id = n.id
    WHERE s.id = n.id AND n.search_text IS DISTINCT FROM o.search_text;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE FUNCTION td_activity_search_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  TRUNCATE td_activity_search;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER td_activity_search_insert AFTER INSERT ON td_activities
  REFERENCING NEW TABLE AS td_search_new FOR EACH STATEMENT EXECUTE FUNCTION td_activity_search_changed();
CREATE TRIGGER td_activity_search_update AFTER UPDATE ON td_activities
  REFERENCING OLD TABLE AS td_search_old NEW TABLE AS td_search_new FOR EACH STATEMENT EXECUTE FUNCTION td_activity_search_changed();
CREATE TRIGGER td_activity_search_delete AFTER DELETE ON td_activities
  REFERENCING OLD TABLE AS td_search_old FOR EACH STATEMENT EXECUTE FUNCTION td_activity_search_changed();
CREATE TRIGGER td_activity_search_truncate AFTER TRUNCATE ON td_activities
  FOR EACH STATEMENT EXECUTE FUNCTION td_activity_search_truncated();

INSERT INTO td_activity_search (id, search_text) SELECT id, search_text FROM td_activities;
DROP INDEX td_activities_search;
CREATE INDEX td_activity_search_trgm ON td_activity_search USING gin (search_text gin_trgm_ops);
`;

/** The search condition on td_activities (`id` is the activity's): `needle` is a bound LIKE pattern's placeholder. */
export const searchCondition = (needle: string) => `id IN (SELECT s.id FROM td_activity_search s WHERE s.search_text LIKE ${needle})`;
