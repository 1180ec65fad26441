package region

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"slices"
	"strings"
	"sync"
	"testing"

	"tkm"
)

var (
	loadOnce sync.Once
	loaded   *Table
	loadErr  error
)

// table loads the embedded data once for all tests.
func table(t testing.TB) *Table {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = Load() })
	if loadErr != nil {
		t.Fatalf("Load: %v", loadErr)
	}
	return loaded
}

// walk visits every region under parent, depth first, checking as it goes
// that each child sits one level below its parent, inside its code, and can
// be looked up.
func walk(t *testing.T, tb *Table, parent tkm.Region, count map[tkm.RegionLevel]int) {
	kids := tb.Children(parent.Code)
	if !slices.IsSortedFunc(kids, func(a, b tkm.Region) int { return strings.Compare(a.Code, b.Code) }) {
		t.Errorf("Children(%q) not sorted", parent.Code)
	}
	for _, k := range kids {
		count[k.Level]++
		if parent.Code != "" && !strings.HasPrefix(k.Code, parent.Code+".") {
			t.Errorf("child %q of %q does not start with %q", k.Code, parent.Code, parent.Code+".")
		}
		if k.Level != tkm.LevelOf(k.Code) {
			t.Errorf("%q has level %q, its shape says %q", k.Code, k.Level, tkm.LevelOf(k.Code))
		}
		if got, ok := tb.Region(k.Code); !ok || got != k {
			t.Errorf("Region(%q) = %v, %v; want %v", k.Code, got, ok, k)
		}
		walk(t, tb, k, count)
	}
}

func TestCountsAndTree(t *testing.T) {
	count := map[tkm.RegionLevel]int{}
	walk(t, table(t), tkm.Region{}, count)
	want := map[tkm.RegionLevel]int{
		tkm.LevelProvince: 38,
		tkm.LevelRegency:  514,
		tkm.LevelDistrict: 7285,
		tkm.LevelVillage:  83762,
	}
	for level, n := range want {
		if count[level] != n {
			t.Errorf("%d regions at level %s, want %d", count[level], level, n)
		}
	}
	if got := len(table(t).nodes); got != 38+514+7285+83762 {
		t.Errorf("%d codes in the index, want every region reachable from the root", got)
	}
}

func TestProvinces(t *testing.T) {
	ps := table(t).Provinces()
	if len(ps) != 38 {
		t.Fatalf("%d provinces, want 38", len(ps))
	}
	first, last := ps[0], ps[len(ps)-1]
	if first != (tkm.Region{Code: "11", Name: "Aceh", Level: tkm.LevelProvince}) ||
		last != (tkm.Region{Code: "96", Name: "Papua Barat Daya", Level: tkm.LevelProvince}) {
		t.Errorf("provinces run %v … %v, want Aceh … Papua Barat Daya", first, last)
	}
	ps[0].Name = "changed"
	if got, _ := table(t).Region("11"); got.Name != "Aceh" {
		t.Error("changing the slice Provinces returned changed the table")
	}
}

func TestChildrenBali(t *testing.T) {
	kids := table(t).Children("51")
	if len(kids) != 9 {
		t.Fatalf("Bali has %d regencies, want 9: %v", len(kids), kids)
	}
	for _, want := range []tkm.Region{
		{Code: "51.03", Name: "Kabupaten Badung", Level: tkm.LevelRegency},
		{Code: "51.71", Name: "Kota Denpasar", Level: tkm.LevelRegency},
	} {
		if !slices.Contains(kids, want) {
			t.Errorf("Children(51) lacks %v", want)
		}
	}
}

func TestChildrenNone(t *testing.T) {
	tb := table(t)
	for _, parent := range []string{"51.03.05.2001", "99", "51.3", "51."} {
		if kids := tb.Children(parent); kids != nil {
			t.Errorf("Children(%q) = %v, want nil", parent, kids)
		}
	}
}

