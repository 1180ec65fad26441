package store_test

import (
	"context"
	"fmt"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestVersion: every committed change to the registry moves its version
// on, from this process or another; a failed write, logging in and out and
// viewing full NIKs (which write only sessions and log entries) do not.
func TestVersion(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testVersion(t, engine) })
	}
}

func testVersion(t *testing.T, engine string) {
	dsn := storetest.SQLiteDSN(t)
	if engine == "postgres" {
		dsn = storetest.PostgresDSN(t)
	}
	vault, err := tkm.NewVault(tkm.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	// Two handles on one database: this process and, say, a `tkm import`
	// beside the server.
	db, other := storetest.OpenVault(t, dsn, vault), storetest.OpenVault(t, dsn, vault)
	ctx := context.Background()
	version := func() int64 {
		t.Helper()
		v, err := db.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	moves := func(what string, want bool, do func() error) {
		t.Helper()
		before := version()
		if err := do(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if moved := version() != before; moved != want {
			t.Errorf("%s: version moved %v, want %v", what, moved, want)
		}
	}
	admin, actx := storetest.User(t, db, tkm.RoleAdmin, "")
	c := storetest.Cohort(t, db, 2019)
	groups := store.NewGroupService(db)
	auth := store.NewAuthService(db)
	g := storetest.Group(c.ID, "51.03.05", 10, 1)
	moves("create a group", true, func() error { _, err := groups.CreateGroup(actx, g); return err })
	name := "Kelompok Baru"
	moves("rename it", true, func() error {
		_, _, err := groups.UpdateGroup(actx, g.ID, tkm.GroupUpdate{Name: &name})
		return err
	})
	moves("a refused write", false, func() error {
		_, err := groups.CreateGroup(actx, storetest.Group(c.ID, "51.03.05", 10, 1)) // the same NIKs again
		if tkm.ErrorCode(err) != tkm.ECONFLICT {
			return fmt.Errorf("a group with taken NIKs: %v, want a conflict", err)
		}
		return nil
	})
	var secret string
	moves("log in", false, func() (err error) {
		secret, _, _, err = auth.Login(ctx, admin.Email, "correct horse battery staple", tkm.SessionToken)
		return err
	})
	moves("view full NIKs (audited)", false, func() error { _, err := groups.RevealNIKs(actx, g.ID); return err })
	moves("log out", false, func() error { return auth.Logout(ctx, secret) })

	moves("a write by another process", true, func() error {
		return store.NewGroupService(other).DeleteGroup(actx, g.ID)
	})
}
