package ui

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// groupValues is a filled-in new-group form with ten empty member rows.
func groupValues(cohort tkm.ID, name, province, region string) url.Values {
	return url.Values{"cohort_id": {cohort.String()}, "name": {name}, "province": {province},
		"region_code": {region}, "sector": {"Tenun ikat"}, "phone": {"0361 123456"},
		"address": {"Jl. Raya Kuta 1"}, "rows": {"10"}}
}

// setMember fills in one member row of a form.
func setMember(v url.Values, prefix string, m *tkm.Member) {
	for k, s := range map[string]string{"nik": m.NIK, "name": m.Name, "sex": string(m.Sex),
		"birth_date": m.BirthDate.String(), "phone": m.Phone, "role": string(m.Role),
		"employment": string(m.Employment), "education": m.Education, "address": m.Address} {
		v.Set(prefix+k, s)
	}
}

func TestGroupNewForm(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		p := b.get("/kelompok/baru").status(http.StatusOK)
		if n := len(p.all("form fieldset.member-row")); n != startRows {
			t.Errorf("%d member rows, want %d", n, startRows)
		}
		p.one(`#f-cohort_id option[value="` + c.ID.String() + `"]`)
		if got := attr(p.one("#f-province option[selected]"), "value"); got != "51" {
			t.Errorf("province %q, want the officer's own", got)
		}
		if attr(p.one("#f-region_code"), "list") != "regencies" {
			t.Error("region code not tied to the suggestions")
		}
		p.one(`datalist#regencies option[value="51.03"]`)
		p.one(`#f-members-9-birth_date[type=date]`)
		if !hasWord(attr(p.one("#f-members-0-nik"), "aria-describedby"), "f-members-0-nik-hint") {
			t.Error("NIK hint not tied to its input")
		}
		p.one(`label[for=f-name] .required`)
	})
}

// TestGroupCreate: errors beside their fields and in the summary, input
// kept, empty rows skipped; then a successful save with a warning.
func TestGroupCreate(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		leader, other := storetest.Member("51.03.05", 10), storetest.Member("51.03.05", 11)
		v := groupValues(c.ID, "", "51", "51.03")
		setMember(v, "members[0].", leader)
		setMember(v, "members[2].", other) // row 1 stays empty and is skipped
		v.Set("members[2].nik", "123")
		v.Set("members[2].birth_date", "1990-02-30")

		p := b.post("/kelompok/baru", v).status(http.StatusUnprocessableEntity)
		var hrefs []string
		for _, a := range p.all(".error-summary li a") {
			hrefs = append(hrefs, attr(a, "href"))
		}
		if got := strings.Join(hrefs, " "); got != "#f-name #f-members-2-nik #f-members-2-birth_date" {
			t.Errorf("summary %s, want the problems in the order of the form", got)
		}
		for _, f := range []string{"name", "members[2].nik", "members[2].birth_date"} {
			p.hasFieldError(f)
		}
		if got := textOf(p.one(`.error-summary a[href="#f-members-2-nik"]`)); !strings.HasPrefix(got, "Anggota 3: ") {
			t.Errorf("summary item %q does not name the row", got)
		}
		p.none("#f-members-1-nik[aria-invalid]")
		if attr(p.one("#f-members-0-name"), "value") != leader.Name || attr(p.one("#f-members-2-nik"), "value") != "123" {
			t.Error("input not kept")
		}
		if !strings.HasPrefix(p.text("head title"), "Galat: ") {
			t.Errorf("title %q", p.text("head title"))
		}

		v.Set("name", "Kelompok Tenun Ikat")
		v.Set("members[2].nik", other.NIK)
		v.Set("members[2].birth_date", other.BirthDate.AddDays(1).String()) // disagrees with the NIK: a warning
		saved := b.post("/kelompok/baru", v).status(http.StatusSeeOther)
		loc := saved.Header.Get("Location")
		if !strings.HasPrefix(loc, "/kelompok/") {
			t.Fatalf("saved to %q", loc)
		}
		p = b.follow(saved).status(http.StatusOK)
		if got := p.text(".notice .notice__text"); got != "Kelompok Kelompok Tenun Ikat telah didaftarkan." {
			t.Errorf("notice %q", got)
		}
		if got := p.text(".notice--warning li"); !strings.HasPrefix(got, other.Name+": tanggal lahir berbeda") {
			t.Errorf("warning %q", got)
		}
		if n := len(p.all("#members tbody tr")); n != 2 {
			t.Errorf("%d members saved, want 2", n)
		}
		b.get(loc).none(".notice")
		if names := rowNames(b.get("/kelompok")); len(names) != 1 || names[0] != "Kelompok Tenun Ikat" {
			t.Errorf("list after save: %q", names)
		}
	})
}

