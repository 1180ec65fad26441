// Package store keeps tkm's data in SQL: SQLite (embedded, the default) or
// PostgreSQL (national scale), behind one contract. SQL is written by hand
// next to the code that scans it; the few places where the two engines
// differ live in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"

	"tkm"
)

// DB is a connection to the database with everything the services need.
type DB struct {
	dialect dialect
	dsn     string
	rw      *sql.DB // writes: a single connection on SQLite
	ro      *sql.DB // reads: a pool (the same pool as rw on PostgreSQL)
	// Prepared statements of each pool, on SQLite only.
	rwStmts, roStmts *stmtCache

	Regions tkm.Regions
	Vault   *tkm.Vault
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// Open connects to the database named by dsn: "sqlite:PATH" or
// "postgres://…". It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string, regions tkm.Regions, vault *tkm.Vault) (*DB, error) {
	db := &DB{dsn: dsn, Regions: regions, Vault: vault, Now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
	if err := CheckDSN(dsn); err != nil {
		return nil, err
	}
	var err error
	if strings.HasPrefix(dsn, "sqlite:") {
		err = db.openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	} else {
		err = db.openPostgres(dsn)
	}
	if err != nil {
		if db.rw != nil {
			db.Close()
		}
		return nil, err
	}
	if err := db.ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// CheckDSN tells whether dsn names a database tkm can open.
func CheckDSN(dsn string) error {
	switch {
	case strings.HasPrefix(dsn, "sqlite:") && len(dsn) > len("sqlite:"):
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
	default:
		return fmt.Errorf("database %q: want sqlite:PATH or postgres://…", redact(dsn))
	}
	return nil
}

func (db *DB) openSQLite(ctx context.Context, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("sqlite: data directory: %w", err)
	}
	// The file holds personal data: readable by its owner only.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	f.Close()
	// Times are stored as integer microseconds: exact to compare, cheap to read.
	pragmas := "_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)&_pragma=synchronous(NORMAL)" +
		"&_time_integer_format=unix_micro&_inttotime=1"
	rw, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=cache_size(-16384)&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	rw.SetMaxOpenConns(1)
	rw.SetConnMaxIdleTime(0)
	ro, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		rw.Close()
		return fmt.Errorf("sqlite: %w", err)
	}
	ro.SetMaxOpenConns(8)
	ro.SetMaxIdleConns(8)
	db.dialect, db.rw, db.ro = sqliteDialect{}, rw, ro
	db.rwStmts, db.roStmts = newStmtCache(rw), newStmtCache(ro)
	// The first connection creates the file and switches it to WAL before
	// the readers, which may not write, open it.
	return db.checkWriteLock(ctx)
}

func (db *DB) openPostgres(dsn string) error {
	pool, err := sql.Open("pgx", withConnectTimeout(dsn))
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	pool.SetMaxOpenConns(32)
	pool.SetMaxIdleConns(32)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	db.dialect, db.rw, db.ro = postgresDialect{}, pool, pool
	return nil
}

// Engine names the database engine: "sqlite" or "postgres".
func (db *DB) Engine() string { return db.dialect.name() }

// Close closes every connection.
func (db *DB) Close() error {
	if db.rwStmts != nil {
		db.rwStmts.close()
		db.roStmts.close()
	}
	err := db.rw.Close()
	if db.ro != db.rw {
		err = errors.Join(err, db.ro.Close())
	}
	return err
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.ro.PingContext(ctx) }

// Tx is a transaction that carries one moment, the time of every row it writes.
type Tx struct {
	*sql.Tx
	db      *DB
	ctx     context.Context
	now     time.Time
	cache   *stmtCache
	write   bool
	logOnly bool // writes only bookkeeping (see writeLog): the registry's version stays
	// groups holds, in a read transaction, the groups found so far by id
	// and scope: every service a page reads checks its group in scope
	// again, and in one snapshot the answer cannot change.
	groups map[groupKey]tkm.Group
}

// groupKey names a group as some scope sees it.
type groupKey struct {
	id    tkm.ID
	scope tkm.Scope
}

