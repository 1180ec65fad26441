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

// TestExpoCreate: a ministry officer finds no expo, creates one (every
// mistake shown at once, the regency chosen without script) and lands on
// its empty booth plan.
func TestExpoCreate(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleMinistry, "")
		p := b.get("/pameran").status(http.StatusOK)
		p.one("#empty")
		p.one(`a#expo-new[href="/pameran/baru"]`)
		p.one(`.header a[href="/pameran"][aria-current=page]`)

		b.get("/pameran/baru").status(http.StatusOK).one(`form[action="/pameran/baru"] select#f-province`)
		p = b.post("/pameran/baru", url.Values{"starts_on": {"2019-11-21"}, "ends_on": {"2019-11-19"}}).
			status(http.StatusUnprocessableEntity)
		for _, f := range []string{"name", "venue", "province", "ends_on"} {
			p.hasFieldError(f)
		}
		p = b.post("/pameran/baru", url.Values{"name": {"Pameran Produk TKM 2019"}, "province": {"51"}, "action": {"region"}}).
			status(http.StatusOK)
		p.one(`select#f-region_code option[value="51.03"]`)
		if got := attr(p.one("#f-name"), "value"); got != "Pameran Produk TKM 2019" {
			t.Errorf("name kept as %q", got)
		}
		p = b.post("/pameran/baru", url.Values{"name": {"Pameran Produk TKM 2019"}, "venue": {"BNDCC"}, "province": {"51"},
			"region_code": {"32.73"}, "starts_on": {"2019-11-19"}, "ends_on": {"2019-11-21"}}).status(http.StatusUnprocessableEntity)
		p.hasFieldError("region_code")

		resp := b.post("/pameran/baru", url.Values{"name": {"Pameran Produk TKM 2019"}, "venue": {"BNDCC Nusa Dua"},
			"province": {"51"}, "region_code": {"51.03"}, "starts_on": {"2019-11-19"}, "ends_on": {"2019-11-21"}}).status(http.StatusSeeOther)
		p = b.follow(resp)
		if got := p.text("h1"); got != "Pameran Produk TKM 2019" {
			t.Errorf("h1 %q", got)
		}
		if got := p.text(".notice"); !strings.Contains(got, "Pameran Produk TKM 2019 telah dibuat") {
			t.Errorf("notice %q", got)
		}
		if got := p.text("#details"); !strings.Contains(got, "Badung, Bali") || !strings.Contains(got, "19 November 2019 – 21 November 2019") {
			t.Errorf("details %q", got)
		}
		p.one("#plan-empty")
		p.one(`a#exhibitor-new`)
		list := b.get("/pameran").status(http.StatusOK)
		if got := list.text("#expos tbody tr"); !strings.Contains(got, "BNDCC Nusa Dua") || !strings.Contains(got, "0 kelompok") {
			t.Errorf("list row %q", got)
		}
	})
}

