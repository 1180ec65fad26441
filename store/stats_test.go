package store_test

import (
	"context"
	"reflect"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestStatsEqualRecount changes the registry every way it can change and
// checks after each step that the counters equal a recount.
func TestStatsEqualRecount(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWF(t, db)
		check := func(step string) {
			t.Helper()
			if err := db.CheckCounters(context.Background()); err != nil {
				t.Fatalf("after %s: %v", step, err)
			}
		}
		c := storetest.Cohort(t, db, 2019)
		g := storetest.Group(c.ID, "51.03.05", 10, 1)
		h := storetest.Group(c.ID, "31.71.01", 10, 11)
		for _, x := range []*tkm.Group{g, h} {
			if _, err := w.groups.CreateGroup(w.ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		check("create")
		m := storetest.Member("51.03.05", 300)
		m.Sex = tkm.SexFemale
		m.NIK = storetest.NIK("51.03.05", m.BirthDate, m.Sex, 300)
		must(t, func() error { _, err := w.groups.CreateMember(w.ctx, g.ID, m); return err }())
		check("add a member")
		region := "51.71.01"
		must(t, func() error {
			_, _, err := w.groups.UpdateGroup(w.ctx, g.ID, tkm.GroupUpdate{RegionCode: &region})
			return err
		}())
		check("move a group to another regency")
		must(t, w.groups.DeleteMember(w.ctx, g.ID, m.ID))
		check("remove a member")
		for _, s := range []tkm.Stage{tkm.StageVerified, tkm.StageApproved} {
			w.move(g, s)
		}
		check("transitions")
		w.giveAid(g, "BAST-9", 20_000_000)
		check("aid")
		must(t, w.reports.CreateReport(w.ctx, g.ID, &tkm.Report{Period: "2019-11", Revenue: 1_500_000, ActiveMembers: 10, NewWorkers: 2}))
		check("a report")
		must(t, w.groups.DeleteGroup(w.ctx, h.ID))
		check("delete a group")
		res, _ := runImport(t, db, w.ctx, importFile([]string{"A", "B"}, "52.01.01", 5000), tkm.ImportOptions{CohortID: c.ID})
		if res.GroupsCreated != 2 {
			t.Fatalf("import: %+v", res)
		}
		check("import")
	})
}

// TestStatsFigures loads known demo data (800 groups for 2018 and 1,600
// for 2019 across the provinces), works out every figure from the groups
// themselves, and checks the statistics give exactly those.
func TestStatsFigures(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		want := expectation{stages: map[tkm.Stage]int{}, provinces: map[string]int{}, years: map[int]int{}, bali: map[tkm.Stage]int{}}
		storetest.LoadDemo(t, db, ctx, 2400, want.note)
		st, err := store.NewStatsService(db).Stats(ctx, tkm.StatsFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if st.Groups.Total != 2400 || st.Groups.ByYear[2018] != 800 || st.Groups.ByYear[2019] != 1600 {
			t.Fatalf("groups %d, by year %v", st.Groups.Total, st.Groups.ByYear)
		}
		want.check(t, st)
		_, bali := storetest.User(t, db, tkm.RoleRegional, "51")
		bst, err := store.NewStatsService(db).Stats(bali, tkm.StatsFilter{Year: 2019})
		if err != nil || bst.Groups.Total != want.bali2019 || len(bst.Groups.ByProvince) != 1 {
			t.Fatalf("Bali 2019: %d groups (want %d), provinces %v, %v", bst.Groups.Total, want.bali2019, bst.Groups.ByProvince, err)
		}
		for s, n := range want.bali {
			if bst.Groups.ByStage[s] != n {
				t.Errorf("Bali 2019 at %s: %d, want %d", s, bst.Groups.ByStage[s], n)
			}
		}
		if err := db.CheckCounters(context.Background()); err != nil {
			t.Fatal(err)
		}
		sameAsRecount(t, db, ctx, bali)
	})
}

