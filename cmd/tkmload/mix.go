package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"
)

// mixConfig drives the realistic mix (-mix): officers, mentors and
// applicants, each a person with their own account, address and pauses.
type mixConfig struct {
	url, adminEmail, adminPassword string
	clients                        int
	split                          [3]int // officers, mentors, applicants, in parts
	duration, think                time.Duration
	pid                            int
	seed                           uint64
}

// mixFlags defines the flags of the mix on fs.
func mixFlags(fs *flag.FlagSet, c *mixConfig, split *string) {
	fs.IntVar(&c.clients, "clients", 500, "-mix: concurrent clients (people)")
	fs.StringVar(split, "split", "40,30,30", "-mix: officers,mentors,applicants in parts of the clients")
	fs.DurationVar(&c.duration, "duration", 60*time.Second, "-mix: how long to drive load")
	fs.DurationVar(&c.think, "think", 2*time.Second, "-mix: a person's mean pause between requests")
	fs.IntVar(&c.pid, "pid", 0, "-mix: tkm's process id, to sample its memory")
	fs.StringVar(&c.adminEmail, "admin-email", "admin@tkm.example", "-mix: the administrator who sets up users, mentors and the cohort")
	fs.StringVar(&c.adminPassword, "admin-password", "kopi-tubruk-pagi-7", "-mix: their password")
	fs.Uint64Var(&c.seed, "seed", uint64(time.Now().UnixNano()), "-mix: seed of the people and their NIKs")
}

// parseSplit reads "40,30,30".
func parseSplit(s string) ([3]int, error) {
	var out [3]int
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return out, fmt.Errorf("-split %q: want three numbers, officers,mentors,applicants", s)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 0 {
			return out, fmt.Errorf("-split %q: %q is not a count", s, p)
		}
		out[i] = n
	}
	return out, nil
}

// counts shares the clients out by the split: each class with a part gets
// at least one client.
func (c mixConfig) counts() [3]int {
	total := c.split[0] + c.split[1] + c.split[2]
	var n [3]int
	for i, part := range c.split {
		if part > 0 {
			n[i] = max(1, c.clients*part/total)
		}
	}
	n[0] = max(0, c.clients-n[1]-n[2])
	return n
}

// classNames name the classes in reports.
var classNames = [3]string{"officer", "mentor", "applicant"}

// runMix sets up the world, drives the mix until the duration ends, and
// reports; any failed request makes it fail.
func runMix(ctx context.Context, c mixConfig, out io.Writer) error {
	n := c.counts()
	w, err := setup(ctx, c, n)
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	fmt.Fprintf(out, "# %d clients for %s: %d officers, %d mentors, %d applicants; think %s\n",
		c.clients, c.duration, n[0], n[1], n[2], c.think)
	var tallies [3]tally
	mem := startSampler(c.pid, time.Second)
	start := time.Now()
	drive3(ctx, c, w, n, &tallies)
	return reportMix(out, &tallies, n, time.Since(start), mem.stop())
}

// drive3 runs every client until the duration ends.
func drive3(ctx context.Context, c mixConfig, w *world, n [3]int, tallies *[3]tally) {
	ctx, cancel := context.WithTimeout(ctx, c.duration)
	defer cancel()
	var wg sync.WaitGroup
	id := 0
	for class, count := range n {
		for range count {
			p := person{w: w, cfg: c, t: &tallies[class], r: rand.New(rand.NewPCG(c.seed, uint64(id))), n: id}
			if s := w.sessions[id]; s != nil {
				s.tally = p.t
			}
			id++
			wg.Go(func() { p.live(ctx, class) })
		}
	}
	wg.Wait()
}
