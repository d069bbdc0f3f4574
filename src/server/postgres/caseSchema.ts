/**
 * Migration 5: case handling. The team (td_users), an assignee and the time
 * the activity last became Active on every activity, append-only notes, and
 * each activity's history. The audit rows say who wrote what request, not
 * which activities it changed (a bulk write is one row), so history is its
 * own table, written in the same transaction as the change it records.
 */
export const CASE_SCHEMA_SQL = `
CREATE TABLE td_users (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  email text,
  deleted boolean NOT NULL DEFAULT false
);

ALTER TABLE td_activities ADD COLUMN assignee_id text COLLATE "C";
-- When the activity last became Active; existing rows (like the memory adapter's dataset) since first seen.
ALTER TABLE td_activities ADD COLUMN active_since bigint;
UPDATE td_activities SET active_since = first_seen;
CREATE INDEX td_activities_assignee ON td_activities (status, assignee_id, last_seen, seq);

CREATE TABLE td_notes (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  activity_id text COLLATE "C" NOT NULL REFERENCES td_activities (id) ON DELETE CASCADE,
  author_id text NOT NULL,
  text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4000),
  created_at bigint NOT NULL
);
CREATE INDEX td_notes_activity ON td_notes (activity_id, seq);

-- kind: status | rule | block | workItem | assignment | note; detail: the kind's fields (from/to, reason, ids, text).
CREATE TABLE td_history (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  activity_id text COLLATE "C" NOT NULL REFERENCES td_activities (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('status', 'rule', 'block', 'workItem', 'assignment', 'note')),
  who text NOT NULL,
  at bigint NOT NULL,
  detail jsonb NOT NULL
);
CREATE INDEX td_history_activity ON td_history (activity_id, seq);
`;
