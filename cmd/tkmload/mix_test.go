package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tkm"
	"tkm/region"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var out []time.Duration
		for _, n := range ns {
			out = append(out, time.Duration(n)*time.Millisecond)
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	for _, c := range []struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{ms(), 50, 0},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 51, 3 * time.Millisecond},
		{ms(hundred...), 95, 95 * time.Millisecond},
		{ms(hundred...), 99, 99 * time.Millisecond},
		{ms(hundred...), 100, 100 * time.Millisecond},
	} {
		if got := percentile(c.sorted, c.p); got != c.want {
			t.Errorf("percentile(%d values, %v) = %v, want %v", len(c.sorted), c.p, got, c.want)
		}
	}
}

// The applicants' NIKs are valid, agree with the birth date and sex sent
// with them, are all different, and keep clear of the demo's serials.
func TestApplicantNIKs(t *testing.T) {
	regions, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	ids := newNIKs(2026, 42)
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	for i := range 1500 { // 15,000 people: past a range of birth dates, so serials change
		f := applicationForm(r, ids, oneOf(r, []string{"51.03", "11.01", "91.71"}), 10)
		for m := range 10 {
			checkMember(t, f, m, regions, seen)
		}
		if t.Failed() {
			t.Fatalf("application %d", i)
		}
	}
}

func checkMember(t *testing.T, f map[string][]string, m int, regions tkm.Regions, seen map[string]bool) {
	t.Helper()
	get := func(k string) string { return f[fmt.Sprintf("members[%d].%s", m, k)][0] }
	birth, err := tkm.ParseDate(get("birth_date"))
	if err != nil {
		t.Fatal(err)
	}
	n, ferr := tkm.ParseNIK(get("nik"), regions)
	switch {
	case ferr != nil:
		t.Errorf("NIK %s: %v", get("nik"), ferr)
	case len(n.Check(birth, tkm.Sex(get("sex")))) > 0:
		t.Errorf("NIK %s disagrees with %s %s", get("nik"), get("birth_date"), get("sex"))
	case seen[get("nik")]:
		t.Errorf("NIK %s twice", get("nik"))
	case get("nik")[12:14] < "10":
		t.Errorf("NIK %s: serial among the demo's", get("nik"))
	}
	seen[get("nik")] = true
}

func TestAddressesAreLoopbackAndDistinct(t *testing.T) {
	var a addresses
	seen := map[string]bool{}
	for range 70000 {
		ip := a.take()
		if !ip.IsLoopback() || ip.Equal(net.IPv4(127, 0, 0, 1)) || seen[ip.String()] {
			t.Fatalf("address %s", ip)
		}
		seen[ip.String()] = true
	}
}

// The mix runs for a few seconds against the real tkm with demo data on
// SQLite: every class makes requests, applicants finish applications,
// and nothing fails.
func TestMixAgainstTkm(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts tkm")
	}
	url, pid := startTkm(t)
	c := mixConfig{url: url, clients: 9, split: [3]int{1, 1, 1}, duration: 8 * time.Second,
		think: 100 * time.Millisecond, pid: pid, seed: 7, adminEmail: "admin@tkm.example", adminPassword: "kopi-tubruk-pagi-7"}
	var out bytes.Buffer
	err := runMix(context.Background(), c, &out)
	t.Log("\n" + out.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if f := strings.Fields(line); len(f) > 3 && slices.Contains(classNames[:], f[0]) && (f[1] == "0" || f[3] == "0") {
			t.Errorf("%s made %s requests and finished %s journeys", f[0], f[1], f[3])
		}
	}
	if strings.Contains(out.String(), "not sampled") {
		t.Error("the server's memory was not sampled")
	}
}

// startTkm builds tkm, fills a SQLite database with demo data and serves
// it on a free port until the test ends.
func startTkm(t *testing.T) (string, int) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "tkm")
	if out, err := exec.Command("go", "build", "-o", bin, "tkm/cmd/tkm").CombinedOutput(); err != nil {
		t.Fatalf("build tkm: %v\n%s", err, out)
	}
	env := append(os.Environ(), "TKM_DATA_DIR="+dir, "TKM_SECRET_KEY=")
	db := "sqlite:" + filepath.Join(dir, "tkm.db")
	demo := exec.Command(bin, "demo", "--groups", "100", "--db", db)
	demo.Env = env
	if out, err := demo.CombinedOutput(); err != nil {
		t.Fatalf("tkm demo: %v\n%s", err, out)
	}
	addr := freeAddr(t)
	serve := exec.Command(bin, "serve", "--addr", addr, "--db", db)
	serve.Env = env
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { serve.Process.Kill(); serve.Wait() })
	waitUp(t, addr)
	return "http://" + addr, serve.Process.Pid
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func waitUp(t *testing.T, addr string) {
	for range 100 {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("tkm did not listen on %s", addr)
}
