package tkm_test

import (
	"slices"
	"testing"

	"tkm"
	"tkm/region"
)

// facts returns the facts of a Pemula group of n valid members that meets
// every gate; each test case spoils one thing.
func facts(n int) tkm.GateFacts {
	c := tkm.NewCohort()
	c.Year = 2019
	g := &tkm.Group{RegionCode: "51.03.05", Stage: tkm.StageRegistered}
	for i := range n {
		role := tkm.RoleAnggota
		if i == 0 {
			role = tkm.RoleKetua
		}
		g.Members = append(g.Members, &tkm.Member{NIK: "5103051201900001", Role: role,
			BirthDate: tkm.DateOf(1990, 1, 12), Employment: tkm.Unemployed})
	}
	return tkm.GateFacts{Group: g, Cohort: c, Attended: map[tkm.TrainingKind]int{tkm.Pembekalan: n, tkm.Kelembagaan: n},
		AidTotal: c.AidAmount, AidRecords: 1, ProductsWithPhoto: 1, LPJAccepted: true, Reports: 1}
}

func TestGates(t *testing.T) {
	regions, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		to    tkm.Stage
		spoil func(f *tkm.GateFacts)
		unmet []string
	}{
		{"all met", tkm.StageVerified, func(*tkm.GateFacts) {}, nil},
		{"too few", tkm.StageVerified, func(f *tkm.GateFacts) { f.Group.Members = f.Group.Members[:9] }, []string{tkm.GateMembersCount}},
		{"too many", tkm.StageVerified, func(f *tkm.GateFacts) { f.Cohort.GroupSizeMax = 8; f.Cohort.GroupSizeMin = 5 }, []string{tkm.GateMembersCount}},
		{"two leaders", tkm.StageVerified, func(f *tkm.GateFacts) { f.Group.Members[1].Role = tkm.RoleKetua }, []string{tkm.GateOneLeader}},
		{"no leader", tkm.StageVerified, func(f *tkm.GateFacts) { f.Group.Members[0].Role = tkm.RoleBendahara }, []string{tkm.GateOneLeader}},
		{"bad NIK", tkm.StageVerified, func(f *tkm.GateFacts) { f.Group.Members[4].NIK = "9999051201900001" }, []string{tkm.GateNIKValid}},
		{"NIK taken", tkm.StageVerified, func(f *tkm.GateFacts) { f.TakenNIKs = 1 }, []string{tkm.GateNIKUnique}},
		{"too young", tkm.StageVerified, func(f *tkm.GateFacts) { f.Group.Members[3].BirthDate = tkm.DateOf(2002, 1, 2) }, []string{tkm.GateAgeRange}},
		{"17 on 1 January", tkm.StageVerified, func(f *tkm.GateFacts) { f.Group.Members[3].BirthDate = tkm.DateOf(2002, 1, 1) }, nil},
		{"too old", tkm.StageVerified, func(f *tkm.GateFacts) { f.Group.Members[3].BirthDate = tkm.DateOf(1963, 1, 1) }, []string{tkm.GateAgeRange}},
		{"employed", tkm.StageVerified, func(f *tkm.GateFacts) { f.Group.Members[2].Employment = tkm.Formal }, []string{tkm.GateNotEmployed}},
		{"informal is fine", tkm.StageVerified, func(f *tkm.GateFacts) { f.Group.Members[2].Employment = tkm.Informal }, nil},
		{"lanjutan without origin", tkm.StageVerified, func(f *tkm.GateFacts) { f.Cohort.Tier = tkm.TierLanjutan }, []string{tkm.GateLanjutanEligible}},
		{"lanjutan, origin not graduated", tkm.StageVerified, func(f *tkm.GateFacts) {
			f.Cohort.Tier, f.Previous, f.PreviousNewWorkers = tkm.TierLanjutan, &tkm.Group{Stage: tkm.StageAided}, 3
		}, []string{tkm.GateLanjutanEligible}},
		{"lanjutan, nobody hired", tkm.StageVerified, func(f *tkm.GateFacts) {
			f.Cohort.Tier, f.Previous = tkm.TierLanjutan, &tkm.Group{Stage: tkm.StageGraduated}
		}, []string{tkm.GateLanjutanEligible}},
		{"lanjutan eligible", tkm.StageVerified, func(f *tkm.GateFacts) {
			f.Cohort.Tier, f.Previous, f.PreviousNewWorkers = tkm.TierLanjutan, &tkm.Group{Stage: tkm.StageGraduated}, 1
		}, nil},
		{"no quotas: no limit", tkm.StageApproved, func(f *tkm.GateFacts) { f.QuotaUsed = 999 }, nil},
		{"quota left", tkm.StageApproved, func(f *tkm.GateFacts) { f.Cohort.Quotas = map[string]int{"51": 5}; f.QuotaUsed = 4 }, nil},
		{"quota used up", tkm.StageApproved, func(f *tkm.GateFacts) { f.Cohort.Quotas = map[string]int{"51": 5}; f.QuotaUsed = 5 }, []string{tkm.GateQuota}},
		{"province without quota", tkm.StageApproved, func(f *tkm.GateFacts) { f.Cohort.Quotas = map[string]int{"31": 5} }, []string{tkm.GateQuota}},
		{"70% attended", tkm.StageTrained, func(f *tkm.GateFacts) { f.Attended[tkm.Pembekalan] = 7 }, []string{tkm.GateTrainingAttendance}},
		{"80% attended", tkm.StageTrained, func(f *tkm.GateFacts) { f.Attended[tkm.Pembekalan] = 8 }, nil},
		{"aid short", tkm.StageAided, func(f *tkm.GateFacts) { f.AidTotal = 19_999_999 }, []string{tkm.GateAidDisbursed}},
		{"no aid record", tkm.StageAided, func(f *tkm.GateFacts) { f.AidRecords = 0 }, []string{tkm.GateAidDisbursed}},
		{"no kelembagaan, no product", tkm.StageInstitutional, func(f *tkm.GateFacts) {
			f.Attended[tkm.Kelembagaan], f.ProductsWithPhoto = 0, 0
		}, []string{tkm.GateKelembagaanAttendance, tkm.GateProductEvidence}},
		{"no LPJ, no report", tkm.StageGraduated, func(f *tkm.GateFacts) { f.LPJAccepted, f.Reports = false, 0 },
			[]string{tkm.GateAccountabilityReport, tkm.GateMonitoringReport}},
		{"graduated", tkm.StageGraduated, func(*tkm.GateFacts) {}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := facts(10)
			tt.spoil(&f)
			results := tkm.CheckGates(tt.to, f, regions)
			if len(results) != len(tkm.GatesOf(tt.to)) {
				t.Fatalf("%d results for %d gates", len(results), len(tkm.GatesOf(tt.to)))
			}
			var unmet []string
			for _, r := range tkm.Unmet(results) {
				unmet = append(unmet, r.Code)
				if r.Message == "" || r.English == "" {
					t.Errorf("gate %s has no message", r.Code)
				}
			}
			if !slices.Equal(unmet, tt.unmet) {
				t.Fatalf("unmet %v, want %v", unmet, tt.unmet)
			}
		})
	}
}

