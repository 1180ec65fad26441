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

// refused checks that a role without the action gets the friendly 403
// page for every path: it reads each, and posts to those that hold a form
// (marked "POST /path").
func refused(t *testing.T, b *browser, paths ...string) {
	t.Helper()
	for _, path := range paths {
		var p *page
		if post, ok := strings.CutPrefix(path, "POST "); ok {
			p = b.post(post, url.Values{"x": {"1"}})
		} else {
			p = b.get(path)
		}
		p.status(http.StatusForbidden)
		if got := p.text("h1"); got != "Anda tidak berwenang" {
			t.Errorf("%s: 403 heading %q", path, got)
		}
		if got := p.text("#error-role"); !strings.Contains(got, b.user.Name) {
			t.Errorf("%s: 403 page does not say who is logged in: %q", path, got)
		}
	}
}

// TestUserPagesForbidden: only an administrator manages users, as in the
// API; every other role is refused, whether the user exists or not.
func TestUserPagesForbidden(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		_, target := s.user(tkm.RoleMentor, "")
		id := target.ID.String()
		paths := []string{"/pengguna", "/pengguna/baru", "/pengguna/" + id + "/ubah", "/pengguna/" + id + "/sandi",
			"/pengguna/999999/ubah", "POST /pengguna/baru", "POST /pengguna/" + id + "/ubah",
			"POST /pengguna/" + id + "/sandi", "POST /pengguna/999999/ubah"}
		for _, role := range []tkm.Role{tkm.RoleMinistry, tkm.RoleAuditor, tkm.RoleMentor, tkm.RoleGroup} {
			b, _ := s.user(role, "")
			refused(t, b, paths...)
		}
		regional, _ := s.user(tkm.RoleRegional, "51")
		refused(t, regional, paths...)
		p := regional.get("/pengguna").status(http.StatusForbidden)
		if got := p.text("#error-role"); got != "Anda masuk sebagai Test regional dengan peran Petugas daerah (Disnaker)." {
			t.Errorf("403 page says %q", got)
		}
		regional.get("/bahasa?l=en&next=/pengguna")
		if got := regional.get("/pengguna").status(http.StatusForbidden).text("h1"); got != "You are not allowed to do this" {
			t.Errorf("English 403 heading %q", got)
		}
		if saved, err := store.NewUserService(db).FindUserByID(storetest.As(admin), target.ID); err != nil || saved.Name != target.Name {
			t.Errorf("a refused post changed the user: %v %v", saved, err)
		}
	})
}

// TestUserList shows every user with their role, region and status, and
// filters by role.
func TestUserList(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, me := s.user(tkm.RoleAdmin, "")
		_, officer := s.user(tkm.RoleRegional, "51.03")
		_, mentor := s.user(tkm.RoleMentor, "")
		if _, err := store.NewUserService(db).UpdateUser(storetest.As(me), mentor.ID, tkm.UserUpdate{Disabled: new(true)}); err != nil {
			t.Fatal(err)
		}

		p := b.get("/pengguna").status(http.StatusOK)
		p.one(`a.button[href="/pengguna/baru"]`)
		row := userCells(t, p, officer.Email)
		if row[1] != "Petugas daerah (Disnaker)" || row[2] != "Kabupaten Badung, Bali 51.03" || row[3] != "Aktif" {
			t.Errorf("officer row %q", row)
		}
		if row := userCells(t, p, mentor.Email); row[2] != "—" || row[3] != "Nonaktif" {
			t.Errorf("mentor row %q", row)
		}
		p.one(`#users a[href="/pengguna/` + officer.ID.String() + `/ubah"]`)
		p.one(`#users a[href="/pengguna/` + officer.ID.String() + `/sandi"]`)

		p = b.get("/pengguna?role=mentor").status(http.StatusOK)
		if n := len(p.all("#users tbody tr")); n != 1 {
			t.Errorf("%d mentors listed, want 1", n)
		}
		if attr(p.one("#f-role option[selected]"), "value") != "mentor" {
			t.Error("role filter not kept")
		}
		b.get("/pengguna?role=raja").status(http.StatusBadRequest).hasFieldError("role")
	})
}

// userCells returns the texts of the cells of the user with email.
func userCells(t *testing.T, p *page, email string) []string {
	t.Helper()
	for _, tr := range p.all("#users tbody tr") {
		cells := findAll(tr, "td")
		if textOf(cells[0]) == email {
			var out []string
			for _, td := range cells {
				out = append(out, textOf(td))
			}
			return out
		}
	}
	t.Fatalf("no user %s listed", email)
	return nil
}

