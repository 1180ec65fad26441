package main

import (
	"fmt"
	"io"
	"time"
)

// reportMix prints a row per class and overall, the memory, and the first
// failures of each class; any failure makes it an error.
func reportMix(w io.Writer, ts *[3]tally, n [3]int, elapsed time.Duration, mem []int64) error {
	fmt.Fprintf(w, "%-10s %8s %6s %7s %8s %8s %8s %8s %8s\n", "class", "requests", "errors", "done", "rps", "p50 ms", "p95 ms", "p99 ms", "max ms")
	var all []time.Duration
	errors, done := 0, 0
	for i := range ts {
		t := &ts[i]
		printRow(w, classNames[i], summarize(t.latencies, t.errors, t.done, elapsed))
		all, errors, done = append(all, t.latencies...), errors+t.errors, done+t.done
	}
	printRow(w, "all", summarize(all, errors, done, elapsed))
	fmt.Fprintln(w, memoryLine(mem))
	for i := range ts {
		for _, f := range ts[i].failures {
			fmt.Fprintf(w, "FAIL %s: %s\n", classNames[i], f)
		}
	}
	if errors > 0 {
		return fmt.Errorf("%d failures", errors)
	}
	for i := range ts {
		if n[i] > 0 && len(ts[i].latencies) == 0 {
			return fmt.Errorf("the %ss made no request", classNames[i])
		}
	}
	return nil
}
