package store_test

import (
	"context"
	"reflect"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

// TestFindTrainingsOfGroup: a training inviting a Bali and a Java group
// lists both to the ministry, Bali's only to a Bali officer, and with
// GroupOnly only the group asked about, with its members who came.
func TestFindTrainingsOfGroup(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ministry := storetest.User(t, db, tkm.RoleMinistry, "")
		_, bali := storetest.User(t, db, tkm.RoleRegional, "51")
		c := storetest.Cohort(t, db, 2024)
		groups := store.NewGroupService(db)
		var g [2]*tkm.Group
		for i, district := range []string{"51.03.05", "32.73.01"} {
			g[i] = storetest.Group(c.ID, district, 10, 1+10*i)
			if _, err := groups.CreateGroup(ministry, g[i]); err != nil {
				t.Fatal(err)
			}
		}
		svc := store.NewTrainingService(db)
		tr := &tkm.Training{Kind: tkm.Pembekalan, Title: "Pembekalan", StartsOn: tkm.DateOf(2024, 5, 6),
			EndsOn: tkm.DateOf(2024, 5, 8), Location: "BLK", RegionCode: "51", GroupIDs: []tkm.ID{g[0].ID, g[1].ID}}
		if err := svc.CreateTraining(ministry, tr); err != nil {
			t.Fatal(err)
		}
		came := []tkm.ID{g[0].Members[0].ID, g[0].Members[1].ID, g[1].Members[0].ID}
		if _, err := svc.SetAttendance(ministry, tr.ID, came); err != nil {
			t.Fatal(err)
		}
		check := func(who string, ctx context.Context, f tkm.TrainingFilter, groups, attended []tkm.ID) {
			t.Helper()
			ts, err := svc.FindTrainings(ctx, f)
			if err != nil || len(ts) != 1 {
				t.Fatalf("%s, %+v: %d trainings, %v", who, f, len(ts), err)
			}
			if !reflect.DeepEqual(ts[0].GroupIDs, groups) || !reflect.DeepEqual(ts[0].Attendance, attended) {
				t.Errorf("%s, %+v: groups %v, attendance %v; want %v, %v", who, f, ts[0].GroupIDs, ts[0].Attendance, groups, attended)
			}
		}
		both := []tkm.ID{g[0].ID, g[1].ID}
		check("ministry", ministry, tkm.TrainingFilter{}, both, came)
		check("ministry", ministry, tkm.TrainingFilter{GroupID: g[1].ID}, both, came)
		check("ministry", ministry, tkm.TrainingFilter{GroupID: g[1].ID, GroupOnly: true}, []tkm.ID{g[1].ID}, came[2:])
		check("Bali", bali, tkm.TrainingFilter{}, []tkm.ID{g[0].ID}, came[:2])
		check("Bali", bali, tkm.TrainingFilter{GroupID: g[0].ID, GroupOnly: true}, []tkm.ID{g[0].ID}, came[:2])
		if ts, err := svc.FindTrainings(bali, tkm.TrainingFilter{GroupID: g[1].ID, GroupOnly: true}); err != nil || len(ts) != 0 {
			t.Errorf("Bali asking for Java's trainings: %d, %v", len(ts), err)
		}
	})
}
