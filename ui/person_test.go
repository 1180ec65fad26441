package ui

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestPersonForbidden: only the roles that answer a person's request may.
func TestPersonForbidden(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		for _, role := range []tkm.Role{tkm.RoleMentor, tkm.RoleGroup} {
			b, _ := s.user(role, "")
			refused(t, b, "/data-pribadi", "POST /data-pribadi")
		}
		regional, _ := s.user(tkm.RoleRegional, "51")
		refused(t, regional, "/data-pribadi", "POST /data-pribadi")
		regional.get("/kelompok").none(`.header a[href="/data-pribadi"]`)
	})
}

// TestPersonReport: the NIK is posted, checked, and answered with a file
// of everything about the person; the request itself is in the log.
func TestPersonReport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 2, 10)
		nik := g.Members[1].NIK
		for _, role := range []tkm.Role{tkm.RoleMinistry, tkm.RoleAuditor, tkm.RoleAdmin} {
			b, u := s.user(role, "")
			p := b.get("/data-pribadi").status(http.StatusOK)
			if got := p.text("main"); !strings.Contains(got, "27 Tahun 2022") || !strings.Contains(got, "tercatat di log audit") {
				t.Errorf("%s: the page does not explain the right and the record: %s", role, got)
			}
			p.one(`form[method=post][action="/data-pribadi"] #f-nik[inputmode=numeric]`)

			p = b.post("/data-pribadi", url.Values{"nik": {"51030512"}}).status(http.StatusUnprocessableEntity)
			p.hasFieldError("nik")
			if attr(p.one("#f-nik"), "value") != "51030512" {
				t.Error("NIK not kept")
			}

			p = b.post("/data-pribadi", url.Values{"nik": {" " + nik + " "}}).status(http.StatusOK)
			if got := p.Header.Get("Content-Disposition"); !strings.HasPrefix(got, `attachment; filename="data-pribadi-`) {
				t.Errorf("Content-Disposition %q", got)
			}
			if p.Header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(p.Header.Get("Content-Type"), "application/json") {
				t.Errorf("headers %v", p.Header)
			}
			var report tkm.PersonReport
			if err := json.Unmarshal([]byte(p.Body), &report); err != nil {
				t.Fatal(err)
			}
			if report.NIK != nik || len(report.Records) != 1 || report.Records[0].Group.ID != g.ID || report.GeneratedBy != u.Email {
				t.Errorf("report %+v", report)
			}
			entries, err := store.NewAuditService(db).FindAuditEntries(storetest.As(admin),
				tkm.AuditFilter{UserID: u.ID, Action: tkm.AuditPersonReport, NIK: nik})
			if err != nil || len(entries.Items) != 1 {
				t.Errorf("%s: %d person.report entries, %v", role, len(entries.Items), err)
			}
		}
	})
}
