package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// addresses hands out source addresses 127.1.0.1, 127.1.0.2, … so that
// every client (and every applicant) reaches tkm from an address of its
// own: Linux routes all of 127.0.0.0/8 to the loopback interface.
type addresses struct{ next atomic.Uint32 }

// take returns a new loopback address, never 127.0.0.1 (the tool's own).
func (a *addresses) take() net.IP {
	n := 1<<16 + a.next.Add(1) // 127.1.0.1 onwards
	return net.IPv4(127, byte(n>>16), byte(n>>8), byte(n))
}

// client is one person at a browser or an app: their own address, their
// cookies or token, and the tally their requests count in.
type client struct {
	base  string
	http  *http.Client
	token string
	tally *tally
}

// newClient dials from ip, keeps cookies, and follows no redirect: each
// step of a journey is a request of its own, timed and checked.
func newClient(base string, ip net.IP, t *tally) *client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 10 * time.Second}
	tr := &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 2, IdleConnTimeout: time.Minute}
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Transport: tr, Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &client{base: base, http: hc, tally: t}
}

// close lets go of the client's idle connections.
func (c *client) close() { c.http.CloseIdleConnections() }

// call sends a request and checks its status; a different status, or no
// answer, counts as a failure. It returns the body and the Location. The
// end of the run does not cut a request short: it finishes and counts.
func (c *client) call(ctx context.Context, method, path, ctype string, body []byte, want int) ([]byte, string, error) {
	req, err := http.NewRequestWithContext(context.WithoutCancel(ctx), method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, "", err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	start := time.Now()
	b, loc, err := c.send(req, want)
	c.tally.add(time.Since(start), failureText(method, path, err))
	return b, loc, err
}

// send does the request and reads the whole answer.
func (c *client) send(req *http.Request, want int) ([]byte, string, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != want {
		err = fmt.Errorf("status %d, want %d: %s", resp.StatusCode, want, snippet(b))
	}
	return b, resp.Header.Get("Location"), err
}

func failureText(method, path string, err error) string {
	if err == nil {
		return ""
	}
	return method + " " + path + ": " + err.Error()
}

// snippet is the start of a body, on one line, for a failure report.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// get fetches path and expects 200.
func (c *client) get(ctx context.Context, path string) ([]byte, error) {
	b, _, err := c.call(ctx, "GET", path, "", nil, http.StatusOK)
	return b, err
}

// getJSON fetches path and decodes it into v.
func (c *client) getJSON(ctx context.Context, path string, v any) error {
	b, err := c.get(ctx, path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// sendJSON sends v and decodes the answer into out, if any.
func (c *client) sendJSON(ctx context.Context, method, path string, v any, want int, out any) error {
	body, _ := json.Marshal(v)
	b, _, err := c.call(ctx, method, path, "application/json", body, want)
	if err != nil || out == nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// post sends a form and expects a redirect; it returns where to.
func (c *client) post(ctx context.Context, path string, form url.Values) (string, error) {
	_, loc, err := c.call(ctx, "POST", path, "application/x-www-form-urlencoded", []byte(form.Encode()), http.StatusSeeOther)
	return loc, err
}

// postPage sends a form that answers with a page (200).
func (c *client) postPage(ctx context.Context, path string, form url.Values) ([]byte, error) {
	b, _, err := c.call(ctx, "POST", path, "application/x-www-form-urlencoded", []byte(form.Encode()), http.StatusOK)
	return b, err
}

// login gets a bearer token for the API.
func (c *client) login(ctx context.Context, email, password string) error {
	var tok struct{ Token string }
	err := c.sendJSON(ctx, "POST", "/api/v1/auth/token", map[string]string{"email": email, "password": password}, http.StatusCreated, &tok)
	c.token = tok.Token
	return err
}

// loginUI opens a session for the web pages, as the login form does.
func (c *client) loginUI(ctx context.Context, email, password string) error {
	_, err := c.post(ctx, "/masuk", url.Values{"email": {email}, "password": {password}, "next": {"/kelompok"}})
	return err
}
