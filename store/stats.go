package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"tkm"
)

// The statistics are read from counters (stat_groups, stat_outcomes) that
// every write keeps up to date in its own transaction: a write notes the
// counts of the groups it touches before, and adds the difference after
// (statDelta). Bulk writes recount what they touched. TestStatsEqualRecount
// proves the counters equal a recount.

type statKey struct {
	cohort  tkm.ID
	regency string
	stage   tkm.Stage
}

type statRow struct {
	groups, members, female int64
	bands                   [4]int64 // <25, 25-34, 35-44, 45+
	aid                     int64
}

type outcomeKey struct {
	cohort          tkm.ID
	regency, period string
}

type outcomeRow struct{ reports, workers, revenue int64 }

// statSet is the counts of some groups.
type statSet struct {
	groups   map[statKey]*statRow
	outcomes map[outcomeKey]*outcomeRow
}

func newStatSet() *statSet {
	return &statSet{groups: map[statKey]*statRow{}, outcomes: map[outcomeKey]*outcomeRow{}}
}

func (s *statSet) row(k statKey) *statRow           { return entry(s.groups, k) }
func (s *statSet) outcome(k outcomeKey) *outcomeRow { return entry(s.outcomes, k) }

// entry returns the value of k in m, made if it is missing.
func entry[K comparable, V any](m map[K]*V, k K) *V {
	v := m[k]
	if v == nil {
		v = new(V)
		m[k] = v
	}
	return v
}

// regency is the regency part of a region code: "51.03" of "51.03.05".
const regency = `substr(g.region_code, 1, 5)`

// ageAtCohort is a member's age on 1 January of their cohort's year.
const ageAtCohort = `(c.year - CAST(substr(m.birth_date, 1, 4) AS INTEGER) -
	CASE WHEN substr(m.birth_date, 6, 5) = '01-01' THEN 0 ELSE 1 END)`

// count reads the counts of the groups matching cond (on groups g).
func countStats(ctx context.Context, tx *Tx, cond string, a args) (*statSet, error) {
	s := newStatSet()
	for _, q := range []func(context.Context, *Tx, *statSet, string, args) error{countGroups, countMembers, countAid, countOutcomes} {
		if err := q(ctx, tx, s, cond, a); err != nil {
			return nil, fmt.Errorf("count stats: %w", err)
		}
	}
	return s, nil
}

func countGroups(ctx context.Context, tx *Tx, s *statSet, cond string, a args) error {
	rows, err := tx.QueryContext(ctx, `SELECT g.cohort_id, `+regency+`, g.stage, COUNT(*) FROM groups g WHERE `+cond+`
		GROUP BY g.cohort_id, `+regency+`, g.stage`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k statKey
		var n int64
		if err := rows.Scan(&k.cohort, &k.regency, &k.stage, &n); err != nil {
			return err
		}
		s.row(k).groups += n
	}
	return rows.Err()
}

func countMembers(ctx context.Context, tx *Tx, s *statSet, cond string, a args) error {
	rows, err := tx.QueryContext(ctx, `SELECT g.cohort_id, `+regency+`, g.stage, COUNT(*),
			SUM(CASE WHEN m.sex = 'P' THEN 1 ELSE 0 END),
			SUM(CASE WHEN `+ageAtCohort+` < 25 THEN 1 ELSE 0 END),
			SUM(CASE WHEN `+ageAtCohort+` BETWEEN 25 AND 34 THEN 1 ELSE 0 END),
			SUM(CASE WHEN `+ageAtCohort+` BETWEEN 35 AND 44 THEN 1 ELSE 0 END),
			SUM(CASE WHEN `+ageAtCohort+` >= 45 THEN 1 ELSE 0 END)
		FROM groups g JOIN members m ON m.group_id = g.id JOIN cohorts c ON c.id = g.cohort_id
		WHERE `+cond+` GROUP BY g.cohort_id, `+regency+`, g.stage`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k statKey
		var n, f int64
		var b [4]int64
		if err := rows.Scan(&k.cohort, &k.regency, &k.stage, &n, &f, &b[0], &b[1], &b[2], &b[3]); err != nil {
			return err
		}
		r := s.row(k)
		r.members, r.female = r.members+n, r.female+f
		for i := range b {
			r.bands[i] += b[i]
		}
	}
	return rows.Err()
}

func countAid(ctx context.Context, tx *Tx, s *statSet, cond string, a args) error {
	rows, err := tx.QueryContext(ctx, `SELECT g.cohort_id, `+regency+`, g.stage, SUM(x.amount)
		FROM groups g JOIN aid x ON x.group_id = g.id WHERE `+cond+` GROUP BY g.cohort_id, `+regency+`, g.stage`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k statKey
		var n int64
		if err := rows.Scan(&k.cohort, &k.regency, &k.stage, &n); err != nil {
			return err
		}
		s.row(k).aid += n
	}
	return rows.Err()
}

