package sheet

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"unicode/utf8"
)

// Writer streams rows to a CSV or XLSX file in constant memory.
//
// CSV is for other programs: UTF-8 with a BOM, "," between cells, CRLF
// line ends, cells written as they are. It is not the format for Excel:
// Excel opens a CSV with the separator of the computer's region, which is
// ";" on an Indonesian Windows, so a "," file lands in one column there;
// and it turns a 16-digit NIK into 5,10305E+15 and the code "32.10" into
// 32.1 as it opens the file. The ="…" trick would keep those as text in
// Excel but puts formulas into the data every other program reads, and
// does nothing for the separator; so the CSV stays plain, and XLSX is the
// format to offer officers who open the file in Excel. A CSV cell that
// Excel would run as a formula (=, @, +, - followed by more than a number)
// is prefixed with an apostrophe, so that a name typed on a public form
// cannot become a formula on an officer's computer.
//
// XLSX cells are all text (inline strings), so codes and NIKs are never
// mangled; the header row is bold and frozen; the columns are as wide as
// their header; and the text columns are formatted as Text (@), so that
// what an officer types into them later stays text too.
type Writer struct {
	csv  *csv.Writer
	buf  *bufio.Writer
	x    *xlsxWriter
	text []bool // by column: a text column
	rec  []string
	n    int // rows written, header included
}

// NewWriter starts a file of the given format (CSV or XLSX) with its header
// row. textColumns are the 0-based columns that hold codes, NIKs, phone
// numbers or dates; they matter in XLSX only.
func NewWriter(w io.Writer, format string, header []string, textColumns ...int) (*Writer, error) {
	wr := &Writer{text: make([]bool, len(header))}
	for _, i := range textColumns {
		if 0 <= i && i < len(header) {
			wr.text[i] = true
		}
	}
	switch format {
	case CSV:
		wr.buf = bufio.NewWriterSize(w, 64<<10)
		wr.buf.Write(utf8BOM)
		wr.csv = csv.NewWriter(wr.buf)
		wr.csv.UseCRLF = true
	case XLSX:
		cols := make([]column, len(header))
		for i, h := range header {
			cols[i] = column{width: headerWidth(h, wr.text[i])}
			if wr.text[i] {
				cols[i].style = styleText
			}
		}
		var err error
		if wr.x, err = newXLSXWriter(w, cols, 1); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("sheet: unknown format %q", format)
	}
	if err := wr.write(header, true); err != nil {
		return nil, err
	}
	return wr, nil
}

// headerWidth is a column's width in characters: its header's, within
// bounds, and room for a NIK in a text column.
func headerWidth(h string, text bool) float64 {
	w := utf8.RuneCountInString(h) + 4
	if text {
		w = max(w, 20)
	}
	return float64(min(max(w, 10), 60))
}

// Write writes one row.
func (wr *Writer) Write(cells []string) error { return wr.write(cells, false) }

func (wr *Writer) write(cells []string, header bool) error {
	wr.n++
	if wr.x != nil {
		return wr.x.writeRow(wr.n, cells, func(i int) int {
			switch {
			case header:
				return styleHeader
			case i < len(wr.text) && wr.text[i]:
				return styleText
			}
			return styleNone
		})
	}
	wr.rec = wr.rec[:0]
	for _, c := range cells {
		wr.rec = append(wr.rec, defuse(c))
	}
	return wr.csv.Write(wr.rec)
}

// Close flushes the file; for XLSX it ends the zip. It does not close the
// underlying writer.
func (wr *Writer) Close() error {
	if wr.x != nil {
		return wr.x.close()
	}
	wr.csv.Flush()
	if err := wr.csv.Error(); err != nil {
		return err
	}
	return wr.buf.Flush()
}

// defuse prefixes an apostrophe to a cell that a spreadsheet would run as a
// formula (CSV injection): one that starts with =, @, a tab or CR, or with
// + or - followed by anything but a number. "+6281234567890" stays as is.
func defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		for _, c := range s[1:] {
			if (c < '0' || c > '9') && c != ' ' && c != '.' && c != ',' {
				return "'" + s
			}
		}
	}
	return s
}
