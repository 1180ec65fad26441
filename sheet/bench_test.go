package sheet

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/xuri/excelize/v2"
)

// The benchmarks read and write a million member rows in SPEC's 13 import
// columns. Run them one at a time, so that each one's peak memory is its
// own:
//
//	go test -run '^$' -bench . -benchtime 1x ./sheet/
//
// The files are made once per run in a temporary directory, outside the
// timed part: a CSV (about 170 MB), an XLSX as Excel saves it (shared
// strings: 4.3 million distinct ones) and an XLSX as Writer makes it
// (inline strings).

const benchRows = 1_000_000

var benchHeader = []string{"ref_kelompok", "nama_kelompok", "kode_wilayah", "bidang_usaha", "telepon_kelompok",
	"nik", "nama", "jenis_kelamin", "tanggal_lahir", "telepon", "alamat", "peran", "status_kerja"}

var (
	sectors   = []string{"Kuliner", "Kerajinan bambu", "Tenun ikat", "Budidaya lele", "Bengkel motor", "Menjahit", "Sablon", "Kopi bubuk"}
	regions   = []string{"51.03", "51.71", "32.10", "35.78", "73.71", "11.01", "94.71", "64.72"}
	roles     = []string{"ketua", "sekretaris", "bendahara", "anggota"}
	statuses  = []string{"menganggur", "informal"}
	benchDirs struct {
		once sync.Once
		dir  string
	}
)

// TestMain removes the benchmark files.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDirs.dir != "" {
		os.RemoveAll(benchDirs.dir)
	}
	os.Exit(code)
}

// rowGen makes member rows: groups of ten, unique NIK, name, phone and
// address. Its strings share one buffer, valid until the next row, so that
// making the rows costs little beside what is measured.
type rowGen struct {
	buf  []byte
	ends [13]int
	row  []string
}

// fill returns member i's row.
func (r *rowGen) fill(i int) []string {
	g, m := i/10, i%10
	b := r.buf[:0]
	field := func(k int) { r.ends[k] = len(b) }
	b = append(b, "KLP-"...)
	b = appendDigits(b, g, 6)
	field(0)
	b = append(b, "Kelompok Usaha Maju "...)
	b = appendDigits(b, g, 6)
	field(1)
	b = append(b, regions[g%len(regions)]...)
	field(2)
	b = append(b, sectors[g%len(sectors)]...)
	field(3)
	b = append(b, "0812"...)
	b = appendDigits(b, g, 8)
	field(4)
	b = append(b, "5103"...)
	b = appendDigits(b, 1+g%30, 2)
	b = appendDigits(b, 1+m, 2)
	b = appendDigits(b, 1+i%28, 2)
	b = append(b, "90"...)
	b = appendDigits(b, 1+i%9999, 4)
	field(5)
	b = append(b, "Anggota "...)
	b = appendDigits(b, i, 7)
	b = append(b, " Wayan Sudarma"...)
	field(6)
	b = append(b, "LP"[m%2])
	field(7)
	b = append(b, "1990-"...)
	b = appendDigits(b, 1+m, 2)
	b = append(b, '-')
	b = appendDigits(b, 1+i%28, 2)
	field(8)
	b = append(b, "0813"...)
	b = appendDigits(b, i, 8)
	field(9)
	b = append(b, "Jl. Raya Kuta No. "...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, ", Kuta, Badung"...)
	field(10)
	b = append(b, roles[min(m, 3)]...)
	field(11)
	b = append(b, statuses[i%2]...)
	field(12)
	r.buf = b
	if r.row == nil {
		r.row = make([]string, 13)
	}
	start := 0
	for k, end := range r.ends {
		r.row[k] = unsafe.String(unsafe.SliceData(b[start:]), end-start)
		start = end
	}
	return r.row
}

// appendDigits appends n with at least width digits.
func appendDigits(b []byte, n, width int) []byte {
	const zeros = "0000000000"
	start := len(b)
	b = strconv.AppendInt(b, int64(n), 10)
	if pad := width - (len(b) - start); pad > 0 {
		b = append(b, zeros[:pad]...)
		copy(b[start+pad:], b[start:len(b)-pad])
		copy(b[start:], zeros[:pad])
	}
	return b
}

// benchFile makes a benchmark file once and returns its path.
func benchFile(b *testing.B, name string, create func(path string) error) string {
	b.Helper()
	benchDirs.once.Do(func() {
		var err error
		if benchDirs.dir, err = os.MkdirTemp("", "tkm-sheet-bench-"); err != nil {
			b.Fatal(err)
		}
	})
	path := filepath.Join(benchDirs.dir, name)
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := create(path); err != nil {
		b.Fatal(err)
	}
	return path
}