func countOutcomes(ctx context.Context, tx *Tx, s *statSet, cond string, a args) error {
	rows, err := tx.QueryContext(ctx, `SELECT g.cohort_id, `+regency+`, r.period, COUNT(*), SUM(r.new_workers), SUM(r.revenue)
		FROM groups g JOIN reports r ON r.group_id = g.id WHERE `+cond+` GROUP BY g.cohort_id, `+regency+`, r.period`, a...)
	if err != nil {
		return err
	}
	return scanOutcomes(rows, s)
}

// scanOutcomes reads rows of (cohort, place, period, reports, new workers,
// revenue) into s, and closes them.
func scanOutcomes(rows *sql.Rows, s *statSet) error {
	defer rows.Close()
	for rows.Next() {
		var k outcomeKey
		var o outcomeRow
		if err := rows.Scan(&k.cohort, &k.regency, &k.period, &o.reports, &o.workers, &o.revenue); err != nil {
			return err
		}
		s.outcomes[k] = &o
	}
	return rows.Err()
}

// add writes sign times the counts of s into the counters, in the order of
// their keys: two writers that touch the same counters lock them in the
// same order, so that on PostgreSQL neither waits for the other in a
// circle. A row of zeroes is left alone.
func (s *statSet) add(ctx context.Context, tx *Tx, sign int64) error {
	for _, k := range slices.SortedFunc(maps.Keys(s.groups), compareStatKeys) {
		r := s.groups[k]
		if *r == (statRow{}) {
			continue
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO stat_groups (cohort_id, regency, stage, groups, members, female,
				age_under_25, age_25_34, age_35_44, age_45_up, aid_disbursed)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			ON CONFLICT (cohort_id, regency, stage) DO UPDATE SET groups = stat_groups.groups + excluded.groups,
				members = stat_groups.members + excluded.members, female = stat_groups.female + excluded.female,
				age_under_25 = stat_groups.age_under_25 + excluded.age_under_25, age_25_34 = stat_groups.age_25_34 + excluded.age_25_34,
				age_35_44 = stat_groups.age_35_44 + excluded.age_35_44, age_45_up = stat_groups.age_45_up + excluded.age_45_up,
				aid_disbursed = stat_groups.aid_disbursed + excluded.aid_disbursed`,
			k.cohort, k.regency, k.stage, sign*r.groups, sign*r.members, sign*r.female,
			sign*r.bands[0], sign*r.bands[1], sign*r.bands[2], sign*r.bands[3], sign*r.aid)
		if err != nil {
			return fmt.Errorf("stats: %w", err)
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(s.outcomes), compareOutcomeKeys) {
		o := s.outcomes[k]
		if *o == (outcomeRow{}) {
			continue
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO stat_outcomes (cohort_id, regency, period, reports, new_workers, revenue)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (cohort_id, regency, period) DO UPDATE SET
				reports = stat_outcomes.reports + excluded.reports, new_workers = stat_outcomes.new_workers + excluded.new_workers,
				revenue = stat_outcomes.revenue + excluded.revenue`,
			k.cohort, k.regency, k.period, sign*o.reports, sign*o.workers, sign*o.revenue)
		if err != nil {
			return fmt.Errorf("stats: %w", err)
		}
	}
	return nil
}

func compareStatKeys(a, b statKey) int {
	return cmp.Or(cmp.Compare(a.cohort, b.cohort), strings.Compare(a.regency, b.regency), strings.Compare(string(a.stage), string(b.stage)))
}

func compareOutcomeKeys(a, b outcomeKey) int {
	return cmp.Or(cmp.Compare(a.cohort, b.cohort), strings.Compare(a.regency, b.regency), strings.Compare(a.period, b.period))
}

// minus returns the counts of s less those of o.
func (s *statSet) minus(o *statSet) *statSet {
	d := newStatSet()
	for k, r := range s.groups {
		*d.row(k) = *r
	}
	for k, r := range o.groups {
		*d.row(k) = d.row(k).minus(r)
	}
	for k, r := range s.outcomes {
		*d.outcome(k) = *r
	}
	for k, r := range o.outcomes {
		*d.outcome(k) = d.outcome(k).minus(r)
	}
	return d
}

func (r *statRow) minus(o *statRow) statRow {
	d := *r
	d.groups, d.members, d.female, d.aid = d.groups-o.groups, d.members-o.members, d.female-o.female, d.aid-o.aid
	for i := range d.bands {
		d.bands[i] -= o.bands[i]
	}
	return d
}

