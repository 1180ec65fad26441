package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"time"

	"tkm"
)

// The languages of the UI; Indonesian is the default.
const (
	langID = "id"
	langEN = "en"
)

var languages = []string{langID, langEN}

// langCookie remembers the language a visitor chose.
const langCookie = "lang"

//go:embed i18n/*.json
var catalogFS embed.FS

// catalog holds every visible text of the UI: language → key → text.
type catalog map[string]map[string]string

// loadCatalog reads i18n/LANG.json and i18n/LANG-PART.json (one part per
// area of the site) for every language and checks that each language has
// exactly the same keys, so no page shows a missing text.
func loadCatalog(fsys fs.FS) (catalog, error) {
	cat := catalog{}
	for _, lang := range languages {
		parts, err := fs.Glob(fsys, "i18n/"+lang+"-*.json")
		if err != nil {
			return nil, fmt.Errorf("ui: catalog: %w", err)
		}
		m := map[string]string{}
		for _, name := range append([]string{"i18n/" + lang + ".json"}, parts...) {
			if err := readCatalog(fsys, name, m); err != nil {
				return nil, err
			}
		}
		cat[lang] = m
	}
	return cat, cat.check()
}

// readCatalog adds the texts of one catalog file to m; a key given twice
// is an error, so one part cannot silently change another's text.
func readCatalog(fsys fs.FS, name string, m map[string]string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("ui: catalog: %w", err)
	}
	part := map[string]string{}
	if err := json.Unmarshal(b, &part); err != nil {
		return fmt.Errorf("ui: catalog %s: %w", name, err)
	}
	for k, v := range part {
		if _, dup := m[k]; dup {
			return fmt.Errorf("ui: catalog %s: %q is already defined", name, k)
		}
		m[k] = v
	}
	return nil
}

// check reports a key that one language has and another lacks.
func (c catalog) check() error {
	for key := range c[langID] {
		if _, ok := c[langEN][key]; !ok {
			return fmt.Errorf("ui: catalog: %q has no English text", key)
		}
	}
	for key := range c[langEN] {
		if _, ok := c[langID][key]; !ok {
			return fmt.Errorf("ui: catalog: %q has no Indonesian text", key)
		}
	}
	return nil
}

// printer writes the texts of one language.
type printer struct {
	lang  string
	texts map[string]string // the catalog's texts in lang
}

// printer returns the printer of lang.
func (c catalog) printer(lang string) printer { return printer{lang, c[lang]} }

// en reports whether the printer writes English.
func (p printer) en() bool { return p.lang == langEN }

// t returns the text of key, formatted with args like fmt.Sprintf. An
// unknown key is an error, so a page never shows a bare key.
func (p printer) t(key string, args ...any) (string, error) {
	s, ok := p.texts[key]
	if !ok {
		return "", fmt.Errorf("ui: no text for %q", key)
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s, nil
}

// T is t for Go code, where every key is known to exist; a missing one
// shows as the key itself.
func (p printer) T(key string, args ...any) string {
	s, err := p.t(key, args...)
	if err != nil {
		return key
	}
	return s
}

// pick returns the Indonesian or the English of a message the domain wrote
// in both.
func (p printer) pick(id, en string) string {
	if p.en() && en != "" {
		return en
	}
	return id
}

// longDate writes a timestamp's day, in WIB, with its weekday:
// "Selasa, 19 November 2019". A tkm.Date is written the same way.
func (p printer) longDate(v any) string {
	t, ok := timeOf(v)
	switch {
	case !ok:
		return ""
	case p.en():
		return tkm.FormatDateEnglish(t)
	}
	return tkm.FormatTanggal(t)
}

// shortDate writes a day without its weekday: "19 November 2019".
func (p printer) shortDate(v any) string {
	t, ok := timeOf(v)
	switch {
	case !ok:
		return ""
	case p.en():
		return tkm.FormatDateShortEnglish(t)
	}
	return tkm.FormatTanggalPendek(t)
}

// timeOf returns the moment to show for a time.Time (in WIB) or a
// tkm.Date; false for a zero value or anything else.
func timeOf(v any) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		return v.In(wib), !v.IsZero()
	case tkm.Date:
		return v.Time(), !v.IsZero()
	}
	return time.Time{}, false
}

// langOf returns the language the visitor chose, Indonesian by default.
func langOf(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && slices.Contains(languages, c.Value) {
		return c.Value
	}
	return langID
}

// language remembers the chosen language and goes back to the page the
// visitor came from.
func (h *Handler) language(w http.ResponseWriter, r *http.Request) error {
	lang := r.URL.Query().Get("l")
	if !slices.Contains(languages, lang) {
		lang = langID
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 60 * 60,
		HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteLaxMode})
	return redirect(w, r, safeNext(r.URL.Query().Get("next"), "/"))
}
