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

// TestProfile: a group's leader writes what the public reads about the
// group, and so may an officer who may change it; others may not, and a
// group out of scope is not found.
func TestProfile(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		c := storetest.OpenCohort(t, db, 2024)
		leader, lu := s.user(tkm.RoleGroup, "")
		g := seedGroup(t, db, lu, c.ID, "51.03.05", 10, 10)
		path := "/kelompok/" + g.ID.String() + "/profil"

		p := leader.get("/kelompok/" + g.ID.String()).status(http.StatusOK)
		p.one(`a#profile-edit[href="` + path + `"]`)
		p.none("#public-page")
		p = leader.get(path).status(http.StatusOK)
		p.one("#not-public")
		p.one(`form[action="` + path + `"] textarea#f-story`)

		p = leader.post(path, url.Values{"story": {strings.Repeat("x", 3001)}, "contact": {"0361 555 777"}}).
			status(http.StatusUnprocessableEntity)
		p.hasFieldError("story")
		if got := attr(p.one("#f-contact"), "value"); got != "0361 555 777" {
			t.Errorf("contact kept as %q", got)
		}
		p = leader.follow(leader.post(path, url.Values{"story": {"Kami menenun."}, "contact": {"WhatsApp 0361 555 777"},
			"public_names": {"Ibu Made (ketua)"}}).redirectsTo("/kelompok/" + g.ID.String()))
		if got := p.text(".notice"); got != "Profil publik "+g.Name+" telah disimpan." {
			t.Errorf("notice %q", got)
		}
		pr, err := store.NewProfileService(db).FindProfile(storetest.As(lu), g.ID)
		if err != nil || *pr.Story != "Kami menenun." || *pr.Contact != "WhatsApp 0361 555 777" || *pr.PublicNames != "Ibu Made (ketua)" {
			t.Fatalf("saved profile %+v, %v", pr, err)
		}
		if got := attr(leader.get(path).one("#f-contact"), "value"); got != "WhatsApp 0361 555 777" {
			t.Errorf("the form shows contact %q", got)
		}

		officer, _ := s.user(tkm.RoleRegional, "51")
		officer.get(path).status(http.StatusOK)
		auditor, _ := s.user(tkm.RoleAuditor, "")
		auditor.get(path).status(http.StatusForbidden)
		auditor.post(path, url.Values{"story": {"x"}}).status(http.StatusForbidden)
		for _, b := range []*browser{s.as(nil)} {
			b.get(path).redirectsTo("/masuk?next=" + url.QueryEscape(path))
		}
		java, _ := s.user(tkm.RoleRegional, "32")
		java.get(path).status(http.StatusNotFound)
		java.post(path, url.Values{"story": {"x"}}).status(http.StatusNotFound)
		other, _ := s.user(tkm.RoleGroup, "")
		other.get(path).status(http.StatusNotFound)
		leader.get("/kelompok/999999/profil").status(http.StatusNotFound)

		_, ministry := s.user(tkm.RoleMinistry, "")
		record{t, db, ministry}.product(g, "Kain Tenun", true)
		moveTo(t, db, ministry, g.ID, tkm.StageInstitutional, true)
		p = leader.get(path).status(http.StatusOK)
		p.one(`a#public-page[href="/usaha/` + g.ID.String() + `"]`)
		leader.get("/kelompok/" + g.ID.String()).one(`a#public-page[href="/usaha/` + g.ID.String() + `"]`)
		if got := s.as(nil).get("/usaha/" + g.ID.String()).text("#story"); got != "Kami menenun." {
			t.Errorf("the public page tells %q", got)
		}
	})
}
