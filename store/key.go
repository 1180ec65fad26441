package store

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// CheckKey makes sure the vault's key is the one the database's NIKs were
// sealed with: the first start records a check value, later starts compare
// it, so a wrong key fails at once instead of on the first member read.
func (db *DB) CheckKey(ctx context.Context) error {
	check := hex.EncodeToString(db.Vault.Hash("tkm key check"))
	return db.write(ctx, func(tx *Tx) error {
		var stored string
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = 'nik_key_check'`).Scan(&stored)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES ('nik_key_check', $1)`, check)
			return err
		case err != nil:
			return fmt.Errorf("check key: %w", err)
		case stored != check:
			return errors.New("the secret key (TKM_SECRET_KEY or the key file) is not the one this database's NIKs were sealed with")
		}
		return nil
	})
}
