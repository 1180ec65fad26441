package sheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// templateTextRows is how many rows below the header get the Text format
// cell by cell, beside the format of the whole column, for programs that
// ignore a column's format.
const templateTextRows = 10_000

// Template writes an XLSX import template to w: a first sheet "Data" with
// the header (bold, frozen) and one example row, and a second sheet
// "Petunjuk" with the note of each column. textColumns are the 0-based
// columns that hold codes, NIKs, phone numbers or dates: they are formatted
// as Text (@), for the whole column and cell by cell for 10,000 rows, so
// that what an officer types stays text ("0812…" keeps its 0, "32.10" its
// last 0). The template is small, so it is made with excelize in memory.
func Template(w io.Writer, header, example, notes []string, textColumns []int) (err error) {
	defer recoverTo(&err)
	f := excelize.NewFile()
	defer f.Close()
	const data, help = "Data", "Petunjuk"
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	isText := make([]bool, len(header))
	for _, i := range textColumns {
		if 0 <= i && i < len(header) {
			isText[i] = true
		}
	}
	for i, h := range header {
		col := ColumnName(i)
		if err := f.SetColWidth(data, col, col, headerWidth(h, isText[i])); err != nil {
			return err
		}
		if !isText[i] {
			continue
		}
		if err := f.SetColStyle(data, col, text); err != nil {
			return err
		}
		if err := f.SetCellStyle(data, col+"2", fmt.Sprintf("%s%d", col, templateTextRows+1), text); err != nil {
			return err
		}
	}
	if err := f.SetSheetRow(data, "A1", &header); err != nil {
		return err
	}
	if len(header) > 0 {
		if err := f.SetCellStyle(data, "A1", ColumnName(len(header)-1)+"1", bold); err != nil {
			return err
		}
	}
	if err := f.SetSheetRow(data, "A2", &example); err != nil {
		return err
	}
	if err := f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := templateHelp(f, help, header, notes, isText, bold); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// templateHelp writes the instructions sheet.
func templateHelp(f *excelize.File, sheet string, header, notes []string, isText []bool, bold int) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	rows := [][]string{
		{"Petunjuk pengisian"},
		{"Isi lembar Data mulai baris 2, satu baris untuk satu data. Jangan ubah baris judul (baris 1)."},
		{"Baris 2 berisi contoh: ganti dengan data sebenarnya atau hapus sebelum mengunggah."},
		{"Kolom bertanda \"teks\" sudah berformat Teks agar kode, NIK, nomor telepon dan tanggal tidak diubah Excel."},
		{"Simpan sebagai .xlsx (disarankan) atau CSV."},
		{},
		{"Kolom", "Keterangan", "Format"},
	}
	for i, h := range header {
		row := []string{h, "", ""}
		if i < len(notes) {
			row[1] = notes[i]
		}
		if isText[i] {
			row[2] = "teks"
		}
		rows = append(rows, row)
	}
	for i, r := range rows {
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &r); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A7", "C7", bold); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 22); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "B", "B", 90)
}
