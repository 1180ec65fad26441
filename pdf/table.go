package pdf

// Table type and spacing, in points and millimetres.
const (
	tablePt    = 9.0
	tableLineH = 4.2 // line height inside a cell
	tablePad   = 0.8 // space above and below the text of a cell
	tableGap   = 2.0 // space after a table
)

// column is one column of a table: its heading, its width in millimetres
// and how its cells align ("L", "C" or "R").
type column struct {
	title string
	width float64
	align string
}

// row is one row of a table. Span > 1 merges the first cell over that many
// columns, right-aligned: a total row ("Jumlah" across all columns but the
// last).
type row struct {
	cells []string
	span  int
	bold  bool
}

// table is a table whose heading row repeats at the top of every page it
// runs onto.
type table struct {
	cols []column
	rows []row
}

// cell is one laid-out cell: where it sits and its encoded lines.
type cell struct {
	x, w  float64
	align string
	lines []string
}

// laidRow is a row ready to draw.
type laidRow struct {
	cells  []cell
	height float64
	style  string // font style
	shaded bool
}

// table draws t from the current position. A row that does not fit on the
// page moves to the next one, under a repeated heading row; the heading
// never stays alone at the foot of a page, nor a total row at the head of
// one.
func (d *doc) table(t table) {
	head := d.layout(t.cols, row{cells: titles(t.cols), bold: true})
	for i := range head.cells {
		head.cells[i].align = "C"
	}
	head.shaded = true
	need := head.height
	if len(t.rows) > 0 {
		need += d.layout(t.cols, t.rows[0]).height
	}
	d.keep(need)
	d.drawRow(head)
	for i, r := range t.rows {
		lr := d.layout(t.cols, r)
		if d.room() < lr.height+d.totalAfter(t, i) {
			d.pdf.AddPage()
			d.drawRow(head)
		}
		d.drawRow(lr)
	}
	d.gap(tableGap)
}

// totalAfter is the height of t's total row when it follows row i, so
// that the last row goes with it and a total never stands alone under a
// repeated heading; otherwise 0.
func (d *doc) totalAfter(t table, i int) float64 {
	if i != len(t.rows)-2 || t.rows[i+1].span <= 1 {
		return 0
	}
	return d.layout(t.cols, t.rows[i+1]).height
}

// tableHeight is the height table takes when it fits on the page: its
// heading, its rows and the space after it.
func (d *doc) tableHeight(t table) float64 {
	h := d.layout(t.cols, row{cells: titles(t.cols), bold: true}).height + tableGap
	for _, r := range t.rows {
		h += d.layout(t.cols, r).height
	}
	return h
}

// titles returns the headings of cols.
func titles(cols []column) []string {
	ts := make([]string, len(cols))
	for i, c := range cols {
		ts[i] = c.title
	}
	return ts
}

// layout places the cells of r under cols and wraps their text. Cells
// beyond the columns are dropped; missing ones stay empty.
func (d *doc) layout(cols []column, r row) laidRow {
	lr := laidRow{}
	if r.bold {
		lr.style = "B"
	}
	d.font(lr.style, tablePt)
	x, col := marginX, 0
	for i := 0; i < len(r.cells) && col < len(cols); i++ {
		n, align := 1, cols[col].align
		if i == 0 && r.span > 1 {
			n, align = min(r.span, len(cols)), "R"
		}
		w := spanWidth(cols[col : col+n])
		lr.cells = append(lr.cells, cell{x: x, w: w, align: align, lines: d.lines(r.cells[i], w)})
		x, col = x+w, col+n
	}
	for ; col < len(cols); col++ {
		lr.cells = append(lr.cells, cell{x: x, w: cols[col].width})
		x += cols[col].width
	}
	lr.height = rowHeight(lr.cells)
	return lr
}

// spanWidth is the width of cols side by side.
func spanWidth(cols []column) float64 {
	w := 0.0
	for _, c := range cols {
		w += c.width
	}
	return w
}

// rowHeight is the height of the tallest of cells.
func rowHeight(cells []cell) float64 {
	n := 1
	for _, c := range cells {
		n = max(n, len(c.lines))
	}
	return float64(n)*tableLineH + 2*tablePad
}

// drawRow draws a laid-out row, framed, at the current height and moves
// below it.
func (d *doc) drawRow(lr laidRow) {
	y := d.pdf.GetY()
	d.font(lr.style, tablePt)
	style := "D"
	if lr.shaded {
		d.pdf.SetFillColor(230, 230, 230)
		style = "FD"
	}
	for _, c := range lr.cells {
		d.pdf.Rect(c.x, y, c.w, lr.height, style)
		for i, l := range c.lines {
			d.pdf.SetXY(c.x, y+tablePad+float64(i)*tableLineH)
			d.pdf.CellFormat(c.w, tableLineH, l, "", 0, c.align, false, 0, "")
		}
	}
	d.pdf.SetXY(marginX, y+lr.height)
}
