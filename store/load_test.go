package store_test

import (
	"context"
	"database/sql"
	"iter"
	"slices"
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
		var graduate *tkm.GroupStory
		stories := func(ids []tkm.ID) iter.Seq[*tkm.GroupStory] {
			return func(yield func(*tkm.GroupStory) bool) {
				for s := range gen.Stories(120, ids) {
					if graduate == nil && s.Group.Stage == tkm.StageGraduated {
						graduate = s
					}
					if !yield(s) {
						return
					}
				}
			}
		}
		n, err := db.Load(ctx, gen.Cohorts(120), stories, nil)
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
		checkLoadedStory(t, db, ctx, graduate)
		if err := db.CheckCounters(ctx); err != nil {
			t.Fatalf("counters after load: %v", err)
		}
		// The store's own inserts continue after the loaded ids.
		c := storetest.Cohort(t, db, 2024)
		fresh := storetest.Group(c.ID, "51.03.05", 10, 9000)
		if _, err := svc.CreateGroup(ctx, fresh); err != nil || fresh.ID <= page.Items[0].ID {
			t.Fatalf("create after load: id %d, %v", fresh.ID, err)
		}
		tr := &tkm.Training{Kind: tkm.Pembekalan, Title: "Pembekalan", StartsOn: tkm.DateOf(2024, 3, 1),
			EndsOn: tkm.DateOf(2024, 3, 2), Location: "BLK", RegionCode: "51", GroupIDs: []tkm.ID{fresh.ID}}
		if err := store.NewTrainingService(db).CreateTraining(ctx, tr); err != nil || tr.ID <= graduate.Trainings[1].Training.ID {
			t.Fatalf("training after load: id %d, %v", tr.ID, err)
		}
		// A loaded member's NIK is taken.
		taken := storetest.Group(c.ID, "51.03.05", 1, 9100)
		taken.Members[0] = g.Members[3]
		if _, err := svc.CreateGroup(ctx, taken); tkm.ErrorCode(err) != tkm.ECONFLICT && g.Stage.Active() {
			t.Fatalf("loaded NIK not claimed: %v", err)
		}
	})
}

// checkLoadedStory reads a graduate's story back through the services:
// six moves from registered to graduated, two trainings with who came,
// the aid with its items, and the monitoring reports.
func checkLoadedStory(t *testing.T, db *store.DB, ctx context.Context, s *tkm.GroupStory) {
	t.Helper()
	if s == nil {
		t.Fatal("no graduate among the demo groups")
	}
	id := s.Group.ID
	history, err := store.NewWorkflowService(db).History(ctx, id)
	if err != nil || len(history) != 6 || history[0].From != tkm.StageRegistered || history[5].To != tkm.StageGraduated ||
		!history[5].At.Equal(s.Group.StageSince) || history[2].UserName == "" {
		t.Fatalf("history %+v, %v", history, err)
	}
	trainings, err := store.NewTrainingService(db).FindTrainings(ctx, tkm.TrainingFilter{GroupID: id})
	if err != nil || len(trainings) != 2 {
		t.Fatalf("trainings %+v, %v", trainings, err)
	}
	for _, want := range s.Trainings {
		got, err := store.NewTrainingService(db).FindTrainingByID(ctx, want.Training.ID)
		if err != nil || got.Kind != want.Training.Kind || !slices.Contains(got.GroupIDs, id) {
			t.Fatalf("training %+v, %v", got, err)
		}
		came := 0
		for _, m := range want.Members {
			if slices.Contains(got.Attendance, m.ID) {
				came++
			}
		}
		if came != len(want.Members) || came < 8 {
			t.Errorf("%s: %d of the %d who came are recorded", got.Kind, came, len(want.Members))
		}
	}
	aid, err := store.NewAidService(db).FindAid(ctx, id)
	if err != nil || len(aid) != 1 || aid[0].Amount != 20_000_000 || len(aid[0].Items) != 3 || aid[0].HandoverNo != "BAST/"+s.Group.Ref {
		t.Fatalf("aid %+v, %v", aid, err)
	}
	reports, err := store.NewReportService(db).FindReports(ctx, id)
	if err != nil || len(reports) != len(s.Reports) || len(reports) == 0 {
		t.Fatalf("%d reports, want %d: %v", len(reports), len(s.Reports), err)
	}
}

// TestLoadLeavesPlannerStatistics: after a bulk load the planner knows the
// tables' sizes, so it drives a join from the small side.
func TestLoadLeavesPlannerStatistics(t *testing.T) {
	storetest.EnginesRaw(t, func(t *testing.T, db *store.DB, raw *sql.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		gen := demo.New(3, db.Regions)
		stories := func(ids []tkm.ID) iter.Seq[*tkm.GroupStory] { return gen.Stories(30, ids) }
		if _, err := db.Load(ctx, gen.Cohorts(30), stories, nil); err != nil {
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
