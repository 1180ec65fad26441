package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"tkm"
)

// CohortService keeps cohorts in the database.
type CohortService struct{ db *DB }

// NewCohortService returns the cohort service of db.
func NewCohortService(db *DB) *CohortService { return &CohortService{db: db} }

var _ tkm.CohortService = (*CohortService)(nil)

// CreateCohort validates and saves a new cohort.
func (s *CohortService) CreateCohort(ctx context.Context, c *tkm.Cohort) error {
	if err := tkm.Authorize(ctx, tkm.WriteCohort); err != nil {
		return err
	}
	if err := c.Validate(s.db.Regions); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		quotas, _ := json.Marshal(c.Quotas)
		c.CreatedAt, c.UpdatedAt = tx.now, tx.now
		err := tx.QueryRowContext(ctx, `
			INSERT INTO cohorts (year, tier, name, group_size_min, group_size_max, aid_amount,
				member_age_min, member_age_max, equipment_share_pct, quotas, applications_open, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			c.Year, c.Tier, c.Name, c.GroupSizeMin, c.GroupSizeMax, c.AidAmount,
			c.MemberAgeMin, c.MemberAgeMax, c.EquipmentSharePct, string(quotas), c.ApplicationsOpen, c.CreatedAt, c.UpdatedAt,
		).Scan(&c.ID)
		if err != nil {
			return fmt.Errorf("create cohort %q: %w", c.Name, err)
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditCohortCreate, Entity: "cohort", EntityID: c.ID,
			Changes: changes(nil, c)})
	})
}

// FindCohortByID returns one cohort.
func (s *CohortService) FindCohortByID(ctx context.Context, id tkm.ID) (*tkm.Cohort, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var c *tkm.Cohort
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		c, err = findCohort(ctx, tx, id)
		return err
	})
	return c, err
}

// FindCohorts returns every cohort, newest year first.
func (s *CohortService) FindCohorts(ctx context.Context) ([]*tkm.Cohort, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var cs []*tkm.Cohort
	err := s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+cohortColumns+` FROM cohorts ORDER BY year DESC, id DESC`)
		if err != nil {
			return fmt.Errorf("find cohorts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanCohort(rows)
			if err != nil {
				return fmt.Errorf("find cohorts: %w", err)
			}
			cs = append(cs, c)
		}
		return rows.Err()
	})
	return cs, err
}

// UpdateCohort changes the fields set in u.
func (s *CohortService) UpdateCohort(ctx context.Context, id tkm.ID, u tkm.CohortUpdate) (*tkm.Cohort, error) {
	if err := tkm.Authorize(ctx, tkm.WriteCohort); err != nil {
		return nil, err
	}
	var c *tkm.Cohort
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		if c, err = findCohort(ctx, tx, id); err != nil {
			return err
		}
		old := *c
		u.Apply(c)
		if err := c.Validate(s.db.Regions); err != nil {
			return err
		}
		quotas, _ := json.Marshal(c.Quotas)
		c.UpdatedAt = tx.now
		_, err = tx.ExecContext(ctx, `
			UPDATE cohorts SET year = $1, tier = $2, name = $3, group_size_min = $4, group_size_max = $5,
				aid_amount = $6, member_age_min = $7, member_age_max = $8, equipment_share_pct = $9,
				quotas = $10, applications_open = $11, updated_at = $12
			WHERE id = $13`,
			c.Year, c.Tier, c.Name, c.GroupSizeMin, c.GroupSizeMax, c.AidAmount, c.MemberAgeMin,
			c.MemberAgeMax, c.EquipmentSharePct, string(quotas), c.ApplicationsOpen, c.UpdatedAt, c.ID)
		if err != nil {
			return fmt.Errorf("update cohort %d: %w", id, err)
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditCohortUpdate, Entity: "cohort", EntityID: c.ID,
			Changes: changes(&old, c)})
	})
	return c, err
}

const cohortColumns = `id, year, tier, name, group_size_min, group_size_max, aid_amount,
	member_age_min, member_age_max, equipment_share_pct, quotas, applications_open, created_at, updated_at`

func findCohort(ctx context.Context, tx *Tx, id tkm.ID) (*tkm.Cohort, error) {
	c, err := scanCohort(tx.QueryRowContext(ctx, `SELECT `+cohortColumns+` FROM cohorts WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tkm.Errorf(tkm.ENOTFOUND, "Angkatan tidak ditemukan.", "Cohort not found.")
	} else if err != nil {
		return nil, fmt.Errorf("find cohort %d: %w", id, err)
	}
	return c, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanCohort(row scanner) (*tkm.Cohort, error) {
	var c tkm.Cohort
	var quotas string
	err := row.Scan(&c.ID, &c.Year, &c.Tier, &c.Name, &c.GroupSizeMin, &c.GroupSizeMax, &c.AidAmount,
		&c.MemberAgeMin, &c.MemberAgeMax, &c.EquipmentSharePct, &quotas, &c.ApplicationsOpen, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(quotas), &c.Quotas); err != nil {
		return nil, fmt.Errorf("cohort %d quotas: %w", c.ID, err)
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return &c, nil
}
