package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"tkm"
	"tkm/media"
	"tkm/pdf"
	"tkm/server"
	"tkm/sheet"
	"tkm/store"
	"tkm/store/storetest"
)

// TestAuthorizationMatrix sends every route of the route table as every
// role, against a resource inside the role's scope and one outside it, and
// checks the answer: 403 when the role may not take the action, 404 when the
// resource lies outside the scope, and neither otherwise. A route without a
// rule fails the test.
func TestAuthorizationMatrix(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		a := newTestAPI(db)
		srv := httptest.NewServer((&server.Server{API: a, UI: http.NotFoundHandler(), Auth: a.Auth,
			CookieName: "tkm_session", Ping: db.Ping, Logger: a.Logger}).Handler())
		t.Cleanup(srv.Close)
		routes := a.routes()
		for _, rt := range routes {
			if !rt.public && rt.action == "" {
				t.Errorf("%s %s has no authorization rule", rt.method, rt.path)
			}
		}
		fx := newFixture(t, db, srv.URL)
		for _, role := range tkm.Roles {
			t.Run(string(role), func(t *testing.T) {
				p := fx.principal(t, role)
				for _, rt := range ordered(routes) {
					if rt.public {
						continue
					}
					for _, in := range []bool{true, false} {
						path, ok := p.fill(rt.path, in)
						if !ok {
							continue // the role has nothing outside its scope here
						}
						checkCell(t, fx, p, rt, path, in)
					}
				}
			})
		}
	})
}

// checkCell sends one request and checks its status against the rule.
func checkCell(t *testing.T, fx *fixture, p *principal, rt route, path string, in bool) {
	t.Helper()
	status := fx.send(t, p.token, rt.method, path)
	allowed := tkm.Can(p.user, rt.action)
	switch {
	case !allowed && status != http.StatusForbidden:
		t.Errorf("%s %s as %s: %d, want 403 (role may not %s)", rt.method, path, p.user.Role, status, rt.action)
	case allowed && !in && status != http.StatusNotFound:
		t.Errorf("%s %s as %s outside scope: %d, want 404", rt.method, path, p.user.Role, status)
	case allowed && in && (status == 401 || status == 403 || status == 404 || status >= 500):
		t.Errorf("%s %s as %s inside scope: %d, want it served", rt.method, path, p.user.Role, status)
	}
}

// ordered puts the routes that destroy things last: members before groups,
// sessions, and the caller's own token at the very end.
func ordered(routes []route) []route {
	rank := func(r route) int {
		switch {
		case r.method != "DELETE":
			return 0
		case strings.Contains(r.path, "/members/"):
			return 1
		case strings.HasPrefix(r.path, "/api/v1/groups/"):
			return 2
		case strings.Contains(r.path, "/sessions/"):
			return 3
		}
		return 4
	}
	out := slices.Clone(routes)
	slices.SortStableFunc(out, func(a, b route) int { return rank(a) - rank(b) })
	return out
}

