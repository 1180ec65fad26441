package ui

import (
	"net/http"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestGroupPage shows a group with its details and members to an officer
// who may read NIKs and change the group: the NIKs masked, as for everyone,
// with a link to see them in full.
func TestGroupPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 3, 10)
		id := g.ID.String()

		p := b.get("/kelompok/" + id).status(http.StatusOK)
		if p.text("h1") != g.Name || p.text("#stage") != "Terdaftar" {
			t.Errorf("heading %q, stage %q", p.text("h1"), p.text("#stage"))
		}
		details := p.text("#details")
		for _, want := range []string{"Kuta Selatan, Kabupaten Badung, Bali 51.03.05", "TKM Pemula 2024 (2024, Pemula)",
			"(0361) 123456", g.Sector, tkm.FormatTanggal(g.CreatedAt.In(wib))} {
			if !strings.Contains(details, want) {
				t.Errorf("details lack %q: %s", want, details)
			}
		}
		checkMembers(t, p, g.Members, maskedNIK)
		if strings.Contains(p.Body, g.Members[0].NIK) {
			t.Error("a full NIK is on the page before the officer asked for it")
		}
		p.one(`a#reveal-nik[href="/kelompok/` + id + `?nik=lengkap"]`)
		if got := p.text("#mentor"); got != "—" {
			t.Errorf("mentor %q, want none", got)
		}
		p.one(`a[href="/kelompok/` + id + `/ubah"]`)
		p.one(`a[href="/kelompok/` + id + `/hapus"]`)
		p.one(`a[href="/kelompok/` + id + `/anggota/baru"]`)
		p.one(`#members a[href="/kelompok/` + id + `/anggota/` + g.Members[1].ID.String() + `/hapus"]`)
	})
}

// checkMembers checks the members table: one row each, the NIK as want
// gives it, the sex, the birth date with the age, and the role.
func checkMembers(t *testing.T, p *page, ms []*tkm.Member, want func(*tkm.Member) string) {
	t.Helper()
	rows := p.all("#members tbody tr")
	if len(rows) != len(ms) {
		t.Fatalf("%d member rows, want %d", len(rows), len(ms))
	}
	byName := map[string]*tkm.Member{}
	for _, m := range ms {
		byName[m.Name] = m
	}
	for _, row := range rows {
		m := byName[textOf(findAll(row, "th[scope=row]")[0])]
		if m == nil {
			t.Fatalf("unknown member row %q", textOf(row))
		}
		cells := findAll(row, "td")
		birth := tkm.FormatTanggalPendek(m.BirthDate.Time())
		if textOf(cells[0]) != want(m) || textOf(cells[1]) != string(m.Sex) || !strings.HasPrefix(textOf(cells[2]), birth+" (") {
			t.Errorf("member %s: NIK %q, sex %q, birth %q", m.Name, textOf(cells[0]), textOf(cells[1]), textOf(cells[2]))
		}
		if m.Role == tkm.RoleKetua && textOf(cells[3]) != "Ketua" {
			t.Errorf("leader shown as %q", textOf(cells[3]))
		}
	}
}

// maskedNIK is a member's NIK as pages show it by default.
func maskedNIK(m *tkm.Member) string { return tkm.MaskNIK(m.NIK) }

// TestGroupPageMasksNIK: every role sees the NIKs masked by default. A
// mentor may not read them (authz.go), so gets no link to see them, and no
// delete; an auditor may read them, so gets the link, but no edits.
func TestGroupPageMasksNIK(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, mentor := s.user(tkm.RoleMentor, "")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, mentor, c.ID, "51.03.05", 2, 20)

		p := b.get("/kelompok/" + g.ID.String()).status(http.StatusOK)
		checkMembers(t, p, g.Members, maskedNIK)
		if strings.Contains(p.Body, g.Members[0].NIK) {
			t.Error("a full NIK is on the mentor's page")
		}
		p.none("#reveal-nik")
		p.one(`a[href="/kelompok/` + g.ID.String() + `/ubah"]`)
		p.none(`a[href="/kelompok/` + g.ID.String() + `/hapus"]`)
		if got := p.text("#mentor"); got != mentor.Name {
			t.Errorf("the mentor sees mentor %q, want their own name", got)
		}

		auditor, _ := s.user(tkm.RoleAuditor, "")
		p = auditor.get("/kelompok/" + g.ID.String()).status(http.StatusOK)
		checkMembers(t, p, g.Members, maskedNIK)
		if strings.Contains(p.Body, g.Members[0].NIK) {
			t.Error("a full NIK is on the auditor's page before they asked for it")
		}
		p.one("#reveal-nik")
		p.none(`a[href$="/ubah"]`)
		p.none(`a[href="/kelompok/` + g.ID.String() + `/anggota/baru"]`)
		if got := p.text("#mentor"); got == "—" || got == "" {
			t.Errorf("the auditor sees mentor %q, want the mentor's name", got)
		}
	})
}

