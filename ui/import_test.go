package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"tkm"
	"tkm/sheet"
	"tkm/store"
	"tkm/store/storetest"
)

// importCSV is a `;`-separated CSV with a BOM, as Indonesian Excel saves
// it: groups of ten members in district, one per ref.
func importCSV(refs []string, district string, first int) []byte {
	var b strings.Builder
	b.WriteString("\ufeff" + strings.Join(tkm.ImportColumns, ";") + "\r\n")
	for gi, ref := range refs {
		for i := range 10 {
			m := storetest.Member(district, first+gi*10+i)
			fmt.Fprintf(&b, "%s;KUB %s;%s;Kerajinan;0361 123456;%s;%s;%s;%s;%s;%s;%s;menganggur\r\n",
				ref, ref, district, m.NIK, m.Name, m.Sex, m.BirthDate.Time().Format("02/01/2006"), m.Phone, m.Address, m.Role)
		}
	}
	return []byte(b.String())
}

// postImport posts the upload form: its fields, then the file (none when
// name is empty), in the order a browser sends them.
func (b *browser) postImport(fields map[string]string, name string, data []byte) *page {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, k := range []string{"cohort_id", "dry_run", "partial"} {
		if v, ok := fields[k]; ok {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	r := httptest.NewRequestWithContext(context.Background(), http.MethodPost, "/impor", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(r)
}

// queueImport uploads a file for cohort and returns the job's page.
func (b *browser) queueImport(cohort tkm.ID, name string, data []byte) string {
	b.t.Helper()
	p := b.postImport(map[string]string{"cohort_id": cohort.String()}, name, data).status(http.StatusSeeOther)
	to := p.Header.Get("Location")
	if !strings.HasPrefix(to, "/impor/") {
		b.t.Fatalf("after the upload, sent to %q", to)
	}
	return to
}

// runImportJob does what the server's worker does with the next queued
// job: claims it, imports its file as the user who queued it, stores its
// errors and its outcome.
func runImportJob(t *testing.T, db *store.DB, u *tkm.User) *tkm.ImportResult {
	t.Helper()
	return finishImportJob(t, db, u, claimImportJob(t, db))
}

// claimImportJob takes the next queued job, as the worker does.
func claimImportJob(t *testing.T, db *store.DB) *tkm.ImportJob {
	t.Helper()
	job, err := store.NewImportJobService(db).ClaimImportJob(context.Background(), "test")
	if err != nil || job == nil {
		t.Fatalf("claim: %v %v", job, err)
	}
	return job
}

// finishImportJob runs a claimed job to its end.
func finishImportJob(t *testing.T, db *store.DB, u *tkm.User, job *tkm.ImportJob) *tkm.ImportResult {
	t.Helper()
	jobs, ctx := store.NewImportJobService(db), context.Background()
	src, err := sheet.Spreadsheets{}.Open(bytes.NewReader(job.Data), int64(len(job.Data)))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	var errs []tkm.RowError
	res, err := store.NewImportService(db).Import(storetest.As(u), src, job.Options, func(e tkm.RowError) { errs = append(errs, e) }, nil)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if len(errs) > 0 {
		if err := jobs.AddImportErrors(ctx, job.ID, 0, errs); err != nil {
			t.Fatal(err)
		}
	}
	if err := jobs.FinishImportJob(ctx, job.ID, res); err != nil {
		t.Fatal(err)
	}
	return res
}

// TestImportPage: the upload page has the form with its labels, the
// template and the instructions; a form without a cohort or a file, or
// with one the service refuses, comes back with the errors by field.
func TestImportPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)

		p := b.get("/impor").status(http.StatusOK)
		p.one(`.header a[href="/impor"][aria-current=page]`)
		form := p.one(`form[method=post][action="/impor"][enctype="multipart/form-data"]`)
		for id, want := range map[string]string{"f-cohort_id": "Angkatan (wajib)", "f-file": "Berkas impor (CSV atau XLSX) (wajib)",
			"f-dry_run": "Uji coba saja", "f-partial": "Simpan kelompok yang benar saja"} {
			if got := p.text(`label[for="` + id + `"]`); got != want {
				t.Errorf("label of %s: %q, want %q", id, got, want)
			}
		}
		if len(findAll(form, `select#f-cohort_id[name=cohort_id] option[value="`+c.ID.String()+`"]`)) != 1 {
			t.Error("the cohort is not offered")
		}
		file := p.one(`#f-file[type=file][name=file]`)
		if accept := attr(file, "accept"); !strings.Contains(accept, ".csv") || !strings.Contains(accept, ".xlsx") {
			t.Errorf("accept %q", accept)
		}
		p.one(`#f-dry_run[type=checkbox][name=dry_run]`)
		p.one(`#f-partial[type=checkbox][name=partial]`)
		p.one(`a#import-template[href="/impor/templat.xlsx"]`)
		if n := len(p.all("#import-columns tbody tr")); n != len(tkm.ImportColumns) {
			t.Errorf("%d columns explained, want %d", n, len(tkm.ImportColumns))
		}
		if got := p.text(".import-help .steps"); !strings.Contains(got, "sebagai Teks") || !strings.Contains(got, "nomor baris di lembar kerja") {
			t.Errorf("instructions %q", got)
		}

		w := b.raw("/impor/templat.xlsx")
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != xlsxType ||
			!strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment") {
			t.Fatalf("template: %d %v", w.Code, w.Header())
		}
		if _, err := sheet.Open(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()), sheet.Options{}); err != nil {
			t.Errorf("template: %v", err)
		}

		p = b.postImport(map[string]string{"dry_run": "1"}, "", nil).status(http.StatusUnprocessableEntity)
		p.hasFieldError("cohort_id")
		p.hasFieldError("file")
		p.one(`#f-dry_run[checked]`) // what was ticked stays ticked
		p.none(`#f-partial[checked]`)

		p = b.postImport(map[string]string{"cohort_id": "999999"}, "a.csv", []byte("x")).status(http.StatusUnprocessableEntity)
		p.hasFieldError("cohort_id")
		p = b.postImport(map[string]string{"cohort_id": c.ID.String()}, "kosong.csv", nil).status(http.StatusUnprocessableEntity)
		p.hasFieldError("file")
		if got := p.text("#f-file-error"); !strings.Contains(got, "64 MB") {
			t.Errorf("empty file: %q", got)
		}

		b.jar[langCookie] = &http.Cookie{Name: langCookie, Value: langEN}
		p = b.get("/impor").status(http.StatusOK)
		if got := p.text(`label[for="f-dry_run"]`); got != "Trial run only" {
			t.Errorf("English label %q", got)
		}
	})
}

