-- The empowerment workflow: each group's moves between stages, trainings
-- and who attended, facility aid with its items, uploaded files, products,
-- accountability reports (LPJ) and monitoring reports.
CREATE TABLE transitions (
	id         INTEGER PRIMARY KEY,
	group_id   INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
	from_stage TEXT NOT NULL,
	to_stage   TEXT NOT NULL,
	at         TIMESTAMP NOT NULL,
	user_id    INTEGER REFERENCES users (id),
	user_name  TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	override   INTEGER NOT NULL DEFAULT 0,
	gates      TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX transitions_by_group ON transitions (group_id, id);

CREATE TABLE trainings (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL,
	title       TEXT NOT NULL,
	starts_on   TEXT NOT NULL,
	ends_on     TEXT NOT NULL,
	location    TEXT NOT NULL,
	region_code TEXT NOT NULL,
	created_by  INTEGER REFERENCES users (id),
	created_at  TIMESTAMP NOT NULL
);
CREATE INDEX trainings_by_start ON trainings (starts_on, id);

CREATE TABLE training_groups (
	training_id INTEGER NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
	group_id    INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
	PRIMARY KEY (training_id, group_id)
);
CREATE INDEX training_groups_by_group ON training_groups (group_id);

CREATE TABLE attendance (
	training_id INTEGER NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
	member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	PRIMARY KEY (training_id, member_id)
);
CREATE INDEX attendance_by_member ON attendance (member_id);

CREATE TABLE aid (
	id           INTEGER PRIMARY KEY,
	group_id     INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
	amount       INTEGER NOT NULL,
	disbursed_on TEXT NOT NULL,
	method       TEXT NOT NULL,
	handover_no  TEXT NOT NULL UNIQUE,
	place        TEXT NOT NULL DEFAULT '',
	created_by   INTEGER REFERENCES users (id),
	created_at   TIMESTAMP NOT NULL
);
CREATE INDEX aid_by_group ON aid (group_id);

CREATE TABLE aid_items (
	aid_id      INTEGER NOT NULL REFERENCES aid (id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	description TEXT NOT NULL,
	category    TEXT NOT NULL,
	qty         INTEGER NOT NULL,
	unit        TEXT NOT NULL,
	unit_price  INTEGER NOT NULL,
	PRIMARY KEY (aid_id, position)
);

-- Uploaded files, kept in the database so that every server sees them.
CREATE TABLE files (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL DEFAULT '',
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	width        INTEGER NOT NULL DEFAULT 0,
	height       INTEGER NOT NULL DEFAULT 0,
	data         BLOB NOT NULL,
	thumb        BLOB,
	created_by   INTEGER REFERENCES users (id),
	created_at   TIMESTAMP NOT NULL
);

CREATE TABLE products (
	id               INTEGER PRIMARY KEY,
	group_id         INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
	name             TEXT NOT NULL,
	description      TEXT NOT NULL DEFAULT '',
	price            INTEGER NOT NULL,
	unit             TEXT NOT NULL,
	monthly_capacity INTEGER NOT NULL DEFAULT 0,
	created_at       TIMESTAMP NOT NULL
);
CREATE INDEX products_by_group ON products (group_id, id);

CREATE TABLE product_photos (
	product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
	file_id    INTEGER NOT NULL REFERENCES files (id),
	PRIMARY KEY (product_id, file_id)
);
CREATE INDEX product_photos_by_file ON product_photos (file_id);

CREATE TABLE lpjs (
	id                INTEGER PRIMARY KEY,
	group_id          INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
	technical_summary TEXT NOT NULL,
	financial_summary TEXT NOT NULL,
	spent_equipment   INTEGER NOT NULL,
	spent_material    INTEGER NOT NULL,
	status            TEXT NOT NULL,
	note              TEXT NOT NULL DEFAULT '',
	reviewer_id       INTEGER REFERENCES users (id),
	submitted_by      INTEGER REFERENCES users (id),
	submitted_at      TIMESTAMP NOT NULL,
	reviewed_at       TIMESTAMP
);
CREATE INDEX lpjs_by_group ON lpjs (group_id, id);

CREATE TABLE lpj_attachments (
	lpj_id  INTEGER NOT NULL REFERENCES lpjs (id) ON DELETE CASCADE,
	file_id INTEGER NOT NULL REFERENCES files (id),
	PRIMARY KEY (lpj_id, file_id)
);
CREATE INDEX lpj_attachments_by_file ON lpj_attachments (file_id);

CREATE TABLE reports (
	id             INTEGER PRIMARY KEY,
	group_id       INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
	period         TEXT NOT NULL,
	revenue        INTEGER NOT NULL,
	production     TEXT NOT NULL DEFAULT '',
	active_members INTEGER NOT NULL,
	new_workers    INTEGER NOT NULL,
	notes          TEXT NOT NULL DEFAULT '',
	created_by     INTEGER REFERENCES users (id),
	created_at     TIMESTAMP NOT NULL,
	UNIQUE (group_id, period)
);

CREATE TABLE report_photos (
	report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	file_id   INTEGER NOT NULL REFERENCES files (id),
	PRIMARY KEY (report_id, file_id)
);
CREATE INDEX report_photos_by_file ON report_photos (file_id);