// writeBenchFile writes benchRows rows with Writer.
func writeBenchFile(path, format string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := NewWriter(f, format, benchHeader, 2, 4, 5, 8, 9)
	if err != nil {
		return err
	}
	var gen rowGen
	for i := range benchRows {
		if err := w.Write(gen.fill(i)); err != nil {
			return err
		}
	}
	return w.Close()
}

// fixedStrings come first in the Excel-like file's shared strings.
func fixedStrings() []string {
	s := append([]string{}, benchHeader...)
	s = append(s, "L", "P")
	s = append(s, roles...)
	s = append(s, statuses...)
	s = append(s, regions...)
	return append(s, sectors...)
}

// writeExcelLike writes the file Excel would save: every text in the
// shared-strings table (in the order of first use, as Excel writes it),
// dates as serials with a date format.
func writeExcelLike(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	zw := zip.NewWriter(bw)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		w, _ := zw.Create(name)
		io.WriteString(w, excelLikeParts[name])
	}
	w, _ := zw.Create("xl/styles.xml")
	io.WriteString(w, testStyles)
	fixed := fixedStrings()
	index := map[string]int{}
	for i, s := range fixed {
		index[s] = i
	}
	// Group g's strings start at base(g): its 3 texts, then 4 per member.
	base := func(g int) int { return len(fixed) + g*(3+10*4) }
	sst, _ := zw.Create("xl/sharedStrings.xml")
	sw := bufio.NewWriterSize(sst, 1<<20)
	fmt.Fprintf(sw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst %s count="%d" uniqueCount="%d">`, nsMain, 13*benchRows, base(benchRows/10))
	var gen rowGen
	for _, s := range fixed {
		fmt.Fprintf(sw, "<si><t>%s</t></si>", s)
	}
	for i := range benchRows {
		row := gen.fill(i)
		if i%10 == 0 {
			fmt.Fprintf(sw, "<si><t>%s</t></si><si><t>%s</t></si><si><t>%s</t></si>", row[0], row[1], row[4])
		}
		fmt.Fprintf(sw, "<si><t>%s</t></si><si><t>%s</t></si><si><t>%s</t></si><si><t>%s</t></si>", row[5], row[6], row[9], row[10])
	}
	io.WriteString(sw, "</sst>")
	sw.Flush()
	sheet, _ := zw.Create("xl/worksheets/sheet1.xml")
	sw = bufio.NewWriterSize(sheet, 1<<20)
	fmt.Fprintf(sw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<worksheet %s %s><dimension ref="A1:M%d"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>`, nsMain, nsRel, benchRows+1)
	sw.WriteString(`<row r="1" spans="1:13">`)
	for c := range benchHeader {
		fmt.Fprintf(sw, `<c r="%s1" t="s"><v>%d</v></c>`, ColumnName(c), c)
	}
	sw.WriteString(`</row>`)
	for i := range benchRows {
		row := gen.fill(i)
		n := strconv.Itoa(i + 2)
		g, m := i/10, i%10
		idx := [13]int{base(g), base(g) + 1, index[row[2]], index[row[3]], base(g) + 2, base(g) + 3 + m*4, base(g) + 4 + m*4,
			index[row[7]], -1, base(g) + 5 + m*4, base(g) + 6 + m*4, index[row[11]], index[row[12]]}
		sw.WriteString(`<row r="` + n + `" spans="1:13">`)
		for c, x := range idx {
			if x < 0 {
				serial, _ := dateSerial(row[8], false)
				fmt.Fprintf(sw, `<c r="%s%s" s="1"><v>%g</v></c>`, ColumnName(c), n, serial)
				continue
			}
			fmt.Fprintf(sw, `<c r="%s%s" t="s"><v>%d</v></c>`, ColumnName(c), n, x)
		}
		sw.WriteString(`</row>`)
	}
	sw.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	sw.Flush()
	if err := zw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

