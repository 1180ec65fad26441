package sheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tkm"
)

func TestXLSXCells(t *testing.T) {
	sst := []string{"nik", "kode_wilayah", " Ketut\u00A0Sugiartä\u200B ", "5103051201900001", "A & B"}
	tests := []struct {
		name string
		xml  string // one cell, at B2
		want Cell
	}{
		{"NIK stored as a number", `<c r="B2"><v>5103051201900001</v></c>`, Cell{Text: "5103051201900001", Raw: "5103051201900001", Number: true}},
		{"NIK as text", `<c r="B2" t="s" s="2"><v>3</v></c>`, Cell{Text: "5103051201900001", Raw: "5103051201900001"}},
		{"code 32.10 that Excel made 32.1", `<c r="B2"><v>32.1</v></c>`, Cell{Text: "32.1", Raw: "32.1", Number: true}},
		{"NIK in scientific notation", `<c r="B2"><v>5.1030512019E+15</v></c>`, Cell{Text: "5.1030512019E+15", Raw: "5.1030512019E+15", Number: true}},
		{"date, built-in format", `<c r="B2" s="1"><v>32874</v></c>`, Cell{Text: "1990-01-01", Raw: "32874", Number: true, Date: true}},
		{"date, dd/mm/yyyy", `<c r="B2" s="3"><v>43788</v></c>`, Cell{Text: "2019-11-19", Raw: "43788", Number: true, Date: true}},
		{"date and time", `<c r="B2" s="6"><v>43788.5</v></c>`, Cell{Text: "2019-11-19 12:00:00", Raw: "43788.5", Number: true, Date: true}},
		{"number with a text format that is no date", `<c r="B2" s="5"><v>12</v></c>`, Cell{Text: "12", Raw: "12", Number: true}},
		{"zero-padded code", `<c r="B2" s="4"><v>5</v></c>`, Cell{Text: "0005", Raw: "5", Number: true}},
		{"style out of range", `<c r="B2" s="99"><v>5</v></c>`, Cell{Text: "5", Raw: "5", Number: true}},
		{"a numeric cell that holds no number", `<c r="B2"><v>5103-0512</v></c>`, Cell{Text: "5103-0512", Raw: "5103-0512"}},
		{"a number Go reads but XLSX does not write", `<c r="B2"><v>0x1p4</v></c>`, Cell{Text: "0x1p4", Raw: "0x1p4"}},
		{"shared string trimmed of NBSP and zero-width", `<c r="B2" t="s"><v>2</v></c>`, Cell{Text: "Ketut\u00A0Sugiartä", Raw: "Ketut\u00A0Sugiartä"}},
		{"shared string with an entity", `<c r="B2" t="s"><v>4</v></c>`, Cell{Text: "A & B", Raw: "A & B"}},
		{"inline string", `<c r="B2" t="inlineStr"><is><t xml:space="preserve">  Made  </t></is></c>`, Cell{Text: "Made", Raw: "Made"}},
		{"inline rich text without phonetics", `<c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t>Wa</t></r><r><t>yan</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>`, Cell{Text: "Wayan", Raw: "Wayan"}},
		{"formula with text result", `<c r="B2" t="str"><f>A1&amp;"x"</f><v>ax</v></c>`, Cell{Text: "ax", Raw: "ax"}},
		{"formula with number result", `<c r="B2"><f>1+1</f><v>2</v></c>`, Cell{Text: "2", Raw: "2", Number: true}},
		{"boolean", `<c r="B2" t="b"><v>1</v></c>`, Cell{Text: "TRUE", Raw: "TRUE"}},
		{"error", `<c r="B2" t="e"><v>#N/A</v></c>`, Cell{Text: "#N/A", Raw: "#N/A"}},
		{"ISO date cell", `<c r="B2" t="d"><v>1990-01-01T00:00:00Z</v></c>`, Cell{Text: "1990-01-01", Raw: "32874", Number: true, Date: true}},
		{"escaped carriage return", `<c r="B2" t="inlineStr"><is><t>a_x000D_b</t></is></c>`, Cell{Text: "a\rb", Raw: "a\rb"}},
		{"CDATA and a comment", `<c r="B2" t="inlineStr"><is><t><![CDATA[<b>]]><!-- c -->&lt;</t></is></c>`, Cell{Text: "<b><", Raw: "<b><"}},
		{"namespace prefix", `<x:c r="B2" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c>`, Cell{Text: "p", Raw: "p"}},
		{"single-quoted attributes and a > in one", `<c r='B2' t='inlineStr' x='a>b'><is><t>q</t></is></c>`, Cell{Text: "q", Raw: "q"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := testBook{sst: sst, sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2">` + tt.xml + `</row>`}
			rd, rows := mustRead(t, b.bytes(t), Options{})
			if rd.Format() != XLSX {
				t.Errorf("Format = %q", rd.Format())
			}
			if len(rows) != 2 || rows[1].Number != 2 || len(rows[1].Cells) != 2 {
				t.Fatalf("rows = %q", texts(rows))
			}
			if got := rows[1].Cells[1]; got != tt.want {
				t.Errorf("cell = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestXLSXLayout(t *testing.T) {
	tests := []struct {
		name string
		b    testBook
		want []string
	}{
		{"gaps, blank rows and cells without references", testBook{sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1"><v>3</v></c></row>` +
			`<row r="2" s="4" customFormat="1"/><row r="3"><c r="A3" s="2"/><c r="B3" t="s"/></row><row r="5"><c><v>1</v></c><c><v>2</v></c></row><row><c r="B6"><v>6</v></c></row>`},
			[]string{"1:a||3", "5:1|2", "6:|6"}},
		{"the first sheet in the workbook's order", testBook{workbook: `<workbook ` + nsMain + ` ` + nsRel + `><sheets><sheet name="Second" sheetId="2" r:id="rId9"/><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`},
			[]string{"1:second sheet"}},
		{"empty sheet", testBook{}, nil},
		{"sheet without sheetData", testBook{parts: map[string]string{"xl/worksheets/sheet1.xml": `<worksheet ` + nsMain + `/>`}}, nil},
		{"no shared strings, no styles", testBook{sheetData: `<row r="1"><c r="A1" s="1"><v>1</v></c></row>`, parts: map[string]string{"xl/sharedStrings.xml": "", "xl/styles.xml": ""}},
			[]string{"1:1"}},
		{"shared strings with rich text and phonetics", testBook{sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`,
			sstXML: `<sst ` + nsMain + `><si><r><t>Gus</t></r><r><rPr/><t xml:space="preserve"> Tu</t></r><rPh><t>ignored</t></rPh><phoneticPr fontId="0"/></si><si><t/></si></sst>`},
			[]string{"1:Gus Tu"}},
		{"prefixed namespaces everywhere", testBook{parts: map[string]string{"xl/worksheets/sheet1.xml": `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`}},
			[]string{"1:7"}},
		{"elements before and after the rows", testBook{parts: map[string]string{"xl/worksheets/sheet1.xml": `<worksheet ` + nsMain + `><sheetPr><tabColor rgb="FF0000"/></sheetPr><cols><col min="1" max="3" width="20"/></cols><sheetData><row r="1"><c r="A1"><v>7</v><extLst><ext><x>1</x></ext></extLst></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`}},
			[]string{"1:7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rows := mustRead(t, tt.b.bytes(t), Options{})
			if got := texts(rows); !slices.Equal(got, tt.want) {
				t.Errorf("rows = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestXLSXDate1904 checks the date system of old Mac workbooks.
func TestXLSXDate1904(t *testing.T) {
	b := testBook{
		workbook:  `<workbook ` + nsMain + ` ` + nsRel + `><workbookPr date1904="1"/><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		sheetData: `<row r="1"><c r="A1" s="1"><v>31412</v></c></row>`,
	}
	_, rows := mustRead(t, b.bytes(t), Options{})
	if c := rows[0].Cells[0]; c.Text != "1990-01-01" || c.Raw != "31412" || !c.Date {
		t.Errorf("cell = %+v", c)
	}
}

// TestSerialText checks the date of a serial against excelize's.
func TestSerialText(t *testing.T) {
	for _, serial := range []float64{1, 59, 61, 367, 25569, 32874, 43788, 43788.25, 43788.999999, 2958465} {
		for _, date1904 := range []bool{false, true} {
			got, ok := serialText(nil, []byte(fmt.Sprint(serial)), date1904)
			if date1904 && serial > 2957003 { // past 9999-12-31
				if ok {
					t.Errorf("serial %v (1904) = %s, want none", serial, got)
				}
				continue
			}
			want, err := excelize.ExcelDateToTime(serial, date1904)
			if !ok || err != nil {
				t.Fatalf("%v %v: %v %v", serial, date1904, ok, err)
			}
			layout := time.DateTime
			if len(got) == len(time.DateOnly) {
				layout = time.DateOnly
			}
			if w := want.Round(time.Second).Format(layout); string(got) != w {
				t.Errorf("serial %v (1904: %v) = %s, want %s", serial, date1904, got, w)
			}
		}
	}
}

func TestIsDateCode(t *testing.T) {
	for code, want := range map[string]bool{
		"dd/mm/yyyy": true, "[$-421]dd mmmm yyyy;@": true, "d-mmm-yy": true, "h:mm": true, "[h]:mm:ss": true, "yyyy\\-mm\\-dd": true,
		"General": false, "0": false, "0.00E+00": false, "@": false, `#,##0" hari"`: false, "[Red]0.00": false, `[$Rp-421]#,##0`: false, "0;[Red]-0;\"d\"": false,
	} {
		if got := isDateCode(code); got != want {
			t.Errorf("isDateCode(%q) = %v", code, got)
		}
	}
}

// TestXLSXFromExcelize reads a file that excelize writes, as other systems'
// exports are written.
func TestXLSXFromExcelize(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	textStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	rows := [][]any{
		{"nik", "kode_wilayah", "nama", "tanggal_lahir", "nik_teks"},
		{int64(5103051201900001), 32.1, "  Ni Luh Putu\u00A0", time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC), "5103051201900002"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	f.SetCellStyle("Sheet1", "D2", "D2", dateStyle)
	f.SetCellStyle("Sheet1", "E2", "E2", textStyle)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, got := mustRead(t, buf.Bytes(), Options{})
	want := []Cell{
		{Text: "5103051201900001", Raw: "5103051201900001", Number: true},
		{Text: "32.1", Raw: "32.1", Number: true},
		{Text: "Ni Luh Putu", Raw: "Ni Luh Putu"},
		{Text: "1990-05-17", Raw: "33010", Number: true, Date: true},
		{Text: "5103051201900002", Raw: "5103051201900002"},
	}
	if len(got) != 2 || !slices.Equal(got[1].Cells, want) {
		t.Errorf("row 2 = %+v\nwant %+v", got[1].Cells, want)
	}
}

func TestXLSXRefused(t *testing.T) {
	row := func(n int, cells string) string { return fmt.Sprintf(`<row r="%d">%s</row>`, n, cells) }
	good := testBook{sheetData: row(1, `<c r="A1"><v>1</v></c>`)}.bytes(t)
	tests := []struct {
		name            string
		file            []byte
		opt             Options
		code, fieldCode string
		field           string
	}{
		{"truncated", good[:len(good)/2], Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"truncated sheet XML", testBook{parts: map[string]string{"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v>`}}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"too many columns", testBook{sheetData: row(3, `<c r="C3"><v>1</v></c>`)}.bytes(t), Options{MaxCols: 2}, tkm.EINVALID, CodeTooManyColumns, "row 3"},
		{"a styled empty cell far right is fine, a value is not", testBook{sheetData: row(1, `<c r="XFC1" s="2"/><c r="XFD1" t="inlineStr"><is><t>x</t></is></c>`)}.bytes(t), Options{}, tkm.EINVALID, CodeTooManyColumns, "row 1"},
		{"too many rows", testBook{sheetData: row(1, `<c><v>1</v></c>`) + row(4, `<c><v>1</v></c>`)}.bytes(t), Options{MaxRows: 3}, tkm.ETOOLARGE, CodeTooManyRows, "row 4"},
		{"row past Excel's last", testBook{sheetData: row(1048577, `<c><v>1</v></c>`)}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"rows out of order", testBook{sheetData: row(2, ``) + row(1, ``)}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"cells out of order", testBook{sheetData: row(1, `<c r="B1"><v>1</v></c><c r="A1"><v>1</v></c>`)}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"bad cell reference", testBook{sheetData: row(1, `<c r="1A"><v>1</v></c>`)}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"shared string out of range", testBook{sst: []string{"a"}, sheetData: row(1, `<c t="s"><v>1</v></c>`)}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"shared string too long", testBook{sst: []string{strings.Repeat("x", 101)}, sheetData: row(7, `<c r="B7" t="s"><v>0</v></c>`)}.bytes(t), Options{MaxCellBytes: 100}, tkm.EINVALID, CodeCellTooLong, "row 7"},
		{"inline string too long", testBook{sheetData: row(7, `<c t="inlineStr"><is><t>`+strings.Repeat("x", 60)+`</t><t>`+strings.Repeat("x", 60)+`</t></is></c>`)}.bytes(t), Options{MaxCellBytes: 100}, tkm.EINVALID, CodeCellTooLong, "row 7"},
		{"number too long", testBook{sheetData: row(7, `<c><v>`+strings.Repeat("1", 200)+`</v></c>`)}.bytes(t), Options{MaxCellBytes: 100}, tkm.EINVALID, CodeCellTooLong, "row 7"},
		{"DTD", testBook{parts: map[string]string{"xl/worksheets/sheet1.xml": `<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>`}}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"unknown entity", testBook{sheetData: row(1, `<c t="inlineStr"><is><t>&lol;</t></is></c>`)}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"giant tag", testBook{sheetData: row(1, `<c r="A1" x="`+strings.Repeat("x", maxTag)+`"/>`)}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"no workbook: a zip of something else", zipBytes(t, map[string]string{"word/document.xml": "<w/>"}), Options{}, tkm.EINVALID, CodeFileType, "file"},
		{"OpenDocument", zipBytes(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), Options{}, tkm.EINVALID, CodeFileType, "file"},
		{"first sheet is a chart", testBook{parts: map[string]string{"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="worksheets/sheet1.xml"/></Relationships>`}}.bytes(t), Options{}, tkm.EINVALID, CodeFileType, "file"},
		{"first sheet missing", testBook{parts: map[string]string{"xl/worksheets/sheet1.xml": ""}}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"workbook without sheets", testBook{workbook: `<workbook ` + nsMain + `><sheets/></workbook>`}.bytes(t), Options{}, tkm.EINVALID, CodeFileCorrupt, "file"},
		{"too large", good, Options{MaxBytes: int64(len(good) - 1)}, tkm.ETOOLARGE, CodeFileTooLarge, "file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := openBytes(tt.file, tt.opt)
			if err == nil {
				_, err = readAll(rd)
				rd.Close()
			}
			wantError(t, err, tt.code, tt.fieldCode, tt.field)
		})
	}
}

// TestXLSXTooManyRowsStops checks that a sheet of many rows is refused at
// the first row past the limit.
func TestXLSXTooManyRowsStops(t *testing.T) {
	var sd strings.Builder
	for i := 1; i <= 5000; i++ {
		fmt.Fprintf(&sd, `<row r="%d"><c><v>%d</v></c></row>`, i, i)
	}
	rd, err := openBytes(testBook{sheetData: sd.String()}.bytes(t), Options{MaxRows: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	rs, _ := rd.Rows()
	n := 0
	for rs.Next() {
		n++
	}
	if n != 100 || tkm.ErrorCode(rs.Err()) != tkm.ETOOLARGE {
		t.Errorf("read %d rows, err %v; want 100 and too large", n, rs.Err())
	}
}

// rawPart is a zip entry written as is, with the sizes it declares.
type rawPart struct {
	name               string
	data               []byte // deflated
	crc                uint32
	size, declaredSize uint64
}

// deflated compresses n copies of b.
func deflated(t testing.TB, b []byte, n int) rawPart {
	t.Helper()
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestCompression)
	h := crc32.NewIEEE()
	for range n {
		w.Write(b)
		h.Write(b)
	}
	w.Close()
	size := uint64(len(b) * n)
	return rawPart{data: out.Bytes(), crc: h.Sum32(), size: size, declaredSize: size}
}

// withRawPart returns the good test book with one part replaced by p.
func withRawPart(t testing.TB, p rawPart) []byte {
	t.Helper()
	src, err := zip.NewReader(bytes.NewReader(testBook{}.bytes(t)), int64(len(testBook{}.bytes(t))))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range src.File {
		if f.Name == p.name {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.crc,
		CompressedSize64: uint64(len(p.data)), UncompressedSize64: p.declaredSize})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(p.data)
	zw.Close()
	return buf.Bytes()
}

// TestZipBombs checks that parts that inflate too much are refused before
// they are inflated, with next to no memory.
func TestZipBombs(t *testing.T) {
	spaces := deflated(t, bytes.Repeat([]byte(" "), 1<<20), 64) // 64 MB in about 64 KB
	claims := deflated(t, []byte("<worksheet><sheetData/></worksheet>"), 1)
	claims.declaredSize = 8 << 30 // a 1 KB file that says it holds 8 GB
	lies := deflated(t, bytes.Repeat([]byte(" "), 1<<20), 1)
	lies.declaredSize = 100 // inflates past what it declares
	tests := []struct {
		name      string
		part      string
		p         rawPart
		fieldCode string
	}{
		{"sheet inflating 1000 times", "xl/worksheets/sheet1.xml", spaces, CodeFileTooLarge},
		{"shared strings inflating 1000 times", "xl/sharedStrings.xml", spaces, CodeFileTooLarge},
		{"styles inflating 1000 times", "xl/styles.xml", spaces, CodeFileTooLarge},
		{"sheet claiming 8 GB", "xl/worksheets/sheet1.xml", claims, CodeFileTooLarge},
		{"sheet inflating past its declared size", "xl/worksheets/sheet1.xml", lies, CodeFileCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.p.name = tt.part
			file := withRawPart(t, tt.p)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			rd, err := openBytes(file, Options{})
			if err == nil {
				_, err = readAll(rd)
				rd.Close()
			}
			runtime.ReadMemStats(&after)
			code := tkm.ETOOLARGE
			if tt.fieldCode == CodeFileCorrupt {
				code = tkm.EINVALID
			}
			wantError(t, err, code, tt.fieldCode, "file")
			alloc := after.TotalAlloc - before.TotalAlloc
			if alloc > 4<<20 {
				t.Errorf("allocated %d KB to refuse a %d KB file", alloc>>10, len(file)>>10)
			}
			t.Logf("a %d KB file declaring %d MB: refused with %d KB allocated", len(file)>>10, tt.p.declaredSize>>20, alloc>>10)
		})
	}
}

// TestUnreadPartBomb checks that a bomb in a part the reader has no use for
// (excelize would read it into memory) costs nothing.
func TestUnreadPartBomb(t *testing.T) {
	p := deflated(t, bytes.Repeat([]byte{0}, 1<<20), 64)
	p.name = "xl/media/image1.png"
	file := withRawPart(t, p)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := openBytes(file, Options{}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("allocated %d KB", alloc>>10)
	}
}

// TestZipDirectoryTooLong checks that a zip of very many parts is refused
// before its directory is held in memory.
func TestZipDirectoryTooLong(t *testing.T) {
	parts := map[string]string{}
	for i := range 40_000 {
		parts[fmt.Sprintf("xl/media/%040d.bin", i)] = ""
	}
	_, err := openBytes(zipBytes(t, parts), Options{})
	wantError(t, err, tkm.EINVALID, CodeFileCorrupt, "file")
}

func TestReaderClose(t *testing.T) {
	// Enough strings to spill to a temporary file.
	sst := make([]string, 0, 100_000)
	var sd strings.Builder
	for i := range cap(sst) {
		sst = append(sst, fmt.Sprintf("nama anggota %07d %s", i, strings.Repeat("x", 80)))
	}
	for i := 1; i <= 1000; i++ {
		fmt.Fprintf(&sd, `<row r="%d"><c t="s"><v>%d</v></c><c t="s"><v>%d</v></c></row>`, i, i*99, i*99+1)
	}
	rd, rows := mustRead(t, testBook{sst: sst, sheetData: sd.String()}.bytes(t), Options{})
	if rd.book.sst.data.file == nil {
		t.Fatal("strings were not spilled to disk")
	}
	if got := rows[999].Cells; got[0].Text[:20] != "nama anggota 0099000" || got[1].Text[:20] != "nama anggota 0099001" {
		t.Errorf("row 1000 = %+v", got)
	}
	if err := rd.Close(); err != nil {
		t.Fatal(err)
	}
	if err := rd.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Rows(); err == nil {
		t.Error("Rows after Close: no error")
	}
}

// TestReplay checks that later passes over an XLSX replay the first one
// exactly, its ending error included, and that a pass cut short is not
// replayed.
func TestReplay(t *testing.T) {
	var sd strings.Builder
	for i := 1; i <= 300; i++ {
		fmt.Fprintf(&sd, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" s="1"><v>32874.5</v></c><c r="D%d" t="inlineStr"><is><t>Nama %d</t></is></c></row>`, 2*i, 2*i, i, 2*i, 2*i, i)
	}
	sd.WriteString(`<row r="700"><c r="A700" t="inlineStr"><is><t>` + strings.Repeat("x", 200) + `</t></is></c></row>`)
	rd, err := openBytes(testBook{sheetData: sd.String()}.bytes(t), Options{MaxCellBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	// A pass cut short records nothing.
	rs, _ := rd.Rows()
	rs.Next()
	rs.Close()
	if rd.cache.state != cacheEmpty {
		t.Fatalf("cache state %d after a pass cut short", rd.cache.state)
	}
	first, err1 := readAll(rd)
	if rd.cache.state != cacheComplete {
		t.Fatalf("cache state %d after a full pass", rd.cache.state)
	}
	second, err2 := readAll(rd)
	if len(first) != 300 || !slices.EqualFunc(first, second, func(a, b Row) bool { return a.Number == b.Number && slices.Equal(a.Cells, b.Cells) }) {
		t.Errorf("passes differ: %d and %d rows", len(first), len(second))
	}
	if first[299].Cells[1] != (Cell{Text: "1990-01-01 12:00:00", Raw: "32874.5", Number: true, Date: true}) {
		t.Errorf("replayed cell = %+v", first[299].Cells[1])
	}
	wantError(t, err1, tkm.EINVALID, CodeCellTooLong, "row 700")
	if err2 != err1 {
		t.Errorf("second pass ends with %v, want %v", err2, err1)
	}
}

// TestReplayOutlivesReader checks that a pass goes on after its Reader is
// dropped without Close (which the cleanup of its files must not break)
// and that the files are let go of afterwards.
func TestReplayOutlivesReader(t *testing.T) {
	var sd strings.Builder
	for i := 1; i <= 40_000; i++ {
		fmt.Fprintf(&sd, `<row r="%d"><c t="inlineStr"><is><t>%0250d</t></is></c></row>`, i, i)
	}
	rd, err := openBytes(testBook{sheetData: sd.String()}.bytes(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readAll(rd); err != nil {
		t.Fatal(err)
	}
	if rd.cache.data.file == nil {
		t.Fatal("the recorded rows are not in a file")
	}
	rs, err := rd.Rows()
	if err != nil {
		t.Fatal(err)
	}
	rd = nil
	runtime.GC()
	runtime.GC()
	n := 0
	for rs.Next() {
		n++
	}
	if n != 40_000 || rs.Err() != nil {
		t.Errorf("replayed %d rows, %v", n, rs.Err())
	}
}
