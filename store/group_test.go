package store_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"tkm"
	"tkm/store"
	"tkm/store/storetest"
)

func TestCreateGroup(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		groups := store.NewGroupService(db)
		c := storetest.Cohort(t, db, 2019)

		g := storetest.Group(c.ID, "51.03.05", 10, 1)
		nik := g.Members[3].NIK
		if _, err := groups.CreateGroup(ctx, g); err != nil {
			t.Fatalf("create: %v", err)
		}
		got, err := groups.FindGroupByID(ctx, g.ID)
		if err != nil {
			t.Fatalf("find: %v", err)
		}
		if got.Stage != tkm.StageRegistered || got.MemberCount != 10 || len(got.Members) != 10 {
			t.Fatalf("got stage %s, %d/%d members; want registered with 10", got.Stage, got.MemberCount, len(got.Members))
		}
		if got.Members[0].Role != tkm.RoleKetua {
			t.Errorf("first member is %s, want the leader first", got.Members[0].Role)
		}
		if got.Phone != "+62361123456" {
			t.Errorf("phone stored as %q, want E.164", got.Phone)
		}
		if got.Members[4].NIK != tkm.MaskNIK(nik) || g.Members[3].NIK != tkm.MaskNIK(nik) {
			t.Errorf("NIK shown as %q, want it masked", got.Members[4].NIK)
		}
		full, err := groups.RevealNIKs(ctx, g.ID)
		if err != nil || full.Members[4].NIK != nik { // the leader moved to the top
			t.Errorf("revealed NIK %q (%v), want %s", full.Members[4].NIK, err, nik)
		}
		_, mentor := storetest.User(t, db, tkm.RoleMentor, "")
		if _, err := groups.RevealNIKs(mentor, g.ID); tkm.ErrorCode(err) != tkm.EFORBIDDEN {
			t.Errorf("a mentor saw full NIKs: %v", err)
		}
	})
}

// TestLeaderAppliesOnlyToOpenCohorts: a group's leader registers a group
// only in a cohort that takes applications online, whatever the client.
func TestLeaderAppliesOnlyToOpenCohorts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, leader := storetest.User(t, db, tkm.RoleGroup, "")
		groups := store.NewGroupService(db)
		c := storetest.Cohort(t, db, 2019)
		_, err := groups.CreateGroup(leader, storetest.Group(c.ID, "51.03.05", 10, 1))
		var e *tkm.Error
		if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Code != "cohort_closed" {
			t.Fatalf("applying to a closed cohort: %v", err)
		}
		open := storetest.OpenCohort(t, db, 2020)
		if _, err := groups.CreateGroup(leader, storetest.Group(open.ID, "51.03.05", 10, 1)); err != nil {
			t.Fatalf("applying once the cohort opened: %v", err)
		}
	})
}

func TestCreateGroupReportsEveryProblem(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		c := storetest.Cohort(t, db, 2019)
		g := storetest.Group(c.ID, "51.03.05", 3, 1)
		g.Name, g.RegionCode = "", "51.99"
		g.Members[1].NIK = "51030512019"
		g.Members[2].NIK = g.Members[0].NIK
		g.Members[2].Sex = "X"

		_, err := store.NewGroupService(db).CreateGroup(ctx, g)
		want := []string{"name", "region_code", "members[1].nik", "members[2].sex", "members[2].nik"}
		assertFields(t, err, tkm.EINVALID, want)
	})
}

// assertFields checks that err is an *tkm.Error of code naming exactly the fields.
func assertFields(t *testing.T, err error, code string, fields []string) {
	t.Helper()
	e, ok := err.(*tkm.Error)
	if !ok || e.Code != code {
		t.Fatalf("got %v, want a %s error", err, code)
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field)
	}
	slices.Sort(got)
	fields = slices.Clone(fields)
	slices.Sort(fields)
	if !slices.Equal(got, fields) {
		t.Fatalf("fields %v, want %v", got, fields)
	}
}

func TestNIKInAnotherActiveGroup(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ministry := storetest.User(t, db, tkm.RoleMinistry, "")
		_, jakarta := storetest.User(t, db, tkm.RoleRegional, "31")
		groups := store.NewGroupService(db)
		c := storetest.Cohort(t, db, 2019)
		bali := storetest.Group(c.ID, "51.03.05", 10, 1)
		if _, err := groups.CreateGroup(ministry, bali); err != nil {
			t.Fatal(err)
		}

		second := storetest.Group(c.ID, "51.71.01", 10, 11)
		second.Members[4].NIK = storetest.Member("51.03.05", 8).NIK // bali's eighth
		_, err := groups.CreateGroup(ministry, second)
		assertFields(t, err, tkm.ECONFLICT, []string{"members[4].nik"})
		if msg := err.(*tkm.Error).Fields[0].Message; !strings.Contains(msg, bali.Name) {
			t.Errorf("message %q does not name the other group", msg)
		}

		// A Jakarta officer learns that the NIK is taken, not where.
		other := storetest.Group(c.ID, "31.71.01", 10, 21)
		other.Members[0].NIK = storetest.Member("51.03.05", 8).NIK
		_, err = groups.CreateGroup(jakarta, other)
		assertFields(t, err, tkm.ECONFLICT, []string{"members[0].nik"})
		if msg := err.(*tkm.Error).Fields[0].Message; strings.Contains(msg, bali.Name) {
			t.Errorf("message %q reveals a group outside the caller's region", msg)
		}

		// Adding the member one at a time meets the same rule.
		third := storetest.Group(c.ID, "51.71.01", 10, 31)
		if _, err := groups.CreateGroup(ministry, third); err != nil {
			t.Fatal(err)
		}
		m := storetest.Member("51.03.05", 1)
		_, err = groups.CreateMember(ministry, third.ID, m)
		assertFields(t, err, tkm.ECONFLICT, []string{"nik"})
	})
}

func TestLanjutanMayHoldItsPreviousGroupsMembers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		_, ctx := storetest.User(t, db, tkm.RoleMinistry, "")
		groups := store.NewGroupService(db)
		pemula := storetest.Group(storetest.Cohort(t, db, 2022).ID, "51.03.05", 10, 1)
		if _, err := groups.CreateGroup(ctx, pemula); err != nil {
			t.Fatal(err)
		}
		lanjutan := storetest.Group(storetest.Cohort(t, db, 2023).ID, "51.03.05", 10, 1)
		lanjutan.PreviousGroupID = pemula.ID
		if _, err := groups.CreateGroup(ctx, lanjutan); err != nil {
			t.Fatalf("a Lanjutan group with its Pemula members: %v", err)
		}
		stranger := storetest.Group(storetest.Cohort(t, db, 2023).ID, "51.03.05", 10, 1)
		_, err := groups.CreateGroup(ctx, stranger)
		if tkm.ErrorCode(err) != tkm.ECONFLICT {
			t.Fatalf("a group without lineage took the same members: %v", err)
		}
	})
}
