package ui

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// admin stands for the system when tests make data.
var admin = &tkm.User{ID: 1, Name: "Admin", Role: tkm.RoleAdmin}

// seedGroup saves a group of n members in district, their NIK serials
// counting from first. The group comes back as saved, but with the full
// NIKs the test made rather than the masked ones the service gives back,
// so that tests can type them and look for them.
func seedGroup(t *testing.T, db *store.DB, as *tkm.User, cohort tkm.ID, district string, n, first int) *tkm.Group {
	t.Helper()
	g := storetest.Group(cohort, district, n, first)
	niks := make([]string, len(g.Members))
	for i, m := range g.Members {
		niks[i] = m.NIK
	}
	if _, err := store.NewGroupService(db).CreateGroup(storetest.As(as), g); err != nil {
		t.Fatalf("create group: %v", err)
	}
	for i, m := range g.Members {
		m.NIK = niks[i]
	}
	return g
}

// rowNames lists the group names of a list page.
func rowNames(p *page) []string {
	var names []string
	for _, a := range p.all("#groups tbody th[scope=row] a") {
		names = append(names, textOf(a))
	}
	return names
}

func TestGroupList(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		empty := b.get("/kelompok").status(http.StatusOK)
		if got := empty.text("#empty h2"); got != "Belum ada kelompok" {
			t.Errorf("empty state %q", got)
		}
		empty.none("#groups")

		c := storetest.Cohort(t, db, 2024)
		g1 := seedGroup(t, db, admin, c.ID, "51.03.05", 2, 100)
		g2 := seedGroup(t, db, admin, c.ID, "51.71.01", 2, 200)
		g3 := seedGroup(t, db, admin, c.ID, "51.03.01", 3, 300)
		seedGroup(t, db, admin, c.ID, "32.73.01", 2, 400) // West Java: outside the officer's scope

		p := b.get("/kelompok?limit=2").status(http.StatusOK)
		if got := rowNames(p); strings.Join(got, "|") != g3.Name+"|"+g2.Name {
			t.Fatalf("first page %q, want the two newest in scope", got)
		}
		checkGroupRow(t, p, g3, c)

		next := p.one(`.pagination a[rel=next]`)
		if got := textOf(next); got != "Berikutnya →" {
			t.Errorf("next link %q", got)
		}
		q := mustQuery(t, attr(next, "href"))
		if q.Get("limit") != "2" || q.Get("cursor") == "" {
			t.Errorf("next link %q lost the page size or the cursor", attr(next, "href"))
		}
		p = b.get(attr(next, "href")).status(http.StatusOK)
		if got := rowNames(p); len(got) != 1 || got[0] != g1.Name {
			t.Errorf("second page %q, want %s", got, g1.Name)
		}
		p.none("a[rel=next]")
	})
}

// checkGroupRow checks the table row of g: each cell labelled for the
// stacked phone layout.
func checkGroupRow(t *testing.T, p *page, g *tkm.Group, c *tkm.Cohort) {
	t.Helper()
	link := p.one(`#groups tbody th a[href="/kelompok/` + g.ID.String() + `"]`)
	row := link.Parent.Parent
	var cells []*html.Node
	for _, td := range findAll(row, "td") {
		if !hasWord(attr(td, "class"), "select-cell") { // the bulk move's tick box
			cells = append(cells, td)
		}
	}
	if len(cells) != 5 {
		t.Fatalf("%d cells, want 5", len(cells))
	}
	for _, want := range []string{"Kuta, Kabupaten Badung, Bali 51.03.01", c.Name, "Terdaftar", "3"} {
		found := false
		for _, td := range cells {
			found = found || textOf(td) == want
		}
		if !found {
			t.Errorf("row lacks %q", want)
		}
	}
	for _, n := range append(cells, link.Parent) {
		if attr(n, "data-label") == "" {
			t.Errorf("cell %q has no data-label", textOf(n))
		}
	}
}

func mustQuery(t *testing.T, href string) url.Values {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// TestGroupListFilters: the filters narrow the list, stay filled in, ride
// along on the next page, and a bad one is an error on the page, not a 500.
func TestGroupListFilters(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b := s.as(admin)
		c := storetest.Cohort(t, db, 2024)
		bali := seedGroup(t, db, admin, c.ID, "51.03.05", 2, 100)
		seedGroup(t, db, admin, c.ID, "51.03.01", 2, 200)
		java := seedGroup(t, db, admin, c.ID, "32.73.01", 2, 300)

		p := b.get("/kelompok?province=32").status(http.StatusOK)
		if got := rowNames(p); len(got) != 1 || got[0] != java.Name {
			t.Errorf("province 32: %q", got)
		}
		if got := attr(p.one("#f-province option[selected]"), "value"); got != "32" {
			t.Errorf("province filter shows %q", got)
		}

		p = b.get("/kelompok?limit=1&province=51&cohort=" + c.ID.String() + "&stage=registered")
		q := mustQuery(t, attr(p.one("a[rel=next]"), "href"))
		if q.Get("province") != "51" || q.Get("cohort") != c.ID.String() || q.Get("stage") != "registered" {
			t.Errorf("next link dropped filters: %v", q)
		}

		p = b.get("/kelompok?q=" + url.QueryEscape(bali.Name))
		if got := rowNames(p); len(got) != 1 || got[0] != bali.Name {
			t.Errorf("search by name: %q", got)
		}
		if attr(p.one("#f-q"), "value") != bali.Name {
			t.Error("search words not kept")
		}
		if got := rowNames(b.get("/kelompok?q=" + bali.Members[1].NIK)); len(got) != 1 || got[0] != bali.Name {
			t.Errorf("search by NIK: %q", got)
		}

		p = b.get("/kelompok?stage=verified").status(http.StatusOK)
		if got := p.text("#empty h2"); got != "Tidak ada kelompok yang cocok" {
			t.Errorf("filtered empty state %q", got)
		}

		p = b.get("/kelompok?stage=bogus&province=99&cohort=x").status(http.StatusBadRequest)
		p.hasFieldError("stage")
		p.hasFieldError("province")
		p.hasFieldError("cohort")
		p.none("#groups")

		p = b.get("/kelompok?cursor=garbage").status(http.StatusBadRequest)
		if got := p.text(".error-summary li"); !strings.Contains(got, "Penanda halaman tidak sah") {
			t.Errorf("bad cursor: %q", got)
		}
	})
}
