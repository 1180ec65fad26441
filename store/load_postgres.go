package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// postgresSink writes rows with COPY on a connection of its own, in one
// transaction.
type postgresSink struct {
	conn *pgx.Conn
	tx   pgx.Tx
}

func (postgresDialect) openSink(ctx context.Context, db *DB) (sink, error) {
	conn, err := pgx.Connect(ctx, db.dsn)
	if err != nil {
		return nil, err
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		conn.Close(ctx)
		return nil, err
	}
	return &postgresSink{conn: conn, tx: tx}, nil
}

func (s *postgresSink) write(ctx context.Context, table string, columns []string, rows [][]any) error {
	if _, err := s.tx.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("copy into %s: %w", table, err)
	}
	return nil
}

func (s *postgresSink) maxID(ctx context.Context, table string) (int64, error) {
	var n int64
	err := s.tx.QueryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+table).Scan(&n)
	return n, err
}

// commit moves each identity past the ids the load chose, then commits.
func (s *postgresSink) commit(ctx context.Context) error {
	if err := resetIdentities(ctx, s.tx); err != nil {
		return fmt.Errorf("reset ids: %w", err)
	}
	defer s.conn.Close(ctx)
	if _, err := s.tx.Exec(ctx, nextVersion); err != nil {
		return fmt.Errorf("registry version: %w", err)
	}
	return s.tx.Commit(ctx)
}

func (s *postgresSink) rollback(ctx context.Context) error {
	if s.conn.IsClosed() {
		return nil
	}
	defer s.conn.Close(ctx)
	return s.tx.Rollback(ctx)
}
