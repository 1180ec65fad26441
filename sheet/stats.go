package sheet

import (
	"io"

	"github.com/xuri/excelize/v2"

	"tkm"
)

// StatsXLSX writes the programme's statistics as a workbook; see the
// function StatsXLSX.
func (Spreadsheets) StatsXLSX(w io.Writer, d tkm.StatsDocument) error { return StatsXLSX(w, d) }

// StatsXLSX writes the programme's statistics to w as an XLSX workbook:
// a first sheet "Keterangan" with the filters, the scope and the day, then
// a sheet per table of d.Tables, its header bold and frozen. Counts and
// amounts are numbers (amounts formatted with thousands separators), codes
// and periods text.
func StatsXLSX(w io.Writer, d tkm.StatsDocument) (err error) {
	defer recoverTo(&err)
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Keterangan"); err != nil {
		return err
	}
	for i, kv := range d.FilterFields() {
		if err := f.SetSheetRow("Keterangan", cellName(0, i+1), &[]any{kv[0], kv[1]}); err != nil {
			return err
		}
	}
	for _, t := range d.Tables() {
		if err := statsSheet(f, t, bold, money); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// statsSheet writes one table as a sheet.
func statsSheet(f *excelize.File, t tkm.StatsTable, bold, money int) error {
	if _, err := f.NewSheet(t.Sheet); err != nil {
		return err
	}
	if err := f.SetSheetRow(t.Sheet, "A1", &t.Header); err != nil {
		return err
	}
	last := cellName(len(t.Header)-1, 1)
	if err := f.SetCellStyle(t.Sheet, "A1", last, bold); err != nil {
		return err
	}
	if err := f.SetColWidth(t.Sheet, "A", ColumnName(len(t.Header)-1), 22); err != nil {
		return err
	}
	for i, r := range t.Rows {
		if err := statsRow(f, t.Sheet, i+2, r, money); err != nil {
			return err
		}
	}
	return f.SetPanes(t.Sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// statsRow writes one row: amounts as numbers in the money style.
func statsRow(f *excelize.File, sheet string, n int, cells []any, money int) error {
	for col, c := range cells {
		ref := cellName(col, n)
		v := c
		if r, ok := c.(tkm.Rupiah); ok {
			v = int64(r)
			if err := f.SetCellStyle(sheet, ref, ref, money); err != nil {
				return err
			}
		}
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			return err
		}
	}
	return nil
}

// cellName is the reference of the cell at 0-based column col in row n.
func cellName(col, n int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, n)
	return name
}
