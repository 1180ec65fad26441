package pdf

import (
	"fmt"
	"io"

	"tkm"
)

// StatsPDF writes the programme's statistics report; see the function
// StatsPDF.
func (Documents) StatsPDF(w io.Writer, d tkm.StatsDocument) error { return StatsPDF(w, d) }

// statsTableW is the width of a statistics table: the page's text width.
const statsTableW = 170.0

// StatsPDF writes the programme's statistics to w as an A4 PDF in
// Indonesian: letterhead, title, the filters and the scope the figures are
// of and the day, then each table of d.Tables, counts with thousands
// dots and amounts in Rupiah. The same data gives the same bytes.
func StatsPDF(w io.Writer, d tkm.StatsDocument) error {
	if d.Stats == nil {
		return tkm.Errorf(tkm.EINVALID, "Laporan statistik memerlukan data statistik.", "A statistics report needs the statistics.")
	}
	r := newDoc(meta{Title: "Laporan Statistik Program TKM", Subject: "Statistik program Tenaga Kerja Mandiri",
		Keywords: "statistik, TKM, Tenaga Kerja Mandiri", Ref: "Laporan Statistik Program TKM", Created: d.Reported})
	r.letterhead(ministryHead)
	r.centered("LAPORAN STATISTIK PROGRAM TENAGA KERJA MANDIRI", "BU", 12)
	r.gap(4)
	var fs []field
	for _, f := range d.FilterFields() {
		fs = append(fs, field{f[0], f[1]})
	}
	r.fields(0, reportLabelW, fs)
	r.gap(3)
	for i, t := range d.Tables() {
		r.section(string(rune('A'+i))+". "+t.Title, 2*(tableLineH+2*tablePad))
		r.table(statsTable(t))
		r.gap(1)
	}
	if err := r.finish(w); err != nil {
		return fmt.Errorf("pdf: stats report: %w", err)
	}
	return nil
}

// statsTable lays out a table of figures: the first column takes what the
// others, of equal width, leave.
func statsTable(t tkm.StatsTable) table {
	n := len(t.Header)
	numW := 34.0
	cols := make([]column, n)
	cols[0] = column{t.Header[0], statsTableW - float64(n-1)*numW, "L"}
	for i := 1; i < n; i++ {
		cols[i] = column{t.Header[i], numW, "R"}
	}
	if n == 4 { // the provinces: a code, a name, two counts
		cols[0].width, cols[1] = 18, column{t.Header[1], statsTableW - 18 - 2*numW, "L"}
	}
	out := table{cols: cols}
	for _, r := range t.Rows {
		out.rows = append(out.rows, row{cells: cellTexts(r)})
	}
	return out
}

// cellTexts writes a row's cells: counts with thousands dots, amounts in
// Rupiah.
func cellTexts(cells []any) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		switch v := c.(type) {
		case int:
			out[i] = tkm.FormatNumber(int64(v))
		case tkm.Rupiah:
			out[i] = tkm.FormatRupiah(int64(v))
		case string:
			out[i] = v
		default:
			out[i] = fmt.Sprint(v)
		}
	}
	return out
}
