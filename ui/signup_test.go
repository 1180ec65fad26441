package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// openCohort creates a cohort open for online applications.
func openCohort(t *testing.T, db *store.DB, year int) *tkm.Cohort {
	t.Helper()
	c := storetest.Cohort(t, db, year)
	open := true
	c, err := store.NewCohortService(db).UpdateCohort(storetest.As(admin), c.ID, tkm.CohortUpdate{ApplicationsOpen: &open})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// accountForm is a sign-up form as a person sends it, served a while ago.
func (s *site) accountForm(email, name, password string) url.Values {
	return url.Values{"email": {email}, "name": {name}, "password": {password}, "website": {""},
		tokenInput: {s.h.formToken(time.Now().Add(-10 * time.Second))}}
}

// memberRowsForm fills the application's member rows with ms.
func memberRowsForm(ms []*tkm.Member) url.Values {
	v := url.Values{"rows": {strconv.Itoa(len(ms))}}
	for i, m := range ms {
		p := memberPrefix(i)
		v.Set(p+"nik", m.NIK)
		v.Set(p+"name", m.Name)
		v.Set(p+"sex", string(m.Sex))
		v.Set(p+"birth_date", m.BirthDate.String())
		v.Set(p+"role", string(m.Role))
		v.Set(p+"employment", string(m.Employment))
	}
	return v
}

// TestSignupAccount: the account form keeps programs out (a honeypot, a
// signed time neither too fresh nor too old), shows the password rules and
// a taken email on their fields, and logs the new leader in.
func TestSignupAccount(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		v := s.as(nil)
		p := v.get("/daftar").status(http.StatusOK)
		p.one(`a#start[href="/daftar/akun"]`)
		p.one(`.header a[href="/daftar"][aria-current=page]`)
		p = v.get("/daftar/akun").status(http.StatusOK)
		p.one(`form[action="/daftar/akun"] input[type=hidden][name=t]`)
		p.one(`.hp[aria-hidden=true] input#f-website[name=website][tabindex="-1"]`)
		if _, ok := s.h.formAge(attr(p.one("input[name=t]"), "value"), time.Now()); !ok {
			t.Error("the form's token does not verify")
		}

		good := s.accountForm("ketua@contoh.id", "Made Sari", "kopi pagi di pantai kuta")
		for name, change := range map[string]func(url.Values){
			"no token": func(f url.Values) { f.Del(tokenInput) },
			"forged token": func(f url.Values) {
				f.Set(tokenInput, strconv.FormatInt(time.Now().Add(-time.Minute).Unix(), 10)+".AAAA")
			},
			"honeypot": func(f url.Values) { f.Set("website", "http://spam.example") },
			"too old":  func(f url.Values) { f.Set(tokenInput, s.h.formToken(time.Now().Add(-2*time.Hour))) },
			"too fast": func(f url.Values) { f.Set(tokenInput, s.h.formToken(time.Now())) },
		} {
			f := url.Values{}
			for k, vs := range good {
				f[k] = vs
			}
			change(f)
			p := v.post("/daftar/akun", f).status(http.StatusUnprocessableEntity)
			if got := p.text(".error-summary li"); got == "" {
				t.Errorf("%s: no error", name)
			}
			p.none(".error-summary a")
			if got := attr(p.one("#f-email"), "value"); got != "ketua@contoh.id" {
				t.Errorf("%s: email kept as %q", name, got)
			}
			token := attr(p.one("input[name=t]"), "value")
			if name == "too fast" && token != f.Get(tokenInput) {
				t.Error("a good token sent too fast was not served again")
			}
			if age, ok := s.h.formAge(token, time.Now()); !ok || age > time.Minute {
				t.Errorf("%s: the form comes back with token %q (age %v)", name, token, age)
			}
		}
		if _, ok := v.jar[SessionCookie]; ok {
			t.Fatal("a refused form logged someone in")
		}

		p = v.post("/daftar/akun", s.accountForm("bukan email", "", "pendek")).status(http.StatusUnprocessableEntity)
		for _, f := range []string{"email", "name", "password"} {
			p.hasFieldError(f)
		}
		if got := p.text("#f-password-error"); !strings.Contains(got, "12") {
			t.Errorf("password error %q", got)
		}
		p = v.post("/daftar/akun", s.accountForm("ketua@contoh.id", "Made", "password1234")).status(http.StatusUnprocessableEntity)
		if got := p.text("#f-password-error"); !strings.Contains(got, "terlalu umum") {
			t.Errorf("common password error %q", got)
		}

		resp := v.post("/daftar/akun", good).redirectsTo("/daftar/angkatan")
		if c := v.jar[SessionCookie]; c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
			t.Fatalf("session cookie %+v", c)
		}
		p = v.follow(resp)
		if got := p.text(".notice"); got != "Akun ketua@contoh.id telah dibuat dan Anda sudah masuk." {
			t.Errorf("notice %q", got)
		}
		p.one("#closed") // no cohort is open
		u, _, err := s.auth.Authenticate(t.Context(), v.jar[SessionCookie].Value)
		if err != nil || u.Role != tkm.RoleGroup || u.Name != "Made Sari" {
			t.Fatalf("the new account: %+v, %v", u, err)
		}
		v.get("/daftar/akun").redirectsTo("/daftar")
		v.post("/daftar/akun", good).redirectsTo("/daftar")

		p = s.as(nil).post("/daftar/akun", s.accountForm("KETUA@contoh.id", "Lain", "kopi pagi di pantai sanur")).status(http.StatusConflict)
		p.hasFieldError("email")
	})
}

