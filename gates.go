package tkm

import "fmt"

// GateFacts is what the store gathers about a group to judge its gates.
type GateFacts struct {
	Group              *Group // with its members and their full NIKs
	Cohort             *Cohort
	TakenNIKs          int // members whose NIK another active group holds
	QuotaUsed          int // other groups of the cohort and province at approved or later
	Attended           map[TrainingKind]int
	AidTotal           int64
	AidRecords         int
	ProductsWithPhoto  int
	LPJAccepted        bool
	Reports            int
	Previous           *Group // a Lanjutan group's Pemula group
	PreviousNewWorkers int
}

// CheckGates judges every gate of stage to for a group, met or not, each
// with a message saying what holds or what is missing.
func CheckGates(to Stage, f GateFacts, regions Regions) []GateResult {
	var out []GateResult
	for _, code := range stageGates[to] {
		ok, id, en := gateCheckers[code](f, regions)
		out = append(out, GateResult{Code: code, Met: ok, Message: id, English: en})
	}
	return out
}

// Unmet returns the gates that are not met.
func Unmet(rs []GateResult) []GateResult {
	var out []GateResult
	for _, r := range rs {
		if !r.Met {
			out = append(out, r)
		}
	}
	return out
}

type gateChecker func(GateFacts, Regions) (met bool, id, en string)

var gateCheckers = map[string]gateChecker{
	GateMembersCount:          membersCount,
	GateOneLeader:             oneLeader,
	GateNIKValid:              nikValid,
	GateNIKUnique:             nikUnique,
	GateAgeRange:              ageRange,
	GateNotEmployed:           notEmployed,
	GateLanjutanEligible:      lanjutanEligible,
	GateQuota:                 quota,
	GateTrainingAttendance:    attendance(Pembekalan),
	GateAidDisbursed:          aidDisbursed,
	GateKelembagaanAttendance: attendance(Kelembagaan),
	GateProductEvidence:       productEvidence,
	GateAccountabilityReport:  accountabilityReport,
	GateMonitoringReport:      monitoringReport,
}

func membersCount(f GateFacts, _ Regions) (bool, string, string) {
	n, lo, hi := len(f.Group.Members), f.Cohort.GroupSizeMin, f.Cohort.GroupSizeMax
	return n >= lo && n <= hi,
		fmt.Sprintf("Anggota %d orang; angkatan ini mensyaratkan %d–%d orang.", n, lo, hi),
		fmt.Sprintf("%d members; this cohort requires %d–%d.", n, lo, hi)
}

func oneLeader(f GateFacts, _ Regions) (bool, string, string) {
	n := 0
	for _, m := range f.Group.Members {
		if m.Role == RoleKetua {
			n++
		}
	}
	return n == 1, fmt.Sprintf("Ketua: %d orang (harus tepat satu).", n), fmt.Sprintf("Leaders: %d (must be exactly one).", n)
}

func nikValid(f GateFacts, regions Regions) (bool, string, string) {
	bad := 0
	for _, m := range f.Group.Members {
		if _, err := ParseNIK(m.NIK, regions); err != nil {
			bad++
		}
	}
	return bad == 0, fmt.Sprintf("NIK tidak sah: %d anggota.", bad), fmt.Sprintf("Invalid NIK: %d members.", bad)
}

func nikUnique(f GateFacts, _ Regions) (bool, string, string) {
	return f.TakenNIKs == 0,
		fmt.Sprintf("NIK yang juga terdaftar di kelompok aktif lain: %d anggota.", f.TakenNIKs),
		fmt.Sprintf("NIKs also in another active group: %d members.", f.TakenNIKs)
}

func ageRange(f GateFacts, _ Regions) (bool, string, string) {
	on := DateOf(f.Cohort.Year, 1, 1)
	bad := 0
	for _, m := range f.Group.Members {
		if age := m.BirthDate.AgeOn(on); age < f.Cohort.MemberAgeMin || age > f.Cohort.MemberAgeMax {
			bad++
		}
	}
	return bad == 0,
		fmt.Sprintf("Usia di luar %d–%d tahun pada 1 Januari %d: %d anggota.", f.Cohort.MemberAgeMin, f.Cohort.MemberAgeMax, f.Cohort.Year, bad),
		fmt.Sprintf("Aged outside %d–%d on 1 January %d: %d members.", f.Cohort.MemberAgeMin, f.Cohort.MemberAgeMax, f.Cohort.Year, bad)
}

