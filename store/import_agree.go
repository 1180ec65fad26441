package store

import (
	"fmt"
	"slices"
	"strings"

	"tkm"
)

// The group columns repeat on each member's row. The first pass keeps one
// value a column: the first valid one, and marks a group whose rows
// differ. Only for those groups does agreeGroups read the file again and
// count the votes, so that a million rows agreeing cost nothing.

// colValue is one value of a group column and the rows that carry it.
type colValue struct {
	value string
	rows  []int32
}

// sameGroup compares the row's group columns with its group's.
func (r *importRun) sameGroup(g *importGroup, l tkm.ImportLine, errs []tkm.RowError) {
	for c, col := range tkm.ImportGroupColumns {
		if erred(errs, col) {
			continue // reported already; a wrong value does not vote
		}
		v := tkm.ImportGroupValue(l.Group, col)
		switch {
		case g.voted&(1<<c) == 0:
			g.voted |= 1 << c
			g.header[c] = strings.Clone(v)
		case !g.conflict && g.header[c] != v:
			g.conflict = true
			r.conflicts++
		}
	}
}

func erred(errs []tkm.RowError, col string) bool {
	return slices.ContainsFunc(errs, func(e tkm.RowError) bool { return e.Column == col })
}

// agreeGroups reads the file again for the rows of the groups that differ
// and settles each of their columns.
func (r *importRun) agreeGroups(src tkm.ImportSource) error {
	if r.conflicts == 0 {
		return nil
	}
	votes, err := r.votes(src)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	for _, g := range r.order {
		if g.conflict {
			r.agree(g, votes[g])
		}
	}
	return nil
}

// votes collects, for each group that differs, each column's values and
// their rows.
func (r *importRun) votes(src tkm.ImportSource) (map[*importGroup]*[4][]colValue, error) {
	rows, err := src.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	votes := map[*importGroup]*[4][]colValue{}
	for first := true; rows.Next(); first = false {
		if row := rows.Row(); !first && !blank(row) {
			r.vote(votes, row)
		}
	}
	return votes, rows.Err()
}

func (r *importRun) vote(votes map[*importGroup]*[4][]colValue, row tkm.ImportRow) {
	l, errs := tkm.ParseImportRow(row, r.cols, r.db.Regions, r.today)
	g := r.groups[l.Ref]
	if g == nil || !g.conflict {
		return
	}
	if votes[g] == nil {
		votes[g] = &[4][]colValue{}
	}
	for c, col := range tkm.ImportGroupColumns {
		if erred(errs, col) {
			continue
		}
		v := tkm.ImportGroupValue(l.Group, col)
		vs := votes[g][c]
		i := slices.IndexFunc(vs, func(c colValue) bool { return c.value == v })
		if i < 0 {
			vs, i = append(vs, colValue{value: v}), len(vs)
		}
		vs[i].rows = append(vs[i].rows, int32(l.Row))
		votes[g][c] = vs
	}
}

// agree settles each group column on the value most of the group's rows
// carry, and reports the rows that carry another.
func (r *importRun) agree(g *importGroup, votes *[4][]colValue) {
	for c, col := range tkm.ImportGroupColumns {
		vs := votes[c]
		if len(vs) < 2 {
			continue
		}
		most := 0
		for i, v := range vs {
			if len(v.rows) > len(vs[most].rows) {
				most = i
			}
		}
		g.header[c] = vs[most].value
		for i, v := range vs {
			if i != most {
				r.conflicting(g, col, v.rows, vs[most].rows[0])
			}
		}
	}
}

func (r *importRun) conflicting(g *importGroup, col string, rows []int32, example int32) {
	for _, row := range rows {
		r.fail(g, tkm.RowError{Row: int(row), Column: col, Code: "group_conflict",
			Message: fmt.Sprintf("Isi kolom ini berbeda dengan baris lain kelompok %s (mis. baris %d).", g.ref, example),
			English: fmt.Sprintf("This differs from the other rows of group %s (e.g. row %d).", g.ref, example)})
	}
}
