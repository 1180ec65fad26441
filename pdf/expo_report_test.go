package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"tkm"
	"tkm/pdf"
)

func TestExpoReportText(t *testing.T) {
	d := sampleExpo(6)
	text := readPDF(t, renderExpo(t, report, d)).text()
	wantText(t, text,
		"KEMENTERIAN KETENAGAKERJAAN REPUBLIK INDONESIA",
		"LAPORAN PAMERAN PRODUK TKM",
		"Pameran Produk TKM 2019",
		"Bali Nusa Dua Convention Center (BNDCC)",
		"Kecamatan Kuta Selatan, Kabupaten Badung, Bali",
		"19 November 2019 s.d. 21 November 2019",
		"Jumlah peserta : 6 kelompok usaha",
		"Provinsi asal : 2 provinsi",
		"Produk yang ditampilkan : 12 produk",
		"Total penjualan : Rp5.250.000 (lima juta dua ratus lima puluh ribu rupiah)",
		"JUMLAH 12 5.250.000", // the total row: products and sales
		"Badung, 21 November 2019",
		"Petugas Pelapor",
		"(.......................................)",
	)
	for _, x := range d.Report.Expo.Exhibitors {
		wantText(t, text, x.Booth+" "+x.GroupName, tkm.FormatNumber(x.Sales))
	}
}

func TestExpoReportByProvince(t *testing.T) {
	text := readPDF(t, renderExpo(t, report, sampleExpo(6))).text()
	// No, code, the province's name from the region table, exhibitors.
	wantText(t, text, "1 11 Aceh 1", "2 51 Bali 5", "JUMLAH 6")
}

func TestExpoReportBoothOrder(t *testing.T) {
	d := sampleExpo(12) // listed shuffled; A2 must come before A10
	text := readPDF(t, renderExpo(t, report, d)).text()
	last := -1
	for i := range 12 {
		g := groupByBooth(d, fmt.Sprintf("A%d", i+1))
		at := strings.Index(text, g.Name)
		if at < last {
			t.Errorf("booth A%d (%s) comes before the booth ahead of it", i+1, g.Name)
		}
		last = at
	}
}

func TestExpoReportManyExhibitorsPaginate(t *testing.T) {
	d := sampleExpo(40) // as at the 2019 expo in Bali
	doc := readPDF(t, renderExpo(t, report, d))
	n := len(doc.pages)
	if n < 2 {
		t.Fatalf("40 exhibitors fit on %d page", n)
	}
	for i, p := range doc.pages {
		if want := fmt.Sprintf("Halaman %d dari %d", i+1, n); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	if !strings.Contains(doc.pages[1], "Penjualan (Rp)") {
		t.Errorf("the exhibitors' heading is not repeated on page 2")
	}
	for _, p := range doc.pages {
		if strings.Contains(p, "JUMLAH 79") && !strings.Contains(p, "A40 ") {
			t.Errorf("the total row stands without the last exhibitor: %q", p)
		}
	}
	wantText(t, doc.text(), "Rp205.000.000 (dua ratus lima juta rupiah)", "8 51 Bali 15")
	for _, x := range d.Report.Expo.Exhibitors {
		wantText(t, doc.text(), x.Booth+" "+x.GroupName)
	}
}

func TestExpoReportDeterministic(t *testing.T) {
	a, b := renderExpo(t, report, sampleExpo(40)), renderExpo(t, report, sampleExpo(40))
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings of one expo differ (%d and %d bytes)", len(a), len(b))
	}
	info := readPDF(t, a).info
	want := map[string]string{
		"Title":        "Laporan Pameran Produk TKM 2019",
		"Author":       "Kementerian Ketenagakerjaan RI",
		"CreationDate": "D:20191121000000", // the expo's last day
	}
	for k, v := range want {
		if got := info.Key(k).Text(); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

func TestExpoReportNonASCIINames(t *testing.T) {
	d := sampleExpo(3)
	x := d.Report.Expo.Exhibitors[0]
	x.GroupName, x.Sector = "Kelompok Café Ma’ruf", "Kerajinan “Tenun” – ikat"
	d.Report.Expo.Name = "Pameran Produk TKM – Édition 2019"
	text := readPDF(t, renderExpo(t, report, d)).text()
	wantText(t, text, "Kelompok Café Ma’ruf", "Kerajinan “Tenun” – ikat", "Pameran Produk TKM – Édition 2019")
}

func TestExpoReportWithoutRegionsOrDates(t *testing.T) {
	d := sampleExpo(2)
	d.Regions = nil
	d.Report.ExhibitorsByProvince = nil // counted from the booths instead
	d.Report.Expo.StartsOn, d.Report.Expo.EndsOn = tkm.Date{}, tkm.Date{}
	doc := readPDF(t, renderExpo(t, report, d))
	wantText(t, doc.text(), "1 51 51 2", "...................., ....................", "Tanggal : -")
	if got := doc.info.Key("CreationDate").Text(); got != "D:20191001080000" {
		t.Errorf("CreationDate = %q, want the expo's record date", got)
	}
}

func TestExpoReportWriteError(t *testing.T) {
	if err := pdf.ExpoReportPDF(failWriter{}, sampleExpo(2)); !errors.Is(err, errWrite) {
		t.Errorf("error %v, want it to wrap %v", err, errWrite)
	}
}

func BenchmarkExpoReport(b *testing.B) {
	d := sampleExpo(40)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := pdf.ExpoReportPDF(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}