// nextVersion moves the registry's version on; every write runs it last.
const nextVersion = `UPDATE registry_version SET n = n + 1`

// Commit commits the transaction. A write moves the registry's version on
// in the same commit, so that a reader of the version never sees it before
// the change it counts.
func (tx *Tx) Commit() error {
	if tx.write && !tx.logOnly {
		if _, err := tx.ExecContext(tx.ctx, nextVersion); err != nil {
			return fmt.Errorf("registry version: %w", err)
		}
	}
	return tx.Tx.Commit()
}

// begin starts a transaction: on the writer for writes, on the read pool
// otherwise. A read sees one snapshot for all its statements (PostgreSQL's
// REPEATABLE READ, which for a read-only transaction never fails; SQLite's
// read transaction in WAL mode).
func (db *DB) begin(ctx context.Context, write bool) (*Tx, error) {
	pool, opts, cache := db.ro, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}, db.roStmts
	if write {
		pool, opts, cache = db.rw, nil, db.rwStmts
	}
	if db.dialect.name() == "sqlite" && !write {
		opts = nil // the read pool is query_only already
	}
	tx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Tx{Tx: tx, db: db, ctx: ctx, now: db.Now(), cache: cache, write: write}, nil
}

// write runs fn in a write transaction and commits it when fn succeeds.
func (db *DB) write(ctx context.Context, fn func(tx *Tx) error) error {
	return db.writeTx(ctx, false, fn)
}

// writeLog is write for a transaction that writes only bookkeeping:
// sessions, login failures, the audit trail, import jobs' state and
// progress. Nothing a reader of the registry sees, so its version stays.
func (db *DB) writeLog(ctx context.Context, fn func(tx *Tx) error) error {
	return db.writeTx(ctx, true, fn)
}

func (db *DB) writeTx(ctx context.Context, logOnly bool, fn func(tx *Tx) error) error {
	tx, err := db.begin(ctx, true)
	if err != nil {
		return err
	}
	tx.logOnly = logOnly
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// versionQuery reads the registry's version; Authenticate reads it with
// the session, so that each request knows it from its start.
const versionQuery = `SELECT n FROM registry_version`

// Version returns the registry's version: it moves on with every committed
// change to what the registry shows. Read it before the data, and the
// data is at least as new as the version.
func (db *DB) Version(ctx context.Context) (int64, error) {
	var n int64
	err := db.queryRow(ctx, versionQuery).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("registry version: %w", err)
	}
	return n, nil
}

// queryRow runs a one-row read on its own, outside a transaction (one
// statement sees one consistent view anyway), through the statement cache:
// for the reads on every request, it saves the BEGIN and ROLLBACK.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if db.roStmts != nil {
		if s := db.roStmts.get(query); s != nil {
			return s.QueryRowContext(ctx, args...)
		}
	}
	return db.ro.QueryRowContext(ctx, query, args...)
}

// viewKey carries the read transaction of a View in a context.
type viewKey struct{}

// View runs fn with a context in which every read of this database (every
// service's) shares one read-only transaction: a page that gathers one
// record from several services sees it as of one moment, and pays for one
// BEGIN and ROLLBACK instead of one each. Writes inside fn are not part of
// it: they commit on their own, and fn does not see them.
func (db *DB) View(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := db.viewOf(ctx); ok {
		return fn(ctx)
	}
	return db.read(ctx, func(tx *Tx) error { return fn(context.WithValue(ctx, viewKey{}, tx)) })
}

// viewOf returns the transaction of the View that ctx is inside, if any.
func (db *DB) viewOf(ctx context.Context) (*Tx, bool) {
	tx, ok := ctx.Value(viewKey{}).(*Tx)
	return tx, ok && tx.db == db
}

// read runs fn in a read-only transaction: one consistent view, the
// View's if ctx is inside one.
func (db *DB) read(ctx context.Context, fn func(tx *Tx) error) error {
	if tx, ok := db.viewOf(ctx); ok {
		return fn(tx)
	}
	tx, err := db.begin(ctx, false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// redact hides the password in a DSN so it can be printed.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
