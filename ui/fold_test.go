package ui

import (
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// tricky holds every character html/template escapes.
const tricky = `Tom & "Jerry" <b>'s</b> +1 ` + "\x00"

// TestFoldContexts: fold writes a text only where html/template would
// escape it as HTML, and leaves every other action alone.
func TestFoldContexts(t *testing.T) {
	a := &assets{urls: map[string]string{"app.css": "/static/app.0123456789.css", "odd.css": "/static/odd file.css"}}
	p := printer{langID, map[string]string{"k": tricky, "plain": "Nama"}}
	esc := template.HTMLEscapeString(tricky)
	esc = strings.ReplaceAll(esc, "+", "&#43;")
	for _, c := range []struct{ src, want string }{
		{`<p>{{t "k"}}</p>`, `<p>` + esc + `</p>`},
		{`<title>{{t "k"}}</title>`, `<title>` + esc + `</title>`},
		{`<td data-label="{{t "plain"}}" class="x">`, `<td data-label="Nama" class="x">`},
		{`<a href="/x" title="{{t "k"}}">`, `<a href="/x" title="` + esc + `">`},
		{`<nav aria-label="{{t "plain"}}">`, `<nav aria-label="Nama">`},
		{`<p>{{if .X}}<b>{{end}}{{t "plain"}}</p>`, `<p>{{if .X}}<b>{{end}}Nama</p>`},
		{`<a href="{{t "plain"}}">`, `<a href="{{t "plain"}}">`},
		{`<div class="{{t "plain"}}">`, `<div class="{{t "plain"}}">`},
		{`<div title='{{t "plain"}}'>`, `<div title='{{t "plain"}}'>`},
		{`<div title={{t "plain"}}>`, `<div title={{t "plain"}}>`},
		{`<div {{t "plain"}}>`, `<div {{t "plain"}}>`},
		{`<p>{{t "plain" .N}}</p>`, `<p>{{t "plain" .N}}</p>`},
		{`<p>{{- t "plain"}}</p>`, `<p>{{- t "plain"}}</p>`},
		{`<p></p><script>{{t "plain"}}</script>`, `<p></p><script>{{t "plain"}}</script>`},
		{`<style>p{}</style><p>{{t "plain"}}</p>`, `<style>p{}</style><p>Nama</p>`},
		{`<p>a</p><!-- <a href=" -->{{t "plain"}}`, `<p>a</p><!-- <a href=" -->Nama`},
		{`{{t "plain"}}`, `{{t "plain"}}`},
		{`<p>x</p>{{define "y"}}{{t "plain"}}{{end}}`, `<p>x</p>{{define "y"}}{{t "plain"}}{{end}}`},
		{`{{define "y"}}<p>{{t "plain"}}</p>{{end}}`, `{{define "y"}}<p>Nama</p>{{end}}`},
		{`<link href="{{static "app.css"}}">`, `<link href="/static/app.0123456789.css">`},
		{`<link href="{{static "odd.css"}}">`, `<link href="{{static "odd.css"}}">`},
		{`<p class="{{static "app.css"}}">`, `<p class="{{static "app.css"}}">`},
	} {
		got, err := fold(c.src, p, a)
		if err != nil || got != c.want {
			t.Errorf("fold(%s) = %s, %v; want %s", c.src, got, err, c.want)
		}
	}
	for _, src := range []string{`<p>{{t "nope"}}</p>`, `<a href="{{static "nope.css"}}">`, `{{t "nope"}}`} {
		if _, err := fold(src, p, a); err == nil {
			t.Errorf("fold(%s) accepted a missing text or file", src)
		}
	}
}

// TestFoldEscapesAsTemplate: for every text of the catalog, in each
// context fold writes it, the folded template writes what html/template
// itself writes for the call.
func TestFoldEscapesAsTemplate(t *testing.T) {
	cat, err := loadCatalog(catalogFS)
	if err != nil {
		t.Fatal(err)
	}
	a, err := newAssets(staticFS)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range languages {
		p := cat.printer(lang)
		p.texts = maps.Clone(p.texts)
		p.texts["tricky"] = tricky
		var src strings.Builder
		for _, key := range slices.Sorted(maps.Keys(p.texts)) {
			k := `{{t "` + key + `"}}`
			src.WriteString(`<p data-label="` + k + `" aria-label="` + k + `" title="` + k + `">` + k + "</p>\n")
		}
		src.WriteString(`<title>{{t "tricky"}}</title><link href="{{static "tkm.css"}}">`)
		folded, err := fold(src.String(), p, a)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(folded, "{{") {
			t.Fatalf("%s: not everything was folded", lang)
		}
		if want, got := execute(t, src.String(), p, a), execute(t, folded, p, a); got != want {
			t.Errorf("%s: folded templates write\n%s\nwant\n%s", lang, got, want)
		}
	}
}

func execute(t *testing.T, src string, p printer, a *assets) string {
	t.Helper()
	tmpl, err := template.New("").Funcs(funcs(p, a, nil)).Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestFoldKeepsPages: the real pages, folded as the UI serves them, are
// the same to the byte as those html/template writes from the unfolded
// templates.
func TestFoldKeepsPages(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		c := storetest.Cohort(t, db, 2024)
		g := storetest.Group(c.ID, "51.03.05", 3, 10)
		g.Members[1].Disability, g.Members[2].Phone = true, ""
		g.Name = `Kelompok "Tani" & <Co> +`
		if _, err := store.NewGroupService(db).CreateGroup(storetest.As(admin), g); err != nil {
			t.Fatal(err)
		}
		id := g.ID.String()
		mentor, mu := s.user(tkm.RoleMentor, "")
		officer, _ := s.user(tkm.RoleRegional, "51")
		officer.get("/kelompok/" + id + "?nik=lengkap") // something for the audit log to show
		uid := mu.ID.String()
		_, ministry := s.user(tkm.RoleMinistry, "")
		w := workflowPaths(t, db, ministry, c.ID, g.Name)
		paths := []string{"/kelompok/" + id, "/kelompok", "/kelompok?stage=x&province=99", "/kelompok?stage=verified",
			"/kelompok/" + id + "/ubah", "/kelompok/" + id + "/hapus", "/kelompok/baru", "/kelompok/" + id + "/anggota/baru",
			"/kelompok/" + id + "/anggota/" + g.Members[0].ID.String() + "/ubah", "/angkatan", "/angkatan/baru", "/nope",
			"/kelompok/" + id + "?nik=lengkap", "/pengguna", "/pengguna?role=x", "/pengguna/baru", "/pengguna/" + uid + "/ubah",
			"/pengguna/" + uid + "/sandi", "/akun", "/audit?group=x", "/audit?action=group.create", "/audit?action=nik.view&until=2000-01-01",
			"/data-pribadi"} // no page whose log a reveal above changes between the rounds
		paths = append(paths, w...)
		paths = append(paths, importPaths(t, db, ministry, c.ID)...)
		paths = append(paths, expoPaths(t, db, ministry, w[0])...)
		for _, lang := range languages {
			for _, b := range []*browser{s.as(admin), mentor} {
				b.jar[langCookie] = &http.Cookie{Name: langCookie, Value: lang}
				folded := map[string]string{}
				for _, path := range paths {
					folded[path] = b.get(path).Body
				}
				unfolded := withoutFolding(t, s.h)
				for _, path := range paths {
					if got := b.get(path).Body; got != folded[path] {
						t.Errorf("%s %s: folded page differs: %s", lang, path, firstDiff(folded[path], got))
					}
				}
				unfolded()
			}
		}
		s.as(nil).get("/masuk") // the login page, if only for checkPage
	})
}

