package ui

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// logInAs logs a new browser in through the form, with a User-Agent.
func (s *site) logInAs(u *tkm.User, userAgent string) *browser {
	s.t.Helper()
	b := s.as(nil)
	r := postRequest("/masuk", url.Values{"email": {u.Email}, "password": {testPassword}})
	r.Header.Set("User-Agent", userAgent)
	r = r.WithContext(tkm.NewContextWithOrigin(r.Context(), tkm.Origin{IP: "10.1.2.3", UserAgent: userAgent}))
	b.do(r).redirectsTo("/")
	return b
}

// TestAccountPage shows who the user is and where they are logged in, this
// browser's session marked, and ends another session.
func TestAccountPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		u, _ := storetest.User(t, db, tkm.RoleRegional, "51.03")
		phone := s.logInAs(u, "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36")
		laptop := s.logInAs(u, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0")

		p := phone.get("/akun").status(http.StatusOK)
		me := p.text("#me")
		for _, want := range []string{u.Name, u.Email, "Petugas daerah (Disnaker)", "Kabupaten Badung, Bali (51.03)"} {
			if !strings.Contains(me, want) {
				t.Errorf("account lacks %q: %s", want, me)
			}
		}
		rows := p.all("#sessions tbody tr")
		if len(rows) != 2 {
			t.Fatalf("%d sessions, want 2", len(rows))
		}
		current := p.all("#sessions tbody tr.current")
		if len(current) != 1 || !strings.Contains(textOf(current[0]), "Chrome di Android") ||
			textOf(findAll(current[0], "th .tag")[0]) != "sesi ini" {
			t.Fatalf("current session row: %v", current)
		}
		today := tkm.FormatTanggal(time.Now().In(wib))
		cells := findAll(current[0], "td")
		if !strings.HasPrefix(textOf(cells[2]), today+" pukul ") || !strings.HasSuffix(textOf(cells[2]), " WIB") ||
			textOf(cells[1]) != "10.1.2.3" || !strings.Contains(textOf(cells[3]), " WIB") {
			t.Errorf("session cells %q %q %q", textOf(cells[1]), textOf(cells[2]), textOf(cells[3]))
		}

		var other string
		for _, row := range rows {
			if strings.Contains(textOf(row), "Firefox di Windows") {
				other = attr(findAll(row, "form[method=post]")[0], "action")
			}
		}
		if other == "" {
			t.Fatal("no revoke form for the laptop's session")
		}
		p = phone.follow(phone.post(other, nil).redirectsTo("/akun"))
		if got := p.text(".notice"); got != "Sesi telah diakhiri." {
			t.Errorf("notice %q", got)
		}
		if n := len(p.all("#sessions tbody tr")); n != 1 {
			t.Errorf("%d sessions after revoking one, want 1", n)
		}
		laptop.get("/kelompok").redirectsTo("/masuk?next=%2Fkelompok")
		phone.post(other, nil).status(http.StatusNotFound) // already ended

		mine := attr(p.one("#sessions tr.current form"), "action")
		p = phone.follow(phone.post(mine, nil).redirectsTo("/masuk"))
		if got := p.text(".notice"); !strings.Contains(got, "peramban ini telah diakhiri") {
			t.Errorf("notice %q", got)
		}
		phone.get("/akun").redirectsTo("/masuk?next=%2Fakun")
	})
}

// TestAccountRevokeOthers: a user cannot end someone else's session.
func TestAccountRevokeOthers(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	u, _ := storetest.User(t, s.db, tkm.RoleMentor, "")
	victim := s.logInAs(u, "curl/8.0")
	ss, err := s.auth.Sessions(storetest.As(u))
	if err != nil || len(ss) != 1 {
		t.Fatal(ss, err)
	}
	intruder, _ := s.user(tkm.RoleAdmin, "")
	intruder.post("/akun/sesi/"+ss[0].ID.String()+"/akhiri", nil).status(http.StatusNotFound)
	victim.get("/kelompok").status(http.StatusOK)
	s.as(nil).post("/akun/sesi/"+ss[0].ID.String()+"/akhiri", nil).redirectsTo("/masuk?next=%2Fakun%2Fsesi%2F" + ss[0].ID.String() + "%2Fakhiri")
}

// TestAccountPassword changes one's own password: the old one is needed,
// the new one checked, and afterwards every session ends.
func TestAccountPassword(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		u, _ := storetest.User(t, db, tkm.RoleAuditor, "")
		b := s.logInAs(u, "Firefox/128.0")
		elsewhere := s.logInAs(u, "Chrome/126.0")

		p := b.get("/akun").status(http.StatusOK)
		p.one(`form[method=post][action="/akun/sandi"] #f-old_password[type=password][autocomplete=current-password]`)
		p.one(`#f-password[type=password][autocomplete=new-password]`)

		p = b.post("/akun/sandi", url.Values{"old_password": {"salah sekali ini"}, "password": {"nasi goreng pedas sekali"}}).
			status(http.StatusUnprocessableEntity)
		p.hasFieldError("old_password")
		if n := len(p.all("#sessions tbody tr")); n != 2 {
			t.Errorf("the page with errors lists %d sessions", n)
		}
		b.post("/akun/sandi", url.Values{"old_password": {testPassword}, "password": {"pendek"}}).
			status(http.StatusUnprocessableEntity).hasFieldError("password")

		p = b.post("/akun/sandi", url.Values{"old_password": {testPassword}, "password": {"nasi goreng pedas sekali"}})
		p = b.follow(p.redirectsTo("/masuk"))
		if got := p.text(".notice"); !strings.Contains(got, "Kata sandi telah diganti") {
			t.Errorf("notice %q", got)
		}
		if _, ok := b.jar[SessionCookie]; ok {
			t.Error("the session cookie stayed")
		}
		elsewhere.get("/kelompok").redirectsTo("/masuk?next=%2Fkelompok")
		s.as(nil).post("/masuk", url.Values{"email": {u.Email}, "password": {"nasi goreng pedas sekali"}}).redirectsTo("/")
	})
}

func TestBrowserName(t *testing.T) {
	p := printer{langID, map[string]string{"session.browser": "%s di %s", "session.browser.unknown": "Tidak diketahui"}}
	for ua, want := range map[string]string{
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1": "Safari di iPhone",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0":                   "Edge di Windows",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Gecko/20100101 Firefox/127.0":                                                               "Firefox di macOS",
		"curl/8.5.0":   "curl",
		"tkm-sync/1.0": "tkm-sync/1.0",
		"":             "Tidak diketahui",
	} {
		if got := browserName(p, ua); got != want {
			t.Errorf("%q: %q, want %q", ua, got, want)
		}
	}
}
