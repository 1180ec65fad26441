package ui

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"tkm/store/storetest"
)

// TestStaticFingerprint: the pages link the style sheet and the icon by a
// name that carries their hash, served to be cached forever.
func TestStaticFingerprint(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	login := s.as(nil).get("/masuk").status(http.StatusOK)
	css := attr(login.one(`link[rel=stylesheet]`), "href")
	if !regexp.MustCompile(`^/static/tkm\.[0-9a-f]{10}\.css$`).MatchString(css) {
		t.Fatalf("style sheet at %q, want a fingerprinted name", css)
	}
	icon := attr(login.one(`link[rel=icon][type="image/svg+xml"]`), "href")
	for url, ctype := range map[string]string{css: "text/css", icon: "image/svg+xml"} {
		p := s.as(nil).get(url).status(http.StatusOK)
		if got := p.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", url, got)
		}
		if !strings.HasPrefix(p.Header.Get("Content-Type"), ctype) {
			t.Errorf("%s: Content-Type %q, want %s", url, p.Header.Get("Content-Type"), ctype)
		}
	}
	if got := s.as(nil).get("/favicon.ico").status(http.StatusFound).Header.Get("Location"); got != icon {
		t.Errorf("/favicon.ico points at %q, want %q", got, icon)
	}
	s.as(nil).get("/static/tkm.css").status(http.StatusNotFound)
	s.as(nil).get("/static/tkm.0000000000.css").status(http.StatusNotFound)
}

// TestStaticNotModified: a browser revalidating gets 304.
func TestStaticNotModified(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	u, _ := s.h.assets.url("tkm.css")
	r := httptest.NewRequest(http.MethodGet, u, nil)
	r.Header.Set("If-None-Match", s.h.assets.files[strings.TrimPrefix(u, "/static/")].etag)
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	if w.Code != http.StatusNotModified {
		t.Fatalf("status %d, want 304", w.Code)
	}
}

// TestStaticChangedContentChangesURL: the property the cache relies on.
func TestStaticChangedContentChangesURL(t *testing.T) {
	urlOf := func(content string) string {
		a, err := newAssets(fstest.MapFS{"static/app.css": {Data: []byte(content)}})
		if err != nil {
			t.Fatal(err)
		}
		u, err := a.url("app.css")
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	one, same, other := urlOf("body{color:#000}"), urlOf("body{color:#000}"), urlOf("body{color:#111}")
	if one != same {
		t.Errorf("same content, different URLs: %s, %s", one, same)
	}
	if one == other {
		t.Errorf("changed content kept the URL %s", one)
	}
	if _, err := (&assets{}).url("missing.css"); err == nil {
		t.Error("an unknown asset has a URL")
	}
}
