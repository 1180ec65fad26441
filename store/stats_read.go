package store

import (
	"context"
	"fmt"
	"strings"

	"tkm"
	"tkm/cache"
)

// StatsService gives the statistics of the caller's scope.
type StatsService struct {
	db *DB
	// kept are figures already given, per registry version: officers land
	// on the dashboard, so the morning's first logins all ask for their
	// province's figures at once.
	kept *cache.Versioned[*tkm.Stats]
}

// NewStatsService returns the statistics service of db.
func NewStatsService(db *DB) *StatsService {
	return &StatsService{db: db, kept: &cache.Versioned[*tkm.Stats]{MaxEntries: 1024, MaxSize: 1024}}
}

var _ tkm.StatsService = (*StatsService)(nil)

type cohortInfo struct {
	year int
	aid  int64
}

// Stats gives the figures. National and regional scopes read the counters
// (a regional scope is whole regencies); a mentor's or a leader's few
// groups are counted on the spot. A request that knows the registry's
// version (tkm.VersionFromContext) may get figures another request of the
// same scope was given at that version: the same value, not to be changed.
func (s *StatsService) Stats(ctx context.Context, f tkm.StatsFilter) (*tkm.Stats, error) {
	version, ok := tkm.VersionFromContext(ctx)
	if !ok {
		return s.figures(ctx, f, s.counts)
	}
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%+v %+v", tkm.ScopeOf(tkm.UserFromContext(ctx)), f)
	if st, ok := s.kept.Get(version, key); ok {
		return st, nil
	}
	st, err := s.figures(ctx, f, s.counts)
	if err == nil {
		s.kept.Put(version, key, st, 1)
	}
	return st, err
}

// Recount gives the same figures counted from the groups, members, aid and
// reports themselves, ignoring the counters: what the counters save, and
// the yardstick they are measured against.
func (s *StatsService) Recount(ctx context.Context, f tkm.StatsFilter) (*tkm.Stats, error) {
	return s.figures(ctx, f, func(ctx context.Context, tx *Tx, scope tkm.Scope) (*statSet, error) {
		var a args
		return countStats(ctx, tx, scopeCondition(scope, &a), a)
	})
}

type counter func(context.Context, *Tx, tkm.Scope) (*statSet, error)

