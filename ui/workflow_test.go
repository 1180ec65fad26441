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

// stepTexts returns the status and the label of each step of the timeline.
func stepTexts(p *page) []string {
	var out []string
	for _, li := range p.all("#timeline > li") {
		out = append(out, textOf(findAll(li, ".timeline__head")[0]))
	}
	return out
}

// TestGroupPageWay: a registered group of ten shows the seven stages, the
// current one with how long it has been there, the next one with each of
// its gates ticked, the next action in words, and to an officer who may
// move it, the buttons to move it on or to reject it.
func TestGroupPageWay(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		id := g.ID.String()

		p := b.get("/kelompok/" + id).status(http.StatusOK)
		want := []string{"Tahap sekarang Terdaftar", "Berikutnya Terverifikasi", "Belum Ditetapkan", "Belum Pembekalan",
			"Belum Bantuan Tersalurkan", "Belum Kelembagaan", "Belum Mandiri"}
		if got := stepTexts(p); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("timeline %q, want %q", got, want)
		}
		cur := p.one(`#stage-registered[aria-current=step]`)
		if got := textOf(findAll(cur, ".timeline__detail")[0]); !strings.HasPrefix(got, "sejak ") || !strings.HasSuffix(got, "(hari ini)") {
			t.Errorf("current stage detail %q", got)
		}
		gates := p.all("#stage-verified .gates li")
		if len(gates) != len(tkm.GatesOf(tkm.StageVerified)) {
			t.Fatalf("%d gates of the next stage, want %d", len(gates), len(tkm.GatesOf(tkm.StageVerified)))
		}
		for _, li := range gates {
			if !hasWord(attr(li, "class"), "gate--met") || !strings.HasPrefix(textOf(li), "✓ Terpenuhi:") {
				t.Errorf("gate %q not shown met", textOf(li))
			}
		}
		if got := p.text("#gate-members_count"); !strings.Contains(got, "Jumlah anggota — Anggota 10 orang") {
			t.Errorf("gate %q", got)
		}
		if got := p.text("#next-action li"); got != "Semua syarat terpenuhi: kelompok siap dipindahkan ke tahap Terverifikasi." {
			t.Errorf("next action %q", got)
		}
		form := p.one(`form#move[action="/kelompok/` + id + `/tahap"]`)
		if len(findAll(form, `input[name=to][value=verified]`)) != 1 || textOf(findAll(form, "button")[0]) != "Pindahkan ke tahap Terverifikasi" {
			t.Error("no move to the next stage")
		}
		p.none("#f-override") // a regional officer may not pass a gate
		p.one(`#exit-form input[name=to][value=rejected]`)
		if got := p.text("#exit-form summary"); got != "Tolak kelompok" {
			t.Errorf("exit %q", got)
		}
		for _, empty := range []string{"#trainings-empty", "#aid-empty", "#products-empty", "#lpj-empty", "#reports-empty", "#history-empty"} {
			p.one(empty)
		}
		p.one(`a#aid-new[href="/kelompok/` + id + `/bantuan/baru"]`)
		p.one(`a#product-new[href="/kelompok/` + id + `/produk/baru"]`)

		mentor, mu := s.user(tkm.RoleMentor, "")
		mg := seedGroup(t, db, mu, c.ID, "51.03.05", 3, 30)
		p = mentor.get("/kelompok/" + mg.ID.String()).status(http.StatusOK)
		p.none("#move")
		p.none("#exit-form")
		p.none("#aid-new")
		p.one("#product-new")
		unmet := p.one("#gate-members_count")
		if !hasWord(attr(unmet, "class"), "gate--unmet") || !strings.HasPrefix(textOf(unmet), "✗ Belum terpenuhi:") {
			t.Errorf("unmet gate shown %q", textOf(unmet))
		}
		if got := p.text("#next-action li"); got != "Sesuaikan jumlah anggota dengan ukuran kelompok yang ditetapkan angkatan." {
			t.Errorf("next action %q", got)
		}
	})
}

