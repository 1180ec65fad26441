// Package storetest opens real, empty, migrated databases for tests: a
// temporary SQLite file always, and a fresh schema in the PostgreSQL named
// by TKM_TEST_POSTGRES when it is set. Under CI (CI=true) a missing
// PostgreSQL is a failure, never a silent skip.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"tkm"
	"tkm/region"
	"tkm/store"
)

// PostgresEnv names the variable holding the PostgreSQL DSN for tests.
const PostgresEnv = "TKM_TEST_POSTGRES"

var regions = sync.OnceValues(region.Load)

// Regions returns the shipped region table.
func Regions(t testing.TB) tkm.Regions {
	r, err := regions()
	if err != nil {
		t.Fatalf("load regions: %v", err)
	}
	return r
}

// Engines runs fn once per database engine, each in its own subtest with a
// fresh database.
func Engines(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, Open(t, SQLiteDSN(t))) })
	t.Run("postgres", func(t *testing.T) { fn(t, Open(t, PostgresDSN(t))) })
}

// SQLiteDSN returns the DSN of a new SQLite file in a temporary directory.
func SQLiteDSN(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "tkm.db")
}

// PostgresDSN returns the DSN of a new, empty schema in the test
// PostgreSQL, dropped when the test ends. Without TKM_TEST_POSTGRES the test
// is skipped, or fails under CI.
func PostgresDSN(t testing.TB) string {
	base := os.Getenv(PostgresEnv)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is not set: the PostgreSQL tests must run in CI", PostgresEnv)
		}
		t.Skipf("PostgreSQL tests skipped: set %s=postgres://user@host:5432/db?sslmode=disable to run them", PostgresEnv)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	defer admin.Close()
	schema := "tkm_test_" + randomHex(6)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("PostgreSQL at %s is not usable: %v", PostgresEnv, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Open opens and migrates the database at dsn with a new key, closed when
// the test ends.
func Open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	vault, err := tkm.NewVault(tkm.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	return OpenVault(t, dsn, vault)
}

// OpenVault opens and migrates the database at dsn with the given keys,
// and puts in use the key its data is sealed with.
func OpenVault(t testing.TB, dsn string, vault *tkm.Vault) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, Regions(t), vault)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if err := db.CheckKey(context.Background()); err != nil {
		t.Fatalf("check key: %v", err)
	}
	return db
}

// As returns a context in which u is logged in.
func As(u *tkm.User) context.Context {
	return tkm.NewContextWithUser(context.Background(), u)
}

// User creates a user with the given role (and region, for a regional
// officer) and returns a context in which they are logged in.
func User(t testing.TB, db *store.DB, role tkm.Role, region string) (*tkm.User, context.Context) {
	t.Helper()
	u := &tkm.User{Email: string(role) + "-" + randomHex(4) + "@tkm.test", Name: "Test " + string(role), Role: role, Region: region}
	if err := store.NewUserService(db).CreateUser(context.Background(), u, "correct horse battery staple"); err != nil {
		t.Fatalf("create %s user: %v", role, err)
	}
	return u, As(u)
}

// EnginesRaw is Engines with a second, plain connection to the same
// database, for tests that must reach behind the store (to tamper with the
// audit log, say).
func EnginesRaw(t *testing.T, fn func(t *testing.T, db *store.DB, raw *sql.DB)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dsn := SQLiteDSN(t)
			if engine == "postgres" {
				dsn = PostgresDSN(t)
			}
			db := Open(t, dsn)
			fn(t, db, Raw(t, dsn))
		})
	}
}

// Raw opens a plain database/sql connection to dsn.
func Raw(t testing.TB, dsn string) *sql.DB {
	driver, name := "pgx", dsn
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, name = "sqlite", "file:"+path+"?_pragma=busy_timeout(10000)"
	}
	raw, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}
