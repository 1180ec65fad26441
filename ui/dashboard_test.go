package ui

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// programme is known demo data loaded for the dashboard: 800 groups of
// 2018 and 1,600 of 2019 across the provinces, with every figure counted
// from the groups themselves.
type programme struct {
	stages    map[tkm.Stage]int
	provinces map[string]int
	years     map[int]int
	bali      int // Bali's groups, every year
	bali2019  map[tkm.Stage]int
	aid       int64 // disbursed
	workers   int   // hired, by the monitoring reports
}

// loadProgramme loads the demo data as the ministry user of ctx.
func loadProgramme(t *testing.T, db *store.DB, ctx context.Context) *programme {
	t.Helper()
	p := &programme{stages: map[tkm.Stage]int{}, provinces: map[string]int{}, years: map[int]int{}, bali2019: map[tkm.Stage]int{}}
	storetest.LoadDemo(t, db, ctx, 2400, p.note)
	return p
}

func (p *programme) note(s *tkm.GroupStory, year int) {
	g := s.Group
	for _, a := range s.Aid {
		p.aid += a.Amount
	}
	for _, r := range s.Reports {
		p.workers += r.NewWorkers
	}
	province := tkm.ProvinceOf(g.RegionCode)
	p.stages[g.Stage]++
	p.provinces[province]++
	p.years[year]++
	if province == "51" {
		p.bali++
		if year == 2019 {
			p.bali2019[g.Stage]++
		}
	}
}

func count(n int) string { return tkm.FormatNumber(int64(n)) }

// TestDashboard: a ministry officer sees every figure of the programme,
// each linking to the list behind it, for the filters chosen.
func TestDashboard(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, u := s.user(tkm.RoleMinistry, "")
		want := loadProgramme(t, db, storetest.As(u))
		b.get("/").redirectsTo("/dasbor")

		p := b.get("/dasbor").status(http.StatusOK)
		if got := p.text("#stat-groups a"); got != "2.400" {
			t.Errorf("groups %q, want 2.400", got)
		}
		for _, s := range tkm.Stages {
			a := p.one(`#funnel tr[data-stage="` + string(s) + `"] td a`)
			if textOf(a) != count(want.stages[s]) || attr(a, "href") != "/kelompok?stage="+string(s) {
				t.Errorf("stage %s: %q → %q, want %d", s, textOf(a), attr(a, "href"), want.stages[s])
			}
		}
		reached := p.text(`#funnel tr[data-stage="registered"] td.funnel__reached`)
		if reached != count(2400-want.stages[tkm.StageRejected]) {
			t.Errorf("reached registered %q", reached)
		}
		checkTile(t, p, "51", want.provinces["51"], "/kelompok?province=51")
		checkTile(t, p, "31", want.provinces["31"], "/kelompok?province=31")
		if n := len(p.all("#map a.tile")); n != 38 {
			t.Errorf("%d tiles, want 38", n)
		}
		for y, n := range map[string]string{"2018": "800", "2019": "1.600"} {
			a := p.one(`#years tr[data-key="` + y + `"] td a`)
			if textOf(a) != n || attr(a, "href") != "/kelompok?year="+y {
				t.Errorf("year %s: %q → %q", y, textOf(a), attr(a, "href"))
			}
		}
		if got := p.text("#stat-workers a"); got != count(want.workers) || want.workers == 0 {
			t.Fatalf("new workers %q, want %d", got, want.workers)
		}
		if got := p.text("#stat-cost a"); got != tkm.FormatRupiah(want.aid/int64(want.workers)) {
			t.Errorf("aid per new worker %q, want %s", got, tkm.FormatRupiah(want.aid/int64(want.workers)))
		}
		p.one(`#downloads a[href="/dasbor/statistik.pdf"]`)

		f := b.get("/dasbor?year=2019&province=51").status(http.StatusOK)
		if got, n := f.text("#stat-groups a"), sum(want.bali2019); got != count(n) {
			t.Errorf("Bali 2019: %q groups, want %d", got, n)
		}
		a := f.one(`#funnel tr[data-stage="registered"] td a`)
		if attr(a, "href") != "/kelompok?province=51&stage=registered&year=2019" {
			t.Errorf("filtered stage link %q", attr(a, "href"))
		}
		checkTile(t, f, "51", sum(want.bali2019), "/kelompok?province=51&year=2019")
		f.one(`#map a.tile--selected[data-province="51"]`)

		b.get("/dasbor?year=abc").status(http.StatusBadRequest).hasFieldError("year")

		checkStatsPDF(t, b, want)
		checkStatsXLSX(t, b, want)
		checkStatsAudited(t, db)
	})
}

