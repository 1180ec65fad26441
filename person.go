package tkm

import (
	"context"
	"time"
)

// PersonReport is everything tkm holds about one person and every access
// to it: what UU 27/2022 lets a person ask for.
type PersonReport struct {
	NIK         string         `json:"nik"`
	GeneratedAt time.Time      `json:"generated_at"`
	GeneratedBy string         `json:"generated_by"`
	Records     []PersonRecord `json:"records"`
	Accesses    []*AuditEntry  `json:"accesses"`
}

// PersonRecord is one membership of the person, with its group.
type PersonRecord struct {
	Member *Member `json:"member"`
	Group  *Group  `json:"group"`
}

// PersonService answers a person's request for their data.
type PersonService interface {
	// PersonReport gathers the report for one NIK; the request itself is
	// recorded in the audit log (and so appears in the report).
	PersonReport(ctx context.Context, nik string) (*PersonReport, error)
}
