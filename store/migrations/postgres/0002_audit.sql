-- The audit log: append-only, each entry chained to the one before by a
-- keyed hash (see store/audit.go). The trigger stops accidental edits; the
-- chain exposes deliberate ones.
CREATE TABLE audit_log (
	id         BIGINT PRIMARY KEY,
	at         TIMESTAMPTZ NOT NULL,
	user_id    BIGINT,
	user_email TEXT NOT NULL DEFAULT '',
	action     TEXT NOT NULL,
	entity     TEXT NOT NULL DEFAULT '',
	entity_id  BIGINT,
	group_id   BIGINT,
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
	nik_hash   BYTEA NOT NULL,
	nik_sealed BYTEA NOT NULL,
	audit_id   BIGINT NOT NULL REFERENCES audit_log (id),
	PRIMARY KEY (nik_hash, audit_id)
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
