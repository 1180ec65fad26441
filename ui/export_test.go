package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"tkm"
	"tkm/sheet"
	"tkm/store"
	"tkm/store/storetest"
)

// exportFixture is a cohort with two groups in Bali, in a regional
// officer's scope, and one in West Java, outside it.
type exportFixture struct {
	cohort *tkm.Cohort
	bali   []*tkm.Group
	java   *tkm.Group
}

func newExportFixture(t *testing.T, db *store.DB) exportFixture {
	t.Helper()
	c := storetest.Cohort(t, db, 2024)
	return exportFixture{cohort: c,
		bali: []*tkm.Group{seedGroup(t, db, admin, c.ID, "51.03.05", 2, 100), seedGroup(t, db, admin, c.ID, "51.71.01", 2, 200)},
		java: seedGroup(t, db, admin, c.ID, "32.73.01", 2, 300)}
}

// TestExportLinks: the list offers itself as files with its own filters
// (every page: no page size), and the full-NIK export as a form, to the
// roles that may have them.
func TestExportLinks(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		fx := newExportFixture(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		cohort := fx.cohort.ID.String()
		p := b.get("/kelompok?cohort=" + cohort + "&province=51&stage=registered&q=Kelompok&limit=1").status(http.StatusOK)
		links := p.all("#downloads a")
		var paths []string
		for _, a := range links {
			u, err := url.Parse(attr(a, "href"))
			if err != nil {
				t.Fatal(err)
			}
			paths = append(paths, u.Path)
			q := u.Query()
			if q.Get("cohort") != cohort || q.Get("province") != "51" || q.Get("stage") != "registered" || q.Get("q") != "Kelompok" ||
				q.Has("limit") || q.Has("cursor") {
				t.Errorf("%s: filters %v", textOf(a), q)
			}
		}
		if strings.Join(paths, " ") != "/ekspor/kelompok.xlsx /ekspor/kelompok.csv /ekspor/anggota.xlsx /ekspor/anggota.csv" {
			t.Errorf("downloads %q", paths)
		}
		if got := textOf(links[0]); got != "Kelompok – Excel (XLSX)" {
			t.Errorf("first link %q", got)
		}

		form := p.one(`#nik-export form[method=post][action="/ekspor/anggota-nik-lengkap.xlsx"]`)
		for k, v := range map[string]string{"cohort": cohort, "province": "51", "stage": "registered", "q": "Kelompok"} {
			if len(findAll(form, `input[type=hidden][name=`+k+`][value="`+v+`"]`)) != 1 {
				t.Errorf("the full-NIK form lost the filter %s", k)
			}
		}
		if len(findAll(form, `input[name=limit]`)) != 0 {
			t.Error("the full-NIK form carries the page size")
		}
		if len(findAll(form, "#f-confirm[type=checkbox][name=confirm]")) != 1 {
			t.Error("no confirmation box in the form")
		}
		if got := p.text(`label[for=f-confirm]`); got != "Saya membutuhkan NIK lengkap; unduhan ini dicatat" {
			t.Errorf("confirmation %q", got)
		}

		mentor, _ := s.user(tkm.RoleMentor, "")
		p = mentor.get("/kelompok").status(http.StatusOK)
		p.none("#downloads")
		p.none("#nik-export")
		auditor, _ := s.user(tkm.RoleAuditor, "")
		p = auditor.get("/kelompok").status(http.StatusOK)
		if len(p.all("#downloads a")) != 4 {
			t.Error("the auditor has no downloads")
		}
		p.one("#nik-export form")
	})
}

// readCSV reads an exported CSV, its BOM first.
func readCSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(body, []byte("\ufeff")) {
		t.Error("the CSV has no BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("read CSV: %v", err)
	}
	return rows
}

// xlsxRows reads the first sheet of an exported XLSX.
func xlsxRows(t *testing.T, body []byte) [][]string {
	t.Helper()
	rd, err := sheet.Open(bytes.NewReader(body), int64(len(body)), sheet.Options{})
	if err != nil {
		t.Fatalf("open XLSX: %v", err)
	}
	rs, err := rd.Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var rows [][]string
	for rs.Next() {
		var row []string
		for _, c := range rs.Row().Cells {
			row = append(row, c.Text)
		}
		rows = append(rows, row)
	}
	return rows
}

