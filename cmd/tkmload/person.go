package main

import (
	"context"
	"math/rand/v2"
	"sync/atomic"
	"time"
)

// account is a user the setup made, and the province they work on.
type account struct {
	email, password, province string
	id                        string // the user's id
}

// world is what the setup made ready for the people: their accounts, the
// cohort open for applications, the regencies to apply from.
type world struct {
	base      string
	addrs     *addresses
	officers  []account
	mentors   []account
	cohort    string
	regencies []string
	ids       *niks
	sessions  map[int]*client // the officers' and mentors' browsers, by client number, logged in
	seq       atomic.Int64    // numbers the applicants' e-mail addresses
}

// person is one client: an officer, a mentor or an applicant.
type person struct {
	w   *world
	cfg mixConfig
	t   *tally
	r   *rand.Rand
	n   int // the client's number
}

// live starts after a random pause (people do not all arrive at the same
// second) and then works as its class does until the run ends.
func (p *person) live(ctx context.Context, class int) {
	if !p.pause(ctx, time.Duration(p.r.Int64N(int64(2*p.cfg.think)+1))) {
		return
	}
	switch class {
	case 0:
		p.officer(ctx)
	case 1:
		p.mentor(ctx)
	default:
		p.applicant(ctx)
	}
}

// think pauses as a person reading a page does: half to one and a half
// times the mean think time.
func (p *person) think(ctx context.Context) bool {
	d := p.cfg.think/2 + time.Duration(p.r.Int64N(int64(p.cfg.think)+1))
	return p.pause(ctx, d)
}

// pause waits d, or less if the run ends; false when it ended.
func (p *person) pause(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// client makes the person's browser, from a new address of their own.
func (p *person) client() *client { return newClient(p.w.base, p.w.addrs.take(), p.t) }
