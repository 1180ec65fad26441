package ui

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"tkm"
	"tkm/sheet"
	"tkm/store"
	"tkm/store/storetest"
)

// templateRow is a member's row of the import template.
func templateRow(ref string, g *tkm.Group, m *tkm.Member) []string {
	return []string{ref, g.Name, g.RegionCode, g.Sector, g.Phone, m.NIK, m.Name, string(m.Sex),
		m.BirthDate.String(), m.Phone, m.Address, string(m.Role), string(m.Employment)}
}

// templateFile writes g's members as an import template of format (sheet.XLSX
// or sheet.CSV), with each row passed through change.
func templateFile(t *testing.T, format string, g *tkm.Group, change func(i int, row []string)) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := sheet.NewWriter(&buf, format, tkm.ImportColumns, 0, 2, 4, 5, 8, 9)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range g.Members {
		row := templateRow("KUB-1", g, m)
		if change != nil {
			change(i, row)
		}
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// postFile posts a file as the input "file" of a multipart form.
func (b *browser) postFile(path, name string, data []byte) *page {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	r := httptest.NewRequestWithContext(context.Background(), http.MethodPost, path, &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(r)
}

// formValues is what a browser sends for the form n as it stands.
func formValues(n *html.Node) url.Values {
	v := url.Values{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			addValue(v, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return v
}

// addValue adds the value a control sends, if any.
func addValue(v url.Values, n *html.Node) {
	name, named := attrOK(n, "name")
	_, checked := attrOK(n, "checked")
	switch typ := attr(n, "type"); {
	case !named:
	case n.Data == "input" && (typ == "checkbox" || typ == "radio") && !checked:
	case n.Data == "input" && typ != "file" && typ != "submit":
		v.Add(name, attr(n, "value"))
	case n.Data == "select":
		v.Add(name, selectedValue(n))
	}
}

// selectedValue is the value of a select's chosen option, or its first.
func selectedValue(n *html.Node) string {
	first, found := "", false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.Data != "option" {
			continue
		}
		if _, ok := attrOK(c, "selected"); ok {
			return attr(c, "value")
		}
		if !found {
			first, found = attr(c, "value"), true
		}
	}
	return first
}

// uploadStep opens a cohort and returns a new leader's browser with the
// addresses of the group step and its upload.
func uploadStep(t *testing.T, s *site) (*browser, *tkm.Cohort, string, string) {
	c := openCohort(t, s.db, 2025)
	leader, _ := s.user(tkm.RoleGroup, "")
	q := "?angkatan=" + c.ID.String() + "&wilayah=51.03"
	return leader, c, "/daftar/kelompok" + q, "/daftar/kelompok/unggah" + q
}

// TestSignupUpload: a leader downloads the template, uploads it filled in
// as XLSX, finds the form filled with the group and its members, sends it,
// and the group is registered in the regency chosen.
func TestSignupUpload(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		leader, c, group, upload := uploadStep(t, s)
		p := leader.get(group).status(http.StatusOK)
		p.one(`a#upload-template[href="/daftar/templat.xlsx"]`)
		p.one(`form[action="` + upload + `"][enctype="multipart/form-data"][method=post] input#f-file[type=file][name=file]`)
		tmpl := leader.get("/daftar/templat.xlsx").status(http.StatusOK)
		if tmpl.Header.Get("Content-Type") != xlsxType || tmpl.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("template headers %v", tmpl.Header)
		}
		s.as(nil).get("/daftar/templat.xlsx").redirectsTo("/masuk?next=%2Fdaftar%2Ftemplat.xlsx")

		g := storetest.Group(c.ID, "51.03.05", 10, 1)
		g.Name, g.Sector = "KUB Tenun Sekar Jagat", "Tenun ikat"
		p = leader.postFile(upload, "kelompok.xlsx", templateFile(t, sheet.XLSX, g, nil)).status(http.StatusOK)
		p.none(".error-summary")
		if got := p.text("#upload-done"); !strings.Contains(got, "kelompok.xlsx") {
			t.Errorf("notice %q", got)
		}
		if got := attr(p.one("#f-name"), "value"); got != g.Name {
			t.Errorf("group name %q", got)
		}
		for i, m := range g.Members {
			nik, name := attr(p.one(fmt.Sprintf("#f-members-%d-nik", i)), "value"), attr(p.one(fmt.Sprintf("#f-members-%d-name", i)), "value")
			if nik != m.NIK || name != m.Name {
				t.Errorf("member %d: %q %q, want %q %q", i, nik, name, m.NIK, m.Name)
			}
		}
		if n := len(p.all("fieldset.member-row")); n != 10 {
			t.Errorf("%d member rows", n)
		}
		form := formValues(p.one(`form[action="` + group + `"]`))
		done := leader.post(group, form).status(http.StatusSeeOther).Header.Get("Location")
		id, ok := strings.CutPrefix(done, "/daftar/terkirim/")
		if !ok {
			t.Fatalf("after sending, sent to %q", done)
		}
		gid, _ := tkm.ParseID(id)
		_, ministry := storetest.User(t, db, tkm.RoleMinistry, "")
		saved, err := store.NewGroupService(db).FindGroupByID(ministry, gid)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Stage != tkm.StageRegistered || saved.RegionCode != "51.03" || saved.CohortID != c.ID ||
			len(saved.Members) != 10 || saved.Name != g.Name || saved.Sector != g.Sector {
			t.Errorf("saved group %+v", saved)
		}
	})
}

