package store

import (
	"context"
	"fmt"

	"tkm"
)

// ExportService streams lists of the registry.
type ExportService struct{ db *DB }

// NewExportService returns the export service of db.
func NewExportService(db *DB) *ExportService { return &ExportService{db: db} }

var _ tkm.ExportService = (*ExportService)(nil)

// exportQuery selects the given columns of every matching group in the
// caller's scope, joined to its members when members is set.
func (s *ExportService) exportQuery(ctx context.Context, f tkm.GroupFilter, members bool) (string, args, error) {
	conds, a, err := groupConditions(ctx, s.db, f)
	if !members {
		return `SELECT ` + groupColumns + ` FROM groups g WHERE ` + where(conds) + ` ORDER BY g.id`, a, err
	}
	return `SELECT ` + groupColumns + `, ` + memberColumns + ` FROM groups g JOIN members m ON m.group_id = g.id
		WHERE ` + where(conds) + ` ORDER BY g.id, m.id`, a, err
}

// ExportGroups hands each matching group to fn and records the export.
func (s *ExportService) ExportGroups(ctx context.Context, f tkm.GroupFilter, fn func(*tkm.Group) error) error {
	if err := tkm.Authorize(ctx, tkm.Export); err != nil {
		return err
	}
	q, a, err := s.exportQuery(ctx, f, false)
	if err != nil {
		return err
	}
	n := 0
	err = s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, q, a...)
		if err != nil {
			return fmt.Errorf("export groups: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			g, err := scanGroup(rows)
			if err != nil {
				return err
			}
			if err := fn(g); err != nil {
				return err
			}
			n++
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	return s.db.auditAlone(ctx, &tkm.AuditEntry{Action: tkm.AuditExport, Entity: "groups", Note: exportNote(f, n, false)})
}

// ExportMembers hands each member of the matching groups to fn, NIKs
// masked unless fullNIK; a full-NIK export names every NIK in the log.
func (s *ExportService) ExportMembers(ctx context.Context, f tkm.GroupFilter, fullNIK bool, fn func(*tkm.Group, *tkm.Member) error) error {
	if err := tkm.Authorize(ctx, tkm.Export); err != nil {
		return err
	}
	if fullNIK {
		if err := tkm.Authorize(ctx, tkm.ReadNIK); err != nil {
			return err
		}
	}
	q, a, err := s.exportQuery(ctx, f, true)
	if err != nil {
		return err
	}
	var niks []string
	n := 0
	err = s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, q, a...)
		if err != nil {
			return fmt.Errorf("export members: %w", err)
		}
		defer rows.Close()
		return s.streamMembers(rows, fullNIK, fn, &n, &niks)
	})
	if err != nil {
		return err
	}
	return s.db.auditAlone(ctx, &tkm.AuditEntry{Action: tkm.AuditExport, Entity: "members", Note: exportNote(f, n, fullNIK), NIKs: niks})
}

type rowsScanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

func (s *ExportService) streamMembers(rows rowsScanner, full bool, fn func(*tkm.Group, *tkm.Member) error, n *int, niks *[]string) error {
	var g *tkm.Group
	for rows.Next() {
		var cur tkm.Group
		var m tkm.Member
		var sealed []byte
		var birth string
		targets := append(groupScanTargets(&cur), &m.ID, &m.GroupID, &sealed, &m.Name, &m.Sex, &birth, &m.Phone,
			&m.Address, &m.Education, &m.Employment, &m.Role, &m.Disability, &m.CreatedAt, &m.UpdatedAt)
		if err := rows.Scan(targets...); err != nil {
			return err
		}
		if g == nil || g.ID != cur.ID {
			g = &cur
		}
		nik, err := s.db.Vault.Open(sealed)
		if err != nil {
			return err
		}
		m.BirthDate, _ = tkm.ParseDate(birth)
		if m.NIK = tkm.MaskNIK(nik); full {
			m.NIK = nik
			*niks = append(*niks, nik)
		}
		if err := fn(g, &m); err != nil {
			return err
		}
		*n++
	}
	return rows.Err()
}

func exportNote(f tkm.GroupFilter, n int, full bool) string {
	note := fmt.Sprintf("%d baris; saring: angkatan=%s tahun=%d provinsi=%s wilayah=%s tahap=%s cari=%q", n, f.CohortID, f.Year,
		f.Province, f.Region, f.Stage, f.Q)
	if full {
		note += "; NIK lengkap"
	}
	return note
}
