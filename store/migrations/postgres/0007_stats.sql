-- Counters behind the statistics, kept up to date with each change (see
-- store/stats.go) and proven equal to a recount by its tests: per cohort,
-- regency and stage, the groups, their members by sex and age band, the
-- aid disbursed; per cohort, regency and month, the monitoring outcomes.
CREATE TABLE stat_groups (
	cohort_id     BIGINT NOT NULL,
	regency       TEXT NOT NULL,
	stage         TEXT NOT NULL,
	groups        BIGINT NOT NULL DEFAULT 0,
	members       BIGINT NOT NULL DEFAULT 0,
	female        BIGINT NOT NULL DEFAULT 0,
	age_under_25  BIGINT NOT NULL DEFAULT 0,
	age_25_34     BIGINT NOT NULL DEFAULT 0,
	age_35_44     BIGINT NOT NULL DEFAULT 0,
	age_45_up     BIGINT NOT NULL DEFAULT 0,
	aid_disbursed BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (cohort_id, regency, stage)
);

CREATE TABLE stat_outcomes (
	cohort_id   BIGINT NOT NULL,
	regency     TEXT NOT NULL,
	period      TEXT NOT NULL,
	reports     BIGINT NOT NULL DEFAULT 0,
	new_workers BIGINT NOT NULL DEFAULT 0,
	revenue     BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (cohort_id, regency, period)
);
