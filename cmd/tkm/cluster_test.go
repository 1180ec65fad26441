package main

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"tkm"
	"tkm/store/storetest"
)

// TestTwoServersOnePostgres starts two tkm serve processes at the same
// moment on one new PostgreSQL database: both migrate it (once, under the
// migration lock) and start; a token and a session cookie made on A work
// on B; an import posted to A shows its progress and result on B.
func TestTwoServersOnePostgres(t *testing.T) {
	dsn, env := storetest.PostgresDSN(t), crashEnv(t)
	a, b := spawnServe(t, dsn, env), spawnServe(t, dsn, env)
	a.await(t)
	b.await(t)
	db := openWith(t, dsn, env)
	if v, err := db.SchemaVersion(context.Background()); err != nil || v == 0 {
		t.Fatalf("schema version %d: %v", v, err)
	}
	email, password := addUser(t, db, tkm.RoleMinistry, "")
	token := apiLogin(t, a.url, email, password)
	get(t, b.url+"/api/v1/me", token)
	cookie := webLogin(t, a.url, email, password, nil)
	if status := getWithCookie(t, b.url+"/api/v1/me", cookie); status != http.StatusOK {
		t.Fatalf("A's session cookie on B: %d", status)
	}

	c := storetest.Cohort(t, db, 2019)
	refs := make([]string, 500)
	for i := range refs {
		refs[i] = fmt.Sprintf("K%04d", i)
	}
	id := postImport(t, a.url, token, c.ID, "kelompok.csv", importCSV(refs, "51.03.05", 1), false)
	waitRunning(t, b.url, token, id)
	if res := waitImport(t, b.url, token, id); res.Status != tkm.ImportDone || res.GroupsCreated != 500 {
		t.Fatalf("A's import seen on B: %+v", res)
	}
}

func getWithCookie(t *testing.T, url string, c *http.Cookie) int {
	req, _ := http.NewRequest("GET", url, nil)
	req.AddCookie(c)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