func (r *outcomeRow) minus(o *outcomeRow) outcomeRow {
	return outcomeRow{r.reports - o.reports, r.workers - o.workers, r.revenue - o.revenue}
}

// statDelta carries the counts of some groups across a write.
type statDelta struct {
	ids    []tkm.ID
	before *statSet
}

// trackStats notes the counts of the groups a write is about to touch.
func trackStats(ctx context.Context, tx *Tx, ids ...tkm.ID) (*statDelta, error) {
	d := &statDelta{ids: ids}
	cond, a := idsCond(ids)
	var err error
	d.before, err = countStats(ctx, tx, cond, a)
	return d, err
}

// done adds the difference the write made to the counters.
func (d *statDelta) done(ctx context.Context, tx *Tx) error {
	cond, a := idsCond(d.ids)
	after, err := countStats(ctx, tx, cond, a)
	if err != nil {
		return err
	}
	return after.minus(d.before).add(ctx, tx, 1)
}

func idsCond(ids []tkm.ID) (string, args) {
	var a args
	in := ""
	for i, id := range ids {
		if i > 0 {
			in += ", "
		}
		in += a.add(id)
	}
	return "g.id IN (" + in + ")", a
}

// Recount rebuilds every counter from the data: after a bulk load.
func (db *DB) Recount(ctx context.Context) error {
	return db.write(ctx, func(tx *Tx) error {
		for _, t := range []string{"stat_groups", "stat_outcomes"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return err
			}
		}
		return recount(ctx, tx, "TRUE", nil)
	})
}

// CheckCounters compares the counters with a recount, and describes the
// first difference: for tests and for an operator's peace of mind.
func (db *DB) CheckCounters(ctx context.Context) error {
	return db.read(ctx, func(tx *Tx) error {
		want, err := countStats(ctx, tx, "TRUE", nil)
		if err != nil {
			return err
		}
		got := newStatSet()
		if err := readGroupCounters(ctx, tx, got, "regency"); err != nil {
			return err
		}
		if err := readOutcomeCounters(ctx, tx, got, "regency"); err != nil {
			return err
		}
		return sameCounts(got, want)
	})
}

func sameCounts(got, want *statSet) error {
	for k, w := range want.groups {
		if g := got.groups[k]; g == nil || *g != *w {
			return fmt.Errorf("counter %+v is %+v, a recount says %+v", k, g, *w)
		}
	}
	for k, g := range got.groups {
		if want.groups[k] == nil && *g != (statRow{}) {
			return fmt.Errorf("counter %+v is %+v, a recount finds nothing", k, *g)
		}
	}
	for k, w := range want.outcomes {
		if g := got.outcomes[k]; g == nil || *g != *w {
			return fmt.Errorf("outcome counter %+v is %+v, a recount says %+v", k, g, *w)
		}
	}
	return nil
}

// recount rebuilds the counters of the groups matching cond, whose
// counters must hold nothing else: whole cohorts, or everything.
func recount(ctx context.Context, tx *Tx, cond string, a args) error {
	set, err := countStats(ctx, tx, cond, a)
	if err != nil {
		return err
	}
	return set.add(ctx, tx, 1)
}

// sortedPeriods returns a map's periods in order.
func sortedPeriods(m map[string]*tkm.PeriodOutcomes) []tkm.PeriodOutcomes {
	out := make([]tkm.PeriodOutcomes, 0, len(m))
	for _, p := range m {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Period < out[j].Period })
	return out
}

// addStats adds the counts of new groups; subStats takes away the counts
// of groups about to go.
func addStats(ctx context.Context, tx *Tx, ids ...tkm.ID) error { return statsOf(ctx, tx, ids, 1) }
func subStats(ctx context.Context, tx *Tx, ids ...tkm.ID) error { return statsOf(ctx, tx, ids, -1) }

func statsOf(ctx context.Context, tx *Tx, ids []tkm.ID, sign int64) error {
	cond, a := idsCond(ids)
	set, err := countStats(ctx, tx, cond, a)
	if err != nil {
		return err
	}
	return set.add(ctx, tx, sign)
}

// recountCohort rebuilds the counters of one cohort: after an import.
func recountCohort(ctx context.Context, tx *Tx, cohort tkm.ID) error {
	for _, t := range []string{"stat_groups", "stat_outcomes"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE cohort_id = $1`, cohort); err != nil {
			return err
		}
	}
	return recount(ctx, tx, "g.cohort_id = $1", args{cohort})
}

// tracked runs a write that changes a group's counts between trackStats
// and done.
func tracked(ctx context.Context, tx *Tx, id tkm.ID, write func() error) error {
	d, err := trackStats(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := write(); err != nil {
		return err
	}
	return d.done(ctx, tx)
}
