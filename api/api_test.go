package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"tkm"
	"tkm/api"
	"tkm/media"
	"tkm/pdf"
	"tkm/server"
	"tkm/sheet"
	"tkm/store"
	"tkm/store/storetest"
)

// client talks to a real server over HTTP, as one user.
type client struct {
	t     *testing.T
	url   string
	token string
}

// newServer serves the API on db, behind the real middleware.
func newServer(t *testing.T, db *store.DB) string {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	auth := store.NewAuthService(db)
	groups := store.NewGroupService(db)
	a := &api.API{Auth: auth, Users: store.NewUserService(db), Cohorts: store.NewCohortService(db),
		Groups: groups, Members: groups, Audit: store.NewAuditService(db), Persons: store.NewPersonService(db),
		Workflow: store.NewWorkflowService(db), Trainings: store.NewTrainingService(db), Aid: store.NewAidService(db),
		Products: store.NewProductService(db), Files: store.NewFileService(db), LPJs: store.NewLPJService(db),
		Reports: store.NewReportService(db), Documents: pdf.Documents{}, Photos: media.ReadFile,
		Attachments: media.ReadAttachment, Imports: store.NewImportJobService(db),
		Exports: store.NewExportService(db), Sheets: sheet.Spreadsheets{}, Expos: store.NewExpoService(db), Stats: store.NewStatsService(db), Regions: db.Regions, Logger: logger, Version: "test"}
	s := &server.Server{API: a, UI: http.NotFoundHandler(), Auth: auth, CookieName: "tkm_session",
		Ping: db.Ping, Logger: logger}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

// login makes a user of role (and region) and logs them in over the API.
func login(t *testing.T, db *store.DB, url string, role tkm.Role, region string) *client {
	u, _ := storetest.User(t, db, role, region)
	c := &client{t: t, url: url}
	var tok struct{ Token string }
	c.do("POST", "/api/v1/auth/token", `{"email":"`+u.Email+`","password":"correct horse battery staple"}`, 201, &tok)
	c.token = tok.Token
	return c
}

// do sends a request and checks the status; out, if set, receives the body.
func (c *client) do(method, path, body string, status int, out any) []byte {
	c.t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), method, c.url+path, strings.NewReader(body))
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, status, b)
	}
	if status >= 400 && resp.Header.Get("Content-Type") != "application/problem+json" {
		c.t.Errorf("%s %s: error content type %q", method, path, resp.Header.Get("Content-Type"))
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return b
}

// status sends a request and returns the status, whatever it is.
func (c *client) status(method, path string) int {
	req, _ := http.NewRequestWithContext(context.Background(), method, c.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

type problem struct {
	Status int
	Detail string
	Errors []struct{ Field, Code, Message string }
}

func (p problem) fields() []string {
	var fs []string
	for _, e := range p.Errors {
		fs = append(fs, e.Field)
	}
	return fs
}

func mustJSON(v any) string {
	var b bytes.Buffer
	json.NewEncoder(&b).Encode(v)
	return b.String()
}

func TestLogin(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		url := newServer(t, db)
		anon := &client{t: t, url: url}
		var p problem
		anon.do("GET", "/api/v1/me", "", 401, &p)
		if p.Detail == "" {
			t.Error("401 without a detail")
		}
		anon.do("POST", "/api/v1/auth/token", `{"email":"nobody@tkm.test","password":"wrong password!"}`, 401, nil)
		anon.do("POST", "/api/v1/auth/token", `{"email":`, 400, nil)
		anon.do("POST", "/api/v1/auth/token", `{"email":"a@b.c","pasword":"typo in the field"}`, 400, nil)

		c := login(t, db, url, tkm.RoleRegional, "51")
		var me tkm.User
		c.do("GET", "/api/v1/me", "", 200, &me)
		if me.Role != tkm.RoleRegional || me.Region != "51" {
			t.Errorf("me = %+v", me)
		}
		c.do("DELETE", "/api/v1/auth/token", "", 204, nil)
		c.do("GET", "/api/v1/me", "", 401, nil)
	})
}

func TestRegions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		c := login(t, db, newServer(t, db), tkm.RoleMentor, "")
		var list struct{ Items []tkm.Region }
		c.do("GET", "/api/v1/regions", "", 200, &list)
		if len(list.Items) != 38 || list.Items[0].Code != "11" || list.Items[0].Level != tkm.LevelProvince {
			t.Fatalf("provinces: %d items, first %+v", len(list.Items), list.Items[0])
		}
		c.do("GET", "/api/v1/regions?parent=51", "", 200, &list)
		if len(list.Items) != 9 || list.Items[2].Code != "51.03" || list.Items[2].Name != "Kabupaten Badung" {
			t.Fatalf("Bali: %+v", list.Items)
		}
		c.do("GET", "/api/v1/regions?parent=51.1", "", 404, nil)
	})
}

func decodeJSON(t *testing.T, b []byte, out any) {
	t.Helper()
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
}