func sum(m map[tkm.Stage]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// checkTile checks a province's tile on the map: its count and its link.
func checkTile(t *testing.T, p *page, code string, n int, href string) {
	t.Helper()
	a := p.one(`#map a[data-province="` + code + `"]`)
	if got := textOf(p.one(`#map a[data-province="` + code + `"] .tile__count`)); got != count(n) {
		t.Errorf("tile %s: %q, want %d", code, got, n)
	}
	if attr(a, "href") != href || !strings.Contains(attr(a, "aria-label"), count(n)+" kelompok") {
		t.Errorf("tile %s: href %q, label %q", code, attr(a, "href"), attr(a, "aria-label"))
	}
}

// TestDashboardScope: a Bali officer sees Bali's figures alone, a group's
// leader no dashboard.
func TestDashboardScope(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		_, u := s.user(tkm.RoleMinistry, "")
		want := loadProgramme(t, db, storetest.As(u))
		b, _ := s.user(tkm.RoleRegional, "51")
		b.get("/").redirectsTo("/dasbor")
		p := b.get("/dasbor").status(http.StatusOK)
		if got := p.text("#stat-groups a"); got != count(want.bali) {
			t.Errorf("Bali officer sees %q groups, want %d", got, want.bali)
		}
		checkTile(t, p, "51", want.bali, "/kelompok?province=51")
		checkTile(t, p, "32", 0, "/kelompok?province=32")
		if rows := p.all("#provinces tbody tr"); len(rows) != 1 {
			t.Errorf("%d provinces in the table, want Bali alone", len(rows))
		}
		// The province to choose is Bali alone, on the dashboard, the group
		// list and the new group form; the ministry chooses among all 38.
		for _, path := range []string{"/dasbor", "/kelompok", "/kelompok/baru"} {
			if got := provinceChoices(b.get(path).status(http.StatusOK)); !slices.Equal(got, []string{"51"}) {
				t.Errorf("%s: the Bali officer may choose the provinces %q, want Bali alone", path, got)
			}
		}
		ministry, _ := s.user(tkm.RoleMinistry, "")
		if got := provinceChoices(ministry.get("/dasbor").status(http.StatusOK)); len(got) != 38 {
			t.Errorf("the ministry may choose %d provinces, want 38", len(got))
		}
		leader, _ := s.user(tkm.RoleGroup, "")
		leader.get("/").redirectsTo("/kelompok")
		leader.get("/kelompok").none(`a[href="/dasbor"]`)
	})
}

// TestGroupListYear: the group list filters by cohort year.
func TestGroupListYear(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleMinistry, "")
		c18, c19 := storetest.Cohort(t, db, 2018), storetest.Cohort(t, db, 2019)
		g18 := seedGroup(t, db, admin, c18.ID, "51.03.05", 2, 100)
		seedGroup(t, db, admin, c19.ID, "51.03.05", 2, 200)
		p := b.get("/kelompok?year=2018").status(http.StatusOK)
		if got := rowNames(p); len(got) != 1 || got[0] != g18.Name {
			t.Errorf("2018: %q, want %s", got, g18.Name)
		}
		p.one(`#f-year option[value="2018"][selected]`)
		p.one(`#downloads a[href="/ekspor/kelompok.xlsx?year=2018"]`)
	})
}

// provinceChoices are the provinces a page's province select offers.
func provinceChoices(p *page) []string {
	var codes []string
	for _, o := range p.all(`select[name="province"] option`) {
		if v := attr(o, "value"); v != "" {
			codes = append(codes, v)
		}
	}
	return codes
}