// TestImportJob: a good file queues a job and sends the officer to its
// page, which reloads itself while the job waits and runs, and shows the
// counts once it is done; the groups are then in the list.
func TestImportJob(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, u := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		job := b.queueImport(c.ID, "baik.csv", importCSV([]string{"A", "B"}, "51.03.05", 1))

		p := b.get(job).status(http.StatusOK)
		if got := p.text(".notice"); got != "Berkas baik.csv diterima dan menunggu giliran untuk diimpor." {
			t.Errorf("notice %q", got)
		}
		if got := p.text("#import-status"); got != "Antri" {
			t.Errorf("status %q", got)
		}
		p.one(`head meta[http-equiv=refresh][content="2"]`)
		p.one(`progress#import-progress-bar`)
		p.one(`label[for=import-progress-bar]`)
		p.none("#import-result")

		paused := b.get(job + "?otomatis=tidak").status(http.StatusOK)
		paused.none(`meta[http-equiv=refresh]`)
		paused.one(`#refresh-note a[href="` + job + `"]`)

		jobs := store.NewImportJobService(db)
		claimed := claimImportJob(t, db)
		progress := &tkm.ImportResult{Status: tkm.ImportRunning, RowsTotal: 12, RowsDone: 12, Errors: []tkm.RowError{}}
		if err := jobs.SaveImportProgress(context.Background(), claimed.ID, progress); err != nil {
			t.Fatal(err)
		}
		p = b.get(job).status(http.StatusOK)
		if got := p.text("#import-status"); got != "Berjalan" {
			t.Errorf("running status %q", got)
		}
		p.one(`meta[http-equiv=refresh]`)
		if got := p.text("#import-progress-text"); got != "Memeriksa: 12 baris dibaca." {
			t.Errorf("progress %q", got)
		}
		progress.RowsTotal, progress.RowsDone = 20, 5
		jobs.SaveImportProgress(context.Background(), claimed.ID, progress)
		p = b.get(job).status(http.StatusOK)
		bar := p.one("#import-progress-bar")
		if attr(bar, "value") != "5" || attr(bar, "max") != "20" || p.text("#import-progress-text") != "Menyimpan: 5 dari 20 baris." {
			t.Errorf("saving: bar %v, text %q", bar.Attr, p.text("#import-progress-text"))
		}

		finishImportJob(t, db, u, claimed)
		p = b.get(job).status(http.StatusOK)
		if got := p.text("#import-status"); got != "Selesai" {
			t.Fatalf("status %q", got)
		}
		p.none(`meta[http-equiv=refresh]`)
		p.none("#import-progress")
		for id, want := range map[string]string{"rows_total": "20", "rows_ok": "20", "groups_created": "2", "groups_updated": "0",
			"groups_unchanged": "0", "groups_refused": "0", "errors_total": "0"} {
			if got := p.text("#count-" + id + " dd"); got != want {
				t.Errorf("%s: %q, want %q", id, got, want)
			}
		}
		if got := p.text("#import-result"); got != "Impor selesai: 2 kelompok baru, 0 diubah, 0 tetap." {
			t.Errorf("result %q", got)
		}
		p.none("#import-errors")
		p.none("#error-file")
		p.none("#import-unsaved")
		if got := rowNames(b.get("/kelompok").status(http.StatusOK)); len(got) != 2 {
			t.Errorf("groups after the import: %q", got)
		}

		// The same file again changes nothing, and says so.
		again := b.queueImport(c.ID, "baik.csv", importCSV([]string{"A", "B"}, "51.03.05", 1))
		runImportJob(t, db, u)
		if got := b.get(again).text("#import-result"); got != "Impor selesai: 0 kelompok baru, 0 diubah, 2 tetap." {
			t.Errorf("second import: %q", got)
		}

		b.jar[langCookie] = &http.Cookie{Name: langCookie, Value: langEN}
		p = b.get(job).status(http.StatusOK)
		if p.text("#import-status") != "Done" || p.text("#import-result") != "Import done. New groups: 2; updated: 0; unchanged: 0." {
			t.Errorf("English: %q, %q", p.text("#import-status"), p.text("#import-result"))
		}
	})
}

