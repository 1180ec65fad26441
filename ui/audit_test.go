package ui

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestAuditForbidden: the log is for auditors and administrators only.
func TestAuditForbidden(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		for _, role := range []tkm.Role{tkm.RoleMinistry, tkm.RoleMentor, tkm.RoleGroup} {
			b, _ := s.user(role, "")
			refused(t, b, "/audit", "/audit?group=1", "POST /audit")
			b.get("/kelompok").none(`.header a[href="/audit"]`)
		}
		regional, _ := s.user(tkm.RoleRegional, "51")
		refused(t, regional, "/audit", "POST /audit")
	})
}

// auditRowsOf returns the texts of the cells of the log's rows.
func auditRowsOf(p *page) [][]string {
	var rows [][]string
	for _, tr := range p.all("#audit tbody tr") {
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				cells = append(cells, textOf(c))
			}
		}
		rows = append(rows, cells)
	}
	return rows
}

// TestAuditLog: an auditor reads the log, newest first, each entry with its
// time in WIB, who, the action, the group it concerns and what changed;
// filters narrow it; pages follow by keyset.
func TestAuditLog(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleAuditor, "")
		officer, ou := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 2, 10)
		seedGroup(t, db, admin, c.ID, "51.03.01", 1, 20)
		form := url.Values{"name": {"Kelompok Tenun Baru"}, "province": {"51"}, "region_code": {"51.03.05"}, "sector": {g.Sector}}
		officer.post("/kelompok/"+g.ID.String()+"/ubah", form).redirectsTo("/kelompok/" + g.ID.String())

		p := b.get("/audit").status(http.StatusOK)
		p.one(`.header a[href="/audit"][aria-current=page]`)
		p.one(`form[method=post][action="/audit"] #f-nik`)
		p.one(`#f-user[inputmode=numeric]`) // an auditor may not list users: an ID to type
		p.one(`#f-action option[value="nik.view"]`)
		rows := auditRowsOf(p)
		if len(rows) < 5 {
			t.Fatalf("%d entries, want the users, the cohort, two groups and the change", len(rows))
		}
		newest := rows[0]
		today := tkm.FormatTanggal(time.Now().In(wib))
		if !strings.HasPrefix(newest[0], today+" pukul ") || newest[1] != ou.Email ||
			newest[2] != "Kelompok diubah group.update" || newest[3] != "Kelompok #"+g.ID.String() {
			t.Errorf("newest entry %q", newest)
		}
		if !strings.Contains(newest[4], "name: "+g.Name+" → Kelompok Tenun Baru") {
			t.Errorf("changes %q", newest[4])
		}
		p.one(`#audit tbody tr td a[href="/kelompok/` + g.ID.String() + `"]`)
		userLink := attr(p.one(`#audit tbody tr td a[href^="/audit?user="]`), "href")
		if userLink != "/audit?user="+ou.ID.String() {
			t.Errorf("user link %q", userLink)
		}

		p = b.get(userLink).status(http.StatusOK)
		if rows := auditRowsOf(p); len(rows) != 1 || rows[0][1] != ou.Email {
			t.Errorf("by user: %q", rows)
		}
		if attr(p.one("#f-user"), "value") != ou.ID.String() {
			t.Error("user filter not kept")
		}
		if rows := auditRowsOf(b.get("/audit?group=" + g.ID.String())); len(rows) != 2 {
			t.Errorf("by group: %d entries, want the creation and the change", len(rows))
		}
		p = b.get("/audit?action=group.create").status(http.StatusOK)
		if rows := auditRowsOf(p); len(rows) != 2 || rows[0][2] != "Kelompok didaftarkan group.create" {
			t.Errorf("by action: %q", rows)
		}
		tomorrow := time.Now().In(wib).AddDate(0, 0, 1).Format(time.DateOnly)
		p = b.get("/audit?since=" + tomorrow).status(http.StatusOK)
		p.one("#empty")
		if rows := auditRowsOf(b.get("/audit?until=" + time.Now().In(wib).Format(time.DateOnly))); len(rows) < 5 {
			t.Errorf("until today: %d entries, want today's whole", len(rows))
		}

		p = b.get("/audit?limit=1&action=group.create").status(http.StatusOK)
		next := p.one(`.pagination a[rel=next]`)
		q := mustQuery(t, attr(next, "href"))
		if q.Get("action") != "group.create" || q.Get("limit") != "1" || q.Get("cursor") == "" {
			t.Errorf("next link %q", attr(next, "href"))
		}
		first := auditRowsOf(p)
		p = b.get(attr(next, "href")).status(http.StatusOK)
		rest := auditRowsOf(p)
		if len(first) != 1 || len(rest) != 1 || rest[0][3] == first[0][3] {
			t.Errorf("pages %q then %q, want one group each", first, rest)
		}
		p.none("a[rel=next]")

		p = b.get("/audit?group=abc&since=kemarin&cursor=x").status(http.StatusBadRequest)
		p.hasFieldError("group")
		p.hasFieldError("since")
		p.none("#audit")
		p = b.get("/audit?cursor=garbage").status(http.StatusBadRequest)
		if got := p.text(".error-summary li"); !strings.Contains(got, "Penanda halaman tidak sah") {
			t.Errorf("bad cursor: %q", got)
		}
	})
}

