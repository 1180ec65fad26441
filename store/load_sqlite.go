package store

import (
	"context"
	"fmt"
	"strings"
)

// sqliteSink writes rows with multi-row INSERTs in one transaction.
type sqliteSink struct{ tx *Tx }

func (sqliteDialect) openSink(ctx context.Context, db *DB) (sink, error) {
	tx, err := db.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	return &sqliteSink{tx: tx}, nil
}

// sqliteBatch is how many rows one INSERT carries (well under SQLite's
// limit of 32,766 variables).
const sqliteBatch = 100

func (s *sqliteSink) write(ctx context.Context, table string, columns []string, rows [][]any) error {
	for len(rows) > 0 {
		n := min(len(rows), sqliteBatch)
		if err := s.insert(ctx, table, columns, rows[:n]); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

func (s *sqliteSink) insert(ctx context.Context, table string, columns []string, rows [][]any) error {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES ")
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"
	vals := make([]any, 0, len(rows)*len(columns))
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tuple)
		vals = append(vals, r...)
	}
	if _, err := s.tx.ExecContext(ctx, b.String(), vals...); err != nil {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	return nil
}

func (s *sqliteSink) maxID(ctx context.Context, table string) (int64, error) {
	var n int64
	err := s.tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+table).Scan(&n)
	return n, err
}

func (s *sqliteSink) commit(context.Context) error   { return s.tx.Commit() }
func (s *sqliteSink) rollback(context.Context) error { return s.tx.Rollback() }