// TestImportJobErrors: a file with errors writes nothing; its page lists
// each error by spreadsheet row and column, and the error file comes back
// as XLSX with the messages in its last column. A dry run reports the
// same without writing.
func TestImportJobErrors(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, u := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		good := string(importCSV([]string{"A", "B", "C"}, "51.03.05", 1))
		bad := strings.Replace(good, "0361 123456", "12", 1)  // row 2: not a phone
		bad = strings.Replace(bad, ";KUB B;", ";KUB Bee;", 1) // row 12: B named otherwise
		job := b.queueImport(c.ID, "salah.csv", []byte(bad))
		runImportJob(t, db, u)

		p := b.get(job).status(http.StatusOK)
		if got := p.text("#import-status"); got != "Gagal" {
			t.Errorf("status %q", got)
		}
		p.none(`meta[http-equiv=refresh]`)
		if got := p.text("#import-result"); !strings.HasPrefix(got, "Ditemukan 2 kesalahan, jadi tidak ada yang disimpan.") {
			t.Errorf("result %q", got)
		}
		p.one("#import-unsaved")
		if got := p.text("#count-errors_total dd"); got != "2" {
			t.Errorf("errors counted %q", got)
		}
		rows := p.all("#import-errors tbody tr")
		if len(rows) != 2 {
			t.Fatalf("%d error rows, want 2", len(rows))
		}
		var cells []string
		for _, n := range append(findAll(rows[0], "th"), findAll(rows[0], "td")...) {
			cells = append(cells, textOf(n))
			if attr(n, "data-label") == "" {
				t.Errorf("cell %q has no data-label", textOf(n))
			}
		}
		if len(cells) != 4 || cells[0] != "2" || cells[1] != "telepon_kelompok" || cells[2] == "" || cells[3] == "" {
			t.Errorf("first error %q", cells)
		}
		if got := p.text("#errors-note"); got != "2 kesalahan, menurut urutan baris lembar kerja." {
			t.Errorf("errors note %q", got)
		}
		link := p.one(`a#error-file[href="` + job + `/kesalahan.xlsx"]`)
		if len(rowNames(b.get("/kelompok"))) != 0 {
			t.Error("a refused file wrote groups")
		}

		w := b.raw(attr(link, "href"))
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != xlsxType || w.Header().Get("Cache-Control") != "no-store" ||
			!strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment") {
			t.Fatalf("error file: %d %v", w.Code, w.Header())
		}
		notes := lastColumn(t, w.Body.Bytes())
		if len(notes) != 31 || notes[0] != sheet.ErrorColumn || !strings.HasPrefix(notes[1], "telepon_kelompok: ") ||
			!strings.HasPrefix(notes[11], "nama_kelompok: ") || notes[2] != "" {
			t.Errorf("error column: %q", notes[:min(len(notes), 12)])
		}

		b.jar[langCookie] = &http.Cookie{Name: langCookie, Value: langEN}
		p = b.get(job).status(http.StatusOK)
		if got := attr(p.one("#import-errors tbody td[lang]"), "lang"); got != "id" {
			t.Errorf("an Indonesian message in an English page is marked lang %q", got)
		}
		delete(b.jar, langCookie)

		dry := b.postImport(map[string]string{"cohort_id": c.ID.String(), "dry_run": "1"}, "uji.csv", []byte(good)).
			status(http.StatusSeeOther).Header.Get("Location")
		runImportJob(t, db, u)
		p = b.get(dry).status(http.StatusOK)
		p.one("#import-dry-run")
		if got := p.text("#import-result"); !strings.HasPrefix(got, "Uji coba selesai tanpa kesalahan") {
			t.Errorf("dry run: %q", got)
		}
		if got := p.text("#count-groups_created dd"); got != "3" {
			t.Errorf("dry run would create %q groups", got)
		}
		p.one("#import-unsaved")
		if len(rowNames(b.get("/kelompok"))) != 0 {
			t.Error("a dry run wrote groups")
		}
	})
}

