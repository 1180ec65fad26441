package tkm

// Stage is where a group stands on its way to an independent business.
type Stage string

const (
	StageRegistered    Stage = "registered"
	StageVerified      Stage = "verified"
	StageApproved      Stage = "approved"
	StageTrained       Stage = "trained"
	StageAided         Stage = "aided"
	StageInstitutional Stage = "institutional"
	StageGraduated     Stage = "graduated"
	StageRejected      Stage = "rejected"
	StageDropped       Stage = "dropped"
)

// Stages lists every stage: the forward path in order, then the two exits.
var Stages = []Stage{
	StageRegistered, StageVerified, StageApproved, StageTrained, StageAided,
	StageInstitutional, StageGraduated, StageRejected, StageDropped,
}

var stageLabels = map[Stage][2]string{
	StageRegistered:    {"Terdaftar", "Registered"},
	StageVerified:      {"Terverifikasi", "Verified"},
	StageApproved:      {"Ditetapkan", "Approved"},
	StageTrained:       {"Pembekalan", "Trained"},
	StageAided:         {"Bantuan Tersalurkan", "Aid disbursed"},
	StageInstitutional: {"Kelembagaan", "Institutional"},
	StageGraduated:     {"Mandiri", "Independent"},
	StageRejected:      {"Ditolak", "Rejected"},
	StageDropped:       {"Gugur", "Dropped"},
}

// Valid reports whether s is one of the stages.
func (s Stage) Valid() bool { _, ok := stageLabels[s]; return ok }

// Label returns the stage's name in Indonesian, or in English when en is set.
func (s Stage) Label(en bool) string {
	l, ok := stageLabels[s]
	if !ok {
		return string(s)
	}
	if en {
		return l[1]
	}
	return l[0]
}

// Active reports whether a group at this stage still holds its members'
// NIKs: every stage but rejected and dropped.
func (s Stage) Active() bool { return s != StageRejected && s != StageDropped }
