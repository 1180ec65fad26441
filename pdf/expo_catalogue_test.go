package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"testing"

	"github.com/skip2/go-qrcode"

	"tkm"
	"tkm/pdf"
)

// groupURL is the address a booth's QR code must hold.
func groupURL(g *tkm.PublicGroup) string { return baseURL + tkm.PublicGroupPath(g.ID) }

func TestExpoCatalogueText(t *testing.T) {
	d := sampleExpo(6)
	doc := readPDF(t, renderExpo(t, catalogue, d))
	wantText(t, doc.pages[0],
		"KATALOG PAMERAN PRODUK",
		"Pameran Produk TKM 2019",
		"Bali Nusa Dua Convention Center (BNDCC)",
		"19 November 2019 s.d. 21 November 2019",
		"Produk kelompok Tenaga Kerja Mandiri binaan Kementerian Ketenagakerjaan",
		"6 kelompok usaha dari 2 provinsi",
	)
	text := doc.text()
	for _, g := range d.Groups {
		wantText(t, text, g.Name, groupURL(g), g.Contact, "Bidang usaha: "+g.Sector)
	}
	for _, x := range d.Report.Expo.Exhibitors {
		wantText(t, text, "STAN "+x.Booth+" "+x.GroupName)
	}
	wantText(t, text, "Produk 03-3 Rp25.000 per bungkus 500 bungkus", "Kabupaten Tabanan, Bali")
}

func TestExpoCatalogueQRCodesDecode(t *testing.T) {
	d := sampleExpo(6)
	imgs := paletteImages(t, renderExpo(t, catalogue, d))
	if len(imgs) != len(d.Groups) {
		t.Fatalf("%d images for %d booths", len(imgs), len(d.Groups))
	}
	var got, want []string
	for _, img := range imgs {
		u := decodeQR(t, img)
		got = append(got, u)
		if !sameQR(t, img, u) {
			t.Errorf("the image of %s is not go-qrcode's QR code of it", u)
		}
	}
	for _, g := range d.Groups {
		want = append(want, groupURL(g))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the QR codes read %q, want %q", got, want)
	}
}

// sameQR reports whether img has the pixels of go-qrcode's PNG of u at
// img's size.
func sameQR(t *testing.T, img image.Image, u string) bool {
	b, err := qrcode.Encode(u, qrcode.Medium, img.Bounds().Dx())
	if err != nil {
		t.Fatal(err)
	}
	want, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		return false
	}
	for y := range img.Bounds().Dy() {
		for x := range img.Bounds().Dx() {
			if gray(img.At(x, y)) != gray(want.At(x, y)) {
				return false
			}
		}
	}
	return true
}

// gray is the grey level of c.
func gray(c color.Color) uint8 { return color.GrayModel.Convert(c).(color.Gray).Y }

func TestExpoCatalogueBoothOrder(t *testing.T) {
	d := sampleExpo(12)
	text := readPDF(t, renderExpo(t, catalogue, d)).text()
	last := -1
	for i := range 12 {
		at := strings.Index(text, fmt.Sprintf("STAN A%d ", i+1))
		if at < last {
			t.Errorf("booth A%d comes before the booth ahead of it", i+1)
		}
		last = at
	}
}

// fullGroup makes g as large as a block may show and more: a long name,
// story and contact, and ten products with long names.
func fullGroup(g *tkm.PublicGroup) {
	g.Name = "Kelompok Usaha Bersama " + strings.Repeat("Sejahtera Mandiri Makmur ", 6)
	g.Story = strings.Repeat("Kelompok ini mengolah hasil laut menjadi camilan khas daerah. ", 20)
	g.Contact = strings.Repeat("WhatsApp 0812-3456-7890, Instagram @kelompok ", 5)
	g.Products = nil
	for j := range 10 {
		g.Products = append(g.Products, &tkm.Product{Name: fmt.Sprintf("Produk %d ", j+1) + strings.Repeat("keripik ", 20),
			Price: 1_250_000, Unit: "paket hantaran besar", MonthlyCapacity: 1_000_000})
	}
}

func TestExpoCatalogueBlocksStayWhole(t *testing.T) {
	for name, full := range map[string]bool{"sample": false, "full": true} {
		t.Run(name, func(t *testing.T) {
			d := sampleExpo(40)
			if full {
				for _, g := range d.Groups {
					fullGroup(g)
				}
			}
			doc := readPDF(t, renderExpo(t, catalogue, d))
			for _, g := range d.Groups {
				if !onOnePage(doc, "STAN "+boothOf(d, g), groupURL(g)) {
					t.Errorf("the block of %s is split across pages", boothOf(d, g))
				}
			}
			blocks := doc.pages[1:]
			for i, p := range blocks {
				n := strings.Count(p, "STAN ")
				if n > 3 || n < 2 && i < len(blocks)-1 {
					t.Errorf("page %d holds %d blocks, want 2 or 3", i+2, n)
				}
				if want := fmt.Sprintf("Halaman %d dari %d", i+2, len(doc.pages)); !strings.Contains(p, want) {
					t.Errorf("page %d lacks %q", i+2, want)
				}
			}
		})
	}
}

