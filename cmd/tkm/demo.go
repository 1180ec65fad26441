package main

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"syscall"
	"time"

	"tkm"
	"tkm/demo"
	"tkm/store"
)

var errNotEmpty = errors.New("the database already holds groups: demo data goes only into an empty database")

func runDemo(ctx context.Context, args []string, io Stdio) error {
	fs := newFlags("demo", io)
	dsn := dbFlag(fs)
	groups := fs.Int("groups", 1000, "how many groups to make (10 to 1000000)")
	seed := fs.Uint64("seed", 1, "seed: the same seed makes the same data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *groups < 10 || *groups > 1_000_000 {
		return fmt.Errorf("--groups must be between 10 and 1000000, not %d", *groups)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return fillDemo(ctx, db, *groups, *seed, io)
}

// fillDemo loads n demo groups and the demo logins into an empty database,
// and reports how long it took and the memory it used at most.
func fillDemo(ctx context.Context, db *store.DB, n int, seed uint64, io Stdio) error {
	if empty, err := db.Empty(ctx); err != nil {
		return err
	} else if !empty {
		return errNotEmpty
	}
	start := time.Now()
	gen := demo.New(seed, db.Regions)
	stories := func(ids []tkm.ID) iter.Seq[*tkm.GroupStory] { return gen.Stories(n, ids) }
	progress := func(done int) {
		if done%50_000 == 0 {
			fmt.Fprintf(io.Err, "  %d of %d groups\n", done, n)
		}
	}
	loaded, err := db.Load(ctx, gen.Cohorts(n), stories, progress)
	if err != nil {
		return err
	}
	if err := addDemoUsers(ctx, db, io); err != nil {
		return err
	}
	fmt.Fprintf(io.Err, "demo: %d groups (%d members) on %s in %.1f s, peak memory %d MB\n",
		loaded, loaded*10, db.Engine(), time.Since(start).Seconds(), peakRSS()>>20)
	return nil
}

func addDemoUsers(ctx context.Context, db *store.DB, io Stdio) error {
	users := store.NewUserService(db)
	fmt.Fprintln(io.Out, "Demo logins (email / password):")
	for _, du := range demo.Users() {
		u := du.User
		if err := users.CreateUser(ctx, &u, du.Password); err != nil && tkm.ErrorCode(err) != tkm.ECONFLICT {
			return fmt.Errorf("demo user %s: %w", u.Email, err)
		}
		fmt.Fprintf(io.Out, "  %-10s %-32s %s\n", u.Role, u.Email, du.Password)
	}
	return nil
}

// peakRSS returns the most memory the process has held, in bytes.
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss << 10 // Linux reports KiB
}
