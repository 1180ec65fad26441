package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"tkm"
)

// LPJService keeps accountability reports and their review.
type LPJService struct{ db *DB }

// NewLPJService returns the LPJ service of db.
func NewLPJService(db *DB) *LPJService { return &LPJService{db: db} }

var _ tkm.LPJService = (*LPJService)(nil)

func lpjNotFound() error {
	return tkm.Errorf(tkm.ENOTFOUND, "LPJ tidak ditemukan.", "Report not found.")
}

// SubmitLPJ files a group's accountability report for review.
func (s *LPJService) SubmitLPJ(ctx context.Context, groupID tkm.ID, l *tkm.LPJ) error {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		g, err := findGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		if err := l.Validate(); err != nil {
			return err
		}
		l.GroupID, l.Status, l.Note, l.SubmittedAt, l.Attachments = g.ID, tkm.LPJSubmitted, "", tx.now, []*tkm.File{}
		err = tx.QueryRowContext(ctx, `INSERT INTO lpjs (group_id, technical_summary, financial_summary, spent_equipment,
			spent_material, status, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			l.GroupID, l.TechnicalSummary, l.FinancialSummary, l.SpentEquipment, l.SpentMaterial, l.Status,
			tkm.UserFromContext(ctx).ID, l.SubmittedAt).Scan(&l.ID)
		if err != nil {
			return fmt.Errorf("insert lpj: %w", err)
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditLPJ, Entity: "lpj", EntityID: l.ID, GroupID: g.ID,
			Changes: changes(nil, l)})
	})
}

// AddLPJAttachment keeps a file with a report that is not yet accepted.
func (s *LPJService) AddLPJAttachment(ctx context.Context, lpjID tkm.ID, f *tkm.File) error {
	if err := tkm.Authorize(ctx, tkm.WriteGroup); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		if _, err := ownerGroup(ctx, tx, "lpjs", lpjID, lpjNotFound()); err != nil {
			return err
		}
		l, err := findLPJ(ctx, tx, lpjID)
		if err != nil {
			return err
		}
		if l.Status == tkm.LPJAccepted {
			return tkm.Errorf(tkm.ECONFLICT, "LPJ ini sudah diterima; lampiran tidak dapat ditambah.",
				"This report was accepted; no attachment can be added.")
		}
		return attach(ctx, tx, "lpj_attachments", "lpj_id", lpjID, f)
	})
}

// ReviewLPJ accepts a report, or returns it with a note saying what to mend.
func (s *LPJService) ReviewLPJ(ctx context.Context, id tkm.ID, r tkm.LPJReview) (*tkm.LPJ, error) {
	if err := tkm.Authorize(ctx, tkm.ReviewLPJ); err != nil {
		return nil, err
	}
	var l *tkm.LPJ
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		if _, err := ownerGroup(ctx, tx, "lpjs", id, lpjNotFound()); err != nil {
			return err
		}
		if err := checkReview(&r); err != nil {
			return err
		}
		if l, err = findLPJ(ctx, tx, id); err != nil {
			return err
		}
		if l.Status != tkm.LPJSubmitted {
			return tkm.Errorf(tkm.ECONFLICT, "LPJ ini sudah diperiksa.", "This report was already reviewed.")
		}
		old := *l
		l.Status, l.Note, l.ReviewerID, l.ReviewedAt = r.Status, r.Note, tkm.UserFromContext(ctx).ID, tx.now
		if _, err := tx.ExecContext(ctx, `UPDATE lpjs SET status = $1, note = $2, reviewer_id = $3, reviewed_at = $4 WHERE id = $5`,
			l.Status, l.Note, l.ReviewerID, l.ReviewedAt, l.ID); err != nil {
			return fmt.Errorf("review lpj %d: %w", id, err)
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditLPJ, Entity: "lpj", EntityID: l.ID, GroupID: l.GroupID,
			Changes: changes(&old, l)})
	})
	return l, err
}

func checkReview(r *tkm.LPJReview) error {
	var f tkm.Fields
	r.Note = strings.TrimSpace(r.Note)
	if r.Status != tkm.LPJAccepted && r.Status != tkm.LPJReturned {
		f.Add("status", "status_invalid", "Keputusan harus accepted atau returned.", "Status must be accepted or returned.")
	}
	if r.Status == tkm.LPJReturned && r.Note == "" {
		f.Add("note", "required", "Tulis apa yang harus diperbaiki.", "Say what must be mended.")
	}
	if len(r.Note) > 4000 {
		f.Add("note", "too_long", "Catatan terlalu panjang.", "The note is too long.")
	}
	return f.Err()
}

// FindLPJs returns a group's reports, oldest first.
func (s *LPJService) FindLPJs(ctx context.Context, groupID tkm.ID) ([]*tkm.LPJ, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	out := []*tkm.LPJ{}
	err := s.db.read(ctx, func(tx *Tx) error {
		if _, err := findGroup(ctx, tx, groupID); err != nil {
			return err
		}
		list, err := ids(ctx, tx, `SELECT id FROM lpjs WHERE group_id = $1 ORDER BY id`, groupID)
		for _, id := range list {
			l, err := findLPJ(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, l)
		}
		return err
	})
	return out, err
}

func findLPJ(ctx context.Context, tx *Tx, id tkm.ID) (*tkm.LPJ, error) {
	var l tkm.LPJ
	var reviewed sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT id, group_id, technical_summary, financial_summary, spent_equipment, spent_material,
		status, note, COALESCE(reviewer_id, 0), submitted_at, reviewed_at FROM lpjs WHERE id = $1`, id).Scan(
		&l.ID, &l.GroupID, &l.TechnicalSummary, &l.FinancialSummary, &l.SpentEquipment, &l.SpentMaterial,
		&l.Status, &l.Note, &l.ReviewerID, &l.SubmittedAt, &reviewed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, lpjNotFound()
	} else if err != nil {
		return nil, fmt.Errorf("find lpj %d: %w", id, err)
	}
	l.SubmittedAt = l.SubmittedAt.UTC()
	if reviewed.Valid {
		l.ReviewedAt = reviewed.Time.UTC()
	}
	l.Attachments, err = fileRefs(ctx, tx, "lpj_attachments", "lpj_id", l.ID)
	return &l, err
}
