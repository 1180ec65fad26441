package api_test

import (
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

func TestStatsAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		url := newServer(t, db)
		c := login(t, db, url, tkm.RoleMinistry, "")
		cohort := storetest.Cohort(t, db, 2019)
		for i, d := range []string{"51.03.05", "51.71.01", "31.71.01"} {
			c.do("POST", "/api/v1/groups", mustJSON(groupBody(cohort.ID, d, 10, 1+i*10)), 201, nil)
		}
		var st tkm.Stats
		c.do("GET", "/api/v1/stats", "", 200, &st)
		if st.Groups.Total != 3 || st.Groups.ByProvince["51"] != 2 || st.Groups.ByYear[2019] != 3 || st.Members.Total != 30 ||
			st.Members.Female+st.Members.Male != 30 || st.Groups.ByStage[tkm.StageRegistered] != 3 {
			t.Fatalf("stats %+v", st)
		}
		c.do("GET", "/api/v1/stats?province=31&year=2019", "", 200, &st)
		if st.Groups.Total != 1 {
			t.Fatalf("Jakarta: %+v", st.Groups)
		}
		bali := login(t, db, url, tkm.RoleRegional, "51.71")
		bali.do("GET", "/api/v1/stats", "", 200, &st)
		if st.Groups.Total != 1 || st.Groups.ByProvince["51"] != 1 {
			t.Fatalf("Denpasar's officer: %+v", st.Groups)
		}
		for _, bad := range []string{"year=19", "province=5", "cohort=x"} {
			c.do("GET", "/api/v1/stats?"+bad, "", 400, nil)
		}
	})
}
