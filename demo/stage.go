package demo

import (
	"time"

	"tkm"
)

// stageShares says where the groups of each cohort stand: the 2018 groups
// have mostly finished; the 2019 groups are on their way.
var stageShares = [2][]weighted[tkm.Stage]{
	{{tkm.StageGraduated, 78}, {tkm.StageInstitutional, 10}, {tkm.StageDropped, 12}},
	{
		{tkm.StageRegistered, 4}, {tkm.StageVerified, 6}, {tkm.StageApproved, 8},
		{tkm.StageTrained, 12}, {tkm.StageAided, 20}, {tkm.StageInstitutional, 22},
		{tkm.StageGraduated, 16}, {tkm.StageRejected, 8}, {tkm.StageDropped, 4},
	},
}

// Timing of the year: groups register between 15 January and 30 April;
// each stage takes about stageDays (plus up to stageJitter) to reach, so a
// graduate gets there by mid December of the same year.
const (
	registerFrom = 15  // day of the year
	registerDays = 106 // to 30 April
	stageDays    = 35
	stageJitter  = 21
)

// schedule sets the stage and times of a group of cohort c, all within the
// cohort year: CreatedAt ≤ StageSince = UpdatedAt. It returns how many moves
// took the group to its stage.
func (r *run) schedule(grp *tkm.Group, c int) int {
	year := cohortYears[c]
	grp.Stage = pick(r, stageShares[c])
	day := registerFrom + r.rng.IntN(registerDays)
	grp.CreatedAt = r.officeHours(year, day)
	grp.StageSince = grp.CreatedAt
	steps := r.steps(grp.Stage)
	if steps > 0 {
		grp.StageSince = r.officeHours(year, day+steps*stageDays+r.rng.IntN(stageJitter))
	}
	grp.UpdatedAt = grp.StageSince
	return steps
}

// steps returns how many stages a group went through to reach s: its place
// on the forward path, or where it left the path for the two exits
// (rejected after registered or verified, dropped from approved to
// institutional).
func (r *run) steps(s tkm.Stage) int {
	switch s {
	case tkm.StageRejected:
		return 1
	case tkm.StageDropped:
		return 3 + r.rng.IntN(3)
	}
	for i, x := range tkm.Stages {
		if x == s {
			return i
		}
	}
	return 0
}

// officeHours returns a time on day of year (1 = 1 January) during office
// hours in Western Indonesia (08:00–16:00 WIB), in UTC.
func (r *run) officeHours(year, day int) time.Time {
	return time.Date(year, time.January, day, 1+r.rng.IntN(8), r.rng.IntN(60), r.rng.IntN(60), 0, time.UTC)
}
