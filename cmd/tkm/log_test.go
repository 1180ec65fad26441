package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"

	"tkm"
)

// TestLoggerAddsRequestID: the logger tkm serve installs writes JSON off a
// terminal, is the default logger, and names the request a line is for.
func TestLoggerAddsRequestID(t *testing.T) {
	defer slog.SetDefault(slog.Default())
	var buf bytes.Buffer
	newLogger(&buf)
	ctx := tkm.NewContextWithOrigin(context.Background(), tkm.Origin{RequestID: "0123abcd"})
	slog.ErrorContext(ctx, "ui: render", "page", "group")
	var line struct {
		RequestID string `json:"request_id"`
	}
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil || line.RequestID != "0123abcd" {
		t.Fatalf("log line %s: %v", buf.String(), err)
	}
}
