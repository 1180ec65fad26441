package ui

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestLPJ: a group's LPJ is submitted, its evidence attached, and an
// officer returns it with a note or accepts it; an accepted LPJ is closed.
func TestLPJ(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		mentor, mu := s.user(tkm.RoleMentor, "")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, mu, c.ID, "51.03.05", 10, 10)
		base := "/kelompok/" + g.ID.String()

		p := mentor.post(base+"/lpj/baru", url.Values{"technical_summary": {" "}, "spent_equipment": {"banyak"}}).
			status(http.StatusUnprocessableEntity)
		p.hasFieldError("technical_summary")
		p.hasFieldError("financial_summary")
		p.hasFieldError("spent_equipment")

		resp := mentor.post(base+"/lpj/baru", url.Values{"technical_summary": {"Mesin jahit dibeli.\nDipakai setiap hari."},
			"financial_summary": {"Rp20.000.000 terpakai."}, "spent_equipment": {"15.000.000"}, "spent_material": {"5.000.000"}}).
			status(http.StatusSeeOther)
		attach := resp.Header.Get("Location")
		p = mentor.follow(resp)
		if got := p.text(".notice"); got != "LPJ telah diajukan. Lampirkan buktinya." {
			t.Errorf("notice %q", got)
		}
		p.one(`input#f-file[type=file][accept="application/pdf,image/jpeg,image/png"]`)
		p = mentor.follow(mentor.upload(attach, "nota.pdf", tinyPDF).redirectsTo(attach))
		link := p.one("#files a")
		if textOf(link) != "nota.pdf" {
			t.Errorf("attachment %q", textOf(link))
		}
		w := mentor.raw(attr(link, "href"))
		if w.Header().Get("Content-Type") != "application/pdf" || w.Header().Get("Content-Disposition") != "attachment; filename=nota.pdf" ||
			!bytes.Equal(w.Body.Bytes(), tinyPDF) {
			t.Errorf("PDF served as %q, %q", w.Header().Get("Content-Type"), w.Header().Get("Content-Disposition"))
		}

		p = mentor.get(base).status(http.StatusOK)
		lpj := p.one("section[aria-labelledby=lpj-heading] .record")
		if got := textOf(lpj); !strings.Contains(got, "Diajukan") || !strings.Contains(got, "Peralatan Rp15.000.000 · Bahan Rp5.000.000") ||
			!strings.Contains(got, "nota.pdf (PDF, 1 KB)") {
			t.Errorf("LPJ %q", got)
		}
		review := strings.TrimSuffix(attach, "/lampiran") + "/periksa"
		p.none(`a[href="` + review + `"]`) // a mentor does not review
		mentor.get(review).status(http.StatusForbidden)

		officer, _ := s.user(tkm.RoleRegional, "51")
		p = officer.get(base).status(http.StatusOK)
		p.one(`section[aria-labelledby=lpj-heading] a[href="` + review + `"]`)
		p = officer.get(review).status(http.StatusOK)
		p.one("#f-status-accepted[type=radio]")
		p = officer.post(review, url.Values{"status": {"returned"}}).status(http.StatusUnprocessableEntity)
		p.hasFieldError("note")
		p.one("#f-status-returned[checked]")
		p = officer.follow(officer.post(review, url.Values{"status": {"returned"}, "note": {"Lampirkan nota kain."}}).redirectsTo(base))
		if got := p.text(".notice"); got != "LPJ telah dikembalikan dengan catatan." {
			t.Errorf("notice %q", got)
		}
		if got := p.text("section[aria-labelledby=lpj-heading] .record"); !strings.Contains(got, "Dikembalikan") || !strings.Contains(got, "Lampirkan nota kain.") {
			t.Errorf("returned LPJ %q", got)
		}
		officer.get(review).status(http.StatusOK).one("#lpj-closed")
		officer.post(review, url.Values{"status": {"accepted"}}).status(http.StatusConflict)

		l := record{t, db, mu}.lpj(g)
		second := base + "/lpj/" + l.ID.String()
		officer.follow(officer.post(second+"/periksa", url.Values{"status": {"accepted"}}).redirectsTo(base))
		mentor.get(second + "/lampiran").status(http.StatusConflict)
		mentor.upload(second+"/lampiran", "x.pdf", tinyPDF).status(http.StatusConflict)
		java, _ := s.user(tkm.RoleRegional, "32")
		java.get(review).status(http.StatusNotFound)
		java.get(attach).status(http.StatusNotFound)
	})
}

// TestReport: a monitoring report for a month, its photos, and a second
// report for the same month refused.
func TestReport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		base := "/kelompok/" + g.ID.String()

		p := b.get(base + "/laporan/baru").status(http.StatusOK)
		p.one(`input#f-period[type=month]`)
		if got := attr(p.one("#f-active_members"), "value"); got != "10" {
			t.Errorf("active members start at %q", got)
		}
		p = b.post(base+"/laporan/baru", url.Values{"period": {"2999-01"}, "revenue": {"x"}}).status(http.StatusUnprocessableEntity)
		p.hasFieldError("period")
		p.hasFieldError("revenue")

		form := url.Values{"period": {"2024-05"}, "revenue": {"7.500.000"}, "production": {"500 bungkus"},
			"active_members": {"9"}, "new_workers": {"2"}, "notes": {"Pesanan naik."}}
		resp := b.post(base+"/laporan/baru", form).status(http.StatusSeeOther)
		photos := resp.Header.Get("Location")
		p = b.follow(resp)
		if got := p.text(".notice"); got != "Laporan monitoring Mei 2024 telah disimpan. Tambahkan fotonya bila ada." {
			t.Errorf("notice %q", got)
		}
		b.follow(b.upload(photos, "kunjungan.png", pngImage(t, 20, 20)).redirectsTo(photos)).one("#photos img")

		p = b.get(base).status(http.StatusOK)
		row := p.one("#reports tbody tr")
		if got := textOf(row); !strings.HasPrefix(got, "Mei 2024 Rp7.500.000 500 bungkus 9 2 Pesanan naik.") {
			t.Errorf("report row %q", got)
		}
		if len(findAll(row, "img.photo")) != 1 {
			t.Error("no photo in the report row")
		}
		b.post(base+"/laporan/baru", form).status(http.StatusConflict).hasFieldError("period")
		auditor, _ := s.user(tkm.RoleAuditor, "")
		auditor.get(base + "/laporan/baru").status(http.StatusForbidden)
		auditor.get(base).status(http.StatusOK).none("#report-new")
	})
}