// TestSignupRateLimit: an address that opened too many accounts today is
// told to come back tomorrow, with a 429.
func TestSignupRateLimit(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for i := range 5 {
		s.as(nil).post("/daftar/akun", s.accountForm(fmt.Sprintf("ketua%d@contoh.id", i), "Ketua", "kopi pagi di pantai kuta")).
			redirectsTo("/daftar/angkatan")
	}
	p := s.as(nil).post("/daftar/akun", s.accountForm("ketua9@contoh.id", "Ketua", "kopi pagi di pantai kuta")).
		status(http.StatusTooManyRequests)
	if got := p.text(".error-summary li"); !strings.Contains(got, "besok") {
		t.Errorf("rate limit %q", got)
	}
}

// TestSignupApplication: a new leader chooses an open cohort and their
// regency one page at a time, sees every problem of the group at once
// (a NIK another group holds among them, without learning which group),
// sends it, and follows the group's stage afterwards.
func TestSignupApplication(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		closed := storetest.Cohort(t, db, 2023)
		c := openCohort(t, db, 2025)
		_, ministry := storetest.User(t, db, tkm.RoleMinistry, "")
		holder := storetest.Group(closed.ID, "32.09.01", 10, 900)
		holder.Name = "KUB Pemegang NIK"
		taken := holder.Members[2].NIK
		if _, err := store.NewGroupService(db).CreateGroup(ministry, holder); err != nil {
			t.Fatal(err)
		}
		v := s.as(nil)
		v.post("/daftar/akun", s.accountForm("ketua@contoh.id", "Made Sari", "kopi pagi di pantai kuta")).redirectsTo("/daftar/angkatan")

		p := v.get("/daftar/angkatan").status(http.StatusOK)
		p.one(`input#f-cohort_id-` + c.ID.String() + `[type=radio]`)
		p.none(`input#f-cohort_id-` + closed.ID.String())
		if got := p.text(`label[for="f-cohort_id-` + c.ID.String() + `"]`); got != "TKM Pemula 2025 — kelompok 10 orang, usia 17–55 tahun" {
			t.Errorf("cohort choice %q", got)
		}
		v.post("/daftar/angkatan", url.Values{}).status(http.StatusUnprocessableEntity).hasFieldError("cohort_id")
		v.post("/daftar/angkatan", url.Values{"cohort_id": {closed.ID.String()}}).status(http.StatusUnprocessableEntity)
		region := v.post("/daftar/angkatan", url.Values{"cohort_id": {c.ID.String()}}).status(http.StatusSeeOther).Header.Get("Location")
		if region != "/daftar/wilayah?angkatan="+c.ID.String() {
			t.Fatalf("after the cohort, sent to %q", region)
		}

		p = v.get(region).status(http.StatusOK)
		p.none(`select#f-region_code option[value="51.03"]`)
		p = v.post(region, url.Values{"province": {"51"}, "action": {"province"}}).status(http.StatusOK)
		p.one(`select#f-region_code option[value="51.03"]`)
		v.post(region, url.Values{"province": {"51"}}).status(http.StatusUnprocessableEntity).hasFieldError("region_code")
		v.post(region, url.Values{"province": {"51"}, "region_code": {"32.09"}}).status(http.StatusUnprocessableEntity).hasFieldError("region_code")
		v.post(region, url.Values{"region_code": {"51.03"}}).status(http.StatusUnprocessableEntity).hasFieldError("province")
		group := v.post(region, url.Values{"province": {"51"}, "region_code": {"51.03"}}).status(http.StatusSeeOther).Header.Get("Location")
		if group != "/daftar/kelompok?angkatan="+c.ID.String()+"&wilayah=51.03" {
			t.Fatalf("after the region, sent to %q", group)
		}

		p = v.get(group).status(http.StatusOK)
		if n := len(p.all("fieldset.member-row")); n != 10 {
			t.Errorf("%d member rows, want the cohort's 10", n)
		}
		if got := p.text("#region-name"); got != "Kabupaten Badung, Bali" {
			t.Errorf("region %q", got)
		}
		p.one(`#choices a[href="/daftar/wilayah?angkatan=` + c.ID.String() + `&wilayah=51.03"]`)
		p = v.post(group, url.Values{"rows": {"10"}, "action": {"rows"}, "name": {"KUB Tenun"}}).status(http.StatusOK)
		if n := len(p.all("fieldset.member-row")); n != 15 {
			t.Errorf("%d member rows after adding, want 15", n)
		}

		g := storetest.Group(c.ID, "51.03.05", 10, 1)
		form := memberRowsForm(g.Members[:9])
		form.Set(memberPrefix(3)+"nik", g.Members[3].NIK[:15])
		form.Set(memberPrefix(5)+"nik", taken)
		p = v.post(group, form).status(http.StatusUnprocessableEntity)
		p.hasFieldError("name")
		p.hasFieldError("sector")
		p.hasFieldError("members[3].nik")
		summary := p.text(".error-summary")
		if !strings.Contains(summary, "Anggota 9 orang; angkatan ini mensyaratkan 10–10 orang.") {
			t.Errorf("the summary lacks the cohort's group size: %q", summary)
		}

		form = memberRowsForm(g.Members)
		form.Set("name", "KUB Tenun Sekar Jagat")
		form.Set("sector", "Tenun ikat")
		form.Set(memberPrefix(5)+"nik", taken)
		p = v.post(group, form).status(http.StatusConflict)
		p.hasFieldError("members[5].nik")
		if got := p.text("#f-members-5-nik-error"); !strings.Contains(got, "kelompok lain yang masih aktif") ||
			strings.Contains(p.Body, holder.Name) || strings.Contains(got, holder.ID.String()) {
			t.Errorf("the taken NIK's error %q (or the page) names the other group", got)
		}

		form.Set(memberPrefix(5)+"nik", g.Members[5].NIK)
		done := v.post(group, form).status(http.StatusSeeOther).Header.Get("Location")
		id, ok := strings.CutPrefix(done, "/daftar/terkirim/")
		if !ok {
			t.Fatalf("after sending, sent to %q", done)
		}
		p = v.get(done).status(http.StatusOK)
		if got := p.text("#reference"); got != id {
			t.Errorf("reference %q", got)
		}
		if got := p.text("#stage"); got != "Terdaftar" {
			t.Errorf("stage %q", got)
		}
		gid, _ := tkm.ParseID(id)
		saved, err := store.NewGroupService(db).FindGroupByID(ministry, gid)
		if err != nil {
			t.Fatal(err)
		}
		leader, _, _ := s.auth.Authenticate(t.Context(), v.jar[SessionCookie].Value)
		if saved.Stage != tkm.StageRegistered || saved.RegionCode != "51.03" || saved.CohortID != c.ID ||
			saved.OwnerID != leader.ID || len(saved.Members) != 10 || saved.Name != "KUB Tenun Sekar Jagat" {
			t.Errorf("saved group %+v", saved)
		}

		p = v.get("/kelompok/" + id).status(http.StatusOK)
		if got := p.text("#stage"); got != "Terdaftar" {
			t.Errorf("the leader's group page shows stage %q", got)
		}
		p.one("#timeline #stage-verified")
		v.get("/daftar").redirectsTo("/kelompok/" + id)
		v.get("/kelompok/" + holder.ID.String()).status(http.StatusNotFound)
	})
}

