package server

import (
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// metrics counts requests and their latencies per route, and writes them
// in the Prometheus text format. Three metric families do not need a
// client library.
type metrics struct {
	mu     sync.Mutex
	series map[seriesKey]*histogram
}

type seriesKey struct {
	method, route string
	code          int
}

// buckets are the latency histogram's upper bounds, in seconds.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []uint64 // one per bucket, not cumulative
	count  uint64
	sum    float64
}

func newMetrics() *metrics { return &metrics{series: map[seriesKey]*histogram{}} }

func (m *metrics) observe(method, route string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := seriesKey{method, route, code}
	h := m.series[k]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(buckets))}
		m.series[k] = h
	}
	s := d.Seconds()
	if i, _ := slices.BinarySearch(buckets, s); i < len(buckets) {
		h.counts[i]++
	}
	h.count++
	h.sum += s
}

func (m *metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.mu.Lock()
	keys := make([]seriesKey, 0, len(m.series))
	for k := range m.series {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b seriesKey) int {
		return strings.Compare(a.route+a.method+strconv.Itoa(a.code), b.route+b.method+strconv.Itoa(b.code))
	})
	fmt.Fprintln(w, "# HELP tkm_http_requests_total HTTP requests answered, by route and status.")
	fmt.Fprintln(w, "# TYPE tkm_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "tkm_http_requests_total{%s} %d\n", k.labels(), m.series[k].count)
	}
	fmt.Fprintln(w, "# HELP tkm_http_request_duration_seconds Time to answer HTTP requests, by route.")
	fmt.Fprintln(w, "# TYPE tkm_http_request_duration_seconds histogram")
	for _, k := range keys {
		m.series[k].write(w, k.labels())
	}
	m.mu.Unlock()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintln(w, "# HELP tkm_go_goroutines Goroutines running.")
	fmt.Fprintln(w, "# TYPE tkm_go_goroutines gauge")
	fmt.Fprintf(w, "tkm_go_goroutines %d\n", runtime.NumGoroutine())
	fmt.Fprintln(w, "# HELP tkm_go_heap_bytes Bytes of heap in use.")
	fmt.Fprintln(w, "# TYPE tkm_go_heap_bytes gauge")
	fmt.Fprintf(w, "tkm_go_heap_bytes %d\n", ms.HeapInuse)
}

func (k seriesKey) labels() string {
	return fmt.Sprintf("method=%q,route=%q,code=\"%d\"", k.method, k.route, k.code)
}

func (h *histogram) write(w http.ResponseWriter, labels string) {
	var cum uint64
	for i, b := range buckets {
		cum += h.counts[i]
		fmt.Fprintf(w, "tkm_http_request_duration_seconds_bucket{%s,le=\"%g\"} %d\n", labels, b, cum)
	}
	fmt.Fprintf(w, "tkm_http_request_duration_seconds_bucket{%s,le=\"+Inf\"} %d\n", labels, h.count)
	fmt.Fprintf(w, "tkm_http_request_duration_seconds_sum{%s} %g\n", labels, h.sum)
	fmt.Fprintf(w, "tkm_http_request_duration_seconds_count{%s} %d\n", labels, h.count)
}
