package ui

import (
	"database/sql"
	"net/http"
	"net/http/httptest"
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
		"":                     "/",
		"/kelompok/5?x=1":      "/kelompok/5?x=1",
		"//evil.example":       "/",
		"/\\evil.example":      "/",
		"https://evil.example": "/",
		"kelompok":             "/",
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
	s.as(&tkm.User{ID: 1, Role: tkm.RoleAdmin, Name: "Admin"}).get("/").redirectsTo("/dasbor")
}

// TestBodyTooLarge: a form over 1 MB is refused with a page that says so.
func TestBodyTooLarge(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	p := s.as(nil).post("/masuk", url.Values{"email": {strings.Repeat("a", 2<<20)}}).status(http.StatusRequestEntityTooLarge)
	if p.text("h1") != "Permintaan tidak dapat diproses" || p.text(".error-page__message") != "Isian melebihi 1 MB." {
		t.Errorf("page %q: %q", p.text("h1"), p.text(".error-page__message"))
	}
}

// TestLoginRateLimited: after too many failures the login form says how
// long to wait, with 429, even for the right password.
func TestLoginRateLimited(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		u, _ := storetest.User(t, db, tkm.RoleMentor, "")
		b := s.as(nil)
		for range 5 {
			b.post("/masuk", url.Values{"email": {u.Email}, "password": {"wrong password!"}}).status(http.StatusUnauthorized)
		}
		p := b.post("/masuk", url.Values{"email": {u.Email}, "password": {testPassword}}).status(http.StatusTooManyRequests)
		if got := p.text(".error-summary li"); !strings.Contains(got, "Terlalu banyak percobaan masuk") || !strings.Contains(got, "menit") {
			t.Errorf("summary %q", got)
		}
		if attr(p.one("#f-email"), "value") != u.Email {
			t.Error("email not kept")
		}
		if _, ok := b.jar[SessionCookie]; ok {
			t.Error("a refused login set a session cookie")
		}
	})
}

// TestSessionExpired: once a session ends, its browser lands on the login
// page, told why, and comes back where it was after logging in.
func TestSessionExpired(t *testing.T) {
	storetest.EnginesRaw(t, func(t *testing.T, db *store.DB, raw *sql.DB) {
		s := newSite(t, db)
		u, _ := storetest.User(t, db, tkm.RoleRegional, "51")
		b := s.logInAs(u, "Firefox/128.0")
		b.get("/angkatan").status(http.StatusOK)
		if _, err := raw.Exec(`UPDATE sessions SET expires_at = created_at`); err != nil {
			t.Fatal(err)
		}
		b.get("/angkatan?x=1").redirectsTo("/masuk?next=%2Fangkatan%3Fx%3D1")
		if _, ok := b.jar[SessionCookie]; ok {
			t.Error("the ended session's cookie stayed")
		}
		p := b.get("/masuk?next=%2Fangkatan%3Fx%3D1").status(http.StatusOK)
		if got := p.text(".notice"); got != "Sesi Anda telah berakhir. Silakan masuk lagi." {
			t.Errorf("notice %q", got)
		}
		b.post("/masuk", url.Values{"email": {u.Email}, "password": {testPassword}, "next": {"/angkatan?x=1"}}).
			redirectsTo("/angkatan?x=1")
	})
}

// TestSessionCookieSecure: over TLS the session cookie is Secure too.
func TestSessionCookieSecure(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	u, _ := storetest.User(t, s.db, tkm.RoleAuditor, "")
	r := httptest.NewRequest(http.MethodPost, "https://tkm.example/masuk",
		strings.NewReader(url.Values{"email": {u.Email}, "password": {testPassword}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	var c *http.Cookie
	for _, x := range w.Result().Cookies() {
		if x.Name == SessionCookie {
			c = x
		}
	}
	if c == nil || !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie over TLS: %+v", c)
	}
}

// TestNavigation: the header offers only the sections the role may use.
func TestNavigation(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for role, want := range map[tkm.Role]string{
		tkm.RoleAdmin:    "/dasbor /kelompok /angkatan /pelatihan /pameran /impor /pengguna /audit /data-pribadi /akun",
		tkm.RoleMinistry: "/dasbor /kelompok /angkatan /pelatihan /pameran /impor /data-pribadi /akun",
		tkm.RoleRegional: "/dasbor /kelompok /angkatan /pelatihan /pameran /impor /akun",
		tkm.RoleMentor:   "/dasbor /kelompok /angkatan /pelatihan /pameran /akun",
		tkm.RoleAuditor:  "/dasbor /kelompok /angkatan /pelatihan /pameran /audit /data-pribadi /akun",
		tkm.RoleGroup:    "/kelompok /angkatan /pelatihan /akun",
	} {
		region := ""
		if role == tkm.RoleRegional {
			region = "51"
		}
		b, _ := s.user(role, region)
		p := b.get("/akun").status(http.StatusOK)
		var got []string
		for _, a := range p.all(".header__nav a.header__link[href^='/']") {
			if !strings.HasPrefix(attr(a, "href"), "/bahasa") {
				got = append(got, attr(a, "href"))
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: menu %q, want %q", role, got, want)
		}
		p.one(`.header a[href="/akun"][aria-current=page]`)
	}
	p := s.as(nil).get("/masuk").status(http.StatusOK)
	p.none(".header__nav a[href='/kelompok']")
	p.none(".header__nav a[href='/akun']")
	var got []string
	for _, a := range p.all(".header__nav a.header__link[href^='/']") {
		if !strings.HasPrefix(attr(a, "href"), "/bahasa") {
			got = append(got, attr(a, "href"))
		}
	}
	if want := "/katalog /expo /daftar /masuk"; strings.Join(got, " ") != want {
		t.Errorf("the login page's header links %q, want the public area's %q", got, want)
	}
}
