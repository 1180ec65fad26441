package tkm

import (
	"context"
	"strings"
	"time"
)

// LPJStatus is where an accountability report stands.
type LPJStatus string

const (
	LPJSubmitted LPJStatus = "submitted"
	LPJAccepted  LPJStatus = "accepted"
	LPJReturned  LPJStatus = "returned" // sent back to be mended
)

// LPJ is a group's technical and financial accountability report
// (laporan pertanggungjawaban) on the aid it received.
type LPJ struct {
	ID               ID        `json:"id"`
	GroupID          ID        `json:"group_id"`
	TechnicalSummary string    `json:"technical_summary"`
	FinancialSummary string    `json:"financial_summary"`
	SpentEquipment   int64     `json:"spent_equipment"`
	SpentMaterial    int64     `json:"spent_material"`
	Attachments      []*File   `json:"attachments"`
	Status           LPJStatus `json:"status"`
	Note             string    `json:"note"`
	ReviewerID       ID        `json:"reviewer_id,omitzero"`
	SubmittedAt      time.Time `json:"submitted_at"`
	ReviewedAt       time.Time `json:"reviewed_at,omitzero"`
}

// Validate checks a report about to be submitted.
func (l *LPJ) Validate() error {
	var f Fields
	l.TechnicalSummary, l.FinancialSummary = strings.TrimSpace(l.TechnicalSummary), strings.TrimSpace(l.FinancialSummary)
	requireText(&f, "technical_summary", l.TechnicalSummary, 10000, "Ringkasan teknis", "Technical summary")
	requireText(&f, "financial_summary", l.FinancialSummary, 10000, "Ringkasan keuangan", "Financial summary")
	if l.SpentEquipment < 0 || l.SpentEquipment > maxRupiah {
		f.Add("spent_equipment", "amount_invalid", "Belanja peralatan tidak sah.", "Invalid equipment spending.")
	}
	if l.SpentMaterial < 0 || l.SpentMaterial > maxRupiah {
		f.Add("spent_material", "amount_invalid", "Belanja bahan tidak sah.", "Invalid material spending.")
	}
	return f.Err()
}

// LPJReview is a reviewer's decision on a report.
type LPJReview struct {
	Status LPJStatus `json:"status"`
	Note   string    `json:"note"`
}

// LPJService keeps accountability reports and their review.
type LPJService interface {
	SubmitLPJ(ctx context.Context, groupID ID, l *LPJ) error
	AddLPJAttachment(ctx context.Context, lpjID ID, f *File) error
	ReviewLPJ(ctx context.Context, id ID, r LPJReview) (*LPJ, error)
	FindLPJs(ctx context.Context, groupID ID) ([]*LPJ, error)
}
