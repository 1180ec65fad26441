package pdf_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"tkm"
	"tkm/pdf"
)

// regions is a small region table: the provinces and regencies the
// sample expo draws on.
type regions map[string]string

func (rs regions) Region(code string) (tkm.Region, bool) {
	name, ok := rs[code]
	return tkm.Region{Code: code, Name: name, Level: tkm.LevelOf(code)}, ok
}

func (rs regions) Children(string) []tkm.Region       { return nil }
func (rs regions) Resolve(code string) (string, bool) { return code, true }

var testRegions = regions{
	"11": "Aceh", "11.71": "Kota Banda Aceh",
	"12": "Sumatera Utara", "12.71": "Kota Medan",
	"31": "Daerah Khusus Ibukota Jakarta", "31.71": "Kota Administrasi Jakarta Pusat",
	"32": "Jawa Barat", "32.73": "Kota Bandung",
	"33": "Jawa Tengah", "33.74": "Kota Semarang",
	"34": "Daerah Istimewa Yogyakarta", "34.71": "Kota Yogyakarta",
	"35": "Jawa Timur", "35.78": "Kota Surabaya",
	"51": "Bali", "51.02": "Kabupaten Tabanan", "51.03": "Kabupaten Badung", "51.03.05": "Kuta Selatan",
	"51.71": "Kota Denpasar",
	"52":    "Nusa Tenggara Barat", "52.71": "Kota Mataram",
	"53": "Nusa Tenggara Timur", "53.71": "Kota Kupang",
	"73": "Sulawesi Selatan", "73.71": "Kota Makassar",
}

// exhibitorRegions are where the sample's exhibitors come from: the first
// five from Bali, as at the 2019 expo, the others from all over.
var exhibitorRegions = []string{"51.03.05", "51.71", "51.02", "51.03", "51.71",
	"11.71", "12.71", "31.71", "32.73", "33.74", "34.71", "35.78", "52.71", "53.71", "73.71"}

var sectors = []string{"Makanan olahan", "Kerajinan tenun", "Konveksi", "Perikanan", "Kerajinan bambu"}

const baseURL = "https://tkm.kemnaker.go.id"

// sampleExpo is the expo of 40 TKM groups at BNDCC Nusa Dua, November
// 2019, with n exhibitors, listed out of booth order.
func sampleExpo(n int) tkm.ExpoDocument {
	e := &tkm.Expo{ID: 3, Name: "Pameran Produk TKM 2019", Venue: "Bali Nusa Dua Convention Center (BNDCC)",
		RegionCode: "51.03.05", StartsOn: tkm.DateOf(2019, time.November, 19), EndsOn: tkm.DateOf(2019, time.November, 21),
		CreatedAt: time.Date(2019, 10, 1, 8, 0, 0, 0, time.UTC)}
	d := tkm.ExpoDocument{Report: &tkm.ExpoReport{Expo: e, ExhibitorsByProvince: map[string]int{}},
		Regions: testRegions, BaseURL: baseURL}
	for i := range n {
		g := sampleGroup(i)
		x := &tkm.Exhibitor{GroupID: g.ID, Booth: fmt.Sprintf("A%d", i+1), GroupName: g.Name,
			RegionCode: g.RegionCode, Sector: g.Sector, Sales: int64(i+1) * 250_000}
		e.Exhibitors = append(e.Exhibitors, x)
		d.Groups = append(d.Groups, g)
		d.Report.ExhibitorsByProvince[tkm.ProvinceOf(g.RegionCode)]++
		d.Report.Products += len(g.Products)
		d.Report.SalesTotal += x.Sales
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(n, func(i, j int) { e.Exhibitors[i], e.Exhibitors[j] = e.Exhibitors[j], e.Exhibitors[i] })
	return d
}

// sampleGroup is the public record of the i-th exhibitor.
func sampleGroup(i int) *tkm.PublicGroup {
	g := &tkm.PublicGroup{ID: tkm.ID(100 + i), Name: fmt.Sprintf("Kelompok Usaha Mandiri %02d", i+1),
		RegionCode: exhibitorRegions[i%len(exhibitorRegions)], Sector: sectors[i%len(sectors)],
		Story:   "Berdiri sejak 2018 dengan sepuluh anggota yang sebelumnya menganggur; kini memasok toko oleh-oleh di kota.",
		Contact: fmt.Sprintf("WhatsApp kelompok 0812-3400-%04d", i), Stage: tkm.StageInstitutional}
	for j := range 1 + i%3 {
		g.Products = append(g.Products, &tkm.Product{ID: tkm.ID(1000 + 10*i + j), GroupID: g.ID,
			Name: fmt.Sprintf("Produk %02d-%d", i+1, j+1), Price: 15_000 + int64(j)*5_000, Unit: "bungkus",
			MonthlyCapacity: 500})
	}
	return g
}

// groupByBooth returns the group at the booth of d, or nil.
func groupByBooth(d tkm.ExpoDocument, booth string) *tkm.PublicGroup {
	for _, x := range d.Report.Expo.Exhibitors {
		if x.Booth == booth {
			for _, g := range d.Groups {
				if g.ID == x.GroupID {
					return g
				}
			}
		}
	}
	return nil
}

// renderExpo writes one of d's documents and fails the test on error.
func renderExpo(t testing.TB, write func(*bytes.Buffer, tkm.ExpoDocument) error, d tkm.ExpoDocument) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, d); err != nil {
		t.Fatalf("render: %v", err)
	}
	return buf.Bytes()
}

