package sheet

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tkm"
)

var (
	testHeader = []string{"ref_kelompok", "kode_wilayah", "nik", "nama", "telepon", "alamat", "catatan"}
	testRows   = [][]string{
		{"G-001", "32.10", "5103051201900001", "Ketut Sugiartä", "+6281234567890", `Jl. "Mawar" 5, Kuta` + "\r\nBadung", "=HYPERLINK(\"http://x\")"},
		{"G-001", "51.03.05.2001", "0103051201900002", " Ni Luh ", "081234567890", "", "a_x000D_b\x01c<&>"},
		{"G-002", "", "", "", "", "", "-2+3"},
	}
	testText = []int{1, 2, 4}
)

func writeFile(t testing.TB, format string, header []string, rows [][]string, text ...int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, format, header, text...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriterRoundTrip(t *testing.T) {
	for _, format := range []string{CSV, XLSX} {
		t.Run(format, func(t *testing.T) {
			rd, rows := mustRead(t, writeFile(t, format, testHeader, testRows, testText...), Options{})
			if rd.Format() != format {
				t.Errorf("Format = %s", rd.Format())
			}
			want := append([][]string{testHeader}, testRows...)
			if len(rows) != len(want) {
				t.Fatalf("rows = %q", texts(rows))
			}
			for i, r := range rows {
				got := make([]string, len(want[i]))
				for j, c := range r.Cells {
					got[j] = c.Text
					if c.Number || c.Raw != c.Text {
						t.Errorf("row %d cell %d = %+v, want text", i+1, j, c)
					}
				}
				exp := slices.Clone(want[i])
				for j := range exp {
					exp[j] = string(trim([]byte(exp[j])))
					if format == CSV {
						exp[j] = defuse(exp[j])
					}
				}
				if r.Number != i+1 || !slices.Equal(got, exp) {
					t.Errorf("row %d = %q, want %q", r.Number, got, exp)
				}
			}
		})
	}
}

func TestWriterCSVBytes(t *testing.T) {
	got := string(writeFile(t, CSV, []string{"a", "b"}, [][]string{{"1", "x,y"}, {"=1+1", "+62812"}}))
	want := "\xEF\xBB\xBFa,b\r\n1,\"x,y\"\r\n'=1+1,+62812\r\n"
	if got != want {
		t.Errorf("CSV = %q, want %q", got, want)
	}
}

func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "Ketut": "Ketut", "=SUM(A1)": "'=SUM(A1)", "@cmd": "'@cmd", "+6281234567890": "+6281234567890",
		"-5": "-5", "-1.5": "-1.5", "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0", "-2+3": "'-2+3", "\tx": "'\tx",
	} {
		if got := defuse(in); got != want {
			t.Errorf("defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWriterXLSXInExcelize checks the file through excelize: values as
// inline text, bold frozen header, widths, Text format on text columns.
func TestWriterXLSXInExcelize(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeFile(t, XLSX, testHeader, testRows, testText...)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Data"}) {
		t.Errorf("sheets = %q", got)
	}
	rows, err := f.GetRows("Data")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[1][2] != "5103051201900001" || rows[1][1] != "32.10" || rows[2][2] != "0103051201900002" || rows[2][6] != "a_x000D_b\x01c<&>" {
		t.Errorf("rows = %q", rows)
	}
	if typ, _ := f.GetCellType("Data", "C2"); typ != excelize.CellTypeInlineString {
		t.Errorf("C2 type = %v", typ)
	}
	panes, _ := f.GetPanes("Data")
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v", panes)
	}
	if w, _ := f.GetColWidth("Data", "C"); w != 20 {
		t.Errorf("width of C = %v", w)
	}
	if w, _ := f.GetColWidth("Data", "A"); w != 16 {
		t.Errorf("width of A = %v", w)
	}
	style := func(cell string) *excelize.Style {
		id, err := f.GetCellStyle("Data", cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := style("A1"); s.Font == nil || !s.Font.Bold {
		t.Errorf("header style = %+v", s)
	}
	for _, cell := range []string{"C2", "B3", "C900"} {
		if s := style(cell); s.NumFmt != 49 {
			t.Errorf("%s number format = %d, want 49 (text)", cell, s.NumFmt)
		}
	}
	if s := style("D2"); s.NumFmt == 49 {
		t.Errorf("D2 (a name) is formatted as text")
	}
}

func TestWriterRefused(t *testing.T) {
	if _, err := NewWriter(&bytes.Buffer{}, "ods", nil); err == nil {
		t.Error("NewWriter(ods): no error")
	}
	w, err := NewWriter(&bytes.Buffer{}, XLSX, []string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{strings.Repeat("ä", 32768)}); tkm.ErrorCode(err) != tkm.EINVALID {
		t.Errorf("cell over 32,767 characters: %v", err)
	}
	w.n, w.x.row = maxExcelRows, maxExcelRows
	if err := w.Write([]string{"x"}); tkm.ErrorCode(err) != tkm.ETOOLARGE {
		t.Errorf("row 1,048,577: %v", err)
	}
}

func TestTemplate(t *testing.T) {
	header := []string{"ref_kelompok", "nama", "nik", "tanggal_lahir"}
	example := []string{"KLP-01", "Ni Luh Putu", "5103051201900001", "1990-05-17"}
	notes := []string{"Kode kelompok Anda", "Nama sesuai KTP", "16 digit", "YYYY-MM-DD"}
	var buf bytes.Buffer
	if err := Template(&buf, header, example, notes, []int{0, 2, 3}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Data", "Petunjuk"}) {
		t.Errorf("sheets = %q", got)
	}
	numFmt := func(cell string) int {
		id, _ := f.GetCellStyle("Data", cell)
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s.NumFmt
	}
	for _, cell := range []string{"C2", "C3", "D10001", "A500", "C20000"} {
		if got := numFmt(cell); got != 49 {
			t.Errorf("%s number format = %d, want 49 (text)", cell, got)
		}
	}
	if got := numFmt("B3"); got == 49 {
		t.Errorf("B3 (nama) is text")
	}
	if v, _ := f.GetCellValue("Data", "C2"); v != "5103051201900001" {
		t.Errorf("C2 = %q", v)
	}
	if typ, _ := f.GetCellType("Data", "C2"); typ != excelize.CellTypeSharedString {
		t.Errorf("C2 type = %v, want a string", typ)
	}
	help, _ := f.GetRows("Petunjuk")
	if !slices.ContainsFunc(help, func(r []string) bool { return slices.Equal(r, []string{"nik", "16 digit", "teks"}) }) {
		t.Errorf("Petunjuk = %q", help)
	}
	// The importer reads the template as header and example, the formatted
	// empty cells below being nothing.
	_, rows := mustRead(t, buf.Bytes(), Options{})
	if got := texts(rows); !slices.Equal(got, []string{"1:" + strings.Join(header, "|"), "2:" + strings.Join(example, "|")}) {
		t.Errorf("rows = %q", got)
	}
}

func TestAnnotate(t *testing.T) {
	src := testBook{
		sst: []string{"nik", "tanggal_lahir", "nama", "Made"},
		sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>` +
			`<row r="2"><c r="A2"><v>5103051201900001</v></c><c r="B2" s="1"><v>32874</v></c><c r="C2" t="s"><v>3</v></c></row>` +
			`<row r="4"><c r="A4"><v>32.1</v></c><c r="D4" t="inlineStr"><is><t>extra</t></is></c></row>`,
	}.bytes(t)
	errs := map[int]string{0: "kolom peran tidak ada", 2: "NIK sudah terdaftar", 3: "baris kosong?", 4: "kode wilayah salah", 9: "kelompok kurang anggota"}
	rd, err := openBytes(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Annotate(rd, &buf, errs); err != nil {
		t.Fatal(err)
	}
	_, rows := mustRead(t, buf.Bytes(), Options{})
	want := []string{
		"1:nik|tanggal_lahir|nama||kesalahan: kolom peran tidak ada",
		"2:5103051201900001|1990-01-01|Made||NIK sudah terdaftar",
		"3:||||baris kosong?",
		"4:32.1|||extra|kode wilayah salah",
		"9:||||kelompok kurang anggota",
	}
	if got := texts(rows); !slices.Equal(got, want) {
		t.Errorf("rows = %q\nwant %q", got, want)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	id, _ := f.GetCellStyle("Data", "E2")
	if s, _ := f.GetStyle(id); s == nil || s.Font == nil || !s.Font.Bold || s.Font.Color != "9C0006" {
		t.Errorf("error cell style = %+v", s)
	}
	if typ, _ := f.GetCellType("Data", "A2"); typ != excelize.CellTypeInlineString {
		t.Errorf("A2 type = %v, want text", typ)
	}
}

func TestAnnotateCSVAndEmpty(t *testing.T) {
	for name, src := range map[string]string{"csv": "a;b\n1;2\n", "empty": "\n\n"} {
		t.Run(name, func(t *testing.T) {
			rd, err := openBytes([]byte(src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Annotate(rd, &buf, map[int]string{2: "salah"}); err != nil {
				t.Fatal(err)
			}
			_, rows := mustRead(t, buf.Bytes(), Options{})
			want := map[string][]string{"csv": {"1:a|b|kesalahan", "2:1|2|salah"}, "empty": {"1:kesalahan", "2:salah"}}[name]
			if got := texts(rows); !slices.Equal(got, want) {
				t.Errorf("rows = %q, want %q", got, want)
			}
		})
	}
}

func ExampleNewWriter() {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, CSV, []string{"nik", "nama"})
	w.Write([]string{"5103051201900001", "Ketut"})
	w.Close()
	fmt.Printf("%q\n", buf.String())
	// Output: "\ufeffnik,nama\r\n5103051201900001,Ketut\r\n"
}
