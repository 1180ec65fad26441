package ui

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"tkm"
	"tkm/media"
	"tkm/pdf"
	"tkm/sheet"
	"tkm/store"
	"tkm/store/storetest"
)

// testPassword is the password storetest gives every user.
const testPassword = "correct horse battery staple"

// site is the UI over a real database with the real services.
type site struct {
	t    *testing.T
	db   *store.DB
	h    *Handler
	auth tkm.AuthService
}

func newSite(t *testing.T, db *store.DB) *site {
	t.Helper()
	groups := store.NewGroupService(db)
	auth := store.NewAuthService(db)
	h, err := New(withWorkflow(Handler{Auth: auth, Users: store.NewUserService(db), Cohorts: store.NewCohortService(db),
		Groups: groups, Members: groups, Audit: store.NewAuditService(db), Persons: store.NewPersonService(db),
		Regions: db.Regions, Version: "test",
		Logger: slog.New(slog.NewTextHandler(t.Output(), nil))}, db))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &site{t: t, db: db, h: h, auth: auth}
}

// withWorkflow gives h the services of the empowerment workflow over db,
// with the real documents, upload checks and spreadsheets, as cmd/tkm
// wires them.
func withWorkflow(h Handler, db *store.DB) Handler {
	h.Workflow, h.Trainings, h.Aid = store.NewWorkflowService(db), store.NewTrainingService(db), store.NewAidService(db)
	h.Products, h.Files, h.LPJs = store.NewProductService(db), store.NewFileService(db), store.NewLPJService(db)
	h.Reports, h.Documents = store.NewReportService(db), pdf.Documents{}
	h.Photos, h.Attachments = media.ReadFile, media.ReadAttachment
	h.Imports, h.Exports, h.Sheets = store.NewImportJobService(db), store.NewExportService(db), sheet.Spreadsheets{}
	h.Expos, h.Public, h.Profiles = store.NewExpoService(db), store.NewPublicService(db), store.NewProfileService(db)
	h.Applicants, h.ExpoDocs = store.NewAuthService(db), pdf.Documents{}
	h.Stats, h.View = store.NewStatsService(db), db.View
	return h
}

// browser is one visitor with their cookies. With user set, every request
// carries the user in its context, as the server's middleware would put
// it there; without, the session cookie is authenticated like the server
// does.
type browser struct {
	*site
	user *tkm.User
	jar  map[string]*http.Cookie
}

// as returns a browser logged in as u (nil: nobody).
func (s *site) as(u *tkm.User) *browser {
	return &browser{site: s, user: u, jar: map[string]*http.Cookie{}}
}

// user creates a user of role and returns a browser logged in as them.
func (s *site) user(role tkm.Role, region string) (*browser, *tkm.User) {
	s.t.Helper()
	u, _ := storetest.User(s.t, s.db, role, region)
	return s.as(u), u
}

// page is one response, its HTML parsed.
type page struct {
	t      *testing.T
	Code   int
	Header http.Header
	Body   string
	doc    *html.Node
}

func (b *browser) get(path string) *page {
	b.t.Helper()
	return b.do(httptest.NewRequest(http.MethodGet, path, nil))
}

func (b *browser) post(path string, form url.Values) *page {
	b.t.Helper()
	return b.do(postRequest(path, form))
}

// postRequest is a form posted to path.
func postRequest(path string, form url.Values) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

// follow gets the page a redirect points to.
func (b *browser) follow(p *page) *page {
	b.t.Helper()
	if p.Code != http.StatusSeeOther {
		b.t.Fatalf("want a 303 redirect, got %d", p.Code)
	}
	return b.get(p.Header.Get("Location"))
}

func (b *browser) do(r *http.Request) *page {
	b.t.Helper()
	for _, c := range b.jar {
		r.AddCookie(c)
	}
	r = r.WithContext(b.authenticate(r))
	w := httptest.NewRecorder()
	b.h.ServeHTTP(w, r)
	b.keep(w.Result().Cookies())
	p := &page{t: b.t, Code: w.Code, Header: w.Header(), Body: w.Body.String()}
	if strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") && p.Header.Get("Location") == "" {
		p.parse()
	}
	return p
}

// authenticate does what the server's middleware does before the UI.
func (b *browser) authenticate(r *http.Request) (ctx context.Context) {
	ctx = r.Context()
	if b.user != nil {
		return tkm.NewContextWithUser(ctx, b.user)
	}
	if c, ok := b.jar[SessionCookie]; ok {
		if u, _, err := b.auth.Authenticate(ctx, c.Value); err == nil {
			return tkm.NewContextWithUser(ctx, u)
		}
	}
	return ctx
}

// keep stores the cookies a response set, and forgets those it cleared.
func (b *browser) keep(cs []*http.Cookie) {
	for _, c := range cs {
		if c.MaxAge < 0 {
			delete(b.jar, c.Name)
		} else {
			b.jar[c.Name] = c
		}
	}
}

// parse reads the page and checks what every page must have.
func (p *page) parse() {
	p.t.Helper()
	doc, err := html.Parse(strings.NewReader(p.Body))
	if err != nil {
		p.t.Fatalf("parse HTML: %v", err)
	}
	p.doc = doc
	checkPage(p)
}

// all returns the elements matching sel.
func (p *page) all(sel string) []*html.Node {
	p.t.Helper()
	if p.doc == nil {
		p.t.Fatalf("not an HTML page (status %d): %.200s", p.Code, p.Body)
	}
	return findAll(p.doc, sel)
}

// one returns the first element matching sel, failing without one.
func (p *page) one(sel string) *html.Node {
	p.t.Helper()
	ns := p.all(sel)
	if len(ns) == 0 {
		p.t.Fatalf("no %q on the page (status %d)", sel, p.Code)
	}
	return ns[0]
}

// text returns the text of the first element matching sel.
func (p *page) text(sel string) string {
	p.t.Helper()
	return textOf(p.one(sel))
}

// none fails if anything matches sel.
func (p *page) none(sel string) {
	p.t.Helper()
	if n := len(p.all(sel)); n > 0 {
		p.t.Errorf("want no %q, found %d", sel, n)
	}
}

// status fails unless the page answered with code.
func (p *page) status(code int) *page {
	p.t.Helper()
	if p.Code != code {
		p.t.Fatalf("status %d, want %d; body: %.300s", p.Code, code, p.Body)
	}
	return p
}

// redirectsTo fails unless the page is a 303 to location.
func (p *page) redirectsTo(location string) *page {
	p.t.Helper()
	p.status(http.StatusSeeOther)
	if got := p.Header.Get("Location"); got != location {
		p.t.Fatalf("redirect to %q, want %q", got, location)
	}
	return p
}

// hasFieldError checks that a form shows an error for one input in both
// places: the summary links to it, and it carries its own error.
func (p *page) hasFieldError(name string) {
	p.t.Helper()
	id := fieldID(name)
	p.one(`.error-summary[role=alert] a[href="#` + id + `"]`)
	in := p.one("#" + id)
	if attr(in, "aria-invalid") != "true" {
		p.t.Errorf("%s: aria-invalid is %q", name, attr(in, "aria-invalid"))
	}
	if !hasWord(attr(in, "aria-describedby"), id+"-error") {
		p.t.Errorf("%s: aria-describedby %q lacks the error", name, attr(in, "aria-describedby"))
	}
	if msg := p.text("#" + id + "-error[role=alert]"); msg == "" {
		p.t.Errorf("%s: empty error message", name)
	}
}