// TestGroupCreateHelpers: the buttons that add rows and list a province's
// regencies keep what was typed, without saving.
func TestGroupCreateHelpers(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	c := storetest.Cohort(t, s.db, 2024)
	b := s.as(admin)
	v := groupValues(c.ID, "Kelompok Batik", "32", "")
	setMember(v, "members[4].", storetest.Member("32.73.01", 1))
	v.Set("action", "rows")
	p := b.post("/kelompok/baru", v).status(http.StatusOK)
	if n := len(p.all("fieldset.member-row")); n != startRows+moreRows {
		t.Errorf("%d rows, want %d", n, startRows+moreRows)
	}
	if attr(p.one("#f-members-4-name"), "value") != "Anggota 1" || attr(p.one("#f-name"), "value") != "Kelompok Batik" {
		t.Error("input lost")
	}
	v.Set("action", "region")
	p = b.post("/kelompok/baru", v).status(http.StatusOK)
	p.one(`datalist#regencies option[value="32.73"]`)
	p.none(`datalist#regencies option[value="51.03"]`)
	if names := rowNames(b.get("/kelompok")); len(names) != 0 {
		t.Errorf("a helper button saved: %q", names)
	}

	v.Del("action")
	v.Set("region_code", "51.03")
	p = b.post("/kelompok/baru", v).status(http.StatusUnprocessableEntity)
	p.hasFieldError("region_code")
	if got := p.text("#f-region_code-error"); !strings.Contains(got, "provinsi yang dipilih") {
		t.Errorf("region error %q", got)
	}
}

// TestGroupCreateNIKConflict: a NIK held by another group shows as an
// error on the row that holds it.
func TestGroupCreateNIKConflict(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		c := storetest.Cohort(t, db, 2024)
		first := seedGroup(t, db, admin, c.ID, "51.03.05", 1, 40)
		v := groupValues(c.ID, "Kelompok Kedua", "51", "51.03")
		setMember(v, "members[0].", storetest.Member("51.03.05", 41))
		setMember(v, "members[3].", first.Members[0])
		p := s.as(admin).post("/kelompok/baru", v).status(http.StatusConflict)
		p.hasFieldError("members[3].nik")
		if got := p.text("#f-members-3-nik-error"); !strings.Contains(got, first.Name) {
			t.Errorf("conflict %q does not name the other group", got)
		}
	})
}

// TestGroupEdit changes a group's own fields.
func TestGroupEdit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 2, 50)
		path := "/kelompok/" + g.ID.String() + "/ubah"

		p := b.get(path).status(http.StatusOK)
		for id, want := range map[string]string{"#f-name": g.Name, "#f-region_code": "51.03.05", "#f-phone": "(0361) 123456"} {
			if got := attr(p.one(id), "value"); got != want {
				t.Errorf("%s = %q, want %q", id, got, want)
			}
		}
		p.none("#f-cohort_id")
		p.none("fieldset.member-row")
		if got := p.text("#region-name strong"); got != "Kuta Selatan, Kabupaten Badung, Bali" {
			t.Errorf("region name %q", got)
		}

		form := url.Values{"name": {"Kelompok Baru"}, "province": {"51"}, "region_code": {"51.03.05"}, "sector": {g.Sector}, "kbli": {"12"}}
		p = b.post(path, form).status(http.StatusUnprocessableEntity)
		p.hasFieldError("kbli")
		if attr(p.one("#f-kbli"), "value") != "12" {
			t.Error("KBLI not kept")
		}

		form.Set("kbli", "13111")
		p = b.follow(b.post(path, form).redirectsTo("/kelompok/" + g.ID.String()))
		if p.text("h1") != "Kelompok Baru" || !strings.Contains(p.text("#details"), "13111") {
			t.Errorf("not saved: %s / %s", p.text("h1"), p.text("#details"))
		}
		if !strings.Contains(p.text("#details"), g.Address) {
			t.Error("an input the form did not post changed its field")
		}
		if got := p.text(".notice"); got != "Kelompok Kelompok Baru telah diubah." {
			t.Errorf("notice %q", got)
		}
	})
}

