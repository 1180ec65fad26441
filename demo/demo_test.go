package demo

import (
	"encoding/json"
	"fmt"
	"iter"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"tkm"
	"tkm/region"
)

var loadRegions = sync.OnceValues(region.Load)

// regions returns the shipped region table.
func regions(t testing.TB) *region.Table {
	t.Helper()
	reg, err := loadRegions()
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// ids stand for the IDs a store would give the three cohorts.
var ids = []tkm.ID{11, 12, 13}

// yearOf returns the year of the cohort a group belongs to.
func yearOf(t testing.TB, grp *tkm.Group) int {
	switch grp.CohortID {
	case ids[0]:
		return 2018
	case ids[1]:
		return 2019
	}
	t.Fatalf("group %s: cohort %d is not a Pemula cohort", grp.Ref, grp.CohortID)
	return 0
}

func generate(t testing.TB, seed uint64, n int) []*tkm.Group {
	return slices.Collect(New(seed, regions(t)).Groups(n, ids))
}

func TestDeterministic(t *testing.T) {
	a, b := generate(t, 42, 500), generate(t, 42, 500)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed and size gave different groups")
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatal("same seed and size gave different JSON")
	}
	if reflect.DeepEqual(a, generate(t, 43, 500)) {
		t.Fatal("another seed gave the same groups")
	}
}

func TestSequenceRepeats(t *testing.T) {
	seq := New(7, regions(t)).Groups(50, ids)
	if !reflect.DeepEqual(slices.Collect(seq), slices.Collect(seq)) {
		t.Fatal("ranging twice over the same sequence gave different groups")
	}
}

func TestSizes(t *testing.T) {
	g := New(1, regions(t))
	for _, n := range []int{0, 1, 10, 37} {
		got := 0
		for range g.Groups(n, ids) {
			got++
		}
		if got != n {
			t.Errorf("Groups(%d) yielded %d groups", n, got)
		}
	}
	for range g.Groups(100, ids) {
		break // stopping early must not panic
	}
}

func TestGroupsValid(t *testing.T) {
	reg := regions(t)
	today := tkm.DateOf(2019, 1, 1)
	refs := map[string]bool{}
	for _, grp := range generate(t, 2019, 2000) {
		checkGroup(t, reg, grp)
		checkTimes(t, grp, yearOf(t, grp))
		if refs[grp.Ref] {
			t.Errorf("ref %s twice", grp.Ref)
		}
		refs[grp.Ref] = true
		warnings, err := tkm.ValidateMembers(grp.Members, reg, today)
		if err != nil || len(warnings) > 0 {
			t.Fatalf("group %s members: %v, warnings %v", grp.Ref, err, warnings)
		}
		checkRoles(t, grp)
		for _, m := range grp.Members {
			checkMember(t, reg, grp, m)
		}
	}
}

func checkGroup(t *testing.T, reg tkm.Regions, grp *tkm.Group) {
	t.Helper()
	phone := grp.Phone
	if err := grp.Validate(reg); err != nil {
		t.Fatalf("group %s: %v", grp.Ref, err)
	}
	switch {
	case grp.Phone != phone:
		t.Errorf("group %s: phone %s normalised to %s", grp.Ref, phone, grp.Phone)
	case !grp.Stage.Valid():
		t.Errorf("group %s: stage %q", grp.Ref, grp.Stage)
	case grp.MemberCount != 10 || len(grp.Members) != 10:
		t.Errorf("group %s: %d members", grp.Ref, len(grp.Members))
	case grp.MentorID != 0 || grp.OwnerID != 0 || grp.PreviousGroupID != 0 || grp.ID != 0:
		t.Errorf("group %s: IDs set", grp.Ref)
	case tkm.LevelOf(grp.RegionCode) != tkm.LevelDistrict:
		t.Errorf("group %s: region %s is not a district", grp.Ref, grp.RegionCode)
	}
}

func checkTimes(t *testing.T, grp *tkm.Group, year int) {
	t.Helper()
	switch {
	case grp.CreatedAt.Year() != year || grp.StageSince.Year() != year:
		t.Errorf("group %s: times %v, %v outside %d", grp.Ref, grp.CreatedAt, grp.StageSince, year)
	case grp.StageSince.Before(grp.CreatedAt):
		t.Errorf("group %s: stage since %v before created %v", grp.Ref, grp.StageSince, grp.CreatedAt)
	case !grp.UpdatedAt.Equal(grp.StageSince):
		t.Errorf("group %s: updated %v, stage since %v", grp.Ref, grp.UpdatedAt, grp.StageSince)
	}
}

