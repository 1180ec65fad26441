package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tkm"
	"tkm/sheet"
	"tkm/store/storetest"
)

// importCSV is a `;`-separated CSV with a BOM, as Indonesian Excel saves
// it: groups of ten in district, one per ref.
func importCSV(refs []string, district string, first int) string {
	var b strings.Builder
	b.WriteString("\ufeff" + strings.Join(tkm.ImportColumns, ";") + "\r\n")
	for gi, ref := range refs {
		for i := range 10 {
			m := storetest.Member(district, first+gi*10+i)
			birth := m.BirthDate.Time().Format("02/01/2006")
			fmt.Fprintf(&b, "%s;KUB %s ;%s;Kerajinan;0361 123456;%s;%s;%s;%s;%s;%s;%s;Menganggur\r\n",
				ref, ref, district, m.NIK, m.Name, strings.ToLower(string(m.Sex)), birth, m.Phone, m.Address, strings.ToUpper(string(m.Role)))
		}
	}
	return b.String()
}

func TestImportCommand(t *testing.T) {
	t.Setenv("TKM_SECRET_KEY", "")
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "tkm.db")
	db, err := openDB(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	c := storetest.Cohort(t, db, 2019)
	db.Close()
	file := filepath.Join(dir, "kelompok.csv")
	os.WriteFile(file, []byte(importCSV([]string{"A", "B"}, "51.03.05", 1)), 0o600)

	code, out, errOut := run(t, "", "import", file, "--cohort", c.ID.String(), "--db", dsn)
	if code != 0 || !strings.Contains(out, "2 kelompok baru") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, "", "import", file, "--cohort", c.ID.String(), "--db", dsn)
	if code != 0 || !strings.Contains(out, "0 kelompok baru, 0 diubah, 2 tetap") {
		t.Fatalf("second import: %d %q", code, out)
	}
	bad := strings.Replace(importCSV([]string{"C"}, "51.03.05", 21), "51.03.05", "51.99", 1)
	os.WriteFile(file, []byte(bad), 0o600)
	code, _, errOut = run(t, "", "import", file, "--cohort", c.ID.String(), "--db", dsn)
	if code != 1 || !strings.Contains(errOut, "baris 2, kolom kode_wilayah") {
		t.Fatalf("a bad file: %d %q", code, errOut)
	}

	// Export the members back, as CSV, and find the first one's masked NIK.
	outFile := filepath.Join(dir, "anggota.csv")
	if code, _, errOut := run(t, "", "export", "members", "--format", "csv", "-o", outFile, "--db", dsn); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	b, _ := os.ReadFile(outFile)
	if lines := strings.Count(string(b), "\n"); lines != 21 || !strings.Contains(string(b), tkm.MaskNIK(storetest.Member("51.03.05", 1).NIK)) {
		t.Fatalf("exported %d lines:\n%.300s", lines, b)
	}
}

// TestImportThroughTheServer uploads files to a running server and watches
// its worker take them: progress, errors by row and column, the error copy.
func TestImportThroughTheServer(t *testing.T) {
	e2eEngines(t, func(t *testing.T, app *App) {
		email, password := addUser(t, app.DB, tkm.RoleRegional, "51")
		c := storetest.Cohort(t, app.DB, 2019)
		url := app.Server.URL()
		token := apiLogin(t, url, email, password)

		good := importCSV([]string{"A", "B", "C"}, "51.03.05", 1)
		res := waitImport(t, url, token, postImport(t, url, token, c.ID, "baik.csv", good, false))
		if res.Status != tkm.ImportDone || res.GroupsCreated != 3 || res.RowsTotal != 30 {
			t.Fatalf("good file: %+v", res)
		}
		bad := strings.Replace(good, "0361 123456", "12", 1)    // row 2: not a phone
		bad = strings.Replace(bad, ";KUB B ;", ";KUB Bee ;", 1) // row 12: B named otherwise
		id := postImport(t, url, token, c.ID, "salah.csv", bad, false)
		res = waitImport(t, url, token, id)
		if res.Status != tkm.ImportFailed || res.ErrorsTotal != 2 || res.Errors[0].Row != 2 || res.Errors[0].Column != "telepon_kelompok" {
			t.Fatalf("bad file: %+v", res)
		}
		data := get(t, url+"/api/v1/imports/"+id.String()+"/errors.xlsx", token)
		rd, err := sheet.Open(bytes.NewReader(data), int64(len(data)), sheet.Options{})
		if err != nil {
			t.Fatalf("error copy: %v", err)
		}
		rows, _ := rd.Rows()
		var notes []string
		for rows.Next() {
			cells := rows.Row().Cells
			notes = append(notes, cells[len(cells)-1].Text)
		}
		if len(notes) != 31 || !strings.Contains(notes[1], "telepon_kelompok") || !strings.Contains(notes[11], "nama_kelompok") {
			t.Fatalf("error column: %q", notes[:12])
		}
		tmpl := get(t, url+"/api/v1/imports/template.xlsx", token)
		if _, err := sheet.Open(bytes.NewReader(tmpl), int64(len(tmpl)), sheet.Options{}); err != nil || len(tmpl) < 1000 {
			t.Fatalf("template: %d bytes, %v", len(tmpl), err)
		}
	})
}

func apiLogin(t *testing.T, url, email, password string) string {
	resp, err := http.Post(url+"/api/v1/auth/token", "application/json",
		strings.NewReader(fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("login: %v %v", resp, err)
	}
	defer resp.Body.Close()
	var tok struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&tok)
	return tok.Token
}

func postImport(t *testing.T, url, token string, cohort tkm.ID, name, data string, dry bool) tkm.ID {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("cohort_id", cohort.String())
	mw.WriteField("dry_run", fmt.Sprint(dry))
	fw, _ := mw.CreateFormFile("file", name)
	io.WriteString(fw, data)
	mw.Close()
	req, _ := http.NewRequest("POST", url+"/api/v1/imports", &body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("post import: %v %v %s", resp.Status, err, b)
	}
	defer resp.Body.Close()
	var res tkm.ImportResult
	json.NewDecoder(resp.Body).Decode(&res)
	return res.ID
}

// waitImport polls an import until it ends.
func waitImport(t *testing.T, url, token string, id tkm.ID) *tkm.ImportResult {
	for range 200 {
		var res tkm.ImportResult
		json.Unmarshal(get(t, url+"/api/v1/imports/"+id.String(), token), &res)
		if res.Status == tkm.ImportDone || res.Status == tkm.ImportFailed {
			return &res
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("import %s did not end", id)
	return nil
}

func get(t *testing.T, url, token string) []byte {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return b
}
