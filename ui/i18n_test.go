package ui

import (
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestLanguageSwitch: the header's link switches to English and back.
func TestLanguageSwitch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 1, 10)
		b := s.as(admin)

		p := b.get("/kelompok").status(http.StatusOK)
		if p.text("h1") != "Kelompok usaha" || attr(p.one("html"), "lang") != "id" {
			t.Fatalf("default page %q in %q", p.text("h1"), attr(p.one("html"), "lang"))
		}
		sw := p.one(`.header a[hreflang=en]`)
		if textOf(sw) != "English" || attr(sw, "href") != "/bahasa?l=en&next=%2Fkelompok" {
			t.Errorf("switch %q → %q", textOf(sw), attr(sw, "href"))
		}
		b.get(attr(sw, "href")).redirectsTo("/kelompok")
		if c := b.jar[langCookie]; c == nil || c.Value != "en" {
			t.Fatalf("language cookie %v", c)
		}

		p = b.get("/kelompok").status(http.StatusOK)
		if p.text("h1") != "Business groups" || attr(p.one("html"), "lang") != "en" {
			t.Errorf("English page %q in %q", p.text("h1"), attr(p.one("html"), "lang"))
		}
		if got := p.text("#groups tbody .tag"); got != "Registered" {
			t.Errorf("stage label %q", got)
		}
		p = b.get("/kelompok/" + g.ID.String())
		if got := p.text("#details"); !regexp.MustCompile(tkm.FormatDateEnglish(g.CreatedAt.In(wib))).MatchString(got) {
			t.Errorf("dates not in English: %s", got)
		}
		if got := p.text(`.header a[hreflang=id]`); got != "Bahasa Indonesia" {
			t.Errorf("switch back reads %q", got)
		}

		b.get("/bahasa?l=id&next=//evil.example").redirectsTo("/")
		if b.jar[langCookie].Value != "id" {
			t.Error("could not switch back")
		}
	})
}

// TestEnglishErrors: domain errors show in the language of the page.
func TestEnglishErrors(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	b := s.as(nil)
	b.get("/bahasa?l=en&next=/masuk")
	p := b.post("/masuk", url.Values{"email": {"nobody@tkm.test"}, "password": {"whatever it is"}}).status(http.StatusUnauthorized)
	if got := p.text("#f-email-error"); got != "Error: Wrong email or password." {
		t.Errorf("error %q", got)
	}
	if got := p.text(".error-summary h2"); got != "There is a problem" {
		t.Errorf("summary %q", got)
	}
}

// TestCatalog: every key a template uses has a text in both languages,
// and a catalog missing a translation is refused at start.
func TestCatalog(t *testing.T) {
	cat, err := loadCatalog(catalogFS)
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`\bt "([a-z0-9_.]+)"|"(?:hint|blank)=([a-z0-9_.]+)"|\(field [^"]*"[^"]*"\)? "([a-z0-9_.]+)"`)
	err = fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, path)
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			k := m[1] + m[2] + m[3]
			for _, lang := range languages {
				if _, ok := cat[lang][k]; !ok {
					t.Errorf("%s: %q has no %s text", path, k, lang)
				}
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = loadCatalog(fstest.MapFS{"i18n/id.json": {Data: []byte(`{"a":"A","b":"B"}`)}, "i18n/en.json": {Data: []byte(`{"a":"A"}`)}})
	if err == nil {
		t.Error("a catalog without an English text was accepted")
	}
}

func TestCatalogParts(t *testing.T) {
	files := fstest.MapFS{
		"i18n/id.json":      {Data: []byte(`{"a":"A"}`)},
		"i18n/en.json":      {Data: []byte(`{"a":"A"}`)},
		"i18n/id-expo.json": {Data: []byte(`{"expo":"Pameran"}`)},
		"i18n/en-expo.json": {Data: []byte(`{"expo":"Expo"}`)},
	}
	cat, err := loadCatalog(files)
	if err != nil {
		t.Fatal(err)
	}
	if got := cat.printer(langID).T("expo"); got != "Pameran" {
		t.Errorf("a part's text = %q, want Pameran", got)
	}
	files["i18n/id-dup.json"] = &fstest.MapFile{Data: []byte(`{"a":"B"}`)}
	files["i18n/en-dup.json"] = &fstest.MapFile{Data: []byte(`{}`)}
	if _, err := loadCatalog(files); err == nil || !strings.Contains(err.Error(), `"a" is already defined`) {
		t.Errorf("a key defined twice: err = %v", err)
	}
}