func checkRoles(t *testing.T, grp *tkm.Group) {
	t.Helper()
	roles := map[tkm.MemberRole]int{}
	for _, m := range grp.Members {
		roles[m.Role]++
	}
	want := map[tkm.MemberRole]int{tkm.RoleKetua: 1, tkm.RoleSekretaris: 1, tkm.RoleBendahara: 1, tkm.RoleAnggota: 7}
	if !reflect.DeepEqual(roles, want) {
		t.Errorf("group %s: roles %v", grp.Ref, roles)
	}
}

func checkMember(t *testing.T, reg tkm.Regions, grp *tkm.Group, m *tkm.Member) {
	t.Helper()
	year := yearOf(t, grp)
	nik, ferr := tkm.ParseNIK(m.NIK, reg)
	age := m.BirthDate.AgeOn(tkm.DateOf(year, 1, 1))
	switch {
	case ferr != nil:
		t.Errorf("%s: NIK %s: %v", m.Name, m.NIK, ferr)
	case len(nik.Check(m.BirthDate, m.Sex)) > 0:
		t.Errorf("%s: NIK %s disagrees with %s %s", m.Name, m.NIK, m.BirthDate, m.Sex)
	case nik.District != grp.RegionCode:
		t.Errorf("%s: NIK %s not of district %s", m.Name, m.NIK, grp.RegionCode)
	case age < 18 || age > 54:
		t.Errorf("%s: %d years old on 1 January %d", m.Name, age, year)
	case m.Employment == tkm.Formal && grp.Stage != tkm.StageRegistered && grp.Stage != tkm.StageRejected:
		t.Errorf("%s: formal worker in a group at %s", m.Name, grp.Stage)
	case !slices.Contains([]string{"SD", "SMP", "SMA", "SMK", "D3", "S1"}, m.Education):
		t.Errorf("%s: education %q", m.Name, m.Education)
	case !strings.HasPrefix(m.Phone, "+628") || !strings.HasPrefix(m.Address, "Jl. "):
		t.Errorf("%s: phone %s, address %s", m.Name, m.Phone, m.Address)
	}
}

func TestAllProvinces(t *testing.T) {
	for _, n := range []int{38, 1000} {
		seen := map[string]bool{}
		for _, grp := range generate(t, 5, n) {
			seen[tkm.ProvinceOf(grp.RegionCode)] = true
		}
		if len(seen) != 38 {
			t.Errorf("%d groups cover %d provinces, want 38", n, len(seen))
		}
	}
}

func TestPopulationWeights(t *testing.T) {
	reg := regions(t)
	for _, p := range reg.Provinces() {
		if populationOf(p.Code) == defaultWeight {
			t.Errorf("province %s %s has no population weight", p.Code, p.Name)
		}
	}
	per := New(1, reg).spread(10_000)
	jabar, kaltara := per[slices.IndexFunc(reg.Provinces(), isCode("32"))], per[slices.IndexFunc(reg.Provinces(), isCode("65"))]
	if jabar < 40*kaltara {
		t.Errorf("Jawa Barat %d groups, Kalimantan Utara %d: not by population", jabar, kaltara)
	}
}

func isCode(code string) func(tkm.Region) bool {
	return func(r tkm.Region) bool { return r.Code == code }
}

func TestCohortsMatchGroups(t *testing.T) {
	reg := regions(t)
	g := New(3, reg)
	cohorts := g.Cohorts(1000)
	if len(cohorts) != 3 || cohorts[2].Tier != tkm.TierLanjutan || len(cohorts[2].Quotas) != 0 {
		t.Fatalf("cohorts %+v", cohorts)
	}
	made := [2]map[string]int{{}, {}}
	for grp := range g.Groups(1000, ids) {
		made[yearOf(t, grp)-2018][tkm.ProvinceOf(grp.RegionCode)]++
	}
	for c, co := range cohorts {
		if err := co.Validate(reg); err != nil {
			t.Errorf("cohort %s: %v", co.Name, err)
		}
		if c < 2 && !reflect.DeepEqual(withoutZeros(co.Quotas), made[c]) {
			t.Errorf("cohort %s: quotas %v, groups made %v", co.Name, co.Quotas, made[c])
		}
	}
}