var excelLikeParts = map[string]string{
	"[Content_Types].xml": xlsxParts[0].body,
	"_rels/.rels":         xlsxParts[1].body,
	"xl/workbook.xml":     `<workbook ` + nsMain + ` ` + nsRel + `><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
}

// resetPeak forgets the process's peak memory so far (Linux), after
// returning what the garbage collector can to the system.
func resetPeak() {
	runtime.GC()
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakMB returns the process's peak resident memory since resetPeak, in MB.
func peakMB() float64 {
	b, _ := os.ReadFile("/proc/self/status")
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

var benchOptions = Options{MaxBytes: 1 << 30}

func BenchmarkRead(b *testing.B) {
	files := []struct{ name, file string }{
		{"csv", "members.csv"},
		{"xlsx-excel", "members-excel.xlsx"},
		{"xlsx-inline", "members-inline.xlsx"},
	}
	makers := map[string]func(string) error{
		"members.csv":         func(p string) error { return writeBenchFile(p, CSV) },
		"members-excel.xlsx":  writeExcelLike,
		"members-inline.xlsx": func(p string) error { return writeBenchFile(p, XLSX) },
	}
	for _, fc := range files {
		for passes := 1; passes <= 2; passes++ {
			b.Run(fmt.Sprintf("%s/passes=%d", fc.name, passes), func(b *testing.B) {
				benchRead(b, benchFile(b, fc.file, makers[fc.file]), passes)
			})
		}
	}
}

// benchRead opens the file and reads it passes times, as the importer does
// twice: rows/s is the file's rows over the whole time.
func benchRead(b *testing.B, path string, passes int) {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	resetPeak()
	for b.Loop() {
		rd, err := Open(f, fi.Size(), benchOptions)
		if err != nil {
			b.Fatal(err)
		}
		for range passes {
			rows, err := readCount(rd)
			if err != nil || rows != benchRows+1 {
				b.Fatalf("%d rows, %v", rows, err)
			}
		}
		rd.Close()
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(peakMB(), "peak-MB")
	b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
}

// readCount reads a pass, touching every cell, and counts the rows.
func readCount(rd *Reader) (int, error) {
	rs, err := rd.Rows()
	if err != nil {
		return 0, err
	}
	defer rs.Close()
	n, size := 0, 0
	for rs.Next() {
		n++
		for _, c := range rs.Row().Cells {
			size += len(c.Text)
		}
	}
	return n, rs.Err()
}

// BenchmarkReadExcelize reads the Excel-like file with excelize's Rows, for
// comparison.
func BenchmarkReadExcelize(b *testing.B) {
	path := benchFile(b, "members-excel.xlsx", writeExcelLike)
	resetPeak()
	for b.Loop() {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Data")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		f.Close()
		if n != benchRows+1 {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(peakMB(), "peak-MB")
}

func BenchmarkWrite(b *testing.B) {
	for _, format := range []string{CSV, XLSX} {
		b.Run(format, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "out."+format)
			resetPeak()
			for b.Loop() {
				if err := writeBenchFile(path, format); err != nil {
					b.Fatal(err)
				}
			}
			fi, _ := os.Stat(path)
			b.ReportMetric(peakMB(), "peak-MB")
			b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
		})
	}
}

// BenchmarkWriteExcelize writes the same rows with excelize's
// StreamWriter, for comparison.
func BenchmarkWriteExcelize(b *testing.B) {
	path := filepath.Join(b.TempDir(), "out.xlsx")
	resetPeak()
	for b.Loop() {
		x := excelize.NewFile()
		sw, err := x.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		var gen rowGen
		values := make([]any, len(benchHeader))
		for i := range benchRows {
			row := gen.fill(i)
			for j := range row {
				values[j] = row[j]
			}
			if err := sw.SetRow("A"+strconv.Itoa(i+1), values); err != nil {
				b.Fatal(err)
			}
		}
		sw.Flush()
		f, _ := os.Create(path)
		if err := x.Write(f); err != nil {
			b.Fatal(err)
		}
		f.Close()
		x.Close()
	}
	b.ReportMetric(peakMB(), "peak-MB")
}

// BenchmarkScanSheet reads the rows of an Excel-like sheet's XML held in
// memory: the scanner alone, without inflating.
func BenchmarkScanSheet(b *testing.B) {
	const rows = 100_000
	var sd strings.Builder
	sd.WriteString(`<worksheet ` + nsMain + `><sheetData>`)
	for i := range rows {
		n := strconv.Itoa(i + 1)
		sd.WriteString(`<row r="` + n + `" spans="1:13">`)
		for c := range 13 {
			if c == 8 {
				sd.WriteString(`<c r="I` + n + `" s="1"><v>32874</v></c>`)
				continue
			}
			fmt.Fprintf(&sd, `<c r="%s%s" t="s"><v>%d</v></c>`, ColumnName(c), n, (i*13+c)%1000)
		}
		sd.WriteString(`</row>`)
	}
	sd.WriteString(`</sheetData></worksheet>`)
	xml := sd.String()
	bk := &book{sheetRef: "sheet", sst: newStrTable(4096), styles: []cellFormat{{}, {date: true}}}
	for i := range 1000 {
		bk.sst.add([]byte(fmt.Sprintf("nilai %d", i)))
	}
	b.SetBytes(int64(len(xml)))
	for b.Loop() {
		s := &sheetRows{b: bk, rc: io.NopCloser(strings.NewReader(xml)), opt: Options{}.withDefaults()}
		s.in = &countingReader{r: strings.NewReader(xml)}
		s.sc = newXMLScanner(s.in, uint64(len(xml)))
		var rb rowBuilder
		n := 0
		for {
			rb.reset()
			if _, err := s.next(&rb); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != rows {
			b.Fatal(n)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
