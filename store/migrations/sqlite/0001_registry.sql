-- The registry: users and their sessions, cohorts, groups and members.
CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	email         TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	role          TEXT NOT NULL,
	region        TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	disabled      INTEGER NOT NULL DEFAULT 0,
	created_at    TIMESTAMP NOT NULL,
	updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
	id          INTEGER PRIMARY KEY,
	secret_hash BLOB NOT NULL UNIQUE,
	user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL,
	ip          TEXT NOT NULL DEFAULT '',
	user_agent  TEXT NOT NULL DEFAULT '',
	created_at  TIMESTAMP NOT NULL,
	expires_at  TIMESTAMP NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE cohorts (
	id                  INTEGER PRIMARY KEY,
	year                INTEGER NOT NULL,
	tier                TEXT NOT NULL,
	name                TEXT NOT NULL,
	group_size_min      INTEGER NOT NULL,
	group_size_max      INTEGER NOT NULL,
	aid_amount          INTEGER NOT NULL,
	member_age_min      INTEGER NOT NULL,
	member_age_max      INTEGER NOT NULL,
	equipment_share_pct INTEGER NOT NULL,
	quotas              TEXT NOT NULL DEFAULT '{}',
	created_at          TIMESTAMP NOT NULL,
	updated_at          TIMESTAMP NOT NULL
);

CREATE TABLE groups (
	id                INTEGER PRIMARY KEY,
	cohort_id         INTEGER NOT NULL REFERENCES cohorts (id),
	name              TEXT NOT NULL,
	region_code       TEXT NOT NULL,
	province_code     TEXT NOT NULL,
	address           TEXT NOT NULL DEFAULT '',
	sector            TEXT NOT NULL,
	kbli              TEXT NOT NULL DEFAULT '',
	phone             TEXT NOT NULL DEFAULT '',
	stage             TEXT NOT NULL,
	stage_since       TIMESTAMP NOT NULL,
	mentor_id         INTEGER REFERENCES users (id),
	previous_group_id INTEGER REFERENCES groups (id),
	owner_id          INTEGER REFERENCES users (id),
	ref               TEXT NOT NULL DEFAULT '',
	member_count      INTEGER NOT NULL DEFAULT 0,
	created_at        TIMESTAMP NOT NULL,
	updated_at        TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX groups_by_cohort_ref ON groups (cohort_id, ref) WHERE ref <> '';
CREATE INDEX groups_by_cohort ON groups (cohort_id, id);
CREATE INDEX groups_by_province ON groups (province_code, id);
CREATE INDEX groups_by_region ON groups (region_code, id);
CREATE INDEX groups_by_stage ON groups (stage, id);
CREATE INDEX groups_by_mentor ON groups (mentor_id, id);
CREATE INDEX groups_by_owner ON groups (owner_id, id);
CREATE INDEX groups_by_previous ON groups (previous_group_id);

-- A member's NIK is stored sealed (AES-GCM) with a keyed hash for lookups.
CREATE TABLE members (
	id         INTEGER PRIMARY KEY,
	group_id   INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
	nik_hash   BLOB NOT NULL,
	nik_sealed BLOB NOT NULL,
	name       TEXT NOT NULL,
	sex        TEXT NOT NULL,
	birth_date TEXT NOT NULL,
	phone      TEXT NOT NULL DEFAULT '',
	address    TEXT NOT NULL DEFAULT '',
	education  TEXT NOT NULL DEFAULT '',
	employment TEXT NOT NULL,
	role       TEXT NOT NULL,
	disability INTEGER NOT NULL DEFAULT 0,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX members_by_group_nik ON members (group_id, nik_hash);
CREATE INDEX members_by_nik ON members (nik_hash);

-- Settings of this installation, such as the check value of the NIK key.
CREATE TABLE settings (
	name  TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