func newTestAPI(db *store.DB) *API {
	groups := store.NewGroupService(db)
	return &API{Auth: store.NewAuthService(db), Users: store.NewUserService(db), Cohorts: store.NewCohortService(db),
		Groups: groups, Members: groups, Audit: store.NewAuditService(db), Persons: store.NewPersonService(db),
		Workflow: store.NewWorkflowService(db), Trainings: store.NewTrainingService(db), Aid: store.NewAidService(db),
		Products: store.NewProductService(db), Files: store.NewFileService(db), LPJs: store.NewLPJService(db),
		Reports: store.NewReportService(db), Documents: pdf.Documents{}, Photos: media.ReadFile, Attachments: media.ReadAttachment, Imports: store.NewImportJobService(db),
		Exports: store.NewExportService(db), Sheets: sheet.Spreadsheets{}, Expos: store.NewExpoService(db), Stats: store.NewStatsService(db),
		Regions: db.Regions, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"}
}

// fixture is the shared data: a cohort and a ministry officer to set up
// each role's groups.
type fixture struct {
	db       *store.DB
	url      string
	cohort   *tkm.Cohort
	ministry context.Context
	admin    *tkm.User
	foreign  tkm.ID // a session of another user, for nobody to end
	job      tkm.ID // an import job of the ministry officer
	serial   int
}

func newFixture(t *testing.T, db *store.DB, url string) *fixture {
	admin, _ := storetest.User(t, db, tkm.RoleAdmin, "")
	_, ministry := storetest.User(t, db, tkm.RoleMinistry, "")
	fx := &fixture{db: db, url: url, cohort: storetest.OpenCohort(t, db, 2019), ministry: ministry, admin: admin, serial: 1}
	stranger, _ := storetest.User(t, db, tkm.RoleMentor, "")
	fx.foreign = fx.session(t, stranger)
	fx.job = fx.importJob(t, ministry)
	must(t, store.NewExpoService(db).CreateExpo(ministry, &tkm.Expo{Name: "Pameran", Venue: "BNDCC", RegionCode: "51",
		StartsOn: tkm.DateOf(2019, 11, 19), EndsOn: tkm.DateOf(2019, 11, 21)}))
	return fx
}

// group registers a group of three in district as ctx's user, with one of
// everything a group has: a training, aid, a product with a photo, an LPJ
// and a monitoring report.
func (fx *fixture) group(t *testing.T, ctx context.Context, district string, mentor tkm.ID) *owned {
	g := storetest.Group(fx.cohort.ID, district, 3, fx.serial)
	fx.serial += 3
	g.MentorID = mentor
	if _, err := store.NewGroupService(fx.db).CreateGroup(ctx, g); err != nil {
		t.Fatalf("fixture group: %v", err)
	}
	o := &owned{Group: g}
	must(t, fx.things(o))
	return o
}

// owned is a group and the things that belong to it.
type owned struct {
	*tkm.Group
	training, aid, product, file, lpj, report tkm.ID
}

func (fx *fixture) things(o *owned) error {
	ctx, db := fx.ministry, fx.db
	tr := &tkm.Training{Kind: tkm.Pembekalan, Title: "Pembekalan", StartsOn: tkm.DateOf(2019, 3, 4), EndsOn: tkm.DateOf(2019, 3, 5),
		Location: "BLK", RegionCode: "51", GroupIDs: []tkm.ID{o.ID}}
	aid := &tkm.Aid{Amount: 100, DisbursedOn: tkm.DateOf(2019, 5, 1), Method: tkm.AidTransfer, HandoverNo: fmt.Sprint("BAST-", o.ID),
		Items: []tkm.AidItem{{Description: "Alat", Category: tkm.Equipment, Qty: 1, Unit: "unit", UnitPrice: 100}}}
	p := &tkm.Product{Name: "Keripik", Price: 10000, Unit: "bungkus"}
	photo := &tkm.File{Name: "a.jpg", ContentType: "image/jpeg", Data: []byte("x"), Width: 1, Height: 1}
	l := &tkm.LPJ{TechnicalSummary: "t", FinancialSummary: "f"}
	r := &tkm.Report{Period: "2019-10", ActiveMembers: 3}
	_, aidErr := store.NewAidService(db).CreateAid(ctx, o.ID, aid)
	err := errors.Join(store.NewTrainingService(db).CreateTraining(ctx, tr), aidErr,
		store.NewProductService(db).CreateProduct(ctx, o.ID, p), store.NewLPJService(db).SubmitLPJ(ctx, o.ID, l),
		store.NewReportService(db).CreateReport(ctx, o.ID, r))
	if err == nil {
		err = store.NewProductService(db).AddProductPhoto(ctx, p.ID, photo)
	}
	o.training, o.aid, o.product, o.file, o.lpj, o.report = tr.ID, aid.ID, p.ID, photo.ID, l.ID, r.ID
	return err
}

// importJob queues a small CSV import as ctx's user.
func (fx *fixture) importJob(t *testing.T, ctx context.Context) tkm.ID {
	csv := strings.Join(tkm.ImportColumns, ",") + "\nX1,KUB X,51.03,Kue,,5103055201900001,Ayu,P,1990-01-12,,,ketua,menganggur\n"
	res, err := store.NewImportJobService(fx.db).CreateImportJob(ctx, tkm.ImportOptions{CohortID: fx.cohort.ID}, "x.csv", []byte(csv))
	must(t, err)
	return res.ID
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// principal is one role's user with a group inside their scope and, for
// roles whose scope is limited, one outside it.
type principal struct {
	user       *tkm.User
	token      string
	spare      tkm.ID // a second session of theirs, to revoke
	foreign    tkm.ID // someone else's session
	job        tkm.ID // their import job, or the ministry's when they may not import
	foreignJob tkm.ID // the ministry's import job
	in, out    *owned
	otherUser  tkm.ID // a user they may not see, if any
}

func (fx *fixture) principal(t *testing.T, role tkm.Role) *principal {
	region := map[tkm.Role]string{tkm.RoleRegional: "51"}[role]
	u, ctx := storetest.User(t, fx.db, role, region)
	p := &principal{user: u, token: fx.login(t, u), spare: fx.session(t, u), foreign: fx.foreign}
	switch role {
	case tkm.RoleRegional:
		p.in, p.out = fx.group(t, fx.ministry, "51.03.05", 0), fx.group(t, fx.ministry, "31.71.01", 0)
	case tkm.RoleMentor:
		p.in, p.out = fx.group(t, fx.ministry, "51.03.05", u.ID), fx.group(t, fx.ministry, "51.03.05", 0)
	case tkm.RoleGroup:
		p.in, p.out = fx.group(t, ctx, "51.03.05", 0), fx.group(t, fx.ministry, "51.03.05", 0)
	default:
		p.in = fx.group(t, fx.ministry, "51.03.05", 0)
	}
	if role != tkm.RoleAdmin {
		p.otherUser = fx.admin.ID
	}
	p.job, p.foreignJob = fx.job, fx.job
	if tkm.Can(u, tkm.ImportGroups) {
		p.job = fx.importJob(t, ctx)
	}
	return p
}

// fill puts real IDs into a route's path: the role's own resources when
// in is set, resources outside its scope otherwise. ok is false when the
// role has nothing outside its scope for this route.
func (p *principal) fill(path string, in bool) (string, bool) {
	if !strings.Contains(path, "{") {
		return path, in
	}
	switch {
	case strings.HasPrefix(path, "/api/v1/users/"):
		return p.fillUser(path, in)
	case strings.HasPrefix(path, "/api/v1/me/sessions/"):
		session := p.spare
		if !in {
			session = p.foreign
		}
		return strings.Replace(path, "{id}", session.String(), 1), true
	case strings.HasPrefix(path, "/api/v1/cohorts/"):
		return strings.Replace(path, "{id}", "1", 1), in // cohorts are not scoped
	case strings.HasPrefix(path, "/api/v1/expos/"):
		return strings.Replace(path, "{id}", "1", 1), in // expos are national
	case strings.HasPrefix(path, "/api/v1/exports/"):
		return strings.Replace(path, "{list}", "groups", 1), in
	case strings.HasPrefix(path, "/api/v1/imports/"):
		return p.fillJob(path, in)
	}
	g := p.in
	if !in {
		g = p.out
	}
	if g == nil {
		return "", false
	}
	return fillGroupThing(path, g), true
}

// fillJob names the principal's own import job, or someone else's: which
// only a role with a national scope may see.
func (p *principal) fillJob(path string, in bool) (string, bool) {
	if !in && (tkm.ScopeOf(p.user).All || !tkm.Can(p.user, tkm.ImportGroups)) {
		return "", false
	}
	job := p.job
	if !in {
		job = p.foreignJob
	}
	return strings.Replace(path, "{id}", job.String(), 1), true
}

func (p *principal) fillUser(path string, in bool) (string, bool) {
	user := p.user.ID
	if !in {
		if p.otherUser == 0 {
			return "", false
		}
		user = p.otherUser
	}
	return strings.Replace(path, "{id}", user.String(), 1), true
}

// fillGroupThing fills a path about a group or something of the group's.
func fillGroupThing(path string, g *owned) string {
	things := map[string]tkm.ID{"/api/v1/trainings/": g.training, "/api/v1/aid/": g.aid,
		"/api/v1/products/": g.product, "/api/v1/files/": g.file, "/api/v1/lpj/": g.lpj, "/api/v1/reports/": g.report}
	for prefix, id := range things {
		if strings.HasPrefix(path, prefix) {
			return strings.Replace(path, "{id}", id.String(), 1)
		}
	}
	if !strings.HasPrefix(path, "/api/v1/groups/") {
		panic("no rule to fill " + path)
	}
	path = strings.Replace(path, "{id}", g.ID.String(), 1)
	return strings.Replace(path, "{member_id}", g.Members[2].ID.String(), 1)
}

func (fx *fixture) login(t *testing.T, u *tkm.User) string {
	body := fmt.Sprintf(`{"email":%q,"password":"correct horse battery staple"}`, u.Email)
	resp, err := http.Post(fx.url+"/api/v1/auth/token", "application/json", strings.NewReader(body))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("login %s: %v %v", u.Email, resp.Status, err)
	}
	defer resp.Body.Close()
	var tok struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&tok)
	return tok.Token
}

// session opens a second session for u and returns its ID.
func (fx *fixture) session(t *testing.T, u *tkm.User) tkm.ID {
	_, s, _, err := store.NewAuthService(fx.db).Login(context.Background(), u.Email, "correct horse battery staple", tkm.SessionToken)
	if err != nil {
		t.Fatal(err)
	}
	return s.ID
}

func (fx *fixture) send(t *testing.T, token, method, path string) int {
	var body io.Reader
	if method != "GET" && method != "DELETE" {
		body = strings.NewReader("{}")
	}
	req, _ := http.NewRequest(method, fx.url+path, body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
