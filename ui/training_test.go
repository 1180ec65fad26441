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

// trainingValues is a filled-in training form.
func trainingValues(kind string, cohort tkm.ID, groups ...*tkm.Group) url.Values {
	v := url.Values{"kind": {kind}, "title": {"Pembekalan Kewirausahaan Bali"}, "starts_on": {"2024-05-06"},
		"ends_on": {"2024-05-08"}, "location": {"BLK Denpasar"}, "region_code": {"51"}, "cohort": {cohort.String()}}
	for _, g := range groups {
		v.Add("group_ids", g.ID.String())
	}
	return v
}

// TestTrainingNew: an officer lists the groups at the stage the kind of
// training serves, ticks some and saves the training; without a cohort or
// a group the form says what is missing.
func TestTrainingNew(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, u := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		approved := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		moveTo(t, db, u, approved.ID, tkm.StageApproved, false)
		seedGroup(t, db, admin, c.ID, "51.03.05", 10, 40) // registered: not for a pembekalan

		p := b.get("/pelatihan/baru?kind=pembekalan").status(http.StatusOK)
		p.one("#f-kind option[value=pembekalan][selected]")
		if got := attr(p.one("#f-region_code"), "value"); got != "51" {
			t.Errorf("region starts at %q", got)
		}
		p.none("#choices")

		list := trainingValues("pembekalan", 0)
		list.Set("cohort", "")
		list.Set("action", "groups")
		b.post("/pelatihan/baru", list).status(http.StatusUnprocessableEntity).hasFieldError("cohort")

		list = trainingValues("pembekalan", c.ID)
		list.Set("action", "groups")
		p = b.post("/pelatihan/baru", list).status(http.StatusOK)
		boxes := p.all("#choices input[name=group_ids]")
		if len(boxes) != 1 || attr(boxes[0], "value") != approved.ID.String() {
			t.Fatalf("groups to tick: %d, want only the approved one", len(boxes))
		}
		if got := p.text("#choices label"); !strings.Contains(got, approved.Name) || !strings.Contains(got, "10 anggota") {
			t.Errorf("choice %q", got)
		}
		if got := attr(p.one("#f-title"), "value"); got != "Pembekalan Kewirausahaan Bali" {
			t.Errorf("title lost: %q", got)
		}

		p = b.post("/pelatihan/baru", trainingValues("pembekalan", c.ID)).status(http.StatusUnprocessableEntity)
		p.one(`.error-summary a[href="#f-group_ids"]`)
		p.one("#f-group_ids-error")

		kept := trainingValues("kelembagaan", c.ID, approved)
		kept.Set("action", "groups")
		p = b.post("/pelatihan/baru", kept).status(http.StatusOK)
		p.one(`input[type=hidden][name=group_ids][value="` + approved.ID.String() + `"]`)
		p.one("#kept")
		p.one("#choices-empty")

		resp := b.post("/pelatihan/baru", trainingValues("pembekalan", c.ID, approved)).status(http.StatusSeeOther)
		p = b.follow(resp)
		if got := p.text(".notice"); got != "Pelatihan Pembekalan Kewirausahaan Bali telah dibuat." {
			t.Errorf("notice %q", got)
		}
		row := textOf(p.one("#invited tbody tr"))
		if !strings.Contains(row, approved.Name) || !strings.Contains(row, "hadir 0 dari 10 (0%)") || !strings.Contains(row, "belum mencapai 80%") {
			t.Errorf("invited %q", row)
		}
		p.one(`a#register[href="` + resp.Header.Get("Location") + `/hadir"]`)

		mentor, _ := s.user(tkm.RoleMentor, "")
		mentor.get("/pelatihan/baru").status(http.StatusForbidden)
		mentor.post("/pelatihan/baru", trainingValues("pembekalan", c.ID, approved)).status(http.StatusForbidden)
		mentor.get("/pelatihan").status(http.StatusOK).none("#training-new")
	})
}