// TestAuditNIK: a person's NIK is searched by a posted form, never by the
// address, and the next page is posted too.
func TestAuditNIK(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleAdmin, "")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 2, 10)
		seedGroup(t, db, admin, c.ID, "51.03.01", 1, 20)
		officer, _ := s.user(tkm.RoleRegional, "51")
		officer.get("/kelompok/" + g.ID.String() + "?nik=lengkap").status(http.StatusOK)
		nik := g.Members[1].NIK

		p := b.get("/audit").status(http.StatusOK)
		p.one(`select#f-user option[value="` + officer.user.ID.String() + `"]`) // an administrator chooses
		p = b.post("/audit", url.Values{"nik": {nik}}).status(http.StatusOK)
		rows := auditRowsOf(p)
		if len(rows) != 2 || !strings.HasPrefix(rows[0][2], "NIK lengkap dilihat") || !strings.HasPrefix(rows[1][2], "Kelompok didaftarkan") {
			t.Errorf("entries about the NIK: %q", rows)
		}
		if attr(p.one("#f-nik"), "value") != nik {
			t.Error("NIK filter not kept")
		}

		p = b.post("/audit", url.Values{"nik": {nik}, "limit": {"1"}}).status(http.StatusOK)
		p.none("a[rel=next]")
		if got := attr(p.one(`form.pagination[method=post][action="/audit"] input[name=nik]`), "value"); got != nik {
			t.Errorf("next page carries NIK %q", got)
		}
		cursor := attr(p.one(`form.pagination input[name=cursor]`), "value")
		p = b.post("/audit", url.Values{"nik": {nik}, "limit": {"1"}, "cursor": {cursor}}).status(http.StatusOK)
		if rows := auditRowsOf(p); len(rows) != 1 || !strings.HasPrefix(rows[0][2], "Kelompok didaftarkan") {
			t.Errorf("second page %q", rows)
		}
		for _, a := range p.all("a[href]") {
			if strings.Contains(attr(a, "href"), nik) {
				t.Errorf("a link holds the NIK: %s", attr(a, "href"))
			}
		}

		p = b.get("/audit?nik=" + nik).status(http.StatusOK) // a NIK in the address is not used
		if attr(p.one("#f-nik"), "value") != "" || len(auditRowsOf(p)) < 4 {
			t.Error("a NIK in the address filtered the log")
		}
		b.post("/audit", url.Values{"nik": {"123"}}).status(http.StatusBadRequest).hasFieldError("nik")
	})
}
