package server

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ParseTrustedProxies reads a comma-separated list of the reverse proxies
// whose X-Forwarded-* headers tkm believes: CIDR ranges ("10.0.0.0/8") or
// single addresses ("127.0.0.1").
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var ps []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		p, err := parsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxies: %q is not an address or CIDR range", f)
		}
		ps = append(ps, p)
	}
	return ps, nil
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	return netip.PrefixFrom(a, a.BitLen()), err
}

// client returns the address of the client and whether it reached us over
// https. Only when the peer is a trusted proxy are X-Forwarded-For (its
// rightmost hop that is not a trusted proxy) and X-Forwarded-Proto used.
func (s *Server) client(r *http.Request) (ip string, secure bool) {
	peer := peerAddr(r.RemoteAddr)
	if !s.trusted(peer) {
		return peer.String(), r.TLS != nil
	}
	ip = s.forwardedFor(peer, r.Header.Values("X-Forwarded-For"))
	if proto := lastItem(r.Header.Values("X-Forwarded-Proto")); proto != "" {
		return ip, strings.EqualFold(proto, "https")
	}
	return ip, r.TLS != nil
}

// forwardedFor walks X-Forwarded-For from the right, past the trusted
// proxies, to the first hop that is not one: the client. A hop that is no
// address stops the walk at the last good one.
func (s *Server) forwardedFor(peer netip.Addr, values []string) string {
	hops := strings.Split(strings.Join(values, ","), ",")
	client := peer
	for i := len(hops) - 1; i >= 0 && s.trusted(client); i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		client = a.Unmap()
	}
	return client.String()
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func peerAddr(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

func lastItem(values []string) string {
	if len(values) == 0 {
		return ""
	}
	items := strings.Split(values[len(values)-1], ",")
	return strings.TrimSpace(items[len(items)-1])
}
