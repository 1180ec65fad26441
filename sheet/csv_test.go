package sheet

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"tkm"
)

func TestCSV(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []string
		notes int
	}{
		{"comma", "nik,nama\n5103051201900001,Ketut\n", []string{"1:nik|nama", "2:5103051201900001|Ketut"}, 0},
		{"semicolon from Indonesian Excel", "nik;nama;alamat\r\n5103051201900001;Ketut;Jl. Raya, Kuta\r\n", []string{"1:nik|nama|alamat", "2:5103051201900001|Ketut|Jl. Raya, Kuta"}, 0},
		{"tab", "nik\tnama\n1\tA,B\n", []string{"1:nik|nama", "2:1|A,B"}, 0},
		{"sep line", "sep=;\nnik;nama\n1;A,B\n", []string{"1:nik|nama", "2:1|A,B"}, 0},
		{"BOM", "\xEF\xBB\xBFnik,nama\n1,A\n", []string{"1:nik|nama", "2:1|A"}, 0},
		{"CRLF", "a,b\r\n1,2\r\n", []string{"1:a|b", "2:1|2"}, 0},
		{"CR of old Mac", "a,b\r1,2\r", []string{"1:a|b", "2:1|2"}, 0},
		{"no final newline", "a,b\n1,2", []string{"1:a|b", "2:1|2"}, 0},
		{"quotes", "a,b\n\"x, \"\"y\"\"\",\"multi\r\nline\"\n3,4\n", []string{"1:a|b", "2:x, \"y\"|multi\r\nline", "3:3|4"}, 0},
		{"text after closing quote kept, as Excel does", "a\n\"12\"34\n", []string{"1:a", "2:1234"}, 0},
		{"bare quote inside a cell", "a,b\nJl. \"Mawar\" 5,x\n", []string{"1:a|b", "2:Jl. \"Mawar\" 5|x"}, 0},
		{"blank rows skipped, numbers kept", "a,b\n\n , \n1,2\n", []string{"1:a|b", "4:1|2"}, 0},
		{"trailing empty cells", "a,b,,\n1,,,\n", []string{"1:a|b", "2:1"}, 0},
		{"spaces, NBSP and zero-width trimmed", "a,b\n \u00A05103 0512\u200B ,\t\uFEFFx\u2060\n", []string{"1:a|b", "2:5103 0512|x"}, 0},
		{"Windows-1252", "nama\nKetut Sugiart\xE4\n", []string{"1:nama", "2:Ketut Sugiartä"}, 1},
		{"UTF-16 from Excel's Unicode Text", "\xFF\xFEa\x00\t\x00b\x00\n\x001\x00\t\x00\xE4\x00\n\x00", []string{"1:a|b", "2:1|ä"}, 1},
		{"UTF-8 split across the scan's chunks", splitRune, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{MaxCellBytes: 1<<16 - 2}
			rd, rows := mustRead(t, []byte(tt.in), opt)
			if rd.Format() != CSV {
				t.Errorf("Format = %q", rd.Format())
			}
			if got := texts(rows); tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("rows = %q, want %q", got, tt.want)
			}
			if len(rd.Notes()) != tt.notes {
				t.Errorf("Notes = %q, want %d", rd.Notes(), tt.notes)
			}
			for _, r := range rows {
				for _, c := range r.Cells {
					if c.Number || c.Date || c.Raw != c.Text {
						t.Errorf("cell %+v: a CSV cell is text", c)
					}
				}
			}
		})
	}
}

// splitRune is a CSV whose "é" straddles the first 1 MB chunk that Open
// scans.
var splitRune = strings.Repeat("x\n", (1<<20-1)/2) + "xé\n" // é at byte 1<<20 - 1

func TestCSVWindows1252Note(t *testing.T) {
	rd, _ := mustRead(t, []byte("nama\nKetut Sugiart\xE4\n"), Options{})
	if n := rd.Notes(); len(n) != 1 || !strings.Contains(n[0], "Windows-1252") {
		t.Errorf("Notes = %q", n)
	}
}

