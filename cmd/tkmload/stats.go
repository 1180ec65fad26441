package main

import (
	"fmt"
	"io"
	"slices"
	"sync"
	"time"
)

// maxFailures is how many failed requests a class keeps to print.
const maxFailures = 5

// tally is what one class of clients saw: every request's latency, the
// failures, and the journeys completed (a search, a report, an application).
type tally struct {
	mu        sync.Mutex
	latencies []time.Duration
	errors    int
	failures  []string
	done      int
}

// add records one request; a failure keeps its description.
func (t *tally) add(d time.Duration, failure string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.latencies = append(t.latencies, d)
	if failure == "" {
		return
	}
	t.errors++
	if len(t.failures) < maxFailures {
		t.failures = append(t.failures, failure)
	}
}

// fail records a problem that is not a request's: a page that answered
// without what a person needs to go on.
func (t *tally) fail(problem string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.errors++
	if len(t.failures) < maxFailures {
		t.failures = append(t.failures, problem)
	}
}

// finish counts one journey completed.
func (t *tally) finish() {
	t.mu.Lock()
	t.done++
	t.mu.Unlock()
}

// summary is a tally reduced to the figures reported.
type summary struct {
	Requests, Errors, Done int
	RPS                    float64
	P50, P95, P99, Max     time.Duration
}

// summarize sorts the latencies and reads the percentiles.
func summarize(lat []time.Duration, errors, done int, elapsed time.Duration) summary {
	s := slices.Clone(lat)
	slices.Sort(s)
	sum := summary{Requests: len(s), Errors: errors, Done: done}
	if len(s) == 0 {
		return sum
	}
	sum.RPS = float64(len(s)) / elapsed.Seconds()
	sum.P50, sum.P95, sum.P99 = percentile(s, 50), percentile(s, 95), percentile(s, 99)
	sum.Max = s[len(s)-1]
	return sum
}

// percentile returns the p-th percentile of sorted by the nearest-rank
// method: the smallest value with at least p% of the values at or below it.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(float64(len(sorted))*p/100 + 0.999999999)
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// printRow writes one line of the results table.
func printRow(w io.Writer, name string, s summary) {
	fmt.Fprintf(w, "%-10s %8d %6d %7d %8.1f %8s %8s %8s %8s\n", name, s.Requests, s.Errors, s.Done, s.RPS,
		msText(s.P50), msText(s.P95), msText(s.P99), msText(s.Max))
}

func msText(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