// onOnePage reports whether one page holds both from and to, in order.
func onOnePage(doc document, from, to string) bool {
	for _, p := range doc.pages {
		if i := strings.Index(p, from+" "); i >= 0 {
			return strings.Contains(p[i:], to)
		}
	}
	return false
}

// boothOf is the booth of group g in d.
func boothOf(d tkm.ExpoDocument, g *tkm.PublicGroup) string {
	for _, x := range d.Report.Expo.Exhibitors {
		if x.GroupID == g.ID {
			return x.Booth
		}
	}
	return ""
}

func TestExpoCatalogueCaps(t *testing.T) {
	d := sampleExpo(1)
	fullGroup(d.Groups[0])
	text := readPDF(t, renderExpo(t, catalogue, d)).text()
	wantText(t, text, "dan 6 produk lainnya di halaman kelompok", "Produk 4 keripik", "Rp1.250.000 per paket", "…")
	if strings.Contains(text, "Produk 5 keripik") {
		t.Errorf("a block shows more than four products")
	}
	if n := strings.Count(text, "camilan khas daerah"); n >= 20 {
		t.Errorf("the story is not capped: %d sentences of 20", n)
	}
}

func TestExpoCatalogueShowsOnlyPublicData(t *testing.T) {
	d := sampleExpo(6)
	for i, x := range d.Report.Expo.Exhibitors {
		x.Sales = 7_777_001 + int64(i)
	}
	text := readPDF(t, renderExpo(t, catalogue, d)).text()
	if strings.Contains(text, "7.777.00") {
		t.Errorf("the catalogue shows an exhibitor's sales")
	}
}

func TestExpoCatalogueBoothWithoutPublicRecord(t *testing.T) {
	d := sampleExpo(3)
	g := d.Groups[1]
	d.Groups = slices.Delete(d.Groups, 1, 2)
	doc := readPDF(t, renderExpo(t, catalogue, d))
	wantText(t, doc.text(), "STAN A2 "+g.Name, "Bidang usaha: "+g.Sector, groupURL(g))
}

func TestExpoCatalogueBaseURL(t *testing.T) {
	d := sampleExpo(1)
	d.BaseURL = baseURL + "/"
	wantText(t, readPDF(t, renderExpo(t, catalogue, d)).text(), groupURL(d.Groups[0]))
	for _, base := range []string{"", "tkm.kemnaker.go.id", "/usaha", "ftp://tkm.kemnaker.go.id", "https://"} {
		d.BaseURL = base
		if err := pdf.ExpoCataloguePDF(&bytes.Buffer{}, d); tkm.ErrorCode(err) != tkm.EINVALID {
			t.Errorf("base %q: error %v, want code %q", base, err, tkm.EINVALID)
		}
	}
}

func TestExpoCatalogueNoExhibitors(t *testing.T) {
	d := sampleExpo(0)
	doc := readPDF(t, renderExpo(t, catalogue, d))
	if len(doc.pages) != 1 {
		t.Errorf("a catalogue without exhibitors has %d pages", len(doc.pages))
	}
	wantText(t, doc.text(), "0 kelompok usaha", "Daftar peserta belum tersedia.")
}

func TestExpoCatalogueDeterministic(t *testing.T) {
	a, b := renderExpo(t, catalogue, sampleExpo(40)), renderExpo(t, catalogue, sampleExpo(40))
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings of one catalogue differ (%d and %d bytes)", len(a), len(b))
	}
	if got := readPDF(t, a).info.Key("Title").Text(); got != "Katalog Pameran Produk TKM 2019" {
		t.Errorf("Title = %q", got)
	}
}

func TestExpoCatalogueNonASCIINames(t *testing.T) {
	d := sampleExpo(2)
	g := d.Groups[0]
	g.Name, g.Story, g.Contact = "Kelompok Café Ma’ruf", "Kopi “Kintamani” – sangrai sendiri.", "Renée D’Souza"
	g.Products[0].Name = "Kopi arabika crème"
	d.Report.Expo.Exhibitors[slices.IndexFunc(d.Report.Expo.Exhibitors, func(x *tkm.Exhibitor) bool {
		return x.GroupID == g.ID
	})].GroupName = g.Name
	text := readPDF(t, renderExpo(t, catalogue, d)).text()
	wantText(t, text, "Kelompok Café Ma’ruf", "Kopi “Kintamani” – sangrai sendiri.", "Kontak: Renée D’Souza", "Kopi arabika crème")
}

func TestExpoCatalogueWriteError(t *testing.T) {
	if err := pdf.ExpoCataloguePDF(failWriter{}, sampleExpo(2)); !errors.Is(err, errWrite) {
		t.Errorf("error %v, want it to wrap %v", err, errWrite)
	}
}

func BenchmarkExpoCatalogue(b *testing.B) {
	d := sampleExpo(40)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := pdf.ExpoCataloguePDF(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}
