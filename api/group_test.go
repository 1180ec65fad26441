package api_test

import (
	"fmt"
	"slices"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// groupBody is the JSON of a valid group of cohort in district with n
// members whose NIK serials start at first.
func groupBody(cohort tkm.ID, district string, n, first int) map[string]any {
	g := storetest.Group(cohort, district, n, first)
	var members []map[string]any
	for _, m := range g.Members {
		members = append(members, map[string]any{
			"nik": m.NIK, "name": m.Name, "sex": m.Sex, "birth_date": m.BirthDate.String(), "phone": m.Phone,
			"address": m.Address, "education": m.Education, "employment": m.Employment, "role": m.Role,
		})
	}
	return map[string]any{"cohort_id": cohort.String(), "name": g.Name, "region_code": g.RegionCode,
		"address": g.Address, "sector": g.Sector, "phone": g.Phone, "ref": fmt.Sprintf("REF-%d", first), "members": members}
}

func TestGroupLifecycle(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		c := login(t, db, newServer(t, db), tkm.RoleMinistry, "")
		cohort := storetest.Cohort(t, db, 2019)

		var g struct {
			tkm.Group
			Warnings []tkm.Warning
		}
		c.do("POST", "/api/v1/groups", mustJSON(groupBody(cohort.ID, "51.03.05", 10, 1)), 201, &g)
		if g.Stage != tkm.StageRegistered || len(g.Members) != 10 || g.ID == 0 || g.Phone != "+62361123456" {
			t.Fatalf("created %+v", g.Group)
		}
		path := "/api/v1/groups/" + g.ID.String()

		var got tkm.Group
		c.do("GET", path, "", 200, &got)
		if got.Name != g.Name || len(got.Members) != 10 || got.Members[0].Role != tkm.RoleKetua {
			t.Fatalf("got %+v", got)
		}
		c.do("PATCH", path, `{"name":"KUB Segara Madu","address":"Jl. Nusa Dua"}`, 200, &got)
		if got.Name != "KUB Segara Madu" || got.Address != "Jl. Nusa Dua" || got.Sector != g.Sector {
			t.Fatalf("patched %+v", got)
		}
		var p problem
		c.do("PATCH", path, `{"region_code":"51.99"}`, 422, &p)
		if !slices.Equal(p.fields(), []string{"region_code"}) {
			t.Errorf("fields %v", p.fields())
		}
		c.do("DELETE", path, "", 204, nil)
		c.do("GET", path, "", 404, nil)
		c.do("GET", "/api/v1/groups/banana", "", 404, nil)
	})
}

func TestCreateGroupErrors(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		c := login(t, db, newServer(t, db), tkm.RoleMinistry, "")
		cohort := storetest.Cohort(t, db, 2019)

		bad := groupBody(cohort.ID, "51.03.05", 3, 1)
		bad["name"] = ""
		bad["phone"] = "+1 202 555 0100"
		ms := bad["members"].([]map[string]any)
		ms[0]["birth_date"] = "1990-02-30"
		ms[1]["nik"] = "5103050000000000"
		var p problem
		c.do("POST", "/api/v1/groups", mustJSON(bad), 400, &p) // an impossible date is malformed JSON
		ms[0]["birth_date"] = "1991-02-03"
		c.do("POST", "/api/v1/groups", mustJSON(bad), 422, &p)
		want := []string{"members[1].nik", "name", "phone"}
		got := p.fields()
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("fields %v, want %v", got, want)
		}

		// The birth date disagreeing with the NIK is a warning, not an error.
		ok := groupBody(cohort.ID, "51.03.05", 10, 11)
		ok["members"].([]map[string]any)[0]["birth_date"] = "1980-01-01"
		var g struct{ Warnings []tkm.Warning }
		c.do("POST", "/api/v1/groups", mustJSON(ok), 201, &g)
		if len(g.Warnings) != 1 || g.Warnings[0].Code != tkm.NIKBirthDateMismatch || g.Warnings[0].Field != "members[0].nik" {
			t.Fatalf("warnings %+v", g.Warnings)
		}

		// The same people again: 409 naming the group that holds them.
		again := groupBody(cohort.ID, "51.03.05", 10, 11)
		again["ref"] = "OTHER"
		c.do("POST", "/api/v1/groups", mustJSON(again), 409, &p)
		if len(p.Errors) != 10 || p.Errors[0].Code != "nik_taken" {
			t.Fatalf("conflict %+v", p)
		}
		// The same ref in the same cohort is a conflict too.
		dupRef := groupBody(cohort.ID, "51.03.05", 10, 31)
		dupRef["ref"] = "REF-11"
		c.do("POST", "/api/v1/groups", mustJSON(dupRef), 409, &p)
		if !slices.Equal(p.fields(), []string{"ref"}) {
			t.Fatalf("fields %v", p.fields())
		}
	})
}

