-- Failed logins, by account ("email:…") and by address ("ip:…"), for the
-- login rate limit shared by every server on the database.
CREATE TABLE login_failures (
	key TEXT NOT NULL,
	at  TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);
CREATE INDEX login_failures_by_at ON login_failures (at);
