package store

import (
	"context"
	"fmt"

	"tkm"
)

// PersonService answers a person's request for their data.
type PersonService struct{ db *DB }

// NewPersonService returns the person service of db.
func NewPersonService(db *DB) *PersonService { return &PersonService{db: db} }

var _ tkm.PersonService = (*PersonService)(nil)

// PersonReport gathers every member record of the NIK with its group, and
// every audit entry about it, after recording the request itself.
func (s *PersonService) PersonReport(ctx context.Context, nik string) (*tkm.PersonReport, error) {
	if err := tkm.Authorize(ctx, tkm.ReportPerson); err != nil {
		return nil, err
	}
	hash := s.db.Vault.Hash(nik)
	err := s.db.auditAlone(ctx, &tkm.AuditEntry{Action: tkm.AuditPersonReport, Entity: "person", NIKs: []string{nik}})
	if err != nil {
		return nil, err
	}
	r := &tkm.PersonReport{NIK: nik, GeneratedAt: s.db.Now(), GeneratedBy: tkm.UserFromContext(ctx).Email,
		Records: []tkm.PersonRecord{}}
	err = s.db.read(ctx, func(tx *Tx) error {
		if err := personRecords(ctx, tx, hash, r); err != nil {
			return err
		}
		page, err := NewAuditService(s.db).auditEntriesIn(ctx, tx, tkm.AuditFilter{NIK: nik, Limit: tkm.MaxLimit})
		r.Accesses = page
		return err
	})
	return r, err
}

func personRecords(ctx context.Context, tx *Tx, hash []byte, r *tkm.PersonReport) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+memberColumns+` FROM members m WHERE m.nik_hash = $1 ORDER BY m.id`, hash)
	if err != nil {
		return fmt.Errorf("person records: %w", err)
	}
	var ms []*tkm.Member
	for rows.Next() {
		m, err := scanMember(rows, tx.db.Vault)
		if err != nil {
			rows.Close()
			return fmt.Errorf("person records: %w", err)
		}
		ms = append(ms, m)
	}
	rows.Close()
	for _, m := range ms {
		g, err := findGroup(ctx, tx, m.GroupID)
		if err != nil {
			return err
		}
		r.Records = append(r.Records, tkm.PersonRecord{Member: m, Group: g})
	}
	return rows.Err()
}