func withoutZeros(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

func TestCohortSplit(t *testing.T) {
	counts := map[tkm.ID]int{}
	for _, grp := range generate(t, 9, 3000) {
		counts[grp.CohortID]++
	}
	if share := float64(counts[ids[0]]) / 3000; share < 0.31 || share > 0.36 {
		t.Errorf("2018 share %.3f, want about 1/3 (counts %v)", share, counts)
	}
}

func TestNIKUnique(t *testing.T) {
	seen := make(map[string]string, 200_000)
	for grp := range New(20, regions(t)).Groups(20_000, ids) {
		for _, m := range grp.Members {
			if other, dup := seen[m.NIK]; dup {
				t.Fatalf("NIK %s given to %s and %s", m.NIK, other, m.Name)
			}
			seen[m.NIK] = m.Name
		}
	}
}

func TestNIKSpace(t *testing.T) {
	if birthFirst.AddDays(birthDays-1) != birthLast {
		t.Errorf("birthDays %d does not span %s … %s", birthDays, birthFirst, birthLast)
	}
	if nikSpace > 1<<(2*halfBits) {
		t.Errorf("space %d does not fit the permutation's %d bits", nikSpace, 2*halfBits)
	}
	for _, year := range cohortYears {
		jan1 := tkm.DateOf(year, 1, 1)
		if a, b := birthLast.AgeOn(jan1), birthFirst.AgeOn(jan1); a < 18 || b > 54 {
			t.Errorf("ages %d–%d on %s", a, b, jan1)
		}
	}
}

// TestPermute checks, over the whole space, that permute is one to one.
func TestPermute(t *testing.T) {
	hit := make([]bool, nikSpace)
	for k := range uint64(nikSpace) {
		slot := permute(k, 0xdecaf)
		if slot >= nikSpace || hit[slot] {
			t.Fatalf("permute(%d) = %d: outside the space or taken", k, slot)
		}
		hit[slot] = true
	}
}

func TestPeople(t *testing.T) {
	women, people, bali := 0, 0, 0
	for _, grp := range generate(t, 51, 2000) {
		for _, m := range grp.Members {
			people++
			if m.Sex == tkm.SexFemale {
				women++
			}
			if tkm.ProvinceOf(grp.RegionCode) == "51" {
				bali++
				checkBalinese(t, m)
			}
		}
	}
	if share := float64(women) / float64(people); share < 0.47 || share > 0.53 {
		t.Errorf("women %.3f of members, want about half", share)
	}
	if bali == 0 {
		t.Error("no member in Bali")
	}
}

func checkBalinese(t *testing.T, m *tkm.Member) {
	t.Helper()
	prefix := map[tkm.Sex]string{tkm.SexMale: "I ", tkm.SexFemale: "Ni "}[m.Sex]
	if !strings.HasPrefix(m.Name, prefix) {
		t.Errorf("Balinese %s (%s) does not start with %q", m.Name, m.Sex, prefix)
	}
}

func TestStages(t *testing.T) {
	stages := [2]map[tkm.Stage]int{{}, {}}
	for _, grp := range generate(t, 8, 3000) {
		stages[yearOf(t, grp)-2018][grp.Stage]++
	}
	if stages[0][tkm.StageGraduated] < stages[0][tkm.StageDropped]+stages[0][tkm.StageInstitutional] {
		t.Errorf("2018 not mostly graduated: %v", stages[0])
	}
	for _, s := range []tkm.Stage{tkm.StageRegistered, tkm.StageAided, tkm.StageGraduated, tkm.StageRejected} {
		if stages[1][s] == 0 {
			t.Errorf("2019 has no group at %s: %v", s, stages[1])
		}
	}
}

func TestSharesAddUp(t *testing.T) {
	check := func(name string, total int) {
		if total != 100 {
			t.Errorf("%s add up to %d%%", name, total)
		}
	}
	for c, shares := range stageShares {
		check(fmt.Sprint("stages of ", cohortYears[c]), sumPct(shares))
	}
	check("educations", sumPct(educations))
}

func sumPct[T any](list []weighted[T]) int {
	t := 0
	for _, w := range list {
		t += w.pct
	}
	return t
}

func TestSectors(t *testing.T) {
	for _, s := range sectors {
		grp := tkm.Group{CohortID: 1, Name: "x", Sector: s.name, KBLI: s.kbli, RegionCode: "51.03"}
		if err := grp.Validate(regions(t)); err != nil {
			t.Errorf("sector %s: %v", s.name, err)
		}
	}
}

func TestMobilePrefixes(t *testing.T) {
	for _, p := range mobilePrefixes {
		want := "+62" + p + "00000001"
		if got, err := tkm.NormalizePhone("0" + p + "00000001"); err != nil || got != want {
			t.Errorf("prefix %s: %q, %v", p, got, err)
		}
	}
}

func TestUsers(t *testing.T) {
	reg := regions(t)
	roles := map[tkm.Role]int{}
	regionals := []string{}
	for _, u := range Users() {
		if err := u.User.Validate(reg); err != nil {
			t.Errorf("user %s: %v", u.User.Email, err)
		}
		if err := tkm.ValidatePassword(u.Password); err != nil || len(u.Password) < 12 {
			t.Errorf("user %s: password %q too short", u.User.Email, u.Password)
		}
		roles[u.User.Role]++
		if u.User.Role == tkm.RoleRegional {
			regionals = append(regionals, u.User.Region)
		}
	}
	want := map[tkm.Role]int{tkm.RoleAdmin: 1, tkm.RoleMinistry: 1, tkm.RoleRegional: 2, tkm.RoleMentor: 1, tkm.RoleAuditor: 1}
	if !reflect.DeepEqual(roles, want) || !reflect.DeepEqual(regionals, []string{"51", "51.03"}) {
		t.Errorf("roles %v, regional officers of %v", roles, regionals)
	}
}

// TestConstantMemory streams groups without keeping them: the heap must not
// grow with the number of groups.
func TestConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 300,000 members")
	}
	g := New(4, regions(t))
	checkFlat(t, "groups", g.Groups(30_000, ids))
	checkFlat(t, "stories", g.Stories(30_000, ids))
}

