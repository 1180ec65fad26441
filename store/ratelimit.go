package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tkm"
)

// Login limits: failed attempts allowed per account and per address within
// the window before logins from there are refused until the window passes.
const (
	loginWindow     = 15 * time.Minute
	maxFailsAccount = 5
	maxFailsAddress = 20
)

func loginKeys(ctx context.Context, email string) (account, address string) {
	return "email:" + strings.ToLower(strings.TrimSpace(email)), "ip:" + tkm.OriginFromContext(ctx).IP
}

// checkLoginRate refuses a login when its account or its address failed
// too often lately, saying how long to wait.
func (db *DB) checkLoginRate(ctx context.Context, email string) error {
	account, address := loginKeys(ctx, email)
	var wait time.Duration
	err := db.read(ctx, func(tx *Tx) error {
		for _, k := range []struct {
			key string
			max int
		}{{account, maxFailsAccount}, {address, maxFailsAddress}} {
			w, err := lockedOutFor(ctx, tx, k.key, k.max)
			if err != nil {
				return err
			}
			wait = max(wait, w)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("login rate: %w", err)
	}
	if wait > 0 {
		mins := int(wait.Minutes()) + 1
		return tkm.Errorf(tkm.ERATELIMITED,
			"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %d menit.",
			"Too many failed login attempts. Try again in %d minutes.", mins)
	}
	return nil
}

// lockedOutFor returns how long key must still wait, or 0.
func lockedOutFor(ctx context.Context, tx *Tx, key string, limit int) (time.Duration, error) {
	rows, err := tx.QueryContext(ctx, `SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at DESC LIMIT $3`,
		key, tx.now.Add(-loginWindow), limit)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int
	var oldest time.Time
	for rows.Next() {
		if err := rows.Scan(&oldest); err != nil {
			return 0, err
		}
		n++
	}
	if n < limit {
		return 0, rows.Err()
	}
	return oldest.Add(loginWindow).Sub(tx.now), rows.Err()
}

// recordLoginFailure counts a failed login against its account and address.
func recordLoginFailure(ctx context.Context, tx *Tx, email string) error {
	account, address := loginKeys(ctx, email)
	for _, k := range []string{account, address} {
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (key, at) VALUES ($1, $2)`, k, tx.now); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at < $1`, tx.now.Add(-24*time.Hour))
	return err
}

// clearLoginFailures forgets an account's failures after it logs in.
func clearLoginFailures(ctx context.Context, tx *Tx, email string) error {
	account, _ := loginKeys(ctx, email)
	_, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE key = $1`, account)
	return err
}
