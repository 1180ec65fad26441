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

// aidValues is a filled-in aid form with items rows (description,
// category, qty, unit price; unit "unit").
func aidValues(amount, no string, items ...[4]string) url.Values {
	v := url.Values{"amount": {amount}, "disbursed_on": {"2024-05-02"}, "method": {"transfer"}, "handover_no": {no},
		"place": {"Denpasar"}, "rows": {"5"}}
	for i, it := range items {
		p := itemPrefix(i)
		v.Set(p+"description", it[0])
		v.Set(p+"category", it[1])
		v.Set(p+"qty", it[2])
		v.Set(p+"unit", "unit")
		v.Set(p+"unit_price", it[3])
	}
	return v
}

// TestAidForm: an officer records aid with its items; items that do not
// add up are refused plainly, an equipment share below the cohort's is a
// warning after the save, and the group page shows the record with its
// BAST to download.
func TestAidForm(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		path := "/kelompok/" + g.ID.String() + "/bantuan/baru"

		p := b.get(path).status(http.StatusOK)
		if got := attr(p.one("#f-amount"), "value"); got != "20.000.000" {
			t.Errorf("amount starts at %q", got)
		}
		if n := len(p.all(".item-row")); n != startItemRows {
			t.Errorf("%d item rows, want %d", n, startItemRows)
		}
		p.one(`#f-method option[value=in_kind]`)
		p.one(`#f-items-0-category option[value=equipment][selected]`)

		more := aidValues("20.000.000", "001/BAST/2024", [4]string{"Mesin jahit", "equipment", "2", "6.000.000"})
		more.Set("action", "rows")
		p = b.post(path, more).status(http.StatusOK)
		if n := len(p.all(".item-row")); n != startItemRows+moreItemRows {
			t.Errorf("%d rows after adding, want %d", n, startItemRows+moreItemRows)
		}
		if got := attr(p.one("#f-items-0-description"), "value"); got != "Mesin jahit" {
			t.Errorf("row lost: %q", got)
		}

		short := aidValues("20.000.000", "001/BAST/2024", [4]string{"Mesin jahit", "equipment", "2", "6.000.000"},
			[4]string{"Kain", "material", "10", "500.000"})
		p = b.post(path, short).status(http.StatusUnprocessableEntity)
		link := p.one(`.error-summary a[href="#f-items"]`)
		if got := textOf(link); got != "Jumlah rincian Rp17.000.000 tidak sama dengan nilai bantuan Rp20.000.000." {
			t.Errorf("sum error %q", got)
		}
		p.one("#f-items-error[role=alert]")
		if got := p.text("#items-total"); got != "Jumlah rincian: Rp17.000.000 · Nilai bantuan 20.000.000" {
			t.Errorf("total %q", got)
		}

		bad := aidValues("20.000.000", "", [4]string{"Mesin jahit", "equipment", "dua", "6.000.000"})
		bad.Set(itemPrefix(3)+"description", "Benang") // a row further down, with no price
		p = b.post(path, bad).status(http.StatusUnprocessableEntity)
		p.hasFieldError("handover_no")
		p.hasFieldError("items[0].qty")
		p.hasFieldError("items[3].qty")
		if got := textOf(p.one(`.error-summary a[href="#f-items-3-qty"]`)); !strings.HasPrefix(got, "Barang 4: ") {
			t.Errorf("row error %q", got)
		}

		low := aidValues("20.000.000", "001/BAST/2024", [4]string{"Mesin jahit", "equipment", "2", "4.000.000"},
			[4]string{"Kain", "material", "24", "500.000"})
		p = b.follow(b.post(path, low).redirectsTo("/kelompok/" + g.ID.String()))
		if got := p.text(".notice .notice__text"); got != "Bantuan dengan BAST 001/BAST/2024 telah dicatat." {
			t.Errorf("notice %q", got)
		}
		if got := p.text(".notice--warning li"); got != "Rincian barang: Porsi peralatan 40%, di bawah ketentuan angkatan 60%." {
			t.Errorf("warning %q", got)
		}
		rec := p.one("section[aria-labelledby=aid-heading] .record")
		if got := textOf(rec); !strings.Contains(got, "BAST 001/BAST/2024 · Rp20.000.000") || !strings.Contains(got, "Kain Bahan 24 unit Rp500.000 Rp12.000.000") {
			t.Errorf("aid record %q", got)
		}
		if got := textOf(findAll(rec, "a.bast-link")[0]); got != "Unduh BAST (PDF)" {
			t.Errorf("BAST link %q", got)
		}

		b.post(path, low).status(http.StatusConflict).hasFieldError("handover_no")
	})
}

// TestAidBAST: the BAST of an aid record downloads as a PDF, only under its
// own group and only for a user who may see that group.
func TestAidBAST(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, u := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		other := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 40)
		a := record{t, db, u}.aid(g, "007/BAST/TKM/2024", 20_000_000)

		p := b.get("/kelompok/" + g.ID.String())
		href := attr(p.one("#aid-"+a.ID.String()+" a.bast-link"), "href")
		if href != "/kelompok/"+g.ID.String()+"/bantuan/"+a.ID.String()+"/bast.pdf" {
			t.Fatalf("BAST link %q", href)
		}
		w := b.raw(href)
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF")) {
			t.Fatalf("BAST: %d %q %.20q", w.Code, w.Header().Get("Content-Type"), w.Body.String())
		}
		if got := w.Header().Get("Content-Disposition"); got != "attachment; filename=BAST-007-BAST-TKM-2024.pdf" {
			t.Errorf("Content-Disposition %q", got)
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Error("no nosniff")
		}

		b.get("/kelompok/" + other.ID.String() + "/bantuan/" + a.ID.String() + "/bast.pdf").status(http.StatusNotFound)
		b.get("/kelompok/" + g.ID.String() + "/bantuan/999999/bast.pdf").status(http.StatusNotFound)
		java, _ := s.user(tkm.RoleRegional, "32")
		java.get(href).status(http.StatusNotFound)
		auditor, _ := s.user(tkm.RoleAuditor, "")
		if w := auditor.raw(href); w.Code != http.StatusOK {
			t.Errorf("the auditor gets the BAST with %d", w.Code)
		}
	})
}

// TestAidAuthz: a role that may not record aid sees no button and is
// refused the form; a group out of scope is not found.
func TestAidAuthz(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		c := storetest.Cohort(t, db, 2024)
		mentor, mu := s.user(tkm.RoleMentor, "")
		g := seedGroup(t, db, mu, c.ID, "51.03.05", 10, 10)
		path := "/kelompok/" + g.ID.String() + "/bantuan/baru"
		mentor.get("/kelompok/" + g.ID.String()).status(http.StatusOK).none("#aid-new")
		mentor.get(path).status(http.StatusForbidden)
		mentor.post(path, aidValues("1", "x")).status(http.StatusForbidden)
		java, _ := s.user(tkm.RoleRegional, "32")
		java.get(path).status(http.StatusNotFound)
		java.post(path, aidValues("1", "x")).status(http.StatusNotFound)
	})
}