func notEmployed(f GateFacts, _ Regions) (bool, string, string) {
	n := 0
	for _, m := range f.Group.Members {
		if m.Employment == Formal {
			n++
		}
	}
	return n == 0, fmt.Sprintf("Anggota yang bekerja di sektor formal: %d.", n), fmt.Sprintf("Members in formal employment: %d.", n)
}

func lanjutanEligible(f GateFacts, _ Regions) (bool, string, string) {
	switch {
	case f.Cohort.Tier != TierLanjutan:
		return true, "Tidak berlaku untuk TKM Pemula.", "Does not apply to TKM Pemula."
	case f.Previous == nil:
		return false, "Kelompok Lanjutan harus menyebut kelompok Pemula asalnya.", "A Lanjutan group must name its Pemula group."
	case f.Previous.Stage != StageGraduated:
		return false, "Kelompok Pemula asal belum Mandiri.", "The Pemula group has not graduated."
	case f.PreviousNewWorkers < 1:
		return false, "Kelompok Pemula asal belum mempekerjakan tenaga kerja baru.", "The Pemula group has hired no new worker."
	}
	return true, fmt.Sprintf("Kelompok Pemula asal Mandiri dan mempekerjakan %d orang.", f.PreviousNewWorkers),
		fmt.Sprintf("The Pemula group graduated and hired %d.", f.PreviousNewWorkers)
}

func quota(f GateFacts, _ Regions) (bool, string, string) {
	if len(f.Cohort.Quotas) == 0 {
		return true, "Angkatan ini tanpa kuota provinsi.", "This cohort has no province quotas."
	}
	p := ProvinceOf(f.Group.RegionCode)
	q := f.Cohort.Quotas[p]
	return f.QuotaUsed < q,
		fmt.Sprintf("Kuota provinsi %s: %d kelompok, sudah terpakai %d.", p, q, f.QuotaUsed),
		fmt.Sprintf("Quota of province %s: %d groups, %d used.", p, q, f.QuotaUsed)
}

func attendance(kind TrainingKind) gateChecker {
	return func(f GateFacts, _ Regions) (bool, string, string) {
		n, came := len(f.Group.Members), f.Attended[kind]
		return n > 0 && came*100 >= 80*n,
			fmt.Sprintf("Hadir dalam pelatihan %s: %d dari %d anggota (minimal 80%%).", kind, came, n),
			fmt.Sprintf("Attended a %s training: %d of %d members (80%% needed).", kind, came, n)
	}
}

func aidDisbursed(f GateFacts, _ Regions) (bool, string, string) {
	return f.AidRecords > 0 && f.AidTotal >= f.Cohort.AidAmount,
		fmt.Sprintf("Bantuan tersalurkan %s dari %s (dengan nomor BAST).", FormatRupiah(f.AidTotal), FormatRupiah(f.Cohort.AidAmount)),
		fmt.Sprintf("Aid disbursed %s of %s (with a handover number).", FormatRupiah(f.AidTotal), FormatRupiah(f.Cohort.AidAmount))
}

func productEvidence(f GateFacts, _ Regions) (bool, string, string) {
	return f.ProductsWithPhoto > 0,
		fmt.Sprintf("Produk dengan foto: %d (minimal 1).", f.ProductsWithPhoto),
		fmt.Sprintf("Products with a photo: %d (1 needed).", f.ProductsWithPhoto)
}

func accountabilityReport(f GateFacts, _ Regions) (bool, string, string) {
	if f.LPJAccepted {
		return true, "LPJ sudah diterima.", "An accountability report was accepted."
	}
	return false, "Belum ada LPJ yang diterima.", "No accountability report accepted yet."
}

func monitoringReport(f GateFacts, _ Regions) (bool, string, string) {
	return f.Reports > 0,
		fmt.Sprintf("Laporan monitoring: %d (minimal 1).", f.Reports),
		fmt.Sprintf("Monitoring reports: %d (1 needed).", f.Reports)
}