// checkDownload checks the headers of a streamed download.
func checkDownload(t *testing.T, hd http.Header, ctype, name, ext string) {
	t.Helper()
	if got := hd.Get("Content-Type"); got != ctype {
		t.Errorf("Content-Type %q, want %q", got, ctype)
	}
	if cd := hd.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename="+name+"-") || !strings.HasSuffix(cd, ext) {
		t.Errorf("Content-Disposition %q", cd)
	}
	if got := hd.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q", got)
	}
}

// TestExport: the lists download as CSV and XLSX with their filters,
// limited to the user's scope, NIKs masked, each download audited; a bad
// address or filter is an error page, not a file.
func TestExport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		fx := newExportFixture(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")

		w := b.raw("/ekspor/kelompok.csv")
		if w.Code != http.StatusOK {
			t.Fatalf("groups: %d %s", w.Code, w.Body)
		}
		checkDownload(t, w.Header(), "text/csv; charset=utf-8", "tkm-kelompok", ".csv")
		rows := readCSV(t, w.Body.Bytes())
		if strings.Join(rows[0], ",") != strings.Join(tkm.GroupExportHeader, ",") || len(rows) != 3 {
			t.Fatalf("groups: %q", rows)
		}
		for _, r := range rows[1:] {
			if !strings.HasPrefix(r[4], "51.") {
				t.Errorf("a group outside the scope: %q", r)
			}
		}

		w = b.raw("/ekspor/anggota.csv?cohort=" + fx.cohort.ID.String())
		checkDownload(t, w.Header(), "text/csv; charset=utf-8", "tkm-anggota", ".csv")
		rows = readCSV(t, w.Body.Bytes())
		if len(rows) != 5 {
			t.Fatalf("members: %d rows", len(rows))
		}
		nik := fx.bali[0].Members[0].NIK
		if strings.Contains(w.Body.String(), nik) || !strings.Contains(w.Body.String(), tkm.MaskNIK(nik)) {
			t.Error("the members' NIKs are not masked")
		}

		w = b.raw("/ekspor/anggota.xlsx?province=51&stage=registered")
		checkDownload(t, w.Header(), xlsxType, "tkm-anggota", ".xlsx")
		if rows := xlsxRows(t, w.Body.Bytes()); len(rows) != 5 || rows[0][5] != "nik" {
			t.Errorf("members as XLSX: %q", rows)
		}
		w = b.raw("/ekspor/kelompok.xlsx?province=32")
		if rows := xlsxRows(t, w.Body.Bytes()); len(rows) != 1 {
			t.Errorf("West Java, outside the scope: %q", rows)
		}
		ministry, _ := s.user(tkm.RoleMinistry, "")
		if rows := xlsxRows(t, ministry.raw("/ekspor/kelompok.xlsx?province=32").Body.Bytes()); len(rows) != 2 || rows[1][2] != fx.java.Name {
			t.Errorf("West Java for the ministry: %q", rows)
		}

		b.get("/ekspor/kelompok.pdf").status(http.StatusNotFound)
		b.get("/ekspor/orang.csv").status(http.StatusNotFound)
		p := b.get("/ekspor/kelompok.csv?province=99").status(http.StatusBadRequest)
		if got := p.text(".error-page__message"); !strings.Contains(got, "Provinsi tidak dikenal") {
			t.Errorf("bad filter: %q", got)
		}
		if cd := p.Header.Get("Content-Disposition"); cd != "" {
			t.Errorf("an error page to save: %q", cd)
		}

		entries, err := store.NewAuditService(db).FindAuditEntries(storetest.As(admin), tkm.AuditFilter{Action: tkm.AuditExport})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries.Items) != 5 {
			t.Errorf("%d exports audited, want 5", len(entries.Items))
		}
	})
}