// TestGroupMove: an officer moves a group on; a move whose gates are not
// met shows the page again with every unmet gate in the error summary,
// each linking to its gate; the history keeps every move.
func TestGroupMove(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, u := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		path := "/kelompok/" + g.ID.String()

		p := b.follow(b.post(path+"/tahap", url.Values{"to": {"verified"}, "note": {"Berkas lengkap."}}).redirectsTo(path))
		if got := p.text(".notice"); got != "Kelompok telah dipindahkan ke tahap Terverifikasi." {
			t.Errorf("notice %q", got)
		}
		if got := p.text("#stage"); got != "Terverifikasi" {
			t.Errorf("stage %q", got)
		}
		done := p.text("#stage-registered")
		if !strings.HasPrefix(done, "Selesai Terdaftar Didaftarkan ") {
			t.Errorf("registered step %q", done)
		}
		b.post(path+"/tahap", url.Values{"to": {"approved"}}).redirectsTo(path)

		p = b.post(path+"/tahap", url.Values{"to": {"trained"}}).status(http.StatusUnprocessableEntity)
		items := p.all(".error-summary li")
		if len(items) != 2 || textOf(items[0]) != "Syarat tahap ini belum terpenuhi." {
			t.Fatalf("summary %q", textOf(p.one(".error-summary")))
		}
		link := p.one(`.error-summary a[href="#gate-training_attendance"]`)
		if got := textOf(link); got != "Kehadiran pembekalan: Hadir dalam pelatihan pembekalan: 0 dari 10 anggota (minimal 80%)." {
			t.Errorf("gate in the summary %q", got)
		}
		p.one("#stage-trained #gate-training_attendance.gate--unmet")
		if got := p.text("#stage"); got != "Ditetapkan" {
			t.Errorf("stage after a refused move %q", got)
		}
		todo := p.one("#next-action li")
		if !strings.HasPrefix(textOf(todo), "Catat kehadiran pelatihan pembekalan (minimal 80% anggota).") {
			t.Errorf("next action %q", textOf(todo))
		}
		p.one(`#next-action a[href="/pelatihan"]`)
		if title := p.text("head title"); !strings.HasPrefix(title, "Galat: ") {
			t.Errorf("title %q", title)
		}

		p = b.get(path).status(http.StatusOK)
		rows := p.all("#history tbody tr")
		if len(rows) != 2 {
			t.Fatalf("%d history rows, want 2", len(rows))
		}
		newest := textOf(rows[0])
		for _, want := range []string{"Terverifikasi → Ditetapkan", u.Name, "✓ Terpenuhi: Kuota provinsi"} {
			if !strings.Contains(newest, want) {
				t.Errorf("history row %q lacks %q", newest, want)
			}
		}
		if got := textOf(rows[1]); !strings.Contains(got, "Terdaftar → Terverifikasi") || !strings.Contains(got, "Berkas lengkap.") {
			t.Errorf("first move %q", got)
		}
		if got := p.text("#stage-verified .timeline__detail"); !strings.HasSuffix(got, "oleh "+u.Name) {
			t.Errorf("verified step %q", got)
		}
		p.none("#history [id^=gate-]")
	})
}

// TestGroupOverride: a ministry officer may pass unmet gates with a reason;
// without one the note is the error; the history flags the override. A
// regional officer may not.
func TestGroupOverride(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, ministry := s.user(tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		moveTo(t, db, ministry, g.ID, tkm.StageApproved, false)
		path := "/kelompok/" + g.ID.String()

		p := b.get(path).status(http.StatusOK)
		p.one("#f-override")
		p = b.post(path+"/tahap", url.Values{"to": {"trained"}, "override": {"1"}}).status(http.StatusUnprocessableEntity)
		p.hasFieldError("note")
		if attr(p.one("#f-override"), "checked") == "" && len(p.all("#f-override[checked]")) == 0 {
			t.Error("the override box lost its tick")
		}
		p = b.follow(b.post(path+"/tahap", url.Values{"to": {"trained"}, "override": {"1"},
			"note": {"Pelatihan diikuti di provinsi lain."}}).redirectsTo(path))
		row := textOf(p.all("#history tbody tr")[0])
		for _, want := range []string{"Ditetapkan → Pembekalan", "Pelatihan diikuti di provinsi lain.", "melewati syarat", "✗ Belum terpenuhi: Kehadiran pembekalan"} {
			if !strings.Contains(row, want) {
				t.Errorf("history row %q lacks %q", row, want)
			}
		}
		moveTo(t, db, ministry, g.ID, tkm.StageAided, true)
		if got := b.get(path).status(http.StatusOK).text("#stage-trained .timeline__detail"); !strings.HasSuffix(got, "(melewati syarat)") {
			t.Errorf("trained step %q", got)
		}

		regional, _ := s.user(tkm.RoleRegional, "51")
		regional.get(path).status(http.StatusOK).none("#f-override")
		regional.post(path+"/tahap", url.Values{"to": {"aided"}, "override": {"1"}, "note": {"x"}}).status(http.StatusForbidden)
	})
}

// TestGroupReject: a group is rejected before its approval and dropped
// after, each with a reason, which its page then shows.
func TestGroupReject(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, u := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		g := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		path := "/kelompok/" + g.ID.String()

		p := b.post(path+"/tahap", url.Values{"to": {"rejected"}, "reason": {"  "}}).status(http.StatusUnprocessableEntity)
		p.hasFieldError("reason")
		p.one("details#exit-form[open]")
		p = b.follow(b.post(path+"/tahap", url.Values{"to": {"rejected"}, "reason": {"Usaha fiktif."}}).redirectsTo(path))
		if got := p.text(".notice"); got != "Kelompok telah ditolak." {
			t.Errorf("notice %q", got)
		}
		if got := p.text("#exit"); !strings.Contains(got, "Ditolak") || !strings.Contains(got, "oleh "+u.Name) {
			t.Errorf("exit %q", got)
		}
		if got := p.text("#exit-reason"); got != "Alasan: Usaha fiktif." {
			t.Errorf("reason %q", got)
		}
		if got := stepTexts(p); strings.Join(got, "|") != "Selesai Terdaftar|Berakhir Ditolak" {
			t.Errorf("timeline %q", got)
		}
		p.none("#move")
		p.none("#exit-form")
		p.none("#next-action")

		g2 := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 40)
		moveTo(t, db, u, g2.ID, tkm.StageApproved, false)
		p = b.get("/kelompok/" + g2.ID.String()).status(http.StatusOK)
		p.one(`#exit-form input[name=to][value=dropped]`)
		if got := p.text("#exit-form summary"); got != "Gugurkan kelompok" {
			t.Errorf("exit %q", got)
		}
		p = b.post("/kelompok/"+g2.ID.String()+"/tahap", url.Values{"to": {"rejected"}, "reason": {"x"}}).status(http.StatusUnprocessableEntity)
		if got := p.text(".error-summary li"); !strings.Contains(got, "gugurkan") {
			t.Errorf("summary %q", got)
		}
	})
}

