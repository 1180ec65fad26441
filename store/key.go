package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CheckKey finds, in the vault's ring, the key the database's NIKs are
// sealed with and puts it in use: the first start records a check value of
// the first key, later starts look for the key with that check value, so a
// wrong key fails at once instead of on the first member read.
func (db *DB) CheckKey(ctx context.Context) error {
	return db.write(ctx, func(tx *Tx) error {
		stored, err := keyCheck(ctx, tx)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			db.Vault.Use(0)
			return setKeyCheck(ctx, tx, db.Vault.Check())
		case err != nil:
			return fmt.Errorf("check key: %w", err)
		}
		i, ok := db.Vault.Find(stored)
		if !ok {
			return errors.New("the secret key (TKM_SECRET_KEY or the key file) is not the one this database's NIKs were sealed with")
		}
		db.Vault.Use(i)
		return nil
	})
}

func keyCheck(ctx context.Context, tx *Tx) (string, error) {
	var stored string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = 'nik_key_check'`).Scan(&stored)
	return stored, err
}

func setKeyCheck(ctx context.Context, tx *Tx, check string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES ('nik_key_check', $1)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, check)
	return err
}
