package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect holds what differs between SQLite and PostgreSQL. Everything
// else is the same SQL on both.
type dialect interface {
	name() string
	// ilike is the case-insensitive LIKE operator.
	ilike() string
	// lock serialises writers that touch the same key (a NIK) until the
	// transaction ends. SQLite has one writer at a time already.
	lock(ctx context.Context, tx *Tx, key []byte) error
	// isUnique reports whether err is a unique-constraint violation.
	isUnique(err error) bool
	// openSink starts a bulk load.
	openSink(ctx context.Context, db *DB) (sink, error)
	// skipLocked ends a SELECT that claims a job: rows other workers hold
	// are skipped.
	skipLocked() string
	// lockAll keeps every other writer out until the transaction ends.
	lockAll(ctx context.Context, tx *Tx) error
	// auditGuard turns the audit log's append-only guard off or back on,
	// within the transaction: only a key rotation does it.
	auditGuard(ctx context.Context, tx *Tx, on bool) error
	// param is the placeholder of the nth argument of a statement whose
	// placeholders appear in order.
	param(n int) string
	// tempIDs makes an empty temporary table of IDs, name (id), that lasts
	// until the transaction ends.
	tempIDs(ctx context.Context, tx *Tx, name string) error
	// analyze refreshes the planner's statistics after a bulk load.
	analyze(ctx context.Context, tx *Tx) error
}

type sqliteDialect struct{}

func (sqliteDialect) name() string                            { return "sqlite" }
func (sqliteDialect) ilike() string                           { return "LIKE" }
func (sqliteDialect) lock(context.Context, *Tx, []byte) error { return nil }

func (sqliteDialect) isUnique(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

type postgresDialect struct{}

func (postgresDialect) name() string  { return "postgres" }
func (postgresDialect) ilike() string { return "ILIKE" }

func (postgresDialect) lock(ctx context.Context, tx *Tx, key []byte) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(binary.BigEndian.Uint64(key[:8])))
	return err
}

func (postgresDialect) isUnique(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

// SQLite has one writer at a time already.
func (sqliteDialect) lockAll(context.Context, *Tx) error { return nil }

// analyze samples (analysis_limit) rather than reading every row.
func (sqliteDialect) analyze(ctx context.Context, tx *Tx) error {
	_, err := tx.ExecContext(ctx, `PRAGMA analysis_limit = 1000; ANALYZE`)
	return err
}

// The triggers as migration 0002 makes them.
var sqliteAuditGuard = []string{
	`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
	BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
	`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
	BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
}

func (sqliteDialect) auditGuard(ctx context.Context, tx *Tx, on bool) error {
	stmts := sqliteAuditGuard
	if !on {
		stmts = []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	}
	for _, s := range stmts {
		if _, err := tx.Tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("audit guard: %w", err)
		}
	}
	return nil
}

func (postgresDialect) analyze(ctx context.Context, tx *Tx) error {
	_, err := tx.ExecContext(ctx, `ANALYZE`)
	return err
}

func (postgresDialect) lockAll(ctx context.Context, tx *Tx) error {
	_, err := tx.ExecContext(ctx, `LOCK TABLE members, audit_log, audit_niks, settings IN EXCLUSIVE MODE`)
	return err
}

func (postgresDialect) auditGuard(ctx context.Context, tx *Tx, on bool) error {
	verb := "DISABLE"
	if on {
		verb = "ENABLE"
	}
	_, err := tx.ExecContext(ctx, `ALTER TABLE audit_log `+verb+` TRIGGER audit_log_append_only`)
	return err
}

func (sqliteDialect) skipLocked() string   { return "" }
func (postgresDialect) skipLocked() string { return " FOR UPDATE SKIP LOCKED" }

func (sqliteDialect) param(int) string     { return "?" }
func (postgresDialect) param(n int) string { return "$" + strconv.Itoa(n) }

func (sqliteDialect) tempIDs(ctx context.Context, tx *Tx, name string) error {
	_, err := tx.Tx.ExecContext(ctx, `CREATE TEMP TABLE `+name+` (id INTEGER PRIMARY KEY)`)
	return err
}

func (postgresDialect) tempIDs(ctx context.Context, tx *Tx, name string) error {
	_, err := tx.Tx.ExecContext(ctx, `CREATE TEMP TABLE `+name+` (id BIGINT PRIMARY KEY) ON COMMIT DROP`)
	return err
}
