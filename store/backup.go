package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Backups. On SQLite a backup is a consistent copy of the database file
// (VACUUM INTO reads one snapshot while writers go on). On PostgreSQL it is
// a logical dump made through the driver, no external tool: every table's
// rows in COPY text format, all read in one REPEATABLE READ snapshot, in a
// gzip stream that starts with a header naming the schema version.

// backupTables are the tables a PostgreSQL dump holds, parents before
// children. Sessions and login failures are left out: a restore logs
// everybody out.
var backupTables = []string{
	"users", "settings", "cohorts", "groups", "members", "audit_log", "audit_niks", "transitions",
	"trainings", "training_groups", "attendance", "aid", "aid_items", "files", "products", "product_photos",
	"lpjs", "lpj_attachments", "reports", "report_photos", "imports", "import_errors", "expos", "exhibitors",
	"sales", "group_profiles", "stat_groups", "stat_outcomes",
}

// dumpMagic starts a PostgreSQL dump (after gzip).
const dumpMagic = "TKM-BACKUP 1"

type dumpHeader struct {
	Engine        string    `json:"engine"`
	SchemaVersion int       `json:"schema_version"`
	CreatedAt     time.Time `json:"created_at"`
	Tables        []string  `json:"tables"`
}

// Backup writes a consistent copy of the database to path, which must not
// exist yet. It runs while the server keeps serving.
func (db *DB) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s exists already; choose a new file", path)
	}
	if db.dialect.name() == "sqlite" {
		return db.backupSQLite(ctx, path)
	}
	return db.backupPostgres(ctx, path)
}

func (db *DB) backupSQLite(ctx context.Context, path string) error {
	src, err := sql.Open("sqlite", "file:"+strings.TrimPrefix(db.dsn, "sqlite:")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer src.Close()
	if _, err := src.ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("backup: %w", err)
	}
	return os.Chmod(path, 0o600)
}

func (db *DB) backupPostgres(ctx context.Context, path string) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	conn, err := pgx.Connect(ctx, db.dsn)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer conn.Close(context.Background())
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer tx.Rollback(context.Background())
	zw := gzip.NewWriter(f)
	if err := dump(ctx, tx, zw); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return f.Sync()
}

// dump writes the header, then each table: a line "TABLE name", its rows
// in COPY text format, and the line "\." (which no row can be).
func dump(ctx context.Context, tx pgx.Tx, w io.Writer) error {
	var version int
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return err
	}
	h, _ := json.Marshal(dumpHeader{Engine: "postgres", SchemaVersion: version, CreatedAt: time.Now().UTC(), Tables: backupTables})
	if _, err := fmt.Fprintf(w, "%s\n%s\n", dumpMagic, h); err != nil {
		return err
	}
	for _, t := range backupTables {
		cols, err := tableColumns(ctx, tx, t)
		if err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
		if _, err := fmt.Fprintf(w, "TABLE %s %s\n", t, strings.Join(cols, ",")); err != nil {
			return err
		}
		if _, err := tx.Conn().PgConn().CopyTo(ctx, w, `COPY `+t+` (`+strings.Join(cols, ", ")+`) TO STDOUT`); err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
		if _, err := io.WriteString(w, "\\.\n"); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "END\n")
	return err
}

// ErrNotEmpty says a restore would overwrite data.
var ErrNotEmpty = errors.New("the database is not empty: restore overwrites it only with --force")

// readDumpHeader checks a dump's start and returns its header.
func readDumpHeader(r *bufio.Reader) (*dumpHeader, error) {
	magic, err := r.ReadString('\n')
	if err != nil || strings.TrimSpace(magic) != dumpMagic {
		return nil, errors.New("not a tkm backup")
	}
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, errors.New("the backup's header is cut off")
	}
	var h dumpHeader
	if err := json.Unmarshal([]byte(line), &h); err != nil {
		return nil, fmt.Errorf("the backup's header: %w", err)
	}
	for _, t := range h.Tables {
		if !slices.Contains(backupTables, t) {
			return nil, fmt.Errorf("the backup names an unknown table %q", t)
		}
	}
	return &h, nil
}

// tableColumns lists a table's columns in order.
func tableColumns(ctx context.Context, tx pgx.Tx, table string) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, rows.Err()
}