func TestCheckMove(t *testing.T) {
	tests := []struct {
		from, to tkm.Stage
		note     string
		ok       bool
	}{
		{tkm.StageRegistered, tkm.StageVerified, "", true},
		{tkm.StageRegistered, tkm.StageApproved, "", false},
		{tkm.StageVerified, tkm.StageRegistered, "", false},
		{tkm.StageInstitutional, tkm.StageGraduated, "", true},
		{tkm.StageGraduated, tkm.StageGraduated, "", false},
		{tkm.StageRegistered, tkm.StageRejected, "fiktif", true},
		{tkm.StageVerified, tkm.StageRejected, "", false},
		{tkm.StageApproved, tkm.StageRejected, "x", false},
		{tkm.StageApproved, tkm.StageDropped, "bubar", true},
		{tkm.StageGraduated, tkm.StageDropped, "bubar", true},
		{tkm.StageVerified, tkm.StageDropped, "bubar", false},
		{tkm.StageRejected, tkm.StageVerified, "", false},
		{tkm.StageDropped, tkm.StageRejected, "x", false},
		{tkm.StageRegistered, "finished", "", false},
	}
	for _, tt := range tests {
		if err := tkm.CheckMove(tt.from, tt.to, tt.note); (err == nil) != tt.ok {
			t.Errorf("CheckMove(%s, %s, %q) = %v, want ok=%v", tt.from, tt.to, tt.note, err, tt.ok)
		}
	}
}