func (s *StatsService) figures(ctx context.Context, f tkm.StatsFilter, count counter) (*tkm.Stats, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	scope := tkm.ScopeOf(tkm.UserFromContext(ctx))
	st := emptyStats()
	err := s.db.read(ctx, func(tx *Tx) error {
		cohorts, err := cohortInfos(ctx, tx)
		if err != nil {
			return err
		}
		set, err := count(ctx, tx, scope)
		if err != nil {
			return err
		}
		sumCounts(st, set, cohorts, f, scope)
		return exhibitorsByProvince(ctx, tx, st, scope, f)
	})
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

func emptyStats() *tkm.Stats {
	return &tkm.Stats{
		Groups:   tkm.GroupStats{ByStage: map[tkm.Stage]int{}, ByProvince: map[string]int{}, ByYear: map[int]int{}},
		Members:  tkm.MemberStats{AgeBands: map[string]int{"<25": 0, "25-34": 0, "35-44": 0, "45+": 0}},
		Outcomes: tkm.OutcomeStats{ByPeriod: []tkm.PeriodOutcomes{}},
		Expos:    tkm.ExpoStats{ExhibitorsByProvince: map[string]int{}},
	}
}

func cohortInfos(ctx context.Context, tx *Tx) (map[tkm.ID]cohortInfo, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, year, aid_amount FROM cohorts`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[tkm.ID]cohortInfo{}
	for rows.Next() {
		var id tkm.ID
		var c cohortInfo
		if err := rows.Scan(&id, &c.year, &c.aid); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// counts reads the counters, or counts a small scope on the spot.
func (s *StatsService) counts(ctx context.Context, tx *Tx, scope tkm.Scope) (*statSet, error) {
	if !scope.All && scope.Region == "" {
		var a args
		return countStats(ctx, tx, scopeCondition(scope, &a), a)
	}
	// A national scope needs no finer place than the province: adding the
	// counters up by province in SQL leaves an eighth of the rows to read.
	place := "regency"
	if scope.All {
		place = "substr(regency, 1, 2)"
	}
	set := newStatSet()
	if err := readGroupCounters(ctx, tx, set, place); err != nil {
		return nil, err
	}
	return set, readOutcomeCounters(ctx, tx, set, place)
}

// readGroupCounters reads the group counters added up by cohort, place
// (the regency, or an expression of it) and stage.
func readGroupCounters(ctx context.Context, tx *Tx, set *statSet, place string) error {
	rows, err := tx.QueryContext(ctx, `SELECT cohort_id, `+place+`, stage, `+sums("groups", "members", "female",
		"age_under_25", "age_25_34", "age_35_44", "age_45_up", "aid_disbursed")+`
		FROM stat_groups WHERE groups <> 0 GROUP BY cohort_id, `+place+`, stage`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k statKey
		var r statRow
		if err := rows.Scan(&k.cohort, &k.regency, &k.stage, &r.groups, &r.members, &r.female,
			&r.bands[0], &r.bands[1], &r.bands[2], &r.bands[3], &r.aid); err != nil {
			return err
		}
		set.groups[k] = &r
	}
	return rows.Err()
}

func readOutcomeCounters(ctx context.Context, tx *Tx, set *statSet, place string) error {
	rows, err := tx.QueryContext(ctx, `SELECT cohort_id, `+place+`, period, `+sums("reports", "new_workers", "revenue")+`
		FROM stat_outcomes WHERE reports <> 0 GROUP BY cohort_id, `+place+`, period`)
	if err != nil {
		return err
	}
	return scanOutcomes(rows, set)
}

// sums adds up each column, as a BIGINT on both engines.
func sums(cols ...string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = "CAST(SUM(" + c + ") AS BIGINT)"
	}
	return strings.Join(out, ", ")
}

// budgeted are the stages whose groups the aid budget counts.
var budgeted = map[tkm.Stage]bool{tkm.StageApproved: true, tkm.StageTrained: true, tkm.StageAided: true,
	tkm.StageInstitutional: true, tkm.StageGraduated: true}

// keep reports whether a counter belongs in the figures asked for.
func keep(cohort tkm.ID, reg string, c cohortInfo, f tkm.StatsFilter, scope tkm.Scope) bool {
	return (f.Year == 0 || c.year == f.Year) && (f.CohortID == 0 || cohort == f.CohortID) &&
		(f.Province == "" || tkm.ProvinceOf(reg) == f.Province) && tkm.WithinRegion(reg, scope.Region)
}

// sumCounts adds up the counters that match the filter.
func sumCounts(st *tkm.Stats, set *statSet, cohorts map[tkm.ID]cohortInfo, f tkm.StatsFilter, scope tkm.Scope) {
	for k, r := range set.groups {
		c := cohorts[k.cohort]
		if !keep(k.cohort, k.regency, c, f, scope) || r.groups == 0 {
			continue
		}
		n := int(r.groups)
		st.Groups.Total += n
		st.Groups.ByStage[k.stage] += n
		st.Groups.ByProvince[tkm.ProvinceOf(k.regency)] += n
		st.Groups.ByYear[c.year] += n
		st.Members.Total += int(r.members)
		st.Members.Female += int(r.female)
		st.Members.Male += int(r.members - r.female)
		for i, b := range tkm.AgeBands {
			st.Members.AgeBands[b] += int(r.bands[i])
		}
		st.Aid.Disbursed += r.aid
		if budgeted[k.stage] {
			st.Aid.Budget += r.groups * c.aid
		}
	}
	periods := map[string]*tkm.PeriodOutcomes{}
	for k, o := range set.outcomes {
		if !keep(k.cohort, k.regency, cohorts[k.cohort], f, scope) {
			continue
		}
		p := periods[k.period]
		if p == nil {
			p = &tkm.PeriodOutcomes{Period: k.period}
			periods[k.period] = p
		}
		p.NewWorkers += int(o.workers)
		p.Revenue += o.revenue
		st.Outcomes.NewWorkers += int(o.workers)
		st.Outcomes.Revenue += o.revenue
	}
	st.Outcomes.ByPeriod = sortedPeriods(periods)
}

// exhibitorsByProvince counts the groups that exhibited, by province.
func exhibitorsByProvince(ctx context.Context, tx *Tx, st *tkm.Stats, scope tkm.Scope, f tkm.StatsFilter) error {
	var a args
	conds := []string{scopeCondition(scope, &a)}
	if f.CohortID != 0 {
		conds = append(conds, "g.cohort_id = "+a.add(f.CohortID))
	}
	if f.Year != 0 {
		conds = append(conds, cohortYear(f.Year, &a))
	}
	if f.Province != "" {
		conds = append(conds, "g.province_code = "+a.add(f.Province))
	}
	// Exhibitors are few and groups many: CROSS JOIN keeps SQLite's planner
	// from scanning every group (PostgreSQL plans it the same either way).
	conds = append(conds, "g.id = x.group_id")
	rows, err := tx.QueryContext(ctx, `SELECT g.province_code, COUNT(DISTINCT g.id) FROM exhibitors x CROSS JOIN groups g
		WHERE `+where(conds)+` GROUP BY g.province_code`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p string
		var n int
		if err := rows.Scan(&p, &n); err != nil {
			return err
		}
		st.Expos.ExhibitorsByProvince[p] = n
	}
	return rows.Err()
}

// ExportStats gives the figures for a download and records the export.
func (s *StatsService) ExportStats(ctx context.Context, f tkm.StatsFilter, file string) (*tkm.Stats, error) {
	st, err := s.Stats(ctx, f)
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("%s; saring: tahun=%d angkatan=%s provinsi=%s", file, f.Year, f.CohortID, f.Province)
	if err := s.db.auditAlone(ctx, &tkm.AuditEntry{Action: tkm.AuditExport, Entity: "stats", Note: note}); err != nil {
		return nil, fmt.Errorf("stats export: %w", err)
	}
	return st, nil
}
