package store_test

import (
	"database/sql"
	"iter"
	"testing"

	"tkm"
	"tkm/demo"
	"tkm/store"
	"tkm/store/storetest"
)

func TestLoadDemo(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		gen := demo.New(7, db.Regions)
		groups := func(ids []tkm.ID) iter.Seq[*tkm.Group] { return gen.Groups(120, ids) }
		n, err := db.Load(ctx, gen.Cohorts(120), groups, nil)
		if err != nil || n != 120 {
			t.Fatalf("load: %d groups, %v", n, err)
		}
		if empty, err := db.Empty(ctx); empty || err != nil {
			t.Fatalf("empty after load: %v %v", empty, err)
		}
		svc := store.NewGroupService(db)
		page, err := svc.FindGroups(ctx, tkm.GroupFilter{Limit: 500})
		if err != nil || len(page.Items) != 120 {
			t.Fatalf("listed %d groups: %v", len(page.Items), err)
		}
		g, err := svc.RevealNIKs(ctx, page.Items[0].ID)
		if err != nil || len(g.Members) != 10 || g.MemberCount != 10 {
			t.Fatalf("group %+v: %v", g, err)
		}
		if _, ferr := tkm.ParseNIK(g.Members[0].NIK, db.Regions); ferr != nil {
			t.Errorf("loaded NIK unreadable: %v", ferr)
		}
		// The store's own inserts continue after the loaded ids.
		c := storetest.Cohort(t, db, 2024)
		fresh := storetest.Group(c.ID, "51.03.05", 10, 9000)
		if _, err := svc.CreateGroup(ctx, fresh); err != nil || fresh.ID <= page.Items[0].ID {
			t.Fatalf("create after load: id %d, %v", fresh.ID, err)
		}
		// A loaded member's NIK is taken.
		taken := storetest.Group(c.ID, "51.03.05", 1, 9100)
		taken.Members[0] = g.Members[3]
		if _, err := svc.CreateGroup(ctx, taken); tkm.ErrorCode(err) != tkm.ECONFLICT && g.Stage.Active() {
			t.Fatalf("loaded NIK not claimed: %v", err)
		}
	})
}

// TestLoadLeavesPlannerStatistics: after a bulk load the planner knows the
// tables' sizes, so it drives a join from the small side.
func TestLoadLeavesPlannerStatistics(t *testing.T) {
	storetest.EnginesRaw(t, func(t *testing.T, db *store.DB, raw *sql.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		gen := demo.New(3, db.Regions)
		groups := func(ids []tkm.ID) iter.Seq[*tkm.Group] { return gen.Groups(30, ids) }
		if _, err := db.Load(ctx, gen.Cohorts(30), groups, nil); err != nil {
			t.Fatal(err)
		}
		q := `SELECT COUNT(*) FROM pg_stats WHERE tablename = 'groups' AND schemaname = current_schema()`
		if db.Engine() == "sqlite" {
			q = `SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'groups'`
		}
		var n int
		if err := raw.QueryRow(q).Scan(&n); err != nil || n == 0 {
			t.Fatalf("no planner statistics for groups after a load: %d rows, %v", n, err)
		}
	})
}
