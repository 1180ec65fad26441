package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"tkm"
)

// AuditService reads the audit log and proves it untouched.
type AuditService struct{ db *DB }

// NewAuditService returns the audit service of db.
func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

var _ tkm.AuditService = (*AuditService)(nil)

const auditColumns = `a.id, a.at, COALESCE(a.user_id, 0), a.user_email, a.action, a.entity, COALESCE(a.entity_id, 0),
	COALESCE(a.group_id, 0), a.changes, a.note, a.ip, a.user_agent, a.request_id, a.nik_hashes, a.prev_hash, a.hash`

// scanAudit reads an entry and the stored parts its hash covers.
func scanAudit(row scanner) (auditRow, error) {
	var e tkm.AuditEntry
	var r auditRow
	err := row.Scan(&e.ID, &e.At, &e.UserID, &e.UserEmail, &e.Action, &e.Entity, &e.EntityID, &e.GroupID,
		&r.changes, &e.Note, &e.IP, &e.UserAgent, &e.RequestID, &r.niks, &r.prev, &e.Hash)
	if err != nil {
		return r, err
	}
	e.At = e.At.UTC()
	if r.changes != "" {
		if err := json.Unmarshal([]byte(r.changes), &e.Changes); err != nil {
			return r, fmt.Errorf("audit entry %d: changes: %w", e.ID, err)
		}
	}
	r.e = &e
	return r, nil
}

// FindAuditEntries returns one page of the log, newest first.
func (s *AuditService) FindAuditEntries(ctx context.Context, f tkm.AuditFilter) (*tkm.AuditPage, error) {
	if err := tkm.Authorize(ctx, tkm.ReadAudit); err != nil {
		return nil, err
	}
	q, a, limit, err := s.auditQuery(f)
	if err != nil {
		return nil, err
	}
	page := &tkm.AuditPage{}
	err = s.db.read(ctx, func(tx *Tx) (err error) {
		page.Items, err = s.query(ctx, tx, q, a)
		return err
	})
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		page.NextCursor = encodeCursor(page.Items[limit-1].ID)
	}
	return page, err
}

// auditEntriesIn returns up to a page of entries inside an open transaction.
func (s *AuditService) auditEntriesIn(ctx context.Context, tx *Tx, f tkm.AuditFilter) ([]*tkm.AuditEntry, error) {
	q, a, limit, err := s.auditQuery(f)
	if err != nil {
		return nil, err
	}
	items, err := s.query(ctx, tx, q, a)
	return items[:min(len(items), limit)], err
}

func (s *AuditService) query(ctx context.Context, tx *Tx, q string, a args) ([]*tkm.AuditEntry, error) {
	rows, err := tx.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("find audit entries: %w", err)
	}
	defer rows.Close()
	items := []*tkm.AuditEntry{}
	for rows.Next() {
		r, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("find audit entries: %w", err)
		}
		items = append(items, r.e)
	}
	return items, rows.Err()
}

func (s *AuditService) auditQuery(f tkm.AuditFilter) (string, args, int, error) {
	var a args
	var conds []string
	if f.UserID != 0 {
		conds = append(conds, "a.user_id = "+a.add(f.UserID))
	}
	if f.GroupID != 0 {
		conds = append(conds, "a.group_id = "+a.add(f.GroupID))
	}
	if f.NIK != "" {
		conds = append(conds, "a.id IN (SELECT n.audit_id FROM audit_niks n WHERE n.nik_hash = "+a.add(s.db.Vault.Hash(f.NIK))+")")
	}
	if f.Action != "" {
		conds = append(conds, "a.action = "+a.add(f.Action))
	}
	if !f.Since.IsZero() {
		conds = append(conds, "a.at >= "+a.add(f.Since))
	}
	if !f.Until.IsZero() {
		conds = append(conds, "a.at < "+a.add(f.Until))
	}
	if f.Cursor != "" {
		after, err := decodeCursor(f.Cursor)
		if err != nil {
			return "", nil, 0, err
		}
		conds = append(conds, "a.id < "+a.add(after))
	}
	limit := pageLimit(f.Limit)
	q := `SELECT ` + auditColumns + ` FROM audit_log a WHERE ` + where(conds) + ` ORDER BY a.id DESC LIMIT ` + a.add(limit+1)
	return q, a, limit, nil
}

// pageLimit applies the default and the cap to a requested page size.
func pageLimit(n int) int {
	if n <= 0 {
		return tkm.DefaultLimit
	}
	return min(n, tkm.MaxLimit)
}

// VerifyAudit walks the chain from the first entry to the head and returns
// the number of entries checked, or an error naming the first that does not
// fit. It needs no login: it is the operator's check.
func (s *AuditService) VerifyAudit(ctx context.Context) (int, error) {
	var n int
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		n, err = verifyChain(ctx, tx)
		return err
	})
	return n, err
}

// verifyChain checks the whole chain inside tx.
func verifyChain(ctx context.Context, tx *Tx) (int, error) {
	n, last, lastHash := 0, int64(0), ""
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log a ORDER BY a.id`)
	if err != nil {
		return 0, fmt.Errorf("verify audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanAudit(rows)
		if err != nil {
			return n, fmt.Errorf("verify audit: %w", err)
		}
		if err := checkLink(r, last, lastHash, tx.db.Vault); err != nil {
			return n, err
		}
		n, last, lastHash = n+1, int64(r.e.ID), r.e.Hash
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, checkHead(ctx, tx, last, lastHash)
}

// checkLink checks one entry against the one before it.
func checkLink(r auditRow, last int64, lastHash string, v *tkm.Vault) error {
	id := int64(r.e.ID)
	switch {
	case id != last+1:
		return fmt.Errorf("audit entry %d follows entry %d: entries between them were deleted or renumbered", id, last)
	case r.prev != lastHash:
		return fmt.Errorf("audit entry %d does not chain to entry %d: entries were deleted, moved or edited", id, last)
	}
	stored := r.e.Hash
	if r.seal(v) != stored {
		return fmt.Errorf("audit entry %d was changed after it was written: its hash does not match its content", id)
	}
	return nil
}

// checkHead checks that the log ends where the sealed head says.
func checkHead(ctx context.Context, tx *Tx, last int64, lastHash string) error {
	var head string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = 'audit_head'`).Scan(&head)
	if errors.Is(err, sql.ErrNoRows) && last == 0 {
		return nil
	} else if err != nil {
		return fmt.Errorf("audit log ends at entry %d but its head record is missing", last)
	}
	if head != headValue(tx.db.Vault, last, lastHash) {
		id, _, _ := strings.Cut(head, ":")
		return fmt.Errorf("audit log ends at entry %d but its sealed head says entry %s: entries were cut off the end or the head was forged", last, id)
	}
	return nil
}
