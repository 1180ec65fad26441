-- Imports: each file, its job's state and progress, and every error found.
-- A group remembers the fingerprint of the rows it was last imported from,
-- so that importing the same file again changes nothing.
ALTER TABLE groups ADD COLUMN import_fingerprint TEXT NOT NULL DEFAULT '';

CREATE TABLE imports (
	id          INTEGER PRIMARY KEY,
	cohort_id   INTEGER NOT NULL REFERENCES cohorts (id),
	user_id     INTEGER NOT NULL REFERENCES users (id),
	file_name   TEXT NOT NULL,
	format      TEXT NOT NULL DEFAULT '',
	dry_run     INTEGER NOT NULL DEFAULT 0,
	partial     INTEGER NOT NULL DEFAULT 0,
	status      TEXT NOT NULL,
	result      TEXT NOT NULL DEFAULT '{}',
	worker      TEXT NOT NULL DEFAULT '',
	heartbeat   TIMESTAMP,
	created_at  TIMESTAMP NOT NULL,
	finished_at TIMESTAMP,
	data        BLOB NOT NULL
);
CREATE INDEX imports_by_status ON imports (status, id);

CREATE TABLE import_errors (
	import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
	seq       INTEGER NOT NULL,
	row_no    INTEGER NOT NULL,
	col       TEXT NOT NULL,
	code      TEXT NOT NULL,
	message   TEXT NOT NULL,
	PRIMARY KEY (import_id, seq)
);
