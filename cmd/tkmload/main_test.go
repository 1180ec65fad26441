package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestServerTimes: -log reads the requests tkm logged during the run
// only, past the offset where the run began, and nothing but requests.
func TestServerTimes(t *testing.T) {
	log := filepath.Join(t.TempDir(), "serve.log")
	before := `{"time":"2026-11-28T02:00:00Z","level":"INFO","msg":"request","method":"POST","path":"/api/v1/auth/token","status":201,"duration":90000000}` + "\n"
	during := `{"time":"2026-11-28T02:00:01Z","level":"INFO","msg":"request","path":"/kelompok/7","status":200,"duration":2500000,"request_id":"a"}
{"time":"2026-11-28T02:00:01Z","level":"INFO","msg":"import worker started","worker":"w1"}
{"time":"2026-11-28T02:00:02Z","level":"INFO","msg":"request","path":"/kelompok/8","status":200,"duration":800000,"request_id":"b"}
`
	if err := os.WriteFile(log, []byte(before+during), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := serverTimes(log, int64(len(before)))
	if err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{800 * time.Microsecond, 2500 * time.Microsecond}; !slices.Equal(got, want) {
		t.Errorf("server times %v, want %v", got, want)
	}
	if _, err := serverTimes(filepath.Join(t.TempDir(), "missing.log"), 0); err == nil {
		t.Error("a missing log gave no error")
	}
}
