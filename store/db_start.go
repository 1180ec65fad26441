package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// connectTimeout bounds each attempt to reach PostgreSQL, so that a start
// against an unreachable server fails in seconds instead of hanging.
const connectTimeout = 10 * time.Second

// startLockWait is how long a start waits for another program's write
// lock on a SQLite database before it gives up.
const startLockWait = 5 * time.Second

// withConnectTimeout adds connect_timeout to a PostgreSQL DSN that has none.
func withConnectTimeout(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Query().Has("connect_timeout") {
		return dsn
	}
	q := u.Query()
	q.Set("connect_timeout", fmt.Sprint(int(connectTimeout.Seconds())))
	u.RawQuery = q.Encode()
	return u.String()
}

// ping checks, within connectTimeout, that the database answers.
func (db *DB) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	if err := db.ro.PingContext(ctx); err != nil {
		return fmt.Errorf("cannot reach the database %s: %w", redact(db.dsn), err)
	}
	return nil
}

// checkWriteLock takes SQLite's write lock and lets it go, waiting at most
// startLockWait: another program holding the database locked stops the
// start with a clear message rather than a stall.
func (db *DB) checkWriteLock(ctx context.Context) error {
	lctx, cancel := context.WithTimeout(ctx, startLockWait)
	defer cancel()
	tx, err := db.rw.BeginTx(lctx, nil)
	if err == nil {
		return tx.Rollback()
	}
	if isBusy(err) || (errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil) {
		return fmt.Errorf("the database %s is locked by another program (waited %v): stop it or try again", redact(db.dsn), startLockWait)
	}
	return fmt.Errorf("open %s: %w", redact(db.dsn), err)
}

func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}
