package tkm

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// Report is a monitoring report on a group's business for one month.
type Report struct {
	ID            ID        `json:"id"`
	GroupID       ID        `json:"group_id"`
	Period        string    `json:"period"` // YYYY-MM
	Revenue       int64     `json:"revenue"`
	Production    string    `json:"production"`
	ActiveMembers int       `json:"active_members"`
	NewWorkers    int       `json:"new_workers"`
	Notes         string    `json:"notes"`
	Photos        []*File   `json:"photos"`
	CreatedBy     ID        `json:"created_by,omitzero"`
	CreatedAt     time.Time `json:"created_at"`
}

var periodPattern = regexp.MustCompile(`^(19|20)\d\d-(0[1-9]|1[0-2])$`)

// Validate checks a report about to be saved, against today's month.
func (r *Report) Validate(today Date) error {
	var f Fields
	r.Period, r.Production, r.Notes = strings.TrimSpace(r.Period), strings.TrimSpace(r.Production), strings.TrimSpace(r.Notes)
	switch {
	case !periodPattern.MatchString(r.Period):
		f.Add("period", "period_invalid", "Periode ditulis TTTT-BB, misalnya 2019-11.", "Write the period as YYYY-MM, e.g. 2019-11.")
	case r.Period > today.String()[:7]:
		f.Add("period", "period_future", "Periode tidak boleh di masa depan.", "The period cannot be in the future.")
	}
	if r.Revenue < 0 || r.Revenue > maxRupiah {
		f.Add("revenue", "amount_invalid", "Omzet tidak sah.", "Invalid revenue.")
	}
	limitText(&f, "production", r.Production, 500)
	limitText(&f, "notes", r.Notes, 5000)
	if r.ActiveMembers < 0 || r.ActiveMembers > MaxMembers {
		f.Add("active_members", "number_invalid", "Jumlah anggota aktif tidak sah.", "Invalid number of active members.")
	}
	if r.NewWorkers < 0 || r.NewWorkers > 10000 {
		f.Add("new_workers", "number_invalid", "Jumlah tenaga kerja baru tidak sah.", "Invalid number of new workers.")
	}
	return f.Err()
}

// ReportService keeps monitoring reports.
type ReportService interface {
	CreateReport(ctx context.Context, groupID ID, r *Report) error
	AddReportPhoto(ctx context.Context, reportID ID, f *File) error
	FindReports(ctx context.Context, groupID ID) ([]*Report, error)
}
