// Package server runs tkm's HTTP server: it owns the listener, the
// middleware every request passes through (request ids, logs, metrics,
// security headers, cross-origin protection, login), /healthz and /metrics,
// and graceful shutdown. The JSON API and the web UI are handed to it.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"tkm"
)

// Server is tkm's HTTP server.
type Server struct {
	Addr       string       // host:port to listen on; port 0 picks a free one
	API        http.Handler // serves /api/
	UI         http.Handler // serves everything else
	Auth       tkm.AuthService
	CookieName string                      // the session cookie the UI sets
	Ping       func(context.Context) error // readiness of the database
	Logger     *slog.Logger
	MaxBody    int64 // largest request body, in bytes
	// TrustedProxies are the reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto say who the client is and whether it used https.
	TrustedProxies []netip.Prefix

	ln      net.Listener
	srv     *http.Server
	metrics *metrics
}

// Open starts listening; Serve must follow.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.Addr, err)
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,  // large uploads on slow links
		WriteTimeout:      10 * time.Minute, // long exports stream
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	return nil
}

// URL returns the address the server listens on, as a URL.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Serve answers requests until Shutdown; it returns nil after a clean stop.
func (s *Server) Serve() error {
	if err := s.srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Shutdown stops taking requests and waits for those in flight until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Shutdown(ctx)
}

// Handler returns the whole site: the routes wrapped in the middleware.
func (s *Server) Handler() http.Handler {
	if s.metrics == nil {
		s.metrics = newMetrics()
	}
	if s.MaxBody == 0 {
		s.MaxBody = 64 << 20
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", s.metrics)
	mux.Handle("/api/", s.API)
	mux.Handle("/", s.UI)

	var h http.Handler = mux
	h = recordPattern(h)
	h = s.authenticate(h)
	h = http.MaxBytesHandler(h, s.MaxBody)
	h = crossOriginProtection(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h) // inside observe, which logs and counts the 500
	h = s.observe(h)
	return s.withOrigin(h) // outermost: every log line has the request id
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	if err := s.Ping(ctx); err != nil {
		s.Logger.ErrorContext(r.Context(), "health check", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, `{"status":"unavailable"}`)
		return
	}
	fmt.Fprintln(w, `{"status":"ok"}`)
}