// TestAttendanceSheet: one screen with every member of every invited
// group, a group ticked at once without JavaScript, saved in one post,
// each group's count against the 80% gate; the group page follows.
func TestAttendanceSheet(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, u := s.user(tkm.RoleRegional, "51")
		mentorB, mentor := s.user(tkm.RoleMentor, "")
		c := storetest.Cohort(t, db, 2024)
		g1 := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		g2 := seedGroup(t, db, mentor, c.ID, "51.03.05", 10, 40)
		for _, g := range []*tkm.Group{g1, g2} {
			moveTo(t, db, u, g.ID, tkm.StageApproved, false)
		}
		tr := record{t, db, u}.training(tkm.Pembekalan, g1, g2)
		sheet := "/pelatihan/" + tr.ID.String() + "/hadir"

		p := b.get(sheet).status(http.StatusOK)
		if n := len(p.all(".sheet__group")); n != 2 {
			t.Fatalf("%d groups on the sheet", n)
		}
		if n := len(p.all("input[type=checkbox][name=member_ids]")); n != 20 {
			t.Errorf("%d tick boxes, want 20", n)
		}
		if got := p.text("#count-" + g1.ID.String()); got != "hadir 0 dari 10 (0%) · belum mencapai 80%" {
			t.Errorf("count %q", got)
		}
		if got := p.text(`label[for="m-` + g1.Members[0].ID.String() + `"]`); got != g1.Members[0].Name+" Ketua" {
			t.Errorf("member label %q", got)
		}

		all := url.Values{"action": {"all:" + g1.ID.String()}, "member_ids": {g2.Members[0].ID.String()}}
		p = b.post(sheet, all).status(http.StatusOK)
		p.one("#unsaved")
		if n := len(p.all("#sheet-" + g1.ID.String() + " input[checked]")); n != 10 {
			t.Errorf("%d of the group ticked after ticking everyone", n)
		}
		if n := len(p.all("#sheet-" + g2.ID.String() + " input[checked]")); n != 1 {
			t.Errorf("the other group's tick lost: %d", n)
		}
		if got := p.text("#count-" + g1.ID.String()); got != "hadir 10 dari 10 (100%) · memenuhi syarat 80%" {
			t.Errorf("count %q", got)
		}

		save := url.Values{}
		for _, m := range g1.Members[:8] {
			save.Add("member_ids", m.ID.String())
		}
		p = b.follow(b.post(sheet, save).redirectsTo("/pelatihan/" + tr.ID.String()))
		if got := p.text(".notice"); got != "Daftar hadir telah disimpan." {
			t.Errorf("notice %q", got)
		}
		rows := p.all("#invited tbody tr")
		if got := textOf(rows[0]); !strings.Contains(got, "hadir 8 dari 10 (80%)") || !strings.Contains(got, "memenuhi syarat 80%") {
			t.Errorf("first group %q", got)
		}
		if got := textOf(rows[1]); !strings.Contains(got, "hadir 0 dari 10 (0%)") {
			t.Errorf("second group %q", got)
		}

		gp := b.get("/kelompok/" + g1.ID.String()).status(http.StatusOK)
		if got := gp.text("#trainings tbody tr"); !strings.Contains(got, "8 dari 10 anggota") || !strings.Contains(got, "Pembekalan") {
			t.Errorf("group's trainings %q", got)
		}
		if got := gp.text("#gate-training_attendance"); !strings.HasPrefix(got, "✓") {
			t.Errorf("gate %q", got)
		}

		// A mentor ticks their own group only.
		p = mentorB.get(sheet).status(http.StatusOK)
		if n := len(p.all(".sheet__group")); n != 1 {
			t.Errorf("the mentor sees %d groups", n)
		}
		p = mentorB.post(sheet, url.Values{"member_ids": {g1.Members[0].ID.String()}}).status(http.StatusUnprocessableEntity)
		if got := p.text(".error-summary li"); !strings.Contains(got, "bukan anggota kelompok yang diundang") {
			t.Errorf("summary %q", got)
		}
		mentorB.follow(mentorB.post(sheet, url.Values{"member_ids": {g2.Members[0].ID.String()}}).redirectsTo("/pelatihan/" + tr.ID.String()))
		if got := b.get("/pelatihan/" + tr.ID.String()).text("#invited tbody tr"); !strings.Contains(got, "hadir 8 dari 10") {
			t.Errorf("the mentor's save changed another group: %q", got)
		}

		leader, _ := s.user(tkm.RoleGroup, "")
		leader.get(sheet).status(http.StatusNotFound) // no group of theirs is invited
		auditor, _ := s.user(tkm.RoleAuditor, "")
		auditor.get(sheet).status(http.StatusForbidden)
		auditor.get("/pelatihan/" + tr.ID.String()).status(http.StatusOK).none("#register")
		java, _ := s.user(tkm.RoleRegional, "32")
		java.get(sheet).status(http.StatusNotFound)
		java.get("/pelatihan/" + tr.ID.String()).status(http.StatusNotFound)
	})
}

// TestTrainingList: the trainings inviting groups in scope, by kind.
func TestTrainingList(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		java := seedGroup(t, db, admin, c.ID, "32.73.01", 10, 40)
		mb, ministry := s.user(tkm.RoleMinistry, "")
		rc := record{t, db, ministry}
		tr := rc.training(tkm.Pembekalan, g, java)
		rc.training(tkm.Kelembagaan, java)
		rc.attend(tr, append(g.Members[:3:3], java.Members[:5]...)...)

		// The Bali officer counts Bali's group and its members only.
		p := b.get("/pelatihan").status(http.StatusOK)
		rows := p.all("#trainings tbody tr")
		if len(rows) != 1 {
			t.Fatalf("%d trainings, want the one inviting a group in scope", len(rows))
		}
		if got := textOf(rows[0]); got != "Pelatihan pembekalan Pembekalan 6 Mei 2024 – 8 Mei 2024 BLK Denpasar 1 3" {
			t.Errorf("row %q", got)
		}
		all := mb.get("/pelatihan?kind=pembekalan").status(http.StatusOK).all("#trainings tbody tr")
		if len(all) != 1 {
			t.Fatalf("the ministry sees %d pembekalan trainings, want 1", len(all))
		}
		if got := textOf(all[0]); !strings.HasSuffix(got, "BLK Denpasar 2 8") {
			t.Errorf("the ministry's row %q", got)
		}
		p.one(`a#training-new[href="/pelatihan/baru"]`)
		b.get("/pelatihan?kind=kelembagaan").status(http.StatusOK).one("#empty")
		b.get("/pelatihan/abc").status(http.StatusNotFound)
		s.as(nil).get("/pelatihan").redirectsTo("/masuk?next=%2Fpelatihan")
	})
}