func report(buf *bytes.Buffer, d tkm.ExpoDocument) error    { return pdf.ExpoReportPDF(buf, d) }
func catalogue(buf *bytes.Buffer, d tkm.ExpoDocument) error { return pdf.ExpoCataloguePDF(buf, d) }

// wantText fails the test for every string of want that text lacks.
func wantText(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the text lacks %q", w)
		}
	}
}

func TestDocumentsExpo(t *testing.T) {
	var docs tkm.ExpoDocuments = pdf.Documents{}
	d := sampleExpo(3)
	var r, c bytes.Buffer
	if err := docs.ExpoReportPDF(&r, d); err != nil {
		t.Fatal(err)
	}
	if err := docs.ExpoCataloguePDF(&c, d); err != nil {
		t.Fatal(err)
	}
	wantText(t, readPDF(t, r.Bytes()).text(), "LAPORAN PAMERAN PRODUK TKM")
	wantText(t, readPDF(t, c.Bytes()).text(), "KATALOG PAMERAN PRODUK")
}

func TestExpoDocumentsNeedAnExpo(t *testing.T) {
	for name, d := range map[string]tkm.ExpoDocument{
		"no report": {BaseURL: baseURL},
		"no expo":   {Report: &tkm.ExpoReport{}, BaseURL: baseURL},
	} {
		for doc, write := range map[string]func(*bytes.Buffer, tkm.ExpoDocument) error{"report": report, "catalogue": catalogue} {
			t.Run(name+"/"+doc, func(t *testing.T) {
				if err := write(&bytes.Buffer{}, d); tkm.ErrorCode(err) != tkm.EINVALID {
					t.Errorf("error %v, want code %q", err, tkm.EINVALID)
				}
			})
		}
	}
}

func TestExpoDocumentsSkipMissingEntries(t *testing.T) {
	d := sampleExpo(3)
	d.Report.Expo.Exhibitors = append(d.Report.Expo.Exhibitors, nil)
	d.Groups = append(d.Groups, nil)
	d.Groups[0].Products = append(d.Groups[0].Products, nil)
	for name, write := range map[string]func(*bytes.Buffer, tkm.ExpoDocument) error{"report": report, "catalogue": catalogue} {
		t.Run(name, func(t *testing.T) {
			wantText(t, readPDF(t, renderExpo(t, write, d)).text(), d.Groups[0].Name)
		})
	}
}

// FuzzExpoDocuments feeds arbitrary text to the free-text fields of both
// documents: they must never fail or panic, and must parse back as PDF.
func FuzzExpoDocuments(f *testing.F) {
	f.Add("A1", "Kelompok Café Ma’ruf", "Kopi “Kintamani”", "Renée", "Kopi", "bungkus")
	f.Add("", "", "", "", "", "")
	f.Add(" ", strings.Repeat("W", 300), strings.Repeat("kata ", 400), "王\x00\t\n", "\xff", strings.Repeat("/", 80))
	f.Fuzz(func(t *testing.T, booth, name, story, contact, product, unit string) {
		d := sampleExpo(3)
		x, g := d.Report.Expo.Exhibitors[0], groupByBooth(d, d.Report.Expo.Exhibitors[0].Booth)
		x.Booth, x.GroupName, x.Sector = booth, name, unit
		g.Name, g.Story, g.Contact, g.Sector = name, story, contact, unit
		g.Products[0].Name, g.Products[0].Unit = product, unit
		d.Report.Expo.Name, d.Report.Expo.Venue = name, story
		readPDF(t, renderExpo(t, report, d))
		readPDF(t, renderExpo(t, catalogue, d))
	})
}