// checkFlat ranges over 30,000 items and checks the heap did not grow from
// the 5,000th on.
func checkFlat[T any](t *testing.T, what string, seq iter.Seq[T]) {
	t.Helper()
	var before, after runtime.MemStats
	i := 0
	for range seq {
		switch i++; i {
		case 5_000:
			runtime.GC()
			runtime.ReadMemStats(&before)
		case 30_000:
			runtime.GC()
			runtime.ReadMemStats(&after)
		}
	}
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 1<<20 {
		t.Errorf("heap grew by %d bytes over 25,000 %s", grown, what)
	}
}

// BenchmarkGroups measures one group (ten members) per op.
func BenchmarkGroups(b *testing.B) {
	g := New(1, regions(b))
	b.ReportAllocs()
	b.ResetTimer()
	var last *tkm.Group
	for grp := range g.Groups(b.N, ids) {
		last = grp
	}
	b.StopTimer()
	if last != nil {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(last.Members)), "ns/member")
	}
}

// tinyRegions is a region table of one province with one regency and no
// districts, and of one province with nothing in it.
type tinyRegions struct{}

func (tinyRegions) Region(code string) (tkm.Region, bool) {
	switch code {
	case "51", "52":
		return tkm.Region{Code: code, Name: "Provinsi " + code, Level: tkm.LevelProvince}, true
	case "51.03":
		return tkm.Region{Code: code, Name: "Kabupaten Badung", Level: tkm.LevelRegency}, true
	}
	return tkm.Region{}, false
}

func (t tinyRegions) Children(parent string) []tkm.Region {
	var codes []string
	switch parent {
	case "":
		codes = []string{"51", "52"}
	case "51":
		codes = []string{"51.03"}
	}
	var out []tkm.Region
	for _, c := range codes {
		r, _ := t.Region(c)
		out = append(out, r)
	}
	return out
}

func (tinyRegions) Resolve(code string) (string, bool) { return code, code == "51.03" }

func TestRegencyWithoutDistricts(t *testing.T) {
	g := New(1, tinyRegions{})
	if co := g.Cohorts(5); !reflect.DeepEqual(co[0].Quotas, map[string]int{"51": 2}) {
		t.Errorf("2018 quotas %v", co[0].Quotas)
	}
	for grp := range g.Groups(5, ids) {
		if err := grp.Validate(tinyRegions{}); err != nil || grp.RegionCode != "51.03" {
			t.Fatalf("group in %s: %v", grp.RegionCode, err)
		}
		if _, err := tkm.ValidateMembers(grp.Members, tinyRegions{}, tkm.DateOf(2019, 1, 1)); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(slices.Collect(New(1, emptyRegions{}).Groups(5, ids))); n != 0 {
		t.Errorf("%d groups without any region", n)
	}
}

// emptyRegions is a region table without regions.
type emptyRegions struct{ tinyRegions }

func (emptyRegions) Children(string) []tkm.Region { return nil }