// TestUserCreate: every problem beside its field, the password never sent
// back, a taken email a conflict; then a user who can log in.
func TestUserCreate(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleAdmin, "")
		p := b.get("/pengguna/baru").status(http.StatusOK)
		if got := p.text("#f-password-hint"); !strings.Contains(got, "inimal 12 karakter, bukan kata sandi umum") {
			t.Errorf("password hint %q", got)
		}
		p.one(`#f-password[type=password][autocomplete=new-password]`)
		p.one(`#f-role option[value=auditor]`)
		p.one(`datalist#provinces option[value="51"]`)

		v := url.Values{"email": {"bukan email"}, "name": {""}, "role": {"regional"}, "region": {"51.03.05"}, "password": {"pendek"}}
		p = b.post("/pengguna/baru", v).status(http.StatusUnprocessableEntity)
		for _, f := range []string{"email", "name", "region", "password"} {
			p.hasFieldError(f)
		}
		if attr(p.one("#f-password"), "value") != "" || attr(p.one("#f-email"), "value") != "bukan email" {
			t.Error("want the email kept and the password cleared")
		}
		var hrefs []string
		for _, a := range p.all(".error-summary li a") {
			hrefs = append(hrefs, attr(a, "href"))
		}
		if got := strings.Join(hrefs, " "); got != "#f-email #f-name #f-region #f-password" {
			t.Errorf("summary %s, want the order of the form", got)
		}

		v = url.Values{"email": {"Made.Wirawan@Disnaker.test"}, "name": {"Made Wirawan"}, "role": {"regional"},
			"region": {"51"}, "password": {"password1234"}}
		p = b.post("/pengguna/baru", v).status(http.StatusUnprocessableEntity)
		p.hasFieldError("password")
		if got := p.text("#f-password-error"); !strings.Contains(got, "terlalu umum") {
			t.Errorf("common password error %q", got)
		}

		v.Set("password", testPassword)
		p = b.follow(b.post("/pengguna/baru", v).redirectsTo("/pengguna"))
		if got := p.text(".notice"); got != "Pengguna Made Wirawan telah dibuat." {
			t.Errorf("notice %q", got)
		}
		if row := userCells(t, p, "made.wirawan@disnaker.test"); row[2] != "Bali 51" {
			t.Errorf("row %q", row)
		}
		b.post("/pengguna/baru", v).status(http.StatusConflict).hasFieldError("email")
		s.as(nil).post("/masuk", url.Values{"email": {"made.wirawan@disnaker.test"}, "password": {testPassword}}).
			redirectsTo("/")

		// A region typed for a role without one is dropped, as the hint says.
		v = url.Values{"email": {"tks@tkm.test"}, "name": {"Pendamping"}, "role": {"mentor"}, "region": {"51"}, "password": {testPassword}}
		b.post("/pengguna/baru", v).redirectsTo("/pengguna")
		us, err := store.NewUserService(db).FindUsers(storetest.As(b.user), tkm.UserFilter{Role: tkm.RoleMentor})
		if err != nil || len(us) != 1 || us[0].Region != "" {
			t.Errorf("mentor saved as %v, %v", us, err)
		}
	})
}

// TestUserEdit changes a user and disables them, which ends their
// sessions at once; an administrator cannot lock themselves out.
func TestUserEdit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, me := s.user(tkm.RoleAdmin, "")
		_, u := s.user(tkm.RoleRegional, "51")
		path := "/pengguna/" + u.ID.String() + "/ubah"
		other := s.as(nil)
		other.post("/masuk", url.Values{"email": {u.Email}, "password": {testPassword}}).redirectsTo("/")
		other.get("/kelompok").status(http.StatusOK)

		p := b.get(path).status(http.StatusOK)
		if attr(p.one("#f-name"), "value") != u.Name || attr(p.one("#f-region"), "value") != "51" ||
			attr(p.one("#f-role option[selected]"), "value") != "regional" || p.text("#email") != u.Email {
			t.Error("form not filled in")
		}
		p.none("#f-email")
		p.none("#f-password")
		p.none("#f-disabled[checked]")

		form := url.Values{"name": {"Ketut Sari"}, "role": {"regional"}, "region": {"99"}}
		b.post(path, form).status(http.StatusUnprocessableEntity).hasFieldError("region")

		form.Set("region", "51.71")
		form.Set("disabled", "1")
		p = b.follow(b.post(path, form).redirectsTo("/pengguna"))
		if got := p.text(".notice"); got != "Data pengguna Ketut Sari telah diubah." {
			t.Errorf("notice %q", got)
		}
		if row := userCells(t, p, u.Email); row[2] != "Kota Denpasar, Bali 51.71" || row[3] != "Nonaktif" {
			t.Errorf("row %q", row)
		}
		other.get("/kelompok").redirectsTo("/masuk?next=%2Fkelompok") // disabled: logged out at once
		b.get(path).one("#f-disabled[checked]")

		self := "/pengguna/" + me.ID.String() + "/ubah"
		p = b.post(self, url.Values{"name": {me.Name}, "role": {"admin"}, "disabled": {"1"}}).status(http.StatusUnprocessableEntity)
		p.hasFieldError("role")
		if got := p.text("#f-role-error"); !strings.Contains(got, "akun sendiri") {
			t.Errorf("self-lockout error %q", got)
		}
		b.get("/pengguna/999999/ubah").status(http.StatusNotFound)
	})
}

// TestUserPasswordReset sets a user's password; their sessions end and the
// new password works. One's own goes to the account page.
func TestUserPasswordReset(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, me := s.user(tkm.RoleAdmin, "")
		_, u := s.user(tkm.RoleMentor, "")
		path := "/pengguna/" + u.ID.String() + "/sandi"
		other := s.as(nil)
		other.post("/masuk", url.Values{"email": {u.Email}, "password": {testPassword}}).redirectsTo("/")

		p := b.get(path).status(http.StatusOK)
		if got := p.text("h1"); got != "Atur ulang kata sandi "+u.Name {
			t.Errorf("heading %q", got)
		}
		p.one(`form[method=post][action="` + path + `"] #f-password[type=password]`)
		b.post(path, url.Values{"password": {"pendek"}}).status(http.StatusUnprocessableEntity).hasFieldError("password")

		p = b.follow(b.post(path, url.Values{"password": {"kopi tubruk di pagi hari"}}).redirectsTo("/pengguna"))
		if got := p.text(".notice"); !strings.Contains(got, u.Name) {
			t.Errorf("notice %q", got)
		}
		other.get("/kelompok").redirectsTo("/masuk?next=%2Fkelompok")
		s.as(nil).post("/masuk", url.Values{"email": {u.Email}, "password": {"kopi tubruk di pagi hari"}}).redirectsTo("/")

		b.get("/pengguna/" + me.ID.String() + "/sandi").redirectsTo("/akun#sandi")
	})
}
