package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"

	"tkm"
)

// This file makes the spreadsheets the tests read, byte by byte, so that
// each test says exactly what the file holds.

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	nsRel  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
)

// testStyles has these cell styles (the s attribute): 0 General, 1 date
// (built-in 14), 2 text (@), 3 dd/mm/yyyy, 4 "0000", 5 #,##0" hari" (no
// date), 6 date and time (built-in 22). Its dxf numFmt must not count.
const testStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet ` + nsMain + `><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0000"/><numFmt numFmtId="166" formatCode="#,##0&quot; hari&quot;"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="49"/><xf numFmtId="164"><alignment horizontal="left"/></xf><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="22"/></cellXfs>
<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.00"/></dxf></dxfs></styleSheet>`

// book describes an XLSX file for xlsxBytes.
type testBook struct {
	sheetData string            // the XML inside <sheetData>
	sst       []string          // shared strings, written as <si><t>…</t></si>
	sstXML    string            // or the whole shared-strings part
	workbook  string            // the workbook part, if not the default
	parts     map[string]string // more parts, or replacements
}

// xlsxBytes makes an XLSX file.
func (b testBook) bytes(t testing.TB) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":     `<?xml version="1.0" encoding="UTF-8"?><workbook ` + nsMain + ` ` + nsRel + `><workbookPr/><sheets><sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Lain" sheetId="2" r:id="rId9"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`,
		"xl/styles.xml":            testStyles,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ` + nsMain + ` ` + nsRel + `><dimension ref="A1"/><sheetData>` + b.sheetData + `</sheetData></worksheet>`,
		"xl/worksheets/sheet2.xml": `<worksheet ` + nsMain + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>second sheet</t></is></c></row></sheetData></worksheet>`,
	}
	if b.workbook != "" {
		parts["xl/workbook.xml"] = b.workbook
	}
	sst := b.sstXML
	if sst == "" {
		var s strings.Builder
		fmt.Fprintf(&s, `<?xml version="1.0" encoding="UTF-8"?><sst %s count="%d" uniqueCount="%d">`, nsMain, len(b.sst), len(b.sst))
		for _, x := range b.sst {
			s.WriteString(`<si><t xml:space="preserve">`)
			s.WriteString(escapeXML(x))
			s.WriteString(`</t></si>`)
		}
		s.WriteString(`</sst>`)
		sst = s.String()
	}
	parts["xl/sharedStrings.xml"] = sst
	for k, v := range b.parts {
		if v == "" {
			delete(parts, k)
		} else {
			parts[k] = v
		}
	}
	return zipBytes(t, parts)
}

func escapeXML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// zipBytes zips parts, in name order, stored without compression (the
// fuzz tests make thousands).
func zipBytes(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	names := make([]string, 0, len(parts))
	for k := range parts {
		names = append(names, k)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// openBytes opens a file held in memory.
func openBytes(b []byte, opt Options) (*Reader, error) {
	return Open(bytes.NewReader(b), int64(len(b)), opt)
}

// readAll reads every row of one pass.
func readAll(rd *Reader) ([]Row, error) {
	rs, err := rd.Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var rows []Row
	for rs.Next() {
		r := rs.Row()
		r.Cells = append([]Cell(nil), r.Cells...)
		rows = append(rows, r)
	}
	return rows, rs.Err()
}

// mustRead opens b and reads all its rows.
func mustRead(t testing.TB, b []byte, opt Options) (*Reader, []Row) {
	t.Helper()
	rd, err := openBytes(b, opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { rd.Close() })
	rows, err := readAll(rd)
	if err != nil {
		t.Fatalf("rows: %v", err)
	}
	return rd, rows
}

// texts returns the Text of each cell of each row, "|"-joined.
func texts(rows []Row) []string {
	var out []string
	for _, r := range rows {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
		out = append(out, fmt.Sprintf("%d:%s", r.Number, strings.Join(cells, "|")))
	}
	return out
}

// wantError checks that err is a *tkm.Error with the given code, field
// code and field.
func wantError(t testing.TB, err error, code, fieldCode, field string) *tkm.Error {
	t.Helper()
	var e *tkm.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v, want a *tkm.Error", err)
	}
	if e.Code != code || len(e.Fields) != 1 || e.Fields[0].Code != fieldCode || (field != "" && e.Fields[0].Field != field) {
		t.Fatalf("error = %+v, want code %s, field %q code %s", e, code, field, fieldCode)
	}
	if e.Message == "" || e.English == "" || e.Message == e.English {
		t.Errorf("error %+v: want an Indonesian and an English message", e)
	}
	return e
}
