package store

import (
	"context"
	"fmt"

	"tkm"
)

// ReportService keeps monitoring reports.
type ReportService struct{ db *DB }

// NewReportService returns the report service of db.
func NewReportService(db *DB) *ReportService { return &ReportService{db: db} }

var _ tkm.ReportService = (*ReportService)(nil)

// CreateReport files a month's monitoring report for a group; one a month.
func (s *ReportService) CreateReport(ctx context.Context, groupID tkm.ID, r *tkm.Report) error {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		g, err := findGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		if err := r.Validate(tkm.Today(tx.now)); err != nil {
			return err
		}
		r.GroupID, r.CreatedBy, r.CreatedAt, r.Photos = g.ID, tkm.UserFromContext(ctx).ID, tx.now, []*tkm.File{}
		d, err := trackStats(ctx, tx, g.ID)
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO reports (group_id, period, revenue, production, active_members, new_workers,
			notes, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, r.GroupID, r.Period,
			r.Revenue, r.Production, r.ActiveMembers, r.NewWorkers, r.Notes, r.CreatedBy, r.CreatedAt).Scan(&r.ID)
		if tx.db.dialect.isUnique(err) {
			var f tkm.Fields
			f.Add("period", "period_taken", "Laporan untuk periode ini sudah ada.", "There is already a report for this period.")
			e := f.Err().(*tkm.Error)
			e.Code = tkm.ECONFLICT
			return e
		} else if err != nil {
			return fmt.Errorf("insert report: %w", err)
		}
		if err := d.done(ctx, tx); err != nil {
			return err
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditReport, Entity: "report", EntityID: r.ID, GroupID: g.ID,
			Changes: changes(nil, r)})
	})
}

// AddReportPhoto keeps a checked image with a monitoring report.
func (s *ReportService) AddReportPhoto(ctx context.Context, reportID tkm.ID, f *tkm.File) error {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		if _, err := ownerGroup(ctx, tx, "reports", reportID,
			tkm.Errorf(tkm.ENOTFOUND, "Laporan tidak ditemukan.", "Report not found.")); err != nil {
			return err
		}
		return attach(ctx, tx, "report_photos", "report_id", reportID, f)
	})
}

// FindReports returns a group's monitoring reports, newest period first.
func (s *ReportService) FindReports(ctx context.Context, groupID tkm.ID) ([]*tkm.Report, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	out := []*tkm.Report{}
	err := s.db.read(ctx, func(tx *Tx) error {
		if _, err := findGroup(ctx, tx, groupID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, group_id, period, revenue, production, active_members, new_workers, notes,
			COALESCE(created_by, 0), created_at FROM reports WHERE group_id = $1 ORDER BY period DESC`, groupID)
		if err != nil {
			return fmt.Errorf("reports of %d: %w", groupID, err)
		}
		for rows.Next() {
			var r tkm.Report
			if err := rows.Scan(&r.ID, &r.GroupID, &r.Period, &r.Revenue, &r.Production, &r.ActiveMembers, &r.NewWorkers,
				&r.Notes, &r.CreatedBy, &r.CreatedAt); err != nil {
				rows.Close()
				return err
			}
			r.CreatedAt = r.CreatedAt.UTC()
			out = append(out, &r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		photos, err := groupFileRefs(ctx, tx, "report_photos", "report_id", "reports", groupID)
		if err != nil {
			return err
		}
		for _, r := range out {
			r.Photos = photos.of(r.ID)
		}
		return nil
	})
	return out, err
}
