package store

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"

	"tkm"
)

// Restore puts a backup into the database named by dsn. It checks the
// backup first, refuses to overwrite a database that holds data unless
// force is set, and writes everything or nothing. Servers on the database
// must be stopped. The caller opens the database afterwards (migrating it
// forward if the backup is older) and verifies its audit log.
func Restore(ctx context.Context, dsn, path string, regions tkm.Regions, vault *tkm.Vault, force bool) error {
	if err := CheckDSN(dsn); err != nil {
		return err
	}
	if target, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		return restoreSQLite(ctx, target, path, force)
	}
	return restorePostgres(ctx, dsn, path, regions, vault, force)
}

// restoreSQLite checks the backup file is a sound tkm database, then puts
// a copy of it in place of the target file.
func restoreSQLite(ctx context.Context, target, path string, force bool) error {
	if err := checkSQLiteBackup(ctx, path); err != nil {
		return fmt.Errorf("restore: %s: %w", path, err)
	}
	if !force {
		if err := checkEmptySQLite(ctx, target); err != nil {
			return err
		}
	}
	tmp := target + ".restore"
	if err := copyFile(path, tmp); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Remove(target + ext); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return syncDir(filepath.Dir(target))
}

func checkSQLiteBackup(ctx context.Context, path string) error {
	head := make([]byte, 16)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return errors.New("not a tkm backup of a SQLite database")
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var ok string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		return fmt.Errorf("the file is damaged (integrity check: %s %v)", ok, err)
	}
	var version int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return errors.New("not a tkm database: no schema version")
	}
	return checkVersion(version)
}

func checkVersion(version int) error {
	known, err := loadMigrations("sqlite")
	if err != nil {
		return err
	}
	if version < 1 || version > len(known) {
		return fmt.Errorf("the backup is of schema version %d; this tkm knows 1 to %d", version, len(known))
	}
	return nil
}

func checkEmptySQLite(ctx context.Context, target string) error {
	if _, err := os.Stat(target); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+target+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM groups)`).Scan(&n)
	if err == nil && n > 0 {
		return ErrNotEmpty
	}
	return nil
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return errors.Join(dst.Sync(), dst.Close())
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// restorePostgres loads a dump into the target database in one
// transaction, after migrating it to the dump's schema version.
func restorePostgres(ctx context.Context, dsn, path string, regions tkm.Regions, vault *tkm.Vault, force bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("restore: %s is not a tkm backup of a PostgreSQL database", path)
	}
	r := bufio.NewReaderSize(zr, 1<<20)
	h, err := readDumpHeader(r)
	if err != nil {
		return fmt.Errorf("restore: %s: %w", path, err)
	}
	if err := checkVersion(h.SchemaVersion); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	db, err := Open(ctx, dsn, regions, vault)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	return db.load(ctx, r, h, force)
}

// load reads the dump's tables into the database in one transaction.
func (db *DB) load(ctx context.Context, r *bufio.Reader, h *dumpHeader, force bool) error {
	conn, err := pgx.Connect(ctx, db.dsn)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer conn.Close(context.Background())
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer tx.Rollback(context.Background())
	if err := emptyTarget(ctx, tx, force); err != nil {
		return err
	}
	for _, t := range h.Tables {
		if err := loadTable(ctx, tx, r, t); err != nil {
			return fmt.Errorf("restore: table %s: %w", t, err)
		}
	}
	if line, _ := r.ReadString('\n'); strings.TrimSpace(line) != "END" {
		return errors.New("restore: the backup is cut off before its end")
	}
	if err := resetIdentities(ctx, tx); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if _, err := tx.Exec(ctx, nextVersion); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return tx.Commit(ctx)
}

// emptyTarget refuses a database that holds data, or with force empties it.
func emptyTarget(ctx context.Context, tx pgx.Tx, force bool) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM groups)`).Scan(&n); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if n > 0 && !force {
		return ErrNotEmpty
	}
	_, err := tx.Exec(ctx, `TRUNCATE `+strings.Join(backupTables, ", ")+`, sessions, login_failures CASCADE`)
	return err
}

// loadTable copies one table's rows in, into the columns the dump names:
// a dump of an older schema fills the columns it had, the newer ones take
// their defaults.
func loadTable(ctx context.Context, tx pgx.Tx, r *bufio.Reader, want string) error {
	line, err := r.ReadString('\n')
	name, cols, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "TABLE ")), " ")
	if err != nil || !strings.HasPrefix(line, "TABLE ") || name != want || !columnList.MatchString(cols) {
		return fmt.Errorf("the backup is damaged: expected table %s, read %q", want, strings.TrimSpace(line))
	}
	body := &copySection{r: r}
	if _, err := tx.Conn().PgConn().CopyFrom(ctx, body, `COPY `+want+` (`+strings.ReplaceAll(cols, ",", ", ")+`) FROM STDIN`); err != nil {
		return err
	}
	if !body.ended {
		return errors.New("the backup is cut off inside the table")
	}
	return nil
}

// columnList is a dump's list of column names: nothing to inject.
var columnList = regexp.MustCompile(`^[a-z_][a-z0-9_]*(,[a-z_][a-z0-9_]*)*$`)

// copySection reads a table's COPY rows up to its "\." line.
type copySection struct {
	r     *bufio.Reader
	ended bool
	buf   []byte
}

func (c *copySection) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.ended {
			return 0, io.EOF
		}
		line, err := c.r.ReadBytes('\n')
		if string(line) == "\\.\n" {
			c.ended = true
			continue
		}
		if err != nil {
			return 0, io.ErrUnexpectedEOF
		}
		c.buf = line
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// resetIdentities moves every identity column past the restored rows.
func resetIdentities(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	for _, t := range tables {
		if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), GREATEST((SELECT MAX(id) FROM `+t+`), 1))`); err != nil {
			return err
		}
	}
	return rows.Err()
}
