package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"tkm"
)

// officerAccounts caps the officers' accounts: officers beyond it share
// one, as colleagues at a desk do.
const officerAccounts = 50

// mentorGroups is how many groups each mentor is given.
const mentorGroups = 3

// setup does, as an administrator through the API, what the people need
// first: a cohort open for applications, the officers' and the mentors'
// accounts, and groups assigned to each mentor.
func setup(ctx context.Context, c mixConfig, n [3]int) (*world, error) {
	admin := newClient(c.url, net.IPv4(127, 0, 0, 1), &tally{})
	defer admin.close()
	if err := admin.login(ctx, c.adminEmail, c.adminPassword); err != nil {
		return nil, fmt.Errorf("log in as %s: %w", c.adminEmail, err)
	}
	year := time.Now().Year()
	w := &world{base: c.url, addrs: &addresses{}, ids: newNIKs(year, c.seed)}
	var err error
	if w.cohort, err = openCohort(ctx, admin, year, c.seed); err != nil {
		return nil, err
	}
	if w.regencies, err = regencies(ctx, admin); err != nil {
		return nil, err
	}
	if w.officers, err = makeOfficers(ctx, admin, min(n[0], officerAccounts), c.seed); err != nil {
		return nil, err
	}
	if w.mentors, err = makeMentors(ctx, admin, n[1], c.seed); err != nil {
		return nil, err
	}
	return w, logIn(ctx, w, n)
}

// openCohort creates this year's Pemula cohort for the run and opens it
// for online applications, as the ministry does each year.
func openCohort(ctx context.Context, admin *client, year int, seed uint64) (string, error) {
	var co struct {
		ID tkm.ID `json:"id"`
	}
	body := map[string]any{"year": year, "tier": "pemula", "name": fmt.Sprintf("TKM Pemula %d (uji beban %d)", year, seed%1_000_000)}
	if err := admin.sendJSON(ctx, "POST", "/api/v1/cohorts", body, http.StatusCreated, &co); err != nil {
		return "", fmt.Errorf("create cohort: %w", err)
	}
	path := "/api/v1/cohorts/" + co.ID.String()
	if err := admin.sendJSON(ctx, "PATCH", path, map[string]any{"applications_open": true}, http.StatusOK, nil); err != nil {
		return "", fmt.Errorf("open cohort %s: %w", co.ID, err)
	}
	return co.ID.String(), nil
}

// regencies lists every regency and city, to apply from.
func regencies(ctx context.Context, admin *client) ([]string, error) {
	var out []string
	for _, p := range provinces {
		var list struct{ Items []tkm.Region }
		if err := admin.getJSON(ctx, "/api/v1/regions?parent="+p, &list); err != nil {
			return nil, fmt.Errorf("regencies of %s: %w", p, err)
		}
		for _, r := range list.Items {
			out = append(out, r.Code)
		}
	}
	return out, nil
}

// makeOfficers creates n officers: a third at the ministry, the rest in
// the provincial offices, province after province.
func makeOfficers(ctx context.Context, admin *client, n int, seed uint64) ([]account, error) {
	as := make([]account, n)
	for i := range as {
		as[i] = account{email: fmt.Sprintf("petugas-%d-%d@load.example", seed%1_000_000, i), password: "meja-kantor-" + fmt.Sprint(i+10000)}
		if i%3 != 0 {
			as[i].province = provinces[i%len(provinces)]
		}
	}
	return as, createUsers(ctx, admin, as, func(a account) (tkm.Role, string) {
		if a.province == "" {
			return tkm.RoleMinistry, ""
		}
		return tkm.RoleRegional, a.province
	})
}

// createUsers creates the accounts four at a time (each hashes a password).
func createUsers(ctx context.Context, admin *client, as []account, role func(account) (tkm.Role, string)) error {
	var wg sync.WaitGroup
	errs := make([]error, len(as))
	sem := make(chan struct{}, 4)
	for i, a := range as {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			r, region := role(a)
			body := map[string]any{"email": a.email, "name": "Pengguna Uji " + fmt.Sprint(i), "role": r, "region": region, "password": a.password}
			var u struct {
				ID tkm.ID `json:"id"`
			}
			errs[i] = admin.sendJSON(ctx, "POST", "/api/v1/users", body, http.StatusCreated, &u)
			as[i].id = u.ID.String()
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("create user: %w", err)
		}
	}
	return nil
}