func TestRegion(t *testing.T) {
	tb := table(t)
	tests := []struct {
		code  string
		want  tkm.Region
		found bool
	}{
		{"51", tkm.Region{Code: "51", Name: "Bali", Level: tkm.LevelProvince}, true},
		{"51.03", tkm.Region{Code: "51.03", Name: "Kabupaten Badung", Level: tkm.LevelRegency}, true},
		{"51.03.05", tkm.Region{Code: "51.03.05", Name: "Kuta Selatan", Level: tkm.LevelDistrict}, true},
		{"51.71.01.1001", tkm.Region{Code: "51.71.01.1001", Name: "Serangan", Level: tkm.LevelVillage}, true},
		{"11.01.01.2001", tkm.Region{Code: "11.01.01.2001", Name: "Keude Bakongan", Level: tkm.LevelVillage}, true},
		{"12.07.28.1007", tkm.Region{Code: "12.07.28.1007", Name: "Lubuk Pakam I,II", Level: tkm.LevelVillage}, true},
		{"93.01", tkm.Region{Code: "93.01", Name: "Kabupaten Merauke", Level: tkm.LevelRegency}, true},
		{"51.1", tkm.Region{}, false},
		{"51.3", tkm.Region{}, false},
		{"99", tkm.Region{}, false},
		{"", tkm.Region{}, false},
		{"51.03.99", tkm.Region{}, false},
		{"5103", tkm.Region{}, false},
		{"51.03.05.2001 ", tkm.Region{}, false},
		{"91.01", tkm.Region{}, false}, // retired: Resolve knows it, Region does not
	}
	for _, tt := range tests {
		got, found := tb.Region(tt.code)
		if got != tt.want || found != tt.found {
			t.Errorf("Region(%q) = %v, %v; want %v, %v", tt.code, got, found, tt.want, tt.found)
		}
	}
}

