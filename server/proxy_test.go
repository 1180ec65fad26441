package server

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"tkm"
)

// TestClientBehindProxy: X-Forwarded-For and X-Forwarded-Proto count only
// when the peer is a trusted proxy; the client is the rightmost hop that
// is not one.
func TestClientBehindProxy(t *testing.T) {
	trusted, err := ParseTrustedProxies("10.0.0.0/8, 192.0.2.7,fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, peer, xff, proto string
		ip                     string
		secure                 bool
	}{
		{"no proxy", "203.0.113.5:4000", "", "", "203.0.113.5", false},
		{"untrusted peer lies", "203.0.113.5:4000", "1.2.3.4", "https", "203.0.113.5", false},
		{"trusted proxy", "10.1.2.3:4000", "198.51.100.9", "https", "198.51.100.9", true},
		{"trusted single address", "192.0.2.7:4000", "198.51.100.9", "http", "198.51.100.9", false},
		{"client forges the left", "10.1.2.3:4000", "6.6.6.6, 198.51.100.9", "https", "198.51.100.9", true},
		{"two trusted proxies", "10.1.2.3:4000", "198.51.100.9, 10.9.9.9", "", "198.51.100.9", false},
		{"garbage hop", "10.1.2.3:4000", "198.51.100.9, nonsense", "", "10.1.2.3", false},
		{"only proxies", "10.1.2.3:4000", "10.4.4.4", "", "10.4.4.4", false},
		{"ipv6 proxy", "[fd00::1]:4000", "2001:db8::5", "https", "2001:db8::5", true},
		{"proxy without headers", "10.1.2.3:4000", "", "", "10.1.2.3", false},
	}
	for _, tt := range tests {
		var got tkm.Origin
		s := &Server{TrustedProxies: trusted}
		h := s.withOrigin(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got = tkm.OriginFromContext(r.Context())
		}))
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.peer
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if tt.proto != "" {
			r.Header.Set("X-Forwarded-Proto", tt.proto)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		if got.IP != tt.ip || got.Secure != tt.secure {
			t.Errorf("%s: ip %s secure %v, want %s %v", tt.name, got.IP, got.Secure, tt.ip, tt.secure)
		}
	}
}

func TestParseTrustedProxies(t *testing.T) {
	if ps, err := ParseTrustedProxies(""); err != nil || len(ps) != 0 {
		t.Errorf("empty: %v %v", ps, err)
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8,proxy.example"); err == nil {
		t.Error("a host name was taken")
	}
}