func TestListGroups(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		c := login(t, db, newServer(t, db), tkm.RoleMinistry, "")
		y18, y19 := storetest.Cohort(t, db, 2018), storetest.Cohort(t, db, 2019)
		places := []string{"51.03.05", "51.71.01", "31.71.01", "32.73.01", "51.03.01"}
		for i := range 25 {
			cohort := y18
			if i%5 >= 2 {
				cohort = y19
			}
			c.do("POST", "/api/v1/groups", mustJSON(groupBody(cohort.ID, places[i%5], 10, 1+i*10)), 201, nil)
		}
		count := func(query string) int {
			total, cursor := 0, ""
			for {
				var page tkm.GroupPage
				c.do("GET", "/api/v1/groups?limit=4&"+query+"&cursor="+cursor, "", 200, &page)
				total += len(page.Items)
				if page.NextCursor == "" {
					return total
				}
				cursor = page.NextCursor
			}
		}
		for query, want := range map[string]int{
			"":                          25,
			"province=51":               15,
			"region=51.03":              10,
			"region=51.03.05":           5,
			"province=31":               5,
			"cohort=" + y18.ID.String(): 10,
			"stage=registered":          25,
			"stage=approved":            0,
			"q=usaha+241":               1,
			"q=REF-41":                  1,
			"q=" + storetest.Member("51.71.01", 12).NIK: 1,
		} {
			if got := count(query); got != want {
				t.Errorf("?%s: %d groups, want %d", query, got, want)
			}
		}
		for _, bad := range []string{"province=5", "stage=done", "limit=501", "limit=0", "cohort=x", "cursor=zzz", "region=51.1"} {
			c.do("GET", "/api/v1/groups?"+bad, "", 400, nil)
		}
	})
}

func TestMembers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		c := login(t, db, newServer(t, db), tkm.RoleRegional, "51")
		cohort := storetest.Cohort(t, db, 2019)
		var g tkm.Group
		c.do("POST", "/api/v1/groups", mustJSON(groupBody(cohort.ID, "51.03.05", 9, 1)), 201, &g)
		members := "/api/v1/groups/" + g.ID.String() + "/members"

		m := storetest.Member("51.03.05", 200)
		var added tkm.Member
		c.do("POST", members, mustJSON(map[string]any{"nik": m.NIK, "name": m.Name, "sex": m.Sex,
			"birth_date": m.BirthDate.String(), "employment": "informal"}), 201, &added)
		if added.Role != tkm.RoleAnggota || added.NIK != tkm.MaskNIK(m.NIK) {
			t.Fatalf("added %+v", added)
		}
		var found struct{ Items []tkm.Member }
		c.do("GET", "/api/v1/members?nik="+m.NIK, "", 200, &found)
		if len(found.Items) != 1 || found.Items[0].GroupID != g.ID {
			t.Fatalf("found %+v", found)
		}
		one := members + "/" + added.ID.String()
		var changed tkm.Member
		c.do("PATCH", one, `{"name":"Ni Luh Putu Ayu","phone":"0812 3456 7890"}`, 200, &changed)
		if changed.Name != "Ni Luh Putu Ayu" || changed.Phone != "+6281234567890" || changed.NIK != tkm.MaskNIK(m.NIK) {
			t.Fatalf("changed %+v", changed)
		}
		c.do("PATCH", one, `{"sex":"X"}`, 422, nil)
		c.do("DELETE", one, "", 204, nil)
		c.do("DELETE", one, "", 404, nil)
		c.do("GET", "/api/v1/members?nik="+m.NIK, "", 404, nil)
		c.do("GET", "/api/v1/members?nik=123", "", 400, nil)

		// A Jakarta officer cannot see a Bali group, nor find its people.
		jkt := login(t, db, c.url, tkm.RoleRegional, "31")
		jkt.do("GET", "/api/v1/groups/"+g.ID.String(), "", 404, nil)
		jkt.do("POST", members, mustJSON(map[string]any{"nik": m.NIK}), 404, nil)
		jkt.do("GET", "/api/v1/members?nik="+storetest.Member("51.03.05", 1).NIK, "", 404, nil)
	})
}

