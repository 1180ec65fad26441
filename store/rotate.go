package store

import (
	"context"
	"errors"
	"fmt"

	"tkm"
)

// rekeyBatch is how many rows a key rotation reads at a time.
const rekeyBatch = 1000

// ErrKeyCurrent says the database already uses the first key of the ring.
var ErrKeyCurrent = errors.New("the database already uses the first key of the ring")

// RotateKey moves everything sealed or hashed with the key in use to the
// first key of the vault's ring, in one transaction: the members' NIKs,
// the NIKs the audit log names, and the audit chain itself. The chain is
// verified first, so that a rotation never launders tampering. It returns
// how many members and audit entries were re-keyed. Servers must be
// stopped: they would keep writing with the old key.
func (db *DB) RotateKey(ctx context.Context) (members, entries int, err error) {
	old, next := db.Vault, db.Vault.Using(0)
	if old.Check() == next.Check() {
		return 0, 0, ErrKeyCurrent
	}
	err = db.write(ctx, func(tx *Tx) error {
		if err := db.dialect.lockAll(ctx, tx); err != nil {
			return err
		}
		if _, err := verifyChain(ctx, tx); err != nil {
			return fmt.Errorf("rotate key: the audit log must be intact first: %w", err)
		}
		if members, err = rekeyMembers(ctx, tx, next); err != nil {
			return err
		}
		niks, err := rekeyAuditNIKs(ctx, tx, next)
		if err != nil {
			return err
		}
		if entries, err = rechain(ctx, tx, next, niks); err != nil {
			return err
		}
		return setKeyCheck(ctx, tx, next.Check())
	})
	if err != nil {
		return 0, 0, err
	}
	db.Vault.Use(0)
	return members, entries, db.auditAlone(ctx, &tkm.AuditEntry{Action: tkm.AuditKeyRotate, Entity: "key",
		Note: fmt.Sprintf("%d anggota, %d catatan audit", members, entries)})
}

// rekeyMembers re-seals and re-hashes every member's NIK with next.
func rekeyMembers(ctx context.Context, tx *Tx, next *tkm.Vault) (int, error) {
	n, after := 0, int64(0)
	for {
		type row struct {
			id  int64
			nik string
		}
		var batch []row
		rows, err := tx.QueryContext(ctx, `SELECT id, nik_sealed FROM members WHERE id > $1 ORDER BY id LIMIT $2`, after, rekeyBatch)
		if err != nil {
			return n, fmt.Errorf("rekey members: %w", err)
		}
		for rows.Next() {
			var r row
			var sealed []byte
			if err := rows.Scan(&r.id, &sealed); err != nil {
				rows.Close()
				return n, fmt.Errorf("rekey members: %w", err)
			}
			if r.nik, err = tx.db.Vault.Open(sealed); err != nil {
				rows.Close()
				return n, fmt.Errorf("rekey member %d: %w", r.id, err)
			}
			batch = append(batch, r)
		}
		rows.Close()
		if len(batch) == 0 {
			return n, rows.Err()
		}
		for _, r := range batch {
			if _, err := tx.ExecContext(ctx, `UPDATE members SET nik_hash = $1, nik_sealed = $2 WHERE id = $3`,
				next.Hash(r.nik), next.Seal(r.nik), r.id); err != nil {
				return n, fmt.Errorf("rekey member %d: %w", r.id, err)
			}
		}
		n, after = n+len(batch), batch[len(batch)-1].id
	}
}

// rekeyAuditNIKs re-keys the index of the audit log's NIKs and returns the
// NIKs of each entry.
func rekeyAuditNIKs(ctx context.Context, tx *Tx, next *tkm.Vault) (map[int64][]string, error) {
	niks := map[int64][]string{}
	rows, err := tx.QueryContext(ctx, `SELECT audit_id, nik_sealed FROM audit_niks`)
	if err != nil {
		return nil, fmt.Errorf("rekey audit niks: %w", err)
	}
	for rows.Next() {
		var id int64
		var sealed []byte
		if err := rows.Scan(&id, &sealed); err != nil {
			rows.Close()
			return nil, fmt.Errorf("rekey audit niks: %w", err)
		}
		nik, err := tx.db.Vault.Open(sealed)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("rekey audit entry %d: %w", id, err)
		}
		niks[id] = append(niks[id], nik)
	}
	rows.Close()
	if _, err := tx.ExecContext(ctx, `DELETE FROM audit_niks`); err != nil {
		return nil, fmt.Errorf("rekey audit niks: %w", err)
	}
	for id, list := range niks {
		for _, nik := range list {
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_niks (nik_hash, audit_id, nik_sealed) VALUES ($1, $2, $3)`,
				next.Hash(nik), id, next.Seal(nik)); err != nil {
				return nil, fmt.Errorf("rekey audit entry %d: %w", id, err)
			}
		}
	}
	return niks, nil
}

// rechain recomputes every audit entry's NIK hashes and chained hash with
// next, and seals a new head.
func rechain(ctx context.Context, tx *Tx, next *tkm.Vault, niks map[int64][]string) (int, error) {
	if err := tx.db.dialect.auditGuard(ctx, tx, false); err != nil {
		return 0, err
	}
	n, after, prev := 0, int64(0), ""
	for {
		rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log a WHERE a.id > $1 ORDER BY a.id LIMIT $2`, after, rekeyBatch)
		if err != nil {
			return n, fmt.Errorf("rechain: %w", err)
		}
		var batch []auditRow
		for rows.Next() {
			r, err := scanAudit(rows)
			if err != nil {
				rows.Close()
				return n, fmt.Errorf("rechain: %w", err)
			}
			batch = append(batch, r)
		}
		rows.Close()
		if len(batch) == 0 {
			break
		}
		for _, r := range batch {
			r.niks, r.prev = hashList(next, niks[int64(r.e.ID)]), prev
			r.e.Hash = r.seal(next)
			if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET nik_hashes = $1, prev_hash = $2, hash = $3 WHERE id = $4`,
				r.niks, r.prev, r.e.Hash, r.e.ID); err != nil {
				return n, fmt.Errorf("rechain entry %d: %w", r.e.ID, err)
			}
			prev, after = r.e.Hash, int64(r.e.ID)
		}
		n += len(batch)
	}
	if n > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE settings SET value = $1 WHERE name = 'audit_head'`,
			headValue(next, after, prev)); err != nil {
			return n, fmt.Errorf("rechain head: %w", err)
		}
	}
	return n, tx.db.dialect.auditGuard(ctx, tx, true)
}