func TestCSVRefused(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name            string
		in              string
		opt             Options
		code, fieldCode string
		field           string
	}{
		{"unterminated quote", "a,b\n1,2\n3,\"oops\n4,5\n", Options{}, tkm.EINVALID, CodeQuote, "row 3"},
		{"unclosed quote stops at the cell limit", "a\n\"" + strings.Repeat("x\n", 100), Options{MaxCellBytes: 50}, tkm.EINVALID, CodeCellTooLong, "row 2"},
		{"too many columns", "a,b\n1,2,3\n", Options{MaxCols: 2}, tkm.EINVALID, CodeTooManyColumns, "row 2"},
		{"cell too long", "a\n" + long + "\n", Options{MaxCellBytes: 99}, tkm.EINVALID, CodeCellTooLong, "row 2"},
		{"too many rows", strings.Repeat("a\n", 11), Options{MaxRows: 10}, tkm.ETOOLARGE, CodeTooManyRows, "row 11"},
		{"line far too long", "a\n" + strings.Repeat(",", 200<<10) + "\n", Options{MaxCols: 2, MaxCellBytes: 10}, tkm.EINVALID, CodeRowTooLong, "row 2"},
		{"too large", "a\n1\n", Options{MaxBytes: 3}, tkm.ETOOLARGE, CodeFileTooLarge, "file"},
		{"empty", "", Options{}, tkm.EINVALID, CodeFileEmpty, "file"},
		{"PDF", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n", Options{}, tkm.EINVALID, CodeFileType, "file"},
		{"binary with NUL bytes", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Options{}, tkm.EINVALID, CodeFileType, "file"},
		{"NUL late in the file", "a,b\n" + strings.Repeat("1,2\n", 300000) + "\x00", Options{}, tkm.EINVALID, CodeFileType, "file"},
		{"HTML saved as .xls", "<html><table><tr><td>1</td></tr></table></html>", Options{}, tkm.EINVALID, CodeFileType, "file"},
		{"old .xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", Options{}, tkm.EINVALID, CodeFileType, "file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := openBytes([]byte(tt.in), tt.opt)
			if err == nil {
				_, err = readAll(rd)
			}
			wantError(t, err, tt.code, tt.fieldCode, tt.field)
		})
	}
}

// TestCSVTooManyRowsStops checks that rows are refused as soon as the limit
// is passed, not after reading the whole file.
func TestCSVTooManyRowsStops(t *testing.T) {
	rd, err := openBytes([]byte(strings.Repeat("a\n", 1000)), Options{MaxRows: 100})
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := rd.Rows()
	n := 0
	for rs.Next() {
		n++
	}
	if n != 100 || tkm.ErrorCode(rs.Err()) != tkm.ETOOLARGE {
		t.Errorf("read %d rows, err %v; want 100 and too large", n, rs.Err())
	}
}

func TestTwoPasses(t *testing.T) {
	files := map[string][]byte{
		"csv": []byte("a;b\n1;2\n\n3;4\n"),
		"xlsx": testBook{
			sst:       []string{"a", "b"},
			sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`,
		}.bytes(t),
	}
	for name, b := range files {
		t.Run(name, func(t *testing.T) {
			rd, first := mustRead(t, b, Options{})
			second, err := readAll(rd)
			if err != nil {
				t.Fatal(err)
			}
			if len(first) < 2 || !slices.Equal(texts(first), texts(second)) {
				t.Errorf("first pass %q, second %q", texts(first), texts(second))
			}
		})
	}
}

// TestRowReuse checks that a row's strings stay valid after Next.
func TestRowReuse(t *testing.T) {
	rd, err := openBytes([]byte("a\nb\nc\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := rd.Rows()
	var kept []string
	for rs.Next() {
		kept = append(kept, rs.Row().Cells[0].Text)
	}
	if !slices.Equal(kept, []string{"a", "b", "c"}) {
		t.Errorf("kept %q", kept)
	}
}

func TestSniffNeverTrustsName(t *testing.T) {
	// An XLSX is an XLSX whatever it is called, and the reader has no name
	// to trust anyway; a CSV that starts with "PK" is refused as a zip.
	_, err := openBytes([]byte("PK\x03\x04,b\n1,2\n"), Options{})
	wantError(t, err, tkm.EINVALID, CodeFileCorrupt, "file")
	if !bytes.HasPrefix(testBook{}.bytes(t), []byte("PK")) {
		t.Fatal("test XLSX is not a zip")
	}
}
