package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"tkm"
	"tkm/pdf"
)

const ketuaNIK = "5103051201900001"

// sample is a realistic BAST: a Badung group of ten, Rp20 juta of aid.
func sample() pdf.BASTData {
	g := &tkm.Group{ID: 7, Name: "Kelompok Usaha Bersama Sari Laut", RegionCode: "51.03.05",
		Address: "Jl. Pratama No. 12, Tanjung Benoa"}
	names := []string{"Ni Made Ayu Lestari", "I Wayan Sudarsana", "Ni Ketut Sriani", "I Nyoman Adi Putra",
		"Komang Ayu Dewi", "Putu Eka Saputra", "Kadek Wira Pratama", "Ni Luh Sukerti", "Gede Arimbawa", "Made Suartini"}
	roles := []tkm.MemberRole{tkm.RoleAnggota, tkm.RoleKetua, tkm.RoleSekretaris, tkm.RoleBendahara}
	for i, n := range names {
		m := &tkm.Member{ID: tkm.ID(100 + i), Name: n, NIK: fmt.Sprintf("510305120190%04d", i+2), Role: tkm.RoleAnggota}
		if i < len(roles) {
			m.Role = roles[i]
		}
		g.Members = append(g.Members, m)
	}
	g.Members[1].NIK = ketuaNIK
	return pdf.BASTData{
		Aid: &tkm.Aid{ID: 3, GroupID: 7, Amount: 20_000_000, DisbursedOn: tkm.DateOf(2019, time.November, 19),
			Method: tkm.AidInKind, HandoverNo: "001/BAST-TKM/XI/2019", Place: "Badung",
			CreatedAt: time.Date(2019, 11, 19, 9, 30, 0, 0, time.UTC),
			Items: []tkm.AidItem{
				{Description: "Mesin jahit portable", Category: tkm.Equipment, Qty: 4, Unit: "unit", UnitPrice: 2_500_000},
				{Description: "Mesin obras", Category: tkm.Equipment, Qty: 1, Unit: "unit", UnitPrice: 3_000_000},
				{Description: "Kain katun motif endek", Category: tkm.Material, Qty: 50, Unit: "meter", UnitPrice: 80_000},
				{Description: "Benang dan perlengkapan jahit", Category: tkm.Material, Qty: 10, Unit: "paket", UnitPrice: 300_000},
			}},
		Group:      g,
		Cohort:     &tkm.Cohort{ID: 1, Year: 2019, Tier: tkm.TierPemula, Name: "TKM Pemula"},
		RegionName: "Kecamatan Kuta Selatan, Kabupaten Badung, Bali",
		Officer:    "Drs. Bambang Setiawan",
	}
}

// render writes d's BAST and fails the test on error.
func render(t testing.TB, d pdf.BASTData) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.BAST(&buf, d); err != nil {
		t.Fatalf("BAST: %v", err)
	}
	return buf.Bytes()
}

func TestBASTText(t *testing.T) {
	d := sample()
	doc := readPDF(t, render(t, d))
	text := doc.text()
	want := []string{
		"KEMENTERIAN KETENAGAKERJAAN REPUBLIK INDONESIA",
		"BERITA ACARA SERAH TERIMA BANTUAN FASILITAS",
		"Nomor: 001/BAST-TKM/XI/2019",
		"Pada hari ini Selasa tanggal sembilan belas bulan November tahun dua ribu sembilan belas (19-11-2019)",
		"bertempat di Badung",
		"Rp20.000.000",
		"dua puluh juta rupiah",
		"Kelompok Usaha Bersama Sari Laut",
		"I Wayan Sudarsana",
		"Drs. Bambang Setiawan",
		"Kecamatan Kuta Selatan, Kabupaten Badung, Bali",
		"TKM Pemula Tahun 2019",
		"PIHAK PERTAMA",
		"PIHAK KEDUA",
		"Badung, 19 November 2019",
		"Meterai",
		"20.000.000", // the total row
		tkm.MaskNIK(ketuaNIK),
	}
	for _, it := range d.Aid.Items {
		want = append(want, it.Description)
	}
	for _, m := range d.Group.Members {
		want = append(want, m.Name)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the text lacks %q", w)
		}
	}
	if strings.Contains(text, ketuaNIK) {
		t.Errorf("the full NIK %s shows in the BAST", ketuaNIK)
	}
	if len(doc.pages) > 1 && !strings.Contains(text, "Halaman 1 dari") {
		t.Errorf("%d pages without page numbers", len(doc.pages))
	}
}

func TestBASTNoFullNIK(t *testing.T) {
	d := sample()
	text := readPDF(t, render(t, d)).text()
	for _, m := range d.Group.Members {
		if strings.Contains(text, m.NIK) {
			t.Errorf("full NIK of %s shows in the BAST", m.Name)
		}
	}
}

