package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"tkm"
)

// withOrigin gives every request an id (echoed in X-Request-Id) and notes
// where it came from, for logs, rate limits and the audit trail.
func (s *Server) withOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		ip, secure := s.client(r)
		o := tkm.Origin{IP: ip, UserAgent: r.UserAgent(), RequestID: id, Secure: secure}
		next.ServeHTTP(w, r.WithContext(tkm.NewContextWithOrigin(r.Context(), o)))
	})
}

// recoverPanics turns a panic into a 500 and a log line, never a crash.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.ErrorContext(r.Context(), "panic", "err", v, "path", r.URL.Path, "stack", string(debug.Stack()))
				http.Error(w, "Terjadi kesalahan internal.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer (Flush, deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

type patternKey struct{}

// observe logs every request with its id and counts it in the metrics
// under the route pattern that served it.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		pattern := new(string)
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), patternKey{}, pattern)))
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		elapsed := time.Since(start)
		s.metrics.observe(r.Method, *pattern, sw.status, elapsed)
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		s.Logger.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int64("bytes", sw.bytes),
			slog.Duration("duration", elapsed), slog.String("ip", tkm.OriginFromContext(r.Context()).IP))
	})
}

// recordPattern tells observe which route pattern served the request. It
// runs innermost: the muxes set Pattern on the request they are given.
func recordPattern(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		if p, ok := r.Context().Value(patternKey{}).(*string); ok {
			*p = r.Pattern
			if *p == "" {
				*p = "unmatched"
			}
		}
	})
}

// contentSecurityPolicy allows nothing inline and nothing from elsewhere.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(self), geolocation=(), microphone=()")
		if tkm.OriginFromContext(r.Context()).Secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// crossOriginProtection refuses state-changing requests that a browser
// sent from another site (CSRF), by the Sec-Fetch-Site and Origin headers.
func crossOriginProtection(next http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Permintaan lintas situs ditolak. (Cross-origin request refused.)", http.StatusForbidden)
	}))
	return p.Handler(next)
}

// authenticate puts the logged-in user, if any, in the request context.
// It refuses nothing: the API answers 401 and the UI sends to the login
// page when a route needs a user and there is none.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secret := bearer(r)
		if secret == "" {
			if c, err := r.Cookie(s.CookieName); err == nil {
				secret = c.Value
			}
		}
		if secret != "" {
			if u, sess, err := s.Auth.Authenticate(r.Context(), secret); err == nil {
				r = r.WithContext(tkm.NewContextWithVersion(tkm.NewContextWithUser(r.Context(), u), sess.Version))
			} else if tkm.ErrorCode(err) != tkm.EUNAUTHORIZED {
				s.Logger.ErrorContext(r.Context(), "authenticate", "err", err)
			}
		}
		next.ServeHTTP(w, r)
	})
}

func bearer(r *http.Request) string {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}
