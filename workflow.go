package tkm

import (
	"context"
	"time"
)

// Gate codes: what must hold for a group to enter a stage.
const (
	GateMembersCount          = "members_count"
	GateOneLeader             = "one_leader"
	GateNIKValid              = "nik_valid"
	GateNIKUnique             = "nik_unique"
	GateAgeRange              = "age_range"
	GateNotEmployed           = "not_employed"
	GateLanjutanEligible      = "lanjutan_eligible"
	GateQuota                 = "quota"
	GateTrainingAttendance    = "training_attendance"
	GateAidDisbursed          = "aid_disbursed"
	GateKelembagaanAttendance = "kelembagaan_attendance"
	GateProductEvidence       = "product_evidence"
	GateAccountabilityReport  = "accountability_report"
	GateMonitoringReport      = "monitoring_report"
)

// Path is the forward path of a group, in order.
var Path = []Stage{StageRegistered, StageVerified, StageApproved, StageTrained, StageAided, StageInstitutional, StageGraduated}

// stageGates lists the gates to enter each stage.
var stageGates = map[Stage][]string{
	StageVerified: {GateMembersCount, GateOneLeader, GateNIKValid, GateNIKUnique, GateAgeRange, GateNotEmployed,
		GateLanjutanEligible},
	StageApproved:      {GateQuota},
	StageTrained:       {GateTrainingAttendance},
	StageAided:         {GateAidDisbursed},
	StageInstitutional: {GateKelembagaanAttendance, GateProductEvidence},
	StageGraduated:     {GateAccountabilityReport, GateMonitoringReport},
}

// GatesOf returns the gate codes to enter a stage.
func GatesOf(s Stage) []string { return stageGates[s] }

// Next returns the stage after s on the forward path, or "" at its end.
func (s Stage) Next() Stage {
	for i, p := range Path[:len(Path)-1] {
		if p == s {
			return Path[i+1]
		}
	}
	return ""
}

// index is s's place on the forward path, or -1.
func (s Stage) index() int {
	for i, p := range Path {
		if p == s {
			return i
		}
	}
	return -1
}

// GateResult is one gate judged for one group.
type GateResult struct {
	Code    string `json:"code"`
	Met     bool   `json:"met"`
	Message string `json:"message"`
	English string `json:"-"`
}

// TransitionRequest asks to move a group to another stage.
type TransitionRequest struct {
	To       Stage  `json:"to"`
	Note     string `json:"note"`
	Override bool   `json:"override"`
}

// Transition is one move of a group in its history.
type Transition struct {
	ID       ID           `json:"id"`
	GroupID  ID           `json:"group_id"`
	From     Stage        `json:"from"`
	To       Stage        `json:"to"`
	At       time.Time    `json:"at"`
	UserID   ID           `json:"user_id"`
	UserName string       `json:"user_name"`
	Note     string       `json:"note"`
	Override bool         `json:"override"`
	Gates    []GateResult `json:"gates"`
}

// CheckMove says whether a group at from may move to to: one step along
// the path, or out to rejected (before approval) or dropped (after), each
// of those with a reason.
func CheckMove(from, to Stage, note string) error {
	var f Fields
	switch {
	case !to.Valid():
		f.Add("to", "stage_invalid", "Tahap tujuan tidak dikenal.", "Unknown target stage.")
	case !from.Active():
		f.Add("to", "stage_final", "Kelompok yang ditolak atau gugur tidak dapat berpindah tahap.",
			"A rejected or dropped group cannot move.")
	case to == StageRejected && from.index() > StageVerified.index():
		f.Add("to", "reject_late", "Kelompok yang sudah ditetapkan tidak dapat ditolak; gugurkan kelompok itu.",
			"An approved group cannot be rejected; drop it instead.")
	case to == StageDropped && from.index() < StageApproved.index():
		f.Add("to", "drop_early", "Kelompok yang belum ditetapkan ditolak, bukan digugurkan.",
			"A group not yet approved is rejected, not dropped.")
	case (to == StageRejected || to == StageDropped) && note == "":
		f.Add("note", "required", "Alasan wajib diisi.", "A reason is required.")
	case to != StageRejected && to != StageDropped && to != from.Next():
		f.Add("to", "stage_skip", "Tahap tidak boleh dilewati: tahap berikutnya adalah "+from.Next().Label(false)+".",
			"No stage may be skipped: the next stage is "+from.Next().Label(true)+".")
	}
	return f.Err()
}

// TransitionResult is the outcome of one group in a batch move.
type TransitionResult struct {
	GroupID ID           `json:"group_id"`
	Stage   Stage        `json:"stage"`
	OK      bool         `json:"ok"`
	Errors  []FieldError `json:"errors,omitempty"`
}

// WorkflowService moves groups along the path and keeps their history.
type WorkflowService interface {
	// Gates judges the gates of a stage for a group without moving it.
	Gates(ctx context.Context, groupID ID, to Stage) ([]GateResult, error)
	// Transition moves a group; unmet gates give an EINVALID error listing
	// every one of them, unless overridden with a reason by a role that may.
	Transition(ctx context.Context, groupID ID, req TransitionRequest) (*Group, error)
	// TransitionMany moves several groups, each on its own.
	TransitionMany(ctx context.Context, ids []ID, req TransitionRequest) ([]TransitionResult, error)
	History(ctx context.Context, groupID ID) ([]*Transition, error)
}