func TestResolve(t *testing.T) {
	tb := table(t)
	tests := []struct {
		code, want string
		ok         bool
	}{
		{"91.01", "93.01", true},
		{"92.71", "96.71", true},
		{"51.03", "51.03", true},
		{"93.01", "93.01", true},
		{"91.03", "91.03", true}, // Kabupaten Jayapura stayed in Papua
		{"51", "", false},
		{"51.03.05", "", false},
		{"91.99", "", false},
		{"9101", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := tb.Resolve(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func TestResolveEveryRegency(t *testing.T) {
	tb := table(t)
	for _, p := range tb.Provinces() {
		for _, r := range tb.Children(p.Code) {
			if got, ok := tb.Resolve(r.Code); got != r.Code || !ok {
				t.Errorf("Resolve(%q) = %q, %v; want itself", r.Code, got, ok)
			}
		}
	}
}

// TestResolvePapua pins the 2022 Papua renumbering, as Kemendagri published
// it, against both the data file and the names in the current table.
func TestResolvePapua(t *testing.T) {
	tb := table(t)
	moves := []struct{ old, cur, name string }{
		{"91.01", "93.01", "Merauke"}, {"91.16", "93.02", "Boven Digoel"},
		{"91.17", "93.03", "Mappi"}, {"91.18", "93.04", "Asmat"},
		{"91.04", "94.01", "Nabire"}, {"91.07", "94.02", "Puncak Jaya"},
		{"91.08", "94.03", "Paniai"}, {"91.09", "94.04", "Mimika"},
		{"91.25", "94.05", "Puncak"}, {"91.26", "94.06", "Dogiyai"},
		{"91.27", "94.07", "Intan Jaya"}, {"91.28", "94.08", "Deiyai"},
		{"91.02", "95.01", "Jayawijaya"}, {"91.12", "95.02", "Pegunungan Bintang"},
		{"91.13", "95.03", "Yahukimo"}, {"91.14", "95.04", "Tolikara"},
		{"91.21", "95.05", "Mamberamo Tengah"}, {"91.22", "95.06", "Yalimo"},
		{"91.23", "95.07", "Lanny Jaya"}, {"91.24", "95.08", "Nduga"},
		{"92.01", "96.01", "Kabupaten Sorong"}, {"92.04", "96.02", "Sorong Selatan"},
		{"92.05", "96.03", "Raja Ampat"}, {"92.09", "96.04", "Tambrauw"},
		{"92.10", "96.05", "Maybrat"}, {"92.71", "96.71", "Kota Sorong"},
	}
	for _, m := range moves {
		got, ok := tb.Resolve(m.old)
		r, _ := tb.Region(got)
		if !ok || got != m.cur || !strings.HasSuffix(r.Name, " "+m.name) && r.Name != m.name {
			t.Errorf("Resolve(%q) = %q (%q), %v; want %q (%s)", m.old, got, r.Name, ok, m.cur, m.name)
		}
	}
	if len(tb.moved) != len(moves) {
		t.Errorf("%d historical codes, want the %d Papua ones", len(tb.moved), len(moves))
	}
}

// TestHistoricalFile checks every row of data/historical.csv on its own,
// so that a row added later is covered too.
func TestHistoricalFile(t *testing.T) {
	tb := table(t)
	r := csv.NewReader(strings.NewReader(historicalCSV))
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		got, ok := tb.Resolve(rec[0])
		r, _ := tb.Region(got)
		if !ok || got != rec[1] || r.Name != rec[2] || r.Level != tkm.LevelRegency {
			t.Errorf("Resolve(%q) = %q %v (%q); want %q (%q)", rec[0], got, ok, r.Name, rec[1], rec[2])
		}
	}
}

func TestParseHistoricalRejects(t *testing.T) {
	tb := table(t)
	const head = "old_code,new_code,name,until_year\n"
	tests := map[string]string{
		"wrong name":       "91.01,93.01,Kabupaten Mappi,2022\n",
		"target not found": "91.01,93.09,Kabupaten Merauke,2022\n",
		"target district":  "91.01,93.01.01,Kabupaten Merauke,2022\n",
		"old still in use": "91.03,93.01,Kabupaten Merauke,2022\n",
		"old not regency":  "91,93.01,Kabupaten Merauke,2022\n",
		"listed twice":     "91.01,93.01,Kabupaten Merauke,2022\n91.01,93.01,Kabupaten Merauke,2022\n",
		"bad year":         "91.01,93.01,Kabupaten Merauke,22\n",
		"short row":        "91.01,93.01,Kabupaten Merauke\n",
	}
	for name, rows := range tests {
		if _, err := tb.parseHistorical(head + rows); err == nil {
			t.Errorf("%s: parseHistorical accepted %q", name, rows)
		}
	}
	if _, err := tb.parseHistorical("old,new,name,year\n"); err == nil {
		t.Error("parseHistorical accepted a wrong header")
	}
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParse(t *testing.T) {
	good := header + "51\tBali\n52\tNTB\n51.01\tA\n51.02\tB\n52.01\tC\n51.01.01\tD\n51.01.01.2001\tE\n"
	tb, err := parse(gz(t, good))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if kids := tb.Children("51"); len(kids) != 2 || kids[1].Name != "B" {
		t.Errorf("Children(51) = %v", kids)
	}
	if kids := tb.Children("51.01.01"); len(kids) != 1 || kids[0].Level != tkm.LevelVillage {
		t.Errorf("Children(51.01.01) = %v", kids)
	}
	bad := map[string]string{
		"no header":        "51\tBali\n",
		"no tab":           header + "51 Bali\n",
		"empty name":       header + "51\t\n",
		"short code":       header + "5\tBali\n",
		"short village":    header + "51\tBali\n51.01\tA\n51.01.01\tD\n51.01.01.201\tE\n",
		"letters":          header + "5a\tBali\n",
		"too deep":         header + "51\tBali\n51.01\tA\n51.01.01\tD\n51.01.01.2001\tE\n51.01.01.2001.01\tF\n",
		"orphan":           header + "51\tBali\n52.01\tA\n",
		"duplicate":        header + "51\tBali\n51\tBali\n",
		"unsorted":         header + "52\tNTB\n51\tBali\n",
		"level goes back":  header + "51\tBali\n51.01\tA\n52\tNTB\n",
		"trailing junk":    header + "51\tBali\n51.01 \tA\n",
		"dot not a number": header + "51\tBali\n51.1\tA\n",
	}
	for name, text := range bad {
		if _, err := parse(gz(t, text)); err == nil {
			t.Errorf("%s: parse accepted %q", name, text)
		}
	}
	if _, err := parse([]byte("not gzip")); err == nil {
		t.Error("parse accepted data that is not gzip")
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRegion(b *testing.B) {
	tb := table(b)
	codes := []string{"51", "51.03", "51.03.05", "51.71.01.1001", "51.1"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		tb.Region(codes[i%len(codes)])
	}
}

func BenchmarkChildren(b *testing.B) {
	tb := table(b)
	b.ReportAllocs()
	for b.Loop() {
		tb.Children("51.03.05")
	}
}
