-- The audit log: append-only, each entry chained to the one before by a
-- keyed hash (see store/audit.go). The triggers stop accidental edits; the
-- chain exposes deliberate ones.
CREATE TABLE audit_log (
	id         INTEGER PRIMARY KEY,
	at         TIMESTAMP NOT NULL,
	user_id    INTEGER,
	user_email TEXT NOT NULL DEFAULT '',
	action     TEXT NOT NULL,
	entity     TEXT NOT NULL DEFAULT '',
	entity_id  INTEGER,
	group_id   INTEGER,
	changes    TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	ip         TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT '',
	request_id TEXT NOT NULL DEFAULT '',
	nik_hashes TEXT NOT NULL DEFAULT '',
	prev_hash  TEXT NOT NULL,
	hash       TEXT NOT NULL
);
CREATE INDEX audit_by_user ON audit_log (user_id, id);
CREATE INDEX audit_by_group ON audit_log (group_id, id);
CREATE INDEX audit_by_action ON audit_log (action, id);
CREATE INDEX audit_by_at ON audit_log (at, id);

-- Which entries concern which person, by the keyed hash of their NIK; the
-- sealed NIK lets a key rotation compute the new hash.
CREATE TABLE audit_niks (
	nik_hash   BLOB NOT NULL,
	nik_sealed BLOB NOT NULL,
	audit_id   INTEGER NOT NULL REFERENCES audit_log (id),
	PRIMARY KEY (nik_hash, audit_id)
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
