package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"tkm"
)

// AidService records facility aid.
type AidService struct{ db *DB }

// NewAidService returns the aid service of db.
func NewAidService(db *DB) *AidService { return &AidService{db: db} }

var _ tkm.AidService = (*AidService)(nil)

// CreateAid records aid handed over to a group in the caller's scope.
func (s *AidService) CreateAid(ctx context.Context, groupID tkm.ID, a *tkm.Aid) ([]tkm.Warning, error) {
	if err := tkm.Authorize(ctx, tkm.RecordAid); err != nil {
		return nil, err
	}
	var warnings []tkm.Warning
	err := s.db.write(ctx, func(tx *Tx) error {
		g, err := findGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		c, err := findCohort(ctx, tx, g.CohortID)
		if err != nil {
			return err
		}
		if warnings, err = a.Validate(c, tkm.Today(tx.now)); err != nil {
			return err
		}
		a.GroupID = g.ID
		if err := tracked(ctx, tx, g.ID, func() error { return insertAid(ctx, tx, a) }); err != nil {
			return err
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditAid, Entity: "aid", EntityID: a.ID, GroupID: g.ID,
			Changes: changes(nil, a)})
	})
	return warnings, err
}

func insertAid(ctx context.Context, tx *Tx, a *tkm.Aid) error {
	a.CreatedAt = tx.now
	err := tx.QueryRowContext(ctx, `INSERT INTO aid (group_id, amount, disbursed_on, method, handover_no, place, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, a.GroupID, a.Amount, a.DisbursedOn.String(), a.Method,
		a.HandoverNo, a.Place, tkm.UserFromContext(ctx).ID, a.CreatedAt).Scan(&a.ID)
	if tx.db.dialect.isUnique(err) {
		var f tkm.Fields
		f.Add("handover_no", "handover_taken", "Nomor BAST ini sudah dipakai.", "This handover number is already used.")
		e := f.Err().(*tkm.Error)
		e.Code = tkm.ECONFLICT
		return e
	} else if err != nil {
		return fmt.Errorf("insert aid: %w", err)
	}
	for i, it := range a.Items {
		_, err := tx.ExecContext(ctx, `INSERT INTO aid_items (aid_id, position, description, category, qty, unit, unit_price)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, a.ID, i, it.Description, it.Category, it.Qty, it.Unit, it.UnitPrice)
		if err != nil {
			return fmt.Errorf("insert aid item: %w", err)
		}
	}
	return nil
}

// FindAidByID returns an aid record of a group in the caller's scope.
func (s *AidService) FindAidByID(ctx context.Context, id tkm.ID) (*tkm.Aid, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var a *tkm.Aid
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		a, err = scanAid(tx.QueryRowContext(ctx, `SELECT `+aidColumns+` FROM aid a WHERE a.id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return tkm.Errorf(tkm.ENOTFOUND, "Data bantuan tidak ditemukan.", "Aid record not found.")
		} else if err != nil {
			return fmt.Errorf("find aid %d: %w", id, err)
		}
		if _, err := findGroup(ctx, tx, a.GroupID); err != nil {
			return tkm.Errorf(tkm.ENOTFOUND, "Data bantuan tidak ditemukan.", "Aid record not found.")
		}
		a.Items, err = aidItems(ctx, tx, a.ID)
		return err
	})
	return a, err
}

// FindAid returns a group's aid records, oldest first.
func (s *AidService) FindAid(ctx context.Context, groupID tkm.ID) ([]*tkm.Aid, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	out := []*tkm.Aid{}
	err := s.db.read(ctx, func(tx *Tx) error {
		if _, err := findGroup(ctx, tx, groupID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+aidColumns+` FROM aid a WHERE a.group_id = $1 ORDER BY a.id`, groupID)
		if err != nil {
			return fmt.Errorf("find aid of %d: %w", groupID, err)
		}
		for rows.Next() {
			a, err := scanAid(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out = append(out, a)
		}
		rows.Close()
		for _, a := range out {
			if a.Items, err = aidItems(ctx, tx, a.ID); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	return out, err
}

const aidColumns = `a.id, a.group_id, a.amount, a.disbursed_on, a.method, a.handover_no, a.place, a.created_at`

func scanAid(row scanner) (*tkm.Aid, error) {
	var a tkm.Aid
	var on string
	if err := row.Scan(&a.ID, &a.GroupID, &a.Amount, &on, &a.Method, &a.HandoverNo, &a.Place, &a.CreatedAt); err != nil {
		return nil, err
	}
	a.DisbursedOn, _ = tkm.ParseDate(on)
	a.CreatedAt = a.CreatedAt.UTC()
	return &a, nil
}

func aidItems(ctx context.Context, tx *Tx, id tkm.ID) ([]tkm.AidItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT description, category, qty, unit, unit_price FROM aid_items
		WHERE aid_id = $1 ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("aid items of %d: %w", id, err)
	}
	defer rows.Close()
	items := []tkm.AidItem{}
	for rows.Next() {
		var it tkm.AidItem
		if err := rows.Scan(&it.Description, &it.Category, &it.Qty, &it.Unit, &it.UnitPrice); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}
