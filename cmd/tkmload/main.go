// Command tkmload drives load at a running tkm over loopback and reports
// throughput and latency percentiles. It is how BENCHMARKS.md is measured.
//
//	tkmload -url http://127.0.0.1:8080 -email E -password P -c 32 -d 20s \
//	        -path '/api/v1/groups?province={province}&limit=50' -ids 100000
//
// With -log FILE (tkm's request log: the JSON lines of its stderr) it also
// reports the server's own time for the requests of the run: the time from
// the request's first middleware to its last, without the queue before it.
//
// With -bare FILE it instead serves FILE's bytes from a bare net/http
// handler on -addr: the ceiling that tkm's handlers are compared with.
//
// With -mix it drives a realistic mix instead (issue 8): officers listing,
// opening and searching groups, mentors filing monitoring reports and
// applicants going through the online application, each a person with an
// account and a loopback address of their own who pauses between pages;
// it reports each class and the server's memory (see mix.go, bench/load.sh):
//
//	tkmload -mix -url http://127.0.0.1:8080 -clients 500 -duration 60s -pid PID
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "tkmload:", err)
		os.Exit(1)
	}
}

type config struct {
	url, email, password, path, bare, addr, save, log string
	clients, ids                                      int
	duration                                          time.Duration
}

func run() error {
	var c config
	flag.StringVar(&c.url, "url", "http://127.0.0.1:8080", "tkm's address")
	flag.StringVar(&c.email, "email", "", "log in as this user")
	flag.StringVar(&c.password, "password", "", "their password")
	flag.StringVar(&c.path, "path", "/api/v1/groups?limit=50", "path to request; {id} and {province} are filled at random")
	flag.IntVar(&c.ids, "ids", 1000, "{id} is drawn from 1..ids")
	flag.IntVar(&c.clients, "c", 32, "concurrent clients")
	flag.DurationVar(&c.duration, "d", 10*time.Second, "how long to drive load")
	flag.StringVar(&c.bare, "bare", "", "serve this file from a bare handler instead of driving load")
	flag.StringVar(&c.addr, "addr", "127.0.0.1:8099", "where -bare listens")
	flag.StringVar(&c.save, "save", "", "write one response body of -path to this file and stop")
	flag.StringVar(&c.log, "log", "", "tkm's request log (its stderr), to report the server's own time too")
	mix := flag.Bool("mix", false, "drive the realistic mix of officers, mentors and applicants")
	var mc mixConfig
	var split string
	mixFlags(flag.CommandLine, &mc, &split)
	flag.Parse()
	if *mix {
		return startMix(c.url, mc, split)
	}
	if c.bare != "" {
		return serveBare(c.bare, c.addr)
	}
	token, err := login(c)
	if err != nil {
		return err
	}
	if c.save != "" {
		return save(c, token)
	}
	var from int64
	if c.log != "" {
		fi, err := os.Stat(c.log)
		if err != nil {
			return err
		}
		from = fi.Size()
	}
	r := drive(c, token)
	if c.log != "" {
		if r.server, err = serverTimes(c.log, from); err != nil {
			return err
		}
	}
	return report(c, r)
}

// serverTimes reads the durations of the requests tkm logged past offset
// from, sorted.
func serverTimes(log string, from int64) ([]time.Duration, error) {
	f, err := os.Open(log)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.Seek(from, io.SeekStart); err != nil {
		return nil, err
	}
	var out []time.Duration
	dec := json.NewDecoder(f)
	for {
		var line struct {
			Msg      string
			Duration time.Duration
		}
		if err := dec.Decode(&line); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", log, err)
		}
		if line.Msg == "request" {
			out = append(out, line.Duration)
		}
	}
	slices.Sort(out)
	return out, nil
}

// startMix runs the mix against url until interrupted or done.
func startMix(url string, mc mixConfig, split string) error {
	var err error
	if mc.split, err = parseSplit(split); err != nil {
		return err
	}
	mc.url = url
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runMix(ctx, mc, os.Stdout)
}

// serveBare answers every request with the file's bytes, as JSON or HTML.
func serveBare(file, addr string) error {
	body, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	ctype := "application/json"
	if bytes.HasPrefix(bytes.TrimSpace(body), []byte("<")) {
		ctype = "text/html; charset=utf-8"
	}
	return http.ListenAndServe(addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Write(body)
	}))
}

func login(c config) (string, error) {
	if c.email == "" {
		return "", nil
	}
	body, _ := json.Marshal(map[string]string{"email": c.email, "password": c.password})
	resp, err := http.Post(c.url+"/api/v1/auth/token", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var tok struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.Token == "" {
		return "", fmt.Errorf("login as %s: status %d", c.email, resp.StatusCode)
	}
	return tok.Token, nil
}

var provinces = strings.Fields("11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 71 72 73 74 75 76 81 82 91 92 93 94 95 96")

func fill(path string, ids int, r *rand.Rand) string {
	path = strings.ReplaceAll(path, "{id}", strconv.Itoa(1+r.IntN(ids)))
	return strings.ReplaceAll(path, "{province}", provinces[r.IntN(len(provinces))])
}

func get(client *http.Client, url, token string) (int, error) {
	req, _ := http.NewRequestWithContext(context.Background(), "GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

func save(c config, token string) error {
	req, _ := http.NewRequest("GET", c.url+fill(c.path, c.ids, rand.New(rand.NewPCG(1, 2))), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return os.WriteFile(c.save, b, 0o644)
}

type result struct {
	latencies []time.Duration
	server    []time.Duration // as tkm logged them, with -log
	errors    int
	elapsed   time.Duration
}

// drive runs c.clients loops of requests for c.duration.
func drive(c config, token string) result {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c.clients, MaxConnsPerHost: c.clients}}
	var mu sync.Mutex
	var res result
	deadline := time.Now().Add(c.duration)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range c.clients {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), 7))
			var lat []time.Duration
			errs := 0
			for time.Now().Before(deadline) {
				t := time.Now()
				status, err := get(client, c.url+fill(c.path, c.ids, r), token)
				lat = append(lat, time.Since(t))
				if err != nil || status != http.StatusOK {
					errs++
				}
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			res.errors += errs
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

func report(c config, r result) error {
	slices.Sort(r.latencies)
	n := len(r.latencies)
	if n == 0 {
		return fmt.Errorf("no requests completed")
	}
	pct := func(p float64) time.Duration { return r.latencies[min(n-1, int(float64(n)*p))] }
	out := map[string]any{
		"path": c.path, "clients": c.clients, "requests": n, "errors": r.errors,
		"rps":    float64(n) / r.elapsed.Seconds(),
		"p50_ms": ms(pct(0.50)), "p90_ms": ms(pct(0.90)), "p99_ms": ms(pct(0.99)), "max_ms": ms(r.latencies[n-1]),
	}
	if n := len(r.server); n > 0 {
		out["server_p50_ms"] = ms(r.server[n/2])
		out["server_p99_ms"] = ms(r.server[min(n-1, n*99/100)])
	}
	json.NewEncoder(os.Stdout).Encode(out)
	if r.errors > 0 {
		return fmt.Errorf("%d of %d requests failed", r.errors, n)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
