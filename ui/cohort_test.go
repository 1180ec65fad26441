package ui

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// cohortRow returns the texts of the cells of the cohort named name.
func cohortRow(t *testing.T, p *page, name string) []string {
	t.Helper()
	for _, th := range p.all("#cohorts tbody th[scope=row]") {
		if textOf(th) == name {
			var cells []string
			for _, td := range findAll(th.Parent, "td") {
				cells = append(cells, textOf(td))
			}
			return cells
		}
	}
	t.Fatalf("no cohort %q listed", name)
	return nil
}

func TestCohortList(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		p := b.get("/angkatan").status(http.StatusOK)
		p.one("#empty")
		p.none(`a[href="/angkatan/baru"]`)

		c := storetest.Cohort(t, db, 2024)
		p = b.get("/angkatan").status(http.StatusOK)
		want := []string{"2024", "Pemula", "10 orang", "Rp20.000.000", "17–55 tahun", "60%", "Tanpa batas", "Ditutup"}
		if got := cohortRow(t, p, c.Name); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("row %q, want %q", got, want)
		}
		p.none(`a[href$="/ubah"]`)
		b.get("/angkatan/baru").status(http.StatusForbidden)
		b.post("/angkatan/baru", url.Values{"year": {"x"}}).status(http.StatusForbidden)
		b.get("/angkatan/" + c.ID.String() + "/ubah").status(http.StatusForbidden)
	})
}

func TestCohortCreate(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleMinistry, "")
		p := b.get("/angkatan/baru").status(http.StatusOK)
		for id, want := range map[string]string{"#f-group_size_min": "10", "#f-aid_amount": "20.000.000", "#f-member_age_max": "55"} {
			if got := attr(p.one(id), "value"); got != want {
				t.Errorf("%s starts as %q, want %q", id, got, want)
			}
		}
		p.one(`details .province-codes`)

		v := url.Values{"year": {"dua ribu"}, "tier": {"pemula"}, "name": {""}, "group_size_min": {"10"},
			"group_size_max": {"10"}, "aid_amount": {"Rp25.000.000"}, "member_age_min": {"17"},
			"member_age_max": {"55"}, "equipment_share_pct": {"60"}, "quotas": {"51=40\nBali\n99=3"}}
		p = b.post("/angkatan/baru", v).status(http.StatusUnprocessableEntity)
		for _, f := range []string{"year", "name", "quotas"} {
			p.hasFieldError(f)
		}
		if got := p.text("#f-quotas-error"); !strings.Contains(got, "Baris 2") || !strings.Contains(got, "99") {
			t.Errorf("quota error %q", got)
		}
		if got := textOf(p.one("#f-quotas")); got != "51=40 Bali 99=3" {
			t.Errorf("quotas not kept: %q", got)
		}

		v.Set("year", "2025")
		v.Set("name", "TKM Pemula 2025")
		v.Set("quotas", "51=40\n\n32 = 60\n")
		p = b.follow(b.post("/angkatan/baru", v).redirectsTo("/angkatan"))
		if got := p.text(".notice"); got != "Angkatan TKM Pemula 2025 telah dibuat." {
			t.Errorf("notice %q", got)
		}
		row := cohortRow(t, p, "TKM Pemula 2025")
		if row[3] != "Rp25.000.000" || row[6] != "100 kelompok di 2 provinsi" {
			t.Errorf("row %q", row)
		}
	})
}

func TestCohortEdit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b := s.as(admin)
		c := tkm.NewCohort()
		c.Year, c.Name, c.Quotas = 2024, "TKM Lanjutan 2024", map[string]int{"51": 5, "11": 2}
		c.Tier = tkm.TierLanjutan
		if err := store.NewCohortService(db).CreateCohort(storetest.As(admin), c); err != nil {
			t.Fatal(err)
		}
		path := "/angkatan/" + c.ID.String() + "/ubah"
		p := b.get("/angkatan").status(http.StatusOK)
		p.one(`a[href="` + path + `"]`)

		p = b.get(path).status(http.StatusOK)
		if got := textOf(p.one("#f-quotas")); got != "11=2 51=5" {
			t.Errorf("quotas %q", got)
		}
		if attr(p.one("#f-tier option[selected]"), "value") != "lanjutan" {
			t.Error("tier not selected")
		}
		v := url.Values{"year": {"2024"}, "tier": {"lanjutan"}, "name": {c.Name}, "group_size_min": {"12"},
			"group_size_max": {"8"}, "aid_amount": {"30000000"}, "member_age_min": {"17"},
			"member_age_max": {"55"}, "equipment_share_pct": {"60"}, "quotas": {""}}
		b.post(path, v).status(http.StatusUnprocessableEntity).hasFieldError("group_size_max")

		v.Set("group_size_max", "15")
		p = b.follow(b.post(path, v).redirectsTo("/angkatan"))
		row := cohortRow(t, p, c.Name)
		if row[1] != "Lanjutan" || row[2] != "12–15 orang" || row[3] != "Rp30.000.000" || row[6] != "Tanpa batas" {
			t.Errorf("row %q", row)
		}
		b.get("/angkatan/999999/ubah").status(http.StatusNotFound)
	})
}
