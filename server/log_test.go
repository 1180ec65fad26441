package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestLogLinesCarryRequestID serves requests whose handlers log through
// the default logger with the request's context, or panic, and finds the
// X-Request-Id of each on every line logged for it.
func TestLogLinesCarryRequestID(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(NewLogHandler(slog.NewJSONHandler(&buf, nil)))
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(logger)
	s := &Server{Logger: logger,
		API: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			slog.InfoContext(r.Context(), "api: step one")
			slog.With("part", "two").WarnContext(r.Context(), "api: step two")
		}),
		UI: http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("ui: broken") }),
	}
	h := s.Handler()
	for path, want := range map[string]int{"/api/v1/me": 3, "/masuk": 2} {
		buf.Reset()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		id := rec.Header().Get("X-Request-Id")
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if id == "" || len(lines) != want {
			t.Fatalf("%s: id %q, %d lines, want %d:\n%s", path, id, len(lines), want, buf.String())
		}
		for _, line := range lines {
			var rec struct {
				RequestID string `json:"request_id"`
			}
			if err := json.Unmarshal([]byte(line), &rec); err != nil || rec.RequestID != id {
				t.Errorf("%s: line without request_id %s: %s", path, id, line)
			}
		}
	}
}
