package tkm

import "context"

// Action is something a user may or may not do. Which roles may do what is
// decided here and nowhere else; which groups they may do it to is decided
// by their Scope.
type Action string

const (
	UseAccount    Action = "account.use"     // see and end one's own sessions
	ReadRegistry  Action = "registry.read"   // see cohorts, groups, members (masked NIK)
	WriteGroup    Action = "group.write"     // create and edit groups and their members
	DeleteGroup   Action = "group.delete"    // delete a group still at the start
	ReadNIK       Action = "nik.read"        // see a member's full NIK
	WriteCohort   Action = "cohort.write"    // create and edit cohorts
	ManageUsers   Action = "users.manage"    // create users
	AssignMentors Action = "mentors.assign"  // give a group its mentor
	ReadAudit     Action = "audit.read"      // read the audit log
	ReportPerson  Action = "person.report"   // hand out everything about one person (UU 27/2022)
	MoveGroup     Action = "group.move"      // move a group to its next stage, reject or drop it
	OverrideGate  Action = "gate.override"   // move a group past an unmet gate, with a reason
	RecordAid     Action = "aid.record"      // record facility aid and its handover
	RunTrainings  Action = "training.run"    // schedule trainings and invite groups
	TakeRegister  Action = "training.attend" // tick who attended a training
	ReviewLPJ     Action = "lpj.review"      // accept or return an accountability report
	ImportGroups  Action = "groups.import"   // register groups from a spreadsheet
	Export        Action = "export"          // download lists as spreadsheets
	ManageExpos   Action = "expo.manage"     // create expos, give groups their booths
	RecordSales   Action = "expo.sales"      // record what exhibitors sold
	ReadExpos     Action = "expo.read"       // read an expo's report: its sales are the programme's figures
)

var permissions = map[Role][]Action{
	RoleAdmin: {UseAccount, ReadRegistry, WriteGroup, DeleteGroup, ReadNIK, WriteCohort, ManageUsers, AssignMentors,
		ReadAudit, ReportPerson, MoveGroup, OverrideGate, RecordAid, RunTrainings, TakeRegister, ReviewLPJ, ImportGroups, Export, ManageExpos, RecordSales, ReadExpos},
	RoleMinistry: {UseAccount, ReadRegistry, WriteGroup, DeleteGroup, ReadNIK, WriteCohort, AssignMentors, ReportPerson,
		MoveGroup, OverrideGate, RecordAid, RunTrainings, TakeRegister, ReviewLPJ, ImportGroups, Export, ManageExpos, RecordSales, ReadExpos},
	RoleRegional: {UseAccount, ReadRegistry, WriteGroup, DeleteGroup, ReadNIK, AssignMentors,
		MoveGroup, RecordAid, RunTrainings, TakeRegister, ReviewLPJ, ImportGroups, Export, RecordSales, ReadExpos},
	RoleMentor:  {UseAccount, ReadRegistry, WriteGroup, TakeRegister, RecordSales, ReadExpos},
	RoleAuditor: {UseAccount, ReadRegistry, ReadNIK, ReadAudit, ReportPerson, Export, ReadExpos},
	RoleGroup:   {UseAccount, ReadRegistry, WriteGroup},
}

// Can reports whether u may take action a (on something in u's scope).
func Can(u *User, a Action) bool {
	if u == nil || u.Disabled {
		return false
	}
	for _, x := range permissions[u.Role] {
		if x == a {
			return true
		}
	}
	return false
}

// Authorize returns nil when the user in ctx may take action a; else an
// EUNAUTHORIZED error for nobody logged in, EFORBIDDEN for a user who may not.
func Authorize(ctx context.Context, a Action) error {
	u := UserFromContext(ctx)
	switch {
	case u == nil:
		return Errorf(EUNAUTHORIZED, "Silakan masuk terlebih dahulu.", "Please log in first.")
	case !Can(u, a):
		return Errorf(EFORBIDDEN, "Anda tidak berwenang melakukan ini.", "You are not allowed to do this.")
	}
	return nil
}
