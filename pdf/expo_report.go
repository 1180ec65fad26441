package pdf

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"

	"tkm"
)

// expoReport is an expo's report being drawn.
type expoReport struct {
	*doc
	tkm.ExpoDocument
	expo   *tkm.Expo
	booths []booth
}

// ExpoReportPDF writes the ministry's report of one expo to w as an A4 PDF
// in Indonesian: letterhead, title, the expo's name, venue, region and
// days; the summary figures (exhibitors, provinces, products shown, total
// sales in digits and in words); the exhibitors per province; every
// exhibitor in booth order with its products and sales and a total row;
// place, date and a signature block for the reporting officer. Figures
// come from d.Report, product counts per booth from d.Groups. The same
// data always gives the same bytes: the document is dated by the expo's
// last day. It fails if d has no expo.
func ExpoReportPDF(w io.Writer, d tkm.ExpoDocument) error {
	e, err := expoOf(d)
	if err != nil {
		return err
	}
	r := &expoReport{doc: newDoc(reportMeta(e)), ExpoDocument: d, expo: e, booths: booths(e, d.Groups)}
	r.letterhead(ministryHead)
	r.heading()
	r.summary()
	r.byProvince()
	r.exhibitors()
	r.closing()
	if err := r.finish(w); err != nil {
		return fmt.Errorf("pdf: expo report %q: %w", e.Name, err)
	}
	return nil
}

// reportMeta is the report's metadata, dated by the expo.
func reportMeta(e *tkm.Expo) meta {
	return meta{
		Title:    expoTitle("Laporan", e),
		Subject:  "Laporan pameran produk kelompok Tenaga Kerja Mandiri: " + e.Name + ", " + e.Venue,
		Keywords: "laporan, pameran, TKM, Tenaga Kerja Mandiri",
		Ref:      expoTitle("Laporan", e),
		Created:  expoCreated(e),
	}
}

// reportLabelW is the width of the labels of the report's particulars.
const reportLabelW = 44.0

// heading writes the title, the expo's name and where and when it was
// held.
func (r *expoReport) heading() {
	r.centered("LAPORAN PAMERAN PRODUK TKM", "BU", 12)
	r.centered(r.expo.Name, "B", 10.5)
	r.gap(4)
	r.fields(0, reportLabelW, []field{
		{"Nama pameran", r.expo.Name},
		{"Tempat", cmp.Or(r.expo.Venue, "-")},
		{"Wilayah", cmp.Or(regionPath(r.Regions, r.expo.RegionCode), "-")},
		{"Tanggal", expoDates(r.expo)},
	})
	r.gap(3)
}

// summary writes the expo's figures.
func (r *expoReport) summary() {
	sales := r.Report.SalesTotal
	r.section("A. Ringkasan", 4*lineH)
	r.fields(0, reportLabelW, []field{
		{"Jumlah peserta", strconv.Itoa(len(r.booths)) + " kelompok usaha"},
		{"Provinsi asal", strconv.Itoa(len(r.provinces())) + " provinsi"},
		{"Produk yang ditampilkan", strconv.Itoa(r.Report.Products) + " produk"},
		{"Total penjualan", tkm.FormatRupiah(sales) + " (" + tkm.TerbilangRupiah(sales) + ")"},
	})
	r.gap(3)
}

// provinces is the number of exhibitors per province code: the report's
// figures, or the booths' when the report has none.
func (r *expoReport) provinces() map[string]int {
	n := map[string]int{}
	for code, count := range r.Report.ExhibitorsByProvince {
		if count > 0 {
			n[code] = count
		}
	}
	if len(n) == 0 {
		return provinceCounts(r.booths)
	}
	return n
}

// provinceColumns are the columns of the exhibitors-per-province table.
var provinceColumns = []column{
	{"No", 10, "C"},
	{"Kode", 18, "C"},
	{"Provinsi", 102, "L"},
	{"Jumlah Kelompok", 40, "R"},
}

// byProvince writes the number of exhibitors per province, in Kemendagri
// code order, with their total.
func (r *expoReport) byProvince() {
	counts := r.provinces()
	codes := slices.Sorted(maps.Keys(counts))
	t := table{cols: provinceColumns}
	total := 0
	for i, code := range codes {
		t.rows = append(t.rows, row{cells: []string{strconv.Itoa(i + 1), code,
			regionName(r.Regions, code), strconv.Itoa(counts[code])}})
		total += counts[code]
	}
	t.rows = append(t.rows, row{cells: []string{"JUMLAH", strconv.Itoa(total)}, span: 3, bold: true})
	r.section("B. Peserta per Provinsi", 2*(tableLineH+2*tablePad))
	r.table(t)
	r.gap(1)
}

// exhibitorColumns are the columns of the exhibitors table: 170 mm.
var exhibitorColumns = []column{
	{"No", 9, "C"},
	{"Stan", 14, "C"},
	{"Kelompok", 42, "L"},
	{"Wilayah", 38, "L"},
	{"Bidang Usaha", 27, "L"},
	{"Produk", 14, "R"},
	{"Penjualan (Rp)", 26, "R"},
}

// exhibitors writes every exhibitor in booth order with a total row.
func (r *expoReport) exhibitors() {
	t := table{cols: exhibitorColumns}
	products, sales := 0, int64(0)
	for i, b := range r.booths {
		n := "-"
		if b.group != nil {
			n = strconv.Itoa(len(b.group.Products))
			products += len(b.group.Products)
		}
		t.rows = append(t.rows, row{cells: []string{strconv.Itoa(i + 1), b.Booth, b.GroupName,
			regencyPath(r.Regions, b.RegionCode), b.Sector, n, tkm.FormatNumber(b.Sales)}})
		sales += b.Sales
	}
	t.rows = append(t.rows, row{cells: []string{"JUMLAH", strconv.Itoa(products), tkm.FormatNumber(sales)},
		span: len(exhibitorColumns) - 2, bold: true})
	r.section("C. Peserta dan Penjualan", 2*(tableLineH+2*tablePad))
	r.table(t)
}

// reportClosing is the closing sentence of the report.
const reportClosing = "Demikian laporan ini dibuat untuk dipergunakan sebagaimana mestinya."

// closing writes the closing sentence, place and date, and the reporting
// officer's signature block, all on one page.
func (r *expoReport) closing() {
	sign := signature{over: []string{"Petugas Pelapor,", "Kementerian Ketenagakerjaan"}}
	r.keep(r.paraHeight(0, reportClosing) + closingGap + r.signaturesHeight([]signature{sign}))
	r.para(0, reportClosing)
	r.gap(closingGap)
	r.signatures(r.dated(), sign)
}

// dated is the place and date above the signature: the expo's place and
// last day, "Badung, 21 November 2019"; dots where either is unknown.
func (r *expoReport) dated() string {
	day := "...................."
	if last := cmp.Or(r.expo.EndsOn, r.expo.StartsOn); !last.IsZero() {
		day = tkm.FormatTanggalPendek(last.Time())
	}
	return cmp.Or(placeName(r.Regions, r.expo.RegionCode), "....................") + ", " + day
}