// sameAsRecount checks that the figures read from the counters are the
// figures counted from the rows, for each filter and scope.
func sameAsRecount(t *testing.T, db *store.DB, ctxs ...context.Context) {
	t.Helper()
	s := store.NewStatsService(db)
	for _, ctx := range ctxs {
		for _, f := range []tkm.StatsFilter{{}, {Year: 2019}, {Province: "51"}, {Year: 2018, Province: "31"}} {
			got, err := s.Stats(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.Recount(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %+v: counters say %+v, a recount %+v", tkm.UserFromContext(ctx).Email, f, got, want)
			}
		}
	}
}

// expectation is every figure, worked out from the generated stories.
type expectation struct {
	stages            map[tkm.Stage]int
	provinces         map[string]int
	years             map[int]int
	members, women    int
	bali              map[tkm.Stage]int
	bali2019          int
	aid, revenue      int64
	reports, newHires int
}

func (e *expectation) note(s *tkm.GroupStory, year int) {
	g := s.Group
	for _, a := range s.Aid {
		e.aid += a.Amount
	}
	for _, r := range s.Reports {
		e.reports++
		e.revenue += r.Revenue
		e.newHires += r.NewWorkers
	}
	e.stages[g.Stage]++
	e.provinces[tkm.ProvinceOf(g.RegionCode)]++
	e.years[year]++
	e.members += len(g.Members)
	for _, m := range g.Members {
		if m.Sex == tkm.SexFemale {
			e.women++
		}
	}
	if year == 2019 && tkm.ProvinceOf(g.RegionCode) == "51" {
		e.bali[g.Stage]++
		e.bali2019++
	}
}

func (e *expectation) check(t *testing.T, st *tkm.Stats) {
	t.Helper()
	for s, n := range e.stages {
		if st.Groups.ByStage[s] != n {
			t.Errorf("stage %s: %d, want %d", s, st.Groups.ByStage[s], n)
		}
	}
	for p, n := range e.provinces {
		if st.Groups.ByProvince[p] != n {
			t.Errorf("province %s: %d, want %d", p, st.Groups.ByProvince[p], n)
		}
	}
	if len(st.Groups.ByProvince) != 38 {
		t.Errorf("%d provinces, want 38", len(st.Groups.ByProvince))
	}
	if st.Members.Total != e.members || st.Members.Female != e.women || st.Members.Male != e.members-e.women {
		t.Errorf("members %+v, want %d of which %d women", st.Members, e.members, e.women)
	}
	if e.aid == 0 || e.reports == 0 || e.newHires == 0 {
		t.Fatalf("the demo stories hold no aid (%d), reports (%d) or new workers (%d)", e.aid, e.reports, e.newHires)
	}
	if st.Aid.Disbursed != e.aid || st.Outcomes.Revenue != e.revenue || st.Outcomes.NewWorkers != e.newHires {
		t.Errorf("aid %d, revenue %d, new workers %d; want %d, %d, %d", st.Aid.Disbursed, st.Outcomes.Revenue,
			st.Outcomes.NewWorkers, e.aid, e.revenue, e.newHires)
	}
	bands := 0
	for _, n := range st.Members.AgeBands {
		bands += n
	}
	if bands != e.members {
		t.Errorf("age bands hold %d members, want %d", bands, e.members)
	}
}

// TestStatsKeptPerVersion: figures are kept per registry version and
// scope, so a request that begins after a change sees it, and a Bali
// officer never gets the ministry's figures.
func TestStatsKeptPerVersion(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ministry := storetest.User(t, db, tkm.RoleMinistry, "")
		_, bali := storetest.User(t, db, tkm.RoleRegional, "51")
		stats, groups := store.NewStatsService(db), store.NewGroupService(db)
		c := storetest.Cohort(t, db, 2019)
		// at is a request of ctx's user that began now.
		at := func(ctx context.Context) context.Context {
			v, err := db.Version(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return tkm.NewContextWithVersion(ctx, v)
		}
		total := func(ctx context.Context) int {
			t.Helper()
			st, err := stats.Stats(ctx, tkm.StatsFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return st.Groups.Total
		}
		for i, district := range []string{"51.03.05", "31.71.01"} {
			if _, err := groups.CreateGroup(ministry, storetest.Group(c.ID, district, 10, 1+10*i)); err != nil {
				t.Fatal(err)
			}
		}
		before := at(ministry)
		for range 2 { // the second time from what was kept
			if n := total(before); n != 2 {
				t.Errorf("the ministry sees %d groups, want 2", n)
			}
			if n := total(at(bali)); n != 1 {
				t.Errorf("the Bali officer sees %d groups, want 1", n)
			}
		}
		if _, err := groups.CreateGroup(ministry, storetest.Group(c.ID, "51.71.01", 10, 21)); err != nil {
			t.Fatal(err)
		}
		if n := total(at(ministry)); n != 3 {
			t.Errorf("after a new group the ministry sees %d groups, want 3", n)
		}
		if n := total(at(bali)); n != 2 {
			t.Errorf("after a new group the Bali officer sees %d groups, want 2", n)
		}
	})
}
