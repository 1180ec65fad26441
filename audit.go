package tkm

import (
	"context"
	"time"
)

// Audit actions: what an audit entry records.
const (
	AuditLogin        = "auth.login"
	AuditLoginFailed  = "auth.login_failed"
	AuditLogout       = "auth.logout"
	AuditCohortCreate = "cohort.create"
	AuditCohortUpdate = "cohort.update"
	AuditGroupCreate  = "group.create"
	AuditGroupUpdate  = "group.update"
	AuditGroupDelete  = "group.delete"
	AuditMemberCreate = "member.create"
	AuditMemberUpdate = "member.update"
	AuditMemberDelete = "member.delete"
	AuditNIKView      = "nik.view"      // someone saw full NIKs
	AuditPersonReport = "person.report" // everything about one person was handed out
	AuditUserCreate   = "user.create"
	AuditUserUpdate   = "user.update"
	AuditSessionEnd   = "session.revoke"
	AuditKeyRotate    = "key.rotate"
	AuditTransition   = "group.transition"
	AuditTraining     = "training.write"
	AuditAttendance   = "training.attendance"
	AuditAid          = "aid.create"
	AuditProduct      = "product.write"
	AuditLPJ          = "lpj.write"
	AuditReport       = "report.create"
	AuditFile         = "file.upload"
	AuditImport       = "import.apply"
	AuditExport       = "export.download"
	AuditExpo         = "expo.write"
	AuditSale         = "expo.sale"
	AuditProfile      = "group.profile"
	AuditRegister     = "user.register"
)

// AuditEntry is one line of the audit log: who did what, when, from where.
// Entries are chained: each one's Hash covers its content and the previous
// entry's Hash, so that an entry edited, deleted or moved breaks the chain.
type AuditEntry struct {
	ID        ID                `json:"id"`
	At        time.Time         `json:"at"`
	UserID    ID                `json:"user_id,omitzero"`
	UserEmail string            `json:"user_email"`
	Action    string            `json:"action"`
	Entity    string            `json:"entity"` // "group", "member", "cohort", "user", "session"
	EntityID  ID                `json:"entity_id,omitzero"`
	GroupID   ID                `json:"group_id,omitzero"`
	Changes   map[string]Change `json:"changes,omitempty"`
	Note      string            `json:"note,omitempty"`
	IP        string            `json:"ip"`
	UserAgent string            `json:"user_agent"`
	RequestID string            `json:"request_id"`
	Hash      string            `json:"hash"`
	// NIKs the entry concerns. The log keeps them as keyed hashes (to find
	// a person) and sealed (to re-key them), never in clear.
	NIKs []string `json:"-"`
}

// Change is one field's value before and after a write. NIKs appear masked.
type Change struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// AuditFilter narrows the audit log. Zero fields do not filter.
type AuditFilter struct {
	UserID  ID
	GroupID ID
	NIK     string
	Action  string
	Since   time.Time
	Until   time.Time
	Limit   int
	Cursor  string
}

// AuditPage is one page of the audit log, newest first.
type AuditPage struct {
	Items      []*AuditEntry `json:"items"`
	NextCursor string        `json:"next_cursor"`
}

// AuditService reads the audit log and proves it untouched.
type AuditService interface {
	FindAuditEntries(ctx context.Context, f AuditFilter) (*AuditPage, error)
	// VerifyAudit walks the whole chain; it returns the number of entries
	// checked, or an error naming the first entry that does not fit.
	VerifyAudit(ctx context.Context) (int, error)
}