// lastColumn reads the first sheet of an XLSX file and returns the text
// of each row's last cell.
func lastColumn(t *testing.T, data []byte) []string {
	t.Helper()
	rd, err := sheet.Open(bytes.NewReader(data), int64(len(data)), sheet.Options{})
	if err != nil {
		t.Fatalf("open XLSX: %v", err)
	}
	rows, err := rd.Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	width := 0
	var all [][]sheet.Cell
	for rows.Next() {
		cells := append([]sheet.Cell(nil), rows.Row().Cells...)
		width = max(width, len(cells))
		all = append(all, cells)
	}
	var out []string
	for _, cells := range all {
		if len(cells) == width {
			out = append(out, cells[width-1].Text)
		} else {
			out = append(out, "")
		}
	}
	return out
}

// TestImportJobScope: a job is its officer's own; another regional officer
// does not find it, nor its error file, and the ministry sees every job.
func TestImportJobScope(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		job := b.queueImport(c.ID, "baik.csv", importCSV([]string{"A"}, "51.03.05", 1))

		other, _ := s.user(tkm.RoleRegional, "51")
		other.get(job).status(http.StatusNotFound)
		other.get(job + "/kesalahan.xlsx").status(http.StatusNotFound)
		b.get("/impor/x").status(http.StatusNotFound)
		b.get("/impor/999999").status(http.StatusNotFound)

		ministry, _ := s.user(tkm.RoleMinistry, "")
		ministry.get(job).status(http.StatusOK)
	})
}

// TestImportForbidden: roles that may not import are refused every import
// page, and the menu does not offer it.
func TestImportForbidden(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		for _, role := range []tkm.Role{tkm.RoleMentor, tkm.RoleAuditor, tkm.RoleGroup} {
			b, _ := s.user(role, "")
			refused(t, b, "/impor", "/impor/templat.xlsx", "/impor/1", "/impor/1/kesalahan.xlsx")
			b.postImport(map[string]string{"cohort_id": "1"}, "a.csv", []byte("x")).status(http.StatusForbidden)
			b.get("/kelompok").none(`.header a[href="/impor"]`)
		}
		s.as(nil).get("/impor").redirectsTo("/masuk?next=%2Fimpor")
	})
}

// importPaths queues three imports as u, runs two (one good, one with an
// error) and leaves the third waiting, and returns their pages and the
// upload page.
func importPaths(t *testing.T, db *store.DB, u *tkm.User, cohort tkm.ID) []string {
	t.Helper()
	jobs := store.NewImportJobService(db)
	good := importCSV([]string{"IMP"}, "51.03.05", 500)
	bad := bytes.Replace(good, []byte("0361 123456"), []byte("12"), 1)
	var paths []string
	for _, data := range [][]byte{good, bad, good} {
		res, err := jobs.CreateImportJob(storetest.As(u), tkm.ImportOptions{CohortID: cohort}, "berkas.csv", data)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, "/impor/"+res.ID.String())
		if len(paths) < 3 {
			runImportJob(t, db, u)
		}
	}
	return append(paths, "/impor")
}

// TestImportTooLarge: a file over the cap is refused as it arrives, as a
// problem of the file input, with the cohort still chosen.
func TestImportTooLarge(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	b, _ := s.user(tkm.RoleRegional, "51")
	c := storetest.Cohort(t, db, 2024)
	pr, pw := io.Pipe()
	defer pr.Close() // unblocks the writer once the handler stops reading
	mw := multipart.NewWriter(pw)
	go func() {
		mw.WriteField("cohort_id", c.ID.String())
		fw, _ := mw.CreateFormFile("file", "besar.csv")
		chunk := bytes.Repeat([]byte("x;"), 1<<19)
		for range maxImportBody>>20 + 1 {
			if _, err := fw.Write(chunk); err != nil {
				return
			}
		}
		mw.Close()
		pw.Close()
	}()
	r := httptest.NewRequestWithContext(context.Background(), http.MethodPost, "/impor", pr)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	p := b.do(r).status(http.StatusRequestEntityTooLarge)
	p.hasFieldError("file")
	if got := p.text("#f-file-error"); !strings.Contains(got, "64 MB") {
		t.Errorf("too large: %q", got)
	}
	p.one(`#f-cohort_id option[value="` + c.ID.String() + `"][selected]`)
}