// expoPaths gives the group at page (which may exhibit) a booth at a new
// expo and returns the expo's pages, the public area's and the group's
// profile.
func expoPaths(t *testing.T, db *store.DB, u *tkm.User, page string) []string {
	id, err := tkm.ParseID(strings.TrimPrefix(page, "/kelompok/"))
	if err != nil {
		t.Fatal(err)
	}
	es := store.NewExpoService(db)
	e := &tkm.Expo{Name: `Pameran "TKM" & <Co>`, Venue: "BNDCC", RegionCode: "51", StartsOn: tkm.DateOf(2019, 11, 19), EndsOn: tkm.DateOf(2019, 11, 21)}
	if err := es.CreateExpo(storetest.As(u), e); err != nil {
		t.Fatal(err)
	}
	if _, err := es.AddExhibitor(storetest.As(u), e.ID, id, "A1"); err != nil {
		t.Fatal(err)
	}
	expo := "/pameran/" + e.ID.String()
	return []string{"/pameran", "/pameran/baru", expo, expo + "/peserta", expo + "/penjualan", "/katalog", "/katalog?q=tas",
		tkm.PublicGroupPath(id), "/expo", "/expo/" + e.ID.String(), "/daftar", page + "/profil"}
}

// withoutFolding has h render from templates parsed without fold until
// the returned function puts the folded ones back.
func withoutFolding(t *testing.T, h *Handler) (restore func()) {
	t.Helper()
	shared, pages, err := templateFiles(templateFS)
	if err != nil {
		t.Fatal(err)
	}
	folded := h.views.pages
	h.views.pages = map[string]map[string]*template.Template{}
	for _, lang := range languages {
		p := h.views.cat.printer(lang)
		same := func(src string) (string, error) { return src, nil }
		if h.views.pages[lang], err = parsePages(templateFS, shared, pages, same, funcs(p, h.assets, h.Regions)); err != nil {
			t.Fatal(err)
		}
	}
	return func() { h.views.pages = folded }
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: %q, want %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(al), len(bl))
}

// workflowPaths makes a group that went the whole way, with a record of
// everything on it, and returns the pages that show it.
func workflowPaths(t *testing.T, db *store.DB, u *tkm.User, cohort tkm.ID, name string) []string {
	g := storetest.Group(cohort, "51.03.05", 10, 60)
	g.Name = name
	if _, err := store.NewGroupService(db).CreateGroup(storetest.As(u), g); err != nil {
		t.Fatal(err)
	}
	rc := record{t, db, u}
	moveTo(t, db, u, g.ID, tkm.StageApproved, false)
	tr := rc.training(tkm.Pembekalan, g)
	rc.attend(tr, g.Members[:9]...)
	rc.aid(g, "001/<BAST> & \"co\"", 20_000_000)
	pr := rc.product(g, `Tas "Anyaman" & <co>`, true)
	l := rc.lpj(g)
	rep := rc.report(g, "2024-05")
	moveTo(t, db, u, g.ID, tkm.StageInstitutional, true)
	base := "/kelompok/" + g.ID.String()
	return []string{base, base + "/bantuan/baru", base + "/produk/baru", base + "/produk/" + pr.ID.String() + "/foto",
		base + "/lpj/baru", base + "/lpj/" + l.ID.String() + "/lampiran", base + "/lpj/" + l.ID.String() + "/periksa",
		base + "/laporan/baru", base + "/laporan/" + rep.ID.String() + "/foto", "/pelatihan", "/pelatihan/baru?kind=pembekalan",
		"/pelatihan/" + tr.ID.String(), "/pelatihan/" + tr.ID.String() + "/hadir", "/kelompok?stage=institutional"}
}
