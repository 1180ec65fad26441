package main

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// minFormAge is how old tkm wants the account form to be before it takes
// it (ui/formtoken.go: 3 s), with a margin for the clocks.
const minFormAge = 3*time.Second + 200*time.Millisecond

var (
	formTime  = regexp.MustCompile(`name="t" value="([^"]+)"`)
	cohortOpt = regexp.MustCompile(`name="cohort_id" type="radio" value="(\d+)"`)
)

// applicant applies online again and again, each time as a new person at
// a new address: the account, the cohort, the regency, then the group.
func (p *person) applicant(ctx context.Context) {
	for ctx.Err() == nil {
		c := p.client()
		if p.apply(ctx, c) == nil {
			p.t.finish()
		}
		c.close()
		p.think(ctx)
	}
}

// apply walks /daftar from the start page to the confirmation.
func (p *person) apply(ctx context.Context, c *client) error {
	if err := p.signUp(ctx, c); err != nil {
		return err
	}
	cohort, err := p.chooseCohort(ctx, c)
	if err != nil {
		return err
	}
	regency, err := p.chooseRegency(ctx, c, cohort)
	if err != nil {
		return err
	}
	return p.sendGroup(ctx, c, cohort, regency)
}

// signUp opens the leader's account, taking the time a person takes to
// type it, at least the form's minimum age.
func (p *person) signUp(ctx context.Context, c *client) error {
	if _, err := c.get(ctx, "/daftar"); err != nil || !p.think(ctx) {
		return errStopped(err)
	}
	page, err := c.get(ctx, "/daftar/akun")
	m := formTime.FindSubmatch(page)
	if err != nil || m == nil {
		return p.wrong(ctx, err, "no form time on /daftar/akun")
	}
	if !p.pause(ctx, max(minFormAge, p.cfg.think*2)) {
		return errStopped(nil)
	}
	name := oneOf(p.r, firstNames) + " " + oneOf(p.r, lastNames)
	email := fmt.Sprintf("ketua-%d-%d@daftar.example", p.cfg.seed%1_000_000, p.w.seq.Add(1))
	_, err = c.post(ctx, "/daftar/akun", url.Values{"name": {name}, "email": {email},
		"password": {"sawah-hijau-" + fmt.Sprint(p.r.IntN(1e6))}, "t": {string(m[1])}, "website": {""}})
	return err
}

// chooseCohort picks an open cohort on the second step.
func (p *person) chooseCohort(ctx context.Context, c *client) (string, error) {
	page, err := c.get(ctx, "/daftar/angkatan")
	cohort := p.w.cohort
	if err != nil || !cohortOffered(page, cohort) {
		return "", p.wrong(ctx, err, "cohort "+cohort+" not offered on /daftar/angkatan")
	}
	if !p.think(ctx) {
		return "", errStopped(nil)
	}
	loc, err := c.post(ctx, "/daftar/angkatan", url.Values{"cohort_id": {cohort}})
	if err == nil {
		_, err = c.get(ctx, loc)
	}
	return cohort, err
}

// chooseRegency picks the province, lists its regencies, then picks one.
func (p *person) chooseRegency(ctx context.Context, c *client, cohort string) (string, error) {
	action := signupPath("/daftar/wilayah", cohort, "")
	regency := oneOf(p.r, p.w.regencies)
	province := regency[:2]
	page, err := c.postPage(ctx, action, url.Values{"province": {province}, "action": {"province"}})
	if err != nil || !strings.Contains(string(page), `<option value="`+regency+`"`) {
		return "", p.wrong(ctx, err, "regency "+regency+" not offered for province "+province)
	}
	if !p.think(ctx) {
		return "", errStopped(nil)
	}
	_, err = c.post(ctx, action, url.Values{"province": {province}, "region_code": {regency}})
	return regency, err
}

// sendGroup fills in the group and its members, sends them and reads the
// confirmation.
func (p *person) sendGroup(ctx context.Context, c *client, cohort, regency string) error {
	path := signupPath("/daftar/kelompok", cohort, regency)
	if _, err := c.get(ctx, path); err != nil || !p.pause(ctx, 3*p.cfg.think) {
		return errStopped(err)
	}
	loc, err := c.post(ctx, path, applicationForm(p.r, p.w.ids, regency, 10))
	if err != nil {
		return err
	}
	_, err = c.get(ctx, loc)
	return err
}

// signupPath is a step's address with what was chosen before it.
func signupPath(step, cohort, region string) string {
	q := url.Values{"angkatan": {cohort}}
	if region != "" {
		q.Set("wilayah", region)
	}
	return step + "?" + q.Encode()
}

func errStopped(err error) error {
	if err != nil {
		return err
	}
	return context.Canceled
}

// wrong returns err, or for a page that answered but lacks what a person
// needs to go on, counts the problem as a failure.
func (p *person) wrong(ctx context.Context, err error, problem string) error {
	if err != nil {
		return err
	}
	if ctx.Err() == nil {
		p.t.fail(problem)
	}
	return fmt.Errorf("%s", problem)
}

// cohortOffered reports whether the cohort step offers cohort.
func cohortOffered(page []byte, cohort string) bool {
	for _, m := range cohortOpt.FindAllSubmatch(page, -1) {
		if string(m[1]) == cohort {
			return true
		}
	}
	return false
}
