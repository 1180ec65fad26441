package main

import (
	"bufio"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"tkm/store/storetest"
)

// TestServeStopsOnSIGTERM runs the real binary: it migrates a new database,
// serves, and on SIGTERM shuts down cleanly with exit status 0.
func TestServeStopsOnSIGTERM(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "tkm")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", storetest.SQLiteDSN(t))
	cmd.Env = append(cmd.Environ(), "TKM_SECRET_KEY=")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stderr)
	url := ""
	for url == "" && lines.Scan() {
		if _, after, ok := strings.Cut(lines.Text(), "tkm is serving at "); ok {
			url = after
		}
	}
	resp, err := http.Get(url + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { io.Copy(io.Discard, stderr); done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after SIGTERM")
	}
}

// TestHeadersAndProbes checks the security headers on pages, API answers
// and errors, that a cross-site form post is refused, and the probes.
func TestHeadersAndProbes(t *testing.T) {
	app := startApp(t, storetest.SQLiteDSN(t))
	url := app.Server.URL()
	for _, path := range []string{"/masuk", "/kelompok", "/api/v1/me", "/api/v1/groups/1", "/healthz", "/nope"} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") ||
			!strings.Contains(csp, "frame-ancestors 'none'") || h.Get("X-Frame-Options") != "DENY" ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Request-Id") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}

	req, _ := http.NewRequest("POST", url+"/masuk", strings.NewReader("email=a%40b.id&password=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://phish.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site post: %v %v", resp.Status, err)
	}

	resp, _ = http.Get(url + "/healthz")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"ok"`) {
		t.Errorf("healthz: %d %s", resp.StatusCode, body)
	}
	resp, _ = http.Get(url + "/metrics")
	body, _ = io.ReadAll(resp.Body)
	for _, want := range []string{
		`tkm_http_requests_total{method="GET",route="GET /healthz",code="200"} 2`,
		`tkm_http_request_duration_seconds_bucket{method="GET",route="GET /api/v1/me",code="401",le="+Inf"} 1`,
		"tkm_go_goroutines",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s:\n%s", want, body)
		}
	}
}
