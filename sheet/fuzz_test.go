package sheet

import (
	"bytes"
	"errors"
	"runtime/metrics"
	"slices"
	"testing"
	"testing/iotest"

	"tkm"
)

// Run each for a while with:
//
//	go test -run '^$' -fuzz FuzzCSV -fuzztime 30s ./sheet/
//	go test -run '^$' -fuzz FuzzXLSXParts -fuzztime 30s ./sheet/
//	go test -run '^$' -fuzz FuzzXLSXFile -fuzztime 30s ./sheet/

var fuzzOptions = Options{MaxBytes: 4 << 20, MaxRows: 5000, MaxCols: 16, MaxCellBytes: 256}

// maxFuzzAlloc bounds what reading one input may allocate.
const maxFuzzAlloc = 64 << 20

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"nik,nama\n5103051201900001,Ketut\n", "a;b\r\n\"x;\"\"y\"\"\";2\r\n", "sep=;\na;b\n", "\xEF\xBB\xBFa\tb\n1\t2",
		"a\n\"open\n", "nama\nKetut Sugiart\xE4\n", "\xFF\xFEa\x00,\x00b\x00", "a,b\r1,2\r", "a\n\n\n \u00A0,\u200B\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFile(t, data)
		if f, _, err := detectCSV(bytes.NewReader(data), int64(len(data))); err == nil && len(data) > 0 {
			if a, b := csvRecords(data, f, 64<<10), csvRecords(data, f, 16); !slices.Equal(a, b) {
				t.Fatalf("records differ with a small buffer:\n%q\n%q", a, b)
			}
		}
	})
}

func FuzzXLSXParts(f *testing.F) {
	f.Add([]byte(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5103051201900001</v></c></row><row r="3"><c r="C3" s="1"><v>32874</v></c></row>`),
		[]byte(`<sst><si><t>nik</t></si><si><r><t>a</t></r><rPh><t>b</t></rPh></si></sst>`))
	f.Add([]byte(`<row><c t="inlineStr"><is><t><![CDATA[x]]>&amp;&#x41;_x000D_</t></is></c><c t="b"><v>1</v></c><c t="d"><v>2019-11-19</v></c><c s="4"><v>5</v></c></row>`),
		[]byte(`<sst/>`))
	f.Add([]byte(`<x:row r='2'><x:c r='B2' t='s'><x:v>0</x:v><!-- c --></x:c></x:row>`), []byte(`<x:sst xmlns:x="m"><x:si><x:t>p</x:t></x:si></x:sst>`))
	f.Fuzz(func(t *testing.T, sheetData, sst []byte) {
		file := testBook{sheetData: string(sheetData), sstXML: string(sst)}.bytes(t)
		checkFile(t, file)
		whole := tokens(bytes.NewReader(sheetData), len(sheetData))
		if bytewise := tokens(iotest.OneByteReader(bytes.NewReader(sheetData)), len(sheetData)); !slices.Equal(whole, bytewise) {
			t.Fatalf("tokens differ when read byte by byte:\n%q\n%q", whole, bytewise)
		}
	})
}

func FuzzXLSXFile(f *testing.F) {
	good := testBook{sst: []string{"a"}, sheetData: `<row r="1"><c t="s"><v>0</v></c><c><v>1</v></c></row>`}.bytes(f)
	f.Add(good)
	f.Add(good[:len(good)-30])
	f.Add(writeFile(f, XLSX, []string{"a", "b"}, [][]string{{"1", "2"}}, 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFile(t, data)
	})
}

// checkFile reads data twice and checks what any input must give: rows in
// order within the limits, trimmed cells, the same rows on both passes,
// and only *tkm.Error refusals, with bounded allocation.
func checkFile(t *testing.T, data []byte) {
	before := allocated()
	rd, err := openBytes(data, fuzzOptions)
	if err != nil {
		checkRefusal(t, err)
		return
	}
	defer rd.Close()
	first, err1 := readAll(rd)
	second, err2 := readAll(rd)
	if err1 != nil {
		checkRefusal(t, err1)
	}
	if (err1 == nil) != (err2 == nil) || !slices.Equal(texts(first), texts(second)) {
		t.Fatalf("two passes differ: %q (%v) and %q (%v)", texts(first), err1, texts(second), err2)
	}
	last := 0
	for _, r := range first {
		if r.Number <= last || r.Number > fuzzOptions.MaxRows || len(r.Cells) == 0 || len(r.Cells) > fuzzOptions.MaxCols {
			t.Fatalf("row %d after %d with %d cells", r.Number, last, len(r.Cells))
		}
		last = r.Number
		for _, c := range r.Cells {
			if len(c.Text) > max(fuzzOptions.MaxCellBytes, 32) || string(trim([]byte(c.Text))) != c.Text || (c.Date && !c.Number) || (!c.Number && c.Raw != c.Text) {
				t.Fatalf("row %d: bad cell %+v", r.Number, c)
			}
		}
		if r.Cells[len(r.Cells)-1].Text == "" {
			t.Fatalf("row %d ends with an empty cell", r.Number)
		}
	}
	if a := allocated() - before; a > maxFuzzAlloc {
		t.Fatalf("allocated %d MB for a %d KB file", a>>20, len(data)>>10)
	}
}

func checkRefusal(t *testing.T, err error) {
	var e *tkm.Error
	if !errors.As(err, &e) || e.Code == tkm.EINTERNAL || len(e.Fields) != 1 || e.Message == "" || e.English == "" {
		t.Fatalf("refusal %v: want a *tkm.Error with one field", err)
	}
}

func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
