package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tkm"
	"tkm/server"
	"tkm/store"
	"tkm/ui"
)

// TestLoginBehindProxy logs in through a "proxy" on 127.0.0.1 that says
// the client used https from 198.51.100.9: with 127.0.0.0/8 trusted the
// session cookie is Secure and the session notes the client's address;
// without, both headers are ignored.
func TestLoginBehindProxy(t *testing.T) {
	for name, dsn := range engineDSNs(t) {
		t.Run(name, func(t *testing.T) {
			trusted, _ := server.ParseTrustedProxies("127.0.0.0/8")
			behind := startApp(t, dsn(t), func(a *App) { a.TrustedProxies = trusted })
			cookie, ip := proxiedLogin(t, behind)
			if !cookie.Secure || ip != "198.51.100.9" {
				t.Errorf("trusted proxy: cookie Secure %v, session from %s", cookie.Secure, ip)
			}
			exposed := startApp(t, dsn(t))
			cookie, ip = proxiedLogin(t, exposed)
			if cookie.Secure || ip != "127.0.0.1" {
				t.Errorf("untrusted peer: cookie Secure %v, session from %s", cookie.Secure, ip)
			}
		})
	}
}

// proxiedLogin logs in on the web form with forwarded headers and returns
// the session cookie and the address the session was opened from.
func proxiedLogin(t *testing.T, app *App) (*http.Cookie, string) {
	t.Helper()
	email, password := addUser(t, app.DB, tkm.RoleMinistry, "")
	c := webLogin(t, app.Server.URL(), email, password,
		http.Header{"X-Forwarded-For": {"198.51.100.9"}, "X-Forwarded-Proto": {"https"}})
	_, sess, err := store.NewAuthService(app.DB).Authenticate(context.Background(), c.Value)
	if err != nil {
		t.Fatal(err)
	}
	return c, sess.IP
}

// webLogin logs in on the web form, with extra headers, and returns the
// session cookie.
func webLogin(t *testing.T, site, email, password string, header http.Header) *http.Cookie {
	t.Helper()
	form := url.Values{"email": {email}, "password": {password}}
	req, _ := http.NewRequest("POST", site+"/masuk", strings.NewReader(form.Encode()))
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == ui.SessionCookie {
			return c
		}
	}
	t.Fatalf("login: %s without a session cookie", resp.Status)
	return nil
}