// TestExportFullNIK: the members with full NIKs are a form posted with a
// confirmation; without it the page asks again; the NIKs are named in the
// audit log; roles that may not export are refused.
func TestExportFullNIK(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		fx := newExportFixture(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")

		p := b.post(fullNIKExport, url.Values{"province": {"51"}}).status(http.StatusUnprocessableEntity)
		if got := p.text("h1"); got != "Unduh anggota dengan NIK lengkap" {
			t.Errorf("heading %q", got)
		}
		p.hasFieldError("confirm")
		p.one(`form[action="/ekspor/anggota-nik-lengkap.xlsx"] input[type=hidden][name=province][value="51"]`)
		p.one(`a.back-link[href="/kelompok?province=51"]`)

		w := httpRecord(b, postRequest(fullNIKExport, url.Values{"province": {"51"}, "confirm": {"1"}}))
		if w.Code != http.StatusOK {
			t.Fatalf("full NIKs: %d %s", w.Code, w.Body)
		}
		checkDownload(t, w.Header(), xlsxType, "tkm-anggota-nik-lengkap", ".xlsx")
		rows := xlsxRows(t, w.Body.Bytes())
		var niks []string
		for _, r := range rows[1:] {
			niks = append(niks, r[5])
		}
		want := []string{fx.bali[0].Members[0].NIK, fx.bali[0].Members[1].NIK, fx.bali[1].Members[0].NIK, fx.bali[1].Members[1].NIK}
		if strings.Join(niks, " ") != strings.Join(want, " ") {
			t.Errorf("NIKs %q, want %q", niks, want)
		}
		entries, err := store.NewAuditService(db).FindAuditEntries(storetest.As(admin), tkm.AuditFilter{NIK: want[3]})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries.Items) == 0 || entries.Items[0].Action != tkm.AuditExport {
			t.Errorf("the full-NIK export is not in the log of the person: %+v", entries.Items)
		}

		for _, role := range []tkm.Role{tkm.RoleMentor, tkm.RoleGroup} {
			u, _ := s.user(role, "")
			refused(t, u, "POST "+fullNIKExport, "/ekspor/kelompok.csv", "/ekspor/anggota.xlsx")
			w := u.raw("/ekspor/anggota.csv")
			if w.Code != http.StatusForbidden || w.Header().Get("Content-Disposition") != "" {
				t.Errorf("%s: %d %q", role, w.Code, w.Header().Get("Content-Disposition"))
			}
		}
	})
}

// httpRecord sends r as b and returns the response unread.
func httpRecord(b *browser, r *http.Request) *httptest.ResponseRecorder {
	b.t.Helper()
	for _, c := range b.jar {
		r.AddCookie(c)
	}
	w := httptest.NewRecorder()
	b.h.ServeHTTP(w, r.WithContext(b.authenticate(r)))
	return w
}

// failingExports hands out rows groups, then fails as a broken database
// would.
type failingExports struct{ rows int }

func (f failingExports) ExportGroups(_ context.Context, _ tkm.GroupFilter, fn func(*tkm.Group) error) error {
	for i := range f.rows {
		if err := fn(&tkm.Group{ID: tkm.ID(i + 1), Name: strings.Repeat("Kelompok ", 10), RegionCode: "51.03.05"}); err != nil {
			return err
		}
	}
	return errDatabase
}

func (f failingExports) ExportMembers(context.Context, tkm.GroupFilter, bool, func(*tkm.Group, *tkm.Member) error) error {
	return errDatabase
}

// TestExportFails: a list that fails before anything is sent is an error
// page that reveals nothing; one that fails once the file is under way is
// cut off, so that no truncated file passes for a whole one.
func TestExportFails(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	var log bytes.Buffer
	s.h.Logger = slogTo(&log)
	b, _ := s.user(tkm.RoleRegional, "51")

	s.h.Exports = failingExports{rows: 1}
	p := b.get("/ekspor/kelompok.csv").status(http.StatusInternalServerError)
	if cd := p.Header.Get("Content-Disposition"); cd != "" || strings.Contains(p.Body, "SELECT") {
		t.Errorf("a failed export: disposition %q, body %.200s", cd, p.Body)
	}
	if !strings.Contains(log.String(), "connection reset") {
		t.Error("the fault is not logged")
	}

	s.h.Exports = failingExports{rows: 5000} // more than the writer holds back
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("a failure under way: recovered %v, want http.ErrAbortHandler", v)
		}
		if !strings.Contains(log.String(), "export cut off") {
			t.Error("the cut-off export is not logged")
		}
	}()
	httpRecord(b, httptest.NewRequest(http.MethodGet, "/ekspor/kelompok.csv", nil))
	t.Error("the export was not cut off")
}
