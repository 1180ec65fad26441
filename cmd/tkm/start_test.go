package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startFailure runs tkm serve on dsn, which must fail; it returns stderr
// and how long the start took.
func startFailure(t *testing.T, dsn string, env ...string) (string, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), "serve", "--addr", "127.0.0.1:0", "--db", dsn)
	cmd.Env = append(os.Environ(), append([]string{"TKM_SECRET_KEY=" + strings.Repeat("ab", 32),
		"TKM_DATA_DIR=" + t.TempDir()}, env...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit status %d (%v), want 1; stderr:\n%s", code, err, stderr.String())
	}
	return stderr.String(), elapsed
}

// wantOneLine checks that stderr is one line holding every want, and that
// the start gave up within limit.
func wantOneLine(t *testing.T, stderr string, elapsed, limit time.Duration, wants ...string) {
	t.Helper()
	if lines := strings.Split(strings.TrimSpace(stderr), "\n"); len(lines) != 1 {
		t.Errorf("want one line on stderr, got %d:\n%s", len(lines), stderr)
	}
	for _, w := range wants {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if elapsed > limit {
		t.Errorf("gave up after %v, want within %v", elapsed, limit)
	}
	t.Logf("%v: %s", elapsed.Round(time.Millisecond), strings.TrimSpace(stderr))
}

// mountTmpfs mounts a tmpfs of the given options on a new directory, or
// skips the test when this user cannot mount (only root can).
func mountTmpfs(t *testing.T, opts string) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// TestStartLockedSQLite: another program holds the write lock; the start
// gives up after the lock wait with a message naming the file.
func TestStartLockedSQLite(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "tkm.db")
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`CREATE TABLE held (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	stderr, elapsed := startFailure(t, "sqlite:"+path)
	wantOneLine(t, stderr, elapsed, 10*time.Second, "tkm serve: ", "is locked by another program", path)
}

// TestStartUnreachablePostgres: nothing listens on the port; the start
// fails at once naming the address, the password hidden.
func TestStartUnreachablePostgres(t *testing.T) {
	t.Parallel()
	stderr, elapsed := startFailure(t, "postgres://tkm:sekret@127.0.0.1:1/tkm?sslmode=disable")
	wantOneLine(t, stderr, elapsed, 12*time.Second, "cannot reach the database postgres://tkm:xxxxx@127.0.0.1:1/tkm", "connection refused")
	if strings.Contains(stderr, "sekret") {
		t.Errorf("the password is printed: %s", stderr)
	}
}

// TestStartReadOnlyDataDir: the data directory is a read-only mount (or,
// for a user who cannot mount, a directory without write permission).
func TestStartReadOnlyDataDir(t *testing.T) {
	t.Parallel()
	var dir string
	if os.Geteuid() == 0 {
		dir = mountTmpfs(t, "ro,size=1m")
	} else {
		dir = t.TempDir()
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
	}
	stderr, elapsed := startFailure(t, "sqlite:"+filepath.Join(dir, "tkm.db"))
	wantOneLine(t, stderr, elapsed, 5*time.Second, "data directory "+dir+" is read-only")
}

// TestStartFullDisk: a 1 MB tmpfs is short of the 64 MB minimum, and once
// filled up it fails the write probe with ENOSPC even with no minimum.
func TestStartFullDisk(t *testing.T) {
	t.Parallel()
	dir := mountTmpfs(t, "size=1m")
	stderr, elapsed := startFailure(t, "sqlite:"+filepath.Join(dir, "tkm.db"))
	wantOneLine(t, stderr, elapsed, 5*time.Second, "data directory "+dir+" is nearly full", "needs at least 64 MB")

	os.WriteFile(filepath.Join(dir, "filler"), make([]byte, 2<<20), 0o600) // fills it: ENOSPC
	stderr, elapsed = startFailure(t, "sqlite:"+filepath.Join(dir, "tkm.db"), "TKM_MIN_FREE_MB=0")
	wantOneLine(t, stderr, elapsed, 5*time.Second, "data directory "+dir+" is full", "no space left on device")
}

// TestStartShortOfSpace simulates a nearly full disk anywhere: the minimum
// is set above what any disk holds.
func TestStartShortOfSpace(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stderr, elapsed := startFailure(t, "sqlite:"+filepath.Join(dir, "tkm.db"), "TKM_MIN_FREE_MB=1000000000000")
	wantOneLine(t, stderr, elapsed, 5*time.Second, "data directory "+dir+" is nearly full")
}
