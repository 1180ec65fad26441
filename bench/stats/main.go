// Command stats times the programme's statistics on a database already
// filled (by tkm demo): the figures read from the counters, as the stats
// API and the dashboard read them, beside the same figures counted from
// the rows in the same run. It prints p50, p95 and max per filter.
//
//	go run ./bench/stats -db sqlite:./tkm-data/tkm.db -n 200
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"tkm"
	"tkm/store"
)

func main() {
	dsn := flag.String("db", "sqlite:./tkm-data/tkm.db", "the database")
	n := flag.Int("n", 200, "calls per filter from the counters")
	recounts := flag.Int("recounts", 3, "calls per filter counting the rows (0: none)")
	flag.Parse()
	if err := run(*dsn, *n, *recounts); err != nil {
		fmt.Fprintln(os.Stderr, "stats:", err)
		os.Exit(1)
	}
}

type statsFunc func(context.Context, tkm.StatsFilter) (*tkm.Stats, error)

func run(dsn string, n, recounts int) error {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, nil, nil) // the figures need neither regions nor keys
	if err != nil {
		return err
	}
	defer db.Close()
	s := store.NewStatsService(db)
	ctx = tkm.NewContextWithUser(ctx, &tkm.User{ID: 1, Role: tkm.RoleMinistry})
	filters := []tkm.StatsFilter{{}, {Year: 2019}, {Province: "51"}, {Year: 2019, Province: "32"}}
	for _, f := range filters {
		if err := measure(ctx, "counters", s.Stats, f, n); err != nil {
			return err
		}
		if recounts == 0 {
			continue
		}
		if err := measure(ctx, "recount", s.Recount, f, recounts); err != nil {
			return err
		}
	}
	return nil
}

func measure(ctx context.Context, name string, stats statsFunc, f tkm.StatsFilter, n int) error {
	times := make([]time.Duration, 0, n)
	var groups int
	for range n {
		t := time.Now()
		st, err := stats(ctx, f)
		if err != nil {
			return err
		}
		times = append(times, time.Since(t))
		groups = st.Groups.Total
	}
	slices.Sort(times)
	pct := func(p float64) time.Duration { return times[min(n-1, int(float64(n)*p))] }
	fmt.Printf("%-8s year=%-4d province=%-2s groups=%-7d n=%-3d p50=%-10v p95=%-10v max=%v\n",
		name, f.Year, f.Province, groups, n, pct(0.5).Round(time.Microsecond), pct(0.95).Round(time.Microsecond), times[n-1].Round(time.Microsecond))
	return nil
}
