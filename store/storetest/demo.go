package storetest

import (
	"context"
	"iter"
	"testing"

	"tkm"
	"tkm/demo"
	"tkm/store"
)

// LoadDemo loads n groups of deterministic demo data (for 2,400: 800 of
// 2018 and 1,600 of 2019 across the provinces) as the user of ctx,
// handing each group and its cohort's year to note as it goes, so that a
// test can count every figure from the groups themselves.
func LoadDemo(t testing.TB, db *store.DB, ctx context.Context, n int, note func(g *tkm.Group, year int)) {
	t.Helper()
	gen := demo.New(11, db.Regions)
	cohorts := gen.Cohorts(n)
	groups := func(ids []tkm.ID) iter.Seq[*tkm.Group] {
		years := map[tkm.ID]int{}
		for i, c := range cohorts {
			years[ids[i]] = c.Year
		}
		return func(yield func(*tkm.Group) bool) {
			for g := range gen.Groups(n, ids) {
				note(g, years[g.CohortID])
				if !yield(g) {
					return
				}
			}
		}
	}
	if _, err := db.Load(ctx, cohorts, groups, nil); err != nil {
		t.Fatal(err)
	}
}
