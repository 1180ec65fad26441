package pdf_test

import (
	"bytes"
	"strings"
	"testing"

	pdfread "github.com/ledongthuc/pdf"
)

// document is a PDF read back through a PDF parser.
type document struct {
	pages []string // the text of each page, white space collapsed
	info  pdfread.Value
}

// text is the text of all pages, white space collapsed.
func (d document) text() string { return strings.Join(d.pages, " ") }

// readPDF parses b as a PDF and extracts the text of every page.
func readPDF(t testing.TB, b []byte) document {
	t.Helper()
	r, err := pdfread.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("parse PDF: %v", err)
	}
	d := document{info: r.Trailer().Key("Info")}
	for i := 1; i <= r.NumPage(); i++ {
		s, err := r.Page(i).GetPlainText(nil)
		if err != nil {
			t.Fatalf("text of page %d: %v", i, err)
		}
		d.pages = append(d.pages, strings.Join(strings.Fields(s), " "))
	}
	return d
}