// TestGroupRevealNIK: an officer who asks sees the full NIKs, is told the
// view is recorded, and the audit log holds it; a mentor and a group leader
// are refused; a group outside the officer's region stays not found.
func TestGroupRevealNIK(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		officer, u := s.user(tkm.RoleRegional, "51")
		c := storetest.OpenCohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 3, 25)
		path := "/kelompok/" + g.ID.String()

		p := officer.get(path + "?nik=lengkap").status(http.StatusOK)
		checkMembers(t, p, g.Members, func(m *tkm.Member) string { return m.NIK })
		if got := p.text("#nik-revealed"); !strings.Contains(got, "log audit") {
			t.Errorf("notice %q does not say the view is recorded", got)
		}
		p.one(`a#hide-nik[href="` + path + `"]`)
		p.none("#reveal-nik")
		if p.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control %q on a page of full NIKs", p.Header.Get("Cache-Control"))
		}
		entries, err := store.NewAuditService(db).FindAuditEntries(storetest.As(admin),
			tkm.AuditFilter{UserID: u.ID, Action: tkm.AuditNIKView, GroupID: g.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries.Items) != 1 {
			t.Fatalf("%d nik.view entries after one reveal, want 1", len(entries.Items))
		}
		checkMembers(t, officer.get(path).status(http.StatusOK), g.Members, maskedNIK)

		mentorB, mentor := s.user(tkm.RoleMentor, "")
		mg := seedGroup(t, db, mentor, c.ID, "51.03.05", 1, 35)
		p = mentorB.get("/kelompok/" + mg.ID.String() + "?nik=lengkap").status(http.StatusForbidden)
		if strings.Contains(p.Body, mg.Members[0].NIK) {
			t.Error("a refused reveal shows a full NIK")
		}
		mentorB.get(path + "?nik=lengkap").status(http.StatusNotFound) // not the mentor's group

		leaderB, leader := s.user(tkm.RoleGroup, "")
		lg := seedGroup(t, db, leader, c.ID, "51.03.05", 1, 45)
		leaderB.get("/kelompok/" + lg.ID.String() + "?nik=lengkap").status(http.StatusForbidden)

		java := seedGroup(t, db, admin, c.ID, "32.73.01", 1, 55)
		officer.get("/kelompok/" + java.ID.String() + "?nik=lengkap").status(http.StatusNotFound)
		all, err := store.NewAuditService(db).FindAuditEntries(storetest.As(admin), tkm.AuditFilter{Action: tkm.AuditNIKView})
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Items) != 1 {
			t.Errorf("%d nik.view entries, want only the officer's one", len(all.Items))
		}
	})
}

// TestGroupNotFound: a missing group, a bad id and a group outside the
// user's region all answer the same 404 page.
func TestGroupNotFound(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "32")
		c := storetest.Cohort(t, db, 2024)
		bali := seedGroup(t, db, admin, c.ID, "51.03.05", 1, 30)
		for _, path := range []string{"/kelompok/999999", "/kelompok/abc", "/kelompok/" + bali.ID.String(),
			"/kelompok/" + bali.ID.String() + "/ubah", "/kelompok/" + bali.ID.String() + "/anggota/1/ubah", "/tidak-ada"} {
			p := b.get(path).status(http.StatusNotFound)
			if got := p.text("h1"); got != "Halaman tidak ditemukan" {
				t.Errorf("%s: heading %q", path, got)
			}
		}
		s.as(nil).get("/tidak-ada").status(http.StatusNotFound)
	})
}

// TestErrorPageRevealsNothing: a server fault is logged, and the page says
// only that something went wrong.
func TestErrorPageRevealsNothing(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	var log strings.Builder
	s.h.Logger = slogTo(&log)
	s.h.Groups = failingGroups{}
	p := s.as(admin).get("/kelompok/1").status(http.StatusInternalServerError)
	if got := p.text("h1"); got != "Maaf, ada masalah pada layanan" {
		t.Errorf("heading %q", got)
	}
	if strings.Contains(p.Body, "SELECT") || !strings.Contains(log.String(), "SELECT secret") {
		t.Errorf("the fault leaked to the page or missed the log: %s", log.String())
	}
}