func TestCohorts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		c := login(t, db, newServer(t, db), tkm.RoleMinistry, "")
		var co tkm.Cohort
		c.do("POST", "/api/v1/cohorts", `{"year":2024,"tier":"lanjutan","name":"TKM Lanjutan 2024","quotas":{"51":5,"31":3}}`, 201, &co)
		if co.AidAmount != 20_000_000 || co.GroupSizeMin != 10 || co.Quotas["51"] != 5 || co.EquipmentSharePct != 60 {
			t.Fatalf("defaults not applied: %+v", co)
		}
		path := "/api/v1/cohorts/" + co.ID.String()
		c.do("PATCH", path, `{"aid_amount":25000000}`, 200, &co)
		if co.AidAmount != 25_000_000 || co.Tier != tkm.TierLanjutan {
			t.Fatalf("patched %+v", co)
		}
		var p problem
		c.do("POST", "/api/v1/cohorts", `{"year":1999,"tier":"x","name":"","quotas":{"99":1}}`, 422, &p)
		got := p.fields()
		slices.Sort(got)
		if want := []string{"name", "quotas.99", "tier", "year"}; !slices.Equal(got, want) {
			t.Fatalf("fields %v, want %v", got, want)
		}
		var list struct{ Items []tkm.Cohort }
		c.do("GET", "/api/v1/cohorts", "", 200, &list)
		if len(list.Items) != 1 {
			t.Fatalf("%d cohorts", len(list.Items))
		}
		c.do("GET", "/api/v1/cohorts/999", "", 404, nil)

		mentor := login(t, db, c.url, tkm.RoleMentor, "")
		mentor.do("GET", path, "", 200, nil)
		mentor.do("PATCH", path, `{"aid_amount":1}`, 403, nil)
	})
}

// TestListGroupsCached: the group list is answered from a cache while the
// registry is unchanged, so it must never show one user another's scope,
// nor a page from before a change, whoever made the change.
func TestListGroupsCached(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		url := newServer(t, db)
		ministry := login(t, db, url, tkm.RoleMinistry, "")
		jakarta := login(t, db, url, tkm.RoleRegional, "31")
		c := storetest.Cohort(t, db, 2019)
		var bali, java tkm.Group
		ministry.do("POST", "/api/v1/groups", mustJSON(groupBody(c.ID, "51.03.05", 10, 1)), 201, &bali)
		ministry.do("POST", "/api/v1/groups", mustJSON(groupBody(c.ID, "31.71.01", 10, 11)), 201, &java)
		names := func(cl *client, query string) []string {
			t.Helper()
			var page tkm.GroupPage
			cl.do("GET", "/api/v1/groups?"+query, "", 200, &page)
			var out []string
			for _, g := range page.Items {
				out = append(out, g.Name)
			}
			return out
		}
		same := func(what string, got []string, want ...string) {
			t.Helper()
			if !slices.Equal(got, want) {
				t.Errorf("%s: %q, want %q", what, got, want)
			}
		}
		for range 2 { // the second time from the cache
			same("ministry", names(ministry, "limit=50"), java.Name, bali.Name)
			same("Jakarta's officer", names(jakarta, "limit=50"), java.Name)
			same("ministry, Bali", names(ministry, "province=51"), bali.Name)
		}
		ministry.do("PATCH", "/api/v1/groups/"+bali.ID.String(), `{"name":"Tenun Ikat Baru"}`, 200, nil)
		same("after a rename", names(ministry, "province=51"), "Tenun Ikat Baru")
		// A change made elsewhere (the web UI, tkm import, another server)
		// is seen as well.
		if err := store.NewGroupService(db).DeleteGroup(storetest.As(&tkm.User{Role: tkm.RoleAdmin}), java.ID); err != nil {
			t.Fatal(err)
		}
		same("after a delete", names(ministry, "limit=50"), "Tenun Ikat Baru")
		same("Jakarta's officer after the delete", names(jakarta, "limit=50"))
	})
}
