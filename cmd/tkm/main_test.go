package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"tkm/store/storetest"
)

// run runs tkm with args and stdin, returning the exit status and output.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Stdio{In: strings.NewReader(stdin), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

// engineDSNs returns a fresh database of each engine.
func engineDSNs(t *testing.T) map[string]func(*testing.T) string {
	return map[string]func(*testing.T) string{
		"sqlite":   func(t *testing.T) string { return storetest.SQLiteDSN(t) },
		"postgres": func(t *testing.T) string { return storetest.PostgresDSN(t) },
	}
}

func TestVersionAndUsage(t *testing.T) {
	if code, out, _ := run(t, "", "version"); code != 0 || !strings.HasPrefix(out, "tkm ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, errOut := run(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "tkm serve") {
		t.Errorf("unknown command: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "", "migrate", "--db", "mysql://x"); code != 1 || !strings.Contains(errOut, "sqlite:PATH or postgres://") {
		t.Errorf("bad dsn: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "", "demo", "--groups", "5", "--db", storetest.SQLiteDSN(t)); code != 1 || !strings.Contains(errOut, "between 10 and 1000000") {
		t.Errorf("demo --groups 5: %d %q", code, errOut)
	}
}

func TestUserAdd(t *testing.T) {
	t.Setenv("TKM_SECRET_KEY", "")
	for name, dsn := range engineDSNs(t) {
		t.Run(name, func(t *testing.T) {
			db := dsn(t)
			if name == "postgres" {
				t.Setenv("TKM_DATA_DIR", t.TempDir())
			}
			code, out, errOut := run(t, "pantai kuta sunset 2019\n", "user", "add", "--db", db, "--email", "Made@Kemnaker.go.id",
				"--name", "I Made Sudarma", "--role", "regional", "--region", "51.03", "--password-stdin")
			if code != 0 || !strings.Contains(out, "added made@kemnaker.go.id (regional)") {
				t.Fatalf("user add: %d %q %q", code, out, errOut)
			}
			code, _, errOut = run(t, "short\n", "user", "add", "--db", db, "--email", "x@y.id", "--name", "X",
				"--role", "regional", "--region", "99", "--password-stdin")
			for _, want := range []string{"--password", "--region"} {
				if code != 1 || !strings.Contains(errOut, want) {
					t.Errorf("bad user: %d, %q lacks %q", code, errOut, want)
				}
			}
			code, _, errOut = run(t, "", "user", "add", "--db", db, "--email", "x@y.id", "--name", "X", "--role", "admin")
			if code != 1 || !strings.Contains(errOut, "--password-stdin") {
				t.Errorf("no --password-stdin: %d %q", code, errOut)
			}
		})
	}
}

func TestKeyFile(t *testing.T) {
	t.Setenv("TKM_SECRET_KEY", "")
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "tkm.db")
	if code, _, errOut := run(t, "", "migrate", "--db", dsn); code != 0 {
		t.Fatalf("migrate: %s", errOut)
	}
	info, err := os.Stat(filepath.Join(dir, "secret.key"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v", err, info.Mode())
	}
	// Another key cannot open this database's NIKs: refuse at start.
	t.Setenv("TKM_SECRET_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
	if code, _, errOut := run(t, "", "migrate", "--db", dsn); code != 1 || !strings.Contains(errOut, "secret key") {
		t.Fatalf("wrong key: %d %q", code, errOut)
	}
	t.Setenv("TKM_SECRET_KEY", "too short")
	if code, _, errOut := run(t, "", "migrate", "--db", dsn); code != 1 || !strings.Contains(errOut, "32 bytes") {
		t.Fatalf("bad key: %d %q", code, errOut)
	}
}

func TestMigrateRefusesANewerSchema(t *testing.T) {
	t.Setenv("TKM_SECRET_KEY", "")
	dir := t.TempDir()
	path := filepath.Join(dir, "tkm.db")
	if code, out, errOut := run(t, "", "migrate", "--db", "sqlite:"+path); code != 0 || !strings.Contains(out, "version") {
		t.Fatalf("migrate: %d %q %q", code, out, errOut)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2030-01-01')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, _, errOut := run(t, "", "migrate", "--db", "sqlite:"+path)
	if code != 1 || !strings.Contains(errOut, "version 999") {
		t.Fatalf("newer schema: %d %q", code, errOut)
	}
}

func TestKeyRotateAndAuditVerify(t *testing.T) {
	t.Setenv("TKM_SECRET_KEY", "")
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "tkm.db")
	if code, _, errOut := run(t, "", "demo", "--groups", "10", "--db", dsn); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "secret.key"))
	code, out, errOut := run(t, "", "key", "rotate", "--db", dsn)
	if code != 0 || !strings.Contains(out, "100 NIKs") {
		t.Fatalf("rotate: %d %q %q", code, out, errOut)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "secret.key"))
	if strings.Count(string(after), "\n") != 1 || string(after) == string(before) {
		t.Fatalf("key file after rotation:\n%s\nbefore:\n%s", after, before)
	}
	if code, out, errOut := run(t, "", "audit", "verify", "--db", dsn); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("verify after rotation: %d %q %q", code, out, errOut)
	}
	// Tampering by hand makes verify fail with the entry's number.
	raw, err := sql.Open("sqlite", filepath.Join(dir, "tkm.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET note = 'nothing happened' WHERE id = 2`} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	if code, _, errOut := run(t, "", "audit", "verify", "--db", dsn); code != 1 || !strings.Contains(errOut, "audit entry 2") {
		t.Fatalf("verify after tampering: %d %q", code, errOut)
	}
}
