package sheet

import (
	"fmt"
	"strconv"
	"strings"

	"tkm"
)

// Codes of the FieldError in every *tkm.Error this package returns.
const (
	CodeFileEmpty      = "file_empty"         // nothing in the file (EINVALID)
	CodeFileTooLarge   = "file_too_large"     // over Options.MaxBytes, or inflates too much (ETOOLARGE)
	CodeFileType       = "file_type"          // not a CSV or XLSX file (EINVALID)
	CodeFileCorrupt    = "file_corrupt"       // a damaged XLSX (EINVALID)
	CodeTooManyRows    = "too_many_rows"      // a row past Options.MaxRows (ETOOLARGE)
	CodeTooManyColumns = "too_many_columns"   // a value past Options.MaxCols (EINVALID)
	CodeCellTooLong    = "cell_too_long"      // a cell over Options.MaxCellBytes (EINVALID)
	CodeQuote          = "unterminated_quote" // a CSV quote never closed (EINVALID)
	CodeRowTooLong     = "row_too_long"       // a CSV line far longer than any valid row (EINVALID)
)

// RowField names row n in a FieldError: "row 12". ParseRowField reverses it.
func RowField(n int) string { return "row " + strconv.Itoa(n) }

// ParseRowField returns the row number of a FieldError.Field made by RowField.
func ParseRowField(field string) (int, bool) {
	s, ok := strings.CutPrefix(field, "row ")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// fileError returns an error about the file as a whole. The same message
// heads the error and its one field.
func fileError(code, fieldCode, id, en string) *tkm.Error {
	return &tkm.Error{
		Code:    code,
		Message: id,
		English: en,
		Fields:  []tkm.FieldError{{Field: "file", Code: fieldCode, Message: id, English: en}},
	}
}

// rowError returns an error about row n.
func rowError(code, fieldCode string, n int, id, en string) *tkm.Error {
	e := fileError(code, fieldCode, id, en)
	e.Fields[0].Field = RowField(n)
	return e
}

func errFileTooLarge(max int64) error {
	return fileError(tkm.ETOOLARGE, CodeFileTooLarge,
		fmt.Sprintf("File terlalu besar: paling besar %s MB.", tkm.FormatNumber(max>>20)),
		fmt.Sprintf("The file is too large: at most %d MB.", max>>20))
}

func errInflates(part string) error {
	return fileError(tkm.ETOOLARGE, CodeFileTooLarge,
		fmt.Sprintf("Isi file XLSX (%s) terlalu besar setelah dibuka; file seperti ini tidak dibaca.", part),
		fmt.Sprintf("The XLSX file's content (%s) inflates too much; such a file is not read.", part))
}

func errCorrupt(what string) error {
	return fileError(tkm.EINVALID, CodeFileCorrupt,
		"File XLSX rusak atau tidak lengkap ("+what+"). Buka di Excel, lalu simpan ulang sebagai .xlsx.",
		"The XLSX file is damaged or incomplete ("+what+"). Open it in Excel and save it again as .xlsx.")
}

func errTooManyRows(n, max int) error {
	return rowError(tkm.ETOOLARGE, CodeTooManyRows, n,
		fmt.Sprintf("File berisi lebih dari %s baris.", tkm.FormatNumber(int64(max))),
		fmt.Sprintf("The file has more than %d rows.", max))
}

func errTooManyCols(n, col, max int) error {
	return rowError(tkm.EINVALID, CodeTooManyColumns, n,
		fmt.Sprintf("Baris %d berisi data di kolom %s, di luar batas %d kolom. Hapus isi di luar tabel.", n, ColumnName(col), max),
		fmt.Sprintf("Row %d has data in column %s, past the limit of %d columns. Delete what lies outside the table.", n, ColumnName(col), max))
}

func errCellTooLong(n, col, max int, quoted bool) error {
	id := fmt.Sprintf("Sel %s%d lebih dari %d byte.", ColumnName(col), n, max)
	en := fmt.Sprintf("Cell %s%d is longer than %d bytes.", ColumnName(col), n, max)
	if quoted {
		id += ` Mungkin ada tanda kutip (") yang tidak ditutup.`
		en += ` Perhaps a quote (") was never closed.`
	}
	return rowError(tkm.EINVALID, CodeCellTooLong, n, id, en)
}

// ColumnName returns the letters Excel shows for the 0-based column i: A, B,
// …, Z, AA.
func ColumnName(i int) string {
	var b [8]byte
	p := len(b)
	for i++; i > 0 && p > 0; i = (i - 1) / 26 {
		p--
		b[p] = byte('A' + (i-1)%26)
	}
	return string(b[p:])
}