// TestGroupMoveAuthz: a role that may not move groups is refused; a group
// out of scope is not found.
func TestGroupMoveAuthz(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		c := storetest.Cohort(t, db, 2024)
		mentor, mu := s.user(tkm.RoleMentor, "")
		g := seedGroup(t, db, mu, c.ID, "51.03.05", 10, 10)
		path := "/kelompok/" + g.ID.String() + "/tahap"
		move := url.Values{"to": {"verified"}}
		mentor.post(path, move).status(http.StatusForbidden)
		auditor, _ := s.user(tkm.RoleAuditor, "")
		auditor.post(path, move).status(http.StatusForbidden)
		java, _ := s.user(tkm.RoleRegional, "32")
		java.post(path, move).status(http.StatusNotFound)
		java.post("/kelompok/pindah", url.Values{"to": {"verified"}, "group_ids": {g.ID.String()}}).status(http.StatusOK).
			one("#results .result--failed")
		mentor.post("/kelompok/pindah", url.Values{"to": {"verified"}, "group_ids": {g.ID.String()}}).status(http.StatusForbidden)
		s.as(nil).post(path, move).redirectsTo("/masuk?next=" + url.QueryEscape(path))
	})
}

// TestGroupMoveMany: an officer ticks groups on the list and moves them
// at once; each is judged on its own.
func TestGroupMoveMany(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		b, _ := s.user(tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		good := seedGroup(t, db, admin, c.ID, "51.03.05", 10, 10)
		small := seedGroup(t, db, admin, c.ID, "51.03.05", 3, 40)

		p := b.get("/kelompok?stage=registered").status(http.StatusOK)
		p.one(`td.select-cell label input[type=checkbox][form=bulk-move][name=group_ids][value="` + good.ID.String() + `"]`)
		p.one(`form#bulk-move[action="/kelompok/pindah"] input[name=back][value="/kelompok?stage=registered"]`)
		p.one(`#f-to option[value=verified][selected]`)
		if got := p.text("#groups tbody td[data-label=\"Lama di tahap ini\"]"); !strings.HasPrefix(got, "hari ini (sejak ") {
			t.Errorf("time in stage %q", got)
		}

		p = b.post("/kelompok/pindah", url.Values{"to": {"verified"}, "back": {"/kelompok?stage=registered"},
			"group_ids": {good.ID.String(), small.ID.String()}}).status(http.StatusOK)
		if got := p.text("#move-summary"); got != "1 dari 2 kelompok dipindahkan ke tahap Terverifikasi." {
			t.Errorf("summary %q", got)
		}
		rows := p.all("#results tbody tr")
		if len(rows) != 2 {
			t.Fatalf("%d results", len(rows))
		}
		if got := textOf(rows[0]); !hasWord(attr(rows[0], "class"), "result--ok") || got != good.Name+" ✓ Dipindahkan ke Terverifikasi" {
			t.Errorf("moved row %q", got)
		}
		if got := textOf(rows[1]); !hasWord(attr(rows[1], "class"), "result--failed") ||
			!strings.Contains(got, "Tidak dipindahkan") || !strings.Contains(got, "Jumlah anggota: Anggota 3 orang") {
			t.Errorf("refused row %q", got)
		}
		p.one(`a[href="/kelompok/` + small.ID.String() + `"]`)
		p.one(`a.back-link[href="/kelompok?stage=registered"]`)

		p = b.post("/kelompok/pindah", url.Values{"to": {"verified"}}).status(http.StatusUnprocessableEntity)
		if got := p.text(".error-summary li"); got != "Pilih 1 sampai 500 kelompok." {
			t.Errorf("no selection: %q", got)
		}
		p = b.post("/kelompok/pindah", url.Values{"to": {"nowhere"}, "group_ids": {good.ID.String()}}).status(http.StatusUnprocessableEntity)
		if got := p.text(".error-summary li"); got != "Pilih tahap tujuan." {
			t.Errorf("bad stage: %q", got)
		}

		mentor, _ := s.user(tkm.RoleMentor, "")
		p = mentor.get("/kelompok").status(http.StatusOK)
		p.none("#bulk-move")
		p.none(".select-cell")
	})
}
