package storetest

import (
	"context"
	"iter"
	"testing"

	"tkm"
	"tkm/demo"
	"tkm/store"
)

// LoadDemo loads n groups of deterministic demo data with their stories
// (for 2,400: 800 of 2018 and 1,600 of 2019 across the provinces) as the
// user of ctx, handing each story and its cohort's year to note as it
// goes, so that a test can count every figure from the stories themselves.
func LoadDemo(t testing.TB, db *store.DB, ctx context.Context, n int, note func(s *tkm.GroupStory, year int)) {
	t.Helper()
	gen := demo.New(11, db.Regions)
	cohorts := gen.Cohorts(n)
	stories := func(ids []tkm.ID) iter.Seq[*tkm.GroupStory] {
		years := map[tkm.ID]int{}
		for i, c := range cohorts {
			years[ids[i]] = c.Year
		}
		return func(yield func(*tkm.GroupStory) bool) {
			for s := range gen.Stories(n, ids) {
				note(s, years[s.Group.CohortID])
				if !yield(s) {
					return
				}
			}
		}
	}
	if _, err := db.Load(ctx, cohorts, stories, nil); err != nil {
		t.Fatal(err)
	}
}