// TestExpoExhibitorsAndSales: booths go only to groups with proof of
// products, each booth once; the booth plan and the report follow, sales
// are recorded by those who may for the groups they may, and the report
// downloads as PDF and XLSX.
func TestExpoExhibitorsAndSales(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sc := newShowcase(t, db)
		b := s.as(sc.ministry)
		bali, _ := sc.exhibitor("KUB Tenun Sekar Jagat", "51.03.05", "Kain Tenun", 10, tkm.StageInstitutional)
		java, _ := sc.exhibitor("KUB Batik Cirebon", "32.09.01", "Batik Tulis", 30, tkm.StageGraduated)
		fresh := sc.group("KUB Baru Mulai", "51.03.05", 10, 50)
		e := sc.expo("Pameran Produk TKM 2019", nil)
		base := "/pameran/" + e.ID.String()

		p := b.get(base + "/peserta").status(http.StatusOK)
		p.one(`select#f-group_id option[value="` + bali.ID.String() + `"]`)
		p.one(`select#f-group_id option[value="` + java.ID.String() + `"]`)
		p.none(`select#f-group_id option[value="` + fresh.ID.String() + `"]`)
		p = b.post(base+"/peserta", url.Values{"province": {"32"}, "action": {"province"}}).status(http.StatusOK)
		p.none(`select#f-group_id option[value="` + bali.ID.String() + `"]`)
		p.one(`select#f-group_id option[value="` + java.ID.String() + `"]`)

		p = b.post(base+"/peserta", url.Values{"group_id": {fresh.ID.String()}, "booth": {""}}).status(http.StatusUnprocessableEntity)
		p.hasFieldError("group_id")
		p.hasFieldError("booth")
		if got := p.text("#f-group_id-error"); !strings.Contains(got, "Kelembagaan atau Mandiri") {
			t.Errorf("product evidence error %q", got)
		}
		b.follow(b.post(base+"/peserta", url.Values{"group_id": {bali.ID.String()}, "booth": {"A10"}}).redirectsTo(base))
		p = b.follow(b.post(base+"/peserta", url.Values{"group_id": {java.ID.String()}, "booth": {"A2"}}).redirectsTo(base))
		if got := p.text(".notice"); got != "KUB Batik Cirebon (A2) mendapat stan." {
			t.Errorf("notice %q", got)
		}
		other, _ := sc.exhibitor("KUB Anyaman Kuta", "51.03.01", "Tas Anyaman", 70, tkm.StageInstitutional)
		p = b.post(base+"/peserta", url.Values{"group_id": {other.ID.String()}, "booth": {"A2"}}).status(http.StatusConflict)
		p.hasFieldError("booth")
		b.get(base + "/peserta").none(`select#f-group_id option[value="` + bali.ID.String() + `"]`)

		p = b.get(base).status(http.StatusOK)
		var plan []string
		for _, n := range p.all("#booth-plan .booth__number") {
			plan = append(plan, textOf(n))
		}
		if strings.Join(plan, " ") != "A2 A10" {
			t.Errorf("booth plan %q, want A2 A10", plan)
		}
		if got := p.text("#booth-plan li"); got != "A2 KUB Batik Cirebon Jawa Barat" {
			t.Errorf("first booth %q", got)
		}
		p.one(`#booth-plan a[href="#peserta-1"]`)
		p.one(`#exhibitors tr#peserta-1`)
		if got := p.text("#by-province tbody"); !strings.Contains(got, "Bali 51 1") || !strings.Contains(got, "Jawa Barat 32 1") {
			t.Errorf("by province %q", got)
		}
		if got := p.text("#sum-products dd"); got != "2" {
			t.Errorf("products shown %q", got)
		}

		resp := b.get(base + "/penjualan?kelompok=" + bali.ID.String()).status(http.StatusOK)
		if opt := resp.one(`select#f-group_id option[selected]`); attr(opt, "value") != bali.ID.String() {
			t.Errorf("preselected %q", attr(opt, "value"))
		}
		p = b.post(base+"/penjualan", url.Values{"group_id": {bali.ID.String()}, "amount": {"sejuta"}}).status(http.StatusUnprocessableEntity)
		p.hasFieldError("amount")
		p = b.post(base+"/penjualan", url.Values{"group_id": {fresh.ID.String()}, "amount": {"1000"}}).status(http.StatusUnprocessableEntity)
		p.hasFieldError("group_id")
		p = b.follow(b.post(base+"/penjualan", url.Values{"group_id": {bali.ID.String()}, "amount": {"Rp1.500.000"}, "note": {"Hari pertama"}}).
			redirectsTo(base))
		if got := p.text(".notice"); got != "Penjualan Rp1.500.000 — KUB Tenun Sekar Jagat telah dicatat." {
			t.Errorf("notice %q", got)
		}
		b.post(base+"/penjualan", url.Values{"group_id": {bali.ID.String()}, "amount": {"500.000"}}).redirectsTo(base)
		p = b.get(base).status(http.StatusOK)
		if got := p.text("#sum-sales dd"); got != "Rp2.000.000" {
			t.Errorf("sales total %q", got)
		}
		if got := p.text("#peserta-2"); !strings.Contains(got, "A10 KUB Tenun Sekar Jagat Kabupaten Badung, Bali") || !strings.Contains(got, "Rp2.000.000") {
			t.Errorf("Bali's row %q", got)
		}
		p.one(`#peserta-2 a[href="` + base + `/penjualan?kelompok=` + bali.ID.String() + `"]`)

		w := b.raw(base + "/laporan.pdf")
		checkDownload(t, w.Header(), "application/pdf", "laporan-pameran", ".pdf")
		if text := pdfText(t, w.Body.Bytes()); !strings.Contains(text, "KUB Tenun Sekar Jagat") {
			t.Errorf("the report PDF lacks the group: %.300s", text)
		}
		w = b.raw(base + "/laporan.xlsx")
		checkDownload(t, w.Header(), xlsxType, "laporan-pameran", ".xlsx")
		rows := xlsxRows(t, w.Body.Bytes())
		if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(expoReportHeader, ",") ||
			strings.Join(rows[2], ",") != "A10,KUB Tenun Sekar Jagat,51.03.05,51,Bali,Kerajinan anyaman,1,2000000" {
			t.Errorf("report rows %q", rows)
		}
	})
}

