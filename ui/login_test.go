package ui

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestLogin logs in through the form, carries the session cookie as a
// browser would, and logs out.
func TestLogin(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		u, _ := storetest.User(t, db, tkm.RoleRegional, "51")
		b := s.as(nil)

		b.get("/kelompok").redirectsTo("/masuk?next=%2Fkelompok")
		form := b.get("/masuk?next=/angkatan").status(http.StatusOK)
		if got := attr(form.one(`form[action="/masuk"] input[name=next]`), "value"); got != "/angkatan" {
			t.Errorf("next carried as %q", got)
		}
		form.one(`label[for=f-email]`)
		form.one(`input#f-password[type=password][autocomplete=current-password]`)

		p := b.post("/masuk", url.Values{"email": {u.Email}, "password": {testPassword}, "next": {"/angkatan"}})
		p.redirectsTo("/angkatan")
		checkSessionCookie(t, b.jar[SessionCookie])

		home := b.get("/angkatan").status(http.StatusOK)
		if got := home.text(".header__user"); got != "Masuk sebagai "+u.Name {
			t.Errorf("header shows %q", got)
		}
		home.one(`form[action="/keluar"][method=post] button[type=submit]`)

		b.post("/keluar", nil).redirectsTo("/masuk")
		if _, ok := b.jar[SessionCookie]; ok {
			t.Error("logout kept the session cookie")
		}
		b.get("/kelompok").redirectsTo("/masuk?next=%2Fkelompok")
	})
}

func checkSessionCookie(t *testing.T, c *http.Cookie) {
	t.Helper()
	switch {
	case c == nil || c.Value == "":
		t.Fatal("no session cookie")
	case !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/":
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax, Path=/", c)
	case c.MaxAge < 11*60*60 || c.MaxAge > 12*60*60:
		t.Errorf("MaxAge %d, want the session's 12 hours", c.MaxAge)
	case c.Secure:
		t.Error("Secure cookie over plain HTTP")
	}
}

// TestLoginFailure shows the form again with the error, the email kept
// and the password not.
func TestLoginFailure(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	u, _ := storetest.User(t, s.db, tkm.RoleMentor, "")
	b := s.as(nil)

	p := b.post("/masuk", url.Values{"email": {u.Email}, "password": {"wrong password!"}}).status(http.StatusUnauthorized)
	p.hasFieldError("email")
	if got := p.text("#f-email-error"); got != "Galat: Email atau kata sandi salah." {
		t.Errorf("error %q", got)
	}
	if attr(p.one("#f-email"), "value") != u.Email || attr(p.one("#f-password"), "value") != "" {
		t.Error("want the email kept and the password cleared")
	}
	if _, ok := b.jar[SessionCookie]; ok {
		t.Error("a failed login set a session cookie")
	}

	p = b.post("/masuk", url.Values{}).status(http.StatusUnprocessableEntity)
	p.hasFieldError("email")
	p.hasFieldError("password")
	if got := p.text("head title"); got != "Galat: Masuk – TKM" {
		t.Errorf("title %q", got)
	}
}

// TestLoginNext never sends anyone to another site after logging in.
func TestLoginNext(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	u, _ := storetest.User(t, s.db, tkm.RoleAuditor, "")
	for next, want := range map[string]string{
		"":                     "/kelompok",
		"/kelompok/5?x=1":      "/kelompok/5?x=1",
		"//evil.example":       "/kelompok",
		"/\\evil.example":      "/kelompok",
		"https://evil.example": "/kelompok",
		"kelompok":             "/kelompok",
	} {
		p := s.as(nil).post("/masuk", url.Values{"email": {u.Email}, "password": {testPassword}, "next": {next}})
		if got := p.Header.Get("Location"); got != want {
			t.Errorf("next %q: went to %q, want %q", next, got, want)
		}
	}
	s.as(u).get("/masuk?next=/angkatan").redirectsTo("/angkatan")
}

// TestHome sends visitors on.
func TestHome(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	s.as(nil).get("/").redirectsTo("/masuk")
	s.as(&tkm.User{ID: 1, Role: tkm.RoleAdmin, Name: "Admin"}).get("/").redirectsTo("/kelompok")
}

// TestBodyTooLarge: a form over 1 MB is refused with a page that says so.
func TestBodyTooLarge(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	p := s.as(nil).post("/masuk", url.Values{"email": {strings.Repeat("a", 2<<20)}}).status(http.StatusRequestEntityTooLarge)
	if p.text("h1") != "Permintaan tidak dapat diproses" || p.text(".error-page__message") != "Isian melebihi 1 MB." {
		t.Errorf("page %q: %q", p.text("h1"), p.text(".error-page__message"))
	}
}
