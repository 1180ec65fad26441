package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestConcurrentReports: officers filing monitoring reports at once for
// groups of one regency, each with reports of the same earlier months,
// all succeed and the counters stay right. (The counters of the earlier
// months were once rewritten in a random order by every report, and two
// such writes on PostgreSQL could deadlock.)
func TestConcurrentReports(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2024)
		reports, workflow := store.NewReportService(db), store.NewWorkflowService(db)
		const writers = 4
		var groups []*tkm.Group
		for i := range writers {
			g := storetest.Group(c.ID, "51.03.05", 10, 1+10*i)
			if _, err := store.NewGroupService(db).CreateGroup(ctx, g); err != nil {
				t.Fatal(err)
			}
			if i%2 == 1 { // two stages, so that the groups' own counters differ
				if _, err := workflow.Transition(ctx, g.ID, tkm.TransitionRequest{To: tkm.StageVerified, Override: true, Note: "Uji"}); err != nil {
					t.Fatal(err)
				}
			}
			for m := 1; m <= 6; m++ {
				if err := reports.CreateReport(ctx, g.ID, report(fmt.Sprintf("2024-%02d", m))); err != nil {
					t.Fatal(err)
				}
			}
			groups = append(groups, g)
		}
		var wg sync.WaitGroup
		errs := make(chan error, writers*6)
		for _, g := range groups {
			wg.Go(func() {
				for m := 7; m <= 12; m++ {
					errs <- reports.CreateReport(ctx, g.ID, report(fmt.Sprintf("2024-%02d", m)))
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("a report filed at the same time as others: %v", err)
			}
		}
		if err := db.CheckCounters(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

func report(period string) *tkm.Report {
	return &tkm.Report{Period: period, Revenue: 2_000_000, ActiveMembers: 10, NewWorkers: 1}
}