// TestSignupSteps: a step without what comes before it goes back; the
// steps are for leaders, whom a visitor must log in as first; an officer
// is pointed at the new-group form.
func TestSignupSteps(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		c := openCohort(t, db, 2025)
		closed := storetest.Cohort(t, db, 2023)
		leader, _ := s.user(tkm.RoleGroup, "")
		cid := c.ID.String()
		leader.get("/daftar").redirectsTo("/daftar/angkatan")
		leader.get("/daftar/wilayah").redirectsTo("/daftar/angkatan")
		leader.get("/daftar/wilayah?angkatan=" + closed.ID.String()).redirectsTo("/daftar/angkatan")
		leader.get("/daftar/kelompok?angkatan=" + cid).redirectsTo("/daftar/wilayah?angkatan=" + cid)
		leader.get("/daftar/kelompok?angkatan=" + cid + "&wilayah=51").redirectsTo("/daftar/wilayah?angkatan=" + cid)
		leader.post("/daftar/kelompok?angkatan=999999&wilayah=51.03", url.Values{}).redirectsTo("/daftar/angkatan")
		p := leader.get("/daftar/wilayah?angkatan=" + cid + "&wilayah=51.03").status(http.StatusOK)
		p.one(`select#f-province option[value="51"][selected]`)
		p.one(`select#f-region_code option[value="51.03"][selected]`)

		s.as(nil).get("/daftar/angkatan").redirectsTo("/masuk?next=%2Fdaftar%2Fangkatan")
		officer, _ := s.user(tkm.RoleRegional, "51")
		p = officer.get("/daftar").status(http.StatusOK)
		p.one(`#officer a[href="/kelompok/baru"]`)
		p.none("#start")
		officer.get("/daftar/angkatan").status(http.StatusForbidden)
		officer.post("/daftar/kelompok?angkatan="+cid+"&wilayah=51.03", url.Values{}).status(http.StatusForbidden)
		other, _ := s.user(tkm.RoleGroup, "")
		fx := newShowcase(t, db)
		g := fx.group("KUB Orang Lain", "51.03.05", 10, 300)
		other.get("/daftar/terkirim/" + g.ID.String()).status(http.StatusNotFound)
	})
}

