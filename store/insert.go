package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// inserter writes rows into one table with multi-row INSERTs of a fixed
// size, whose statement it prepares once for the transaction: SQLite then
// parses it once, not once a batch.
type inserter struct {
	tx      *Tx
	table   string
	columns []string
	size    int
	suffix  string // e.g. " RETURNING id, ref"
	stmt    *sql.Stmt
	once    []*sql.Stmt // shorter batches' statements, closed with the inserter
	vals    []any
}

func newInserter(tx *Tx, table string, columns []string, size int) *inserter {
	return &inserter{tx: tx, table: table, columns: columns, size: size}
}

// full reports whether the next add would need a flush first.
func (in *inserter) full() bool { return len(in.vals) == in.size*len(in.columns) }

func (in *inserter) len() int { return len(in.vals) / len(in.columns) }

// add queues one row; the caller flushes when full.
func (in *inserter) add(row ...any) { in.vals = append(in.vals, row...) }

// exec inserts the queued rows (any number of them) and clears them.
func (in *inserter) exec(ctx context.Context) error {
	if in.len() == 0 {
		return nil
	}
	defer in.clear()
	stmt, err := in.statement(ctx)
	if err == nil {
		_, err = stmt.ExecContext(ctx, in.vals...)
	}
	if err != nil {
		return fmt.Errorf("insert into %s: %w", in.table, err)
	}
	return nil
}

// query inserts the queued rows, at least one, with the RETURNING suffix,
// and clears them.
func (in *inserter) query(ctx context.Context) (*sql.Rows, error) {
	defer in.clear()
	stmt, err := in.statement(ctx)
	if err != nil {
		return nil, err
	}
	return stmt.QueryContext(ctx, in.vals...)
}

func (in *inserter) clear() { in.vals = in.vals[:0] }

// statement is the prepared statement for a full batch, or a one-off one
// for the last, shorter batch.
func (in *inserter) statement(ctx context.Context) (*sql.Stmt, error) {
	n := in.len()
	if n == in.size && in.stmt != nil {
		return in.stmt, nil
	}
	stmt, err := in.tx.Tx.PrepareContext(ctx, insertSQL(in.tx.db.dialect, in.table, in.columns, n)+in.suffix)
	if err != nil {
		return nil, err
	}
	if n == in.size {
		in.stmt = stmt
	} else {
		in.once = append(in.once, stmt)
	}
	return stmt, nil
}

// close releases the prepared statement.
func (in *inserter) close() {
	if in.stmt != nil {
		in.stmt.Close()
	}
	for _, s := range in.once {
		s.Close()
	}
}

// insertSQL is a multi-row INSERT of n rows, with the engine's own
// placeholders (SQLite resolves numbered ones by a linear search, which a
// statement of 1,400 of them feels).
func insertSQL(d dialect, table string, columns []string, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES ")
	k := 0
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range columns {
			if j > 0 {
				b.WriteString(", ")
			}
			k++
			b.WriteString(d.param(k))
		}
		b.WriteByte(')')
	}
	return b.String()
}
