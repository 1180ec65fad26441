package store

import (
	"context"
	"fmt"
	"strconv"

	"tkm"
)

// auditMembers appends e about the NIKs of the members that from picks: a
// "FROM members m … WHERE …" clause with its args (the WHERE is needed:
// SQLite reads the ON CONFLICT after it right). The NIKs stream from
// the database, so an entry about a million members (an import) holds
// none of them in memory.
func (tx *Tx) auditMembers(ctx context.Context, e *tkm.AuditEntry, from string, args ...any) error {
	niks, err := memberNIKList(ctx, tx, from, args)
	if err != nil {
		return fmt.Errorf("audit: niks: %w", err)
	}
	return tx.appendAudit(ctx, e, niks, func(id tkm.ID) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO audit_niks (nik_hash, audit_id, nik_sealed)
			SELECT m.nik_hash, `+strconv.FormatInt(int64(id), 10)+`, m.nik_sealed `+from+`
			ON CONFLICT (nik_hash, audit_id) DO NOTHING`, args...)
		if err != nil {
			return fmt.Errorf("audit: niks: %w", err)
		}
		return nil
	})
}

// memberNIKList is hashList of the NIKs of the members from picks.
func memberNIKList(ctx context.Context, tx *Tx, from string, args []any) (string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT m.nik_hash `+from+` ORDER BY m.nik_hash`, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var l nikList
	var h []byte
	for rows.Next() {
		if err := rows.Scan(&h); err != nil {
			return "", err
		}
		l.add(h)
	}
	return l.String(), rows.Err()
}