// TestCohortApplications: an officer opens a cohort for online
// applications, and the list says so.
func TestCohortApplications(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		c := storetest.Cohort(t, db, 2025)
		b, _ := s.user(tkm.RoleMinistry, "")
		b.get("/angkatan/" + c.ID.String() + "/ubah").status(http.StatusOK).one("input#f-applications_open[type=checkbox]")
		form := url.Values{"year": {"2025"}, "tier": {"pemula"}, "name": {c.Name}, "group_size_min": {"10"}, "group_size_max": {"10"},
			"aid_amount": {"20.000.000"}, "member_age_min": {"17"}, "member_age_max": {"55"}, "equipment_share_pct": {"60"}}
		form.Set("applications_open", "1")
		b.post("/angkatan/"+c.ID.String()+"/ubah", form).redirectsTo("/angkatan")
		p := b.get("/angkatan").status(http.StatusOK)
		if got := p.text("#cohorts tbody tr .tag--open"); got != "Dibuka" {
			t.Errorf("applications %q", got)
		}
		b.get("/angkatan/" + c.ID.String() + "/ubah").one("input#f-applications_open[checked]")
		form.Del("applications_open")
		b.post("/angkatan/"+c.ID.String()+"/ubah", form).redirectsTo("/angkatan")
		b.get("/angkatan").none(".tag--open")
	})
}