// TestExpoAuthorization: a visitor is sent to log in; a role that may not
// manage expos or record sales is forbidden; a group outside the user's
// scope is not found, and its exhibitor is not offered.
func TestExpoAuthorization(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		sc := newShowcase(t, db)
		bali, _ := sc.exhibitor("KUB Tenun Sekar Jagat", "51.03.05", "Kain Tenun", 10, tkm.StageInstitutional)
		java, _ := sc.exhibitor("KUB Batik Cirebon", "32.09.01", "Batik Tulis", 30, tkm.StageInstitutional)
		e := sc.expo("Pameran Produk TKM 2019", map[string]*tkm.Group{"A1": bali, "B1": java})
		base := "/pameran/" + e.ID.String()

		s.as(nil).get(base).redirectsTo("/masuk?next=" + url.QueryEscape(base))
		s.as(nil).get("/pameran").redirectsTo("/masuk?next=%2Fpameran")

		auditor, _ := s.user(tkm.RoleAuditor, "")
		p := auditor.get(base).status(http.StatusOK)
		p.none("#exhibitor-new")
		p.none("#sale-new")
		auditor.get("/pameran/baru").status(http.StatusForbidden)
		auditor.post("/pameran/baru", url.Values{"name": {"X"}}).status(http.StatusForbidden)
		auditor.get(base + "/peserta").status(http.StatusForbidden)
		auditor.post(base+"/peserta", url.Values{"group_id": {bali.ID.String()}, "booth": {"C1"}}).status(http.StatusForbidden)
		auditor.get(base + "/penjualan").status(http.StatusForbidden)
		auditor.post(base+"/penjualan", url.Values{"group_id": {bali.ID.String()}, "amount": {"1000"}}).status(http.StatusForbidden)
		if w := auditor.raw(base + "/laporan.xlsx"); w.Code != http.StatusOK {
			t.Errorf("the auditor's report: %d", w.Code)
		}

		regional, _ := s.user(tkm.RoleRegional, "51")
		p = regional.get(base).status(http.StatusOK)
		p.one(`#exhibitors a[href="/kelompok/` + bali.ID.String() + `"]`)
		p.none(`#exhibitors a[href="/kelompok/` + java.ID.String() + `"]`)
		regional.get(base + "/peserta").status(http.StatusForbidden)
		p = regional.get(base + "/penjualan").status(http.StatusOK)
		p.one(`select#f-group_id option[value="` + bali.ID.String() + `"]`)
		p.none(`select#f-group_id option[value="` + java.ID.String() + `"]`)
		regional.post(base+"/penjualan", url.Values{"group_id": {java.ID.String()}, "amount": {"1000"}}).status(http.StatusNotFound)
		regional.post(base+"/penjualan", url.Values{"group_id": {bali.ID.String()}, "amount": {"1000"}}).redirectsTo(base)

		mentor, _ := s.user(tkm.RoleMentor, "")
		mentor.get(base + "/penjualan").status(http.StatusOK).one("#exhibitors-empty")
		mentor.post(base+"/penjualan", url.Values{"group_id": {bali.ID.String()}, "amount": {"1000"}}).status(http.StatusNotFound)

		leader, _ := s.user(tkm.RoleGroup, "")
		leader.get("/kelompok").none(`.header a[href="/pameran"]`)
		leader.get(base + "/peserta").status(http.StatusForbidden)

		ministry := s.as(sc.ministry)
		for _, path := range []string{"/pameran/999999", "/pameran/x", "/pameran/999999/peserta", "/pameran/999999/laporan.pdf",
			"/pameran/999999/laporan.xlsx", "/pameran/999999/penjualan"} {
			ministry.get(path).status(http.StatusNotFound)
		}
		ministry.post("/pameran/999999/peserta", url.Values{"group_id": {bali.ID.String()}, "booth": {"C1"}}).status(http.StatusNotFound)
		ministry.post(base+"/peserta", url.Values{"group_id": {"999999"}, "booth": {"C1"}}).status(http.StatusNotFound)
	})
}

// TestCompareBooths: booths sort as a visitor walks them.
func TestCompareBooths(t *testing.T) {
	xs := []*tkm.Exhibitor{{Booth: "b2"}, {Booth: "A10"}, {Booth: "A2"}, {Booth: "A02b"}, {Booth: "10"}, {Booth: "9"}, {Booth: "B1"}, {Booth: "A 3"}}
	var got []string
	for _, x := range sortedBooths(xs) {
		got = append(got, x.Booth)
	}
	if want := "9 10 A2 A02b A 3 A10 B1 b2"; strings.Join(got, " ") != want {
		t.Errorf("booths sorted %q, want %q", got, want)
	}
}

// pngHead is how every PNG starts.
var pngHead = []byte("\x89PNG\r\n\x1a\n")

func isPNG(b []byte) bool { return bytes.HasPrefix(b, pngHead) }
