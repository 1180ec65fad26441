package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tkm"
	"tkm/store"
)

// NIK builds a valid NIK for someone first registered in district (dotted,
// "51.03.05"), born on birth, of sex, with a serial.
func NIK(district string, birth tkm.Date, sex tkm.Sex, serial int) string {
	day := birth.Day()
	if sex == tkm.SexFemale {
		day += 40
	}
	return fmt.Sprintf("%s%02d%02d%02d%04d", strings.ReplaceAll(district, ".", ""), day, int(birth.Month()), birth.Year()%100, serial)
}

// Member returns a valid member: the leader when i is 0, else an ordinary
// member, born in district, with a NIK consistent with it all. serial makes
// the NIK unique.
func Member(district string, serial int) *tkm.Member {
	sex := tkm.SexMale
	if serial%2 == 1 {
		sex = tkm.SexFemale
	}
	birth := tkm.DateOf(1970+serial%30, time.Month(1+serial%12), 1+serial%28)
	role := tkm.RoleAnggota
	if serial%10 == 0 {
		role = tkm.RoleKetua
	}
	return &tkm.Member{
		NIK: NIK(district, birth, sex, serial%9999+1), Name: fmt.Sprintf("Anggota %d", serial), Sex: sex,
		BirthDate: birth, Phone: fmt.Sprintf("08123%07d", serial), Address: "Jl. Raya " + district,
		Education: "SMA", Employment: tkm.Unemployed, Role: role,
	}
}

// Cohort creates a Pemula cohort of the given year with default rules.
func Cohort(t testing.TB, db *store.DB, year int) *tkm.Cohort {
	t.Helper()
	c := tkm.NewCohort()
	c.Year, c.Name = year, fmt.Sprintf("TKM Pemula %d", year)
	admin := &tkm.User{ID: 1, Role: tkm.RoleAdmin}
	if err := store.NewCohortService(db).CreateCohort(As(admin), c); err != nil {
		t.Fatalf("create cohort: %v", err)
	}
	return c
}

// OpenCohort is Cohort taking applications online, so that a group's
// leader may register a group in it.
func OpenCohort(t testing.TB, db *store.DB, year int) *tkm.Cohort {
	t.Helper()
	c := Cohort(t, db, year)
	open := true
	admin := &tkm.User{ID: 1, Role: tkm.RoleAdmin}
	c, err := store.NewCohortService(db).UpdateCohort(As(admin), c.ID, tkm.CohortUpdate{ApplicationsOpen: &open})
	if err != nil {
		t.Fatalf("open cohort: %v", err)
	}
	return c
}

// Group returns a valid group of cohort in district's regency with n
// members whose NIK serials start at first.
func Group(cohort tkm.ID, district string, n, first int) *tkm.Group {
	g := &tkm.Group{
		CohortID: cohort, Name: fmt.Sprintf("Kelompok Usaha %d", first), RegionCode: district,
		Address: "Jl. Pantai", Sector: "Kerajinan anyaman", Phone: "0361 123456",
	}
	for i := range n {
		g.Members = append(g.Members, Member(district, first+i))
	}
	return g
}