// groupCount is how many groups the registry holds.
func groupCount(t *testing.T, db *store.DB) int {
	t.Helper()
	_, ministry := storetest.User(t, db, tkm.RoleMinistry, "")
	page, err := store.NewGroupService(db).FindGroups(ministry, tkm.GroupFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Items)
}

// TestSignupUploadProblems: a file's problems show at once, each by its
// row and column and beside the input its value went to, above the form
// filled with what could be read; nothing is saved. A `;` CSV is read; a
// file of another kind, one of two groups and none at all are refused.
func TestSignupUploadProblems(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		leader, c, _, upload := uploadStep(t, s)
		g := storetest.Group(c.ID, "51.03.05", 10, 1)
		bad := templateFile(t, sheet.XLSX, g, func(i int, row []string) {
			switch i {
			case 2: // spreadsheet row 4
				row[5] = row[5][:15]
			case 5: // row 7
				row[9] = "12"
			}
		})
		p := leader.postFile(upload, "kelompok.xlsx", bad).status(http.StatusUnprocessableEntity)
		items := p.all(".error-summary li")
		if len(items) != 2 {
			t.Fatalf("%d problems: %q", len(items), p.text(".error-summary"))
		}
		summary := p.text(".error-summary")
		for _, want := range []string{"Baris 4, kolom nik: ", "Baris 7, kolom telepon: "} {
			if !strings.Contains(summary, want) {
				t.Errorf("the summary lacks %q: %q", want, summary)
			}
		}
		p.one(`.error-summary a[href="#f-members-2-nik"]`)
		p.hasFieldError("members[2].nik")
		p.hasFieldError("members[5].phone")
		if got := attr(p.one("#f-members-2-nik"), "value"); got != g.Members[2].NIK[:15] {
			t.Errorf("the bad NIK is kept as %q", got)
		}
		if got := attr(p.one("#f-members-9-name"), "value"); got != g.Members[9].Name {
			t.Errorf("the last member %q", got)
		}
		if n := groupCount(t, db); n != 0 {
			t.Errorf("%d groups saved", n)
		}

		var csv strings.Builder
		csv.WriteString("\ufeff" + strings.Join(tkm.ImportColumns, ";") + "\r\n")
		for _, m := range g.Members {
			csv.WriteString(strings.Join(templateRow("KUB-1", g, m), ";") + "\r\n")
		}
		p = leader.postFile(upload, "kelompok.csv", []byte(csv.String())).status(http.StatusOK)
		if got := attr(p.one("#f-members-9-nik"), "value"); got != g.Members[9].NIK {
			t.Errorf("CSV: last NIK %q", got)
		}

		csv.Reset()
		csv.WriteString(strings.Join(tkm.ImportColumns, ",") + "\n" + tkm.ExampleRef + ",KUB Contoh,51.03.05,,,5103055201900001,Contoh,P,1990-01-12,,,ketua,\n")
		for i, m := range g.Members {
			row := templateRow("KUB-1", g, m)
			if i > 0 {
				row[0], row[1], row[2], row[3], row[4] = "", "", "", "", "" // the group on its first row only
			}
			csv.WriteString(strings.Join(row, ",") + "\n")
		}
		p = leader.postFile(upload, "contoh.csv", []byte(csv.String())).status(http.StatusUnprocessableEntity)
		if got := p.text(".error-summary"); !strings.Contains(got, "Baris 2, kolom ref_kelompok: Ini baris contoh") || len(p.all(".error-summary li")) != 1 {
			t.Errorf("example row: %q", got)
		}
		if got := attr(p.one("#f-members-0-nik"), "value"); got != g.Members[0].NIK || len(p.all("fieldset.member-row")) != 10 {
			t.Errorf("after the example row, the first NIK is %q", got)
		}

		two := templateFile(t, sheet.CSV, g, func(i int, row []string) {
			if i == 6 {
				row[0] = "KUB-2"
			}
		})
		p = leader.postFile(upload, "dua.csv", two).status(http.StatusUnprocessableEntity)
		if got := p.text("#f-file-error"); !strings.Contains(got, "Baris 8, kolom ref_kelompok") || !strings.Contains(got, "lebih dari satu kelompok") {
			t.Errorf("two groups: %q", got)
		}
		if got := attr(p.one("#f-members-0-nik"), "value"); got != "" {
			t.Errorf("a refused file filled the form in: %q", got)
		}

		for name, data := range map[string][]byte{
			"foto.png":    {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
			"surat.pdf":   []byte("%PDF-1.4\n%\xe2\xe3\n"),
			"kosong.xlsx": nil,
		} {
			p = leader.postFile(upload, name, data).status(http.StatusUnprocessableEntity)
			p.hasFieldError("file")
			if got := p.text("#f-file-error"); got == "" || name != "kosong.xlsx" && !strings.Contains(got, "bukan file CSV atau XLSX") {
				t.Errorf("%s: %q", name, got)
			}
		}
		leader.postFile(upload, "", nil).status(http.StatusUnprocessableEntity).hasFieldError("file")
		p = leader.postFile(upload, "besar.csv", bytes.Repeat([]byte("a;"), 2<<20)).status(http.StatusRequestEntityTooLarge)
		if got := p.text("#f-file-error"); !strings.Contains(got, "2 MB") {
			t.Errorf("too large: %q", got)
		}
		if n := groupCount(t, db); n != 0 {
			t.Errorf("%d groups saved", n)
		}
	})
}
