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

// memberValues is a filled-in member form.
func memberValues(m *tkm.Member) url.Values {
	v := url.Values{}
	setMember(v, "", m)
	return v
}

func TestMemberAdd(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 1, 80)
		path := "/kelompok/" + g.ID.String() + "/anggota/baru"

		p := b.get(path).status(http.StatusOK)
		if p.text("h1") != "Tambah anggota" || p.text(".caption") != g.Name {
			t.Errorf("heading %q / %q", p.text("h1"), p.text(".caption"))
		}
		if got := attr(p.one("#f-role option[selected]"), "value"); got != "anggota" {
			t.Errorf("role starts as %q", got)
		}

		m := storetest.Member("51.03.05", 81)
		v := memberValues(m)
		v.Set("nik", "51030")
		v.Set("name", "")
		p = b.post(path, v).status(http.StatusUnprocessableEntity)
		p.hasFieldError("nik")
		p.hasFieldError("name")
		if attr(p.one("#f-phone"), "value") != m.Phone {
			t.Error("phone not kept")
		}

		p = b.follow(b.post(path, memberValues(m)).redirectsTo("/kelompok/" + g.ID.String()))
		if got := p.text(".notice"); got != m.Name+" telah ditambahkan." {
			t.Errorf("notice %q", got)
		}
		checkMembers(t, p, []*tkm.Member{g.Members[0], m}, maskedNIK)

		p = b.post(path, memberValues(m)).status(http.StatusConflict)
		p.hasFieldError("nik")
	})
}

func TestMemberEdit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 2, 90)
		m := g.Members[1]
		path := "/kelompok/" + g.ID.String() + "/anggota/" + m.ID.String() + "/ubah"

		p := b.get(path).status(http.StatusOK)
		if attr(p.one("#f-nik"), "value") != tkm.MaskNIK(m.NIK) || attr(p.one("#f-birth_date"), "value") != m.BirthDate.String() {
			t.Error("form not filled in")
		}
		if attr(p.one("#f-sex option[selected]"), "value") != string(m.Sex) {
			t.Error("sex not selected")
		}

		v := memberValues(m)
		v.Set("name", "")
		v.Set("birth_date", "kemarin")
		p = b.post(path, v).status(http.StatusUnprocessableEntity)
		p.hasFieldError("birth_date")
		p.hasFieldError("name")

		v = memberValues(m)
		v.Set("name", "Ni Made Sari")
		v.Set("disability", "1")
		p = b.follow(b.post(path, v).redirectsTo("/kelompok/" + g.ID.String()))
		if got := p.text(".notice"); got != "Data Ni Made Sari telah diubah." {
			t.Errorf("notice %q", got)
		}
		row := p.one(`#members a[href="` + path + `"]`).Parent.Parent
		if got := textOf(findAll(row, "th")[0]); got != "Ni Made Sari disabilitas" {
			t.Errorf("row shows %q", got)
		}
		b.get("/kelompok/" + g.ID.String() + "/anggota/999999/ubah").status(http.StatusNotFound)
	})
}

// TestMemberEditMaskedNIK: the form shows the NIK masked; sending it back
// unchanged leaves the real NIK alone.
func TestMemberEditMaskedNIK(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, mentor := s.user(tkm.RoleMentor, "")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, mentor, c.ID, "51.03.05", 1, 95)
		m := g.Members[0]
		path := "/kelompok/" + g.ID.String() + "/anggota/" + m.ID.String() + "/ubah"

		shown := attr(b.get(path).status(http.StatusOK).one("#f-nik"), "value")
		if shown != tkm.MaskNIK(m.NIK) {
			t.Fatalf("NIK field %q, want it masked", shown)
		}
		v := memberValues(m)
		v.Set("nik", shown)
		v.Set("name", "Nama Baru")
		b.post(path, v).redirectsTo("/kelompok/" + g.ID.String())

		saved, err := store.NewGroupService(db).RevealNIKs(storetest.As(admin), g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Members[0].NIK != m.NIK || saved.Members[0].Name != "Nama Baru" {
			t.Errorf("saved NIK %q name %q", saved.Members[0].NIK, saved.Members[0].Name)
		}
	})
}

func TestMemberDelete(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 2, 100)
		m := g.Members[1]
		path := "/kelompok/" + g.ID.String() + "/anggota/" + m.ID.String() + "/hapus"

		p := b.get(path).status(http.StatusOK)
		if got := p.text("h1"); got != "Keluarkan "+m.Name+"?" {
			t.Errorf("heading %q", got)
		}
		p.one(`form[method=post][action="` + path + `"] button.button--warning`)
		p = b.follow(b.post(path, nil).redirectsTo("/kelompok/" + g.ID.String()))
		if !strings.Contains(p.text(".notice"), m.Name) {
			t.Errorf("notice %q", p.text(".notice"))
		}
		checkMembers(t, p, g.Members[:1], maskedNIK)
		b.post(path, nil).status(http.StatusNotFound)
	})
}