func TestBASTMaskedNIKKept(t *testing.T) {
	d := sample()
	d.Group.Members[1].NIK = tkm.MaskNIK(ketuaNIK) // as FindGroupByID returns it
	text := readPDF(t, render(t, d)).text()
	if !strings.Contains(text, "5103••••••••0001") {
		t.Errorf("an already masked NIK is not shown as it is")
	}
}

func TestBASTMetadata(t *testing.T) {
	info := readPDF(t, render(t, sample())).info
	want := map[string]string{
		"Title":        "Berita Acara Serah Terima Bantuan Fasilitas 001/BAST-TKM/XI/2019",
		"Author":       "Kementerian Ketenagakerjaan RI",
		"Creator":      "tkm",
		"CreationDate": "D:20191119093000",
	}
	for k, v := range want {
		if got := info.Key(k).Text(); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

func TestBASTLongItemsBreakPages(t *testing.T) {
	d := sample()
	d.Aid.Items = nil
	for i := range 60 {
		d.Aid.Items = append(d.Aid.Items, tkm.AidItem{Description: fmt.Sprintf("Bahan baku nomor %02d", i+1),
			Category: tkm.Material, Qty: 1, Unit: "paket", UnitPrice: 100_000})
	}
	d.Aid.Amount = 6_000_000
	doc := readPDF(t, render(t, d))
	n := len(doc.pages)
	if n < 2 {
		t.Fatalf("60 items fit on %d page", n)
	}
	for i, p := range doc.pages {
		if want := fmt.Sprintf("Halaman %d dari %d", i+1, n); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	if !strings.Contains(doc.pages[1], "Harga Satuan") {
		t.Errorf("the items heading is not repeated on page 2: %q", doc.pages[1])
	}
	text := doc.text()
	for _, it := range d.Aid.Items {
		if !strings.Contains(text, it.Description) {
			t.Errorf("the text lacks item %q", it.Description)
		}
	}
	if !strings.Contains(text, "enam juta rupiah") {
		t.Errorf("the amount in words is missing")
	}
}

func TestBASTSinglePageHasNoPageNumbers(t *testing.T) {
	d := sample()
	d.Group.Members = d.Group.Members[:3]
	d.Aid.Items = d.Aid.Items[:1]
	doc := readPDF(t, render(t, d))
	if len(doc.pages) != 1 {
		t.Fatalf("a short BAST takes %d pages", len(doc.pages))
	}
	if strings.Contains(doc.text(), "Halaman") {
		t.Errorf("a one-page BAST carries page numbers")
	}
}

func TestBASTDeterministic(t *testing.T) {
	a, b := render(t, sample()), render(t, sample())
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings of one record differ (%d and %d bytes)", len(a), len(b))
	}
	d := sample()
	d.Aid.CreatedAt = time.Time{}
	if !bytes.Equal(render(t, d), render(t, d)) {
		t.Fatalf("a record without created_at renders differently each time")
	}
}

func TestBASTNonASCIINames(t *testing.T) {
	d := sample()
	d.Group.Members[1].Name = "Renée D’Souza"
	d.Group.Name = "Kelompok Café Ma’ruf"
	d.Officer = "Ir. Ngurah Āditya 王"
	d.Aid.Items[0].Description = "Mesin jahit\tportable\n“Butterfly”"
	doc := readPDF(t, render(t, d))
	text := doc.text()
	for _, w := range []string{"Renée D’Souza", "Kelompok Café Ma’ruf", "Ir. Ngurah Aditya ?", "Mesin jahit portable “Butterfly”"} {
		if !strings.Contains(text, w) {
			t.Errorf("the text lacks %q", w)
		}
	}
}

func TestBASTBlankOfficer(t *testing.T) {
	d := sample()
	d.Officer = ""
	d.Aid.Place = ""
	text := readPDF(t, render(t, d)).text()
	if !strings.Contains(text, "(.......................................)") {
		t.Errorf("no dotted line for the officer's name")
	}
	if !strings.Contains(text, "bertempat di Kecamatan Kuta Selatan") {
		t.Errorf("without a place, the region is not named as the place")
	}
}

func TestBASTErrors(t *testing.T) {
	noKetua := sample()
	for _, m := range noKetua.Group.Members {
		m.Role = tkm.RoleAnggota
	}
	noMembers := sample()
	noMembers.Group.Members = nil
	noAid := sample()
	noAid.Aid = nil
	noGroup := sample()
	noGroup.Group = nil
	tests := map[string]pdf.BASTData{"no ketua": noKetua, "no members": noMembers, "no aid": noAid, "no group": noGroup}
	for name, d := range tests {
		t.Run(name, func(t *testing.T) {
			err := pdf.BAST(&bytes.Buffer{}, d)
			if code := tkm.ErrorCode(err); code != tkm.EINVALID {
				t.Errorf("error %v, code %q; want %q", err, code, tkm.EINVALID)
			}
		})
	}
}

func TestBASTMinimalData(t *testing.T) {
	d := sample()
	d.Cohort = nil
	d.RegionName = ""
	d.Aid.DisbursedOn = tkm.Date{}
	d.Aid.CreatedAt = time.Time{}
	d.Aid.Items = nil
	d.Aid.Method = ""
	d.Group.Address = ""
	text := readPDF(t, render(t, d)).text()
	for _, w := range []string{"Tenaga Kerja Mandiri", "Pada hari ini ........ tanggal"} {
		if !strings.Contains(text, w) {
			t.Errorf("the text lacks %q", w)
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

var errWrite = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestBASTWriteError(t *testing.T) {
	if err := pdf.BAST(failWriter{}, sample()); !errors.Is(err, errWrite) {
		t.Errorf("error %v, want it to wrap %v", err, errWrite)
	}
}

func TestBASTFilename(t *testing.T) {
	tests := []struct {
		aid  *tkm.Aid
		want string
	}{
		{&tkm.Aid{HandoverNo: "001/BAST-TKM/XI/2019"}, "BAST-001-BAST-TKM-XI-2019.pdf"},
		{&tkm.Aid{HandoverNo: "  12 / KEP . 2019 "}, "BAST-12-KEP-.-2019.pdf"},
		{&tkm.Aid{HandoverNo: "../../etc/passwd"}, "BAST-etc-passwd.pdf"},
		{&tkm.Aid{HandoverNo: "BAST\"; x=\r\n.pdf"}, "BAST-BAST-x-.pdf.pdf"},
		{&tkm.Aid{HandoverNo: "Nº 5 – Café"}, "BAST-N-5-Caf.pdf"},
		{&tkm.Aid{ID: 42}, "BAST-42.pdf"},
		{&tkm.Aid{HandoverNo: "///"}, "BAST.pdf"},
		{nil, "BAST.pdf"},
		{&tkm.Aid{HandoverNo: strings.Repeat("A", 300)}, "BAST-" + strings.Repeat("A", 100) + ".pdf"},
	}
	for _, tt := range tests {
		if got := pdf.BASTFilename(tt.aid); got != tt.want {
			t.Errorf("BASTFilename(%+v) = %q, want %q", tt.aid, got, tt.want)
		}
	}
}

func BenchmarkBAST(b *testing.B) {
	for _, n := range []int{4, 60} {
		d := sample()
		for len(d.Aid.Items) < n {
			d.Aid.Items = append(d.Aid.Items, d.Aid.Items[len(d.Aid.Items)%4])
		}
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := pdf.BAST(&buf, d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/pdf")
		})
	}
}

func TestBASTConcurrent(t *testing.T) {
	want := render(t, sample())
	for i := range 8 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			if !bytes.Equal(render(t, sample()), want) {
				t.Errorf("a BAST rendered in parallel differs")
			}
		})
	}
}

// FuzzBAST feeds arbitrary text to every free-text field: the BAST must
// never panic, and it must parse back as a PDF.
func FuzzBAST(f *testing.F) {
	f.Add("Renée D’Souza", "Kelompok Café", "001/BAST/XI/2019", "Mesin jahit", "Badung", "Drs. Bambang")
	f.Add("", "", "", "", "", "")
	f.Add(strings.Repeat("W", 300), strings.Repeat("kata ", 60), strings.Repeat("/", 100), "王\x00\t\n", "\xff", "(")
	f.Fuzz(func(t *testing.T, name, group, no, item, place, officer string) {
		d := sample()
		d.Group.Members[1].Name, d.Group.Name, d.Aid.HandoverNo = name, group, no
		d.Aid.Items[0].Description, d.Aid.Items[0].Unit, d.Aid.Place, d.Officer = item, item, place, officer
		readPDF(t, render(t, d))
		_ = pdf.BASTFilename(d.Aid)
	})
}

func TestDocuments(t *testing.T) {
	var docs tkm.Documents = pdf.Documents{}
	var buf bytes.Buffer
	if err := docs.BAST(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	if text := readPDF(t, buf.Bytes()).text(); !strings.Contains(text, "dua puluh juta rupiah") {
		t.Errorf("Documents.BAST lacks the amount in words")
	}
	if got := docs.BASTFilename(sample().Aid); got != "BAST-001-BAST-TKM-XI-2019.pdf" {
		t.Errorf("Documents.BASTFilename = %q", got)
	}
}
