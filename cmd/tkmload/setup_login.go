package main

import (
	"context"
	"fmt"
	"sync"
)

// logIn opens the sessions of the officers (clients 0…officers-1, on the
// API and the web pages) and the mentors (the next ones, on the API),
// four at a time: people who work all day are logged in already when the
// run starts, so their journeys are their work, not a login rush.
func logIn(ctx context.Context, w *world, n [3]int) error {
	w.sessions = map[int]*client{}
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for id := range n[0] + n[1] {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := w.logIn(ctx, id, n[0])
			mu.Lock()
			defer mu.Unlock()
			w.sessions[id] = c
			if err != nil && first == nil {
				first = err
			}
		})
	}
	wg.Wait()
	return first
}

// logIn opens client id's session from an address of its own.
func (w *world) logIn(ctx context.Context, id, officers int) (*client, error) {
	c := newClient(w.base, w.addrs.take(), &tally{})
	if id >= officers {
		a := w.mentors[(id-officers)%len(w.mentors)]
		return c, wrapLogin(a, c.login(ctx, a.email, a.password))
	}
	a := w.officers[id%len(w.officers)]
	if err := c.login(ctx, a.email, a.password); err != nil {
		return c, wrapLogin(a, err)
	}
	return c, wrapLogin(a, c.loginUI(ctx, a.email, a.password))
}

func wrapLogin(a account, err error) error {
	if err != nil {
		return fmt.Errorf("log in as %s: %w", a.email, err)
	}
	return nil
}
