-- The registry's version: one number that every committed change to what
-- the registry shows moves on (bookkeeping aside: sessions, the audit
-- trail, import jobs; see store/db.go). A reader that reads it before the
-- data may keep what it read under it: the API's group list does.
CREATE TABLE registry_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  BIGINT NOT NULL
);
INSERT INTO registry_version (id, n) VALUES (1, 0);
