-- Expos with their booths and sales; what groups tell the public; cohorts
-- open to online applications.
CREATE TABLE expos (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	venue       TEXT NOT NULL,
	region_code TEXT NOT NULL,
	starts_on   TEXT NOT NULL,
	ends_on     TEXT NOT NULL,
	created_by  INTEGER REFERENCES users (id),
	created_at  TIMESTAMP NOT NULL
);

CREATE TABLE exhibitors (
	expo_id  INTEGER NOT NULL REFERENCES expos (id) ON DELETE CASCADE,
	group_id INTEGER NOT NULL REFERENCES groups (id),
	booth    TEXT NOT NULL,
	PRIMARY KEY (expo_id, group_id),
	UNIQUE (expo_id, booth)
);
CREATE INDEX exhibitors_by_group ON exhibitors (group_id);

CREATE TABLE sales (
	id         INTEGER PRIMARY KEY,
	expo_id    INTEGER NOT NULL REFERENCES expos (id) ON DELETE CASCADE,
	group_id   INTEGER NOT NULL REFERENCES groups (id),
	amount     INTEGER NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	at         TIMESTAMP NOT NULL,
	created_by INTEGER REFERENCES users (id)
);
CREATE INDEX sales_by_expo ON sales (expo_id, group_id);

CREATE TABLE group_profiles (
	group_id     INTEGER PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
	story        TEXT NOT NULL DEFAULT '',
	contact      TEXT NOT NULL DEFAULT '',
	public_names TEXT NOT NULL DEFAULT '',
	updated_at   TIMESTAMP NOT NULL
);

ALTER TABLE cohorts ADD COLUMN applications_open INTEGER NOT NULL DEFAULT 0;

-- The public catalogue lists products of groups with proof of products.
CREATE INDEX groups_public ON groups (stage, province_code, id);
