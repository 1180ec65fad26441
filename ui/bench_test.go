package ui

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// The two pages officers open most, served whole (database, view, template)
// from SQLite. Compare runs with
//
//	go test -run '^$' -bench . -benchmem -count 10 ./ui/ > new.txt
//	benchstat old.txt new.txt
//
// and look at a -cpuprofile for where the time goes: a template action
// costs about a microsecond, so count them in the rows of a table.

// BenchmarkGroupPage shows a group of ten members to an officer who may
// change it, with the record of a group past its aid, as the demo data
// holds it: four moves, a training it shares with 24 other groups, its
// aid and three monitoring reports.
func BenchmarkGroupPage(b *testing.B) {
	h, db := benchHandler(b)
	c := storetest.Cohort(b, db, 2024)
	g := benchGroup(b, db, c.ID, 10, 1)
	class := []*tkm.Group{g}
	for i := range 24 {
		class = append(class, benchGroup(b, db, c.ID, 10, 100+10*i))
	}
	officer, _ := storetest.User(b, db, tkm.RoleMinistry, "")
	rc := record{b, db, officer}
	tr := rc.training(tkm.Pembekalan, class...)
	var came []*tkm.Member
	for _, x := range class {
		came = append(came, x.Members...)
	}
	rc.attend(tr, came...)
	rc.aid(g, "BAST/1", 20_000_000)
	for _, period := range []string{"2024-06", "2024-07", "2024-08"} {
		rc.report(g, period)
	}
	for _, to := range []tkm.Stage{tkm.StageVerified, tkm.StageApproved, tkm.StageTrained, tkm.StageAided} {
		if _, err := store.NewWorkflowService(db).Transition(rc.ctx(), g.ID, tkm.TransitionRequest{To: to}); err != nil {
			b.Fatalf("move to %s: %v", to, err)
		}
	}
	u, _ := storetest.User(b, db, tkm.RoleRegional, "51")
	benchGet(b, h, u, "/kelompok/"+g.ID.String())
}

// BenchmarkGroupList shows a page of fifty groups.
func BenchmarkGroupList(b *testing.B) {
	h, db := benchHandler(b)
	c := storetest.Cohort(b, db, 2024)
	for i := range 60 {
		benchGroup(b, db, c.ID, 2, 10*i+1)
	}
	u, _ := storetest.User(b, db, tkm.RoleRegional, "51")
	benchGet(b, h, u, "/kelompok?province=51")
}

// benchHandler is the UI over a new SQLite database.
func benchHandler(b *testing.B) (*Handler, *store.DB) {
	db := storetest.Open(b, storetest.SQLiteDSN(b))
	groups := store.NewGroupService(db)
	h, err := New(withWorkflow(Handler{Auth: store.NewAuthService(db), Users: store.NewUserService(db),
		Cohorts: store.NewCohortService(db), Groups: groups, Members: groups, Regions: db.Regions,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db))
	if err != nil {
		b.Fatal(err)
	}
	return h, db
}

// benchGroup saves a group of n members in Bali.
func benchGroup(b *testing.B, db *store.DB, cohort tkm.ID, n, first int) *tkm.Group {
	g := storetest.Group(cohort, "51.03.05", n, first)
	if _, err := store.NewGroupService(db).CreateGroup(storetest.As(admin), g); err != nil {
		b.Fatal(err)
	}
	return g
}

// benchGet gets path as u, b.N times.
func benchGet(b *testing.B, h http.Handler, u *tkm.User, path string) {
	ctx := storetest.As(u)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil))
		if w.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, w.Code)
		}
	}
}