// TestGroupDelete asks first, then deletes; a mentor may not.
func TestGroupDelete(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 2, 60)
		path := "/kelompok/" + g.ID.String() + "/hapus"

		mentor, _ := s.user(tkm.RoleMentor, "")
		mentor.get(path).status(http.StatusNotFound) // not the mentor's group
		mg := seedGroup(t, db, mentor.user, c.ID, "51.03.05", 1, 70)
		if got := mentor.get("/kelompok/" + mg.ID.String() + "/hapus").status(http.StatusForbidden).text("h1"); got != "Anda tidak berwenang" {
			t.Errorf("403 heading %q", got)
		}
		mentor.post("/kelompok/"+mg.ID.String()+"/hapus", nil).status(http.StatusForbidden)

		p := b.get(path).status(http.StatusOK)
		if got := p.text("h1"); got != "Hapus kelompok "+g.Name+"?" {
			t.Errorf("heading %q", got)
		}
		p.one(`form[method=post][action="` + path + `"] button[type=submit]`)
		p = b.follow(b.post(path, nil).redirectsTo("/kelompok"))
		if got := p.text(".notice"); got != "Kelompok "+g.Name+" telah dihapus." {
			t.Errorf("notice %q", got)
		}
		for _, name := range rowNames(p) {
			if name == g.Name {
				t.Error("deleted group still listed")
			}
		}
		b.get("/kelompok/" + g.ID.String()).status(http.StatusNotFound)
	})
}

// TestGroupAssignMentor: an officer gives a group its mentor on the edit
// form, the group page names them and the mentor then finds the group; the
// empty choice takes the mentor away. A mentor gets no such choice.
func TestGroupAssignMentor(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		mentorB, mentor := s.user(tkm.RoleMentor, "")
		_, gone := s.user(tkm.RoleMentor, "")
		users := store.NewUserService(db)
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 1, 10)
		path := "/kelompok/" + g.ID.String() + "/ubah"
		mentorB.get("/kelompok/" + g.ID.String()).status(http.StatusNotFound)

		p := b.get(path).status(http.StatusOK)
		p.none("#f-mentor_id option[selected]") // the empty first choice: no mentor
		if got := p.text(`#f-mentor_id option[value="` + mentor.ID.String() + `"]`); got != mentor.Name+" ("+mentor.Email+")" {
			t.Errorf("mentor option %q", got)
		}
		form := url.Values{"name": {g.Name}, "province": {"51"}, "region_code": {g.RegionCode}, "sector": {g.Sector},
			"mentor_id": {mentor.ID.String()}}
		p = b.follow(b.post(path, form).redirectsTo("/kelompok/" + g.ID.String()))
		if got := p.text("#mentor"); got != mentor.Name {
			t.Errorf("group page names mentor %q", got)
		}
		if names := rowNames(mentorB.get("/kelompok")); len(names) != 1 || names[0] != g.Name {
			t.Errorf("the mentor's list: %q", names)
		}
		mp := mentorB.get(path).status(http.StatusOK)
		mp.none("#f-mentor_id")
		mentorB.post(path, url.Values{"name": {g.Name}, "mentor_id": {""}}).status(http.StatusForbidden)

		form.Set("mentor_id", "abc")
		b.post(path, form).status(http.StatusUnprocessableEntity).hasFieldError("mentor_id")

		// A mentor disabled since stays shown, so that the officer sees who
		// it was; the group can still be saved with them, but a disabled
		// mentor cannot be newly chosen (store.checkMentor).
		if _, err := users.UpdateUser(storetest.As(admin), mentor.ID, tkm.UserUpdate{Disabled: new(true)}); err != nil {
			t.Fatal(err)
		}
		if _, err := users.UpdateUser(storetest.As(admin), gone.ID, tkm.UserUpdate{Disabled: new(true)}); err != nil {
			t.Fatal(err)
		}
		p = b.get(path).status(http.StatusOK)
		if got := p.text("#f-mentor_id option[selected]"); !strings.Contains(got, "nonaktif") {
			t.Errorf("disabled mentor shown as %q", got)
		}
		p.none(`#f-mentor_id option[value="` + gone.ID.String() + `"]`)
		form.Set("mentor_id", mentor.ID.String())
		form.Set("sector", "Tenun songket")
		b.follow(b.post(path, form).redirectsTo("/kelompok/" + g.ID.String()))
		form.Set("mentor_id", gone.ID.String())
		b.post(path, form).status(http.StatusUnprocessableEntity).hasFieldError("mentor_id")

		form.Set("mentor_id", "")
		p = b.follow(b.post(path, form).redirectsTo("/kelompok/" + g.ID.String()))
		if got := p.text("#mentor"); got != "—" {
			t.Errorf("mentor %q after taking them away", got)
		}
	})
}
