package sheet

import (
	"bytes"

	"tkm"
)

// kind is what the first bytes of a file say it is.
type kind int

const (
	kindText kind = iota // read as CSV
	kindZip              // read as XLSX
	kindOLE              // .xls of Excel 97–2003, or a password-protected XLSX
	kindPDF
	kindMarkup // HTML or XML: what some systems save as ".xls"
	kindBinary // NUL bytes: an image, an executable, …
)

// sniff judges a file by its first bytes.
func sniff(head []byte) kind {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return kindZip
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return kindOLE
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return kindPDF
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if len(text) > 0 && text[0] == '<' {
		return kindMarkup
	}
	return kindText
}

var utf8BOM = []byte("\xEF\xBB\xBF")

// errFileKind explains why a file of kind k is refused and what to do.
func errFileKind(k kind) error {
	switch k {
	case kindOLE:
		return fileError(tkm.EINVALID, CodeFileType,
			"File ini berformat Excel lama (.xls) atau dilindungi kata sandi. Buka di Excel, lalu simpan sebagai .xlsx tanpa kata sandi.",
			"This file is in the old Excel format (.xls) or protected by a password. Open it in Excel and save it as .xlsx without a password.")
	case kindMarkup:
		return fileError(tkm.EINVALID, CodeFileType,
			"File ini berisi HTML/XML, bukan CSV atau XLSX. Buka di Excel, lalu simpan sebagai .xlsx.",
			"This file holds HTML/XML, not CSV or XLSX. Open it in Excel and save it as .xlsx.")
	}
	return errNotSpreadsheet()
}

func errNotSpreadsheet() error {
	return fileError(tkm.EINVALID, CodeFileType,
		"File ini bukan file CSV atau XLSX.",
		"This file is not a CSV or XLSX file.")
}
