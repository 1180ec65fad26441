package store

import (
	"context"
	"encoding/binary"
	"errors"

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
