package sheet

import (
	"io"
	"maps"
	"slices"
)

// ErrorColumn is the header of the column Annotate adds.
const ErrorColumn = "kesalahan"

// Annotate writes to w an XLSX copy of src's first sheet, every value as
// text, with one more column, "kesalahan", holding errorsByRow[n] on row
// n, for the officer to fix the rows and upload the file again. Rows keep
// their numbers, so the copy's rows are the ones the errors name; blank
// rows stay blank unless they have an error. The header is the first
// non-blank row; errors on it or on rows above it (row 0 for the whole
// file, say) go into its "kesalahan" cell. Dates are written as
// YYYY-MM-DD and numbers as stored, all as text: a code Excel had turned
// into the number 32.1 comes back as the text "32.1".
//
// Annotate reads src twice (once to find the widest row) and holds one row
// at a time besides the sorted row numbers of errorsByRow.
func Annotate(src *Reader, w io.Writer, errorsByRow map[int]string) (err error) {
	defer recoverTo(&err)
	header, width, err := scanShape(src)
	if err != nil {
		return err
	}
	cols := make([]column, width+1)
	for i := range cols {
		cols[i] = column{width: 12, style: styleText}
		if i < len(header.Cells) {
			cols[i].width = headerWidth(header.Cells[i].Text, false)
		}
	}
	cols[width] = column{width: 60, style: styleError}
	x, err := newXLSXWriter(w, cols, header.Number)
	if err != nil {
		return err
	}
	rs, err := src.Rows()
	if err != nil {
		return err
	}
	defer rs.Close()
	a := annotator{x: x, width: width, errs: errorsByRow, pending: slices.Sorted(maps.Keys(errorsByRow))}
	a.headerNote(header.Number)
	for rs.Next() {
		if err := a.write(rs.Row(), header.Number); err != nil {
			return err
		}
	}
	if err := rs.Err(); err != nil {
		return err
	}
	if !a.headerDone { // a file without rows
		if err := a.write(Row{Number: header.Number}, header.Number); err != nil {
			return err
		}
	}
	if err := a.errorsBefore(maxExcelRows + 1); err != nil {
		return err
	}
	return x.close()
}

// scanShape reads src once for its header row and the width of its widest
// row. A file without rows gets an empty header on row 1.
func scanShape(src *Reader) (header Row, width int, err error) {
	rs, err := src.Rows()
	if err != nil {
		return header, 0, err
	}
	defer rs.Close()
	header.Number = 1
	for first := true; rs.Next(); first = false {
		r := rs.Row()
		if first {
			header = Row{Number: r.Number, Cells: slices.Clone(r.Cells)}
		}
		width = max(width, len(r.Cells))
	}
	return header, width, rs.Err()
}

// annotator writes the rows of the copy, with the errors in row order.
type annotator struct {
	x          *xlsxWriter
	width      int
	errs       map[int]string
	pending    []int // row numbers with an error not yet written
	note       string
	headerDone bool
	cells      []string
}

// headerNote collects the errors on the header row and the rows above it.
func (a *annotator) headerNote(header int) {
	for len(a.pending) > 0 && a.pending[0] <= header {
		if a.note != "" {
			a.note += "; "
		}
		a.note += a.errs[a.pending[0]]
		a.pending = a.pending[1:]
	}
}

// write writes r after the error-only rows that come before it.
func (a *annotator) write(r Row, header int) error {
	if err := a.errorsBefore(r.Number); err != nil {
		return err
	}
	a.cells = a.cells[:0]
	for _, c := range r.Cells {
		a.cells = append(a.cells, c.Text)
	}
	for len(a.cells) < a.width {
		a.cells = append(a.cells, "")
	}
	msg := a.errs[r.Number]
	if r.Number == header {
		a.headerDone = true
		msg = ErrorColumn
		if a.note != "" {
			msg += ": " + a.note
		}
	} else if len(a.pending) > 0 && a.pending[0] == r.Number {
		a.pending = a.pending[1:]
	}
	a.cells = append(a.cells, msg)
	style := func(i int) int {
		switch {
		case r.Number == header && i < a.width:
			return styleHeader
		case i == a.width:
			return styleError
		}
		return styleText
	}
	return a.x.writeRow(r.Number, a.cells, style)
}

// errorsBefore writes, as rows holding only their error, the errors on rows
// before n that have no data.
func (a *annotator) errorsBefore(n int) error {
	for len(a.pending) > 0 && a.pending[0] < n {
		a.cells = append(a.cells[:0], make([]string, a.width)...)
		a.cells = append(a.cells, a.errs[a.pending[0]])
		if err := a.x.writeRow(a.pending[0], a.cells, func(int) int { return styleError }); err != nil {
			return err
		}
		a.pending = a.pending[1:]
	}
	return nil
}
