package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tkm"
)

// args collects the arguments of a query as it is built and names each
// one's placeholder ($1, $2, …: both engines read them).
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// where joins conditions with AND; no condition means every row.
func where(conds []string) string {
	if len(conds) == 0 {
		return "TRUE"
	}
	return strings.Join(conds, " AND ")
}

// withinRegion is the condition "column lies inside region by whole code
// segments", written as a range so that both engines use the index.
func withinRegion(column, region string, a *args) string {
	return "(" + column + " = " + a.add(region) + " OR (" + column + " >= " + a.add(region+".") +
		" AND " + column + " < " + a.add(region+"/") + "))"
}

// scopeCondition limits a query on groups (alias g) to what the scope covers.
func scopeCondition(s tkm.Scope, a *args) string {
	switch {
	case s.All:
		return "TRUE"
	case s.Region != "":
		return withinRegion("g.region_code", s.Region, a)
	case s.MentorID != 0:
		return "g.mentor_id = " + a.add(s.MentorID)
	case s.OwnerID != 0:
		return "g.owner_id = " + a.add(s.OwnerID)
	}
	return "FALSE"
}

// cohortYear is the condition that groups g belong to a cohort of year.
func cohortYear(year int, a *args) string {
	return "g.cohort_id IN (SELECT id FROM cohorts WHERE year = " + a.add(year) + ")"
}

// nullID writes the zero ID as NULL.
func nullID(id tkm.ID) any {
	if id == 0 {
		return nil
	}
	return id
}

// insertRows inserts rows in one multi-row INSERT.
func insertRows(ctx context.Context, tx *Tx, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	vals := make([]any, 0, len(rows)*len(columns))
	for _, row := range rows {
		vals = append(vals, row...)
	}
	if _, err := tx.ExecContext(ctx, insertSQL(tx.db.dialect, table, columns, len(rows)), vals...); err != nil {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	return nil
}
