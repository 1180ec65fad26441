package store_test

import (
	"context"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestView: the reads of every service inside a View see the database as
// of one moment, whatever commits meanwhile; after it, they see the change.
func TestView(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleAdmin, "")
		c := storetest.Cohort(t, db, 2019)
		groups, cohorts := store.NewGroupService(db), store.NewCohortService(db)
		g := storetest.Group(c.ID, "51.03.05", 10, 1)
		if _, err := groups.CreateGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
		name := func(ctx context.Context) string {
			t.Helper()
			got, err := groups.FindGroupByID(ctx, g.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.Name
		}
		renamed := "Kelompok Berganti Nama"
		err := db.View(ctx, func(ctx context.Context) error {
			before := name(ctx)
			// A change commits while the view is open (a write is never
			// part of it).
			if _, _, err := groups.UpdateGroup(ctx, g.ID, tkm.GroupUpdate{Name: &renamed}); err != nil {
				return err
			}
			if _, err := cohorts.FindCohortByID(ctx, c.ID); err != nil { // another service, the same view
				return err
			}
			if got := name(ctx); got != before {
				t.Errorf("inside the view the group became %q; want %q, as when the view began", got, before)
			}
			// A group read again in the view is a copy of its own, and
			// another user in the same view sees it only in their scope.
			first, err := groups.FindGroupByID(ctx, g.ID)
			if err != nil {
				return err
			}
			first.Name = "Diubah oleh pemanggil"
			if got := name(ctx); got != before {
				t.Errorf("a caller's change to a group it read showed in the next read: %q", got)
			}
			java, _ := storetest.User(t, db, tkm.RoleRegional, "32")
			if _, err := groups.FindGroupByID(tkm.NewContextWithUser(ctx, java), g.ID); tkm.ErrorCode(err) != tkm.ENOTFOUND {
				t.Errorf("a Java officer in the same view read a Bali group: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := name(ctx); got != renamed {
			t.Errorf("after the view: %q, want %q", got, renamed)
		}
	})
}
